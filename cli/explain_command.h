// kgrep explain: what happened to one document, and why.

#ifndef KGREP_CLI_EXPLAIN_COMMAND_H_
#define KGREP_CLI_EXPLAIN_COMMAND_H_

#include <string>
#include <vector>

namespace kgrep {

struct ExplainCommand {
  std::vector<std::string> rules;  // packs; empty = the bundled pack
  std::string input;
  std::string entity;              // only what concerns this entity (folded match)
  std::string relation;            // only relations with this predicate
  bool color = false;              // ANSI colours (a terminal)
};

// Prints the segmentation, every mention (type, entity, rule), the
// candidates that lost to the overlap policy, and every relation with its
// rule and evidence. Returns an exit status (cli/exit_status.h).
int RunExplain(const ExplainCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EXPLAIN_COMMAND_H_
