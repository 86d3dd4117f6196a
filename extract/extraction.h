// The result of extracting one document: entities with their mentions and
// relations with their evidence. This is the contract between extract/ and
// graph/: graph/ never sees rule packs or text segmentation, only this.

#ifndef KGREP_EXTRACT_EXTRACTION_H_
#define KGREP_EXTRACT_EXTRACTION_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/shared_text.h"

namespace kgrep {

// The entity types of the annotation guidelines. The order is the order in
// which writers list types (legends, keys); do not reorder.
enum class EntityType {
  kPerson,
  kAgency,
  kOrganization,
  kCountry,
  kInitiative,
  kLocation,
};
inline constexpr int kEntityTypeCount = 6;

// "Person", "Agency", ... as written in packs and outputs.
std::string_view EntityTypeName(EntityType type);
// Parses a type name (exact, case-sensitive). Returns false if unknown.
bool ParseEntityType(std::string_view name, EntityType* type);

// Every type name, in EntityType order (for messages such as "did you mean").
std::vector<std::string> EntityTypeNames();

// Where a relation was found: the document, the byte range of the sentence
// (or other scope) in the document's original bytes, that text, and the rule.
// The strings are shared: the records of one sentence, or of one document,
// hold one copy of it (extract/shared_text.h).
struct Evidence {
  SharedText document;  // as given on the command line
  size_t begin = 0;     // byte offset into the original file
  size_t end = 0;       // one past the last byte
  SharedText text;      // the sentence, cleaned (single spaces, no wraps)
  SharedText rule;      // id of the rule that produced the relation
};

struct Entity {
  std::string label;                 // canonical name: the fullest form seen
  EntityType type = EntityType::kPerson;
  std::vector<std::string> aliases;  // other surface forms, sorted, unique
  int mentions = 0;                  // number of mentions in the document
  // Key used to merge the same entity across documents: type + folded label.
  std::string key;
  // A person named by one word that its document kept apart from a fuller
  // name ending in it ("President Biden" beside "First Lady Jill Biden",
  // "Pope Francis" beside "Dennis Francis"): the graph does not merge it into
  // such a name either (KnowledgeGraph::MergePeopleByName()).
  bool apart = false;
};

struct Relation {
  size_t subject = 0;     // index into Extraction::entities
  std::string predicate;  // welcomed, thanked, represents, member_of, part_of, ...
  size_t object = 0;      // index into Extraction::entities
  Evidence evidence;
};

struct Extraction {
  std::string document;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_EXTRACTION_H_
