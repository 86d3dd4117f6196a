// A KnowledgeGraph as one interactive HTML page that works offline: the
// diagram (graph/diagram.h) as inline SVG, the graph as JSON, and a small
// inline script, nothing loaded from anywhere.
//
// The page: drag to pan, the wheel or the + / - / fit buttons to zoom; a
// search box that finds nodes by label or alias (case-insensitive substring),
// highlights the matches and centres the first (Enter again: the next), or
// says that nothing matches; a click on a node or an edge shows in a side
// panel its attributes and, for an edge, its evidence: each sentence with
// its document, byte range and rule. A node's panel lists its edges, which
// open the same way.
//
// Self-test: opened with the fragment `#selftest=LABEL` (LABEL
// percent-encoded), the page searches for LABEL, clicks the first edge of the
// first match (the node itself when it has none) and writes what the search
// and the panel show into <pre id="selftest">, for tests in a headless
// browser.
//
// Safety: document text reaches the page only as escaped text (in the SVG,
// escaped by Graphviz; in the JSON block, with `<`, `>`, `&` as \u003c,
// \u003e, \u0026 so that no `</script>` can end it) and the script writes it
// with textContent only, so no document can add markup or run script. Node
// and edge ids are "n<i>" and "e<i>", as in the other outputs.
//
// NOT thread-safe, like every Graphviz writer (graph/diagram.h).

#ifndef KGREP_GRAPH_HTML_PAGE_H_
#define KGREP_GRAPH_HTML_PAGE_H_

#include <ostream>
#include <string>
#include <string_view>

#include "graph/diagram.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

struct HtmlPageOptions {
  // The page's <title> and heading. Default: "kgrep graph".
  std::string title = "kgrep graph";
  // How the diagram is drawn; `format` is ignored (always SVG). The diagram's
  // own title is left as given (default: none, the page has a heading).
  DiagramOptions diagram;
};

// Writes the page to `out`. Fails like WriteDiagram when the diagram cannot
// be drawn (nothing is written then), or when the stream fails.
// REQUIRES: graph.finalized().
WriteResult WriteHtmlPage(const KnowledgeGraph& graph, const HtmlPageOptions& options,
                          std::ostream& out);

// `text` as a JSON string literal, quotes included, safe inside an HTML
// <script> element: CleanText(), then `"` and `\` escaped, control characters,
// `<`, `>`, `&`, U+2028 and U+2029 as \uXXXX.
std::string JsonStringForHtml(std::string_view text);

}  // namespace kgrep

#endif  // KGREP_GRAPH_HTML_PAGE_H_
