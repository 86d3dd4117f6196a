#include "graph/dot_writer.h"

#include <graphviz/cgraph.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace kgrep {

namespace {

constexpr std::array<const char*, kEntityTypeCount> kShapes = {
    "ellipse",    // Person
    "box",        // Agency
    "component",  // Organization
    "hexagon",    // Country
    "note",       // Initiative
    "house",      // Location
};

// cgraph's API takes char* but copies and never modifies its arguments.
char* Str(const char* s) { return const_cast<char*>(s); }

// Sets an attribute, declaring it with default `def` if needed.
void Set(void* object, const char* name, const std::string& value,
         const char* def = "") {
  agsafeset(object, Str(name), Str(value.c_str()), Str(def));
}

// The I/O discipline: agwrite hands every piece of output to PutStr with the
// channel passed to agwrite, here the caller's std::ostream.
int PutStr(void* channel, const char* text) {
  auto* out = static_cast<std::ostream*>(channel);
  *out << text;
  return *out ? 0 : EOF;
}

int Flush(void* channel) {
  auto* out = static_cast<std::ostream*>(channel);
  out->flush();
  return *out ? 0 : EOF;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

std::string FormatNumber(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::general, 3);
  return std::string(buffer, result.ptr);
}

// 1 for a single mention, +1 per doubling, at most 8.
std::string PenWidth(int weight) {
  double width = 1.0 + std::log2(static_cast<double>(std::max(weight, 1)));
  return FormatNumber(std::min(width, 8.0));
}

std::string Tooltip(const NodeProps& node) {
  std::string text = std::string(EntityTypeName(node.type)) + ", " +
                     std::to_string(node.mentions) + " mention" +
                     (node.mentions == 1 ? "" : "s");
  if (!node.aliases.empty()) {
    text += "\nalso: ";
    bool first = true;
    for (const std::string& alias : node.aliases) {
      if (!first) text += "; ";
      text += alias;
      first = false;
    }
  }
  return EscapeDotText(text);
}

}  // namespace

std::string EscapeDotText(std::string_view text) {
  const std::string clean = CleanText(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\n";
      if (i + 1 < clean.size() && clean[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  return out;
}

WriteResult WriteDot(const KnowledgeGraph& graph, std::ostream& out,
                     const DotOptions& options) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }

  // Must outlive the graph: cgraph keeps pointers to the disciplines.
  Agiodisc_t io = {AgIoDisc.afread, PutStr, Flush};
  Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
  std::unique_ptr<Agraph_t, GraphCloser> g(
      agopen(Str("kgrep"), Agdirected, &disc));
  if (!g) return WriteResult::Error("cannot create Graphviz graph");

  // Graph attributes and the defaults that most objects share, declared in
  // a fixed order so the `graph [...]`/`node [...]` lines are stable.
  if (!options.comment.empty()) {
    agattr(g.get(), AGRAPH, Str("comment"),
           Str(EscapeDotText(options.comment).c_str()));
  }
  if (!options.rankdir.empty()) {
    agattr(g.get(), AGRAPH, Str("rankdir"),
           Str(CleanText(options.rankdir).c_str()));
  }
  agattr(g.get(), AGNODE, Str("shape"), Str(kShapes[0]));
  agattr(g.get(), AGNODE, Str("style"), Str("filled"));

  std::vector<Agnode_t*> nodes(graph.num_nodes());
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const NodeProps& props = graph.node(i);
    std::string name = "n" + std::to_string(i);
    Agnode_t* node = agnode(g.get(), Str(name.c_str()), 1);
    if (node == nullptr) return WriteResult::Error("cannot create DOT node");
    Set(node, "label", EscapeDotText(props.label), "\\N");
    Set(node, "shape", kShapes[static_cast<int>(props.type)], kShapes[0]);
    Set(node, "fillcolor", std::string(EntityTypeColor(props.type)));
    Set(node, "tooltip", Tooltip(props));
    nodes[i] = node;
  }

  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    // Anonymous (nullptr name) edges: parallel edges stay distinct.
    Agedge_t* e =
        agedge(g.get(), nodes[edge.source], nodes[edge.target], nullptr, 1);
    if (e == nullptr) return WriteResult::Error("cannot create DOT edge");
    Set(e, "label", EscapeDotText(edge.props->predicate));
    Set(e, "weight", std::to_string(std::max(edge.props->weight, 1)), "1");
    Set(e, "penwidth", PenWidth(edge.props->weight), "1");
  }

  if (agwrite(g.get(), &out) != 0 || !out) {
    return WriteResult::Error("output stream failed");
  }
  return WriteResult::Ok();
}

}  // namespace kgrep
