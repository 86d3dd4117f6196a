#include "graph/analytics.h"

#include <boost/graph/betweenness_centrality.hpp>

#include <numeric>
#include <set>
#include <utility>
#include <vector>

namespace kgrep {

namespace {

using Simple = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

size_t Find(std::vector<size_t>* parent, size_t x) {
  while ((*parent)[x] != x) {
    (*parent)[x] = (*parent)[(*parent)[x]];
    x = (*parent)[x];
  }
  return x;
}

}  // namespace

void ComputeAnalytics(KnowledgeGraph::Graph* g) {
  KnowledgeGraph::Graph& graph = *g;
  const size_t n = boost::num_vertices(graph);
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  std::set<std::pair<size_t, size_t>> pairs;
  for (auto v : boost::make_iterator_range(boost::vertices(graph))) {
    graph[v].in_degree = static_cast<int>(boost::in_degree(v, graph));
    graph[v].out_degree = static_cast<int>(boost::out_degree(v, graph));
  }
  for (auto e : boost::make_iterator_range(boost::edges(graph))) {
    size_t s = boost::source(e, graph), t = boost::target(e, graph);
    pairs.emplace(s, t);
    size_t a = Find(&parent, s), b = Find(&parent, t);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }

  // Components numbered in order of their smallest node.
  std::vector<int> id(n, -1);
  int next = 0;
  for (size_t v = 0; v < n; ++v) {
    size_t root = Find(&parent, v);
    if (id[root] < 0) id[root] = next++;
    graph[v].component = id[root];
  }

  Simple simple(n);
  for (const auto& [s, t] : pairs) boost::add_edge(s, t, simple);
  std::vector<double> centrality(n, 0.0);
  boost::brandes_betweenness_centrality(
      simple, boost::centrality_map(boost::make_iterator_property_map(
                  centrality.begin(), boost::get(boost::vertex_index, simple))));
  for (size_t v = 0; v < n; ++v) graph[v].betweenness = centrality[v];
}

}  // namespace kgrep
