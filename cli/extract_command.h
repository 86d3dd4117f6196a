// kgrep extract: documents in, one merged graph out.

#ifndef KGREP_CLI_EXTRACT_COMMAND_H_
#define KGREP_CLI_EXTRACT_COMMAND_H_

#include <cstddef>
#include <string>
#include <vector>

#include "cli/graph_output.h"
#include "cli/input.h"
#include "extract/rule_pack.h"

namespace kgrep {

struct ExtractCommand {
  std::vector<std::string> rules;   // packs; empty = the bundled pack
  // "graph" writes one merged graph; "fragments" writes one JSON line per
  // document (graph/fragment.h) for `kgrep merge`, unfiltered.
  std::string emit = "graph";
  std::vector<std::string> inputs;   // files, directories, "-"
  std::string glob = "*.txt";        // files taken from directories
  bool jsonl = false;                // inputs are JSON Lines {"id", "text"}
  int jobs = 0;                      // threads; 0 = all cores
  bool quiet = false;                // no progress or summary
  bool progress = false;             // progress and summary even when stderr is no terminal
  // A document that cannot be read or extracted is reported and skipped
  // instead of ending the run; the exit status is then kExitSkipped.
  bool keep_going = false;
  // A larger document is an error (exit 1); 0 = no limit. Default 256 MiB.
  size_t max_document_bytes = kDefaultMaxDocumentBytes;
  // RE2's memory budget per pattern, in MiB (LoadOptions::max_regex_memory):
  // a pattern that needs more is an error of the pack. Default 64.
  int regex_memory_mb = static_cast<int>(LoadOptions().max_regex_memory >> 20);
  GraphOutputFlags out;              // -o, --format, filters, diagram options
};

// Runs the command; returns an exit status (cli/exit_status.h).
int RunExtract(const ExtractCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EXTRACT_COMMAND_H_
