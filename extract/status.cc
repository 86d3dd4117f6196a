#include "extract/status.h"

namespace kgrep {

std::string Diagnostic::Headline() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  if (!rule.empty()) out += "rule '" + rule + "': ";
  out += message;
  return out;
}

std::string Diagnostic::ToString() const {
  std::string out = Headline();
  if (!source_line.empty()) {
    out += "\n" + source_line;
    if (column > 0) {
      out += "\n";
      // Keep tabs so the caret lines up under the same column in a terminal.
      for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i)
        out += source_line[i] == '\t' ? '\t' : ' ';
      out += "^";
    }
  }
  return out;
}

}  // namespace kgrep
