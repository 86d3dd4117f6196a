// Graph analytics written as node attributes, so that Gephi users can size
// and colour by them without recomputing: degree, betweenness centrality and
// weakly connected components, computed with Boost.Graph.

#ifndef KGREP_GRAPH_ANALYTICS_H_
#define KGREP_GRAPH_ANALYTICS_H_

#include "graph/knowledge_graph.h"

namespace kgrep {

// Sets in_degree, out_degree, betweenness and component of every node of `g`.
// Degrees count edges (one per subject, relation, object). Betweenness is
// Brandes' centrality on the directed graph with parallel edges merged (two
// relations between the same people are one step), not normalised.
// Components are weak (edge direction ignored), numbered by their smallest
// node index: the component of node 0 is 0, the next one found is 1, ...
void ComputeAnalytics(KnowledgeGraph::Graph* g);

}  // namespace kgrep

#endif  // KGREP_GRAPH_ANALYTICS_H_
