// Finding entity mentions: gazetteers and entity rules are matched over each
// paragraph, then the overlap policy keeps one candidate per stretch of text.
//
// Overlap policy: candidates are taken longest first, then by priority (rule
// or gazetteer `priority`, higher wins), then leftmost, then in pack order; a
// candidate that overlaps one already taken loses to it. Losers may be kept
// with their winner, so that `explain` can show them.

#ifndef KGREP_EXTRACT_MATCHER_H_
#define KGREP_EXTRACT_MATCHER_H_

#include <re2/re2.h>

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/rule_pack.h"
#include "extract/text.h"

namespace kgrep {

// A named group of an entity rule that gives an attribute of the mention.
struct Attribute {
  bool present = false;
  Span span;
  std::string text;
};

struct Mention {
  Span span;               // the name, in the cleaned text
  EntityType type = EntityType::kPerson;
  std::string text;        // the name as it stands (person names: honorifics and titles removed)
  std::string rule;        // entity rule id, "gazetteer:ID", "speaker" or "known-name"
  std::vector<std::string> also_rules;  // rules that found the same name and added to it
  int priority = 0;
  GazetteerRef ref;        // where a gazetteer defines it, if it does
  bool demonym = false;    // "Mexican": points to Mexico without naming it
  bool speaker_label = false;
  bool given_name = false; // a given name used in address (EntityRule::given_name)
  bool title_reference = false;  // "the Secretary": its person's title, not a name
  // A person the front matter of a document with no speaker labels names: its
  // speaker, if all such mentions are of one person (RulePack::byline).
  bool byline = false;
  Attribute title;
  Attribute country;
  Attribute agency;
  int sentence = -1;       // -1 for speaker labels
  int entity = -1;         // set by the resolver
};

struct LostCandidate {
  Mention candidate;
  Span winner;             // the span of the mention it lost to
  std::string winner_rule;
};

struct MatchResult {
  std::vector<Mention> mentions;  // sorted by span.begin
  std::vector<LostCandidate> lost;  // empty unless kept (Losers::kKeep)
};

// The matches of a pack's gazetteers and entity rules in one paragraph,
// before the overlap policy: what FindMentions makes mentions of.
struct ParagraphScan {
  // By gazetteer: its matches that begin and end at word boundaries.
  std::vector<std::vector<LiteralSet::Match>> gazetteers;
  // By entity rule: its matches one after another, each as its pattern's
  // NumberOfCapturingGroups() + 1 groups (0: the whole match; null data() for
  // a group that took no part), pointing into Document::clean.
  std::vector<std::vector<re2::StringPiece>> rules;
};
using DocumentScan = std::vector<ParagraphScan>;  // by paragraph

// Sets (*scans)[i] to the scan of every paragraph of *docs[i], the matches
// FindMentions would find by itself. It runs one pattern at a time over all
// the documents' paragraphs, so that each pattern's automaton stays in the
// processor's caches while it runs, where FindMentions alone goes through
// every pattern in each paragraph. On documents of 12 KB, scanning 64 at a
// time made the whole extraction 1.5x faster (bench/README.md). The scans
// point into the documents.
void ScanDocuments(const RulePack& pack, const std::vector<const Document*>& docs,
                   std::vector<DocumentScan>* scans);

// Whether FindMentions keeps the candidates that lost (MatchResult::lost):
// only what shows them needs them, and they are about as many as the
// mentions.
enum class Losers { kKeep, kDrop };

// Finds the mentions of `doc`, speaker labels included. `scan`, if given,
// is ScanDocuments' scan of `doc`; else FindMentions scans each paragraph.
MatchResult FindMentions(const RulePack& pack, const Document& doc,
                         const DocumentScan* scan = nullptr, Losers losers = Losers::kKeep);

// Where the front matter of `doc` ends (a clean offset), 0 if it has none:
// its leading paragraphs that are no prose, at most six ("Remarks by
// Secretary X at Y", a byline, a place and a date).
size_t FrontMatterEnd(const RulePack& pack, const Document& doc);

// Sorts *mentions by span.begin, keeping the order of those that begin at the
// same place: std::stable_sort's result, with each mention moved once.
void SortByBegin(std::vector<Mention>* mentions);

// Whether `folded` (text through Fold()) is one word or more, each a title
// word of the pack: "secretary", "secretary general" ("Secretary-General").
bool AllTitleWords(const RulePack& pack, std::string_view folded);

// Removes honorifics, titles and leading determiners from a person's name as
// written and title-cases an all-capitals name. "MS. DALTON" -> "Dalton",
// "General Luis Cresencio Sandoval" -> "Luis Cresencio Sandoval". Returns ""
// when nothing name-like is left. The name ends before a word of the pack's
// name enders ("X Hosts Governor Y" -> "X"). *skipped (if given) is the
// number of bytes dropped from the front; *length (if given), where in `name`
// what is kept ends, before any trimming of punctuation. A country's name
// goes too, before a title word or after "of" (`after_of`: "of" stands right
// before `name`): "President of Russia Vladimir Putin" -> "Vladimir Putin".
std::string CleanPersonName(const RulePack& pack, std::string_view name, size_t* skipped,
                            size_t* length = nullptr, bool after_of = false);

// The start of the code point after the one at text[pos].
size_t NextCodePoint(std::string_view text, size_t pos);
// The end of the run of letters and digits that starts at text[pos], at most
// `end`: `pos` itself if there is none.
size_t WordEnd(std::string_view text, size_t pos, size_t end);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_MATCHER_H_
