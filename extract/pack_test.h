// Running the tests a rule pack carries (`tests:`), and which rules they
// exercise.

#ifndef KGREP_EXTRACT_PACK_TEST_H_
#define KGREP_EXTRACT_PACK_TEST_H_

#include <set>
#include <string>
#include <vector>

#include "extract/rule_pack.h"

namespace kgrep {

struct PackTestResult {
  const PackTest* test = nullptr;
  std::vector<std::string> failures;  // "expected relation 'A -welcomed-> B'", ...
  std::vector<std::string> got_entities;   // "Type: Label", sorted
  std::vector<std::string> got_relations;  // "Subject -predicate-> Object", sorted
  std::set<std::string> rules_used;        // ids of rules that matched in the test
  bool passed() const { return failures.empty(); }
};

// Runs every test of `pack`.
std::vector<PackTestResult> RunPackTests(const RulePack& pack);

// Entity and relation rules of `pack` that no test exercised.
std::vector<std::string> UntestedRules(const RulePack& pack,
                                       const std::vector<PackTestResult>& results);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_PACK_TEST_H_
