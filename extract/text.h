// Unicode helpers over UTF-8 strings, built on utf8proc.

#ifndef KGREP_EXTRACT_TEXT_H_
#define KGREP_EXTRACT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kgrep {

// True if `text` is valid UTF-8. Otherwise *bad_offset (if given) is the byte
// offset of the first invalid sequence.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// Where byte `pos` of `text` is, as an editor shows it: line and column, both
// from 1, the column in code points (each byte that does not continue a
// UTF-8 sequence counts one), a byte-order mark at the start of the text not
// counted. Line ends are "\n" (a CRLF's CR ends no line).
// REQUIRES: pos <= text.size().
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition PositionOf(std::string_view text, size_t pos);

// "LINE:COLUMN" of PositionOf(text, pos).
std::string LineColumn(std::string_view text, size_t pos);

// "invalid UTF-8 at byte N (0xFF)": what is wrong at `bad`, IsValidUtf8()'s
// *bad_offset, for an error message that names its place with LineColumn().
// N is offset + bad: `offset` is where `text` begins in its file.
std::string InvalidUtf8Message(std::string_view text, size_t bad, size_t offset = 0);

// The reason in a JSON parser's message (nlohmann's what()), for an error
// that names its place itself: without the prefix ("[json.exception.
// parse_error.101] parse error at line 1, column 26: ") and without the bytes
// it last read, which may not be text. "syntax error while parsing value -
// invalid literal; expected end of input".
std::string JsonParseErrorReason(std::string_view what);

// The form used to compare names: compatibility decomposition, accents
// stripped, case folded, curly apostrophes made straight, dots and commas
// dropped, hyphens as spaces, runs of white space collapsed to one space.
// "López Obrador" and "LOPEZ  OBRADOR" fold to the same "lopez obrador".
// REQUIRES: text is valid UTF-8.
std::string Fold(std::string_view text);

// Each character as the lower case of its upper case ("ſ" and "S" -> "s",
// "ς" -> "σ", KELVIN SIGN -> "k"), one code point for one, nothing else
// changed: two characters that a regex's case folding equates come out the
// same. Bytes that are not UTF-8 are copied as they are. Replaces *out.
void FoldLetterCase(std::string_view text, std::string* out);

// Whether FoldLetterCase(text) changes no byte of `text` but A-Z: true of
// most text, which can then be read with A-Z as a-z instead of folded.
bool FoldsAsAscii(std::string_view text);

// Words of `text` separated by white space.
std::vector<std::string> SplitWords(std::string_view text);

// "EBRARD" -> "Ebrard", "GARDUÑO" -> "Garduño", "MCGILL" -> "Mcgill".
// Hyphenated parts are capitalised each: "SHERWOOD-RANDALL" -> "Sherwood-Randall".
std::string TitleCaseWord(std::string_view word);

// True if `word` has a letter and no lowercase letter.
bool IsAllUpper(std::string_view word);

// True if the code point at text[pos] (or just before it) is a letter, a
// digit or a combining mark.
bool IsWordCharAt(std::string_view text, size_t pos);
bool IsWordCharBefore(std::string_view text, size_t pos);

// True if `word` starts with an uppercase letter.
bool StartsUpper(std::string_view word);

// True if `text` holds a quotation mark: " or “ or ”.
bool HasQuotationMark(std::string_view text);

// True if folded `word` is a suffix of a person's name that no one is known
// by: "jr", "jr.", "sr", "sr.", "ii", "iii", "iv" ("Lloyd J. Austin III").
bool IsNameSuffix(std::string_view word);

// Runs of white space (including U+00A0) collapsed to one ASCII space, ends
// trimmed.
std::string CollapseSpaces(std::string_view text);

// Decodes the code point at text[i] into *cp and returns its length in bytes,
// or a value <= 0 if the bytes there are not valid UTF-8.
long DecodeUtf8(std::string_view text, size_t i, int32_t* cp);

// Appends the UTF-8 encoding of code point `cp`.
void AppendUtf8(std::string* out, int32_t cp);

// `text` without a final possessive, "'s" or "’s", unless that is all of it:
// "Canada's" -> "Canada".
std::string_view WithoutPossessive(std::string_view text);

// True if `text` begins with a possessive ending, "'s" or "’s", as a whole:
// "'s invitation", "’s." but not "'sake".
bool StartsWithPossessive(std::string_view text);

// The length in bytes of the dash that joins words `text` begins with, 0 if
// none: a hyphen "-", a non-breaking hyphen "‑" or an en dash "–"
// ("Canada–Philippines"). EndsWithDash(): whether `text` ends with one.
size_t DashLength(std::string_view text);
bool EndsWithDash(std::string_view text);

// Joins with `sep`.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_TEXT_H_
