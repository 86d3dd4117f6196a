#include "extract/pattern_filter.h"

#include <algorithm>

namespace kgrep {

PatternFilter::PatternFilter(const RE2::Options& options) : options_(options) {}

bool PatternFilter::Add(const RE2& re, int target, std::string* error) {
  if (compiled_ || failed_) {
    *error = compiled_ ? "filter already compiled" : "filter already failed";
    return false;
  }
  if (!re.ok()) {
    *error = re.error();
    failed_ = true;
    return false;
  }
  size_t order = targets_.size();
  targets_.push_back(target);
  int size = re.ProgramSize();
  if (size > kMaxFilteredRule) {
    always_.push_back(order);
    return true;
  }
  pending_.push_back(Pending{re.pattern(), size, order});
  return true;
}

bool PatternFilter::Compile() {
  if (compiled_ || failed_) return compiled_;
  // In the order added, a new set whenever the current one is full.
  size_t first = 0;
  int program = 0;
  auto flush = [&](size_t end) {
    if (end == first) return true;
    Set s;
    s.set = std::make_unique<RE2::Set>(options_, RE2::UNANCHORED);
    for (size_t i = first; i < end; ++i) {
      std::string error;
      if (s.set->Add(pending_[i].pattern, &error) < 0) return false;
      s.orders.push_back(pending_[i].order);
    }
    if (!s.set->Compile()) return false;
    sets_.push_back(std::move(s));
    first = end;
    program = 0;
    return true;
  };
  for (size_t i = 0; i < pending_.size(); ++i) {
    if (i > first && (i - first == kMaxPatternsPerSet ||
                      program + pending_[i].size > kMaxSetProgram)) {
      if (!flush(i)) return failed_ = true, false;
    }
    program += pending_[i].size;
  }
  if (!flush(pending_.size())) return failed_ = true, false;
  pending_.clear();
  pending_.shrink_to_fit();
  compiled_ = true;
  return true;
}

bool PatternFilter::Match(std::string_view text, std::vector<int>* targets) const {
  targets->clear();
  if (!compiled_) return false;
  // Orders go into *targets first and are mapped there: no buffer of the
  // filter's own per paragraph or sentence.
  thread_local std::vector<int> hits;
  re2::StringPiece input(text.data(), text.size());
  for (const Set& s : sets_) {
    RE2::Set::ErrorInfo info;
    if (!s.set->Match(input, &hits, &info)) {
      if (info.kind != RE2::Set::kNoError) {
        targets->clear();
        return false;  // cannot decide
      }
      continue;
    }
    for (int h : hits) targets->push_back(static_cast<int>(s.orders[static_cast<size_t>(h)]));
  }
  for (size_t o : always_) targets->push_back(static_cast<int>(o));
  std::sort(targets->begin(), targets->end());
  for (int& t : *targets) t = targets_[static_cast<size_t>(t)];
  return true;
}

}  // namespace kgrep
