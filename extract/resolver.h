// Resolution: mentions become entities.
//
// Gazetteer mentions resolve to their entry ("U.S." and "United States" are
// one country). Other non-person mentions resolve by type and folded text.
// Person mentions are clustered by name: a shorter name joins a fuller one
// when its surname is the fuller one's last word ("Secretary Mayorkas"), its
// first word is the fuller one's given name or a nickname of it ("Ken",
// "Alejandro"), or its words stand in the fuller name in order ("Kenneth
// Salazar"). Folding makes "López Obrador" equal "Lopez Obrador". Different
// people who share a surname stay apart: "Rodriguez" is the last word of
// "Rosa Icela Rodriguez", not of "Luis Rodriguez Bucio".
//
// Once the people are known, a second pass finds bare given names and
// surnames of known people that no rule matched ("Gracias, Marcelo."),
// extended left over capitalised words ("Joe Biden"); a last one finds titles
// that stand for the one person given them ("The Secretary welcomed ...").

#ifndef KGREP_EXTRACT_RESOLVER_H_
#define KGREP_EXTRACT_RESOLVER_H_

#include <set>
#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/matcher.h"
#include "extract/rule_pack.h"

namespace kgrep {

struct ResolvedEntity {
  EntityType type = EntityType::kPerson;
  std::string label;
  std::set<std::string> forms;   // surface forms seen (names, not demonyms)
  int mentions = 0;
  bool named = false;            // at least one mention names it (not only a demonym)
  GazetteerRef ref;              // gazetteer entry, if any
  // For a body that many states have, named with its country: the name and
  // the country ("Agency:army@Mexico"), which the body is merged by across
  // documents, whatever its label ("Mexican Army", "Mexico's Army").
  // Empty: merged by its type and folded label.
  std::string state_key;
  // Folded title words of each title a person is given ("secretary of
  // state" -> {secretary, state}): who "Mr. Secretary" may be.
  std::vector<std::set<std::string>> titles;
  bool apart = false;  // Entity::apart
};

// Resolves every mention of `matches` (setting Mention::entity), adding the
// mentions found by the known-name pass. Returns the entities.
std::vector<ResolvedEntity> ResolveMentions(const RulePack& pack, const Document& doc,
                                            MatchResult* matches);

// The entity of the gazetteer entry named `canonical` (of any gazetteer), or -1.
int FindGazetteerEntity(const RulePack& pack, const std::vector<ResolvedEntity>& entities,
                        const std::string& canonical);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_RESOLVER_H_
