#include "graph/graphml_writer.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <string_view>

#include "graph/attribute_text.h"
#include "graph/ordered_output.h"

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
void AppendDouble(std::string* out, double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::general, 6);
  out->append(buffer, result.ptr);
}

// Integers without locale: a stream's could add digit grouping.
template <typename Int>
void AppendInt(std::string* out, Int value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out->append(buffer, result.ptr);
}

// Appends `text` escaped as EscapeXml() does. Runs of non-ASCII bytes go
// through CleanText(); a UTF-8 sequence never holds an ASCII byte, so
// cleaning each run is cleaning the whole.
void AppendXml(std::string* out, std::string_view text) {
  auto plain = [](unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  };
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (plain(b)) {  // a run of bytes written as they are, in one append
      size_t j = i + 1;
      while (j < text.size() && plain(static_cast<unsigned char>(text[j]))) ++j;
      out->append(text.substr(i, j - i));
      i = j;
      continue;
    }
    if (b >= 0x80) {
      size_t j = i + 1;
      while (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) ++j;
      out->append(CleanText(text.substr(i, j - i)));
      i = j;
      continue;
    }
    switch (b) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&apos;"); break;
      case '\t': out->append("&#9;"); break;
      case '\n': out->append("&#10;"); break;
      case '\r': out->append("&#13;"); break;
      default:
        if (b >= 0x20) out->push_back(static_cast<char>(b));  // other controls: dropped
    }
    ++i;
  }
}

constexpr std::string_view kIndent = "      ";

void OpenData(std::string* out, std::string_view key) {
  out->append(kIndent).append("<data key=\"").append(key).append("\">");
}

void CloseData(std::string* out) { out->append("</data>\n"); }

// Writes <data key="key">value</data>; `value` is raw text.
void AppendData(std::string* out, std::string_view key, std::string_view value) {
  OpenData(out, key);
  AppendXml(out, value);
  CloseData(out);
}

template <typename Int>
void AppendIntData(std::string* out, std::string_view key, Int value) {
  OpenData(out, key);
  AppendInt(out, value);
  CloseData(out);
}

void AppendDoubleData(std::string* out, std::string_view key, double value) {
  OpenData(out, key);
  AppendDouble(out, value);
  CloseData(out);
}

// The items joined with "; ", as JoinSet() joins them.
void AppendSetData(std::string* out, std::string_view key, const std::set<std::string>& items) {
  OpenData(out, key);
  bool first = true;
  for (const std::string& item : items) {
    if (!first) out->append("; ");
    first = false;
    AppendXml(out, item);
  }
  CloseData(out);
}

void AppendNode(std::string* out, size_t index, const NodeProps& node) {
  out->append("    <node id=\"n");
  AppendInt(out, index);
  out->append("\">\n");
  AppendData(out, "label", node.label);
  AppendData(out, "name", node.label);
  AppendData(out, "type", EntityTypeName(node.type));
  AppendSetData(out, "aliases", node.aliases);
  AppendIntData(out, "mentions", node.mentions);
  AppendIntData(out, "documents", node.documents);
  AppendData(out, "color", EntityTypeColor(node.type));
  AppendDoubleData(out, "size", NodeSize(node));
  AppendIntData(out, "indegree", node.in_degree);
  AppendIntData(out, "outdegree", node.out_degree);
  AppendDoubleData(out, "betweenness", node.betweenness);
  AppendIntData(out, "component", node.component);
  out->append("    </node>\n");
}

void AppendEdge(std::string* out, size_t index, const EdgeRef& edge) {
  const EdgeProps& props = *edge.props;
  out->append("    <edge id=\"e");
  AppendInt(out, index);
  out->append("\" source=\"n");
  AppendInt(out, edge.source);
  out->append("\" target=\"n");
  AppendInt(out, edge.target);
  out->append("\" label=\"");
  AppendXml(out, props.predicate);
  out->append("\">\n");
  AppendData(out, "edgelabel", props.predicate);
  AppendData(out, "relation", props.predicate);
  AppendData(out, "interaction", props.predicate);
  AppendDoubleData(out, "weight", props.weight);
  AppendSetData(out, "rule", props.rules);
  // The same text as JoinEvidenceText() and JoinEvidenceSource(), escaped
  // piece by piece.
  OpenData(out, "evidence");
  for (size_t i = 0; i < props.evidence.size(); ++i) {
    if (i > 0) out->append(" | ");
    AppendXml(out, props.evidence[i].text);
  }
  CloseData(out);
  OpenData(out, "source");
  for (size_t i = 0; i < props.evidence.size(); ++i) {
    const Evidence& e = props.evidence[i];
    if (i > 0) out->append("; ");
    AppendXml(out, e.document);
    out->push_back(':');
    AppendInt(out, e.begin);
    out->push_back('-');
    AppendInt(out, e.end);
  }
  CloseData(out);
  out->append("    </edge>\n");
}

// Elements per chunk formatted at once (graph/ordered_output.h).
constexpr size_t kNodesPerChunk = 512;
constexpr size_t kEdgesPerChunk = 256;

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendXml(&out, text);
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
  const size_t nodes = graph.num_nodes(), edges = graph.num_edges();
  const size_t node_chunks = (nodes + kNodesPerChunk - 1) / kNodesPerChunk;
  const size_t edge_chunks = (edges + kEdgesPerChunk - 1) / kEdgesPerChunk;
  WriteChunksInOrder(out, node_chunks + edge_chunks, options.threads,
                     [&](size_t chunk, std::string* text) {
    if (chunk < node_chunks) {
      const size_t end = std::min(nodes, (chunk + 1) * kNodesPerChunk);
      for (size_t i = chunk * kNodesPerChunk; i < end; ++i) AppendNode(text, i, graph.node(i));
      return;
    }
    chunk -= node_chunks;
    const size_t end = std::min(edges, (chunk + 1) * kEdgesPerChunk);
    for (size_t i = chunk * kEdgesPerChunk; i < end; ++i) AppendEdge(text, i, graph.edge(i));
  });
  out << "  </graph>\n"
      << "</graphml>\n";
  if (!out) return WriteResult::Error("output stream failed");
  return WriteResult::Ok();
}

}  // namespace kgrep
