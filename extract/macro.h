// Macro expansion for rule-pack patterns, and the "did you mean" helper.
//
// In a pattern, {NAME} (upper case) is replaced by the macro NAME, wrapped in
// a non-capturing group. In relation patterns, {Type}, {Type|Type} and
// {group:Type|...} stand for entity slots; {group:*} for a slot of any type.
// Anything else in braces ({2,3}) is left to RE2.

#ifndef KGREP_EXTRACT_MACRO_H_
#define KGREP_EXTRACT_MACRO_H_

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kgrep {

bool IsMacroName(const std::string& name);

// The longest pattern macro expansion may make: 1 MiB, fourteen times the
// longest of the bundled pack, and more than RE2 compiles within its default
// memory budget.
inline constexpr size_t kMaxExpandedPattern = size_t{1} << 20;

// Macros already expanded, to share between the ExpandPattern() calls of one
// set of macros: each macro is then expanded once, however many rules use it.
struct MacroCache {
  std::map<std::pair<std::string, bool>, std::string> expanded;  // (name, slots) -> text
  std::set<std::pair<std::string, bool>> too_large;               // beyond kMaxExpandedPattern
};

// Expands macros (recursively) and, if `slots`, entity slots in `pattern`.
// On error returns false with a message in *error ("undefined macro 'X'",
// "macro cycle A -> B -> A", "unknown entity type 'Persn' in slot") and, if
// the error lies in the body of a macro, that macro's name in *in_macro
// (else ""). A pattern longer than kMaxExpandedPattern once expanded is an
// error of the pattern ("pattern longer than 1048576 bytes once its macros
// are expanded"), found without making it. `cache` may be null.
// REQUIRES: `macros` is the same for every call given the same `cache`.
bool ExpandPattern(const std::string& pattern, const std::map<std::string, std::string>& macros,
                   bool slots, std::string* out, std::string* error,
                   std::string* in_macro = nullptr, MacroCache* cache = nullptr);

// The macros `pattern` uses, and those they use in turn (defined ones only).
std::set<std::string> ReferencedMacros(const std::string& pattern,
                                       const std::map<std::string, std::string>& macros);

// If `pattern` is an alternation of literals and nothing else ("a|b c",
// "(?:a|b\.c)"), stores them unquoted in *forms and returns true. An empty
// alternative, or any operator or class, gives false.
bool LiteralAlternatives(const std::string& pattern, std::vector<std::string>* forms);

// Whether `pattern` may turn on case folding somewhere: a flag group with
// `i` in it, such as (?i) or (?si:...). Errs on the side of true.
bool MayFoldCase(const std::string& pattern);
// The same for any flag: 'm' (multi-line), 's', 'U'.
bool MaySetFlag(const std::string& pattern, char flag);

// `pattern` without its word-boundary assertions (\b and \B), which only
// narrow what it matches. Escaped backslashes and quoted text (\Q...\E)
// are left whole.
std::string WithoutWordBoundaries(const std::string& pattern);

// The candidate closest to `name` by edit distance, if close enough to be a
// likely typo; otherwise "".
std::string NearestName(const std::string& name, const std::vector<std::string>& candidates);

// Escapes `literal` for use inside an RE2 pattern.
std::string QuoteRegex(const std::string& literal);

// A pattern that matches any of `forms` (literals; empty ones are ignored)
// and, where several match at one position, prefers the longest that lets
// the rest of the pattern match: what the alternation of the forms, longest
// first, matches. It is written as a prefix tree ("Costa Rica|Cote
// d'Ivoire" is "Co(?:sta Rica|te d'Ivoire)"), branches in byte order, so
// that RE2 follows one branch per byte instead of every form that starts
// alike: for a list of thousands of forms its automata are several times
// smaller and faster. Under (?i:...) forms that differ only in case are tried
// in byte order, not longest first. "" when no form is left.
std::string AlternationOfForms(std::vector<std::string> forms);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_MACRO_H_
