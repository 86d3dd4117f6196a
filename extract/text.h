// Unicode helpers over UTF-8 strings, built on utf8proc.

#ifndef KGREP_EXTRACT_TEXT_H_
#define KGREP_EXTRACT_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kgrep {

// True if `text` is valid UTF-8. Otherwise *bad_offset (if given) is the byte
// offset of the first invalid sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// The form used to compare names: compatibility decomposition, accents
// stripped, case folded, curly apostrophes made straight, dots and commas
// dropped, hyphens as spaces, runs of white space collapsed to one space.
// "López Obrador" and "LOPEZ  OBRADOR" fold to the same "lopez obrador".
// REQUIRES: text is valid UTF-8.
std::string Fold(std::string_view text);

// Words of `text` separated by white space.
std::vector<std::string> SplitWords(std::string_view text);

// "EBRARD" -> "Ebrard", "GARDUÑO" -> "Garduño", "MCGILL" -> "Mcgill".
// Hyphenated parts are capitalised each: "SHERWOOD-RANDALL" -> "Sherwood-Randall".
std::string TitleCaseWord(std::string_view word);

// True if `word` has a letter and no lowercase letter.
bool IsAllUpper(std::string_view word);

// True if `word` starts with an uppercase letter.
bool StartsUpper(std::string_view word);

// Runs of white space (including U+00A0) collapsed to one ASCII space, ends
// trimmed.
std::string CollapseSpaces(std::string_view text);

// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_TEXT_H_
