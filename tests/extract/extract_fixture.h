// Helpers shared by the extract tests: rule packs written to a scratch
// directory, the bundled pack loaded once, and terse look-ups in an
// Extraction.

#ifndef KGREP_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
#define KGREP_TESTS_EXTRACT_EXTRACT_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "extract/extraction.h"
#include "extract/rule_pack.h"
#include "extract/status.h"

namespace kgrep::testing {

// A fresh directory under the test temp dir, named after the running test
// (or, in SetUpTestSuite(), its suite) and the process: CTest runs each test
// in a process of its own, several at once.
inline std::string ScratchDir() {
  const ::testing::UnitTest* unit = ::testing::UnitTest::GetInstance();
  const ::testing::TestInfo* info = unit->current_test_info();
  const ::testing::TestSuite* suite = unit->current_test_suite();
  std::string name = "kgrep_extract_" + std::to_string(::getpid());
  if (info) name += std::string("_") + info->test_suite_name() + "_" + info->name();
  else if (suite) name += std::string("_") + suite->name();
  for (char& c : name)
    if (c == '/') c = '_';
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // Removed when the process ends.
  static struct Made {
    std::vector<std::filesystem::path> dirs;
    ~Made() {
      std::error_code ignored;
      for (const auto& d : dirs) std::filesystem::remove_all(d, ignored);
    }
  } made;
  made.dirs.push_back(dir);
  return dir.string();
}

// Words of random letters from `alphabet`, the same for the same seed: for
// tests that compare two matchers on many cases. A small alphabet makes the
// words share prefixes and contain one another.
class RandomWords {
 public:
  RandomWords(uint32_t seed, std::vector<std::string> alphabet)
      : state_(seed), alphabet_(std::move(alphabet)) {}
  // A number in [0, n).
  uint32_t Next(uint32_t n) {
    state_ = state_ * 1103515245u + 12345u;
    return (state_ >> 16) % n;
  }
  // One to `max_letters` letters.
  std::string Word(size_t max_letters) {
    std::string w;
    for (size_t n = 1 + Next(static_cast<uint32_t>(max_letters)); n > 0; --n)
      w += alphabet_[Next(static_cast<uint32_t>(alphabet_.size()))];
    return w;
  }

 private:
  uint32_t state_;
  std::vector<std::string> alphabet_;
};

// Writes `text` to dir/name (creating subdirectories) and returns the path.
inline std::string WriteFile(const std::string& dir, const std::string& name,
                             const std::string& text) {
  std::filesystem::path path = std::filesystem::path(dir) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path.string();
}

// Every diagnostic, one Headline() per line, for readable failures.
inline std::string Headlines(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += d.Headline() + "\n";
  return out;
}

// Loads the pack written as `yaml` to dir/name.
inline Diagnostics LoadPackText(const std::string& dir, const std::string& name,
                                const std::string& yaml, RulePack* pack) {
  std::string path = WriteFile(dir, name, yaml);
  return LoadRulePack({path}, LoadOptions(), pack);
}

#ifdef KGREP_RULES_DIR
// The bundled pack, loaded once for the whole test program.
inline const RulePack& BundledPack() {
  static const RulePack* pack = [] {
    auto* p = new RulePack;
    Diagnostics diags = LoadRulePack({KGREP_RULES_DIR "/diplomacy.yaml"}, LoadOptions(), p);
    EXPECT_TRUE(diags.empty()) << Headlines(diags);
    return p;
  }();
  return *pack;
}
#endif

// Index of the entity labelled `label`, or -1.
inline int FindEntity(const Extraction& x, const std::string& label) {
  for (size_t i = 0; i < x.entities.size(); ++i)
    if (x.entities[i].label == label) return static_cast<int>(i);
  return -1;
}

// "subject -predicate-> object" for every relation, in order.
inline std::vector<std::string> RelationStrings(const Extraction& x) {
  std::vector<std::string> out;
  for (const Relation& r : x.relations)
    out.push_back(x.entities[r.subject].label + " -" + r.predicate + "-> " +
                  x.entities[r.object].label);
  return out;
}

// True if the extraction holds subject -predicate-> object, by labels.
inline bool HasRelation(const Extraction& x, const std::string& subject,
                        const std::string& predicate, const std::string& object) {
  for (const Relation& r : x.relations)
    if (r.predicate == predicate && x.entities[r.subject].label == subject &&
        x.entities[r.object].label == object)
      return true;
  return false;
}

// Entity labels with their types, "Person:Ingrid Weber", in order.
inline std::vector<std::string> EntityStrings(const Extraction& x) {
  std::vector<std::string> out;
  for (const Entity& e : x.entities)
    out.push_back(std::string(EntityTypeName(e.type)) + ":" + e.label);
  return out;
}

}  // namespace kgrep::testing

#endif  // KGREP_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
