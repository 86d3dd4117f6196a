// One pass over a text that tells which of many patterns may match in it, so
// that the others need not scan it for their matches and groups.
//
// Matching every rule of a pack separately costs one scan of the text per
// rule; a filter costs a few scans (RE2::Set: one DFA over several patterns)
// and then one scan per pattern that does match, which in transcripts is a
// few per paragraph out of dozens.
//
// A set's DFA tracks every pattern at once, so its states multiply with the
// patterns it holds: one set of all the entity patterns of the bundled pack
// ran at 6 MB/s (it outgrew 64 MiB and rebuilt itself again and again) where
// the same patterns one by one ran at 20 MB/s and in sets of two to four
// small patterns at 100 MB/s. So the filter holds several small sets, and a
// pattern too large for any set is not filtered at all: a set's scan would
// cost as much as the pattern's own, which must run anyway where it matches.
// Over the 11 small entity patterns of the bundled pack (25 MB of
// paragraphs), three sets of up to four took 0.13 s a pass, two of up to six
// 0.09 s, and one of all eleven 0.06 s, but 0.17 s on its first pass, while
// its automaton was built. A set's automaton is built once per process and
// then serves every document: on the 8 such patterns of the bundled pack
// today, a set of six and one of two took 0.09 s over 5 MB, 0.19 s over 25
// MB and 0.55 s over 100 MB; one set of eight 0.09 s, 0.18 s and 0.42 s.
// Sets of eight, then, under the program limit below.
//
// Cheaper still are literals: most patterns cannot match without one of a
// few words ("thank", "welcome", "delegation"). RE2's FilteredRE2 works out
// which literals each pattern needs (an and-or tree of "atoms"); one pass over
// the text, its case folded (FoldLetterCase()), finds the atoms present with
// a prefix tree (LiteralSet), and FilteredRE2 names the patterns they allow.
// Only the patterns without such literals go into sets; literals also filter
// patterns too large for a set, up to kMaxLiteralRule. On the relation rules
// of the bundled pack (sentences, 25 MB) the literals take 0.12 s where five
// sets took 0.37 s, and leave fewer sentences to scan. Where the literals are
// common words, sets do better (the entity rules: RulePack::mention_filter).
//
// The answer errs only one way: a pattern left out has no match in the text;
// a pattern reported may have none (the unfiltered ones are always reported).

#ifndef KGREP_EXTRACT_PATTERN_FILTER_H_
#define KGREP_EXTRACT_PATTERN_FILTER_H_

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/literal_set.h"

namespace kgrep {

class PatternFilter {
 public:
  // `options` must be those the patterns were compiled with on their own.
  // With `literals` false, sets only.
  explicit PatternFilter(const RE2::Options& options, bool literals = true);

  // Adds `re`'s pattern, reported by Match() as `target`. Returns false with
  // *error set if `re` did not compile.
  bool Add(const RE2& re, int target, std::string* error);
  // Call once after the last Add(). Returns false if RE2 could not compile a
  // set within the memory budget.
  bool Compile();

  // Sets *targets to the targets of the patterns that may match somewhere in
  // `text`, in the order they were added. Returns false when the filter cannot
  // decide (not compiled, or a DFA outgrew its memory budget on this text):
  // the caller must then try every pattern.
  bool Match(std::string_view text, std::vector<int>* targets) const;
  // Match() of each of `texts`: (*decided)[i] is what Match(texts[i],
  // &(*targets)[i]) returns, and (*targets)[i] what it sets. Each set runs
  // over all the texts before the next one starts, so that its automaton
  // stays in the processor's caches: over the paragraphs of 25 MB of the
  // bench corpus, the bundled pack's two entity sets took 0.32 s where a
  // paragraph at a time took 0.42 s.
  void MatchEach(const std::vector<std::string_view>& texts,
                 std::vector<std::vector<int>>* targets, std::vector<char>* decided) const;

  // How many patterns the literals filter, how many sets the others went
  // into, and how many patterns are not filtered at all.
  size_t by_literals() const {
    return static_cast<size_t>(std::count(by_literal_.begin(), by_literal_.end(), true));
  }
  size_t sets() const { return sets_.size(); }
  size_t unfiltered() const { return always_.size(); }

  // Grouping limits, in RE2 program instructions (RE2::ProgramSize()).
  // A pattern larger than this goes into no set.
  static constexpr int kMaxFilteredRule = 10000;
  // A set holds at most this many patterns and this many instructions.
  static constexpr size_t kMaxPatternsPerSet = 8;
  static constexpr int kMaxSetProgram = 60000;
  // Shorter literals are not worth a filter: most texts hold them.
  static constexpr int kMinAtomLength = 3;
  // FilteredRE2 compiles each pattern again: larger ones are not offered to
  // the literals, since their lists (titles, countries) give no short set of
  // literals anyway and compiling them again would add to every load.
  static constexpr int kMaxLiteralRule = 16000;

 private:
  struct Pending {
    std::string pattern;
    int size = 0;
    size_t order = 0;
  };
  struct Set {
    std::unique_ptr<RE2::Set> set;
    std::vector<size_t> orders;  // by set index: the pattern's place in Add() order
  };

  // Moves the patterns of pending_ that need literals into the literal
  // filter, and leaves the others in pending_.
  void CompileLiterals();
  // The steps of Match(), each adding to *orders (Add() order): the
  // patterns the literals of `text` allow; those of set `s` that match in
  // `text` (false if the set cannot decide); then the patterns no set holds,
  // and the orders sorted and made targets.
  void AddLiteralOrders(std::string_view text, std::vector<int>* orders) const;
  bool AddSetOrders(const Set& s, std::string_view text, std::vector<int>* orders) const;
  void ToTargets(std::vector<int>* orders) const;

  RE2::Options options_;
  bool literals_ = true;
  std::vector<Pending> pending_;   // cleared by Compile()
  std::unique_ptr<re2::FilteredRE2> literal_filter_;
  std::vector<size_t> literal_orders_;  // by FilteredRE2 index; empty: none filtered so
  std::vector<bool> by_literal_;        // by FilteredRE2 index: filtered by its literals
  LiteralSet atoms_;                    // folded; place k stands for atom_ids_[k]
  std::vector<std::vector<int>> atom_ids_;  // FilteredRE2's atom indexes
  std::vector<Set> sets_;
  std::vector<size_t> always_;     // orders of the patterns no set holds
  std::vector<int> targets_;       // by order
  bool compiled_ = false;
  bool failed_ = false;
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_PATTERN_FILTER_H_
