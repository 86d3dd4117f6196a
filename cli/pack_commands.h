// kgrep check and kgrep test: commands about rule packs themselves.

#ifndef KGREP_CLI_PACK_COMMANDS_H_
#define KGREP_CLI_PACK_COMMANDS_H_

#include <string>
#include <vector>

namespace kgrep {

struct CheckCommand {
  std::vector<std::string> packs;  // loaded together; at least one
  // Instead of the summary line, print every compiled pattern as one JSON
  // object per line: {"kind", "id", "type", "pattern"}, the pattern being the
  // string RE2 compiled (macros and slots expanded). kind is entity,
  // gazetteer, relation, cleanup, speaker or resolution; type is the entity
  // type (entity, gazetteer), the predicate (relation), else null.
  bool print_patterns = false;
};

// kgrep check PACK...: loads the packs together and reports every problem
// (file:line:col: rule 'ID': message, the line and a caret). Exit 1 if any.
int RunCheck(const CheckCommand& command, const char* argv0);

struct TestCommand {
  std::vector<std::string> packs;  // empty = the bundled pack
  bool require_coverage = false;   // fail when an entity or relation rule has no test
  bool verbose = false;            // list passing tests too
};

// kgrep test PACK...: runs the tests the packs carry (`tests:`), printing each
// failure as expected vs. got. Exit 1 on any failure.
int RunTest(const TestCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_PACK_COMMANDS_H_
