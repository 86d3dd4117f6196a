#include "extract/status.h"

namespace kgrep {

namespace {

// A headline is one line whatever a pack holds: a rule id, a pattern quoted
// in RE2's message or a YAML scalar may contain line breaks and other
// control characters, which are written as escapes.
std::string OneLine(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string Diagnostic::Headline() const {
  std::string out = OneLine(file);
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  if (!rule.empty()) out += "rule '" + OneLine(rule) + "': ";
  out += OneLine(message);
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
