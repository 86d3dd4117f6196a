#include "extract/macro.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

const std::map<std::string, std::string>& Macros() {
  static const auto* macros = new std::map<std::string, std::string>{
      {"SP", "[ ]+"},
      {"NAME_WORD", "\\p{Lu}\\p{Ll}+"},
      {"FULL_NAME", "{NAME_WORD}{SP}{NAME_WORD}"},
      {"TITLED", "(?:Minister|Chancellor){SP}{FULL_NAME}"},
      {"LOOP_A", "a{LOOP_B}"},
      {"LOOP_B", "b{LOOP_A}"},
      {"SELF", "x{SELF}"},
      {"USES_LOOP", "<{LOOP_A}>"},
      {"BROKEN", "{NAME_WROD}"},
  };
  return *macros;
}

// The regex of one slot, as ExpandPattern writes it.
std::string Slot(const std::string& types) {
  return "\u27e6(?:" + types + ")#[0-9]+\u27e7";
}
const char kAnyType[] = "Person|Agency|Organization|Country|Initiative|Location";

struct ExpandCase {
  std::string pattern;
  bool slots;
  std::string want;
};

const ExpandCase kExpandCases[] = {
    // Plain text and RE2 syntax pass through.
    {"", false, ""},
    {"welcome", false, "welcome"},
    {"(?i:thank(?:s| you))", false, "(?i:thank(?:s| you))"},
    // A macro becomes a non-capturing group; macros nest.
    {"{SP}", false, "(?:[ ]+)"},
    {"a{SP}b", false, "a(?:[ ]+)b"},
    {"{FULL_NAME}", false,
     "(?:(?:\\p{Lu}\\p{Ll}+)(?:[ ]+)(?:\\p{Lu}\\p{Ll}+))"},
    {"{TITLED}", false,
     "(?:(?:Minister|Chancellor)(?:[ ]+)"
     "(?:(?:\\p{Lu}\\p{Ll}+)(?:[ ]+)(?:\\p{Lu}\\p{Ll}+)))"},
    // The braces of an escape belong to it.
    {"\\p{Lu}\\P{Ll}", false, "\\p{Lu}\\P{Ll}"},
    {"\\x{10FFFF}", false, "\\x{10FFFF}"},
    {"\\{SP\\}", false, "\\{SP\\}"},
    // Repetitions are RE2's.
    {"\\p{Lu}{2,3}", false, "\\p{Lu}{2,3}"},
    {"[a-z]{2}", false, "[a-z]{2}"},
    {"x{0,40}?", true, "x{0,40}?"},
    {"{SP}{1,4}", false, "(?:[ ]+){1,4}"},
    // Without slots, a slot is left alone; with them it becomes a slot regex.
    {"{Person}", false, "{Person}"},
    {"{Person}", true, Slot("Person")},
    {"{Person|Agency}", true, Slot("Person|Agency")},
    {"{object:Person|Agency}", true, "(?P<object>" + Slot("Person|Agency") + ")"},
    {"{x:*}", true, "(?P<x>" + Slot(kAnyType) + ")"},
    {"{subject:Person}{SP}welcomed{SP}{objects:Person}", true,
     "(?P<subject>" + Slot("Person") + ")(?:[ ]+)welcomed(?:[ ]+)(?P<objects>" + Slot("Person") +
         ")"},
    // An unclosed brace is left to RE2.
    {"{SP", false, "{SP"},
};

TEST(MacroTest, ExpandPattern) {
  for (const ExpandCase& c : kExpandCases) {
    SCOPED_TRACE(c.pattern);
    std::string out = "stale", error;
    ASSERT_TRUE(ExpandPattern(c.pattern, Macros(), c.slots, &out, &error)) << error;
    EXPECT_EQ(c.want, out);
    EXPECT_EQ("", error);
  }
}

TEST(MacroTest, ExpandedSlotsMatchSlotText) {
  std::string out, error;
  ASSERT_TRUE(ExpandPattern("{object:Person|Agency}", Macros(), true, &out, &error));
  RE2 re(out);
  ASSERT_TRUE(re.ok()) << re.error();
  std::string object;
  EXPECT_TRUE(RE2::FullMatch("\u27e6Agency#12\u27e7", re, &object));
  EXPECT_EQ("\u27e6Agency#12\u27e7", object);
  EXPECT_FALSE(RE2::FullMatch("\u27e6Country#3\u27e7", re, &object));
}

struct ErrorCase {
  std::string pattern;
  bool slots;
  std::string error;
};

const ErrorCase kErrorCases[] = {
    {"{NAME_WROD}", false, "undefined macro 'NAME_WROD'; did you mean 'NAME_WORD'?"},
    {"a{SP}{FULL_NAMES}", false, "undefined macro 'FULL_NAMES'; did you mean 'FULL_NAME'?"},
    {"{QWERTY}", false, "undefined macro 'QWERTY'"},
    // Inside a macro too.
    {"{BROKEN}", false, "undefined macro 'NAME_WROD'; did you mean 'NAME_WORD'?"},
    {"{LOOP_A}", false, "macro cycle LOOP_A -> LOOP_B -> LOOP_A"},
    {"{LOOP_B}", false, "macro cycle LOOP_B -> LOOP_A -> LOOP_B"},
    {"{SELF}", false, "macro cycle SELF -> SELF"},
    {"{Persn}", true, "unknown entity type 'Persn' in slot; did you mean 'Person'?"},
    {"{object:Agnecy}", true, "unknown entity type 'Agnecy' in slot; did you mean 'Agency'?"},
    {"{x:Person|Contry}", true,
     "unknown entity type 'Contry' in slot; did you mean 'Country'?"},
    {"{Persons}", true, "unknown entity type 'Persons' in slot; did you mean 'Person'?"},
    {"{Diplomat}", true, "unknown entity type 'Diplomat' in slot"},
};

TEST(MacroTest, Errors) {
  for (const ErrorCase& c : kErrorCases) {
    SCOPED_TRACE(c.pattern);
    std::string out, error;
    EXPECT_FALSE(ExpandPattern(c.pattern, Macros(), c.slots, &out, &error));
    EXPECT_EQ(c.error, error);
  }
}

TEST(MacroTest, CycleReachedThroughAnotherMacro) {
  // The path from the pattern is shown; the cycle is its tail.
  std::string out, error;
  EXPECT_FALSE(ExpandPattern("{USES_LOOP}", Macros(), false, &out, &error));
  EXPECT_EQ("macro cycle USES_LOOP -> LOOP_A -> LOOP_B -> LOOP_A", error);
}

TEST(MacroTest, SameMacroTwiceIsNoCycle) {
  std::string out, error;
  ASSERT_TRUE(ExpandPattern("{FULL_NAME}, {FULL_NAME}", Macros(), false, &out, &error)) << error;
  EXPECT_TRUE(RE2::FullMatch("Ingrid Weber, Chidi Okafor", RE2(out)));
}

TEST(MacroTest, IsMacroName) {
  EXPECT_TRUE(IsMacroName("SP"));
  EXPECT_TRUE(IsMacroName("NAME_WORD"));
  EXPECT_TRUE(IsMacroName("PERSON_NAME2"));
  EXPECT_FALSE(IsMacroName(""));
  EXPECT_FALSE(IsMacroName("_SP"));
  EXPECT_FALSE(IsMacroName("2SP"));
  EXPECT_FALSE(IsMacroName("Person"));
  EXPECT_FALSE(IsMacroName("NAME-WORD"));
  EXPECT_FALSE(IsMacroName("2,3"));
}

TEST(MacroTest, NearestName) {
  const std::vector<std::string> predicates = {"welcomed", "thanked", "represents", "member_of",
                                               "part_of"};
  EXPECT_EQ("welcomed", NearestName("welcomd", predicates));
  EXPECT_EQ("welcomed", NearestName("welcomes", predicates));
  EXPECT_EQ("thanked", NearestName("thankd", predicates));
  EXPECT_EQ("member_of", NearestName("memberof", predicates));
  EXPECT_EQ("member_of", NearestName("member-of", predicates));
  EXPECT_EQ("represents", NearestName("represent", predicates));
  EXPECT_EQ("represents", NearestName("represents", predicates));
  // Too far to be a typo: a third of the length.
  EXPECT_EQ("", NearestName("greeted", predicates));
  EXPECT_EQ("", NearestName("welcome_all", predicates));
  EXPECT_EQ("", NearestName("x", {}));
  // Ties go to the first candidate.
  EXPECT_EQ("Person", NearestName("Persxn", {"Person", "Persin"}));
}

TEST(MacroTest, QuoteRegex) {
  EXPECT_EQ("U\\.S\\.", QuoteRegex("U.S."));
  EXPECT_TRUE(RE2::FullMatch("Republic of Oz (North)", RE2(QuoteRegex("Republic of Oz (North)"))));
  EXPECT_TRUE(RE2::FullMatch("Gardu\xC3\xB1o", RE2(QuoteRegex("Gardu\xC3\xB1o"))));
}

// A prefix tree: forms that start alike share their start; a form that is
// the start of another is an optional end.
TEST(MacroTest, AlternationOfFormsIsAPrefixTree) {
  EXPECT_EQ("U(?:ganda|nited\\ States(?:\\ of\\ America)?)",
            AlternationOfForms({"United States", "Uganda", "United States of America"}));
  EXPECT_EQ("Mexico", AlternationOfForms({"Mexico"}));
  EXPECT_EQ("(?:A|B)", AlternationOfForms({"B", "A"}));
  EXPECT_EQ("U\\.S\\.(?:A\\.)?", AlternationOfForms({"U.S.A.", "U.S."}));
  // Duplicates and empty forms are dropped; nothing left is "".
  EXPECT_EQ("Peru", AlternationOfForms({"Peru", "", "Peru"}));
  EXPECT_EQ("", AlternationOfForms({}));
  EXPECT_EQ("", AlternationOfForms({""}));
  // Branches are whole characters: ñ (C3 B1) and ó (C3 B3) share a lead
  // byte, and each stays one piece.
  std::string tree = AlternationOfForms({"Gardu\xC3\xB1o", "Gardu\xC3\xB3n", "Garduno"});
  EXPECT_EQ("Gardu(?:no|\xC3\xB1o|\xC3\xB3n)", tree);
  RE2 re(tree);
  ASSERT_TRUE(re.ok()) << re.error();
  EXPECT_TRUE(RE2::FullMatch("Gardu\xC3\xB3n", re));
  EXPECT_FALSE(RE2::FullMatch("Gardu\xC3", re));
}

// What the tree matches, groups included, is what the alternation of the
// forms, longest first, matches, inside a pattern that may need a shorter
// form for the rest to match. Random forms over a small alphabet with a
// metacharacter and a two-byte letter, so that they share long prefixes.
TEST(MacroTest, AlternationOfFormsMatchesAsLongestFirst) {
  testing::RandomWords random(12345, {"a", "b", ".", " ", "\xC3\xB1"});
  int compared = 0, shorter_needed = 0;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> forms;
    for (size_t n = 1 + random.Next(12); n > 0; --n) forms.push_back(random.Word(6));
    std::vector<std::string> longest_first = forms;
    std::sort(longest_first.begin(), longest_first.end());
    longest_first.erase(std::unique(longest_first.begin(), longest_first.end()),
                        longest_first.end());
    std::stable_sort(
        longest_first.begin(), longest_first.end(),
        [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
    std::string alternation;
    for (const std::string& f : longest_first)
      alternation += (alternation.empty() ? "" : "|") + QuoteRegex(f);
    // What follows the form may be the end of a longer one.
    const std::string tail = "(b?\\.?)(a|\\.| )";
    RE2 expected("(" + alternation + ")" + tail);
    RE2 got("(" + AlternationOfForms(forms) + ")" + tail);
    ASSERT_TRUE(expected.ok() && got.ok()) << got.error();
    for (int t = 0; t < 20; ++t) {
      std::string text = random.Word(10);
      re2::StringPiece want[4], have[4];
      bool found = expected.Match(text, 0, text.size(), RE2::UNANCHORED, want, 4);
      ASSERT_EQ(found, got.Match(text, 0, text.size(), RE2::UNANCHORED, have, 4)) << text;
      if (!found) continue;
      ++compared;
      for (int g = 0; g < 4; ++g)
        EXPECT_EQ(want[g].data() - text.data(), have[g].data() - text.data())
            << "group " << g << " of '" << text << "' in " << got.pattern();
      for (int g = 0; g < 4; ++g) EXPECT_EQ(want[g], have[g]) << got.pattern();
      // The longest form that starts there was not the one that fit.
      for (const std::string& f : longest_first)
        if (re2::StringPiece(text).substr(want[1].data() - text.data()).starts_with(f)) {
          if (f.size() > want[1].size()) ++shorter_needed;
          break;
        }
    }
  }
  // The random cases do exercise both: many matches, some of them where a
  // longer form had to give way to a shorter one.
  EXPECT_GT(compared, 500);
  EXPECT_GT(shorter_needed, 20);
}

TEST(MacroTest, ReferencedMacros) {
  std::map<std::string, std::string> macros = {{"A", "{B}x{C}"}, {"B", "b\\{D}"},
                                                {"C", "[0-9]{2,3}"}, {"D", "d"},
                                                {"E", "{A}"}};
  // \{D} is an escaped brace, {2,3} a repetition; E is not used.
  EXPECT_EQ((std::set<std::string>{"A", "B", "C"}), ReferencedMacros("{A}\\x{41}", macros));
  EXPECT_EQ((std::set<std::string>{"A", "B", "C", "E"}), ReferencedMacros("{E}|{UNDEFINED}", macros));
  EXPECT_TRUE(ReferencedMacros("plain", macros).empty());
}

TEST(MacroTest, LiteralAlternatives) {
  std::vector<std::string> forms;
  ASSERT_TRUE(LiteralAlternatives("(?:minister|vice president|U\\.S\\. envoy)", &forms));
  EXPECT_EQ((std::vector<std::string>{"minister", "vice president", "U.S. envoy"}), forms);
  ASSERT_TRUE(LiteralAlternatives("Garduño|O'Brien", &forms));
  EXPECT_EQ((std::vector<std::string>{"Garduño", "O'Brien"}), forms);
  ASSERT_TRUE(LiteralAlternatives("one", &forms));
  EXPECT_EQ(std::vector<std::string>{"one"}, forms);
  for (const char* not_literals : {"", "a|", "(?:a|)", "a.b", "\\bword", "[ab]", "a+", "a{2}",
                                   "(?:a)|(?:b)", "(?i:a|b)", "(?P<x>a)", "^a", "a$", "a\\d"})
    EXPECT_FALSE(LiteralAlternatives(not_literals, &forms)) << not_literals;
}

TEST(MacroTest, MayFoldCase) {
  for (const char* folds : {"(?i)x", "a(?i:b)", "(?si:b)", "(?-i:b)", "(?im)x"})
    EXPECT_TRUE(MayFoldCase(folds)) << folds;
  for (const char* exact : {"x", "(?:i)", "(?P<i>x)", "\\(?i", "(?s:.)", "(?m)^i$"})
    EXPECT_FALSE(MayFoldCase(exact)) << exact;
}

TEST(MacroTest, MaySetFlag) {
  EXPECT_TRUE(MaySetFlag("(?m)^x", 'm'));
  EXPECT_TRUE(MaySetFlag("a(?sm:^b)", 'm'));
  EXPECT_TRUE(MaySetFlag("(?U)a+", 'U'));
  EXPECT_FALSE(MaySetFlag("(?i)x", 'm'));
  EXPECT_FALSE(MaySetFlag("\\(?m", 'm'));
  EXPECT_FALSE(MaySetFlag("(?P<m>x)", 'm'));
}

TEST(MacroTest, WithoutWordBoundaries) {
  const std::pair<const char*, const char*> cases[] = {
      {"\\bfoo\\b", "foo"},
      {"a\\Bb", "ab"},
      {"\\\\b", "\\\\b"},                   // an escaped backslash, then "b"
      {"\\\\\\b", "\\\\"},                  // an escaped backslash, then \b
      {"[\\]b]\\bx", "[\\]b]x"},            // an escaped ']'
      {"[\\\\]\\b", "[\\\\]"},                  // an escaped backslash in a class
      {"\\Q\\b\\E\\b", "\\Q\\b\\E"},        // quoted text is literal
      {"\\x{E000}\\pL\\b", "\\x{E000}\\pL"},
      {"(?:\\b(?P<b>b))", "(?:(?P<b>b))"},
  };
  for (const auto& [pattern, expected] : cases) {
    EXPECT_EQ(expected, WithoutWordBoundaries(pattern)) << pattern;
    EXPECT_TRUE(RE2(WithoutWordBoundaries(pattern)).ok()) << pattern;
  }
}

}  // namespace
}  // namespace kgrep
