#include "graph/dot_writer.h"

#include <graphviz/cgraph.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
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

// Every graph uses this discipline, so that agwrite writes to the
// std::ostream passed as its channel. cgraph keeps pointers to it, hence the
// static storage; it is never modified.
Agdisc_t* Discipline() {
  static Agiodisc_t io = {AgIoDisc.afread, PutStr, Flush};
  static Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
  return &disc;
}

std::string FormatNumber(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::general, 3);
  return std::string(buffer, result.ptr);
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

// Whether Graphviz would read the `&` at text[at] as the start of an entity
// (&amp; &#39; &#x27;) when it draws a label: its htmlEntity() takes up to 8
// name characters or digits before a `;`. Any `&` followed by letters,
// digits or `#` and then `;` is escaped, a superset of what it decodes.
bool LooksLikeEntity(std::string_view text, size_t at) {
  size_t i = at + 1;
  auto entity_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '#';
  };
  while (i < text.size() && i - at <= 10 && entity_char(text[i])) ++i;
  return i > at + 1 && i < text.size() && text[i] == ';';
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
    } else if (c == '&' && LooksLikeEntity(clean, i)) {
      out += "&amp;";
    } else if (clean.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      // U+FEFF: cgraph writes a value of only this character unquoted, and
      // its own reader skips it as a byte-order mark (found by fuzz_writers).
      out += "&#xFEFF;";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view EntityTypeShape(EntityType type) {
  return kShapes[static_cast<int>(type)];
}

std::string DotPenWidth(int weight) {
  double width = 1.0 + std::log2(static_cast<double>(std::max(weight, 1)));
  return FormatNumber(std::min(width, 8.0));
}

void DotGraph::Closer::operator()(Agraph_s* graph) const { agclose(graph); }

WriteResult BuildDotGraph(const KnowledgeGraph& graph, const DotOptions& options,
                          DotGraph* out) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }

  DotGraph built;
  built.graph.reset(agopen(Str("kgrep"), Agdirected, Discipline()));
  Agraph_t* g = built.graph.get();
  if (g == nullptr) return WriteResult::Error("cannot create Graphviz graph");

  // Graph attributes and the defaults that most objects share, declared in
  // a fixed order so the `graph [...]`/`node [...]` lines are stable.
  if (!options.comment.empty()) {
    agattr(g, AGRAPH, Str("comment"), Str(EscapeDotText(options.comment).c_str()));
  }
  if (!options.rankdir.empty()) {
    agattr(g, AGRAPH, Str("rankdir"), Str(CleanText(options.rankdir).c_str()));
  }
  agattr(g, AGNODE, Str("shape"), Str(kShapes[0]));
  agattr(g, AGNODE, Str("style"), Str("filled"));

  built.nodes.resize(graph.num_nodes());
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const NodeProps& props = graph.node(i);
    std::string name = "n" + std::to_string(i);
    Agnode_t* node = agnode(g, Str(name.c_str()), 1);
    if (node == nullptr) return WriteResult::Error("cannot create DOT node");
    Set(node, "label", EscapeDotText(props.label), "\\N");
    Set(node, "shape", kShapes[static_cast<int>(props.type)], kShapes[0]);
    Set(node, "fillcolor", std::string(EntityTypeColor(props.type)));
    Set(node, "tooltip", Tooltip(props));
    built.nodes[i] = node;
  }

  built.edges.resize(graph.num_edges());
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    // Anonymous (nullptr name) edges: parallel edges stay distinct.
    Agedge_t* e = agedge(g, built.nodes[edge.source], built.nodes[edge.target],
                         nullptr, 1);
    if (e == nullptr) return WriteResult::Error("cannot create DOT edge");
    Set(e, "label", EscapeDotText(edge.props->predicate));
    Set(e, "weight", std::to_string(std::max(edge.props->weight, 1)), "1");
    Set(e, "penwidth", DotPenWidth(edge.props->weight), "1");
    built.edges[i] = e;
  }
  *out = std::move(built);
  return WriteResult::Ok();
}

WriteResult WriteDotGraph(Agraph_s* graph, std::ostream& out) {
  if (agwrite(graph, &out) != 0 || !out) {
    return WriteResult::Error("output stream failed");
  }
  return WriteResult::Ok();
}

WriteResult WriteDot(const KnowledgeGraph& graph, std::ostream& out,
                     const DotOptions& options) {
  DotGraph built;
  WriteResult result = BuildDotGraph(graph, options, &built);
  if (!result.ok) return result;
  return WriteDotGraph(built.graph.get(), out);
}

}  // namespace kgrep
