#include "cli/eval_command.h"

#include <iostream>
#include <utility>

#include "cli/exit_status.h"
#include "cli/input.h"
#include "cli/pack_loading.h"
#include "extract/evaluation.h"
#include "extract/extractor.h"
#include "graph/knowledge_graph.h"

namespace kgrep {

namespace {

// The graph as its GraphML file lists it: nodes n0, n1, ... and edges e0,
// e1, ... in the graph's deterministic order.
void GraphToLists(const KnowledgeGraph& graph, std::vector<EvalNode>* nodes,
                  std::vector<EvalEdge>* edges) {
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const NodeProps& node = graph.node(i);
    nodes->push_back(EvalNode{node.label, std::string(EntityTypeName(node.type))});
  }
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    EdgeRef edge = graph.edge(i);
    edges->push_back(EvalEdge{edge.source, edge.target, edge.props->predicate});
  }
}

}  // namespace

int RunEval(const EvalCommand& command, const char* argv0) {
  Gold gold;
  Diagnostics diags = LoadGold(command.gold, &gold);
  if (!diags.empty()) {
    for (const Diagnostic& d : diags) std::cerr << d.ToString() << "\n";
    std::cerr << "kgrep: " << diags.size() << (diags.size() == 1 ? " error" : " errors")
              << " in gold file\n";
    return kExitFailure;
  }

  RulePack pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;

  std::string text, error;
  if (!ReadInput(command.input, &text, &error)) {
    std::cerr << "kgrep: " << error << "\n";
    return kExitFailure;
  }
  Extraction extraction;
  Status s = ExtractDocument(pack, command.input, std::move(text), &extraction);
  if (!s.ok()) {
    std::cerr << "kgrep: " << s.message() << "\n";
    return kExitFailure;
  }
  KnowledgeGraph graph;
  graph.Add(extraction);
  graph.MergePeopleByName();
  graph.Finalize();

  std::vector<EvalNode> nodes;
  std::vector<EvalEdge> edges;
  GraphToLists(graph, &nodes, &edges);
  Evaluation evaluation = Evaluate(gold, nodes, edges);
  if (command.json) {
    WriteEvaluationJson(evaluation, command.input, std::cout);
  } else {
    WriteEvaluationText(evaluation, command.quiet, std::cout);
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "kgrep: cannot write to standard output\n";
    return kExitFailure;
  }

  bool met = true;
  if (command.min_entity_f1 && evaluation.entity.f1 < *command.min_entity_f1) met = false;
  if (command.min_relation_f1 && evaluation.relation.f1 < *command.min_relation_f1) met = false;
  return met ? kExitSuccess : kExitFailure;
}

}  // namespace kgrep
