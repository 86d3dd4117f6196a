#include "graph/json_writer.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "graph/attribute_text.h"

namespace kgrep {

namespace {

// Keeps keys in insertion order, so the output order is the order below.
using Json = nlohmann::ordered_json;

Json Text(std::string_view text) { return Json(CleanText(text)); }

Json TextArray(const std::set<std::string>& items) {
  Json array = Json::array();
  for (const std::string& item : items) array.push_back(Text(item));
  return array;
}

Json NodeData(size_t index, const NodeProps& node) {
  Json data = Json::object();
  data["id"] = "n" + std::to_string(index);
  data["label"] = Text(node.label);
  data["name"] = Text(node.label);
  data["type"] = Text(EntityTypeName(node.type));
  data["aliases"] = TextArray(node.aliases);
  data["mentions"] = node.mentions;
  data["documents"] = node.documents;
  data["color"] = Text(EntityTypeColor(node.type));
  data["size"] = NodeSize(node);
  data["in_degree"] = node.in_degree;
  data["out_degree"] = node.out_degree;
  data["betweenness"] = node.betweenness;
  data["component"] = node.component;
  return data;
}

Json EdgeData(size_t index, const EdgeRef& edge) {
  const EdgeProps& props = *edge.props;
  Json data = Json::object();
  data["id"] = "e" + std::to_string(index);
  data["source"] = "n" + std::to_string(edge.source);
  data["target"] = "n" + std::to_string(edge.target);
  data["label"] = Text(props.predicate);
  data["relation"] = Text(props.predicate);
  data["interaction"] = Text(props.predicate);
  data["weight"] = props.weight;
  data["rules"] = TextArray(props.rules);
  Json evidence = Json::array();
  for (const Evidence& e : props.evidence) {
    Json record = Json::object();
    record["document"] = Text(e.document);
    record["begin"] = e.begin;
    record["end"] = e.end;
    record["text"] = Text(e.text);
    record["rule"] = Text(e.rule);
    evidence.push_back(std::move(record));
  }
  data["evidence"] = std::move(evidence);
  return data;
}

}  // namespace

WriteResult WriteJson(const KnowledgeGraph& graph, std::ostream& out,
                      const JsonOptions& options) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }
  Json nodes = Json::array();
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    nodes.push_back(Json{{"data", NodeData(i, graph.node(i))}});
  }
  Json edges = Json::array();
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    edges.push_back(Json{{"data", EdgeData(i, graph.edge(i))}});
  }
  Json document = Json::object();
  document["directed"] = true;
  if (!options.description.empty()) {
    document["description"] = Text(options.description);
  }
  Json elements = Json::object();
  elements["nodes"] = std::move(nodes);
  elements["edges"] = std::move(edges);
  document["elements"] = std::move(elements);

  // Every string is valid UTF-8 after CleanText(), so dump() cannot throw;
  // `replace` keeps that true even if a caller broke the invariant.
  out << document.dump(2, ' ', /*ensure_ascii=*/false,
                       Json::error_handler_t::replace)
      << "\n";
  if (!out) return WriteResult::Error("output stream failed");
  return WriteResult::Ok();
}

}  // namespace kgrep
