#include "extract/evaluation.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace kgrep {
namespace {

// ---------------------------------------------------------------------------
// Normalisation

struct NormCase {
  const char* text;
  const char* normalized;
};

const NormCase kNormCases[] = {
    // Accents go (NFKD, then combining marks dropped), case is folded.
    {"L\xC3\xB3pez", "lopez"},                                     // López
    {"Tr\xE1\xBB\x8Dng", "trong"},                                 // Trọng
    {"Nguy\xE1\xBB\x85n Ph\xC3\xBA Tr\xE1\xBB\x8Dng", "nguyen phu trong"},  // Nguyễn Phú Trọng
    {"Lo\xCC\x81pez", "lopez"},                                    // o + U+0301
    {"GARDU\xC3\x91O", "garduno"},
    {"Stra\xC3\x9F" "e", "strasse"},                               // full case folding
    {"\xEF\xAC\x81nance", "finance"},                              // ligature fi (compatibility)
    // Curly single quotes are straight.
    {"O\xE2\x80\x99" "Brien", "o'brien"},                          // ’
    {"\xE2\x80\x98" "Quoted\xE2\x80\x99", "'quoted'"},             // ‘ ’
    {"Prosecutor General\xE2\x80\x99s Office", "prosecutor general's office"},
    // Dots, commas and ASCII hyphens are spaces; white space collapses.
    {"U.S.", "u s"},
    {"Washington, D.C.", "washington d c"},
    {"High-Level  Security\tDialogue ", "high level security dialogue"},
    {"Ingrid\xC2\xA0Weber", "ingrid weber"},                       // no-break space
    {"Sherwood\xE2\x80\x93Randall", "sherwood\xE2\x80\x93randall"},  // en dash is kept
    // Leading the/mr/mrs/ms/dr go, as often as they occur.
    {"The United States", "united states"},
    {"the U.S.", "u s"},
    {"Mr. Mendez", "mendez"},
    {"Mrs. Jones", "jones"},
    {"Ms Smith", "smith"},
    {"Dr. Santiago Nieto", "santiago nieto"},
    {"The Dr. Mr. X", "x"},
    {"Theodore", "theodore"},  // a prefix is a whole word
    {"The", "the"},            // nothing after it
    {"Mister Rogers", "mister rogers"},
    {"", ""},
    {" . , - ", ""},
};

TEST(EvaluationTest, NormalizeLabel) {
  for (const NormCase& c : kNormCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(c.normalized, NormalizeLabel(c.text));
  }
}

// ---------------------------------------------------------------------------
// A small gold file and a graph with one of each kind of error

const char kSmallGold[] = R"(document: small.txt
entities:
  - {id: ebrard, type: Person, name: Marcelo Ebrard, aliases: [Ebrard, Foreign Secretary Ebrard]}
  - {id: blinken, type: Person, name: Antony Blinken, aliases: [Blinken]}
  - {id: lopez, type: Person, name: "Ad\u00e1n Augusto L\u00f3pez", aliases: [Adan]}
  - {id: inm, type: Agency, name: National Migration Institute, aliases: [INM]}
  - {id: mexico, type: country, name: Mexico}
  - {id: sre, type: Organisation, name: Foreign Ministry, aliases: []}
optional_entities:
  - {id: mexico_city, type: Location, name: Mexico City}
relations:
  - [ebrard, welcomed, blinken]
  - [ebrard, member_of, sre]
  - [lopez, represents, mexico]
  - [lopez, represents, mexico]
optional_relations:
  - [blinken, thanked, ebrard]
)";

Gold SmallGold() {
  Gold gold;
  Diagnostics diags = ParseGold(kSmallGold, "small.yaml", &gold);
  for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
  return gold;
}

// Nodes in graph order. n5 is a second node for Ebrard (a split); n3 has
// the wrong type; n4 is optional; n6's type is a synonym of the gold type.
const std::vector<EvalNode> kSmallNodes = {
    {"Marcelo Ebrard", "Person"},                // n0
    {"Antony Blinken", "Person"},                // n1
    {"ADAN AUGUSTO LOPEZ", "Person"},            // n2
    {"National Migration Institute", "Person"},  // n3: gold Agency
    {"Mexico City", "Location"},                 // n4: optional
    {"Mr. Ebrard", "Person"},                    // n5: split of n0
    {"Foreign Ministry", "Organization"},        // n6: gold Organisation
    {"Washington", "Location"},                  // n7: not in the gold file
};

const std::vector<EvalEdge> kSmallEdges = {
    {0, 1, "welcomed"},     // required
    {5, 6, "leads"},        // = member_of; n5 is Ebrard too: required
    {1, 0, "thanked"},      // optional
    {7, 4, "welcomed"},     // unmatched -> optional: ignored
    {7, 0, "thanked"},      // unmatched subject: spurious, by labels
    {0, 1, "met_with"},     // unscored
    {0, 7, " Mentioned "},  // unscored, trimmed and folded
    {2, 3, "heads"},        // = member_of, not in the gold file: spurious
};

TEST(EvaluationTest, LoadsSmallGold) {
  Gold gold = SmallGold();
  EXPECT_EQ("small.yaml", gold.file);
  EXPECT_EQ("small.txt", gold.document);
  ASSERT_EQ(7u, gold.entities.size());
  EXPECT_EQ("Ad\xC3\xA1n Augusto L\xC3\xB3pez", gold.entities[2].name);
  EXPECT_EQ(std::vector<std::string>({"Ebrard", "Foreign Secretary Ebrard"}),
            gold.entities[0].aliases);
  EXPECT_FALSE(gold.entities[5].optional);
  EXPECT_TRUE(gold.entities[6].optional);
  EXPECT_EQ("mexico_city", gold.entities[6].id);
  EXPECT_EQ(4u, gold.relations.size());  // as written; scored once
  EXPECT_EQ(1u, gold.optional_relations.size());
}

TEST(EvaluationTest, ScoresSmallGraph) {
  Evaluation ev = Evaluate(SmallGold(), kSmallNodes, kSmallEdges);
  EXPECT_EQ(8u, ev.nodes);
  EXPECT_EQ(8u, ev.edges);

  // Required: 6. Matched: ebrard, blinken, lopez, inm, sre (5), one with the
  // wrong type, so 4 typed. Spurious: Mr. Ebrard (split), Washington.
  // Missed: Mexico.
  // Typed:   P = 4/(4+2+1) = 4/7, R = 4/(4+1+1) = 2/3, F1 = 16/26.
  // Untyped: P = 5/7, R = 5/6, F1 = 10/13.
  EXPECT_EQ(4, ev.entity_tp);
  EXPECT_EQ(6, ev.entity_gold);
  EXPECT_DOUBLE_EQ(4.0 / 7, ev.entity.precision);
  EXPECT_DOUBLE_EQ(2.0 / 3, ev.entity.recall);
  EXPECT_DOUBLE_EQ(16.0 / 26, ev.entity.f1);
  EXPECT_DOUBLE_EQ(10.0 / 13, ev.entity_untyped_f1);
  EXPECT_EQ(std::vector<std::string>({"Mexico"}), ev.missed_entities);
  EXPECT_EQ(std::vector<std::string>({"Mr. Ebrard", "Washington"}), ev.spurious_entities);
  EXPECT_EQ(std::vector<std::string>({"Mr. Ebrard (again Marcelo Ebrard)"}), ev.split_entities);
  EXPECT_TRUE(ev.ambiguous_labels.empty());
  EXPECT_EQ(std::vector<std::string>({"National Migration Institute: 'Person', gold Agency"}),
            ev.wrong_types);

  // Required triples: 3 (one written twice). Found: welcomed, member_of
  // (through "leads" from the split node). Spurious: 2. Missed: 1.
  // P = 2/4, R = 2/3, F1 = 4/7.
  EXPECT_EQ(2, ev.relation_tp);
  EXPECT_EQ(3, ev.relation_gold);
  EXPECT_DOUBLE_EQ(0.5, ev.relation.precision);
  EXPECT_DOUBLE_EQ(2.0 / 3, ev.relation.recall);
  EXPECT_DOUBLE_EQ(4.0 / 7, ev.relation.f1);
  EXPECT_EQ(std::vector<std::string>({"Ad\xC3\xA1n Augusto L\xC3\xB3pez -represents-> Mexico"}),
            ev.missed_relations);
  EXPECT_EQ(std::vector<std::string>(
                {"Ad\xC3\xA1n Augusto L\xC3\xB3pez -member_of-> National Migration Institute",
                 "Washington -thanked-> Marcelo Ebrard"}),
            ev.spurious_relations);
  EXPECT_EQ((std::vector<std::pair<std::string, int>>{{"met_with", 1}, {"mentioned", 1}}),
            ev.unscored_relations);
}

TEST(EvaluationTest, WritesText) {
  Evaluation ev = Evaluate(SmallGold(), kSmallNodes, kSmallEdges);
  std::ostringstream out;
  WriteEvaluationText(ev, false, out);
  EXPECT_EQ(
      "missed entity: Mexico\n"
      "spurious entity: Mr. Ebrard\n"
      "spurious entity: Washington\n"
      "  of which split: Mr. Ebrard (again Marcelo Ebrard)\n"
      "wrong type: National Migration Institute: 'Person', gold Agency\n"
      "missed relation: Ad\xC3\xA1n Augusto L\xC3\xB3pez -represents-> Mexico\n"
      "spurious relation: Ad\xC3\xA1n Augusto L\xC3\xB3pez -member_of-> National Migration "
      "Institute\n"
      "spurious relation: Washington -thanked-> Marcelo Ebrard\n"
      "unscored relations: mentioned=1, met_with=1\n"
      "entities  P=0.571 R=0.667 F1=0.615 (untyped F1=0.769, 4/6)\n"
      "relations P=0.500 R=0.667 F1=0.571 (2/3)\n",
      out.str());

  std::ostringstream quiet;
  WriteEvaluationText(ev, true, quiet);
  EXPECT_EQ(
      "entities  P=0.571 R=0.667 F1=0.615 (untyped F1=0.769, 4/6)\n"
      "relations P=0.500 R=0.667 F1=0.571 (2/3)\n",
      quiet.str());
}

TEST(EvaluationTest, WritesJson) {
  Evaluation ev = Evaluate(SmallGold(), kSmallNodes, kSmallEdges);
  std::ostringstream out;
  WriteEvaluationJson(ev, "small \"graph\".txt", out);
  EXPECT_EQ(R"json({
 "graph": "small \"graph\".txt",
 "nodes": 8,
 "edges": 8,
 "entity": {
  "precision": 0.5714,
  "recall": 0.6667,
  "f1": 0.6154,
  "untyped_f1": 0.7692,
  "tp": 4,
  "gold": 6
 },
 "relation": {
  "precision": 0.5,
  "recall": 0.6667,
  "f1": 0.5714,
  "tp": 2,
  "gold": 3
 },
 "missed_entities": [
  "Mexico"
 ],
 "spurious_entities": [
  "Mr. Ebrard",
  "Washington"
 ],
 "split_entities": [
  "Mr. Ebrard (again Marcelo Ebrard)"
 ],
 "ambiguous_labels": [],
 "wrong_types": [
  "National Migration Institute: 'Person', gold Agency"
 ],
 "missed_relations": [
  "Adán Augusto López -represents-> Mexico"
 ],
 "spurious_relations": [
  "Adán Augusto López -member_of-> National Migration Institute",
  "Washington -thanked-> Marcelo Ebrard"
 ],
 "unscored_relations": {
  "met_with": 1,
  "mentioned": 1
 }
}
)json",
            out.str());
}

TEST(EvaluationTest, AmbiguousLabelIsSpurious) {
  Gold gold;
  ASSERT_TRUE(ParseGold("entities:\n"
                        "  - {id: a, type: Person, name: Adan Lopez, aliases: [Adan]}\n"
                        "  - {id: b, type: Person, name: Adan Smith, aliases: [Adan]}\n",
                        "g.yaml", &gold)
                  .empty());
  Evaluation ev = Evaluate(gold, {{"Adan", "Person"}, {"Adan Smith", "Person"}}, {});
  EXPECT_EQ(std::vector<std::string>({"Adan"}), ev.ambiguous_labels);
  EXPECT_EQ(std::vector<std::string>({"Adan"}), ev.spurious_entities);
  EXPECT_EQ(std::vector<std::string>({"Adan Lopez"}), ev.missed_entities);
  EXPECT_EQ(1, ev.entity_tp);
  EXPECT_DOUBLE_EQ(0.5, ev.entity.f1);  // P = 1/2, R = 1/2
}

TEST(EvaluationTest, EmptyGraph) {
  Evaluation ev = Evaluate(SmallGold(), {}, {});
  EXPECT_EQ(0, ev.entity_tp);
  EXPECT_EQ(0.0, ev.entity.precision);
  EXPECT_EQ(0.0, ev.entity.f1);
  EXPECT_EQ(6u, ev.missed_entities.size());
  EXPECT_EQ(3u, ev.missed_relations.size());
  std::ostringstream out;
  WriteEvaluationText(ev, true, out);
  EXPECT_EQ(
      "entities  P=0.000 R=0.000 F1=0.000 (untyped F1=0.000, 0/6)\n"
      "relations P=0.000 R=0.000 F1=0.000 (0/3)\n",
      out.str());
}

// Unscored relations are counted in the order a GraphML reader lists a
// multigraph's edges: by source, then by target in order of first
// appearance, then in document order.
TEST(EvaluationTest, UnscoredRelationsInReaderOrder) {
  Gold gold;
  ASSERT_TRUE(ParseGold("entities:\n  - {id: a, type: Person, name: A}\n", "g.yaml", &gold)
                  .empty());
  std::vector<EvalNode> nodes = {{"A", "Person"}, {"B", "Person"}, {"", "Person"}};
  std::vector<EvalEdge> edges = {
      {0, 2, "alpha"}, {0, 1, "beta"}, {0, 2, "gamma"}, {1, 0, "Delta "}, {0, 2, "alpha"}};
  Evaluation ev = Evaluate(gold, nodes, edges);
  EXPECT_EQ((std::vector<std::pair<std::string, int>>{
                {"alpha", 2}, {"gamma", 1}, {"beta", 1}, {"delta", 1}}),
            ev.unscored_relations);
  // A node without a label is known by its id.
  EXPECT_EQ(std::vector<std::string>({"B", "n2"}), ev.spurious_entities);
}

// ---------------------------------------------------------------------------
// Bad gold files: every problem, word for word

std::vector<std::string> Headlines(const std::string& text) {
  Gold gold;
  std::vector<std::string> out;
  for (const Diagnostic& d : ParseGold(text, "g.yaml", &gold)) out.push_back(d.Headline());
  return out;
}

TEST(EvaluationTest, ReportsEveryProblem) {
  const char kBad[] = R"(entities:
  - {id: ebrard, name: A, type: Persn}
  - {id: ebrard, name: B, type: Person}
  - {name: C, type: Person}
  - {id: d, name: yes, type: Person, alias: [D]}
relations:
  - [ebrard, welcomes, ebrad]
  - [ebrard, thanked]
optional_relation: []
)";
  EXPECT_EQ(
      std::vector<std::string>({
          "g.yaml:9:1: unknown key 'optional_relation' in a gold file; did you mean "
          "'optional_relations'?",
          "g.yaml:2:33: entity 'ebrard': unknown entity type 'Persn'; did you mean 'Person'?",
          "g.yaml:3:10: duplicate entity id 'ebrard' (first defined on line 2)",
          "g.yaml:4:5: entity without 'id'",
          "g.yaml:5:38: unknown key 'alias' in entity 'd'",
          "g.yaml:5:19: entity 'd': 'name' 'yes' is not text to every YAML reader (YAML 1.1 "
          "reads a boolean, null, number or date); quote it",
          "g.yaml:7:14: predicate 'welcomes' is not scored (welcomed, thanked, represents, "
          "member_of, part_of); did you mean 'welcomed'?",
          "g.yaml:7:24: unknown entity id 'ebrad'; did you mean 'ebrard'?",
          "g.yaml:8:5: a relation must be [subject, predicate, object]",
      }),
      Headlines(kBad));
}

TEST(EvaluationTest, ReportsYamlSyntaxWithPlace) {
  std::vector<std::string> h = Headlines("entities:\n  - {id: a, name: [A}\n");
  ASSERT_EQ(1u, h.size());
  EXPECT_EQ(0u, h[0].rfind("g.yaml:2:", 0)) << h[0];
  EXPECT_NE(std::string::npos, h[0].find("YAML syntax error")) << h[0];
}

TEST(EvaluationTest, RejectsNonMappingAndBadUtf8) {
  EXPECT_EQ(std::vector<std::string>(
                {"g.yaml: a gold file must be a mapping with 'entities' and 'relations'"}),
            Headlines(""));
  EXPECT_EQ(std::vector<std::string>({"g.yaml:1:20: invalid UTF-8 at byte 19 (0xFF)"}),
            Headlines("entities: [{name: A\xFF}]"));
  // Its line is not quoted under the message: it is not text.
  Gold gold;
  Diagnostics d = ParseGold("entities: [{name: A\xFF}]", "g.yaml", &gold);
  ASSERT_EQ(1u, d.size());
  EXPECT_EQ(d[0].Headline(), d[0].ToString());
}

TEST(EvaluationTest, QuotedScalarsAreText) {
  Gold gold;
  Diagnostics diags = ParseGold(
      "entities:\n  - {id: 'on', type: Person, name: \"Yes\", aliases: ['null', '1.50', 1984]}\n"
      "relations:\n  - ['on', welcomed, 'on']\n",
      "g.yaml", &gold);
  for (const Diagnostic& d : diags) ADD_FAILURE() << d.ToString();
  ASSERT_EQ(1u, gold.entities.size());
  EXPECT_EQ("Yes", gold.entities[0].name);
  EXPECT_EQ(std::vector<std::string>({"null", "1.50", "1984"}), gold.entities[0].aliases);
}

TEST(EvaluationTest, MissingFile) {
  Gold gold;
  Diagnostics diags = LoadGold("no-such-gold.yaml", &gold);
  ASSERT_EQ(1u, diags.size());
  EXPECT_EQ("no-such-gold.yaml: cannot open gold file: no such file", diags[0].Headline());
}

}  // namespace
}  // namespace kgrep
