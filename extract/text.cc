#include "extract/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace kgrep {

namespace {

// Decodes one code point at `i`; returns its length, or -1 if invalid.
utf8proc_ssize_t Decode(std::string_view text, size_t i, utf8proc_int32_t* cp) {
  return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                          static_cast<utf8proc_ssize_t>(text.size() - i), cp);
}

void Append(std::string* out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool IsSpace(utf8proc_int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

// The first place at or after `i` whose byte is not ASCII, or text.size():
// eight bytes at a time while they are ASCII, as most of any text is.
size_t AsciiEnd(std::string_view text, size_t i) {
  uint64_t word;
  while (i + sizeof word <= text.size() &&
         (std::memcpy(&word, text.data() + i, sizeof word), (word & 0x8080808080808080u) == 0))
    i += sizeof word;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace

long DecodeUtf8(std::string_view text, size_t i, int32_t* cp) {
  utf8proc_int32_t c = 0;
  utf8proc_ssize_t n = Decode(text, i, &c);
  *cp = c;
  return static_cast<long>(n);
}

void AppendUtf8(std::string* out, int32_t cp) { Append(out, cp); }

void FoldLetterCase(std::string_view text, std::string* out) {
  // Written in place: out->size() is the room, `w` the length so far. The
  // fold of a code point outside ASCII may be longer than the code point.
  out->resize(text.size());
  size_t w = 0;
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    // Eight ASCII bytes at a time, A-Z lowered: a byte's high bit after
    // adding 0x3F says it is 'A' or above, after adding 0x25 that it is
    // above 'Z' (no carry crosses bytes below 0x80); 0x80 >> 2 is the 0x20
    // between the cases.
    constexpr uint64_t kHigh = 0x8080808080808080u;
    uint64_t word;
    while (i + sizeof word <= n &&
           (std::memcpy(&word, text.data() + i, sizeof word), (word & kHigh) == 0)) {
      const uint64_t upper = (word + 0x3F3F3F3F3F3F3F3Fu) & ~(word + 0x2525252525252525u) & kHigh;
      word |= upper >> 2;
      std::memcpy(out->data() + w, &word, sizeof word);
      i += sizeof word;
      w += sizeof word;
    }
    if (i == n) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      (*out)[w++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = Decode(text, i, &cp);
    if (len <= 0) {
      (*out)[w++] = static_cast<char>(c);
      ++i;
      continue;
    }
    i += static_cast<size_t>(len);
    utf8proc_uint8_t buf[4];
    const size_t folded = static_cast<size_t>(
        utf8proc_encode_char(utf8proc_tolower(utf8proc_toupper(cp)), buf));
    if (w + folded + (n - i) > out->size()) out->resize(w + folded + (n - i));
    std::memcpy(out->data() + w, buf, folded);
    w += folded;
  }
  out->resize(w);
}

bool FoldsAsAscii(std::string_view text) {
  for (size_t i = AsciiEnd(text, 0); i < text.size(); i = AsciiEnd(text, i)) {
    // As FoldLetterCase(): a byte that starts no valid sequence stays as it
    // is; a code point, as the lower case of its upper case.
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = Decode(text, i, &cp);
    if (len <= 0) {
      ++i;
      continue;
    }
    if (utf8proc_tolower(utf8proc_toupper(cp)) != cp) return false;
    i += static_cast<size_t>(len);
  }
  return true;
}

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  for (size_t i = AsciiEnd(text, 0); i < text.size(); i = AsciiEnd(text, i)) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = Decode(text, i, &cp);
    if (n <= 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += static_cast<size_t>(n);
  }
  return true;
}

TextPosition PositionOf(std::string_view text, size_t pos) {
  TextPosition at;
  at.line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + pos, '\n'));
  size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  if (line_start == 0 && pos >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") line_start = 3;
  for (size_t i = line_start; i < pos; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
  return at;
}

std::string LineColumn(std::string_view text, size_t pos) {
  TextPosition at = PositionOf(text, pos);
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string InvalidUtf8Message(std::string_view text, size_t bad, size_t offset) {
  static const char kHex[] = "0123456789ABCDEF";
  const unsigned char c = bad < text.size() ? static_cast<unsigned char>(text[bad]) : 0;
  return "invalid UTF-8 at byte " + std::to_string(offset + bad) + " (0x" + kHex[c >> 4] +
         kHex[c & 15] + ")";
}

std::string JsonParseErrorReason(std::string_view what) {
  std::string reason(what);
  if (size_t colon = reason.find(": "); reason.rfind("[json.exception.", 0) == 0 &&
                                         colon != std::string::npos)
    reason.erase(0, colon + 2);
  if (size_t last = reason.find("; last read: '"); last != std::string::npos) {
    size_t end = reason.find("'; ", last + 14);
    reason.erase(last, end == std::string::npos ? std::string::npos : end + 1 - last);
  }
  return reason;
}

namespace {

// Fold() of a text with a byte outside ASCII: utf8proc's mapping, then the
// same pass as for ASCII.
std::string FoldUnicode(std::string_view text) {
  std::string folded;
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                     UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (n >= 0) {
    folded.assign(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  } else {
    folded.assign(text);  // invalid input: compare bytes as they are
  }
  std::free(mapped);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < folded.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(folded, i, &cp);
    if (len <= 0) {
      cp = static_cast<unsigned char>(folded[i]);
      len = 1;
    }
    i += static_cast<size_t>(len);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) cp = '\'';
    if (cp == '.' || cp == ',') continue;
    if (IsSpace(cp) || cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    Append(&out, cp);
  }
  return out;
}

// Fold() keeps this many folds of texts outside ASCII per thread.
constexpr size_t kFoldCacheEntries = 1 << 14;

}  // namespace

std::string Fold(std::string_view text) {
  // ASCII, by far the most common case, needs only A-Z lowered: compatibility
  // decomposition, stripped marks and case folding leave the rest as it is.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // FoldUnicode()'s last pass, for ASCII.
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
      if (c == '.' || c == ',') continue;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  // Names recur ("Garduño" in every paragraph of a transcript) and utf8proc's
  // mapping costs ten times the lookup: each thread keeps the folds it has
  // made, emptied when full (bounded memory; results never depend on it).
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string key;
  key.assign(text);
  auto hit = cache.find(key);
  if (hit != cache.end()) return hit->second;
  if (cache.size() >= kFoldCacheEntries) cache.clear();
  return cache.emplace(key, FoldUnicode(text)).first->second;
}

namespace {

// Calls word(std::string_view) for each run of non-space characters, in order.
// A byte that starts no valid UTF-8 sequence counts as the code point of its
// value.
template <typename F>
void ForEachWord(std::string_view text, F word) {
  size_t i = 0, start = 0;
  bool in_word = false;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    bool space;
    if (c < 0x80) {
      space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    } else {
      utf8proc_int32_t cp;
      utf8proc_ssize_t n = Decode(text, i, &cp);
      if (n <= 0) {
        cp = c;
        n = 1;
      }
      len = static_cast<size_t>(n);
      space = IsSpace(cp);
    }
    if (space) {
      if (in_word) word(text.substr(start, i - start));
      in_word = false;
    } else if (!in_word) {
      start = i;
      in_word = true;
    }
    i += len;
  }
  if (in_word) word(text.substr(start));
}

}  // namespace

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  ForEachWord(text, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

std::string TitleCaseWord(std::string_view word) {
  std::string out;
  bool start = true;
  size_t i = 0;
  while (i < word.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(word, i, &cp);
    if (len <= 0) {
      out += word[i];
      ++i;
      start = false;
      continue;
    }
    i += static_cast<size_t>(len);
    if (utf8proc_isupper(cp) || utf8proc_islower(cp)) {
      Append(&out, start ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
      start = false;
    } else {
      Append(&out, cp);
      start = (cp == '-' || cp == '\'' || cp == 0x2019) ? (cp == '-') : start;
    }
  }
  return out;
}

namespace {

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

}  // namespace

bool IsWordCharAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  utf8proc_int32_t cp;
  if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp) <= 0)
    return false;
  return IsLetterOrDigit(cp);
}

bool IsWordCharBefore(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return false;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return IsWordCharAt(text, start);
}

bool IsAllUpper(std::string_view word) {
  bool letter = false;
  size_t i = 0;
  while (i < word.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(word, i, &cp);
    if (len <= 0) return false;
    i += static_cast<size_t>(len);
    if (utf8proc_islower(cp)) return false;
    if (utf8proc_isupper(cp)) letter = true;
  }
  return letter;
}

bool StartsUpper(std::string_view word) {
  if (word.empty()) return false;
  utf8proc_int32_t cp;
  if (Decode(word, 0, &cp) <= 0) return false;
  return utf8proc_isupper(cp);
}

bool HasQuotationMark(std::string_view text) {
  return text.find('"') != std::string_view::npos ||
         text.find("\u201C") != std::string_view::npos ||
         text.find("\u201D") != std::string_view::npos;
}

bool IsNameSuffix(std::string_view word) {
  static constexpr std::string_view kSuffixes[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
  return std::find(std::begin(kSuffixes), std::end(kSuffixes), word) != std::end(kSuffixes);
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachWord(text, [&](std::string_view w) {
    if (!out.empty()) out += ' ';
    out += w;
  });
  return out;
}

std::string_view WithoutPossessive(std::string_view text) {
  for (std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (text.size() > poss.size() && text.substr(text.size() - poss.size()) == poss)
      return text.substr(0, text.size() - poss.size());
  return text;
}

bool StartsWithPossessive(std::string_view text) {
  for (std::string_view poss : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (text.substr(0, poss.size()) == poss) {
      if (text.size() == poss.size()) return true;
      // Not a word that goes on: any letter outside ASCII counts as one.
      const unsigned char next = static_cast<unsigned char>(text[poss.size()]);
      return next < 0x80 && !std::isalnum(next);
    }
  return false;
}

namespace {
constexpr std::string_view kDashes[] = {"-", "\xE2\x80\x91", "\xE2\x80\x93"};
}  // namespace

size_t DashLength(std::string_view text) {
  for (std::string_view d : kDashes)
    if (text.substr(0, d.size()) == d) return d.size();
  return 0;
}

bool EndsWithDash(std::string_view text) {
  for (std::string_view d : kDashes)
    if (text.size() >= d.size() && text.substr(text.size() - d.size()) == d) return true;
  return false;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace kgrep
