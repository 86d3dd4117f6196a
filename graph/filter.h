// Filters for readable diagrams, applied to the merged graph before any
// writer: keep some entity types or relations, drop weak edges, keep the
// neighbourhood of one entity or the largest connected component.

#ifndef KGREP_GRAPH_FILTER_H_
#define KGREP_GRAPH_FILTER_H_

#include <string>
#include <vector>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

struct FilterOptions {
  std::vector<EntityType> types;       // keep nodes of these types; empty = all
  std::vector<std::string> relations;  // keep edges of these relations; empty = all
  int min_weight = 1;                  // keep edges found at least this often
  std::string around;                  // keep what is within `depth` steps of this entity
  int depth = 1;                       // steps for `around`, edge direction ignored
  bool largest_component = false;      // keep the largest weakly connected component

  bool active() const {
    return !types.empty() || !relations.empty() || min_weight > 1 || !around.empty() ||
           largest_component;
  }
};

// Applies `options` to `in` and makes *out the result, in this order: types,
// relations and weight (an edge goes with either end); then, if an edge
// filter (relations or weight) was given, the nodes left without edges;
// then `around` (breadth-first search from the entity whose label or alias
// equals it, case and accents ignored); then the largest component (ties:
// the one with the smallest node index). Fails, leaving *out empty, if
// `around` names no entity (with the nearest label as a suggestion).
// REQUIRES: in.finalized().
WriteResult ApplyFilters(const KnowledgeGraph& in, const FilterOptions& options,
                         KnowledgeGraph* out);

}  // namespace kgrep

#endif  // KGREP_GRAPH_FILTER_H_
