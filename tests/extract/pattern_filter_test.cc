// The filter may report a pattern that has no match (those too large to
// filter are always reported) but never leaves out one that has: extraction
// with it equals extraction without it.

#include "extract/pattern_filter.h"

#include <gtest/gtest.h>

#include <fstream>
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

TEST(PatternFilterTest, ReportsExactlyThePatternsThatMatchSomewhere) {
  std::vector<std::string> patterns = {"Secretary (?P<name>[A-Z][a-z]+)", "\\bwelcom(?:e|ed)\\b",
                                       "^Q:", "(?i:gracias)", "[0-9]{4}$"};
  PatternFilter f = Filter(patterns);
  std::vector<std::string> texts = {
      "", "Secretary Mayorkas welcomed the delegation.", "Q: And then? GRACIAS 2021",
      "no match here", "welcomes nobody; secretary lower case", "Tomorrow in 1999 and 2021"};
  for (const std::string& text : texts) {
    std::vector<int> expected;
    for (size_t i = 0; i < patterns.size(); ++i)
      if (RE2::PartialMatch(text, RE2(patterns[i], Quiet()))) expected.push_back(100 + static_cast<int>(i));
    std::vector<int> got;
    ASSERT_TRUE(f.Match(text, &got)) << text;
    EXPECT_EQ(expected, got) << text;
  }
}

// More patterns than one set holds and large patterns (never filtered:
// always reported), mixed.
TEST(PatternFilterTest, ManySetsAndUnfilteredPatternsKeepTheOrderOfAdd) {
  const std::string big_rule = "(?:" + WordList(8000, "rule") + ") (?P<name>[A-Z][a-z]+)";
  ASSERT_GT(RE2(big_rule, Quiet()).ProgramSize(), PatternFilter::kMaxFilteredRule);
  const std::string list = WordList(4000, "word");
  ASSERT_LE(RE2(list, Quiet()).ProgramSize(), PatternFilter::kMaxFilteredRule);
  const std::vector<std::string> patterns = {
      "alpha", big_rule, "beta", list,   "gamma",        "delta",
      "epsilon", "zeta", "eta$", "^theta", big_rule + "!"};
  PatternFilter f(Quiet());
  std::string error;
  for (size_t i = 0; i < patterns.size(); ++i)
    ASSERT_TRUE(f.Add(RE2(patterns[i], Quiet()), static_cast<int>(i), &error)) << error;
  ASSERT_TRUE(f.Compile());
  EXPECT_EQ(2u, f.unfiltered());
  EXPECT_GE(f.sets(), 3u);  // 9 filtered patterns, at most 4 to a set

  for (const std::string text :
       {"", "alpha zeta word17x", "theta and beta, eta", "rule3x Mayorkas gamma",
        "epsilon delta word3999x rule0x Ebrard!"}) {
    std::vector<int> expected;
    for (size_t i = 0; i < patterns.size(); ++i) {
      bool unfiltered = patterns[i].rfind(big_rule, 0) == 0;
      if (unfiltered || RE2::PartialMatch(text, RE2(patterns[i], Quiet())))
        expected.push_back(static_cast<int>(i));
    }
    std::vector<int> got;
    ASSERT_TRUE(f.Match(text, &got)) << text;
    EXPECT_EQ(expected, got) << text;
  }
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

  std::vector<std::string> documents = {
      KGREP_RULES_DIR "/../examples/us-mexico-security-dialogue-2021.txt",
      KGREP_RULES_DIR "/../examples/walkthrough/hearing.txt",
      KGREP_RULES_DIR "/../tests/data/fixture.txt",
      KGREP_RULES_DIR "/../tests/data/tricky.txt"};
  for (const std::string& path : documents) {
    std::string text = ReadFile(path);
    ASSERT_FALSE(text.empty()) << path;
    std::string expected = Dump(unfiltered, text);
    EXPECT_NE(expected.find("relation"), std::string::npos) << path;
    EXPECT_EQ(expected, Dump(filtered, text)) << path;
  }
  // The texts of the pack's own tests too: short, dense, made to break rules.
  for (const PackTest& t : filtered.tests) {
    std::string text = t.speaker.empty() ? t.text : t.speaker + ": " + t.text;
    EXPECT_EQ(Dump(unfiltered, text), Dump(filtered, text)) << t.name;
  }
}
#endif

}  // namespace
}  // namespace kgrep
