#include "graph/neo4j_writer.h"

#include <charconv>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/attribute_text.h"

namespace kgrep {

namespace {

constexpr std::string_view kNodesHeader =
    "id:ID,name,:LABEL,type,aliases:string[],mentions:int,documents:int,"
    "in_degree:int,out_degree:int,betweenness:double,component:int\n";
constexpr std::string_view kRelationshipsHeader =
    ":START_ID,:END_ID,:TYPE,weight:double,rules:string[],evidence\n";

// The shortest text that reads back as `value`, without locale: 2 -> "2",
// 0.5 -> "0.5".
std::string FormatDouble(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// The array field of `items`, before CSV escaping.
std::string JoinArray(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ';';
    out += item;
  }
  return out;
}

// ASCII upper case; other bytes (UTF-8 sequences) are kept.
std::string RelationshipType(std::string_view relation) {
  std::string out(relation);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Writes the raw `fields` as one CSV row.
void WriteRow(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << EscapeCsv(fields[i]);
  }
  out << '\n';
}

}  // namespace

std::string EscapeCsv(std::string_view field) {
  std::string clean = CleanText(field);
  if (clean.find_first_of(",\"\r\n") == std::string::npos) return clean;
  std::string out = "\"";
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

WriteResult WriteNeo4jCsv(const KnowledgeGraph& graph, std::ostream& nodes,
                          std::ostream& relationships) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }
  // Numbers go through std::to_string or to_chars: the stream's locale
  // could add digit grouping.
  nodes << kNodesHeader;
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const NodeProps& node = graph.node(i);
    const std::string type(EntityTypeName(node.type));
    WriteRow(nodes, {"n" + std::to_string(i), node.label, type, type,
                     JoinArray(node.aliases), std::to_string(node.mentions),
                     std::to_string(node.documents),
                     std::to_string(node.in_degree),
                     std::to_string(node.out_degree),
                     FormatDouble(node.betweenness),
                     std::to_string(node.component)});
  }
  relationships << kRelationshipsHeader;
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    const EdgeProps& props = *edge.props;
    WriteRow(relationships,
             {"n" + std::to_string(edge.source),
              "n" + std::to_string(edge.target),
              RelationshipType(props.predicate), FormatDouble(props.weight),
              JoinArray(props.rules), JoinEvidenceText(props.evidence)});
  }
  if (!nodes) return WriteResult::Error("nodes output stream failed");
  if (!relationships) {
    return WriteResult::Error("relationships output stream failed");
  }
  return WriteResult::Ok();
}

}  // namespace kgrep
