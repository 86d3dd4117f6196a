#include "extract/pattern_filter.h"

#include <algorithm>
#include <map>

#include "extract/text.h"
#include "extract/thread_order.h"

namespace kgrep {

PatternFilter::PatternFilter(const RE2::Options& options, bool literals)
    : options_(options), literals_(literals) {}

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
  pending_.push_back(Pending{re.pattern(), re.ProgramSize(), order});
  return true;
}

void PatternFilter::CompileLiterals() {
  if (pending_.empty() || !literals_) return;
  auto filter = std::make_unique<re2::FilteredRE2>(kMinAtomLength);
  RE2::Options options = options_;
  options.set_log_errors(false);
  std::vector<size_t> added;  // FilteredRE2 index -> index into pending_
  for (size_t i = 0; i < pending_.size(); ++i) {
    int id = -1;
    if (pending_[i].size > kMaxLiteralRule ||
        filter->Add(pending_[i].pattern, options, &id) != RE2::NoError)
      continue;
    added.push_back(i);
  }
  if (added.empty()) return;
  std::vector<std::string> atoms;
  filter->Compile(&atoms);
  // Patterns that pass with no atom at all have no literal to filter on.
  std::vector<int> no_atoms, unfiltered;
  filter->AllPotentials(no_atoms, &unfiltered);
  std::vector<bool> by_literal(added.size(), true);
  for (int u : unfiltered) by_literal[static_cast<size_t>(u)] = false;
  if (std::find(by_literal.begin(), by_literal.end(), true) == by_literal.end()) return;
  // Atoms are lower case; folded, two may become one literal.
  std::map<std::string, std::vector<int>> folded;
  std::string f;
  for (size_t a = 0; a < atoms.size(); ++a) {
    FoldLetterCase(atoms[a], &f);
    folded[f].push_back(static_cast<int>(a));
  }
  std::vector<std::string> literals;
  for (auto& [literal, ids] : folded) {
    literals.push_back(literal);
    atom_ids_.push_back(std::move(ids));
  }
  atoms_ = LiteralSet(literals);
  atoms_.BuildAutomaton(/*upper_as_lower=*/true);  // read over every text the filter sees
  std::vector<bool> moved(pending_.size(), false);
  for (size_t k = 0; k < added.size(); ++k) {
    literal_orders_.push_back(pending_[added[k]].order);
    if (by_literal[k]) moved[added[k]] = true;
  }
  by_literal_ = std::move(by_literal);
  literal_filter_ = std::move(filter);
  std::vector<Pending> rest;
  for (size_t i = 0; i < pending_.size(); ++i)
    if (!moved[i]) rest.push_back(std::move(pending_[i]));
  pending_ = std::move(rest);
}

bool PatternFilter::Compile() {
  if (compiled_ || failed_) return compiled_;
  CompileLiterals();
  // What the literals do not filter goes into sets, if small enough.
  std::vector<Pending> small;
  for (Pending& p : pending_) {
    if (p.size > kMaxFilteredRule)
      always_.push_back(p.order);
    else
      small.push_back(std::move(p));
  }
  pending_ = std::move(small);
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

void PatternFilter::AddLiteralOrders(std::string_view text, std::vector<int>* orders) const {
  if (!literal_filter_) return;
  thread_local std::string folded;
  thread_local std::vector<uint32_t> literals;
  thread_local std::vector<int> atoms, hits;
  // The atoms are folded. The automaton reads A-Z as a-z, so a text whose
  // fold changes nothing else is read as it is, without a folded copy.
  std::string_view in = text;
  if (!atoms_.has_automaton() || !FoldsAsAscii(text)) {
    FoldLetterCase(text, &folded);
    in = folded;
  }
  atoms_.LiteralsIn(in, 0, in.size(), &literals);
  if (literals.empty()) return;
  atoms.clear();
  for (uint32_t l : literals) atoms.insert(atoms.end(), atom_ids_[l].begin(), atom_ids_[l].end());
  std::sort(atoms.begin(), atoms.end());
  literal_filter_->AllPotentials(atoms, &hits);
  for (int h : hits) {
    size_t k = static_cast<size_t>(h);
    if (by_literal_[k]) orders->push_back(static_cast<int>(literal_orders_[k]));
  }
}

bool PatternFilter::AddSetOrders(const Set& s, std::string_view text,
                                 std::vector<int>* orders) const {
  thread_local std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  if (!s.set->Match(re2::StringPiece(text.data(), text.size()), &hits, &info))
    return info.kind == RE2::Set::kNoError;  // else cannot decide
  for (int h : hits) orders->push_back(static_cast<int>(s.orders[static_cast<size_t>(h)]));
  return true;
}

void PatternFilter::ToTargets(std::vector<int>* orders) const {
  for (size_t o : always_) orders->push_back(static_cast<int>(o));
  std::sort(orders->begin(), orders->end());
  for (int& t : *orders) t = targets_[static_cast<size_t>(t)];
}

bool PatternFilter::Match(std::string_view text, std::vector<int>* targets) const {
  // Orders go into *targets first and are mapped there: no buffer of the
  // filter's own per paragraph or sentence.
  targets->clear();
  if (!compiled_) return false;
  AddLiteralOrders(text, targets);
  for (const Set& s : sets_) {
    if (!AddSetOrders(s, text, targets)) {
      targets->clear();
      return false;
    }
  }
  ToTargets(targets);
  return true;
}

void PatternFilter::MatchEach(const std::vector<std::string_view>& texts,
                              std::vector<std::vector<int>>* targets,
                              std::vector<char>* decided) const {
  targets->resize(texts.size());
  for (std::vector<int>& t : *targets) t.clear();
  decided->assign(texts.size(), compiled_ ? 1 : 0);
  if (!compiled_) return;
  for (size_t i = 0; i < texts.size(); ++i) AddLiteralOrders(texts[i], &(*targets)[i]);
  // Each thread from a set of its own, where there are several
  // (extract/thread_order.h): the answer is the same in any order.
  const size_t first = FirstOfWalk(sets_.size());
  for (size_t step = 0; step < sets_.size(); ++step) {
    const Set& s = sets_[(first + step) % sets_.size()];
    for (size_t i = 0; i < texts.size(); ++i) {
      if ((*decided)[i] && !AddSetOrders(s, texts[i], &(*targets)[i])) {
        (*decided)[i] = 0;
        (*targets)[i].clear();
      }
    }
  }
  for (size_t i = 0; i < texts.size(); ++i)
    if ((*decided)[i]) ToTargets(&(*targets)[i]);
}

}  // namespace kgrep
