// Graph analytics written as node attributes, so that Gephi users can size
// and colour by them without recomputing: degree, betweenness centrality and
// weakly connected components, computed with Boost.Graph.

#ifndef KGREP_GRAPH_ANALYTICS_H_
#define KGREP_GRAPH_ANALYTICS_H_

#include <cstddef>
#include <vector>

#include "graph/knowledge_graph.h"

namespace kgrep {

// Sets in_degree, out_degree, betweenness and component of every node of `g`.
// Degrees count edges (one per subject, relation, object). Betweenness is
// Brandes' centrality on the directed graph with parallel edges merged (two
// relations between the same people are one step), not normalised.
// Components are weak (edge direction ignored), numbered by their smallest
// node index: the component of node 0 is 0, the next one found is 1, ...
//
// Exact betweenness costs one breadth-first search per node, nodes x edges in
// all: 0.8 s for a graph of 11,000 nodes, 9.5 s at 32,000. Above
// kExactBetweennessNodes nodes it is estimated instead from
// kBetweennessSources sources spread evenly over the node order, each source's
// share scaled by nodes / sources (Brandes and Pich, "Centrality estimation in
// large networks", 2007). The estimate is deterministic: the same graph gives
// the same values, whatever `threads` is (threads share the sources).
void ComputeAnalytics(KnowledgeGraph::Graph* g, size_t threads = 1);

inline constexpr size_t kExactBetweennessNodes = 5000;
inline constexpr size_t kBetweennessSources = 1000;
// Sources are summed in this many runs of consecutive sources, each on its
// own, then added in order: the unit of work for threads, fixed so that the
// values do not depend on their number.
inline constexpr size_t kBetweennessLanes = 8;

// Brandes' betweenness on `adjacency` (out-neighbours of each node, no
// duplicates) counting only the shortest paths that start at `sources`, not
// scaled. With every node as a source it is the exact centrality. Runs on up
// to `threads` threads; the result is the same, bit for bit, for any number.
std::vector<double> BetweennessFrom(const std::vector<std::vector<size_t>>& adjacency,
                                    const std::vector<size_t>& sources, size_t threads = 1);

}  // namespace kgrep

#endif  // KGREP_GRAPH_ANALYTICS_H_
