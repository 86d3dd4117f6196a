// kgrep extract: documents in, one merged graph out.

#ifndef KGREP_CLI_EXTRACT_COMMAND_H_
#define KGREP_CLI_EXTRACT_COMMAND_H_

#include <string>
#include <vector>

namespace kgrep {

struct ExtractCommand {
  std::vector<std::string> rules;   // packs; empty = the bundled pack
  std::string output = "-";         // path, or "-" for stdout
  std::string format;               // graphml | dot; empty = from the output's extension
  std::vector<std::string> inputs;
};

// Runs the command; returns an exit status (cli/exit_status.h).
int RunExtract(const ExtractCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EXTRACT_COMMAND_H_
