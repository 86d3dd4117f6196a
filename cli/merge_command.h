// kgrep merge: graph fragments in (graph/fragment.h), one merged graph out.
//
// The reduce step of `kgrep extract --emit fragments`. Merging is
// associative and commutative: the parts may come in any order and any
// grouping (merge --emit fragments makes a part of parts), and the graph is
// byte for byte the one a single `kgrep extract` writes for the same
// documents, given as files in byte order (the description of the output
// lists the documents sorted).

#ifndef KGREP_CLI_MERGE_COMMAND_H_
#define KGREP_CLI_MERGE_COMMAND_H_

#include <string>
#include <vector>

#include "cli/graph_output.h"

namespace kgrep {

struct MergeCommand {
  std::vector<std::string> parts;   // fragment files; "-" = stdin
  // "graph" writes the merged graph; "fragments" writes every fragment of
  // the parts, sorted by document, as one part (no filters).
  std::string emit = "graph";
  // Packs, only for the diagram style and to check --relations; the parts
  // already hold what was extracted. Empty = no style, names not checked.
  std::vector<std::string> rules;
  GraphOutputFlags out;             // -o, --format, filters, diagram options, as for extract
  int jobs = 0;                     // threads for the analytics and GraphML; 0 = all cores
  bool quiet = false;               // no progress or summary
  bool progress = false;            // progress and summary even when stderr is no terminal
};

// Runs the command; returns an exit status (cli/exit_status.h). Parts made
// with different rule packs are refused (exit 1).
int RunMerge(const MergeCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_MERGE_COMMAND_H_
