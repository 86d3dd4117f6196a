#include "graph/diagram.h"

#include <graphviz/cgraph.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/dot_writer.h"
#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using ParsedGraph = std::unique_ptr<Agraph_t, GraphCloser>;

std::string Draw(const KnowledgeGraph& g, DiagramOptions options) {
  std::ostringstream out;
  WriteResult result = WriteDiagram(g, options, out);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

// The decorated graph (DiagramFormat::kDot), parsed back with cgraph.
ParsedGraph Decorated(const KnowledgeGraph& g, DiagramOptions options = {}) {
  options.format = DiagramFormat::kDot;
  ParsedGraph parsed(agmemread(Draw(g, options).c_str()));
  EXPECT_NE(parsed, nullptr);
  return parsed;
}

std::string Attr(void* object, const char* name) {
  const char* value = agget(object, const_cast<char*>(name));
  return value == nullptr ? "<unset>" : value;
}

Agnode_t* Node(Agraph_t* g, size_t index) {
  return agnode(g, const_cast<char*>(("n" + std::to_string(index)).c_str()), 0);
}

// The edge attributes `name`, by edge id.
std::map<std::string, std::string> EdgeAttrs(Agraph_t* g, const char* name) {
  std::map<std::string, std::string> values;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      values[Attr(e, "id")] = Attr(e, name);
    }
  }
  return values;
}

class SmallGraphTest : public ::testing::Test {
 protected:
  void SetUp() override { AddAll(SmallFixture(), &graph_); }
  KnowledgeGraph graph_;
};

TEST_F(SmallGraphTest, LegendListsExactlyTheTypesAndRelationsPresent) {
  ParsedGraph g = Decorated(graph_);
  const std::string legend = Attr(g.get(), "label");
  for (const char* present : {">Person <", ">Agency <", ">Country <", ">Initiative <",
                              ">member_of<", ">thanked<", ">welcomed<"}) {
    EXPECT_NE(legend.find(present), std::string::npos) << present << " in " << legend;
  }
  for (const char* absent : {"Organization", "Location", "represents", "part_of"}) {
    EXPECT_EQ(legend.find(absent), std::string::npos) << absent << " in " << legend;
  }
}

TEST_F(SmallGraphTest, NoLegendNoTitleNoLabel) {
  DiagramOptions options;
  options.legend = false;
  ParsedGraph g = Decorated(graph_, options);
  EXPECT_EQ("<unset>", Attr(g.get(), "label"));
}

TEST_F(SmallGraphTest, TitleIsEscaped) {
  DiagramOptions options;
  options.title = "Talks <b>&</b> \"more\"";
  options.legend = false;
  ParsedGraph g = Decorated(graph_, options);
  EXPECT_NE(Attr(g.get(), "label").find("<b>Talks &lt;b&gt;&amp;&lt;/b&gt; &quot;more&quot;</b>"),
            std::string::npos)
      << Attr(g.get(), "label");
}

TEST_F(SmallGraphTest, TypeClustersHoldEveryNodeOnce) {
  DiagramOptions options;
  options.cluster = DiagramCluster::kType;
  ParsedGraph g = Decorated(graph_, options);
  std::map<std::string, int> seen;
  std::set<std::string> clusters;
  for (Agraph_t* sub = agfstsubg(g.get()); sub != nullptr; sub = agnxtsubg(sub)) {
    const std::string name = agnameof(sub);
    clusters.insert(name);
    for (Agnode_t* n = agfstnode(sub); n != nullptr; n = agnxtnode(sub, n)) {
      ++seen[agnameof(n)];
      const size_t index = std::stoul(std::string(agnameof(n)).substr(1));
      EXPECT_EQ("cluster_" + std::string(EntityTypeName(graph_.node(index).type)), name);
    }
  }
  EXPECT_EQ((std::set<std::string>{"cluster_Person", "cluster_Agency", "cluster_Country",
                                   "cluster_Initiative"}),
            clusters);
  ASSERT_EQ(graph_.num_nodes(), seen.size());
  for (const auto& [node, count] : seen) EXPECT_EQ(1, count) << node;
}

TEST_F(SmallGraphTest, StyleOverridesApply) {
  DiagramOptions options;
  options.style.types["Person"]["shape"] = "box";
  options.style.relations["welcomed"]["color"] = "#123456";
  options.style.graph["bgcolor"] = "#fafafa";
  options.style.types["Location"]["shape"] = "star";  // no Location: ignored
  ParsedGraph g = Decorated(graph_, options);
  EXPECT_EQ("#fafafa", Attr(g.get(), "bgcolor"));
  for (size_t i = 0; i < graph_.num_nodes(); ++i) {
    const std::string expected = graph_.node(i).type == EntityType::kPerson
                                     ? "box"
                                     : std::string(EntityTypeShape(graph_.node(i).type));
    EXPECT_EQ(expected, Attr(Node(g.get(), i), "shape")) << i;
  }
  std::map<std::string, std::string> colors = EdgeAttrs(g.get(), "color");
  std::map<std::string, std::string> labels = EdgeAttrs(g.get(), "label");
  for (const auto& [id, label] : labels) {
    EXPECT_EQ(label == "welcomed", colors[id] == "#123456") << id;
  }
  // The legend shows the overrides too.
  const std::string legend = Attr(g.get(), "label");
  EXPECT_NE(legend.find("Person <font point-size=\"9\" color=\"#333333\">box<"),
            std::string::npos) << legend;
  EXPECT_NE(legend.find("<font color=\"#123456\">welcomed<"), std::string::npos) << legend;

  options.format = DiagramFormat::kSvg;
  EXPECT_NE(Draw(graph_, options).find("stroke=\"#123456\""), std::string::npos);
}

TEST(DiagramTest, PenWidthGrowsWithWeight) {
  Extraction x;
  x.document = "doc";
  x.entities = {MakeEntity("A", EntityType::kPerson), MakeEntity("B", EntityType::kPerson),
                MakeEntity("C", EntityType::kPerson), MakeEntity("D", EntityType::kPerson)};
  // A-B once, A-C three times, A-D nine times.
  for (auto [target, times] : {std::pair{1, 1}, {2, 3}, {3, 9}}) {
    for (int i = 0; i < times; ++i) {
      x.relations.push_back(MakeRelation(0, "met", target, "doc", 100 * target + i,
                                         "A met them.", "met"));
    }
  }
  KnowledgeGraph graph;
  AddAll({x}, &graph);
  ParsedGraph g = Decorated(graph);
  std::map<std::string, std::string> widths = EdgeAttrs(g.get(), "penwidth");
  ASSERT_EQ(3u, widths.size());
  EXPECT_EQ("1", widths["e0"]);
  EXPECT_LT(std::stod(widths["e0"]), std::stod(widths["e1"]));
  EXPECT_LT(std::stod(widths["e1"]), std::stod(widths["e2"]));
}

TEST_F(SmallGraphTest, UnknownLayoutIsAnErrorAndWritesNothing) {
  DiagramOptions options;
  options.layout = "circus";
  std::ostringstream out;
  WriteResult result = WriteDiagram(graph_, options, out);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("unknown layout 'circus'; use one of: dot, neato, fdp, sfdp, circo, twopi",
            result.error);
  EXPECT_EQ("", out.str());

  const std::string path = ::testing::TempDir() + "/diagram_test_" +
                           std::to_string(getpid()) + ".svg";
  result = WriteDiagram(graph_, options, path);
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(SmallGraphTest, EveryFormatAndLayoutRenders) {
  const std::map<DiagramFormat, std::string> magic = {
      {DiagramFormat::kSvg, "<?xml"}, {DiagramFormat::kPng, "\x89PNG"},
      {DiagramFormat::kPdf, "%PDF-"}, {DiagramFormat::kDot, "digraph kgrep {"}};
  for (const std::string& layout : DiagramLayouts()) {
    for (DiagramCluster cluster :
         {DiagramCluster::kNone, DiagramCluster::kType, DiagramCluster::kCountry}) {
      for (const auto& [format, start] : magic) {
        DiagramOptions options;
        options.layout = layout;
        options.cluster = cluster;
        options.format = format;
        const std::string bytes = Draw(graph_, options);
        EXPECT_EQ(start, bytes.substr(0, start.size())) << layout;
      }
    }
  }
}

TEST_F(SmallGraphTest, SvgElementsCarryTheGraphIds) {
  const std::string svg = Draw(graph_, DiagramOptions());
  for (size_t i = 0; i < graph_.num_nodes(); ++i) {
    EXPECT_NE(svg.find("<g id=\"n" + std::to_string(i) + "\" class=\"node\""),
              std::string::npos) << i;
  }
  for (size_t i = 0; i < graph_.num_edges(); ++i) {
    EXPECT_NE(svg.find("<g id=\"e" + std::to_string(i) + "\" class=\"edge\""),
              std::string::npos) << i;
  }
}

TEST(DiagramTest, CountryClustersFollowMembership) {
  Extraction x;
  x.document = "doc";
  x.entities = {
      MakeEntity("Mexico", EntityType::kCountry),                // 0
      MakeEntity("United States", EntityType::kCountry),         // 1
      MakeEntity("Department of State", EntityType::kAgency),    // 2: part_of US
      MakeEntity("Blinken", EntityType::kPerson),                // 3: member_of 2
      MakeEntity("Ebrard", EntityType::kPerson),                 // 4: represents MX
      MakeEntity("Both", EntityType::kPerson),                   // 5: MX near, US far
      MakeEntity("Loner", EntityType::kPerson),                  // 6: no country
      MakeEntity("Torn", EntityType::kPerson),                   // 7: MX once, US twice
      MakeEntity("Even", EntityType::kPerson),                   // 8: MX once, US once
      MakeEntity("Guest", EntityType::kPerson),                  // 9: welcomed by Ebrard
  };
  auto rel = [&](size_t s, const char* p, size_t o) {
    x.relations.push_back(MakeRelation(s, p, o, "doc", x.relations.size(), "text", "r"));
  };
  rel(2, "part_of", 1);
  rel(3, "member_of", 2);
  rel(4, "represents", 0);
  rel(5, "represents", 2);
  rel(5, "represents", 0);
  rel(7, "represents", 0);
  rel(7, "represents", 1);
  rel(7, "represents", 1);
  rel(8, "represents", 1);
  rel(8, "represents", 0);
  rel(4, "welcomed", 9);
  KnowledgeGraph graph;
  AddAll({x}, &graph);

  std::map<std::string, std::string> got;
  const std::vector<std::optional<size_t>> country = CountryClusters(graph);
  ASSERT_EQ(graph.num_nodes(), country.size());
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    got[graph.node(i).label] = country[i] ? graph.node(*country[i]).label : "-";
  }
  // Nodes are sorted by type then label: Person < Agency < Country, so
  // Mexico has a lower index than United States.
  const std::map<std::string, std::string> expected = {
      {"Mexico", "Mexico"},  {"United States", "United States"},
      {"Department of State", "United States"},
      {"Blinken", "United States"}, {"Ebrard", "Mexico"}, {"Both", "Mexico"},
      {"Loner", "-"}, {"Torn", "United States"}, {"Even", "Mexico"}, {"Guest", "-"},
  };
  EXPECT_EQ(expected, got);
}

TEST(DiagramTest, DefaultLayoutBySize) {
  for (size_t nodes : {kDiagramDotMaxNodes, kDiagramDotMaxNodes + 1}) {
    Extraction x;
    x.document = "doc";
    for (size_t i = 0; i < nodes; ++i) {
      x.entities.push_back(MakeEntity("P" + std::to_string(i), EntityType::kPerson));
    }
    KnowledgeGraph graph;
    AddAll({x}, &graph);
    EXPECT_EQ(nodes == kDiagramDotMaxNodes ? "dot" : "sfdp", DefaultLayout(graph));
  }
}

TEST(DiagramTest, ParseNames) {
  DiagramFormat format;
  EXPECT_TRUE(ParseDiagramFormat("pdf", &format));
  EXPECT_EQ(DiagramFormat::kPdf, format);
  EXPECT_FALSE(ParseDiagramFormat("jpeg", &format));
  DiagramCluster cluster;
  EXPECT_TRUE(ParseDiagramCluster("country", &cluster));
  EXPECT_EQ(DiagramCluster::kCountry, cluster);
  EXPECT_FALSE(ParseDiagramCluster("Country", &cluster));
}

}  // namespace
}  // namespace kgrep
