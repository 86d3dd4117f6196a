// The scan of a paragraph for gazetteer forms: one walk of a prefix tree of
// every gazetteer's forms must find what each gazetteer's own LiteralSet
// finds, scanning on after each match with a word boundary at both ends and
// one code point on after any other.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/literal_set.h"
#include "extract/matcher.h"
#include "extract/rule_pack.h"
#include "extract/text.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

// What the scan of gazetteer `g` of `doc`'s paragraph `p` must be: a prefix
// tree of its own forms (in the order Gazetteer::refs has them), its matches
// found one after another.
std::vector<LiteralSet::Match> OneGazetteer(const Gazetteer& g, const Document& doc,
                                            const Paragraph& p) {
  std::vector<std::string> forms;
  for (const GazetteerEntry& e : g.entries) {
    forms.push_back(e.name);
    forms.insert(forms.end(), e.aliases.begin(), e.aliases.end());
    forms.insert(forms.end(), e.demonyms.begin(), e.demonyms.end());
  }
  forms.erase(std::remove(forms.begin(), forms.end(), std::string()), forms.end());
  const LiteralSet literals(forms);
  const std::string& t = doc.clean;
  std::vector<LiteralSet::Match> out;
  size_t pos = p.body.begin;
  LiteralSet::Match m;
  while (pos < p.body.end && literals.Find(t, pos, p.body.end, &m)) {
    if (IsWordCharBefore(t, m.begin) || IsWordCharAt(t, m.end)) {
      pos = NextCodePoint(t, m.begin);
      continue;
    }
    out.push_back(m);
    pos = m.end;
  }
  return out;
}

// Gazetteers of random words over a small alphabet, so that forms share
// prefixes, contain one another, are listed by several gazetteers and stand
// inside longer words; 70 of them, more than one prefix tree holds.
TEST(MatcherScanTest, OnePassFindsWhatEachGazetteerFinds) {
  testing::RandomWords random(99, {"Ab", "a", "b", "\xC3\xB1", " ", "-"});
  std::string yaml = "gazetteers:\n";
  for (int gi = 0; gi < 70; ++gi) {
    yaml += "  - id: g" + std::to_string(gi) + "\n    type: Location\n    entries:\n";
    for (uint32_t n = 1 + random.Next(4); n > 0; --n) {
      std::string name = "A" + random.Word(4), alias = "b" + random.Word(3);
      yaml += "      - {name: \"" + name + "\", aliases: [\"" + alias + "\"], demonyms: [\"" +
              name + "n\"]}\n";
    }
  }
  RulePack pack;
  Diagnostics diags = testing::LoadPackText(testing::ScratchDir(), "pack.yaml", yaml, &pack);
  ASSERT_TRUE(diags.empty()) << testing::Headlines(diags);
  ASSERT_EQ(70u, pack.gazetteers.size());
  ASSERT_EQ(2u, pack.gazetteer_trees.size());

  size_t matches = 0;
  for (int round = 0; round < 40; ++round) {
    std::string text;
    for (int para = 0; para < 3; ++para) {
      for (int w = 0; w < 40; ++w) text += (w ? " " : "") + random.Word(6);
      text += "\n\n";
    }
    Document doc;
    ASSERT_TRUE(SegmentDocument(pack, "doc", text, &doc).ok());
    std::vector<DocumentScan> scans;
    ScanDocuments(pack, {&doc}, &scans);
    ASSERT_EQ(1u, scans.size());
    ASSERT_EQ(doc.paragraphs.size(), scans[0].size());
    for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
      for (size_t gi = 0; gi < pack.gazetteers.size(); ++gi) {
        std::vector<LiteralSet::Match> want =
            OneGazetteer(pack.gazetteers[gi], doc, doc.paragraphs[pi]);
        const std::vector<LiteralSet::Match>& have = scans[0][pi].gazetteers[gi];
        ASSERT_EQ(want.size(), have.size()) << "gazetteer " << gi << " in " << text;
        for (size_t k = 0; k < want.size(); ++k) {
          EXPECT_EQ(want[k].begin, have[k].begin);
          EXPECT_EQ(want[k].end, have[k].end);
          EXPECT_EQ(want[k].literal, have[k].literal);
        }
        matches += want.size();
      }
    }
  }
  EXPECT_GT(matches, 500u);
}

}  // namespace
}  // namespace kgrep
