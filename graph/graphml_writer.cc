#include "graph/graphml_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "graph/attribute_text.h"

namespace kgrep {

namespace {

struct KeySpec {
  std::string_view id;
  std::string_view for_what;
  std::string_view name;
  std::string_view type;
};

// Declaration order is output order. Ids are readable names, never d3/d7.
constexpr KeySpec kKeys[] = {
    {"label", "node", "label", "string"},
    {"name", "node", "name", "string"},
    {"type", "node", "type", "string"},
    {"aliases", "node", "aliases", "string"},
    {"mentions", "node", "mentions", "int"},
    {"documents", "node", "documents", "int"},
    {"color", "node", "color", "string"},
    {"size", "node", "size", "double"},
    {"indegree", "node", "in_degree", "int"},
    {"outdegree", "node", "out_degree", "int"},
    {"betweenness", "node", "betweenness", "double"},
    {"component", "node", "component", "int"},
    {"edgelabel", "edge", "label", "string"},
    {"relation", "edge", "relation", "string"},
    {"interaction", "edge", "interaction", "string"},
    {"weight", "edge", "weight", "double"},
    {"rule", "edge", "rule", "string"},
    {"evidence", "edge", "evidence", "string"},
    {"source", "edge", "source", "string"},
};

// Shortest-of %e/%f with 6 significant digits, without locale: 2 -> "2",
// 16.92820323 -> "16.9282".
std::string FormatDouble(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::general, 6);
  return std::string(buffer, result.ptr);
}

// Writes <data key="key">value</data>; `value` is raw text.
void WriteData(std::ostream& out, std::string_view indent, std::string_view key,
               std::string_view value) {
  out << indent << "<data key=\"" << key << "\">" << EscapeXml(value)
      << "</data>\n";
}

void WriteNode(std::ostream& out, size_t index, const NodeProps& node) {
  constexpr std::string_view kIndent = "      ";
  out << "    <node id=\"n" << std::to_string(index) << "\">\n";
  WriteData(out, kIndent, "label", node.label);
  WriteData(out, kIndent, "name", node.label);
  WriteData(out, kIndent, "type", EntityTypeName(node.type));
  WriteData(out, kIndent, "aliases", JoinSet(node.aliases, "; "));
  WriteData(out, kIndent, "mentions", std::to_string(node.mentions));
  WriteData(out, kIndent, "documents", std::to_string(node.documents));
  WriteData(out, kIndent, "color", EntityTypeColor(node.type));
  const double size = NodeSize(node);
  WriteData(out, kIndent, "size", FormatDouble(size));
  WriteData(out, kIndent, "indegree", std::to_string(node.in_degree));
  WriteData(out, kIndent, "outdegree", std::to_string(node.out_degree));
  WriteData(out, kIndent, "betweenness", FormatDouble(node.betweenness));
  WriteData(out, kIndent, "component", std::to_string(node.component));
  out << "    </node>\n";
}

void WriteEdge(std::ostream& out, size_t index, const EdgeRef& edge) {
  constexpr std::string_view kIndent = "      ";
  const EdgeProps& props = *edge.props;
  // Numbers go through std::to_string: the stream's locale could add
  // digit grouping.
  out << "    <edge id=\"e" << std::to_string(index) << "\" source=\"n"
      << std::to_string(edge.source) << "\" target=\"n"
      << std::to_string(edge.target) << "\" label=\""
      << EscapeXml(props.predicate) << "\">\n";
  WriteData(out, kIndent, "edgelabel", props.predicate);
  WriteData(out, kIndent, "relation", props.predicate);
  WriteData(out, kIndent, "interaction", props.predicate);
  WriteData(out, kIndent, "weight", FormatDouble(props.weight));
  WriteData(out, kIndent, "rule", JoinSet(props.rules, "; "));
  WriteData(out, kIndent, "evidence", JoinEvidenceText(props.evidence));
  WriteData(out, kIndent, "source", JoinEvidenceSource(props.evidence));
  out << "    </edge>\n";
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  const std::string clean = CleanText(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

WriteResult WriteGraphML(const KnowledgeGraph& graph, std::ostream& out,
                         const GraphMLOptions& options) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  if (!options.description.empty()) {
    out << "  <desc>" << EscapeXml(options.description) << "</desc>\n";
  }
  for (const KeySpec& key : kKeys) {
    out << "  <key id=\"" << key.id << "\" for=\"" << key.for_what
        << "\" attr.name=\"" << key.name << "\" attr.type=\"" << key.type
        << "\"/>\n";
  }
  out << "  <graph id=\"G\" edgedefault=\"directed\">\n";
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    WriteNode(out, i, graph.node(i));
  }
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    WriteEdge(out, i, graph.edge(i));
  }
  out << "  </graph>\n"
      << "</graphml>\n";
  if (!out) return WriteResult::Error("output stream failed");
  return WriteResult::Ok();
}

}  // namespace kgrep
