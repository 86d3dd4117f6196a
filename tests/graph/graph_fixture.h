// Helpers shared by the graph tests: terse builders for extractions and the
// small fixture behind tests/golden/small.{graphml,dot}.

#ifndef KGREP_TESTS_GRAPH_GRAPH_FIXTURE_H_
#define KGREP_TESTS_GRAPH_GRAPH_FIXTURE_H_

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"

namespace kgrep::testing {

// An entity whose key is "<type>:<key_label>"; key_label defaults to label,
// so two entities merge exactly when the test says they do.
inline Entity MakeEntity(std::string label, EntityType type, int mentions = 1,
                         std::vector<std::string> aliases = {},
                         std::string key_label = "") {
  Entity e;
  e.key = std::string(EntityTypeName(type)) + ":" +
          (key_label.empty() ? label : key_label);
  e.label = std::move(label);
  e.type = type;
  e.aliases = std::move(aliases);
  e.mentions = mentions;
  return e;
}

inline Relation MakeRelation(size_t subject, std::string predicate,
                             size_t object, std::string document,
                             size_t begin, std::string text,
                             std::string rule) {
  Relation r;
  r.subject = subject;
  r.predicate = std::move(predicate);
  r.object = object;
  r.evidence.document = std::move(document);
  r.evidence.begin = begin;
  r.evidence.end = begin + text.size();
  r.evidence.text = std::move(text);
  r.evidence.rule = std::move(rule);
  return r;
}

// Two notes about the same meeting. Between them: five entities (one under
// two labels, one non-ASCII with an apostrophe, one with double quotes), two
// different relations between the same pair, a relation found twice, and a
// self-loop that the graph drops.
inline std::vector<Extraction> SmallFixture() {
  Extraction first;
  first.document = "notes/2023-11-07.txt";
  first.entities = {
      MakeEntity("Antony Blinken", EntityType::kPerson, 3,
                 {"Blinken", "Secretary Blinken"}),
      MakeEntity("Annalena Baerbock", EntityType::kPerson, 2, {"Baerbock"}),
      MakeEntity("T\xC3\xBCrkiye", EntityType::kCountry, 1),
      MakeEntity("Operation \"Prosperity Guardian\"",
                 EntityType::kInitiative, 1),
  };
  first.relations = {
      MakeRelation(0, "welcomed", 1, first.document, 0,
                   "Blinken welcomed Baerbock to Washington.", "welcomed-basic"),
      MakeRelation(0, "thanked", 1, first.document, 42,
                   "Blinken thanked Baerbock & the \"E3\" <group>.",
                   "thanked-basic"),
      MakeRelation(0, "welcomed", 1, first.document, 300,
                   "Secretary Blinken welcomed Foreign Minister Baerbock.",
                   "welcomed-title"),
      MakeRelation(2, "member_of", 3, first.document, 120,
                   "T\xC3\xBCrkiye joined Operation \"Prosperity Guardian\".",
                   "joined"),
  };

  Extraction second;
  second.document = "notes/2023-11-08.txt";
  second.entities = {
      MakeEntity("Blinken", EntityType::kPerson, 1, {}, "Antony Blinken"),
      MakeEntity("Minist\xC3\xA8re de l'Europe et des Affaires "
                 "\xC3\xA9trang\xC3\xA8res",
                 EntityType::kAgency, 1, {"Quai d'Orsay"}),
  };
  second.relations = {
      MakeRelation(0, "thanked", 1, second.document, 10,
                   "Blinken thanked the Quai d'Orsay.", "thanked-basic"),
      MakeRelation(0, "welcomed", 0, second.document, 60,
                   "Blinken welcomed himself.", "welcomed-basic"),
  };
  return {first, second};
}

inline void AddAll(const std::vector<Extraction>& extractions,
                   KnowledgeGraph* graph) {
  for (const Extraction& x : extractions) graph->Add(x);
  graph->Finalize();
}


// One relation "<subject> -<predicate>-> B" with `text` as its evidence,
// finalized: what a writer test needs to see one value written.
inline void OneRelationGraph(const std::string& subject, const std::string& predicate,
                             const std::string& text, KnowledgeGraph* graph,
                             std::vector<std::string> subject_aliases = {}) {
  Extraction x;
  x.document = "doc";
  x.entities = {MakeEntity(subject, EntityType::kPerson, 1, std::move(subject_aliases)),
                MakeEntity("B", EntityType::kPerson)};
  x.relations = {MakeRelation(0, predicate, 1, "doc", 0, text, "rule")};
  AddAll({x}, graph);
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The value of ` name="..."` in `element`, or "<missing>".
inline std::string XmlAttribute(const std::string& element, const std::string& name) {
  const std::string start = " " + name + "=\"";
  const size_t at = element.find(start);
  if (at == std::string::npos) return "<missing>";
  const size_t begin = at + start.size();
  return element.substr(begin, element.find('"', begin) - begin);
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Checks `actual` against the golden file `name` of KGREP_GOLDEN_DIR, or
// rewrites the file when KGREP_UPDATE_GOLDEN is set (then review the diff).
inline void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(KGREP_GOLDEN_DIR) + "/" + name;
  if (std::getenv("KGREP_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream probe(path);
  ASSERT_TRUE(probe.good()) << "missing golden file " << path;
  EXPECT_EQ(ReadFile(path), actual) << "output differs from " << path;
}

}  // namespace kgrep::testing

#endif  // KGREP_TESTS_GRAPH_GRAPH_FIXTURE_H_
