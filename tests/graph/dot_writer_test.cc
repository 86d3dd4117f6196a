#include "graph/dot_writer.h"

#include <graphviz/cgraph.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
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

std::string DotOf(const KnowledgeGraph& g,
                  const DotOptions& options = DotOptions()) {
  std::ostringstream out;
  WriteResult result = WriteDot(g, out, options);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

// Parses DOT text back with cgraph, as `dot` would.
struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using ParsedGraph = std::unique_ptr<Agraph_t, GraphCloser>;

ParsedGraph Parse(const std::string& dot) { return ParsedGraph(agmemread(dot.c_str())); }

std::string Attr(void* object, const char* name) {
  const char* value = agget(object, const_cast<char*>(name));
  return value == nullptr ? "<unset>" : value;
}

struct EscapeCase {
  const char* name;
  std::string in;
  std::string out;
};

TEST(EscapeDotTextTest, Table) {
  const std::vector<EscapeCase> cases = {
      {"plain", "Antony Blinken", "Antony Blinken"},
      {"trailing backslash", "C:\\", "C:\\\\"},
      {"escape sequences stay literal", "\\N \\l \\G", "\\\\N \\\\l \\\\G"},
      {"quotes left to cgraph", "say \"hi\"", "say \"hi\""},
      {"newline", "two\nlines", "two\\nlines"},
      {"crlf is one break", "two\r\nlines", "two\\nlines"},
      {"lone cr", "two\rlines", "two\\nlines"},
      {"controls dropped", "a\x01\x1B" "b", "ab"},
      {"invalid utf-8", "a\xFF", "a\xEF\xBF\xBD"},
      {"entities stay literal", "&amp; &lt;b&gt; &#x27; &#39;",
       "&amp;amp; &amp;lt;b&amp;gt; &amp;#x27; &amp;#39;"},
      {"a lone ampersand stays", "AT&T & Co; R&D;", "AT&T & Co; R&amp;D;"},
      {"byte-order mark as an entity", "\xEF\xBB\xBF", "&#xFEFF;"},
  };
  for (const EscapeCase& c : cases) {
    EXPECT_EQ(c.out, EscapeDotText(c.in)) << c.name;
  }
}

// Labels that break naive DOT writers. Each becomes its own node and reads
// back as exactly EscapeDotText(label).
TEST(DotWriterTest, TrickyLabelsRoundTrip) {
  const std::vector<std::string> labels = {
      "ends with backslash \\", "\\",          "say \"hi\"",
      "\"",                     "node",        "graph",
      "edge",                   "digraph",     "Strict",
      "subgraph",               "two\nlines",  "-1.5",
      "a -> b",                 "<b>html</b>", "T\xC3\xBCrkiye",
      "{ [ ; ] }",              "",            "\\\"",
      // Longer than cgraph's output line, which it may split.
      std::string(150, 'x') + " \"" + std::string(150, 'y') + "\\",
  };
  Extraction x;
  x.document = "doc";
  for (size_t i = 0; i < labels.size(); ++i) {
    x.entities.push_back(MakeEntity(labels[i], EntityType::kPerson, 1, {},
                                    "k" + std::to_string(100 + i)));
  }
  x.relations = {MakeRelation(0, "node", 1, "doc", 0, "s", "r"),
                 MakeRelation(1, "a \"b\" \\", 0, "doc", 0, "s", "r")};
  KnowledgeGraph g;
  AddAll({x}, &g);
  const std::string dot = DotOf(g);

  ParsedGraph parsed = Parse(dot);
  ASSERT_TRUE(parsed) << dot;
  ASSERT_EQ(static_cast<int>(labels.size()), agnnodes(parsed.get())) << dot;
  ASSERT_EQ(2, agnedges(parsed.get())) << dot;
  for (size_t i = 0; i < g.num_nodes(); ++i) {
    std::string name = "n" + std::to_string(i);
    Agnode_t* n = agnode(parsed.get(), name.data(), 0);
    ASSERT_NE(nullptr, n) << name;
    EXPECT_EQ(EscapeDotText(g.node(i).label), Attr(n, "label")) << name;
  }
  // The label ending in a backslash comes out as an escaped backslash
  // followed by the closing quote.
  EXPECT_NE(std::string::npos, dot.find("label=\"ends with backslash \\\\\""));
  EXPECT_NE(std::string::npos, dot.find("label=\"say \\\"hi\\\"\""));
  EXPECT_NE(std::string::npos, dot.find("label=\"two\\nlines\""));
  EXPECT_NE(std::string::npos, dot.find("label=\"node\""));
}

TEST(DotWriterTest, EqualLabelsStayDistinctNodes) {
  Extraction x;
  x.entities = {MakeEntity("Paris", EntityType::kLocation),
                MakeEntity("Paris", EntityType::kPerson)};
  x.relations = {MakeRelation(1, "visited", 0, "doc", 0, "s", "r")};
  KnowledgeGraph g;
  AddAll({x}, &g);
  ParsedGraph parsed = Parse(DotOf(g));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(2, agnnodes(parsed.get()));
  EXPECT_EQ(1, agnedges(parsed.get()));
}

TEST(DotWriterTest, ShapesColoursAndEdgeAttributes) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string dot = DotOf(g);
  ParsedGraph parsed = Parse(dot);
  ASSERT_TRUE(parsed) << dot;
  EXPECT_TRUE(agisdirected(parsed.get()));
  EXPECT_FALSE(agisstrict(parsed.get()));
  EXPECT_EQ("kgrep", std::string(agnameof(parsed.get())));
  EXPECT_EQ("LR", Attr(parsed.get(), "rankdir"));

  struct Expected {
    const char* name;
    const char* shape;
    EntityType type;
  };
  const std::vector<Expected> expected = {
      {"n0", "ellipse", EntityType::kPerson},
      {"n2", "box", EntityType::kAgency},
      {"n3", "hexagon", EntityType::kCountry},
      {"n4", "note", EntityType::kInitiative},
  };
  for (const Expected& e : expected) {
    Agnode_t* n = agnode(parsed.get(), const_cast<char*>(e.name), 0);
    ASSERT_NE(nullptr, n) << e.name;
    EXPECT_EQ(e.shape, Attr(n, "shape")) << e.name;
    EXPECT_EQ("filled", Attr(n, "style")) << e.name;
    EXPECT_EQ(std::string(EntityTypeColor(e.type)), Attr(n, "fillcolor"))
        << e.name;
  }
  Agnode_t* blinken = agnode(parsed.get(), const_cast<char*>("n1"), 0);
  ASSERT_NE(nullptr, blinken);
  EXPECT_EQ("Person, 4 mentions\\nalso: Blinken; Secretary Blinken",
            Attr(blinken, "tooltip"));

  // Two relations between the same pair stay two edges.
  std::vector<std::string> relations;
  Agnode_t* baerbock = agnode(parsed.get(), const_cast<char*>("n0"), 0);
  for (Agedge_t* e = agfstout(parsed.get(), blinken); e != nullptr;
       e = agnxtout(parsed.get(), e)) {
    if (aghead(e) != baerbock) continue;
    relations.push_back(Attr(e, "label") + " weight=" + Attr(e, "weight") +
                        " penwidth=" + Attr(e, "penwidth"));
  }
  std::sort(relations.begin(), relations.end());
  EXPECT_EQ(std::vector<std::string>({"thanked weight=1 penwidth=1",
                                      "welcomed weight=2 penwidth=2"}),
            relations);
}

TEST(DotWriterTest, PenWidthGrowsWithWeightAndIsCapped) {
  const Entity a = MakeEntity("A", EntityType::kPerson);
  const Entity b = MakeEntity("B", EntityType::kPerson);
  KnowledgeGraph g;
  for (int i = 0; i < 3; ++i) {
    Extraction x;
    x.entities = {a, b};
    x.relations = {MakeRelation(0, "met", 1, "doc", i, "s", "r")};
    g.Add(x);
  }
  for (int i = 0; i < 1000; ++i) {
    Extraction x;
    x.entities = {a, b};
    x.relations = {MakeRelation(1, "met", 0, "doc", i, "s", "r")};
    g.Add(x);
  }
  g.Finalize();
  const std::string dot = DotOf(g);
  EXPECT_NE(std::string::npos, dot.find("penwidth=2.58")) << dot;
  EXPECT_NE(std::string::npos, dot.find("penwidth=8")) << dot;
  EXPECT_NE(std::string::npos, dot.find("weight=1000")) << dot;
}

TEST(DotWriterTest, OptionsAreEscapedOrOmitted) {
  KnowledgeGraph g;
  DotOptions options;
  options.comment = "kgrep \"0.1\" \\";
  options.rankdir = "";
  const std::string dot = DotOf(g, options);
  EXPECT_NE(std::string::npos, dot.find("comment=\"kgrep \\\"0.1\\\" \\\\\""))
      << dot;
  EXPECT_EQ(std::string::npos, dot.find("rankdir")) << dot;
  EXPECT_TRUE(Parse(dot)) << dot;
}

TEST(DotWriterTest, OutputIsDeterministic) {
  KnowledgeGraph a, b;
  std::vector<Extraction> docs = SmallFixture();
  AddAll(docs, &a);
  std::swap(docs[0], docs[1]);
  AddAll(docs, &b);
  EXPECT_EQ(DotOf(a), DotOf(b));
  EXPECT_EQ(DotOf(a), DotOf(a));
}

}  // namespace
}  // namespace kgrep
