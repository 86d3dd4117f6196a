// Writing the graph in the format the user asked for: the choice of writer,
// from --format or the output's extension, in one place.

#ifndef KGREP_CLI_OUTPUT_WRITER_H_
#define KGREP_CLI_OUTPUT_WRITER_H_

#include <string>
#include <vector>

#include "extract/rule_pack.h"
#include "graph/diagram.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

// The formats kgrep writes, as --format names them.
const std::vector<std::string>& OutputFormats();

// The format an output path's extension implies ("graph.svg" -> "svg"), or
// "" if it implies none.
std::string FormatFromPath(const std::string& path);

struct OutputOptions {
  std::string format;       // one of OutputFormats()
  std::string path;         // a file, "-" for stdout; for neo4j a directory
  std::string description;  // "kgrep VERSION; rules: ...; inputs: ..."
  DiagramOptions diagram;   // for svg, png, pdf and html (format is set here)
  std::string title;        // html page title; empty = default
  size_t threads = 1;       // for writers that format in parallel (graphml); same output
};

// The diagram style a pack's `style:` section describes.
DiagramStyle StyleOf(const RulePack& pack);

// Writes `graph`. Nothing is left behind on failure (every file is written to
// a temporary name, then renamed). neo4j writes PATH/nodes.csv and
// PATH/relationships.csv, creating PATH if needed.
WriteResult WriteOutput(const KnowledgeGraph& graph, const OutputOptions& options);

}  // namespace kgrep

#endif  // KGREP_CLI_OUTPUT_WRITER_H_
