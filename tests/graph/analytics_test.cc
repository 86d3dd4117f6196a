// Degrees, betweenness and components computed by Finalize(), and the
// filters that make a subgraph.

#include <gtest/gtest.h>

#include <boost/graph/betweenness_centrality.hpp>

#include <random>
#include <set>
#include <utility>
#include <vector>

#include "graph/analytics.h"

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

// The estimate for large graphs runs Brandes' algorithm from a subset of the
// nodes; from all of them it must give Boost's exact values.
TEST(AnalyticsTest, BetweennessFromEveryNodeIsBoostsExactCentrality) {
  using Simple = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  std::mt19937 random(7);
  for (size_t n : {2, 30, 300}) {
    std::set<std::pair<size_t, size_t>> edges;
    std::uniform_int_distribution<size_t> node(0, n - 1);
    for (size_t i = 0; i < 3 * n; ++i) {
      size_t s = node(random), t = node(random);
      if (s != t) edges.emplace(s, t);
    }
    Simple simple(n);
    std::vector<std::vector<size_t>> adjacency(n);
    for (const auto& [s, t] : edges) {
      boost::add_edge(s, t, simple);
      adjacency[s].push_back(t);
    }
    std::vector<double> exact(n, 0.0);
    boost::brandes_betweenness_centrality(
        simple, boost::centrality_map(boost::make_iterator_property_map(
                    exact.begin(), boost::get(boost::vertex_index, simple))));
    std::vector<size_t> all(n);
    for (size_t v = 0; v < n; ++v) all[v] = v;
    std::vector<double> ours = BetweennessFrom(adjacency, all);
    ASSERT_EQ(n, ours.size());
    double largest = 0;
    for (size_t v = 0; v < n; ++v) {
      EXPECT_NEAR(exact[v], ours[v], 1e-9 * (1 + exact[v])) << "n " << n << " node " << v;
      largest = std::max(largest, exact[v]);
    }
    if (n == 300) {
      EXPECT_GT(largest, 100.0);  // a graph with paths worth checking
    }
  }
}

// A chain 0 -> 1 -> ... -> n-1 beyond kExactBetweennessNodes: node v lies on
// the paths from each of the v nodes before it to each of the n-1-v after it.
TEST(AnalyticsTest, LargeGraphsGetADeterministicEstimate) {
  const size_t n = kExactBetweennessNodes + 1000;
  auto chain = [n] {
    KnowledgeGraph::Graph g(n);
    for (size_t v = 0; v + 1 < n; ++v) boost::add_edge(v, v + 1, g);
    ComputeAnalytics(&g);
    return g;
  };
  KnowledgeGraph::Graph g = chain();
  for (size_t v : {n / 4, n / 2, 3 * n / 4}) {
    double exact = static_cast<double>(v) * static_cast<double>(n - 1 - v);
    EXPECT_NEAR(exact, g[v].betweenness, 0.01 * exact) << "node " << v;
  }
  EXPECT_EQ(0.0, g[0].betweenness);
  EXPECT_EQ(0.0, g[n - 1].betweenness);
  KnowledgeGraph::Graph again = chain();
  for (size_t v = 0; v < n; ++v) ASSERT_EQ(g[v].betweenness, again[v].betweenness) << v;
  KnowledgeGraph::Graph threaded(n);
  for (size_t v = 0; v + 1 < n; ++v) boost::add_edge(v, v + 1, threaded);
  ComputeAnalytics(&threaded, 3);
  for (size_t v = 0; v < n; ++v) ASSERT_EQ(g[v].betweenness, threaded[v].betweenness) << v;
}

// Threads share the sources in fixed lanes, so the sums are made in the same
// order whatever their number: equal to the last bit.
TEST(AnalyticsTest, BetweennessIsTheSameForAnyNumberOfThreads) {
  const size_t n = 3000;
  std::mt19937 random(11);
  std::uniform_int_distribution<size_t> node(0, n - 1);
  std::vector<std::set<size_t>> out(n);
  for (size_t i = 0; i < 4 * n; ++i) {
    size_t s = node(random), t = node(random);
    if (s != t) out[s].insert(t);
  }
  std::vector<std::vector<size_t>> adjacency(n);
  for (size_t v = 0; v < n; ++v) adjacency[v].assign(out[v].begin(), out[v].end());
  std::vector<size_t> sources;
  for (size_t v = 0; v < n; v += 3) sources.push_back(v);

  const std::vector<double> one = BetweennessFrom(adjacency, sources, 1);
  double total = 0;
  for (double c : one) total += c;
  EXPECT_GT(total, 1000.0);  // paths worth summing
  for (size_t threads : {2, 3, 8, 16}) {
    const std::vector<double> many = BetweennessFrom(adjacency, sources, threads);
    ASSERT_EQ(one.size(), many.size());
    for (size_t v = 0; v < n; ++v) ASSERT_EQ(one[v], many[v]) << threads << " threads, node " << v;
  }
  // Fewer sources than lanes.
  const std::vector<size_t> two = {5, 7};
  EXPECT_EQ(BetweennessFrom(adjacency, two, 1), BetweennessFrom(adjacency, two, 4));
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
