#include "graph/filter.h"

#include <algorithm>
#include <deque>

#include "extract/macro.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// The index of the node `name` names (label or alias, folded), or -1.
int FindNode(const KnowledgeGraph& g, const std::string& name) {
  std::string folded = Fold(name);
  for (size_t i = 0; i < g.num_nodes(); ++i) {
    const NodeProps& n = g.node(i);
    if (Fold(n.label) == folded) return static_cast<int>(i);
  }
  for (size_t i = 0; i < g.num_nodes(); ++i)
    for (const auto& alias : g.node(i).aliases)
      if (Fold(alias) == folded) return static_cast<int>(i);
  return -1;
}

}  // namespace

WriteResult ApplyFilters(const KnowledgeGraph& in, const FilterOptions& options,
                         KnowledgeGraph* out) {
  const size_t n = in.num_nodes(), m = in.num_edges();
  std::vector<bool> node(n, true), edge(m, true);
  for (size_t i = 0; i < n; ++i)
    if (!options.types.empty() && std::find(options.types.begin(), options.types.end(),
                                            in.node(i).type) == options.types.end())
      node[i] = false;
  for (size_t i = 0; i < m; ++i) {
    EdgeRef e = in.edge(i);
    if (!node[e.source] || !node[e.target] || e.props->weight < options.min_weight ||
        (!options.relations.empty() &&
         std::find(options.relations.begin(), options.relations.end(), e.props->predicate) ==
             options.relations.end()))
      edge[i] = false;
  }
  auto drop_isolated = [&] {
    std::vector<bool> touched(n, false);
    for (size_t i = 0; i < m; ++i) {
      if (!edge[i]) continue;
      touched[in.edge(i).source] = touched[in.edge(i).target] = true;
    }
    for (size_t i = 0; i < n; ++i) node[i] = node[i] && touched[i];
  };
  if (!options.relations.empty() || options.min_weight > 1) drop_isolated();

  // Neighbours over the edges kept, direction ignored.
  std::vector<std::vector<size_t>> adjacent(n);
  for (size_t i = 0; i < m; ++i) {
    if (!edge[i]) continue;
    EdgeRef e = in.edge(i);
    adjacent[e.source].push_back(e.target);
    adjacent[e.target].push_back(e.source);
  }
  auto reach = [&](size_t start, int depth) {
    std::vector<int> dist(n, -1);
    std::deque<size_t> queue = {start};
    dist[start] = 0;
    while (!queue.empty()) {
      size_t v = queue.front();
      queue.pop_front();
      if (depth >= 0 && dist[v] >= depth) continue;
      for (size_t w : adjacent[v]) {
        if (!node[w] || dist[w] >= 0) continue;
        dist[w] = dist[v] + 1;
        queue.push_back(w);
      }
    }
    return dist;
  };

  if (!options.around.empty()) {
    int start = FindNode(in, options.around);
    if (start < 0 || !node[start]) {
      std::vector<std::string> labels;
      for (size_t i = 0; i < n; ++i)
        if (node[i]) labels.push_back(in.node(i).label);
      std::string near = NearestName(options.around, labels);
      *out = KnowledgeGraph(in.options());
      return WriteResult::Error("--around: no entity named '" + options.around + "'" +
                                (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    std::vector<int> dist = reach(static_cast<size_t>(start), std::max(0, options.depth));
    for (size_t i = 0; i < n; ++i) node[i] = node[i] && dist[i] >= 0;
  }

  if (options.largest_component) {
    std::vector<bool> seen(n, false), best;
    size_t best_size = 0;
    for (size_t v = 0; v < n; ++v) {
      if (!node[v] || seen[v]) continue;
      std::vector<int> dist = reach(v, -1);
      std::vector<bool> member(n, false);
      size_t size = 0;
      for (size_t i = 0; i < n; ++i) {
        if (dist[i] < 0) continue;
        member[i] = seen[i] = true;
        ++size;
      }
      if (size > best_size) {
        best_size = size;
        best = member;
      }
    }
    if (!best.empty()) node = best;
  }
  in.CopySubgraph(node, edge, out);
  return WriteResult::Ok();
}

}  // namespace kgrep
