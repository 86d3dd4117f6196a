// Degrees, betweenness and components computed by Finalize(), and the
// filters that make a subgraph.

#include <gtest/gtest.h>

#include "graph/filter.h"
#include "graph/knowledge_graph.h"
#include "tests/graph/graph_fixture.h"

namespace kgrep::testing {
namespace {

// A -> B -> C, A -> B twice (two relations), D -> E: B lies on the only path
// from A to C.
Extraction Chain() {
  Extraction x;
  x.document = "chain.txt";
  x.entities = {MakeEntity("Ada", EntityType::kPerson), MakeEntity("Ben", EntityType::kPerson),
                MakeEntity("Cyd", EntityType::kPerson), MakeEntity("Dan", EntityType::kPerson),
                MakeEntity("Erin", EntityType::kPerson),
                MakeEntity("Peru", EntityType::kCountry)};
  x.relations = {MakeRelation(0, "welcomed", 1, x.document, 0, "a", "r"),
                 MakeRelation(0, "thanked", 1, x.document, 10, "b", "r"),
                 MakeRelation(0, "thanked", 1, x.document, 20, "b2", "r"),
                 MakeRelation(1, "thanked", 2, x.document, 30, "c", "r"),
                 MakeRelation(3, "thanked", 4, x.document, 40, "d", "r"),
                 MakeRelation(3, "represents", 5, x.document, 50, "e", "r")};
  return x;
}

const NodeProps& Node(const KnowledgeGraph& g, const std::string& label) {
  for (size_t i = 0; i < g.num_nodes(); ++i)
    if (g.node(i).label == label) return g.node(i);
  ADD_FAILURE() << "no node " << label;
  return g.node(0);
}

std::vector<std::string> Labels(const KnowledgeGraph& g) {
  std::vector<std::string> out;
  for (size_t i = 0; i < g.num_nodes(); ++i) out.push_back(g.node(i).label);
  return out;
}

TEST(AnalyticsTest, DegreesCountEdges) {
  KnowledgeGraph g;
  AddAll({Chain()}, &g);
  EXPECT_EQ(0, Node(g, "Ada").in_degree);
  EXPECT_EQ(2, Node(g, "Ada").out_degree);  // welcomed and thanked: two edges
  EXPECT_EQ(2, Node(g, "Ben").in_degree);
  EXPECT_EQ(1, Node(g, "Ben").out_degree);
  EXPECT_EQ(2, Node(g, "Dan").out_degree);
}

TEST(AnalyticsTest, BetweennessOnTheDirectedGraph) {
  KnowledgeGraph g;
  AddAll({Chain()}, &g);
  // Only Ada -> Ben -> Cyd passes through someone; parallel edges count once.
  EXPECT_DOUBLE_EQ(1.0, Node(g, "Ben").betweenness);
  EXPECT_DOUBLE_EQ(0.0, Node(g, "Ada").betweenness);
  EXPECT_DOUBLE_EQ(0.0, Node(g, "Dan").betweenness);
}

TEST(AnalyticsTest, ComponentsAreNumberedByTheirFirstNode) {
  KnowledgeGraph g;
  AddAll({Chain()}, &g);
  // Node order: Persons by label (Ada, Ben, Cyd, Dan, Erin), then Peru.
  EXPECT_EQ(0, Node(g, "Ada").component);
  EXPECT_EQ(0, Node(g, "Cyd").component);
  EXPECT_EQ(1, Node(g, "Dan").component);
  EXPECT_EQ(1, Node(g, "Erin").component);
  EXPECT_EQ(1, Node(g, "Peru").component);
}

TEST(FilterTest, TypesAndRelations) {
  KnowledgeGraph g, out;
  AddAll({Chain()}, &g);
  FilterOptions types;
  types.types = {EntityType::kCountry};
  ASSERT_TRUE(ApplyFilters(g, types, &out).ok);
  EXPECT_EQ(std::vector<std::string>{"Peru"}, Labels(out));
  EXPECT_EQ(0u, out.num_edges());

  FilterOptions relations;
  relations.relations = {"welcomed"};
  ASSERT_TRUE(ApplyFilters(g, relations, &out).ok);
  // Nodes left without edges go when an edge filter is given.
  EXPECT_EQ((std::vector<std::string>{"Ada", "Ben"}), Labels(out));
  EXPECT_EQ(1u, out.num_edges());
  EXPECT_EQ(1, out.node(0).out_degree);  // analytics of the subgraph
}

TEST(FilterTest, MinWeightAroundAndLargestComponent) {
  KnowledgeGraph g, out;
  Extraction twice = Chain();
  AddAll({twice, twice}, &g);  // weight 2 for every edge, 4 for Ada -thanked-> Ben
  FilterOptions heavy;
  heavy.min_weight = 3;
  ASSERT_TRUE(ApplyFilters(g, heavy, &out).ok);
  EXPECT_EQ((std::vector<std::string>{"Ada", "Ben"}), Labels(out));
  EXPECT_EQ(1u, out.num_edges());

  FilterOptions around;
  around.around = "cyd";  // case ignored
  around.depth = 1;
  ASSERT_TRUE(ApplyFilters(g, around, &out).ok);
  EXPECT_EQ((std::vector<std::string>{"Ben", "Cyd"}), Labels(out));
  around.depth = 2;
  ASSERT_TRUE(ApplyFilters(g, around, &out).ok);
  EXPECT_EQ((std::vector<std::string>{"Ada", "Ben", "Cyd"}), Labels(out));

  FilterOptions largest;
  largest.largest_component = true;  // {Ada, Ben, Cyd} and {Dan, Erin, Peru}: a tie
  ASSERT_TRUE(ApplyFilters(g, largest, &out).ok);
  EXPECT_EQ((std::vector<std::string>{"Ada", "Ben", "Cyd"}), Labels(out));
}

TEST(FilterTest, AroundAnUnknownNameFailsWithASuggestion) {
  KnowledgeGraph g, out;
  AddAll({Chain()}, &g);
  FilterOptions around;
  around.around = "Erinn";
  WriteResult r = ApplyFilters(g, around, &out);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ("--around: no entity named 'Erinn'; did you mean 'Erin'?", r.error);
}

}  // namespace
}  // namespace kgrep::testing
