#include "extract/pack_test.h"

#include <algorithm>

#include "extract/extractor.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// "Person: Ada Eze" -> ("Person", "ada eze"); "Ada Eze" -> ("", "ada eze").
std::pair<std::string, std::string> SplitEntity(const std::string& spec) {
  size_t colon = spec.find(": ");
  EntityType type;
  if (colon != std::string::npos && ParseEntityType(spec.substr(0, colon), &type))
    return {spec.substr(0, colon), Fold(spec.substr(colon + 2))};
  return {"", Fold(spec)};
}

// "A -welcomed-> B" -> folded "a -welcomed-> b".
std::string FoldRelation(const std::string& spec) {
  size_t dash = spec.find(" -");
  size_t arrow = spec.find("-> ", dash == std::string::npos ? 0 : dash);
  if (dash == std::string::npos || arrow == std::string::npos) return spec;
  return Fold(spec.substr(0, dash)) + " -" + spec.substr(dash + 2, arrow - dash - 2) + "-> " +
         Fold(spec.substr(arrow + 3));
}

PackTestResult RunOne(const RulePack& pack, const PackTest& test) {
  PackTestResult r;
  r.test = &test;
  std::string text = test.speaker.empty() ? test.text : test.speaker + ": " + test.text;
  Extraction x;
  Trace trace;
  Status s = ExtractDocument(pack, "test '" + test.name + "'", text + "\n", &x, &trace);
  if (!s.ok()) {
    r.failures.push_back(s.message());
    return r;
  }
  for (const auto& m : trace.matches.mentions) {
    r.rules_used.insert(m.rule);
    r.rules_used.insert(m.also_rules.begin(), m.also_rules.end());
  }
  for (const auto& rel : trace.relations) r.rules_used.insert(rel.rule);

  std::vector<std::pair<std::string, std::string>> entities;  // (type, folded label)
  for (const auto& e : x.entities) {
    entities.emplace_back(std::string(EntityTypeName(e.type)), Fold(e.label));
    r.got_entities.push_back(std::string(EntityTypeName(e.type)) + ": " + e.label);
  }
  std::vector<std::string> relations, shown_relations;
  for (const auto& rel : x.relations) {
    std::string shown = x.entities[rel.subject].label + " -" + rel.predicate + "-> " +
                        x.entities[rel.object].label;
    relations.push_back(FoldRelation(shown));
    shown_relations.push_back(shown);
    r.got_relations.push_back(shown);
  }
  std::sort(r.got_entities.begin(), r.got_entities.end());
  r.got_entities.erase(std::unique(r.got_entities.begin(), r.got_entities.end()),
                       r.got_entities.end());
  std::sort(r.got_relations.begin(), r.got_relations.end());
  r.got_relations.erase(std::unique(r.got_relations.begin(), r.got_relations.end()),
                        r.got_relations.end());

  auto has_entity = [&](const std::string& spec) {
    // Named, not a structured binding: clang 14 cannot capture those.
    const auto split = SplitEntity(spec);
    const std::string& type = split.first;
    const std::string& label = split.second;
    return std::any_of(entities.begin(), entities.end(), [&](const auto& e) {
      return e.second == label && (type.empty() || e.first == type);
    });
  };
  auto has_relation = [&](const std::string& spec) {
    return std::find(relations.begin(), relations.end(), FoldRelation(spec)) != relations.end();
  };
  for (const auto& e : test.entities)
    if (!has_entity(e)) r.failures.push_back("expected entity '" + e + "'");
  for (const auto& e : test.absent_entities)
    if (has_entity(e)) r.failures.push_back("unexpected entity '" + e + "'");
  for (const auto& rel : test.relations)
    if (!has_relation(rel)) r.failures.push_back("expected relation '" + rel + "'");
  for (const auto& rel : test.absent_relations)
    if (has_relation(rel)) r.failures.push_back("unexpected relation '" + rel + "'");
  if (test.only) {
    for (size_t i = 0; i < entities.size(); ++i) {
      bool listed = std::any_of(test.entities.begin(), test.entities.end(), [&](const auto& spec) {
        auto [type, label] = SplitEntity(spec);
        return entities[i].second == label && (type.empty() || entities[i].first == type);
      });
      if (!listed)
        r.failures.push_back("unexpected entity '" + entities[i].first + ": " +
                             x.entities[i].label + "'");
    }
    for (size_t i = 0; i < relations.size(); ++i) {
      bool listed = std::any_of(test.relations.begin(), test.relations.end(),
                                [&](const auto& spec) { return FoldRelation(spec) == relations[i]; });
      if (!listed) r.failures.push_back("unexpected relation '" + shown_relations[i] + "'");
    }
  }
  return r;
}

}  // namespace

std::vector<PackTestResult> RunPackTests(const RulePack& pack) {
  std::vector<PackTestResult> results;
  for (const auto& t : pack.tests) results.push_back(RunOne(pack, t));
  return results;
}

std::vector<std::string> UntestedRules(const RulePack& pack,
                                       const std::vector<PackTestResult>& results) {
  std::set<std::string> used;
  for (const auto& r : results) used.insert(r.rules_used.begin(), r.rules_used.end());
  std::vector<std::string> untested;
  for (const auto& rule : pack.entity_rules)
    if (!used.count(rule.id)) untested.push_back(rule.id);
  for (const auto& rule : pack.relation_rules)
    if (!used.count(rule.id)) untested.push_back(rule.id);
  return untested;
}

}  // namespace kgrep
