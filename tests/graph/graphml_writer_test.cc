#include "graph/graphml_writer.h"

#include <gtest/gtest.h>

#include <locale>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;
using testing::OneRelationGraph;
using testing::Lines;
using testing::XmlAttribute;

std::string GraphMLOf(const KnowledgeGraph& g,
                      const GraphMLOptions& options = GraphMLOptions()) {
  std::ostringstream out;
  WriteResult result = WriteGraphML(g, out, options);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

// A graph of one relation "<subject> -<predicate>-> B" with `text` as its
// evidence.
std::string GraphMLWith(const std::string& subject,
                        const std::string& predicate,
                        const std::string& text) {
  KnowledgeGraph g;
  OneRelationGraph(subject, predicate, text, &g);
  return GraphMLOf(g);
}

struct EscapeCase {
  const char* name;
  std::string in;
  std::string out;
};

TEST(EscapeXmlTest, Table) {
  const std::vector<EscapeCase> cases = {
      {"plain", "Antony Blinken", "Antony Blinken"},
      {"markup", "a < b & c > d", "a &lt; b &amp; c &gt; d"},
      {"quotes", "\"Guardian\" l'Europe", "&quot;Guardian&quot; l&apos;Europe"},
      {"cdata end", "x]]>y", "x]]&gt;y"},
      {"entity-like", "&amp;", "&amp;amp;"},
      {"backslash untouched", "C:\\dir\\", "C:\\dir\\"},
      {"whitespace as references", "a\tb\nc\rd", "a&#9;b&#10;c&#13;d"},
      {"controls dropped", std::string("a\0b\x01\x08\x0B\x0C\x1F" "c", 9),
       "abc"},
      {"invalid utf-8 replaced", "a\xC3(\xFF", "a\xEF\xBF\xBD(\xEF\xBF\xBD"},
      {"non-ascii kept", "T\xC3\xBCrkiye \xE2\x80\x94 \xF0\x9F\x8C\x8D",
       "T\xC3\xBCrkiye \xE2\x80\x94 \xF0\x9F\x8C\x8D"},
      {"noncharacter replaced", "\xEF\xBF\xBF", "\xEF\xBF\xBD"},
      {"cut sequence before ascii", "\xC3\xA9\xC3x", "\xC3\xA9\xEF\xBF\xBDx"},
      {"cut sequence before markup", "\xE2\x80<", "\xEF\xBF\xBD&lt;"},
      {"cut sequence at the end", "a\xE2\x80", "a\xEF\xBF\xBD"},
  };
  for (const EscapeCase& c : cases) {
    EXPECT_EQ(c.out, EscapeXml(c.in)) << c.name;
  }
}

// Enough nodes and edges for several chunks of each (they are formatted on
// several threads), with text that needs escaping and cleaning.
TEST(GraphMLWriterTest, ThreadsDoNotChangeTheOutput) {
  Extraction x;
  x.document = "doc <1> \xC3\xA9.txt";
  for (size_t i = 0; i < 1500; ++i)
    x.entities.push_back(MakeEntity("Name \"" + std::to_string(i) + "\" L\xC3\xB3pez",
                                    EntityType::kPerson, 1, {"alias & " + std::to_string(i)}));
  for (size_t i = 0; i + 1 < 1500; ++i)
    x.relations.push_back(MakeRelation(i, i % 2 ? "met" : "thanked", i + 1, x.document, 10 * i,
                                       "Sentence " + std::to_string(i) + " \xFF <x>", "rule"));
  KnowledgeGraph g;
  AddAll({x}, &g);
  GraphMLOptions options;
  const std::string one = GraphMLOf(g, options);
  size_t nodes = 0, edges = 0;
  for (size_t at = 0; (at = one.find("<node id=\"n", at)) != std::string::npos; ++at) ++nodes;
  for (size_t at = 0; (at = one.find("<edge id=\"e", at)) != std::string::npos; ++at) ++edges;
  EXPECT_EQ(1500u, nodes);
  EXPECT_EQ(1499u, edges);
  EXPECT_NE(std::string::npos, one.find("<node id=\"n1499\">"));
  EXPECT_NE(std::string::npos, one.find("<edge id=\"e1498\" "));
  EXPECT_EQ(std::string::npos, one.find('\xFF'));
  for (size_t threads : {2, 3, 7}) {
    options.threads = threads;
    EXPECT_EQ(one, GraphMLOf(g, options)) << threads << " threads";
  }
}

TEST(GraphMLWriterTest, DeclaresEveryKeyWithForAndType) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string xml = GraphMLOf(g);

  std::map<std::string, std::string> declared;  // id -> "for name type"
  std::set<std::string> names;                  // "for name"
  for (const std::string& line : Lines(xml)) {
    if (line.rfind("  <key ", 0) != 0) continue;
    EXPECT_EQ("/>", line.substr(line.size() - 2)) << line;
    const std::string id = XmlAttribute(line, "id");
    const std::string for_what = XmlAttribute(line, "for");
    const std::string name = XmlAttribute(line, "attr.name");
    const std::string type = XmlAttribute(line, "attr.type");
    EXPECT_TRUE(for_what == "node" || for_what == "edge") << line;
    EXPECT_TRUE(type == "string" || type == "int" || type == "double") << line;
    EXPECT_TRUE(declared.emplace(id, for_what + " " + name + " " + type).second)
        << "duplicate id " << id;
    EXPECT_TRUE(names.insert(for_what + " " + name).second)
        << "duplicate attr.name " << name;
  }

  const std::map<std::string, std::string> expected = {
      {"label", "node label string"},
      {"name", "node name string"},
      {"type", "node type string"},
      {"aliases", "node aliases string"},
      {"mentions", "node mentions int"},
      {"documents", "node documents int"},
      {"color", "node color string"},
      {"size", "node size double"},
      {"indegree", "node in_degree int"},
      {"outdegree", "node out_degree int"},
      {"betweenness", "node betweenness double"},
      {"component", "node component int"},
      {"edgelabel", "edge label string"},
      {"relation", "edge relation string"},
      {"interaction", "edge interaction string"},
      {"weight", "edge weight double"},
      {"rule", "edge rule string"},
      {"evidence", "edge evidence string"},
      {"source", "edge source string"},
  };
  EXPECT_EQ(expected, declared);
  EXPECT_EQ(0u, declared.count("d3"));
  EXPECT_EQ(0u, declared.count("d7"));

  // Every <data> refers to a declared key.
  for (const std::string& line : Lines(xml)) {
    const size_t at = line.find("<data key=\"");
    if (at == std::string::npos) continue;
    const std::string key = XmlAttribute(line.substr(at), "key");
    EXPECT_EQ(1u, declared.count(key)) << line;
  }
}

TEST(GraphMLWriterTest, EdgesCarryRelationAsLabelAttribute) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string xml = GraphMLOf(g);
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e0\" source=\"n1\" target=\"n0\" "
                     "label=\"thanked\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e2\" source=\"n1\" target=\"n0\" "
                     "label=\"welcomed\">"));
  EXPECT_NE(std::string::npos, xml.find("<data key=\"weight\">2</data>"));
}

TEST(GraphMLWriterTest, EscapesTextEverywhere) {
  const std::string xml =
      GraphMLWith("Tom \"T\" & <Jerry>\x01", "says\"<", "x]]>y \xC3");
  EXPECT_NE(std::string::npos,
            xml.find("<data key=\"label\">Tom &quot;T&quot; &amp; "
                     "&lt;Jerry&gt;</data>"));
  EXPECT_NE(std::string::npos, xml.find("label=\"says&quot;&lt;\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<data key=\"evidence\">x]]&gt;y \xEF\xBF\xBD</data>"));
  // Whatever the input, the document is valid UTF-8 without C0 controls
  // other than the line breaks the writer itself puts between elements.
  EXPECT_EQ(CleanText(xml), xml);
  EXPECT_EQ(std::string::npos, xml.find('\t'));
  EXPECT_EQ(std::string::npos, xml.find('\r'));
}

TEST(GraphMLWriterTest, NumbersIgnoreTheStreamLocale) {
  // A locale with a decimal comma and digit grouping, as some user locales
  // have.
  struct GermanPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
  };
  Extraction x;
  x.document = "doc";
  for (int i = 0; i < 1001; ++i) {
    x.entities.push_back(
        MakeEntity("P" + std::to_string(10000 + i), EntityType::kPerson, 3));
  }
  x.relations = {MakeRelation(1000, "met", 0, "doc", 1234567, "s", "r")};
  KnowledgeGraph g;
  AddAll({x}, &g);

  std::ostringstream out;
  out.imbue(std::locale(std::locale::classic(), new GermanPunct));
  ASSERT_TRUE(WriteGraphML(g, out).ok);
  const std::string xml = out.str();
  EXPECT_NE(std::string::npos, xml.find("<node id=\"n1000\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e0\" source=\"n1000\" target=\"n0\""));
  EXPECT_NE(std::string::npos, xml.find("<data key=\"size\">16.9282</data>"));
  EXPECT_NE(std::string::npos, xml.find("<data key=\"weight\">1</data>"));
  EXPECT_NE(std::string::npos,
            xml.find("<data key=\"source\">doc:1234567-1234568</data>"));
}

TEST(GraphMLWriterTest, IntegerValuedDoublesHaveNoFraction) {
  // mentions 4 -> size 10 + 4 * 2 = 18.
  Extraction x;
  x.entities = {MakeEntity("A", EntityType::kPerson, 4)};
  KnowledgeGraph g;
  AddAll({x}, &g);
  const std::string xml = GraphMLOf(g);
  EXPECT_NE(std::string::npos, xml.find("<data key=\"size\">18</data>"));
  EXPECT_NE(std::string::npos, xml.find("<data key=\"mentions\">4</data>"));
}

TEST(GraphMLWriterTest, DescriptionIsEscapedOrOmitted) {
  KnowledgeGraph g;
  GraphMLOptions options;
  options.description = "kgrep 0.1.0; inputs: <a&b>";
  EXPECT_NE(std::string::npos,
            GraphMLOf(g, options)
                .find("  <desc>kgrep 0.1.0; inputs: &lt;a&amp;b&gt;</desc>\n"));
  options.description.clear();
  EXPECT_EQ(std::string::npos, GraphMLOf(g, options).find("<desc>"));
}

TEST(GraphMLWriterTest, EmptyGraphIsAWholeDocument) {
  KnowledgeGraph g;
  const std::string xml = GraphMLOf(g);
  EXPECT_EQ(0u, xml.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  EXPECT_NE(std::string::npos,
            xml.find("  <graph id=\"G\" edgedefault=\"directed\">\n"
                     "  </graph>\n</graphml>\n"));
}

}  // namespace
}  // namespace kgrep
