// What `kgrep extract` and `kgrep merge` share once they have a graph: the
// output format, the filters and the diagram options, from the command line
// to the file.

#ifndef KGREP_CLI_GRAPH_OUTPUT_H_
#define KGREP_CLI_GRAPH_OUTPUT_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "cli/output_writer.h"
#include "extract/rule_pack.h"
#include "graph/filter.h"
#include "graph/knowledge_graph.h"

namespace kgrep {

struct GraphOutputFlags {
  std::string output = "-";  // path, or "-" for stdout
  std::string format;        // see OutputFormats(); empty = from the output's extension

  // Filters (graph/filter.h), applied before any writer.
  std::vector<std::string> types;      // entity type names
  std::vector<std::string> relations;  // relation names
  int min_weight = 1;
  std::string around;
  int depth = 1;
  bool largest_component = false;

  // Diagrams (svg, png, pdf, html).
  std::string layout;            // dot, neato, fdp, sfdp, circo, twopi; empty = by size
  std::string cluster = "none";  // none, type, country
  bool legend = true;
  std::string title;

  // Evidence records kept per edge (GraphOptions::max_evidence); 0 keeps none.
  size_t max_evidence = GraphOptions().max_evidence;

  bool filters_given() const {
    return !types.empty() || !relations.empty() || min_weight > 1 || !around.empty() ||
           largest_component;
  }
};

// Declares -o, --format, the filter and the diagram options on `app`.
void AddGraphOutputOptions(CLI::App* app, GraphOutputFlags* flags);

// What the flags ask for, checked: the format (from the extension of -o if
// not given), the filters and the diagram options. On a usage error prints
// it and returns false.
bool ResolveGraphOutput(const GraphOutputFlags& flags, std::string* format,
                        FilterOptions* filters, DiagramOptions* diagram);

// Checks --relations against the relations `pack` knows; prints a usage error
// (with the nearest name) and returns false if one is unknown.
bool CheckRelationNames(const RulePack& pack, const std::vector<std::string>& relations);

// "kgrep VERSION; rules: ...; inputs: ...": paths as the user gave them, so
// that the output does not depend on where kgrep is installed.
std::string DescribeOutput(const std::vector<std::string>& rules,
                           const std::vector<std::string>& inputs);

// Filters *graph (in place) and writes it; prints any error. Returns an exit
// status; *nodes and *edges (if given) are the counts of the graph written.
int FilterAndWrite(KnowledgeGraph* graph, const FilterOptions& filters, OutputOptions output,
                   size_t* nodes = nullptr, size_t* edges = nullptr);

// Leaves `object` to the end of the process, neither destroyed nor freed.
// A command calls it on what it has finished with just before it returns:
// the pack's automata and a large graph are millions of small blocks, and
// freeing them one by one took 90 ms of a 100 MB extraction (bench/README.md),
// where the operating system takes the whole process back at once. The
// objects stay reachable, so leak checkers do not report them.
template <typename T>
void KeepUntilExit(std::unique_ptr<T> object) {
  static auto* kept = new std::vector<std::unique_ptr<T>>;
  kept->push_back(std::move(object));
}

}  // namespace kgrep

#endif  // KGREP_CLI_GRAPH_OUTPUT_H_
