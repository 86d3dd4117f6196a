// The scan of a paragraph for gazetteer forms: one walk of a prefix tree of
// every gazetteer's forms must find what each gazetteer's own LiteralSet
// finds, scanning on after each match with a word boundary at both ends and
// one code point on after any other.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
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

// The groups of each match of `pack`'s entity rules in `doc`, as `scan` has
// them, must be RE2's own for the match's span. Returns the matches checked.
size_t ExpectRE2Groups(const RulePack& pack, const Document& doc, const DocumentScan& scan) {
  size_t checked = 0;
  for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    const re2::StringPiece input(doc.clean.data() + p.body.begin, p.body.size());
    for (size_t ri = 0; ri < pack.entity_rules.size(); ++ri) {
      const RE2& re = *pack.entity_rules[ri].pattern;
      const size_t n = static_cast<size_t>(re.NumberOfCapturingGroups()) + 1;
      const std::vector<re2::StringPiece>& found = scan[pi].rules[ri];
      EXPECT_EQ(0u, found.size() % n);
      for (size_t first = 0; first + n <= found.size(); first += n) {
        const size_t begin = static_cast<size_t>(found[first].data() - input.data());
        std::vector<re2::StringPiece> want(n);
        EXPECT_TRUE(re.Match(input, begin, begin + found[first].size(), RE2::ANCHOR_BOTH,
                             want.data(), static_cast<int>(n)));
        for (size_t i = 0; i < n; ++i) {
          EXPECT_EQ(want[i].data(), found[first + i].data()) << "rule " << ri << " group " << i;
          EXPECT_EQ(want[i].size(), found[first + i].size()) << "rule " << ri << " group " << i;
        }
        ++checked;
      }
    }
  }
  return checked;
}

// Names recur, so most matches' groups come from the threads' caches of
// groups; they must be RE2's all the same: with other bytes beside the
// match (\b looks at them), with an optional group that takes no part, for
// a match too long to be kept, and for two packs whose rules share
// numbers but not patterns, scanned in turn.
TEST(MatcherScanTest, GroupsAreRE2sWhateverTheCacheHolds) {
  const std::string one =
      "entities:\n"
      "  - id: titled\n"
      "    type: Person\n"
      "    pattern: '(?:(?P<title>Minister|Ambassador)[ ]+)?(?P<name>Ab[a-z]*(?:[ ]+Ba[a-z]*)?)\\b'\n"
      "  - id: long\n"
      "    type: Organization\n"
      "    pattern: '(?P<name>Q[a-z]+)(?P<title>!)?'\n"
      "  - id: edges\n"
      "    type: Person\n"
      "    pattern: '(?:^(?P<country>Ab)|\\b(?P<title>Ab)|Ab)(?P<name>c[a-z]*)'\n";
  const std::string two =
      "entities:\n"
      "  - id: other\n"
      "    type: Person\n"
      "    pattern: '(?P<name>Ab[a-z]*)(?:[ ]+(?P<title>Ba[a-z]*))?'\n";
  RulePack a, b;
  Diagnostics diags = testing::LoadPackText(testing::ScratchDir(), "one.yaml", one, &a);
  ASSERT_TRUE(diags.empty()) << testing::Headlines(diags);
  diags = testing::LoadPackText(testing::ScratchDir(), "two.yaml", two, &b);
  ASSERT_TRUE(diags.empty()) << testing::Headlines(diags);

  testing::RandomWords random(7, {"a", "b", "c"});
  std::vector<std::string> names;
  for (int i = 0; i < 12; ++i) names.push_back("Ab" + random.Word(2));
  size_t checked = 0;
  std::array<size_t, 3> edges{};
  for (int round = 0; round < 30; ++round) {
    std::string text;
    for (int para = 0; para < 3; ++para) {
      for (int w = 0; w < 30; ++w) {
        const uint32_t kind = random.Next(6);
        if (w > 0) text += ' ';
        if (kind == 5) text += random.Word(1);  // the name inside a word
        if (kind == 0) text += "Minister ";
        if (kind == 1) text += "Ambassador ";
        text += names[random.Next(static_cast<uint32_t>(names.size()))];
        if (kind == 2) text += " Ba" + random.Word(2);
        if (kind == 3) text += random.Word(1);  // a longer word, or none at \b
        if (kind == 4) text += random.Next(2) ? "." : "'s";
      }
      text += "\n\n";
    }
    // Matches too long to keep, one of them just so.
    if (round == 10) text += "Q" + std::string(70000, 'q') + "!\n\nQqq!\n";
    if (round == 11) text += "Q" + std::string(0xFF00, 'q') + "!\n\nQ" + std::string(0xFEFE, 'q') + "!\n";
    Document doc;
    ASSERT_TRUE(SegmentDocument(a, "doc", text, &doc).ok());
    for (const RulePack* pack : {&a, &b, &a}) {
      std::vector<DocumentScan> scans;
      ScanDocuments(*pack, {&doc}, &scans);
      ASSERT_EQ(1u, scans.size());
      checked += ExpectRE2Groups(*pack, doc, scans[0]);
      if (pack != &a) continue;
      // Which group took the match's "Ab": the country (at the paragraph's
      // start), the title (at a word's start), neither.
      for (const ParagraphScan& p : scans[0]) {
        const std::vector<re2::StringPiece>& g = p.rules[2];  // whole, country, title, name
        for (size_t first = 0; first + 4 <= g.size(); first += 4)
          ++edges[g[first + 1].data() ? 0 : g[first + 2].data() ? 1 : 2];
      }
    }
  }
  EXPECT_GT(checked, 3000u);
  // The edges' groups differ with the bytes beside the same match.
  EXPECT_GT(edges[0], 20u);
  EXPECT_GT(edges[1], 50u);
  EXPECT_GT(edges[2], 50u);
}

}  // namespace
}  // namespace kgrep
