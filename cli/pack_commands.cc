#include "cli/pack_commands.h"

#include <iostream>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/exit_status.h"
#include "cli/pack_loading.h"
#include "extract/pack_test.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// One line per compiled pattern, in pack order: cleanup, speakers, gazetteers,
// entity rules, relation rules, resolution. Keys stay in the documented order.
// REQUIRES: `pack` loaded without errors.
void WritePatterns(const RulePack& pack, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  auto text = [&](const char* kind, const std::string& id, const Json& type,
                  const std::string& pattern) {
    Json j;
    j["kind"] = kind;
    j["id"] = id;
    j["type"] = type;
    j["pattern"] = pattern;
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  };
  auto line = [&](const char* kind, const std::string& id, const Json& type, const RE2* re) {
    if (re) text(kind, id, type, re->pattern());  // else an optional pattern the pack does not set
  };
  for (const auto& c : pack.cleanup) line("cleanup", c.id, nullptr, c.pattern.get());
  for (size_t i = 0; i < pack.speakers.size(); ++i)
    line("speaker", "speaker-" + std::to_string(i + 1), nullptr, pack.speakers[i].pattern.get());
  line("speaker", "anonymous", nullptr, pack.anonymous_speaker.pattern.get());
  line("speaker", "headings", nullptr, pack.headings.pattern.get());
  line("speaker", "byline", nullptr, pack.byline.pattern.get());
  line("speaker", "closing", nullptr, pack.closing.pattern.get());
  for (const auto& g : pack.gazetteers)
    if (!g.pattern.empty()) text("gazetteer", g.id, std::string(EntityTypeName(g.type)), g.pattern);
  for (const auto& r : pack.entity_rules)
    line("entity", r.id, std::string(EntityTypeName(r.type)), r.pattern.get());
  for (const auto& r : pack.relation_rules) line("relation", r.id, r.predicate, r.pattern.get());
  line("resolution", "pronoun", nullptr, pack.pronoun.pattern.get());
  line("resolution", "collective", nullptr, pack.collective.pattern.get());
  line("resolution", "said", nullptr, pack.said.pattern.get());
}

}  // namespace

int RunCheck(const CheckCommand& command, const char* argv0) {
  RulePack pack;
  std::vector<std::string> used;
  if (!LoadPacksOrReport(command.packs, argv0, &pack, &used)) return kExitFailure;
  if (command.print_patterns) {
    WritePatterns(pack, std::cout);
    return std::cout.flush() ? kExitSuccess : kExitFailure;
  }
  size_t entries = 0;
  for (const auto& g : pack.gazetteers) entries += g.entries.size();
  std::cout << "ok: " << pack.files.size() << (pack.files.size() == 1 ? " file, " : " files, ")
            << pack.entity_rules.size() << " entity rules, " << pack.relation_rules.size()
            << " relation rules, " << entries << " gazetteer entries, " << pack.tests.size()
            << " tests; pack " << pack.digest << "\n";
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
