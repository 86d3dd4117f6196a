// Relations: the pack's relation rules over slotted text, and the relations
// that entity rules imply (a person's country, agency and title).
//
// A relation rule's pattern is matched against a scope (sentence, paragraph
// or turn) in which each mention is replaced by its slot "⟦Type#N⟧". An
// argument bound to a group takes the slots inside that group (the first, or
// every one with `each`); when the group holds no slot but a pronoun ("you",
// "your", "him"), it takes the people named before it in the sentence, else
// those of the sentence before in the same turn, else, at the start of a
// turn, the previous speaker.

#ifndef KGREP_EXTRACT_RELATION_EXTRACTOR_H_
#define KGREP_EXTRACT_RELATION_EXTRACTOR_H_

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/matcher.h"
#include "extract/resolver.h"
#include "extract/rule_pack.h"

namespace kgrep {

struct FoundRelation {
  int subject = -1;   // entity index
  std::string predicate;
  int object = -1;
  std::string rule;
  Span evidence;      // in the cleaned text
};

// May add to `entities` a country that only a phrase names ("Canadian
// Embassy") when a relation needs it.
std::vector<FoundRelation> ExtractRelations(const RulePack& pack, const Document& doc,
                                            const MatchResult& matches,
                                            std::vector<ResolvedEntity>* entities);

// The speaker entity of each turn (-1 for none or anonymous).
std::vector<int> TurnSpeakers(const Document& doc, const MatchResult& matches);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_RELATION_EXTRACTOR_H_
