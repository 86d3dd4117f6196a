#include "extract/literal_set.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "extract/macro.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

// All matches, scanning on from the end of each.
std::vector<std::string> FindAll(const LiteralSet& set, const std::string& text) {
  std::vector<std::string> found;
  LiteralSet::Match m;
  for (size_t pos = 0; pos < text.size() && set.Find(text, pos, text.size(), &m); pos = m.end)
    found.push_back(text.substr(m.begin, m.end - m.begin));
  return found;
}

TEST(LiteralSetTest, FindsTheLeftmostMatchAndTheLongestThere) {
  LiteralSet set({"United States", "United States of America", "States", "Mexico", "", "Mexico"});
  EXPECT_FALSE(set.empty());
  EXPECT_EQ((std::vector<std::string>{"United States of America", "Mexico", "States"}),
            FindAll(set, "the United States of America and Mexico; the States"));
  // The longer literal does not fit: the shorter one is the match.
  EXPECT_EQ((std::vector<std::string>{"United States"}), FindAll(set, "United States of Americ"));
  // Nor does it fit before `end`.
  LiteralSet::Match m;
  std::string text = "United States of America";
  ASSERT_TRUE(set.Find(text, 0, 20, &m));
  EXPECT_EQ(0u, m.begin);
  EXPECT_EQ(13u, m.end);
  // From `pos` on, even inside a word: boundaries are the caller's.
  ASSERT_TRUE(set.Find(text, 1, text.size(), &m));
  EXPECT_EQ(7u, m.begin);
  EXPECT_FALSE(set.Find(text, 8, text.size(), &m));
  EXPECT_FALSE(set.Find(text, 3, 3, &m));
}

TEST(LiteralSetTest, AMatchNamesItsLiteral) {
  // Places 0 to 5; "Mexico" is listed twice and named by its first place.
  LiteralSet set({"United States", "United States of America", "States", "Mexico", "", "Mexico"});
  const std::string text = "Mexico and the United States of America";
  std::vector<std::pair<std::string, uint32_t>> found;
  LiteralSet::Match m;
  for (size_t pos = 0; pos < text.size() && set.Find(text, pos, text.size(), &m); pos = m.end)
    found.emplace_back(text.substr(m.begin, m.end - m.begin), m.literal);
  EXPECT_EQ((std::vector<std::pair<std::string, uint32_t>>{{"Mexico", 3},
                                                          {"United States of America", 1}}),
            found);
  // The shorter literal where the longer one does not fit.
  ASSERT_TRUE(set.Find(text, 0, text.size() - 3, &m));
  ASSERT_TRUE(set.Find(text, m.end, text.size() - 3, &m));
  EXPECT_EQ(0u, m.literal);
}

TEST(LiteralSetTest, EmptySetsFindNothing) {
  LiteralSet none;
  LiteralSet::Match m;
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(none.Find("anything", 0, 8, &m));
  LiteralSet empties({"", ""});
  EXPECT_TRUE(empties.empty());
  EXPECT_FALSE(empties.Find("anything", 0, 8, &m));
}

TEST(LiteralSetTest, BytesAsTheyAre) {
  using namespace std::string_literals;
  // Non-ASCII, NUL and bytes that start no UTF-8 character.
  LiteralSet set({"Gardu\xC3\xB1o", "a\0b"s, "\xFF", "\x80x"});
  const std::string text = "Garduno Gardu\xC3\xB1o a\0b \xFF \x80x"s;
  ASSERT_EQ(25u, text.size());
  EXPECT_EQ((std::vector<std::string>{"Gardu\xC3\xB1o", "a\0b"s, "\xFF", "\x80x"}),
            FindAll(set, text));
}

// What RE2 finds with the literals longest first, and with the prefix tree
// the pack compiles them into, on random literals over a small alphabet (so
// that they share prefixes and nest) and random texts.
// Then literals of a wider alphabet that share their first letter give nodes
// of more than eight edges, which look their children up in a table.
TEST(LiteralSetTest, FindsWhatRe2FindsForTheAlternation) {
  testing::RandomWords small(2024, {"a", "b", "c", ".", "\xC3\xB1"});
  testing::RandomWords wide(7, {"x", "x", "x", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                "k", "\xC3\xB1"});
  size_t matches = 0;
  for (int round = 0; round < 400; ++round) {
    testing::RandomWords& random = round < 300 ? small : wide;
    std::vector<std::string> literals;
    for (size_t n = 1 + random.Next(round < 300 ? 10 : 40); n > 0; --n)
      literals.push_back(round < 300 ? random.Word(5) : "x" + random.Word(2));
    LiteralSet set(literals);
    RE2 re(AlternationOfForms(literals));
    ASSERT_TRUE(re.ok()) << re.error();
    for (int t = 0; t < 10; ++t) {
      std::string text = random.Word(30);
      size_t end = text.size() - random.Next(3) % (text.size() + 1);
      re2::StringPiece input(text.data(), end);
      for (size_t pos = 0; pos <= end; ++pos) {
        re2::StringPiece want;
        bool found = re.Match(input, pos, end, RE2::UNANCHORED, &want, 1);
        LiteralSet::Match have;
        ASSERT_EQ(found, set.Find(text, pos, end, &have)) << text << " from " << pos;
        if (!found) continue;
        ++matches;
        EXPECT_EQ(static_cast<size_t>(want.data() - text.data()), have.begin) << re.pattern();
        EXPECT_EQ(static_cast<size_t>(want.data() - text.data()) + want.size(), have.end)
            << re.pattern() << " in " << text;
      }
    }
  }
  EXPECT_GT(matches, 10000u);
}

// TagsIn() and LiteralsIn() see every literal, not only the leftmost longest:
// one inside a longer one, overlapping ones, one at the very end.
TEST(LiteralSetTest, TagsAndPlacesOfEveryLiteralInTheText) {
  LiteralSet set({"Secretary", "Secretary General", "General", "eta", "x", "General"},
                 {1, 2, 4, 8, 16, 32});
  const std::string text = "the Secretary General met Beta x";
  EXPECT_EQ(1u | 2u | 4u | 32u | 8u | 16u, set.TagsIn(text, 0, text.size()));
  // "eta" inside "Secretary"; "General" ends at 21, cut short before.
  EXPECT_EQ(1u | 2u | 4u | 8u | 32u, set.TagsIn(text, 0, 21));
  EXPECT_EQ(1u | 8u, set.TagsIn(text, 0, 20));
  EXPECT_EQ(16u, set.TagsIn(text, text.size() - 1, text.size()));  // the last byte
  EXPECT_EQ(0u, set.TagsIn(text, 0, 0));
  std::vector<uint32_t> places;
  set.LiteralsIn(text, 0, text.size(), &places);
  // "General" counts at its first place, 2.
  EXPECT_EQ((std::vector<uint32_t>{0, 1, 2, 3, 4}), places);
  set.LiteralsIn("nothing of the kind", 0, 19, &places);
  EXPECT_TRUE(places.empty());
  LiteralSet automaton = set;
  ASSERT_TRUE(automaton.BuildAutomaton());
  automaton.LiteralsIn(text, 0, text.size(), &places);
  EXPECT_EQ((std::vector<uint32_t>{0, 1, 2, 3, 4}), places);
  automaton.LiteralsIn(text, 0, 21, &places);  // "x" and "General" past the end
  EXPECT_EQ((std::vector<uint32_t>{0, 1, 2, 3}), places);
  automaton.LiteralsIn(text, 14, text.size(), &places);  // "General", "eta" of "Beta", "x"
  EXPECT_EQ((std::vector<uint32_t>{2, 3, 4}), places);
  // Stops once each of `enough` has a tag: a later literal goes unseen.
  EXPECT_EQ(1u, set.TagsIn(text, 0, text.size(), {1}) & 1u);
  EXPECT_EQ(0u, set.TagsIn(text, 0, text.size(), {1}) & 16u);
  EXPECT_EQ(16u, set.TagsIn(text, 0, text.size(), {16}) & 16u);
}

// Each() reports every literal where it begins, shorter ones first, with its
// tags and its first place in the list.
TEST(LiteralSetTest, EachReportsEveryLiteralWhereItBegins) {
  LiteralSet set({"Secretary", "Secretary General", "General", "eta", "General", "a"},
                 {1, 2, 4, 8, 16, 32});
  const std::string text = "Secretary General";
  std::vector<std::tuple<size_t, size_t, uint64_t, uint32_t>> found;
  set.Each(text, 0, text.size(), [&](size_t begin, size_t length, uint64_t tags, uint32_t place) {
    found.emplace_back(begin, length, tags, place);
    return true;
  });
  // "General" twice in the list: tags 4 | 16, its first place 2.
  EXPECT_EQ((std::vector<std::tuple<size_t, size_t, uint64_t, uint32_t>>{{0, 9, 1, 0},
                                                                         {0, 17, 2, 1},
                                                                         {4, 3, 8, 3},
                                                                         {6, 1, 32, 5},
                                                                         {10, 7, 4 | 16, 2},
                                                                         {15, 1, 32, 5}}),
            found);
  // Nothing reaches past `end`.
  found.clear();
  set.Each(text, 0, 16, [&](size_t begin, size_t length, uint64_t tags, uint32_t place) {
    found.emplace_back(begin, length, tags, place);
    return true;
  });
  EXPECT_EQ(4u, found.size());
  // Stops when told to.
  found.clear();
  set.Each(text, 0, text.size(), [&](size_t begin, size_t length, uint64_t tags, uint32_t place) {
    found.emplace_back(begin, length, tags, place);
    return found.size() < 3;
  });
  EXPECT_EQ(3u, found.size());
}

// A random check of TagsIn() against looking for each literal on its own.
TEST(LiteralSetTest, TagsInAgreesWithFindingEachLiteral) {
  testing::RandomWords words(7, {"a", "b", "ab", "ba", "aab", "\xC3\xB1", " "});
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> literals;
    std::vector<uint64_t> tags;
    for (int i = 0; i < 6; ++i) {
      literals.push_back(words.Word(1 + round % 3));
      tags.push_back(uint64_t{1} << i);
    }
    LiteralSet set(literals, tags);
    std::string text = words.Word(24);
    uint64_t expected = 0;
    for (size_t i = 0; i < literals.size(); ++i)
      if (!literals[i].empty() && text.find(literals[i]) != std::string::npos) expected |= tags[i];
    EXPECT_EQ(expected, set.TagsIn(text, 0, text.size())) << text;
  }
}

// The places of the literals of `literals` that occur in text[pos, end),
// each at its first place in the list, sorted: what LiteralsIn() answers.
std::vector<uint32_t> PlacesByFinding(const std::vector<std::string>& literals,
                                      const std::string& text, size_t pos, size_t end) {
  std::vector<uint32_t> places;
  const std::string part = text.substr(pos, end - pos);
  for (size_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty() || part.find(literals[i]) == std::string::npos) continue;
    const size_t first = static_cast<size_t>(
        std::find(literals.begin(), literals.end(), literals[i]) - literals.begin());
    places.push_back(static_cast<uint32_t>(first));
  }
  std::sort(places.begin(), places.end());
  places.erase(std::unique(places.begin(), places.end()), places.end());
  return places;
}

// LiteralsIn() with an automaton, and by walking the tree from each place
// (a set without one, or too large for one), answers as looking for each
// literal on its own would: literals inside, overlapping and at the ends of
// others included.
TEST(LiteralSetTest, LiteralsInAgreesWithFindingEachLiteral) {
  testing::RandomWords words(11, {"a", "b", "ab", "ba", "aab", "\xC3\xB1", " ", "\xE2\x9F\xA6"});
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> literals;
    for (int i = 0; i < 8; ++i) literals.push_back(i == 5 ? std::string() : words.Word(1 + round % 4));
    literals.push_back(literals[round % 4]);  // listed twice
    LiteralSet set(literals);
    if (round % 2 == 0) {
      ASSERT_TRUE(set.BuildAutomaton());
    }  // else the tree's walk
    const std::string text = words.Word(30);
    const size_t pos = round % 3, end = text.size() - (round % 5 == 0 && text.size() > pos ? 1 : 0);
    if (pos > end) continue;
    std::vector<uint32_t> places;
    set.LiteralsIn(text, pos, end, &places);
    EXPECT_EQ(PlacesByFinding(literals, text, pos, end), places) << text;
  }
  // Too many states for an automaton: the tree, with the same answers.
  testing::RandomWords many(5, {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});
  std::vector<std::string> literals;
  for (int i = 0; i < 12000; ++i) literals.push_back(many.Word(12));
  LiteralSet large(literals);
  EXPECT_FALSE(large.BuildAutomaton());
  EXPECT_FALSE(large.has_automaton());
  LiteralSet small({literals[0], literals[1], literals[2]});
  EXPECT_FALSE(small.has_automaton());
  EXPECT_TRUE(small.BuildAutomaton());
  EXPECT_TRUE(small.has_automaton());
  for (int round = 0; round < 20; ++round) {
    const std::string text = many.Word(200);
    std::vector<uint32_t> places;
    large.LiteralsIn(text, 0, text.size(), &places);
    EXPECT_EQ(PlacesByFinding(literals, text, 0, text.size()), places) << text;
    // Each call of one thread takes every literal anew.
    small.LiteralsIn(text, 0, text.size(), &places);
    EXPECT_EQ(PlacesByFinding({literals[0], literals[1], literals[2]}, text, 0, text.size()),
              places);
  }
}

// With upper_as_lower, the automaton reads A-Z as a-z: reading a text is
// reading it with its ASCII letters lowered, other bytes as they are.
TEST(LiteralSetTest, AnAutomatonMayReadUpperCaseAsLower) {
  testing::RandomWords words(13, {"a", "b", "A", "B", "ab", "\xC3\xB1", "\xC3\x91", " "});
  auto lowered = [](std::string text) {
    for (char& c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> literals;
    for (int i = 0; i < 6; ++i) literals.push_back(lowered(words.Word(1 + round % 3)));
    LiteralSet folding(literals), exact(literals);
    ASSERT_TRUE(folding.BuildAutomaton(/*upper_as_lower=*/true));
    ASSERT_TRUE(exact.BuildAutomaton());
    const std::string text = words.Word(30);
    std::vector<uint32_t> have, want, as_is;
    folding.LiteralsIn(text, 0, text.size(), &have);
    exact.LiteralsIn(lowered(text), 0, text.size(), &want);
    EXPECT_EQ(want, have) << text;
    // Lowered text reads the same either way.
    folding.LiteralsIn(lowered(text), 0, text.size(), &have);
    EXPECT_EQ(want, have) << text;
    exact.LiteralsIn(text, 0, text.size(), &as_is);
    EXPECT_EQ(PlacesByFinding(literals, text, 0, text.size()), as_is) << text;
  }
  // "\xC3\x91" (Ñ) is no "\xC3\xB1" (ñ): only ASCII letters are read lowered.
  LiteralSet set({"n\xC3\xB1o"});
  ASSERT_TRUE(set.BuildAutomaton(true));
  std::vector<uint32_t> found;
  set.LiteralsIn("N\xC3\xB1O", 0, 4, &found);
  EXPECT_EQ(std::vector<uint32_t>{0}, found);
  set.LiteralsIn("N\xC3\x91O", 0, 4, &found);
  EXPECT_TRUE(found.empty());
}

}  // namespace
}  // namespace kgrep
