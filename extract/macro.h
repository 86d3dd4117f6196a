// Macro expansion for rule-pack patterns, and the "did you mean" helper.
//
// In a pattern, {NAME} (upper case) is replaced by the macro NAME, wrapped in
// a non-capturing group. In relation patterns, {Type}, {Type|Type} and
// {group:Type|...} stand for entity slots; {group:*} for a slot of any type.
// Anything else in braces ({2,3}) is left to RE2.

#ifndef KGREP_EXTRACT_MACRO_H_
#define KGREP_EXTRACT_MACRO_H_

#include <map>
#include <string>
#include <vector>

namespace kgrep {

bool IsMacroName(const std::string& name);

// Expands macros (recursively) and, if `slots`, entity slots in `pattern`.
// On error returns false with a message in *error ("undefined macro 'X'",
// "macro cycle A -> B -> A", "unknown entity type 'Persn' in slot") and, if
// the error lies in the body of a macro, that macro's name in *in_macro
// (else "").
bool ExpandPattern(const std::string& pattern, const std::map<std::string, std::string>& macros,
                   bool slots, std::string* out, std::string* error,
                   std::string* in_macro = nullptr);

// The candidate closest to `name` by edit distance, if close enough to be a
// likely typo; otherwise "".
std::string NearestName(const std::string& name, const std::vector<std::string>& candidates);

// Escapes `literal` for use inside an RE2 pattern.
std::string QuoteRegex(const std::string& literal);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_MACRO_H_
