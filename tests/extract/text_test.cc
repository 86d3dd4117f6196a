#include "extract/text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

// Pairs of strings that fold to the same thing, and what that is.
struct FoldCase {
  const char* text;
  const char* folded;
};

const FoldCase kFoldCases[] = {
    // Accents and case.
    {"L\xC3\xB3pez Obrador", "lopez obrador"},
    {"LOPEZ  OBRADOR", "lopez obrador"},
    {"Gardu\xC3\xB1o", "garduno"},
    {"M\xC3\x9CLLER", "muller"},
    {"\xC3\x89lys\xC3\xA9" "e", "elysee"},
    // Decomposed input folds like precomposed input: e + U+0301.
    {"Lo\xCC\x81pez", "lopez"},
    // Case folding, not lower-casing: sharp s.
    {"Stra\xC3\x9F" "e", "strasse"},
    // Compatibility forms: the ligature fi.
    {"\xEF\xAC\x81nance", "finance"},
    // Curly apostrophes made straight.
    {"O\xE2\x80\x99" "Brien", "o'brien"},
    {"O\xE2\x80\x98" "Brien", "o'brien"},
    {"O'Brien", "o'brien"},
    // Dots and commas dropped.
    {"U.S.", "us"},
    {"Washington, D.C.", "washington dc"},
    {"J. B. Pritzker", "j b pritzker"},
    // Hyphens (ASCII, U+2010, U+2011, U+2013) are spaces.
    {"Sherwood-Randall", "sherwood randall"},
    {"Sherwood\xE2\x80\x90Randall", "sherwood randall"},
    {"Sherwood\xE2\x80\x91Randall", "sherwood randall"},
    {"Sherwood \xE2\x80\x93 Randall", "sherwood randall"},
    // White space of any kind collapses; the ends are trimmed.
    {"  Ingrid\t\tWeber \n", "ingrid weber"},
    {"Ingrid\xC2\xA0Weber", "ingrid weber"},
    {"Ingrid\xE2\x80\x89Weber", "ingrid weber"},
    {"- Weber -", "weber"},
    {"", ""},
    {" . , ", ""},
};

TEST(TextTest, Fold) {
  for (const FoldCase& c : kFoldCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(c.folded, Fold(c.text));
  }
}

// ASCII takes a shortcut; a text with one accented letter takes the general
// path (utf8proc). Both must fold ASCII alike: "x" + "é" folds as "x" + "e".
TEST(TextTest, FoldOfAsciiIsThatOfTheGeneralPath) {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> byte(0, 0x7F);
  std::uniform_int_distribution<size_t> length(0, 24);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (size_t n = length(random); n > 0; --n) text += static_cast<char>(byte(random));
    EXPECT_EQ(Fold(text + "e"), Fold(text + "\xC3\xA9")) << ::testing::PrintToString(text);
  }
  EXPECT_EQ("a b \x01" "c", Fold("A\tB-\x01" "C"));  // control characters are kept
}

TEST(TextTest, FoldMakesSpellingsOfOneNameEqual) {
  EXPECT_EQ(Fold("L\xC3\xB3pez Obrador"), Fold("LOPEZ  OBRADOR"));
  EXPECT_EQ(Fold("Chidi Okafor"), Fold("CHIDI OKAFOR"));
  EXPECT_EQ(Fold("Cote d\xE2\x80\x99Ivoire"), Fold("C\xC3\xB4te d'Ivoire"));
  EXPECT_NE(Fold("Weber"), Fold("Webber"));
}

// Folds of texts outside ASCII are kept per thread, and dropped when there
// are too many: a fold never depends on what was folded before.
TEST(TextTest, FoldOutsideAsciiDoesNotDependOnEarlierFolds) {
  auto name = [](int i) {
    return "Gardu\xC3\xB1o " + std::to_string(i) + " \xC3\x89" "LYS\xC3\x89" "E";
  };
  std::vector<std::string> first;
  for (int i = 0; i < 40000; ++i) first.push_back(Fold(name(i)));
  EXPECT_EQ("garduno 7 elysee", first[7]);
  for (int i = 39999; i >= 0; --i) ASSERT_EQ(first[static_cast<size_t>(i)], Fold(name(i))) << i;
  EXPECT_EQ(Fold("Garduno 12 Elysee"), Fold(name(12)));
}

struct Utf8Case {
  const char* name;
  std::string text;
  bool valid;
  size_t bad_offset;  // when !valid
};

const Utf8Case kUtf8Cases[] = {
    {"empty", "", true, 0},
    {"ascii", "Weber", true, 0},
    {"two-byte", "Gardu\xC3\xB1o", true, 0},
    {"three-byte", "O\xE2\x80\x99" "Brien", true, 0},
    {"four-byte", "ok \xF0\x9F\x98\x80", true, 0},
    {"nul byte", std::string("a\0b", 3), true, 0},
    {"byte ff", "ab\xFF" "cd", false, 2},
    {"lone continuation", "a\x80" "b", false, 1},
    {"truncated two-byte at end", "Gardu\xC3", false, 5},
    {"bad continuation", "abc\xC3\x28", false, 3},
    {"truncated three-byte", "x\xE2\x82", false, 1},
    {"overlong slash", "\xC0\xAF", false, 0},
    {"overlong three-byte", "ab\xE0\x80\xAF", false, 2},
    {"surrogate", "\xED\xA0\x80", false, 0},
    {"above U+10FFFF", "\xF4\x90\x80\x80", false, 0},
    {"after a valid accent", "\xC3\xA9\xFF", false, 2},
    {"first of two errors", "ok\xC3\xB1\xC3\xB1 \xFE \xFF", false, 7},
    // ASCII is passed over eight bytes at a time: errors at and inside such runs.
    {"after sixteen ascii bytes", "0123456789abcdef\xFF", false, 16},
    {"inside an eight-byte run", "0123456789abcde\xFF" "xyz", false, 15},
    {"long ascii then an accent", "01234567" "89abcdef" "Gardu\xC3\xB1o", true, 0},
    {"after an accent and a run", "\xC3\xB1" "abcdefgh" "ij\x80", false, 12},
};

TEST(TextTest, IsValidUtf8) {
  for (const Utf8Case& c : kUtf8Cases) {
    SCOPED_TRACE(c.name);
    size_t bad = 12345;
    EXPECT_EQ(c.valid, IsValidUtf8(c.text, &bad));
    if (c.valid) {
      EXPECT_EQ(12345u, bad) << "bad_offset is left alone on success";
    } else {
      EXPECT_EQ(c.bad_offset, bad);
    }
    // The offset is optional.
    EXPECT_EQ(c.valid, IsValidUtf8(c.text));
  }
}

TEST(TextTest, PositionOfCountsLinesAndCodePoints) {
  struct Case {
    const char* name;
    std::string text;
    size_t pos;
    size_t line, column;
  };
  const Case cases[] = {
      {"start", "abc", 0, 1, 1},
      {"end of the text", "abc", 3, 1, 4},
      {"a newline ends its line", "ab\ncd", 2, 1, 3},
      {"after a newline", "ab\ncd", 3, 2, 1},
      {"third line", "a\n\nbc", 4, 3, 2},
      {"two-byte letters count one", "G\xC3\xB3mez", 3, 1, 3},
      {"a four-byte emoji counts one", "\xF0\x9F\x98\x80x", 4, 1, 2},
      {"a CR before LF is a column", "a\r\nb", 1, 1, 2},
      {"a byte-order mark is not a column", "\xEF\xBB\xBF" "ab", 5, 1, 3},
      {"only at the start", "x\n\xEF\xBB\xBF" "a", 5, 2, 2},
      // Invalid bytes that start no sequence count one each.
      {"after invalid bytes", "\xFF\xFEx", 2, 1, 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const TextPosition at = PositionOf(c.text, c.pos);
    EXPECT_EQ(c.line, at.line);
    EXPECT_EQ(c.column, at.column);
    EXPECT_EQ(std::to_string(c.line) + ":" + std::to_string(c.column), LineColumn(c.text, c.pos));
  }
}

TEST(TextTest, InvalidUtf8MessageNamesTheByte) {
  size_t bad = 0;
  const std::string text = "caf\xC3(";
  ASSERT_FALSE(IsValidUtf8(text, &bad));
  EXPECT_EQ("invalid UTF-8 at byte 3 (0xC3)", InvalidUtf8Message(text, bad));
  EXPECT_EQ("invalid UTF-8 at byte 0 (0x0A)", InvalidUtf8Message("\n", 0));
}

TEST(TextTest, JsonParseErrorReasonKeepsOnlyTheReason) {
  EXPECT_EQ("syntax error while parsing value - invalid literal; expected end of input",
            JsonParseErrorReason("[json.exception.parse_error.101] parse error at line 1, "
                                 "column 26: syntax error while parsing value - invalid "
                                 "literal; last read: '\"a\"}x'; expected end of input"));
  // The bytes last read go even when nothing follows them.
  EXPECT_EQ("syntax error while parsing value - invalid literal",
            JsonParseErrorReason("[json.exception.parse_error.101] parse error at line 1, "
                                 "column 2: syntax error while parsing value - invalid "
                                 "literal; last read: 'no'"));
  // A message of another form is kept whole.
  EXPECT_EQ("unexpected end", JsonParseErrorReason("unexpected end"));
}

TEST(TextTest, TitleCaseWord) {
  const std::pair<const char*, const char*> cases[] = {
      {"EBRARD", "Ebrard"},
      {"GARDU\xC3\x91O", "Gardu\xC3\xB1o"},
      {"SHERWOOD-RANDALL", "Sherwood-Randall"},
      {"MCGILL", "Mcgill"},
      {"\xC3\x89LYS\xC3\x89" "E", "\xC3\x89lys\xC3\xA9" "e"},
      {"weber", "Weber"},
      {"Weber", "Weber"},
      {"wEBER", "Weber"},
      {"AL-SUDANI", "Al-Sudani"},
      {"G7", "G7"},
      {"DALTON:", "Dalton:"},
      {"", ""},
  };
  for (const auto& [word, want] : cases) {
    SCOPED_TRACE(word);
    EXPECT_EQ(want, TitleCaseWord(word));
  }
}

TEST(TextTest, SplitWords) {
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"Ingrid Weber", {"Ingrid", "Weber"}},
      {"Ingrid\xC2\xA0Weber", {"Ingrid", "Weber"}},  // U+00A0
      {"Q\xC2\xA0\xC2\xA0What next?", {"Q", "What", "next?"}},
      {"  a \t b\r\n c\f", {"a", "b", "c"}},
      {"Ingrid\xE2\x80\x89Weber", {"Ingrid", "Weber"}},  // U+2009 thin space
      {"Gardu\xC3\xB1o O\xE2\x80\x99" "Brien", {"Gardu\xC3\xB1o", "O\xE2\x80\x99" "Brien"}},
      {"", {}},
      {" \xC2\xA0 ", {}},
  };
  for (const auto& [text, want] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(want, SplitWords(text));
  }
}

TEST(TextTest, IsAllUpperAndStartsUpper) {
  EXPECT_TRUE(IsAllUpper("EBRARD"));
  EXPECT_TRUE(IsAllUpper("MS."));
  EXPECT_TRUE(IsAllUpper("GARDU\xC3\x91O"));
  EXPECT_TRUE(IsAllUpper("G7"));
  EXPECT_FALSE(IsAllUpper("Ebrard"));
  EXPECT_FALSE(IsAllUpper("GARDU\xC3\xB1O"));
  EXPECT_FALSE(IsAllUpper("123"));
  EXPECT_FALSE(IsAllUpper(""));

  EXPECT_TRUE(StartsUpper("Weber"));
  EXPECT_TRUE(StartsUpper("\xC3\x89lys\xC3\xA9" "e"));
  EXPECT_FALSE(StartsUpper("\xC3\xA9lan"));
  EXPECT_FALSE(StartsUpper("1st"));
  EXPECT_FALSE(StartsUpper(""));
  EXPECT_FALSE(StartsUpper("\xC3"));  // truncated
}

TEST(TextTest, CollapseSpacesAndJoin) {
  EXPECT_EQ("a b c", CollapseSpaces("  a\xC2\xA0\xC2\xA0" "b \r\n c "));
  EXPECT_EQ("", CollapseSpaces(" \n "));
  EXPECT_EQ("a, b, c", Join({"a", "b", "c"}, ", "));
  EXPECT_EQ("a", Join({"a"}, ", "));
  EXPECT_EQ("", Join({}, ", "));
}

TEST(TextTest, WithoutPossessive) {
  EXPECT_EQ("Canada", WithoutPossessive("Canada's"));
  EXPECT_EQ("Canada", WithoutPossessive("Canada\xE2\x80\x99s"));
  EXPECT_EQ("Canada", WithoutPossessive("Canada"));
  EXPECT_EQ("Texas", WithoutPossessive("Texas"));
  EXPECT_EQ("'s", WithoutPossessive("'s")) << "nothing would be left";
  EXPECT_EQ("", WithoutPossessive(""));
}

TEST(TextTest, StartsWithPossessive) {
  EXPECT_TRUE(StartsWithPossessive("'s invitation"));
  EXPECT_TRUE(StartsWithPossessive("\xE2\x80\x99s leadership"));
  EXPECT_TRUE(StartsWithPossessive("'s"));
  EXPECT_TRUE(StartsWithPossessive("'s."));
  EXPECT_FALSE(StartsWithPossessive("'sake")) << "a word goes on";
  EXPECT_FALSE(StartsWithPossessive("'s\xC3\xA9")) << "a letter outside ASCII goes on";
  EXPECT_FALSE(StartsWithPossessive(" invitation"));
  EXPECT_FALSE(StartsWithPossessive("'"));
  EXPECT_FALSE(StartsWithPossessive(""));
}

TEST(TextTest, Dashes) {
  EXPECT_EQ(1u, DashLength("-Philippines"));
  EXPECT_EQ(3u, DashLength("\xE2\x80\x93Philippines")) << "en dash";
  EXPECT_EQ(3u, DashLength("\xE2\x80\x91Philippines")) << "non-breaking hyphen";
  EXPECT_EQ(0u, DashLength("\xE2\x80\x94Philippines")) << "an em dash sets apart, it joins nothing";
  EXPECT_EQ(0u, DashLength(" Philippines"));
  EXPECT_EQ(0u, DashLength(""));
  EXPECT_TRUE(EndsWithDash("Canada-"));
  EXPECT_TRUE(EndsWithDash("Canada\xE2\x80\x93"));
  EXPECT_FALSE(EndsWithDash("Canada "));
  EXPECT_FALSE(EndsWithDash("\x93"));
  EXPECT_FALSE(EndsWithDash(""));
}

TEST(TextTest, FoldLetterCase) {
  std::string out = "left over";
  FoldLetterCase("Secretary BLINKEN", &out);
  EXPECT_EQ("secretary blinken", out);
  // Letters a regex's case folding equates: LONG S and s, KELVIN SIGN and k,
  // final sigma and sigma, Ǆ (U+01C4), ǅ (U+01C5) and ǆ (U+01C6).
  FoldLetterCase("\xC5\xBF S s | \xE2\x84\xAA K k | \xCF\x82 \xCE\xA3 \xCF\x83 | \xC7\x84 \xC7\x85 \xC7\x86", &out);
  EXPECT_EQ("s s s | k k k | \xCF\x83 \xCF\x83 \xCF\x83 | \xC7\x86 \xC7\x86 \xC7\x86", out);
  // Accents stay, bytes that are not UTF-8 are copied.
  FoldLetterCase("GARDU\xC3\x91O \xFF\x80!", &out);
  EXPECT_EQ("gardu\xC3\xB1o \xFF\x80!", out);
  FoldLetterCase("", &out);
  EXPECT_EQ("", out);
}

// The fold, one code point at a time, that FoldLetterCase() must give.
std::string FoldOneByOne(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    int32_t cp = 0;
    const long n = c < 0x80 ? 1 : DecodeUtf8(text, i, &cp);
    if (c < 0x80) {
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    } else if (n <= 0) {
      out += static_cast<char>(c);
    } else {
      std::string one;
      FoldLetterCase(text.substr(i, static_cast<size_t>(n)), &one);
      out += one;
    }
    i += n <= 0 ? 1 : static_cast<size_t>(n);
  }
  return out;
}

// Texts of every length and alignment, ASCII with letters on each side of
// A-Z (@ [ ` {), code points whose fold is shorter (KELVIN SIGN) or longer
// (U+023A to U+2C65) than they are, and bytes that are not UTF-8, wherever
// eight bytes at a time may begin and end.
TEST(TextTest, FoldLetterCaseAgreesWithOneCodePointAtATime) {
  testing::RandomWords random(5, {"A", "Z", "a", "z", "@", "[", "`", "{", " ", "0", "\x7F",
                                  "\xE2\x84\xAA", "\xC8\xBA", "\xC3\x91", "\xFF", "\x80"});
  std::string out = "left over";
  int longer = 0, shorter = 0;
  for (int t = 0; t < 3000; ++t) {
    const std::string text = random.Word(40);
    FoldLetterCase(text, &out);
    EXPECT_EQ(FoldOneByOne(text), out) << text;
    longer += out.size() > text.size();
    shorter += out.size() < text.size();
  }
  EXPECT_GT(longer, 0);
  EXPECT_GT(shorter, 0);
  // The two code points whose folds change the length, alone.
  FoldLetterCase("\xC8\xBA", &out);
  EXPECT_EQ("\xE2\xB1\xA5", out);
  FoldLetterCase("\xE2\x84\xAA", &out);
  EXPECT_EQ("k", out);
}

// FoldsAsAscii(text) must say whether the fold is `text` with A-Z lowered,
// on the texts of the test above and on some with code points that fold to
// themselves (lower case letters, "⟦", no case at all).
TEST(TextTest, FoldsAsAsciiSaysWhetherTheFoldLowersOnlyAsciiLetters) {
  auto lowered = [](std::string text) {
    for (char& c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
  };
  testing::RandomWords random(9, {"A", "Z", "a", "z", "@", "[", " ", "\xC3\xB1", "\xE2\x9F\xA6",
                                  "\xE2\x84\xAA", "\xC8\xBA", "\xC3\x91", "\xFF", "\x80"});
  std::string out;
  int yes = 0, no = 0;
  for (int t = 0; t < 3000; ++t) {
    const std::string text = random.Word(t % 3 == 0 ? 3 : 20);
    FoldLetterCase(text, &out);
    EXPECT_EQ(out == lowered(text), FoldsAsAscii(text)) << text;
    ++(FoldsAsAscii(text) ? yes : no);
  }
  EXPECT_GT(yes, 100);
  EXPECT_GT(no, 100);
  EXPECT_TRUE(FoldsAsAscii(""));
  EXPECT_TRUE(FoldsAsAscii("Secretary BLINKEN thanked \xE2\x9F\xA6" "0\xE2\x9F\xA7 in M\xC3\xA9xico"));
  EXPECT_FALSE(FoldsAsAscii("Secretary BLINKEN thanked \xE2\x9F\xA6" "0\xE2\x9F\xA7 in M\xC3\x89XICO"));
  EXPECT_FALSE(FoldsAsAscii("\xC5\xBF"));  // LONG S folds to s
}

}  // namespace
}  // namespace kgrep
