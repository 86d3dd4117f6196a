#include "graph/gexf_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <locale>
#include <map>
#include <set>
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
using testing::OneRelationGraph;
using testing::Lines;
using testing::XmlAttribute;
using testing::ExpectGolden;

std::string GexfOf(const KnowledgeGraph& g,
                   const GexfOptions& options = GexfOptions()) {
  std::ostringstream out;
  WriteResult result = WriteGexf(g, out, options);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

// A graph of one relation "<subject> -<predicate>-> B" with `text` as its
// evidence.
std::string GexfWith(const std::string& subject, const std::string& predicate,
                     const std::string& text) {
  KnowledgeGraph g;
  OneRelationGraph(subject, predicate, text, &g);
  return GexfOf(g);
}

TEST(GexfWriterTest, GoldenSmallFixtureInBothOrders) {
  std::vector<Extraction> forward = SmallFixture();
  std::vector<Extraction> backward(forward.rbegin(), forward.rend());
  for (const std::vector<Extraction>& docs : {forward, backward}) {
    KnowledgeGraph g;
    AddAll(docs, &g);
    GexfOptions options;
    options.description = "kgrep test fixture; inputs: 2 documents";
    ExpectGolden("small.gexf", GexfOf(g, options));
  }
}

TEST(GexfWriterTest, DeclaresEveryAttributeAndUsesOnlyThose) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string xml = GexfOf(g);

  std::map<std::string, std::string> declared;  // "class id" -> "title type"
  std::string current_class;
  for (const std::string& line : Lines(xml)) {
    if (line.find("<attributes ") != std::string::npos) {
      current_class = XmlAttribute(line, "class");
    }
    if (line.find("<attribute ") == std::string::npos) continue;
    const std::string key = current_class + " " + XmlAttribute(line, "id");
    EXPECT_TRUE(declared
                    .emplace(key, XmlAttribute(line, "title") + " " +
                                      XmlAttribute(line, "type"))
                    .second)
        << "duplicate " << key;
  }
  const std::map<std::string, std::string> expected = {
      {"node type", "type string"},
      {"node aliases", "aliases string"},
      {"node mentions", "mentions integer"},
      {"node documents", "documents integer"},
      {"node in_degree", "in_degree integer"},
      {"node out_degree", "out_degree integer"},
      {"node betweenness", "betweenness double"},
      {"node component", "component integer"},
      {"edge relation", "relation string"},
      {"edge rule", "rule string"},
      {"edge evidence", "evidence string"},
      {"edge source", "source string"},
  };
  EXPECT_EQ(expected, declared);

  // Every <attvalue> refers to an attribute of its element's class.
  std::string element;
  int values = 0;
  for (const std::string& line : Lines(xml)) {
    if (line.find("<node ") != std::string::npos) element = "node";
    if (line.find("<edge ") != std::string::npos) element = "edge";
    if (line.find("<attvalue ") == std::string::npos) continue;
    ++values;
    EXPECT_EQ(1u, declared.count(element + " " + XmlAttribute(line, "for")))
        << line;
  }
  EXPECT_EQ(5 * 8 + 4 * 4, values);
}

TEST(GexfWriterTest, HeaderNamespacesAndMeta) {
  KnowledgeGraph g;
  GexfOptions options;
  options.description = "kgrep 0.1.0; inputs: <a&b>";
  const std::string xml = GexfOf(g, options);
  EXPECT_EQ(0u, xml.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<gexf xmlns=\"http://gexf.net/1.3\" "
                         "xmlns:viz=\"http://gexf.net/1.3/viz\" "
                         "version=\"1.3\">\n"
                         "  <meta>\n"
                         "    <creator>kgrep</creator>\n"
                         "    <description>kgrep 0.1.0; inputs: "
                         "&lt;a&amp;b&gt;</description>\n"
                         "  </meta>\n"
                         "  <graph mode=\"static\" "
                         "defaultedgetype=\"directed\">\n"));
  options.description.clear();
  EXPECT_EQ(std::string::npos, GexfOf(g, options).find("<description>"));
}

TEST(GexfWriterTest, EdgesCarryKindLabelAndWeight) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string xml = GexfOf(g);
  // Two relations between the same pair stay two edges of different kinds.
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e0\" source=\"n1\" target=\"n0\" "
                     "kind=\"thanked\" label=\"thanked\" weight=\"1\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e2\" source=\"n1\" target=\"n0\" "
                     "kind=\"welcomed\" label=\"welcomed\" weight=\"2\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<attvalue for=\"rule\" "
                     "value=\"welcomed-basic; welcomed-title\"/>"));
}

TEST(GexfWriterTest, NodesCarryVizAndAnalytics) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string xml = GexfOf(g);
  // n1 is Antony Blinken: Person (#8ab6e6), 4 mentions -> size 18.
  const size_t node = xml.find("<node id=\"n1\" label=\"Antony Blinken\">");
  ASSERT_NE(std::string::npos, node);
  const std::string body = xml.substr(node, xml.find("</node>", node) - node);
  EXPECT_NE(std::string::npos,
            body.find("<viz:color r=\"138\" g=\"182\" b=\"230\"/>"));
  EXPECT_NE(std::string::npos, body.find("<viz:size value=\"18\"/>"));
  const NodeProps& props = g.node(1);
  EXPECT_NE(std::string::npos,
            body.find("<attvalue for=\"in_degree\" value=\"" +
                      std::to_string(props.in_degree) + "\"/>"));
  EXPECT_NE(std::string::npos,
            body.find("<attvalue for=\"out_degree\" value=\"" +
                      std::to_string(props.out_degree) + "\"/>"));
  EXPECT_NE(std::string::npos,
            body.find("<attvalue for=\"component\" value=\"" +
                      std::to_string(props.component) + "\"/>"));
  EXPECT_NE(std::string::npos,
            body.find("<attvalue for=\"aliases\" "
                      "value=\"Blinken; Secretary Blinken\"/>"));
}

struct EscapeCase {
  const char* name;
  std::string label;     // entity label as extracted
  std::string expected;  // the node's label="..." value
};

TEST(GexfWriterTest, EscapesLabelsLikeGraphML) {
  const std::vector<EscapeCase> cases = {
      {"quotes", "Tom \"T\" O'Neil", "Tom &quot;T&quot; O&apos;Neil"},
      {"markup", "<AT&T>", "&lt;AT&amp;T&gt;"},
      {"cdata end", "x]]>y", "x]]&gt;y"},
      {"backslash untouched", "C:\\dir\\", "C:\\dir\\"},
      {"bell dropped", "ring\x07the bell", "ringthe bell"},
      {"tab as reference", "a\tb", "a&#9;b"},
      {"invalid utf-8 replaced", "a\xC3(", "a\xEF\xBF\xBD("},
      {"non-ascii kept", "Minist\xC3\xA8re \xE2\x80\x94 \xF0\x9F\x8C\x8D",
       "Minist\xC3\xA8re \xE2\x80\x94 \xF0\x9F\x8C\x8D"},
  };
  for (const EscapeCase& c : cases) {
    const std::string xml = GexfWith(c.label, "met", "s");
    EXPECT_NE(std::string::npos,
              xml.find(" label=\"" + c.expected + "\">"))
        << c.name << "\n"
        << xml;
  }
}

TEST(GexfWriterTest, EscapesRelationsAndEvidence) {
  const std::string xml = GexfWith("A", "says\"<&", "x]]>y \xC3 \"q\"\x01");
  EXPECT_NE(std::string::npos,
            xml.find("kind=\"says&quot;&lt;&amp;\" "
                     "label=\"says&quot;&lt;&amp;\""));
  EXPECT_NE(std::string::npos,
            xml.find("<attvalue for=\"evidence\" "
                     "value=\"x]]&gt;y \xEF\xBF\xBD &quot;q&quot;\"/>"));
  // Whatever the input, the document is valid UTF-8 without C0 controls
  // other than the line breaks between elements.
  EXPECT_EQ(CleanText(xml), xml);
  EXPECT_EQ(std::string::npos, xml.find('\t'));
  EXPECT_EQ(std::string::npos, xml.find('\r'));
}

TEST(GexfWriterTest, NumbersIgnoreTheStreamLocale) {
  struct GermanPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
  };
  Extraction x;
  x.document = "doc";
  for (int i = 0; i < 1001; ++i) {
    x.entities.push_back(
        MakeEntity("P" + std::to_string(10000 + i), EntityType::kPerson, 2));
  }
  for (int i = 0; i < 1234; ++i) {
    x.relations.push_back(MakeRelation(1000, "met", 0, "doc", 1234567, "s", "r"));
  }
  KnowledgeGraph g;
  AddAll({x}, &g);

  std::ostringstream out;
  out.imbue(std::locale(std::locale::classic(), new GermanPunct));
  ASSERT_TRUE(WriteGexf(g, out).ok);
  const std::string xml = out.str();
  EXPECT_NE(std::string::npos, xml.find("<node id=\"n1000\" label=\"P11000\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<edge id=\"e0\" source=\"n1000\" target=\"n0\" "
                     "kind=\"met\" label=\"met\" weight=\"1234\">"));
  EXPECT_NE(std::string::npos,
            xml.find("<viz:size value=\"15.65685424949238\"/>"));
  EXPECT_NE(std::string::npos,
            xml.find("<attvalue for=\"source\" "
                     "value=\"doc:1234567-1234568; doc:1234567-1234568; "));
}

TEST(GexfWriterTest, EmptyGraphIsAWholeDocument) {
  KnowledgeGraph g;
  const std::string xml = GexfOf(g);
  EXPECT_NE(std::string::npos,
            xml.find("    <nodes>\n    </nodes>\n    <edges>\n    </edges>\n"
                     "  </graph>\n</gexf>\n"));
}

}  // namespace
}  // namespace kgrep
