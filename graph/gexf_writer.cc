#include "graph/gexf_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/attribute_text.h"
#include "graph/graphml_writer.h"

namespace kgrep {

namespace {

struct AttributeSpec {
  std::string_view id;  // also the title
  std::string_view type;
};

// Declaration order is output order, and the order of <attvalue>s.
constexpr AttributeSpec kNodeAttributes[] = {
    {"type", "string"},       {"aliases", "string"},
    {"mentions", "integer"},  {"documents", "integer"},
    {"in_degree", "integer"}, {"out_degree", "integer"},
    {"betweenness", "double"}, {"component", "integer"},
};
constexpr AttributeSpec kEdgeAttributes[] = {
    {"relation", "string"},
    {"rule", "string"},
    {"evidence", "string"},
    {"source", "string"},
};

// The shortest text that reads back as `value`, without locale: 2 -> "2",
// 0.5 -> "0.5".
std::string FormatDouble(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// One channel of "#rrggbb"; 0 if the text is not of that form.
int ColorChannel(std::string_view color, int channel) {
  if (color.size() != 7 || color[0] != '#') return 0;
  int value = 0;
  const char* begin = color.data() + 1 + 2 * channel;
  auto result = std::from_chars(begin, begin + 2, value, 16);
  return result.ec == std::errc() && result.ptr == begin + 2 ? value : 0;
}

void WriteAttributes(std::ostream& out, std::string_view for_class,
                     const AttributeSpec* specs, size_t count) {
  out << "    <attributes class=\"" << for_class << "\">\n";
  for (size_t i = 0; i < count; ++i) {
    out << "      <attribute id=\"" << specs[i].id << "\" title=\""
        << specs[i].id << "\" type=\"" << specs[i].type << "\"/>\n";
  }
  out << "    </attributes>\n";
}

// Writes <attvalue for="id" value="value"/>; `value` is raw text.
void WriteValue(std::ostream& out, std::string_view id,
                std::string_view value) {
  out << "          <attvalue for=\"" << id << "\" value=\""
      << EscapeXml(value) << "\"/>\n";
}

void WriteNode(std::ostream& out, size_t index, const NodeProps& node) {
  // Numbers go through std::to_string or to_chars: the stream's locale
  // could add digit grouping.
  out << "      <node id=\"n" << std::to_string(index) << "\" label=\""
      << EscapeXml(node.label) << "\">\n"
      << "        <attvalues>\n";
  WriteValue(out, "type", EntityTypeName(node.type));
  WriteValue(out, "aliases", JoinSet(node.aliases, "; "));
  WriteValue(out, "mentions", std::to_string(node.mentions));
  WriteValue(out, "documents", std::to_string(node.documents));
  WriteValue(out, "in_degree", std::to_string(node.in_degree));
  WriteValue(out, "out_degree", std::to_string(node.out_degree));
  WriteValue(out, "betweenness", FormatDouble(node.betweenness));
  WriteValue(out, "component", std::to_string(node.component));
  out << "        </attvalues>\n";
  const std::string_view color = EntityTypeColor(node.type);
  out << "        <viz:color r=\"" << std::to_string(ColorChannel(color, 0))
      << "\" g=\"" << std::to_string(ColorChannel(color, 1)) << "\" b=\""
      << std::to_string(ColorChannel(color, 2)) << "\"/>\n";
  const double size = NodeSize(node);
  out << "        <viz:size value=\"" << FormatDouble(size) << "\"/>\n"
      << "      </node>\n";
}

void WriteEdge(std::ostream& out, size_t index, const EdgeRef& edge) {
  const EdgeProps& props = *edge.props;
  const std::string relation = EscapeXml(props.predicate);
  out << "      <edge id=\"e" << std::to_string(index) << "\" source=\"n"
      << std::to_string(edge.source) << "\" target=\"n"
      << std::to_string(edge.target) << "\" kind=\"" << relation
      << "\" label=\"" << relation << "\" weight=\""
      << FormatDouble(props.weight) << "\">\n"
      << "        <attvalues>\n";
  WriteValue(out, "relation", props.predicate);
  WriteValue(out, "rule", JoinSet(props.rules, "; "));
  WriteValue(out, "evidence", JoinEvidenceText(props.evidence));
  WriteValue(out, "source", JoinEvidenceSource(props.evidence));
  out << "        </attvalues>\n"
      << "      </edge>\n";
}

}  // namespace

WriteResult WriteGexf(const KnowledgeGraph& graph, std::ostream& out,
                      const GexfOptions& options) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gexf xmlns=\"http://gexf.net/1.3\" "
         "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
      << "  <meta>\n"
      << "    <creator>kgrep</creator>\n";
  if (!options.description.empty()) {
    out << "    <description>" << EscapeXml(options.description)
        << "</description>\n";
  }
  out << "  </meta>\n"
      << "  <graph mode=\"static\" defaultedgetype=\"directed\">\n";
  WriteAttributes(out, "node", kNodeAttributes, std::size(kNodeAttributes));
  WriteAttributes(out, "edge", kEdgeAttributes, std::size(kEdgeAttributes));
  out << "    <nodes>\n";
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    WriteNode(out, i, graph.node(i));
  }
  out << "    </nodes>\n"
      << "    <edges>\n";
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    WriteEdge(out, i, graph.edge(i));
  }
  out << "    </edges>\n"
      << "  </graph>\n"
      << "</gexf>\n";
  if (!out) return WriteResult::Error("output stream failed");
  return WriteResult::Ok();
}

}  // namespace kgrep
