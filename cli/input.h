// Reading documents named on the command line.

#ifndef KGREP_CLI_INPUT_H_
#define KGREP_CLI_INPUT_H_

#include <string>

namespace kgrep {

// Reads `path` ("-" = standard input) into *text. On failure returns false
// with a one-line *error ("cannot read 'x': No such file or directory").
bool ReadInput(const std::string& path, std::string* text, std::string* error);

}  // namespace kgrep

#endif  // KGREP_CLI_INPUT_H_
