// The filter may report a pattern that has no match (those too large to
// filter are always reported, those filtered by their literals wherever the
// literals are) but never leaves out one that has: extraction with it equals
// extraction without it.

#include "extract/pattern_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/rule_pack.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

RE2::Options Quiet() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

PatternFilter Filter(const std::vector<std::string>& patterns) {
  PatternFilter f(Quiet());
  std::string error;
  for (size_t i = 0; i < patterns.size(); ++i)
    EXPECT_TRUE(f.Add(RE2(patterns[i], Quiet()), 100 + static_cast<int>(i), &error)) << error;
  EXPECT_TRUE(f.Compile());
  return f;
}

// A word list of `n` distinct literal words, as a gazetteer compiles to.
std::string WordList(int n, const std::string& stem) {
  std::string alt;
  for (int i = 0; i < n; ++i) alt += (i ? "|" : "") + stem + std::to_string(i) + "x";
  return alt;
}

// Patterns with no literal of three bytes or more go into sets, which answer
// exactly.
TEST(PatternFilterTest, SetsReportExactlyThePatternsThatMatchSomewhere) {
  std::vector<std::string> patterns = {"^Q:", "[0-9]{4}$", "(?i:\\bno\\b)", "[A-Z][a-z]+ [A-Z]\\.",
                                       "a.c", "^Z", "[0-9]+%", "x.y", "[a-z]{2}!"};
  ASSERT_GT(patterns.size(), PatternFilter::kMaxPatternsPerSet);  // more than one set
  PatternFilter f = Filter(patterns);
  EXPECT_EQ(0u, f.by_literals());
  EXPECT_EQ(0u, f.unfiltered());
  EXPECT_GE(f.sets(), 2u);
  std::vector<std::string> texts = {"",           "Q: And then? 2021",     "NO match here",
                                    "abc Harry S. Truman", "Tomorrow in 1999 and 2021x",
                                    "nothing", "Zero: 40% of x7y", "Oh no!"};
  for (const std::string& text : texts) {
    std::vector<int> expected;
    for (size_t i = 0; i < patterns.size(); ++i)
      if (RE2::PartialMatch(text, RE2(patterns[i], Quiet()))) expected.push_back(100 + static_cast<int>(i));
    std::vector<int> got;
    ASSERT_TRUE(f.Match(text, &got)) << text;
    EXPECT_EQ(expected, got) << text;
  }
}

// Patterns that need literals are reported where the literals are, whether
// or not the whole pattern matches there; never where it matches and they
// are not.
TEST(PatternFilterTest, LiteralsReportThePatternsWhoseLiteralsAreThere) {
  std::vector<std::string> patterns = {"Secretary (?P<name>[A-Z][a-z]+)", "\\bwelcom(?:e|ed)\\b",
                                       "(?i:gracias|merci)", "delegation (?:was|were) led"};
  PatternFilter f = Filter(patterns);
  EXPECT_EQ(4u, f.by_literals());
  EXPECT_EQ(0u, f.sets());
  struct Case {
    std::string text;
    std::vector<int> expected;
  };
  std::vector<Case> cases = {
      {"", {}},
      {"Secretary Mayorkas welcomed the delegation.", {100, 101}},
      {"GRACIAS, Merci", {102}},
      {"welcomes nobody; secretary in lower case", {100, 101}},  // literals, no match
      {"the delegation were led by", {103}},
      {"nothing to see", {}}};
  for (const Case& c : cases) {
    std::vector<int> got;
    ASSERT_TRUE(f.Match(c.text, &got)) << c.text;
    EXPECT_EQ(c.expected, got) << c.text;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (RE2::PartialMatch(c.text, RE2(patterns[i], Quiet()))) {
        EXPECT_NE(std::find(got.begin(), got.end(), 100 + static_cast<int>(i)), got.end())
            << c.text << " / " << patterns[i];
      }
    }
  }
}

// RE2's case folding equates letters beyond ASCII case: LATIN SMALL LETTER
// LONG S with s, KELVIN SIGN with k, final sigma with sigma. The literals
// are compared with the text's case folded the same way.
TEST(PatternFilterTest, LiteralsFollowRe2CaseFolding) {
  std::vector<std::string> patterns = {"(?i)thanks", "(?i:kenya)", "(?i:\xCE\xBB\xCF\x8C\xCE\xB3\xCE\xBF\xCF\x82)",
                                       "Strasse"};
  PatternFilter f = Filter(patterns);
  EXPECT_EQ(4u, f.by_literals());
  std::vector<std::string> texts = {"THANK\xC5\xBF",                // thankſ
                                    "\xE2\x84\xAA" "ENYA",          // KELVIN SIGN + ENYA
                                    "\xCE\x9B\xCE\x8C\xCE\x93\xCE\x9F\xCE\xA3",  // ΛΌΓΟΣ
                                    "strasse", "Strasse",
                                    // Read as it is (its fold lowers A-Z only).
                                    "THANKS \xE2\x9F\xA6" "0\xE2\x9F\xA7, K\xC3\xA9NYA KENYA"};
  for (const std::string& text : texts) {
    std::vector<int> got;
    ASSERT_TRUE(f.Match(text, &got)) << text;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (RE2::PartialMatch(text, RE2(patterns[i], Quiet()))) {
        EXPECT_NE(std::find(got.begin(), got.end(), 100 + static_cast<int>(i)), got.end())
            << text << " / " << patterns[i];
      }
    }
  }
  // All but "strasse" match a pattern (case counts for "Strasse"), the last
  // two, so the checks above are not vacuous.
  int matched = 0;
  for (const std::string& text : texts)
    for (const std::string& p : patterns) matched += RE2::PartialMatch(text, RE2(p, Quiet()));
  EXPECT_EQ(6, matched);
}

// Literal patterns, set patterns and patterns too large for either, mixed:
// targets come back in the order of Add().
TEST(PatternFilterTest, AllKindsTogetherKeepTheOrderOfAdd) {
  const std::string big_rule = "(?:" + WordList(8000, "rule") + ") (?P<name>[A-Z][a-z]+)";
  ASSERT_GT(RE2(big_rule, Quiet()).ProgramSize(), PatternFilter::kMaxLiteralRule);
  // Its words share "word", which the literal filter needs.
  const std::string list = WordList(4000, "word");
  ASSERT_LE(RE2(list, Quiet()).ProgramSize(), PatternFilter::kMaxFilteredRule);
  const std::vector<std::string> patterns = {
      "alpha", big_rule, "b[0-9]", list, "gamma", "x.y", "[0-9]{3}", "q$", "^t", big_rule + "!"};
  // What each literal pattern needs, in lower case.
  const std::vector<std::string> literal = {"alpha", "", "", "word", "gamma", "", "", "", "", ""};
  PatternFilter f(Quiet());
  std::string error;
  for (size_t i = 0; i < patterns.size(); ++i)
    ASSERT_TRUE(f.Add(RE2(patterns[i], Quiet()), static_cast<int>(i), &error)) << error;
  ASSERT_TRUE(f.Compile());
  EXPECT_EQ(3u, f.by_literals());
  EXPECT_EQ(2u, f.unfiltered());
  // 5 patterns, PatternFilter::kMaxPatternsPerSet to a set.
  EXPECT_EQ((5 + PatternFilter::kMaxPatternsPerSet - 1) / PatternFilter::kMaxPatternsPerSet,
            f.sets());

  for (const std::string text :
       {"", "alpha xzy word17x", "theta and b7, eta", "rule3x Mayorkas gamma 123",
        "ALPHA x-y word3999x rule0x Ebrard! q"}) {
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<int> expected;
    for (size_t i = 0; i < patterns.size(); ++i) {
      bool unfiltered = patterns[i].rfind(big_rule, 0) == 0;
      bool reported = !literal[i].empty() ? lower.find(literal[i]) != std::string::npos
                                          : RE2::PartialMatch(text, RE2(patterns[i], Quiet()));
      if (unfiltered || reported) expected.push_back(static_cast<int>(i));
    }
    std::vector<int> got;
    ASSERT_TRUE(f.Match(text, &got)) << text;
    EXPECT_EQ(expected, got) << text;
  }
}

// MatchEach() answers for each text what Match() answers for it alone,
// whatever texts come before and after it: literals, two sets and a pattern
// too large for either, mixed.
TEST(PatternFilterTest, MatchEachAnswersForEachTextAsMatchDoes) {
  const std::string big_rule = "(?:" + WordList(8000, "rule") + ") (?P<name>[A-Z][a-z]+)";
  // Nine patterns for sets (all but "alpha", "gamma" and big_rule): more
  // than one set holds.
  const std::vector<std::string> patterns = {
      "alpha", big_rule, "b[0-9]", "gamma", "x.y", "[0-9]{3}", "q$", "^t", "z.z",
      "(?i:\\bno\\b)", "w.w", "^k"};
  PatternFilter f(Quiet());
  std::string error;
  for (size_t i = 0; i < patterns.size(); ++i)
    ASSERT_TRUE(f.Add(RE2(patterns[i], Quiet()), 10 * static_cast<int>(i), &error)) << error;
  ASSERT_TRUE(f.Compile());
  ASSERT_EQ(2u, f.sets());
  ASSERT_EQ(2u, f.by_literals());
  ASSERT_EQ(1u, f.unfiltered());

  const std::vector<std::string> owned = {"",
                                          "alpha xzy b7",
                                          "rule3x Mayorkas gamma 123 z-z",
                                          "ALPHA x-y q",
                                          "the answer is NO",
                                          "nothing here",
                                          "tomorrow, b8 at 10:45 and no later than x.y",
                                          "keys w4w"};
  const std::vector<std::string_view> texts(owned.begin(), owned.end());
  std::vector<std::vector<int>> targets = {{99}};  // replaced
  std::vector<char> decided = {0};
  f.MatchEach(texts, &targets, &decided);
  ASSERT_EQ(texts.size(), targets.size());
  ASSERT_EQ(std::vector<char>(texts.size(), 1), decided);
  std::set<int> seen;  // the targets reported anywhere
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<int> alone = {99};
    ASSERT_TRUE(f.Match(texts[i], &alone)) << i;
    EXPECT_EQ(alone, targets[i]) << i;
    seen.insert(targets[i].begin(), targets[i].end());
  }
  // Each pattern is reported for some text and left out for another, so
  // the comparison above is not vacuous.
  EXPECT_EQ(patterns.size(), seen.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (i == 1) continue;  // too large: always reported
    EXPECT_TRUE(std::any_of(targets.begin(), targets.end(), [&](const std::vector<int>& t) {
      return std::find(t.begin(), t.end(), 10 * static_cast<int>(i)) == t.end();
    })) << patterns[i];
  }

  // Not compiled: nothing decided, nothing reported.
  PatternFilter empty(Quiet());
  empty.MatchEach(texts, &targets, &decided);
  EXPECT_EQ(std::vector<char>(texts.size(), 0), decided);
  EXPECT_EQ(std::vector<std::vector<int>>(texts.size()), targets);
}

TEST(PatternFilterTest, CannotDecideBeforeCompileOrAfterAnInvalidPattern) {
  PatternFilter f(Quiet());
  std::string error;
  EXPECT_FALSE(f.Add(RE2("(unclosed", Quiet()), 1, &error));
  EXPECT_FALSE(error.empty());
  std::vector<int> got = {7};
  EXPECT_FALSE(f.Match("text", &got));  // not compiled: the caller tries every pattern
  EXPECT_TRUE(got.empty());
  EXPECT_FALSE(f.Compile());  // a filter missing a pattern must not answer
  EXPECT_FALSE(f.Match("text", &got));
}

#ifdef KGREP_RULES_DIR
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every mention (span, type, rule), entity and relation with its evidence.
std::string Dump(const RulePack& pack, const std::string& text) {
  Extraction x;
  Trace trace;
  Status s = ExtractDocument(pack, "doc.txt", text, &x, &trace);
  EXPECT_TRUE(s.ok()) << s.message();
  std::ostringstream out;
  for (const Mention& m : trace.matches.mentions)
    out << "mention " << m.span.begin << "-" << m.span.end << " " << EntityTypeName(m.type)
        << " " << m.rule << " " << m.text << "\n";
  for (const Entity& e : x.entities)
    out << "entity " << EntityTypeName(e.type) << " " << e.label << " x" << e.mentions << "\n";
  for (const Relation& r : x.relations)
    out << "relation " << r.subject << " " << r.predicate << " " << r.object << " "
        << r.evidence.rule << " " << r.evidence.begin << "-" << r.evidence.end << "\n";
  return out.str();
}

TEST(PatternFilterTest, ExtractionIsTheSameWithAndWithoutFilters) {
  RulePack unfiltered;
  LoadOptions options;
  options.prefilter = false;
  Diagnostics diags =
      LoadRulePack({KGREP_RULES_DIR "/diplomacy.yaml"}, options, &unfiltered);
  ASSERT_TRUE(diags.empty()) << testing::Headlines(diags);
  ASSERT_FALSE(unfiltered.mention_filter);
  const RulePack& filtered = testing::BundledPack();
  ASSERT_TRUE(filtered.mention_filter);
  ASSERT_TRUE(filtered.relation_filters[static_cast<int>(Scope::kSentence)]);
  ASSERT_FALSE(unfiltered.cleanup_filter);
  ASSERT_TRUE(filtered.cleanup_filter);
  // Every kind of filter is at work: literals, sets, lists for large rules,
  // and the literals matches begin with.
  EXPECT_EQ(0u, filtered.mention_filter->by_literals());
  EXPECT_GT(filtered.mention_filter->sets(), 0u);
  EXPECT_GT(filtered.relation_filters[static_cast<int>(Scope::kSentence)]->by_literals(), 0u);
  EXPECT_TRUE(std::any_of(filtered.entity_rules.begin(), filtered.entity_rules.end(),
                          [](const EntityRule& r) { return !r.required.empty(); }));
  EXPECT_TRUE(std::any_of(filtered.entity_rules.begin(), filtered.entity_rules.end(),
                          [](const EntityRule& r) { return r.start_tag != 0; }));

  std::vector<std::string> documents = {
      KGREP_RULES_DIR "/../examples/us-mexico-security-dialogue-2021.txt",
      KGREP_RULES_DIR "/../examples/walkthrough/debate.txt",
      KGREP_RULES_DIR "/../tests/data/fixture.txt",
      KGREP_RULES_DIR "/../tests/data/tricky.txt"};
  // The development corpus, where there is one.
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(KGREP_SHARED_DIR "/corpus", error))
    if (entry.path().extension() == ".txt") documents.push_back(entry.path().string());
  size_t with_banner = 0;  // documents the cleanup rules cut
  for (const std::string& path : documents) {
    std::string text = ReadFile(path);
    ASSERT_FALSE(text.empty()) << path;
    Document doc;
    ASSERT_TRUE(SegmentDocument(filtered, path, text, &doc).ok());
    if (doc.clean.size() + 100 < text.size()) ++with_banner;
    std::string expected = Dump(unfiltered, text);
    EXPECT_NE(expected.find("relation"), std::string::npos) << path;
    EXPECT_EQ(expected, Dump(filtered, text)) << path;
  }
  EXPECT_GT(with_banner, 0u);
  // The texts of the pack's own tests too: short, dense, made to break rules.
  for (const PackTest& t : filtered.tests) {
    std::string text = t.speaker.empty() ? t.text : t.speaker + ": " + t.text;
    EXPECT_EQ(Dump(unfiltered, text), Dump(filtered, text)) << t.name;
  }
}
#endif

}  // namespace
}  // namespace kgrep
