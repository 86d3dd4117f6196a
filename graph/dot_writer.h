// Writes a KnowledgeGraph as Graphviz DOT through cgraph, so the output is
// exactly what Graphviz itself would write and parses back.
//
// Shape of the output: `digraph kgrep`; nodes named n0, n1, ... in the
// graph's deterministic order (never by their text, since cgraph merges
// nodes with equal names), the text in `label`; per entity type a `shape`
// and a `fillcolor` (EntityTypeColor) with `style=filled`; `tooltip` with the
// type and the aliases. Edges carry `label` (the relation), an integer
// `weight` (the number of mentions, which the dot engine uses to keep heavy
// edges short) and a `penwidth` growing with the weight.
//
// Backslashes, line breaks and entity-like `&` in the text are escaped before
// cgraph sees them (cgraph escapes only quotes), so labels such as `C:\`,
// `\N` or `&amp;` come out literally when Graphviz draws them.
//
// NOT thread-safe: cgraph keeps global state (its writer, the string pool),
// so at most one thread may be in WriteDot (or any other cgraph call) at a
// time.

#ifndef KGREP_GRAPH_DOT_WRITER_H_
#define KGREP_GRAPH_DOT_WRITER_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

// cgraph's types (graphviz/cgraph.h), named here so that this header does not
// pull cgraph into every user of WriteDot.
struct Agraph_s;
struct Agnode_s;
struct Agedge_s;

namespace kgrep {

struct DotOptions {
  // Graph attribute `comment`, e.g. "kgrep 0.1.0", escaped like a label
  // (a backslash comes out doubled). Omitted when empty.
  // Default: "kgrep".
  std::string comment = "kgrep";
  // Graph attribute `rankdir`: "LR", "TB", "RL" or "BT". Omitted when empty.
  // Default: "LR", which suits labelled edges between named nodes.
  std::string rankdir = "LR";
};

// Writes `graph` to `out`. Returns an error if the graph is not finalized,
// cgraph fails, or the stream fails; `out` may then hold a partial file.
// REQUIRES: graph.finalized().
WriteResult WriteDot(const KnowledgeGraph& graph, std::ostream& out,
                     const DotOptions& options = DotOptions());

// Returns `text` ready to be stored as an escString attribute value (label,
// tooltip) through cgraph: CleanText(), then `\` as `\\`, LF and CR LF as
// `\n`, a lone CR as `\n`, and `&` as `&amp;` where Graphviz would read an
// entity (`&` followed by letters, digits or `#` and a `;`, as in `&lt;` or
// `&#x27;`), since Graphviz draws entities as the characters they name. A
// lone `&` ("AT&T") stays as it is. U+FEFF becomes `&#xFEFF;`: cgraph would
// write a value of only that character unquoted, and its reader skips it as
// a byte-order mark. Quotes are left to cgraph.
std::string EscapeDotText(std::string_view text);

// The shape every writer gives an entity type ("ellipse", "box", ...).
std::string_view EntityTypeShape(EntityType type);

// The `penwidth` of an edge of this weight: 1 + log2(weight), at most 8,
// formatted with at most 3 significant digits ("1", "2", "2.58").
std::string DotPenWidth(int weight);

// --- For the other Graphviz writers in graph/ (graph/diagram.h) ------------
// They decorate and lay out the very graph WriteDot writes, so that DOT output
// and pictures never disagree. Only graph/ includes graphviz headers.

struct DotGraph {
  struct Closer {
    void operator()(Agraph_s* graph) const;  // agclose
  };
  std::unique_ptr<Agraph_s, Closer> graph;
  std::vector<Agnode_s*> nodes;  // nodes[i] is node(i), named "n<i>"
  std::vector<Agedge_s*> edges;  // edges[i] is edge(i)
};

// Builds the cgraph graph that WriteDot writes. On error `out` is unchanged.
// REQUIRES: graph.finalized().
WriteResult BuildDotGraph(const KnowledgeGraph& graph, const DotOptions& options,
                          DotGraph* out);

// Writes a graph made by BuildDotGraph (and perhaps decorated since) as DOT.
WriteResult WriteDotGraph(Agraph_s* graph, std::ostream& out);

}  // namespace kgrep

#endif  // KGREP_GRAPH_DOT_WRITER_H_
