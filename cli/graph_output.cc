#include "cli/graph_output.h"

#include <iostream>

#include "cli/exit_status.h"
#include "extract/macro.h"
#include "extract/text.h"

namespace kgrep {

void AddGraphOutputOptions(CLI::App* app, GraphOutputFlags* flags) {
  app->add_option("-o,--output", flags->output, "Output file, or - for stdout")
      ->type_name("OUT")
      ->capture_default_str();
  app->add_option("--format", flags->format,
                  "graphml, dot, gexf, json, neo4j (-o DIR), svg, png, pdf or html. Default: "
                  "from the extension of OUT, graphml for stdout")
      ->check(CLI::IsMember(OutputFormats()));
  app->add_option("--layout", flags->layout,
                  "Diagram layout: dot, neato, fdp, sfdp, circo, twopi. Default: dot, sfdp for "
                  "large graphs")
      ->type_name("ENGINE");
  app->add_option("--cluster", flags->cluster, "Group diagram nodes: none, type or country")
      ->check(CLI::IsMember({"none", "type", "country"}));
  app->add_flag("--no-legend{false}", flags->legend, "Draw diagrams without a legend");
  app->add_option("--title", flags->title, "A title for diagrams and the HTML page");
  app->add_option("--types", flags->types, "Keep only entities of these types (Person,Agency,...)")
      ->delimiter(',')
      ->type_name("TYPES");
  app->add_option("--relations", flags->relations,
                  "Keep only these relations (welcomed,thanked,...); entities left alone go too")
      ->delimiter(',')
      ->type_name("RELATIONS");
  app->add_option("--min-weight", flags->min_weight, "Keep only edges found at least N times")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app->add_option("--around", flags->around,
                  "Keep only what is within --depth steps of this entity (label or alias)")
      ->type_name("NAME");
  app->add_option("--depth", flags->depth, "Steps for --around (default 1)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--largest-component", flags->largest_component,
                "Keep only the largest connected component");
  app->add_option("--max-evidence", flags->max_evidence,
                  "Evidence records (sentence, document, offsets) kept per edge; the weight "
                  "still counts every one. 0 keeps none")
      ->type_name("N")
      ->capture_default_str();
}

bool ResolveGraphOutput(const GraphOutputFlags& flags, std::string* format,
                        FilterOptions* filters, DiagramOptions* diagram) {
  *format = flags.format;
  if (format->empty()) *format = FormatFromPath(flags.output);
  if (format->empty()) {
    if (flags.output != "-") {
      std::cerr << "kgrep: cannot tell the format of '" << flags.output
                << "' from its extension; use --format " << Join(OutputFormats(), "|") << "\n";
      return false;
    }
    *format = "graphml";
  }
  if (*format == "neo4j" && flags.output == "-") {
    std::cerr << "kgrep: --format neo4j writes two files: give a directory with -o DIR\n";
    return false;
  }
  diagram->layout = flags.layout;
  if (!ParseDiagramCluster(flags.cluster, &diagram->cluster)) {
    std::cerr << "kgrep: --cluster: use none, type or country\n";
    return false;
  }
  diagram->legend = flags.legend;
  diagram->title = *format == "html" ? "" : flags.title;  // the page has its own title

  filters->relations = flags.relations;
  filters->min_weight = flags.min_weight;
  filters->around = flags.around;
  filters->depth = flags.depth;
  filters->largest_component = flags.largest_component;
  for (const auto& name : flags.types) {
    EntityType type;
    if (!ParseEntityType(name, &type)) {
      std::vector<std::string> names = EntityTypeNames();
      std::string near = NearestName(name, names);
      std::cerr << "kgrep: --types: unknown entity type '" << name << "'"
                << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
      return false;
    }
    filters->types.push_back(type);
  }
  return true;
}

bool CheckRelationNames(const RulePack& pack, const std::vector<std::string>& relations) {
  for (const auto& name : relations) {
    if (pack.predicates.count(name)) continue;
    std::vector<std::string> names(pack.predicates.begin(), pack.predicates.end());
    std::string near = NearestName(name, names);
    std::cerr << "kgrep: --relations: unknown relation '" << name << "'"
              << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
    return false;
  }
  return true;
}

std::string DescribeOutput(const std::vector<std::string>& rules,
                           const std::vector<std::string>& inputs) {
  std::string description = std::string("kgrep ") + KGREP_VERSION + "; rules:";
  if (rules.empty()) description += " diplomacy.yaml (bundled)";
  for (const auto& p : rules) description += " " + p;
  description += "; inputs:";
  for (const auto& i : inputs) description += " " + i;
  return description;
}

int FilterAndWrite(KnowledgeGraph* graph, const FilterOptions& filters, OutputOptions output,
                   size_t* nodes, size_t* edges) {
  if (filters.active()) {
    KnowledgeGraph filtered;
    WriteResult r = ApplyFilters(*graph, filters, &filtered);
    if (!r.ok) {
      std::cerr << "kgrep: " << r.error << "\n";
      return kExitFailure;
    }
    *graph = std::move(filtered);
  }
  if (nodes) *nodes = graph->num_nodes();
  if (edges) *edges = graph->num_edges();
  WriteResult result = WriteOutput(*graph, output);
  if (!result.ok) {
    std::cerr << "kgrep: " << result.error << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace kgrep
