// Writes a KnowledgeGraph as GEXF 1.3, Gephi's own format, which networkx
// and graphology also read:
//
// - namespaces http://gexf.net/1.3 and http://gexf.net/1.3/viz, a <meta>
//   with <creator>kgrep</creator> and the description, and a static graph
//   with defaultedgetype="directed";
// - node attributes, declared in <attributes class="node">: type, aliases
//   ("; "-joined), mentions, documents, in_degree, out_degree (integer),
//   betweenness (double), component (integer); every node has its label as
//   the XML attribute `label`, an <attvalue> for each attribute,
//   <viz:color r g b> from EntityTypeColor() and <viz:size> 10 + 4 *
//   sqrt(mentions), as in the GraphML writer;
// - edge attributes, declared in <attributes class="edge">: relation, rule
//   ("; "-joined rule ids), evidence (sentences joined " | "), source
//   ("document:begin-end" joined "; "); every <edge> carries
//   kind="<relation>" (GEXF 1.3 parallel edges: Gephi merges only edges of
//   the same kind, so different relations between two nodes stay apart),
//   label="<relation>" and weight = the number of merged mentions;
// - node ids n0.. and edge ids e0.. follow the graph's deterministic order,
//   the same ids as in the GraphML and JSON outputs.
//
// The output has no date or other varying field: the same graph always
// gives the same bytes. Every text value goes through EscapeXml()
// (graph/graphml_writer.h). Numbers are written without locale, doubles as
// the shortest text that reads back to the same value ("2", "15.65685424949238").

#ifndef KGREP_GRAPH_GEXF_WRITER_H_
#define KGREP_GRAPH_GEXF_WRITER_H_

#include <ostream>
#include <string>

#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

struct GexfOptions {
  // Text of <meta><description>, e.g. "kgrep 0.1.0; rules: ...; inputs:
  // ...". Omitted when empty.
  // Default: "kgrep".
  std::string description = "kgrep";
};

// Writes `graph` to `out`. Returns an error if the graph is not finalized or
// if the stream fails; in both cases `out` may hold a partial document.
// REQUIRES: graph.finalized().
WriteResult WriteGexf(const KnowledgeGraph& graph, std::ostream& out,
                      const GexfOptions& options = GexfOptions());

}  // namespace kgrep

#endif  // KGREP_GRAPH_GEXF_WRITER_H_
