// kgrep extract: documents in, one merged graph out.

#ifndef KGREP_CLI_EXTRACT_COMMAND_H_
#define KGREP_CLI_EXTRACT_COMMAND_H_

#include <string>
#include <vector>

namespace kgrep {

struct ExtractCommand {
  std::vector<std::string> rules;   // packs; empty = the bundled pack
  std::string output = "-";         // path, or "-" for stdout
  std::string format;               // see OutputFormats(); empty = from the output's extension
  // "graph" writes one merged graph in `format`; "fragments" writes one
  // JSON line per document (graph/fragment.h) for `kgrep merge`, unfiltered.
  std::string emit = "graph";
  std::vector<std::string> inputs;   // files, directories, "-"
  std::string glob = "*.txt";        // files taken from directories
  bool jsonl = false;                // inputs are JSON Lines {"id", "text"}
  int jobs = 0;                      // threads; 0 = all cores
  bool quiet = false;                // no progress or summary
  bool progress = false;             // progress and summary even when stderr is no terminal

  // Filters (graph/filter.h), applied before any writer.
  std::vector<std::string> types;      // entity type names
  std::vector<std::string> relations;  // relation names
  int min_weight = 1;
  std::string around;
  int depth = 1;
  bool largest_component = false;

  // Diagrams (svg, png, pdf, html).
  std::string layout;               // dot, neato, fdp, sfdp, circo; empty = by size
  std::string cluster = "none";     // none, type, country
  bool legend = true;
  std::string title;
};

// Runs the command; returns an exit status (cli/exit_status.h).
int RunExtract(const ExtractCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EXTRACT_COMMAND_H_
