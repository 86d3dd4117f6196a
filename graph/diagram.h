// Draws a KnowledgeGraph as a picture (SVG, PNG, PDF) with Graphviz, in
// process: the graph WriteDot writes (graph/dot_writer.h), decorated for
// reading, laid out by a Graphviz engine and rendered by gvc.
//
// The default look: shape and fill colour by entity type, as in the DOT
// output; edges labelled with their relation, coloured by relation
// (DiagramRelationColors) and as thick as the DOT `penwidth` (1 + log2 of the
// weight); a title and a legend at the top listing each entity type present
// (its colour and shape) and each relation present (its colour). A
// DiagramStyle, from a rule pack's `style:` section, overrides any of it:
// graph, then every node or edge, then by type or relation.
//
// Clusters (boxes around groups of nodes) are drawn by the `dot` and `fdp`
// engines; the others ignore them.
//
// NOT thread-safe: Graphviz keeps global state, so at most one thread may be
// in a Graphviz writer (WriteDot, WriteDiagram, WriteHtmlPage) at a time.
// Graphviz's warnings and errors are caught: nothing is printed.

#ifndef KGREP_GRAPH_DIAGRAM_H_
#define KGREP_GRAPH_DIAGRAM_H_

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/diagram_style.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

enum class DiagramFormat {
  kSvg,
  kPng,
  kPdf,
  kDot,  // the decorated graph as DOT, before layout: what the engine reads
};

enum class DiagramCluster {
  kNone,
  kType,     // one cluster per entity type
  kCountry,  // one cluster per country: see CountryClusters()
};

// Graphs with more nodes than this are laid out with `sfdp` by default,
// smaller ones with `dot`: dot's layered drawing reads best but its time
// grows quickly with size.
inline constexpr size_t kDiagramDotMaxNodes = 150;

struct DiagramOptions {
  // Default: SVG.
  DiagramFormat format = DiagramFormat::kSvg;
  // Graphviz engine: one of DiagramLayouts(). Empty: DefaultLayout().
  std::string layout;
  // Default: no clusters.
  DiagramCluster cluster = DiagramCluster::kNone;
  // Overrides of the default look. Types and relations that are not in the
  // graph are ignored.
  DiagramStyle style;
  // A legend of the entity types and relations in the graph.
  // Default: true.
  bool legend = true;
  // Shown above the legend. Omitted when empty. Default: empty.
  std::string title;
};

// "svg", "png", "pdf", "dot" -> format. Returns false for any other name.
bool ParseDiagramFormat(std::string_view name, DiagramFormat* format);
// "none", "type", "country" -> clustering. Returns false for any other name.
bool ParseDiagramCluster(std::string_view name, DiagramCluster* cluster);

// The engines WriteDiagram accepts: dot, neato, fdp, sfdp, circo, twopi.
const std::vector<std::string>& DiagramLayouts();

// "dot" for graphs of at most kDiagramDotMaxNodes nodes, else "sfdp".
std::string DefaultLayout(const KnowledgeGraph& graph);

// The country each node is drawn with under DiagramCluster::kCountry, as the
// index of a Country node, or nullopt for none. The rule:
//  - a Country node belongs to itself;
//  - any other node follows its outgoing `represents`, `part_of` and
//    `member_of` edges, breadth first, for up to 3 edges, without passing
//    through a country: the nearest country reached is its country (a person
//    who represents or is a member of an agency that is part of a country
//    belongs to that country);
//  - among countries at the same distance, the one reached by the largest
//    sum of the weights of the edges that reach it wins, then the lowest
//    index.
// So every node is in at most one cluster.
// REQUIRES: graph.finalized().
std::vector<std::optional<size_t>> CountryClusters(const KnowledgeGraph& graph);

// The default colour of each relation present in the graph, "#rrggbb" (dark
// enough for a label in that colour on white). The relations of the bundled
// pack have fixed colours; any other takes the next free colour of a palette
// in name order.
// REQUIRES: graph.finalized().
std::map<std::string, std::string> DiagramRelationColors(const KnowledgeGraph& graph);

// Draws `graph` in options.format to `out`. Fails, writing nothing, with
//   unknown layout 'X'; use one of: dot, neato, fdp, sfdp, circo, twopi
// for an unknown engine, and with Graphviz's message if it fails; `out` may
// hold a partial file when the stream itself fails.
// REQUIRES: graph.finalized().
WriteResult WriteDiagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                         std::ostream& out);

// The same to a file, atomically (WriteFileAtomically): on any error `path`
// is left as it was. The picture is drawn before the file is touched.
WriteResult WriteDiagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                         const std::string& path);

}  // namespace kgrep

#endif  // KGREP_GRAPH_DIAGRAM_H_
