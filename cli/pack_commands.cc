#include "cli/pack_commands.h"

#include <iostream>

#include "cli/exit_status.h"
#include "cli/pack_loading.h"
#include "extract/pack_test.h"
#include "extract/text.h"

namespace kgrep {

int RunCheck(const std::vector<std::string>& packs, const char* argv0) {
  RulePack pack;
  std::vector<std::string> used;
  if (!LoadPacksOrReport(packs, argv0, &pack, &used)) return kExitFailure;
  size_t entries = 0;
  for (const auto& g : pack.gazetteers) entries += g.entries.size();
  std::cout << "ok: " << pack.files.size() << (pack.files.size() == 1 ? " file, " : " files, ")
            << pack.entity_rules.size() << " entity rules, " << pack.relation_rules.size()
            << " relation rules, " << entries << " gazetteer entries, " << pack.tests.size()
            << " tests\n";
  return kExitSuccess;
}

int RunTest(const TestCommand& command, const char* argv0) {
  RulePack pack;
  std::vector<std::string> used;
  if (!LoadPacksOrReport(command.packs, argv0, &pack, &used)) return kExitFailure;
  std::vector<PackTestResult> results = RunPackTests(pack);
  int failed = 0;
  for (const auto& r : results) {
    const PackTest& t = *r.test;
    if (r.passed()) {
      if (command.verbose) std::cout << "PASS " << t.name << "\n";
      continue;
    }
    ++failed;
    std::cout << t.where.file << ":" << t.where.line << ":" << t.where.column << ": test '"
              << t.name << "' failed\n";
    std::cout << "  text: " << (t.speaker.empty() ? "" : t.speaker + ": ") << t.text << "\n";
    for (const auto& f : r.failures) std::cout << "  " << f << "\n";
    std::cout << "  got entities: " << (r.got_entities.empty() ? "(none)" : Join(r.got_entities, "; "))
              << "\n";
    std::cout << "  got relations: "
              << (r.got_relations.empty() ? "(none)" : Join(r.got_relations, "; ")) << "\n";
  }
  // Per file, in the order files were read.
  for (const auto& file : pack.files) {
    int passed = 0, failed_here = 0;
    for (const auto& r : results)
      if (r.test->where.file == file) (r.passed() ? passed : failed_here)++;
    if (passed + failed_here > 0)
      std::cout << file << ": " << passed << " passed, " << failed_here << " failed\n";
  }
  std::vector<std::string> untested = UntestedRules(pack, results);
  if (!untested.empty())
    std::cout << (command.require_coverage ? "error" : "note") << ": "
              << untested.size() << " rules no test exercises: " << Join(untested, ", ") << "\n";
  std::cout << results.size() - failed << " passed, " << failed << " failed\n";
  if (failed > 0 || (command.require_coverage && !untested.empty())) return kExitFailure;
  return kExitSuccess;
}

}  // namespace kgrep
