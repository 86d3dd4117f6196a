// kgrep's exit codes, as documented in the README.

#ifndef KGREP_CLI_EXIT_STATUS_H_
#define KGREP_CLI_EXIT_STATUS_H_

namespace kgrep {

enum ExitStatus {
  kExitSuccess = 0,
  kExitFailure = 1,  // bad rules or input, or an output that could not be written
  kExitUsage = 2,    // bad command line
};

}  // namespace kgrep

#endif  // KGREP_CLI_EXIT_STATUS_H_
