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
  std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &hits, &info))
    return info.kind == RE2::Set::kNoError;  // no match, or cannot decide
  std::sort(hits.begin(), hits.end());
  targets->reserve(hits.size());
  for (int i : hits) targets->push_back(targets_[static_cast<size_t>(i)]);
  return true;
}

}  // namespace kgrep
