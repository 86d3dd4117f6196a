// kgrep eval: extract one document and score its graph against a gold
// annotation (extract/evaluation.h; the format is in examples/GOLD-FORMAT.md).

#ifndef KGREP_CLI_EVAL_COMMAND_H_
#define KGREP_CLI_EVAL_COMMAND_H_

#include <optional>
#include <string>
#include <vector>

namespace kgrep {

struct EvalCommand {
  std::vector<std::string> rules;  // packs; empty = the bundled pack
  std::string gold;                // gold annotation (YAML)
  std::string input;               // the document; "-" = standard input
  bool json = false;               // one JSON object instead of lines
  bool quiet = false;              // only the two summary lines (ignored with json)
  std::optional<double> min_entity_f1;    // unset = no threshold
  std::optional<double> min_relation_f1;  // unset = no threshold
};

// Extracts `input` as `kgrep extract` would, builds its graph in memory, and
// prints the evaluation to stdout in the format of extract/evaluation.h; the
// "graph" field of the JSON output holds the input path. Problems go to
// stderr.
//
// Returns an exit status (cli/exit_status.h):
//   kExitSuccess (0)  every given threshold is met (F1 >= the minimum)
//   kExitFailure (1)  a threshold is not met (the figures are printed), or
//                     the gold file, the rules or the input are unusable
//                     (nothing is printed on stdout)
// Usage errors (2) are the caller's to report. The reference scorer uses 2
// for an unusable graph; here an unusable input is 1, as everywhere in
// kgrep, and a caller tells it from a missed threshold by the empty stdout.
int RunEval(const EvalCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EVAL_COMMAND_H_
