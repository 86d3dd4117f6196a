// A document as kgrep reads it: the original bytes, a cleaned copy with a map
// back to the original offsets, and its segmentation into turns (who speaks),
// paragraphs and sentences.
//
// Cleaning drops a leading byte-order mark and makes every line end "\n"
// (CRLF, CR); then removes what the pack's cleanup rules match in that text
// (site chrome), markdown escapes and emphasis marks, and turns non-breaking
// spaces and control characters into spaces. With join_wrapped_lines, the line
// ends inside a paragraph become spaces, so that a name broken across a line
// end still matches; but not after a line ending in two spaces, before an
// item of a list, or after a short line of the front matter (below). All
// spans below are byte offsets into `clean`.

#ifndef KGREP_EXTRACT_DOCUMENT_H_
#define KGREP_EXTRACT_DOCUMENT_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rule_pack.h"
#include "extract/status.h"

namespace kgrep {

struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
};

struct Sentence {
  Span span;
  int paragraph = 0;
  int turn = 0;
  // 0 for the first sentence of its turn. Stage directions ("(As
  // interpreted.)", "[Applause]") are not counted: the sentence after one
  // has the number the direction has.
  int index_in_turn = 0;
};

struct Paragraph {
  Span span;       // the whole paragraph, speaker label included
  Span body;       // without the speaker label
  int turn = 0;
  std::vector<int> sentences;
};

struct Turn {
  bool has_speaker = false;  // false for text before the first label, or no labels
  bool anonymous = false;    // a label that names nobody (Q, OPERATOR)
  Span label;                // the label's speaker text ("FOREIGN SECRETARY EBRARD")
  Span country;              // the country the label gives ("Mr. X (France):"), if any
  std::vector<int> paragraphs;
};

// Clean offset -> original offset, for every clean byte and one past the
// end. Cleaning drops a few bytes here and there (a carriage return, a
// markdown mark) and keeps the rest in runs, so the map stores only where a
// run starts: a few bytes per line instead of eight per byte of text.
class OffsetMap {
 public:
  // Appends the original offset of the next clean byte.
  // REQUIRES: `original` is greater than the last offset appended.
  void push_back(size_t original) {
    if (runs_.empty() || original - runs_.back().original != size_ - runs_.back().clean)
      runs_.push_back(Run{size_, original});
    ++size_;
  }
  // Appends `count` offsets: original, original + 1, ...
  // REQUIRES: `original` is greater than the last offset appended.
  void push_run(size_t original, size_t count) {
    if (count == 0) return;
    push_back(original);
    size_ += count - 1;
  }
  size_t size() const { return size_; }
  // REQUIRES: clean < size().
  size_t operator[](size_t clean) const {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), clean,
                               [](size_t c, const Run& r) { return c < r.clean; });
    --it;
    return it->original + (clean - it->clean);
  }
  size_t back() const { return (*this)[size_ - 1]; }

  // Reads offsets in increasing order, in constant time each: what
  // operator[] gives, without its binary search.
  class Reader {
   public:
    explicit Reader(const OffsetMap& map) : map_(map) {}
    // REQUIRES: clean < map.size(), and no less than in the previous call.
    size_t operator()(size_t clean) {
      while (next_ < map_.runs_.size() && map_.runs_[next_].clean <= clean) ++next_;
      const Run& run = map_.runs_[next_ - 1];
      return run.original + (clean - run.clean);
    }
    // After (*this)(clean): how many offsets from `clean` on follow each
    // other in the original (clean included).
    size_t RunLength(size_t clean) const {
      size_t end = next_ < map_.runs_.size() ? map_.runs_[next_].clean : map_.size_;
      return end - clean;
    }

   private:
    const OffsetMap& map_;
    size_t next_ = 0;  // the first run that starts after the last offset read
  };

 private:
  struct Run {
    size_t clean;     // first clean offset of the run
    size_t original;  // its original offset
  };
  std::vector<Run> runs_;
  size_t size_ = 0;
};

struct Document {
  std::string name;          // as given (path or id)
  std::string original;
  std::string clean;
  OffsetMap to_original;  // clean offset -> original offset; size clean.size()+1

  std::vector<Turn> turns;
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  // The paragraph that closes a letter (RulePack::closing), -1 if none: the
  // paragraphs after it are its signature, their lines kept as they are.
  int closing = -1;

  std::string_view Text(Span span) const {
    return std::string_view(clean).substr(span.begin, span.size());
  }
  size_t OriginalOffset(size_t clean_offset) const { return to_original[clean_offset]; }
  // The sentence containing clean offset `pos`, or -1.
  int SentenceAt(size_t pos) const;
};

// Cleans and segments `text`. Fails on invalid UTF-8 and on a NUL byte
// (binary data), naming line, column and byte; on UTF-16 (a UTF-16
// byte-order mark); and on a document with no text left after cleaning.
Status SegmentDocument(const RulePack& pack, std::string name, std::string text, Document* doc);

// The front matter of a document (headline, byline, dateline) is its leading
// paragraphs, at most this many, up to the first that reads as prose. Its
// lines of fewer than kShortestWrappedLine bytes keep their line ends, even
// with join_wrapped_lines: "Press Statement / Secretary of State X / October
// 2, 2025" is three lines, not a name running into a date. (Text wrapped to
// a width fills its lines to 60 bytes or more.)
constexpr size_t kFrontMatterParagraphs = 6;
// A letter's closing is among its last paragraphs, this many at most, and
// is a paragraph of at most kLongestClosing bytes ("Very respectfully
// yours,"); no longer paragraph is matched against the pack's pattern.
constexpr size_t kSignatureParagraphs = 4;
constexpr size_t kLongestClosing = 40;
constexpr size_t kShortestWrappedLine = 40;
// A paragraph of more words than this is prose.
constexpr size_t kFrontMatterWords = 45;

// Whether a paragraph reads as prose: many words, or a sentence's end at its
// end (not an abbreviation's period: "Washington, D.C.").
bool IsProse(const RulePack& pack, std::string_view text);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_DOCUMENT_H_
