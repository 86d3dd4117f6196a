#include "graph/analytics.h"

#include <boost/graph/betweenness_centrality.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <numeric>
#include <span>
#include <thread>
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

// Out-neighbours in one array (compressed sparse rows), 32-bit: half the
// bytes of a vector of vectors of size_t, read in order. (A graph of 2^32
// edges would need 16 GB for this array alone: far past kgrep's memory.)
struct Csr {
  std::vector<uint32_t> begin;    // node v's neighbours: targets[begin[v], begin[v + 1])
  std::vector<uint32_t> targets;
};

Csr ToCsr(const std::vector<std::vector<size_t>>& adjacency) {
  Csr csr;
  csr.begin.reserve(adjacency.size() + 1);
  csr.begin.push_back(0);
  for (const std::vector<size_t>& out : adjacency) {
    for (size_t w : out) csr.targets.push_back(static_cast<uint32_t>(w));
    csr.begin.push_back(static_cast<uint32_t>(csr.targets.size()));
  }
  return csr;
}

// Brandes from `sources`, added into *out.
void AddBetweenness(const Csr& g, std::span<const size_t> sources, std::vector<double>* out) {
  std::vector<double>& centrality = *out;
  const size_t n = g.begin.size() - 1;
  std::vector<double> sigma(n), delta(n);  // shortest paths from the source; dependency
  std::vector<int32_t> dist(n, -1);
  std::vector<uint32_t> order;  // nodes in the order the search reached them
  order.reserve(n);
  const uint32_t* begin = g.begin.data();
  const uint32_t* targets = g.targets.data();
  for (size_t source : sources) {
    const auto s = static_cast<uint32_t>(source);
    order.clear();
    sigma[s] = 1;
    dist[s] = 0;
    order.push_back(s);
    for (size_t head = 0; head < order.size(); ++head) {
      const uint32_t v = order[head];
      const int32_t next = dist[v] + 1;
      const double paths = sigma[v];
      for (uint32_t k = begin[v]; k < begin[v + 1]; ++k) {
        const uint32_t w = targets[k];
        if (dist[w] < 0) {
          dist[w] = next;
          order.push_back(w);
        }
        if (dist[w] == next) sigma[w] += paths;
      }
    }
    // Dependencies, farthest first: each node passes its share back to the
    // nodes one step nearer the source on its shortest paths.
    for (size_t i = order.size(); i-- > 0;) {
      const uint32_t v = order[i];
      const int32_t next = dist[v] + 1;
      double d = 0;
      for (uint32_t k = begin[v]; k < begin[v + 1]; ++k) {
        const uint32_t w = targets[k];
        if (dist[w] == next) d += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      delta[v] = d;
      if (v != s) centrality[v] += d;
    }
    for (uint32_t v : order) {
      sigma[v] = 0;
      delta[v] = 0;
      dist[v] = -1;
    }
  }
}

}  // namespace

std::vector<double> BetweennessFrom(const std::vector<std::vector<size_t>>& adjacency,
                                    const std::vector<size_t>& sources, size_t threads) {
  const size_t n = adjacency.size();
  const Csr csr = ToCsr(adjacency);
  // Lane l sums the sources [l * size / lanes, (l + 1) * size / lanes) in
  // order; the lanes are then added in order, each as soon as those before it
  // have been, so that few lanes' sums are held at once. Which thread runs a
  // lane changes nothing.
  const size_t lanes = std::min(kBetweennessLanes, sources.size());
  std::vector<double> centrality(n, 0.0);
  std::vector<std::vector<double>> sums(lanes);
  std::vector<char> done(lanes, 0);
  size_t added = 0;
  std::mutex mu;
  std::span<const size_t> all(sources);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t l = next++; l < lanes; l = next++) {
      const size_t begin = l * sources.size() / lanes, end = (l + 1) * sources.size() / lanes;
      std::vector<double> sum(n, 0.0);
      AddBetweenness(csr, all.subspan(begin, end - begin), &sum);
      std::lock_guard lock(mu);
      sums[l] = std::move(sum);
      done[l] = 1;
      for (; added < lanes && done[added]; ++added) {
        for (size_t v = 0; v < n; ++v) centrality[v] += sums[added][v];
        std::vector<double>().swap(sums[added]);
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(threads, lanes); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return centrality;
}

void ComputeAnalytics(KnowledgeGraph::Graph* g, size_t threads) {
  KnowledgeGraph::Graph& graph = *g;
  const size_t n = boost::num_vertices(graph);
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  std::vector<std::pair<size_t, size_t>> pairs;  // (source, target), sorted, no duplicates
  pairs.reserve(boost::num_edges(graph));
  for (auto v : boost::make_iterator_range(boost::vertices(graph))) {
    graph[v].in_degree = static_cast<int>(boost::in_degree(v, graph));
    graph[v].out_degree = static_cast<int>(boost::out_degree(v, graph));
  }
  for (auto e : boost::make_iterator_range(boost::edges(graph))) {
    size_t s = boost::source(e, graph), t = boost::target(e, graph);
    pairs.emplace_back(s, t);
    size_t a = Find(&parent, s), b = Find(&parent, t);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  // Components numbered in order of their smallest node.
  std::vector<int> id(n, -1);
  int next = 0;
  for (size_t v = 0; v < n; ++v) {
    size_t root = Find(&parent, v);
    if (id[root] < 0) id[root] = next++;
    graph[v].component = id[root];
  }

  std::vector<double> centrality(n, 0.0);
  if (n <= kExactBetweennessNodes) {
    Simple simple(n);
    for (const auto& [s, t] : pairs) boost::add_edge(s, t, simple);
    boost::brandes_betweenness_centrality(
        simple, boost::centrality_map(boost::make_iterator_property_map(
                    centrality.begin(), boost::get(boost::vertex_index, simple))));
  } else {
    std::vector<std::vector<size_t>> adjacency(n);
    for (const auto& [s, t] : pairs) adjacency[s].push_back(t);
    std::vector<size_t> sources;
    for (size_t i = 0; i < kBetweennessSources; ++i) sources.push_back(i * n / kBetweennessSources);
    centrality = BetweennessFrom(adjacency, sources, threads);
    const double scale = static_cast<double>(n) / static_cast<double>(kBetweennessSources);
    for (double& c : centrality) c *= scale;
  }
  for (size_t v = 0; v < n; ++v) graph[v].betweenness = centrality[v];
}

}  // namespace kgrep
