// Writes a KnowledgeGraph as JSON in the shape cytoscape.js loads with
// cy.add(json.elements) (and Cytoscape desktop imports as "Cytoscape.js
// JSON"):
//
//   {
//     "directed": true,
//     "description": "...",
//     "elements": {
//       "nodes": [{"data": {"id": "n0", "label", "name" (copy of label),
//                           "type", "aliases" [...], "mentions",
//                           "documents", "color" ("#rrggbb"), "size",
//                           "in_degree", "out_degree", "betweenness",
//                           "component"}}, ...],
//       "edges": [{"data": {"id": "e0", "source": "n1", "target": "n0",
//                           "label" (the relation), "relation",
//                           "interaction" (copy of relation), "weight",
//                           "rules" [...], "evidence": [{"document",
//                           "begin", "end", "text", "rule"}, ...]}}, ...]
//     }
//   }
//
// Keys come in exactly this order. "description" is omitted when empty.
// Ids n0.. and e0.. follow the graph's deterministic order, the same ids as
// in the GraphML and GEXF outputs; "aliases" and "rules" are sorted;
// "evidence" is in the graph's order. "size" is 10 + 4 * sqrt(mentions), as
// in the other writers.
//
// The output is UTF-8 (non-ASCII is written as is, not as \u escapes),
// indented by 2 spaces, ends with a newline, and is the same bytes for the
// same graph. Every string goes through CleanText() first. Integers are
// JSON integers; doubles are written as the shortest text that reads back
// to the same value, always with a fraction or exponent ("14.0").

#ifndef KGREP_GRAPH_JSON_WRITER_H_
#define KGREP_GRAPH_JSON_WRITER_H_

#include <ostream>
#include <string>

#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

struct JsonOptions {
  // Value of the top-level "description", e.g. "kgrep 0.1.0; rules: ...;
  // inputs: ...". Omitted when empty.
  // Default: "kgrep".
  std::string description = "kgrep";
};

// Writes `graph` to `out`. Returns an error if the graph is not finalized or
// if the stream fails; in both cases `out` may hold a partial document.
// REQUIRES: graph.finalized().
WriteResult WriteJson(const KnowledgeGraph& graph, std::ostream& out,
                      const JsonOptions& options = JsonOptions());

}  // namespace kgrep

#endif  // KGREP_GRAPH_JSON_WRITER_H_
