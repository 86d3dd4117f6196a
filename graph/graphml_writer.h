// Writes a KnowledgeGraph as GraphML that Gephi, networkx, igraph, Cytoscape
// and graphology read without loss:
//
// - every <key> has an id, `for` (node or edge), attr.name and an attr.type
//   among string, int and double; no key id is "d3" or "d7";
// - node keys: label, name (copy of label), type, aliases ("; "-joined),
//   mentions (int), documents (int), color ("#rrggbb"), size (double);
// - edge keys: edgelabel (attr.name "label"), relation, interaction (copy of
//   relation), weight (double), rule, evidence (sentences joined " | "),
//   source ("document:begin-end" joined "; ");
// - each <edge> also carries the XML attribute label="<relation>", which
//   Gephi reads as the edge type so that different relations between the
//   same two nodes are not merged;
// - node ids n0.. and edge ids e0.. follow the graph's deterministic order.
//
// Numbers are written without locale: ints as digits, doubles in the
// shortest of %g-style notation with 6 significant digits ("2", "16.9282").

#ifndef KGREP_GRAPH_GRAPHML_WRITER_H_
#define KGREP_GRAPH_GRAPHML_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

struct GraphMLOptions {
  // Text of the <desc> element, e.g. "kgrep 0.1.0; rules: rules/x.yaml
  // (sha256 ...); inputs: 3 files". Omitted when empty.
  // Default: "kgrep".
  std::string description = "kgrep";
  // Threads that format nodes and edges while the text already made is
  // written. The output is the same for any number.
  size_t threads = 1;
};

// Writes `graph` to `out`. Returns an error if the graph is not finalized or
// if the stream fails; in both cases `out` may hold a partial document.
// REQUIRES: graph.finalized().
WriteResult WriteGraphML(const KnowledgeGraph& graph, std::ostream& out,
                         const GraphMLOptions& options = GraphMLOptions());

// Returns `text` escaped for XML character data and attribute values:
// CleanText() first (so any input yields well-formed XML 1.0), then & < > "
// ' as entity references and tab, LF, CR as character references, so that
// attribute-value normalisation cannot turn them into spaces.
std::string EscapeXml(std::string_view text);

}  // namespace kgrep

#endif  // KGREP_GRAPH_GRAPHML_WRITER_H_
