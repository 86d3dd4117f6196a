// One pass over a text that tells which of many patterns match in it at all,
// so that only those need to scan it for their matches and groups.
//
// Matching every rule of a pack separately costs one scan of the text per
// rule; a filter costs one scan (RE2::Set, a single DFA over all patterns)
// and then one scan per pattern that does match, which in transcripts is a
// few per paragraph out of dozens. The answer is exact: a pattern the filter
// leaves out has no match in the text.

#ifndef KGREP_EXTRACT_PATTERN_FILTER_H_
#define KGREP_EXTRACT_PATTERN_FILTER_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kgrep {

class PatternFilter {
 public:
  // `options` must be those the patterns were compiled with on their own.
  explicit PatternFilter(const RE2::Options& options);

  // Adds `pattern`, reported by Match() as `target`. Returns false with
  // *error set if RE2::Set refuses it.
  bool Add(const std::string& pattern, int target, std::string* error);
  // Call once after the last Add(). Returns false if RE2 could not compile the
  // set within the memory budget.
  bool Compile();

  // Sets *targets to the targets of the patterns that match somewhere in
  // `text`, in the order they were added. Returns false when the filter cannot
  // decide (not compiled, or the DFA outgrew its memory budget on this text):
  // the caller must then try every pattern.
  bool Match(std::string_view text, std::vector<int>* targets) const;

 private:
  std::unique_ptr<RE2::Set> set_;
  std::vector<int> targets_;  // by set index
  bool compiled_ = false;
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_PATTERN_FILTER_H_
