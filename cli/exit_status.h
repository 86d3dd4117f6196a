// kgrep's exit codes, as documented in the README.

#ifndef KGREP_CLI_EXIT_STATUS_H_
#define KGREP_CLI_EXIT_STATUS_H_

namespace kgrep {

// Interrupted by SIGINT (Ctrl-C) or SIGTERM, kgrep removes the temporary file
// it was writing (graph/output_file.h) and dies of the signal, so that the
// shell sees 130 or 143 and a script's loop stops.
enum ExitStatus {
  kExitSuccess = 0,
  kExitFailure = 1,  // bad rules or input, or an output that could not be written
  kExitUsage = 2,    // bad command line, or an output that is also an input
  // extract --keep-going: the output was written without the documents that
  // could not be read or extracted, each reported on standard error.
  kExitSkipped = 3,
};

}  // namespace kgrep

#endif  // KGREP_CLI_EXIT_STATUS_H_
