#include "graph/neo4j_writer.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <locale>
#include <sstream>
#include <string>
#include <vector>

#include "tests/graph/graph_fixture.h"

#ifndef KGREP_GOLDEN_DIR
#error "KGREP_GOLDEN_DIR must name the directory of the golden files"
#endif

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;
using testing::ExpectGolden;

using Row = std::vector<std::string>;

constexpr char kNodesHeader[] =
    "id:ID,name,:LABEL,type,aliases:string[],mentions:int,documents:int,"
    "in_degree:int,out_degree:int,betweenness:double,component:int";
constexpr char kRelationshipsHeader[] =
    ":START_ID,:END_ID,:TYPE,weight:double,rules:string[],evidence";

struct Csv {
  std::string nodes;
  std::string relationships;
};

Csv CsvOf(const KnowledgeGraph& g) {
  std::ostringstream nodes, relationships;
  WriteResult result = WriteNeo4jCsv(g, nodes, relationships);
  EXPECT_TRUE(result.ok) << result.error;
  return {nodes.str(), relationships.str()};
}

// An RFC 4180 reader, strict enough to catch a writer that quotes badly:
// a quote inside an unquoted field, or text after a closing quote, fails
// the test.
std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted and closed
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
        was_quoted = true;
      }
    } else if (c == ',' || c == '\n') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
      if (c == '\n') {
        rows.push_back(row);
        row.clear();
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !was_quoted) << "stray quote at " << i;
      quoted = true;
    } else {
      EXPECT_FALSE(was_quoted) << "text after closing quote at " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(row.empty() && field.empty()) << "last line has no newline";
  return rows;
}

// The shortest text that reads back as `value`.
std::string Shortest(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

Row Split(const std::string& header) {
  Row fields;
  std::istringstream in(header);
  for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
  return fields;
}

TEST(Neo4jWriterTest, GoldenSmallFixtureInBothOrders) {
  std::vector<Extraction> forward = SmallFixture();
  std::vector<Extraction> backward(forward.rbegin(), forward.rend());
  for (const std::vector<Extraction>& docs : {forward, backward}) {
    KnowledgeGraph g;
    AddAll(docs, &g);
    const Csv csv = CsvOf(g);
    ExpectGolden("small-neo4j/nodes.csv", csv.nodes);
    ExpectGolden("small-neo4j/relationships.csv", csv.relationships);
  }
}

struct EscapeCase {
  const char* name;
  std::string in;
  std::string out;
};

TEST(EscapeCsvTest, Table) {
  const std::vector<EscapeCase> cases = {
      {"plain", "Antony Blinken", "Antony Blinken"},
      {"empty", "", ""},
      {"comma", "Mexico, D.F.", "\"Mexico, D.F.\""},
      {"quotes doubled", "Operation \"Guardian\"",
       "\"Operation \"\"Guardian\"\"\""},
      {"lone quote", "\"", "\"\"\"\""},
      {"newline", "a\nb", "\"a\nb\""},
      {"carriage return", "a\rb", "\"a\rb\""},
      {"semicolon untouched", "a;b", "a;b"},
      {"backslash untouched", "C:\\dir\\", "C:\\dir\\"},
      {"markup untouched", "<AT&T> x]]>y", "<AT&T> x]]>y"},
      {"apostrophe untouched", "l'Europe", "l'Europe"},
      {"controls dropped", "ring\x07the bell", "ringthe bell"},
      {"invalid utf-8 replaced", "a\xC3(", "a\xEF\xBF\xBD("},
      {"non-ascii kept", "T\xC3\xBCrkiye", "T\xC3\xBCrkiye"},
  };
  for (const EscapeCase& c : cases) {
    EXPECT_EQ(c.out, EscapeCsv(c.in)) << c.name;
  }
}

TEST(Neo4jWriterTest, HeadersAndRowCounts) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const Csv csv = CsvOf(g);
  const std::vector<Row> nodes = ParseCsv(csv.nodes);
  const std::vector<Row> relationships = ParseCsv(csv.relationships);
  ASSERT_EQ(g.num_nodes() + 1, nodes.size());
  ASSERT_EQ(g.num_edges() + 1, relationships.size());
  EXPECT_EQ(Split(kNodesHeader), nodes[0]);
  EXPECT_EQ(Split(kRelationshipsHeader), relationships[0]);
  for (const Row& row : nodes) EXPECT_EQ(nodes[0].size(), row.size());
  for (const Row& row : relationships) {
    EXPECT_EQ(relationships[0].size(), row.size());
  }
}

TEST(Neo4jWriterTest, ValuesOfTheFixture) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const Csv csv = CsvOf(g);
  const std::vector<Row> nodes = ParseCsv(csv.nodes);
  const std::vector<Row> relationships = ParseCsv(csv.relationships);
  const NodeProps& blinken = g.node(1);
  EXPECT_EQ((Row{"n1", "Antony Blinken", "Person", "Person",
                 "Blinken;Secretary Blinken", "4", "2",
                 std::to_string(blinken.in_degree),
                 std::to_string(blinken.out_degree),
                 Shortest(blinken.betweenness),
                 std::to_string(blinken.component)}),
            nodes[2]);
  EXPECT_EQ("Operation \"Prosperity Guardian\"", nodes[5][1]);
  EXPECT_EQ("Initiative", nodes[5][2]);
  EXPECT_EQ("", nodes[5][4]);
  EXPECT_EQ((Row{"n1", "n0", "WELCOMED", "2", "welcomed-basic;welcomed-title",
                 "Blinken welcomed Baerbock to Washington. | Secretary "
                 "Blinken welcomed Foreign Minister Baerbock."}),
            relationships[3]);
  EXPECT_EQ("MEMBER_OF", relationships[4][2]);
  EXPECT_EQ("Blinken thanked Baerbock & the \"E3\" <group>.",
            relationships[1][5]);
}

TEST(Neo4jWriterTest, TrickyTextRoundTrips) {
  Extraction x;
  x.document = "doc";
  x.entities = {
      MakeEntity("Tom \"T\", Jr.\x07", EntityType::kPerson, 1,
                 {"C:\\dir\\", "x]]>y"}),
      MakeEntity("line\nbreak", EntityType::kPerson)};
  x.relations = {MakeRelation(0, "says\"", 1, "doc", 0, "\"a, b\"\r\n", "r")};
  KnowledgeGraph g;
  AddAll({x}, &g);
  const Csv csv = CsvOf(g);
  const std::vector<Row> nodes = ParseCsv(csv.nodes);
  const std::vector<Row> relationships = ParseCsv(csv.relationships);
  ASSERT_EQ(3u, nodes.size());
  ASSERT_EQ(2u, relationships.size());
  EXPECT_EQ("Tom \"T\", Jr.", nodes[1][1]);
  EXPECT_EQ("C:\\dir\\;x]]>y", nodes[1][4]);
  EXPECT_EQ("line\nbreak", nodes[2][1]);
  EXPECT_EQ("SAYS\"", relationships[1][2]);
  EXPECT_EQ("\"a, b\"\r\n", relationships[1][5]);
}

TEST(Neo4jWriterTest, NumbersIgnoreTheStreamLocale) {
  struct GermanPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
  };
  const std::locale german(std::locale::classic(), new GermanPunct);
  Extraction x;
  x.document = "doc";
  x.entities = {MakeEntity("A", EntityType::kPerson, 1234),
                MakeEntity("B", EntityType::kPerson)};
  for (int i = 0; i < 1500; ++i) {
    x.relations.push_back(MakeRelation(0, "met", 1, "doc", 0, "s", "r"));
  }
  KnowledgeGraph g;
  AddAll({x}, &g);
  std::ostringstream nodes, relationships;
  nodes.imbue(german);
  relationships.imbue(german);
  ASSERT_TRUE(WriteNeo4jCsv(g, nodes, relationships).ok);
  EXPECT_NE(std::string::npos, nodes.str().find("\nn0,A,Person,Person,,1234,"));
  EXPECT_NE(std::string::npos, relationships.str().find("\nn0,n1,MET,1500,r,"));
}

TEST(Neo4jWriterTest, EmptyGraphHasHeadersOnly) {
  KnowledgeGraph g;
  const Csv csv = CsvOf(g);
  EXPECT_EQ(std::string(kNodesHeader) + "\n", csv.nodes);
  EXPECT_EQ(std::string(kRelationshipsHeader) + "\n", csv.relationships);
}

TEST(Neo4jWriterTest, RefusesUnfinalizedGraph) {
  KnowledgeGraph g;
  g.Add(SmallFixture()[0]);
  std::ostringstream nodes, relationships;
  WriteResult result = WriteNeo4jCsv(g, nodes, relationships);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("internal error: graph is not finalized", result.error);
}

TEST(Neo4jWriterTest, ReportsStreamFailure) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  std::ostringstream nodes, relationships;
  relationships.setstate(std::ios::badbit);
  WriteResult result = WriteNeo4jCsv(g, nodes, relationships);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("relationships output stream failed", result.error);
}

}  // namespace
}  // namespace kgrep
