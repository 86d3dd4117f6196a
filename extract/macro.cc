#include "extract/macro.h"

#include <re2/re2.h>

#include <algorithm>
#include <string_view>

#include "extract/extraction.h"

namespace kgrep {

namespace {

// The regex that matches one slot of the given types ("Person|Agency"), or of
// any type for "*".
bool SlotRegex(const std::string& types, std::string* out, std::string* error) {
  std::string alternatives;
  if (types == "*") {
    for (int i = 0; i < kEntityTypeCount; ++i) {
      if (i) alternatives += "|";
      alternatives += EntityTypeName(static_cast<EntityType>(i));
    }
  } else {
    size_t start = 0;
    while (start <= types.size()) {
      size_t bar = types.find('|', start);
      std::string t = types.substr(start, bar == std::string::npos ? std::string::npos
                                                                   : bar - start);
      EntityType parsed;
      if (!ParseEntityType(t, &parsed)) {
        std::vector<std::string> names = EntityTypeNames();
        *error = "unknown entity type '" + t + "' in slot";
        std::string near = NearestName(t, names);
        if (!near.empty()) *error += "; did you mean '" + near + "'?";
        return false;
      }
      if (!alternatives.empty()) alternatives += "|";
      alternatives += t;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  }
  *out = "\u27e6(?:" + alternatives + ")#[0-9]+\u27e7";
  return true;
}

bool IsLowerIdent(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool LooksLikeTypes(const std::string& s) {
  if (s == "*") return true;
  if (s.empty() || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '|')) return false;
  // Mixed case: macros are all upper case.
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool Expand(const std::string& pattern, const std::map<std::string, std::string>& macros,
            bool slots, std::vector<std::string>* stack, std::string* out, std::string* error,
            MacroCache* cache, bool* too_large) {
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      // \p{Lu}, \x{10FFFF}: the braces belong to the escape.
      char e = pattern[i + 1];
      if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
        size_t close = pattern.find('}', i + 2);
        if (close != std::string::npos) {
          out->append(pattern, i, close + 1 - i);
          i = close + 1;
          continue;
        }
      }
      out->append(pattern, i, 2);
      i += 2;
      continue;
    }
    if (c != '{') {
      *out += c;
      ++i;
      continue;
    }
    size_t close = pattern.find('}', i);
    if (close == std::string::npos) {
      out->append(pattern, i, std::string::npos);
      break;
    }
    std::string inner = pattern.substr(i + 1, close - i - 1);
    if (IsMacroName(inner)) {
      auto it = macros.find(inner);
      if (it == macros.end()) {
        *error = "undefined macro '" + inner + "'";
        std::vector<std::string> names;
        for (const auto& kv : macros) names.push_back(kv.first);
        std::string near = NearestName(inner, names);
        if (!near.empty()) *error += "; did you mean '" + near + "'?";
        return false;
      }
      if (std::find(stack->begin(), stack->end(), inner) != stack->end()) {
        *error = "macro cycle ";
        for (const auto& s : *stack) *error += s + " -> ";
        *error += inner;
        return false;
      }
      // Each macro is expanded once per cache, and its length checked before
      // it is copied: nine macros each using the one before nine times
      // would otherwise take 9^9 copies (a "billion laughs").
      const std::pair<std::string, bool> key(inner, slots);
      if (cache && cache->too_large.count(key)) {
        *too_large = true;
        return false;
      }
      const std::string* body = nullptr;
      std::string fresh;
      if (cache) {
        auto hit = cache->expanded.find(key);
        if (hit != cache->expanded.end()) body = &hit->second;
      }
      if (!body) {
        stack->push_back(inner);
        if (!Expand(it->second, macros, slots, stack, &fresh, error, cache, too_large)) {
          if (*too_large && cache) cache->too_large.insert(key);
          return false;
        }
        stack->pop_back();
        body = cache ? &(cache->expanded[key] = std::move(fresh)) : &fresh;
      }
      if (out->size() + body->size() + 4 > kMaxExpandedPattern) {
        if (cache) cache->too_large.insert(key);
        *too_large = true;
        return false;
      }
      *out += "(?:";
      *out += *body;
      *out += ")";
      i = close + 1;
      continue;
    }
    if (slots) {
      std::string group, types = inner;
      size_t colon = inner.find(':');
      if (colon != std::string::npos) {
        group = inner.substr(0, colon);
        types = inner.substr(colon + 1);
      }
      if ((group.empty() || IsLowerIdent(group)) && LooksLikeTypes(types)) {
        std::string slot;
        if (!SlotRegex(types, &slot, error)) return false;
        if (group.empty()) {
          *out += slot;
        } else {
          *out += "(?P<" + group + ">" + slot + ")";
        }
        i = close + 1;
        continue;
      }
    }
    *out += c;  // a repetition such as {2,3}: RE2's business
    ++i;
  }
  return true;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

bool IsMacroName(const std::string& name) {
  if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool ExpandPattern(const std::string& pattern, const std::map<std::string, std::string>& macros,
                   bool slots, std::string* out, std::string* error, std::string* in_macro,
                   MacroCache* cache) {
  out->clear();
  std::vector<std::string> stack;
  bool too_large = false;
  bool ok = Expand(pattern, macros, slots, &stack, out, error, cache, &too_large);
  if (ok && out->size() > kMaxExpandedPattern) too_large = true;
  if (too_large) {
    // The pattern's fault, not the macros': each may be fine on its own.
    *error = "pattern longer than " + std::to_string(kMaxExpandedPattern) +
             " bytes once its macros are expanded";
    out->clear();
    if (in_macro) in_macro->clear();
    return false;
  }
  if (in_macro) *in_macro = ok || stack.empty() ? "" : stack.back();
  return ok;
}

std::string NearestName(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::string::npos;
  for (const auto& c : candidates) {
    size_t d = EditDistance(name, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  // Ninja's rule of thumb: a third of the length, at least one edit.
  size_t allowed = std::max<size_t>(1, name.size() / 3);
  return best_distance <= allowed ? best : "";
}

std::set<std::string> ReferencedMacros(const std::string& pattern,
                                       const std::map<std::string, std::string>& macros) {
  std::set<std::string> found;
  std::vector<const std::string*> todo = {&pattern};
  while (!todo.empty()) {
    const std::string& p = *todo.back();
    todo.pop_back();
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '\\') {
        ++i;  // the escaped character; \x{..} and \p{..} hold no macro name
        continue;
      }
      if (p[i] != '{') continue;
      size_t close = p.find('}', i);
      if (close == std::string::npos) break;
      std::string inner = p.substr(i + 1, close - i - 1);
      auto it = macros.find(inner);
      if (IsMacroName(inner) && it != macros.end() && found.insert(inner).second)
        todo.push_back(&it->second);
      i = close;
    }
  }
  return found;
}

bool LiteralAlternatives(const std::string& pattern, std::vector<std::string>* forms) {
  std::string_view p = pattern;
  if (p.size() >= 4 && p.substr(0, 3) == "(?:" && p.back() == ')') {
    // Only if that parenthesis closes at the end: "(?:a)|(?:b)" is not one group.
    p = p.substr(3, p.size() - 4);
    if (p.find_first_of("()") != std::string_view::npos) return false;
  }
  forms->clear();
  std::string current;
  for (size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '|') {
      if (current.empty()) return false;
      forms->push_back(std::move(current));
      current.clear();
      continue;
    }
    char c = p[i];
    if (c == '\\') {
      if (i + 1 == p.size()) return false;
      char e = p[i + 1];
      // \. \- \' are the character; \d, \b, \x.. are not literals.
      if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9') ||
          static_cast<unsigned char>(e) >= 0x80)
        return false;
      current += e;
      ++i;
      continue;
    }
    if (std::string_view(".^$?*+()[]{}").find(c) != std::string_view::npos) return false;
    current += c;
  }
  return !forms->empty();
}

bool MaySetFlag(const std::string& pattern, char flag) {
  for (size_t i = 0; i + 2 < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
      continue;
    }
    if (pattern[i] != '(' || pattern[i + 1] != '?') continue;
    for (size_t j = i + 2; j < pattern.size(); ++j) {
      char c = pattern[j];
      if (c == flag) return true;
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) break;
    }
  }
  return false;
}

bool MayFoldCase(const std::string& pattern) { return MaySetFlag(pattern, 'i'); }

std::string QuoteRegex(const std::string& literal) { return RE2::QuoteMeta(literal); }

std::string WithoutWordBoundaries(const std::string& pattern) {
  // RE2 takes no \b in a class: every one is an assertion, unless quoted.
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '\\' || i + 1 == pattern.size()) {
      out += pattern[i];
      continue;
    }
    const char next = pattern[i + 1];
    if (next == 'Q') {  // \Q...\E: literal text
      const size_t close = pattern.find("\\E", i + 2);
      const size_t stop = close == std::string::npos ? pattern.size() : close + 2;
      out.append(pattern, i, stop - i);
      i = stop - 1;
      continue;
    }
    if (next != 'b' && next != 'B') out.append(pattern, i, 2);
    ++i;
  }
  return out;
}

namespace {

// The prefix tree of sorted, unique forms: forms[begin, end) share their
// first `depth` bytes; appends the pattern of what follows them to *out.
// Branches are cut at character boundaries, so that each piece quoted is
// whole UTF-8.
void AppendPrefixTree(const std::vector<std::string>& forms, size_t begin, size_t end,
                      size_t depth, std::string* out) {
  // A form that ends here is the range's first (sorted); the others extend it.
  bool ends_here = forms[begin].size() == depth;
  if (ends_here) ++begin;
  if (begin == end) return;
  // One piece per character that follows, each the length of the character
  // in the first form of its branch (forms that agree on a lead byte agree on
  // the length of a valid character).
  auto char_length = [](const std::string& s, size_t at) {
    unsigned char c = static_cast<unsigned char>(s[at]);
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return std::min(n, s.size() - at);
  };
  std::vector<std::pair<size_t, size_t>> branches;  // ranges sharing their next character
  for (size_t i = begin; i < end;) {
    size_t n = char_length(forms[i], depth);
    size_t j = i + 1;
    while (j < end && forms[j].compare(depth, n, forms[i], depth, n) == 0 &&
           forms[j].size() >= depth + n)
      ++j;
    branches.emplace_back(i, j);
    i = j;
  }
  bool group = ends_here || branches.size() > 1;
  if (group) *out += "(?:";
  for (size_t b = 0; b < branches.size(); ++b) {
    auto [i, j] = branches[b];
    if (b > 0) *out += '|';
    // The longest run of characters all forms of the branch share, cut where
    // one of them ends.
    size_t stop = depth + char_length(forms[i], depth);
    while (stop < forms[i].size()) {
      size_t n = char_length(forms[i], stop);
      bool shared = true;
      for (size_t k = i + 1; k < j && shared; ++k)
        shared = forms[k].size() >= stop + n && forms[k].compare(stop, n, forms[i], stop, n) == 0;
      if (!shared) break;
      stop += n;
    }
    *out += QuoteRegex(forms[i].substr(depth, stop - depth));
    AppendPrefixTree(forms, i, j, stop, out);
  }
  if (group) *out += ends_here ? ")?" : ")";
}

}  // namespace

std::string AlternationOfForms(std::vector<std::string> forms) {
  forms.erase(std::remove(forms.begin(), forms.end(), std::string()), forms.end());
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::string out;
  if (!forms.empty()) AppendPrefixTree(forms, 0, forms.size(), 0, &out);
  return out;
}

}  // namespace kgrep
