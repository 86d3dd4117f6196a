#include "cli/extract_command.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/exit_status.h"
#include "cli/input.h"
#include "cli/output_writer.h"
#include "cli/pack_loading.h"
#include "extract/extractor.h"
#include "extract/text.h"
#include "extract/macro.h"
#include "graph/filter.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

namespace {

namespace fs = std::filesystem;

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a != "-" && b != "-" && fs::exists(a, ec) && fs::exists(b, ec) &&
         fs::equivalent(a, b, ec);
}

}  // namespace

int RunExtract(const ExtractCommand& command, const char* argv0) {
  std::string format = command.format;
  if (format.empty()) format = FormatFromPath(command.output);
  if (format.empty()) {
    if (command.output != "-") {
      std::cerr << "kgrep: cannot tell the format of '" << command.output
                << "' from its extension; use --format " << Join(OutputFormats(), "|") << "\n";
      return kExitUsage;
    }
    format = "graphml";
  }
  if (format == "neo4j" && command.output == "-") {
    std::cerr << "kgrep: --format neo4j writes two files: give a directory with -o DIR\n";
    return kExitUsage;
  }
  DiagramOptions diagram;
  diagram.layout = command.layout;
  if (!ParseDiagramCluster(command.cluster, &diagram.cluster)) {
    std::cerr << "kgrep: --cluster: use none, type or country\n";
    return kExitUsage;
  }
  diagram.legend = command.legend;
  diagram.title = format == "html" ? "" : command.title;
  for (const auto& input : command.inputs) {
    if (SameFile(input, command.output)) {
      std::cerr << "kgrep: output '" << command.output << "' is also an input\n";
      return kExitUsage;
    }
  }

  FilterOptions filters;
  filters.relations = command.relations;
  filters.min_weight = command.min_weight;
  filters.around = command.around;
  filters.depth = command.depth;
  filters.largest_component = command.largest_component;
  for (const auto& name : command.types) {
    EntityType type;
    if (!ParseEntityType(name, &type)) {
      std::vector<std::string> names;
      for (int i = 0; i < kEntityTypeCount; ++i)
        names.emplace_back(EntityTypeName(static_cast<EntityType>(i)));
      std::string near = NearestName(name, names);
      std::cerr << "kgrep: --types: unknown entity type '" << name << "'"
                << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
      return kExitUsage;
    }
    filters.types.push_back(type);
  }

  RulePack pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;
  for (const auto& name : command.relations) {
    if (pack.predicates.count(name)) continue;
    std::vector<std::string> names(pack.predicates.begin(), pack.predicates.end());
    std::string near = NearestName(name, names);
    std::cerr << "kgrep: --relations: unknown relation '" << name << "'"
              << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
    return kExitUsage;
  }

  KnowledgeGraph graph;
  for (const auto& input : command.inputs) {
    std::string text, error;
    if (!ReadInput(input, &text, &error)) {
      std::cerr << "kgrep: " << error << "\n";
      return kExitFailure;
    }
    Extraction extraction;
    Status s = ExtractDocument(pack, input, std::move(text), &extraction);
    if (!s.ok()) {
      std::cerr << "kgrep: " << s.message() << "\n";
      return kExitFailure;
    }
    graph.Add(extraction);
  }
  graph.Finalize();
  if (filters.active()) {
    KnowledgeGraph filtered;
    WriteResult r = ApplyFilters(graph, filters, &filtered);
    if (!r.ok) {
      std::cerr << "kgrep: " << r.error << "\n";
      return kExitFailure;
    }
    graph = std::move(filtered);
  }

  // Paths as the user gave them, so that the output does not depend on where
  // kgrep is installed.
  std::string description = std::string("kgrep ") + KGREP_VERSION + "; rules:";
  if (command.rules.empty()) description += " diplomacy.yaml (bundled)";
  for (const auto& p : command.rules) description += " " + p;
  description += "; inputs:";
  for (const auto& i : command.inputs) description += " " + i;

  OutputOptions output;
  output.format = format;
  output.path = command.output;
  output.description = description;
  output.diagram = diagram;
  output.diagram.style = StyleOf(pack);
  output.title = command.title;
  WriteResult result = WriteOutput(graph, output);
  if (!result.ok) {
    std::cerr << "kgrep: " << result.error << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace kgrep
