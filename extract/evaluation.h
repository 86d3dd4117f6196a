// Scoring a graph against a gold annotation: what a careful reader takes from
// one document (its entities and the relations it states, in YAML; see
// examples/GOLD-FORMAT.md), compared with the nodes and edges extracted from
// it.
//
// Start here: LoadGold() reads a gold file into a Gold, or into Diagnostics
// (file:line:col, one per problem); Evaluate() compares it with a graph given
// as plain node and edge lists, so that this module does not depend on
// graph/; WriteEvaluationText() and WriteEvaluationJson() print the result.
//
// The figures, lists and both output formats are those of the shared
// reference scorer (eval/score) run on the graph's GraphML file: the same
// label normalisation, the same rules for optional, split and ambiguous
// entities, type and predicate synonyms, and the same rounding.

#ifndef KGREP_EXTRACT_EVALUATION_H_
#define KGREP_EXTRACT_EVALUATION_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/status.h"

namespace kgrep {

// ---------------------------------------------------------------------------
// Gold annotations

struct GoldEntity {
  std::string id;                    // unique in the file, non-empty
  std::string name;                  // canonical name, as written
  std::string type;                  // as written ("Person", "organisation", ...)
  std::vector<std::string> aliases;  // other surface forms, as written
  bool optional = false;             // from optional_entities
};

// A directed triple between entity ids.
struct GoldRelation {
  std::string subject;
  std::string predicate;
  std::string object;
};

struct Gold {
  std::string file;      // path it was read from
  std::string document;  // the 'document' key, if any
  // Required entities first, then optional ones, each in file order.
  std::vector<GoldEntity> entities;
  std::vector<GoldRelation> relations;           // required, as written
  std::vector<GoldRelation> optional_relations;  // as written
};

// Reads the gold file at `path` into *gold. Returns one Diagnostic per
// problem (empty on success): unreadable file, invalid UTF-8, YAML syntax,
// unknown keys (with the nearest known one), entities without id, name or
// type, duplicate ids, unknown types, relations that are not
// [subject, predicate, object], that name an unknown id, or whose predicate
// is not scored. Plain scalars that a YAML 1.1 reader would not take as text
// (yes, no, on, off, null, ~, 1.50, 0x1F, 2021-10-08, ...) are reported too:
// quoted, they mean the same to every reader.
Diagnostics LoadGold(const std::string& path, Gold* gold);

// As LoadGold(), from `text`; `file` only names it in diagnostics.
Diagnostics ParseGold(std::string_view text, const std::string& file, Gold* gold);

// ---------------------------------------------------------------------------
// Comparison

// The form in which labels and surface forms are compared: compatibility
// decomposition (NFKD), combining marks (canonical combining class != 0)
// dropped, curly single quotes made straight, full case folding, dots, commas
// and ASCII hyphens as spaces, white space collapsed and trimmed, and leading
// "the ", "mr ", "mrs ", "ms ", "dr " removed as often as they occur.
// "The U.S." -> "u s", "Mr. López-Obrador" -> "lopez obrador".
// This is not Fold() (extract/text.h), which drops dots and commas and knows
// more hyphens: the scorer's form is fixed by the reference.
// REQUIRES: text is valid UTF-8.
std::string NormalizeLabel(std::string_view text);

// One node of the graph under test.
struct EvalNode {
  std::string label;  // empty: the node is known by its id "n<index>"
  std::string type;   // "Person", ...; compared case-insensitively with synonyms
};

// One edge of the graph under test.
struct EvalEdge {
  size_t source = 0;     // index into the node list
  size_t target = 0;     // index into the node list
  std::string relation;  // predicate
};

// Precision, recall and F1 of one kind of item.
struct Prf {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct Evaluation {
  size_t nodes = 0;
  size_t edges = 0;

  // Entities. A typed true positive is a matched required entity whose node
  // has the gold type; a wrong type counts as one false positive and one
  // false negative. The untyped F1 ignores types.
  Prf entity;
  double entity_untyped_f1 = 0;
  int entity_tp = 0;    // typed true positives
  int entity_gold = 0;  // required entities

  // Relations, over unique (subject, predicate, object) triples.
  Prf relation;
  int relation_tp = 0;
  int relation_gold = 0;  // unique required triples

  std::vector<std::string> missed_entities;     // gold names, sorted
  std::vector<std::string> spurious_entities;   // node labels, sorted; includes
                                                // split and ambiguous nodes
  std::vector<std::string> split_entities;      // "label (again Name)", node order
  std::vector<std::string> ambiguous_labels;    // node order
  std::vector<std::string> wrong_types;         // "label: 'Type', gold Type", node order
  std::vector<std::string> missed_relations;    // "Subject -pred-> Object", sorted
  std::vector<std::string> spurious_relations;  // sorted, unique
  // Edges whose relation is not scored, counted per relation (trimmed and
  // case-folded), in order of first appearance (see Evaluate()).
  std::vector<std::pair<std::string, int>> unscored_relations;
};

// Compares a graph with `gold`.
//
// Nodes are visited in the given order: the first node that matches a
// required entity is its match; a later one is a split (a false positive).
// A node whose label matches surface forms of two entities is ambiguous (a
// false positive); one matching an optional entity is ignored, as are
// relations touching it when they are not otherwise matched.
//
// Edges are given in document order (the order of a GraphML file) and
// visited as a GraphML reader lists a multigraph's edges: grouped by source
// node in node order, then by target in order of first appearance, then in
// document order. Only the order of unscored_relations depends on it.
//
// REQUIRES: gold as LoadGold() makes it (unique ids, relations between known
// ids); every edge's source and target < nodes.size().
Evaluation Evaluate(const Gold& gold, const std::vector<EvalNode>& nodes,
                    const std::vector<EvalEdge>& edges);

// ---------------------------------------------------------------------------
// Output

// The error lists (unless `quiet`), one item a line ("missed entity: ...",
// "spurious entity: ...", "  of which split: ...", "wrong type: ...",
// "missed relation: ...", "spurious relation: ...", then
// "unscored relations: pred=N, ..." sorted by relation), then the two
// summary lines:
//   entities  P=0.941 R=0.970 F1=0.955 (untyped F1=0.970, 32/33)
//   relations P=0.900 R=0.857 F1=0.878 (36/42)
void WriteEvaluationText(const Evaluation& evaluation, bool quiet, std::ostream& out);

// One JSON object (indent 1, UTF-8 unescaped, figures rounded to 4 places)
// with the keys graph, nodes, edges, entity, relation, missed_entities,
// spurious_entities, split_entities, ambiguous_labels, wrong_types,
// missed_relations, spurious_relations, unscored_relations. `graph` names
// what was scored.
void WriteEvaluationJson(const Evaluation& evaluation, std::string_view graph,
                         std::ostream& out);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_EVALUATION_H_
