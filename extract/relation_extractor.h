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
#include <utility>
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

struct RelationSlot {
  size_t begin = 0;  // in the slotted text
  size_t end = 0;
  size_t mention = 0;
};

// One scope of a document as relation rules read it, and what they match in
// it.
struct RelationUnit {
  Scope scope = Scope::kSentence;
  Span span;          // in the cleaned text
  int turn = 0;
  int sentence = -1;  // for sentence scope
  std::string text;   // slotted
  std::vector<RelationSlot> slots;
  // Set by ScanRelationUnits: the rules of the scope that match in `text`,
  // in pack order, each with its matches; a match is its pattern's groups
  // as (offset in text, size), the offset std::string::npos for a group
  // that took no part.
  std::vector<std::pair<int, std::vector<std::vector<std::pair<size_t, size_t>>>>> matches;
};

// The units of `doc` that the pack's relation rules read, in the order
// ExtractRelations binds them: the sentences, then the paragraphs and the
// turns if rules of those scopes exist. `matches` are FindMentions' result.
std::vector<RelationUnit> MakeRelationUnits(const RulePack& pack, const Document& doc,
                                            const MatchResult& matches);

// Scans every unit of every list, one rule at a time over all of them (as
// ScanDocuments does for entities: each automaton stays in the caches).
void ScanRelationUnits(const RulePack& pack, const std::vector<std::vector<RelationUnit>*>& units);

// May add to `entities` a country that only a phrase names ("Canadian
// Embassy") when a relation needs it. `units`, if given, are the scanned
// MakeRelationUnits(pack, doc, matches); else each unit is made and scanned
// in turn.
std::vector<FoundRelation> ExtractRelations(const RulePack& pack, const Document& doc,
                                            const MatchResult& matches,
                                            std::vector<ResolvedEntity>* entities,
                                            const std::vector<RelationUnit>* units = nullptr);

// By sentence: the person a quotation in it is given to by the pack's `said`
// words, -1 if none. "\"We thank X,\" said Secretary Y.", "Secretary Y said:
// \"We thank X.\"", and a quoted paragraph after one that ends "Y said:".
std::vector<int> QuoteSpeakers(const RulePack& pack, const Document& doc,
                               const MatchResult& matches);

// The speaker entity of each turn (-1 for none or anonymous). The one turn of
// a document with no labels is spoken by the person of its byline mentions
// (Mention::byline), if they are all of one person.
std::vector<int> TurnSpeakers(const Document& doc, const MatchResult& matches);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_RELATION_EXTRACTOR_H_
