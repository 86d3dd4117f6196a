// Errors as values. Library code never throws past its own boundary and never
// prints: it returns a Status (one message) or a list of Diagnostics (one per
// problem, each with a place), and the command line decides what to show.

#ifndef KGREP_EXTRACT_STATUS_H_
#define KGREP_EXTRACT_STATUS_H_

#include <string>
#include <utility>
#include <vector>

namespace kgrep {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

// One problem in a rule pack (or another file), with its place.
// Printed as   file:line:col: rule 'ID': message
//              the source line
//                  ^
// Line and column are 1-based; 0 means unknown (then they are left out).
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string rule;     // id of the rule concerned, if any
  std::string message;
  std::string source_line;  // the text of that line, if known

  // The first line only: "file:line:col: rule 'ID': message".
  std::string Headline() const;
  // Headline, then the source line and a caret under the column, if known.
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace kgrep

#endif  // KGREP_EXTRACT_STATUS_H_
