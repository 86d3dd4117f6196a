#include "extract/pattern_filter.h"

#include <algorithm>

namespace kgrep {

PatternFilter::PatternFilter(const RE2::Options& options)
    : set_(std::make_unique<RE2::Set>(options, RE2::UNANCHORED)) {}

bool PatternFilter::Add(const std::string& pattern, int target, std::string* error) {
  if (compiled_) {
    *error = "filter already compiled";
    return false;
  }
  if (set_->Add(pattern, error) < 0) return false;
  targets_.push_back(target);
  return true;
}

bool PatternFilter::Compile() {
  compiled_ = set_->Compile();
  return compiled_;
}

bool PatternFilter::Match(std::string_view text, std::vector<int>* targets) const {
  targets->clear();
  if (!compiled_) return false;
  // The set's indices go into *targets and are mapped there: no buffer of
  // its own per paragraph or sentence.
  RE2::Set::ErrorInfo info;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), targets, &info)) {
    targets->clear();
    return info.kind == RE2::Set::kNoError;  // no match, or cannot decide
  }
  std::sort(targets->begin(), targets->end());
  for (int& t : *targets) t = targets_[static_cast<size_t>(t)];
  return true;
}

}  // namespace kgrep
