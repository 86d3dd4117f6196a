// A rule pack: everything kgrep knows about a kind of document, loaded from
// YAML (see rules/README.md for the format) and compiled once.
//
// Start here: LoadRulePack() turns files into a RulePack, or into a list of
// Diagnostics, one per problem, each with file:line:col and the rule.

#ifndef KGREP_EXTRACT_RULE_PACK_H_
#define KGREP_EXTRACT_RULE_PACK_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/extraction.h"
#include "extract/literal_set.h"
#include "extract/pattern_filter.h"
#include "extract/status.h"

namespace kgrep {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
};

// The text a relation rule sees: a scope of the document in which every
// entity mention is replaced by a slot "⟦Type#N⟧" (N indexes the mentions).
enum class Scope { kSentence, kParagraph, kTurn };

// Who fills one end of a relation.
enum class Role {
  kGroup,            // the entity slots inside a named group of the pattern
  kSpeaker,          // the speaker of the current turn
  kPreviousSpeaker,  // the speaker of the turn before
  kAddressed,        // whom the sentence addresses: "X, thank you", "Thank you, Mr. Secretary."
  kPreviousSubject,  // the person the sentence before opens with: "Minister X met Y. He thanked Y"
};

struct Argument {
  Role role = Role::kGroup;
  std::string group;               // for kGroup: the named group
  std::vector<EntityType> types;   // accepted entity types; empty = any
  bool each = false;               // every slot in the group, not only the first
  // With `each`: words that open a phrase of place, purpose or time ("to",
  // "for"). A slot other than a Person after a match, up to the next comma or
  // colon, is not bound: "welcomed X to the Pentagon", "thanked X for
  // Mexico's support". Empty: no such words.
  std::string skip_after;
  SourceLocation skip_after_where;
  std::unique_ptr<RE2> skip_after_pattern;
  // With `each`: words that open a clause about someone already named, such
  // as a relative clause or a second verb ("thanked X and Y, who hosted Z").
  // No slot after a match, of any type, up to the next comma or colon, is
  // bound; a match at the group's first word opens nothing ("welcomed and
  // thanked X"). Empty: no such words.
  std::string skip_clause;
  SourceLocation skip_clause_where;
  std::unique_ptr<RE2> skip_clause_pattern;
  // With `each`: words that end the list, such as a new subject ("thank X,
  // and we welcome Y"). No slot after a match is bound, but for a match at
  // the group's first word. Empty: the list runs to the group's end.
  std::string stop_at;
  SourceLocation stop_at_where;
  std::unique_ptr<RE2> stop_at_pattern;
};

struct CleanupRule {
  std::string id;
  std::string source;
  std::unique_ptr<RE2> pattern;  // every match is removed from the text
  SourceLocation where;
};

// A pattern of the pack outside a rule (speaker labels, pronouns).
struct PackPattern {
  std::string source;
  std::unique_ptr<RE2> pattern;
  SourceLocation where;
};

// A speaker pattern. With `named_elsewhere`, a label it finds starts a turn
// only if the label's last word stands elsewhere in the document too (the
// name said in the text, or a second label): "Vladimir Putin:" does, a
// heading such as "Next Steps:" does not.
struct SpeakerPattern : PackPattern {
  bool named_elsewhere = false;
};

struct GazetteerEntry {
  std::string name;                    // canonical name
  std::vector<std::string> aliases;    // other forms that name it
  std::vector<std::string> demonyms;   // forms that point to it but do not name it
  std::string country;                 // canonical country it belongs to, if any
};

// Where a surface form is defined.
struct GazetteerRef {
  int gazetteer = -1;
  int entry = -1;
  bool demonym = false;
};

// The literals of up to 64 gazetteers in one prefix tree, each gazetteer a
// tag bit, so that one pass over a text finds the matches of them all
// (matcher.cc): a pass per gazetteer cost 0.75 s over 100 MB of transcripts.
// Words looked up as they are, a std::string_view as well as a std::string:
// hashed, since names are checked word by word against these sets (a tree
// compared a word with ten others, a tenth of the time of extraction).
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

struct GazetteerTree {
  size_t first = 0;     // the gazetteer of tag bit 0; bit b is gazetteer first + b
  LiteralSet literals;  // each distinct form once, tagged with its gazetteers
  // By place in `literals`: for each gazetteer of the form, the form's first
  // place in that gazetteer's list (Gazetteer::refs, LiteralSet::Match).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> places;
};

struct Gazetteer {
  std::string id;
  EntityType type = EntityType::kCountry;
  int priority = 0;
  std::vector<GazetteerEntry> entries;
  SourceLocation where;
  // Every name, alias and demonym, for a gazetteer of countries only (found
  // in agency names: "U.S. Department of Justice"). Text is matched through
  // RulePack::gazetteer_trees, which hold the forms of every gazetteer; a
  // second tree of each would only take memory (10 MB with the 10x pack).
  LiteralSet literals;
  // By place in the list `literals` was made from: where RulePack::forms says
  // the form is defined (another gazetteer's entry, if it came first there).
  std::vector<GazetteerRef> refs;
  // The same as a pattern, AlternationOfForms(); "" when there are none.
  std::string pattern;
};

// A pattern that finds entity mentions in the cleaned text. Named groups:
//   name     the mention itself (required unless the whole match is the name)
//   title    a title held by a person ("Secretary of State")
//   country  a country or demonym: the person represents it, the agency is part of it
//   agency   an agency the person is a member of
struct EntityRule {
  std::string id;
  EntityType type = EntityType::kPerson;
  int priority = 0;
  // The name is a given name used in address ("Thank you, Olivia."): it
  // joins a known person by first name, or, opening a turn, the previous
  // speaker when only that speaker's surname is known.
  bool given_name = false;
  std::string source;             // pattern as written
  std::unique_ptr<RE2> pattern;   // after macro expansion
  SourceLocation where;
  // What every match holds, found by the loader for large patterns: for each
  // mask, a literal of RulePack::entity_literals with one of its tags. A
  // paragraph that lacks one is not scanned. Empty: no such knowledge.
  std::vector<uint64_t> required;
  // Nonzero if every match begins with a literal of RulePack::entity_literals
  // that carries this tag (found by the loader): the rule is searched
  // anchored at the places those literals occur, and at no other.
  uint64_t start_tag = 0;
};

struct RelationRule {
  std::string id;
  std::string predicate;
  SourceLocation predicate_where;
  Scope scope = Scope::kSentence;
  Argument subject;
  Argument object;
  std::string source;
  std::unique_ptr<RE2> pattern;  // matched against slotted text
  SourceLocation where;
};

// "Secretary of Homeland Security" implies member_of the Department of
// Homeland Security, when the document names that body on its own.
struct TitleImplication {
  std::string title;       // as written
  std::string folded;      // Fold(title)
  std::string member_of;   // canonical agency name, or empty
  std::string represents;  // canonical country name, or empty
};

// A test a pack carries: a short text, optionally said by a speaker, and what
// it must and must not yield. Entities are written "Label" or "Type: Label";
// relations "Subject -predicate-> Object". Labels compare folded.
struct PackTest {
  std::string name;
  std::string speaker;  // a label such as "FOREIGN MINISTER OKAFOR"; empty = none
  std::string text;
  std::vector<std::string> entities;          // must be found
  std::vector<std::string> relations;         // must be found
  std::vector<std::string> absent_entities;   // must not be found
  std::vector<std::string> absent_relations;  // must not be found
  bool only = false;  // nothing beyond `entities` and `relations` may be found
  SourceLocation where;
};

// A number no other pack of the process has had (from 1 on).
uint64_t NewPackId();

struct RulePack {
  // Tells this pack's compiled rules from any other's, for caches of their
  // results (LoadRulePack() gives a new one).
  uint64_t id = NewPackId();
  std::vector<std::string> files;            // every file read, includes too
  // What the files held: FNV-1a (64 bits) over each file's size (8 bytes,
  // little-endian) and bytes, in reading order, as 16 hex digits. Equal
  // digests: the same pack, wherever its files lie; a changed byte (a
  // comment too) makes another.
  std::string digest;
  std::map<std::string, std::string> macros; // name -> pattern, before expansion

  std::vector<CleanupRule> cleanup;

  // Segmentation.
  std::vector<SpeakerPattern> speakers;    // at a line start; group "speaker"
  // All of `speakers`, anchored at the start, one DFA pass: which of them
  // match at a line's start (most lines open with no label). Null if RE2
  // refused it; see SpeakersAt().
  std::unique_ptr<RE2::Set> speaker_set;
  PackPattern anonymous_speaker;           // whole-label match: no entity
  PackPattern headings;                    // whole-label match: no turn at all ("FACT SHEET")
  WordSet abbreviations;  // "Mr.", "U.S.": no sentence end after them
  bool join_wrapped_lines = true;
  // Words of the first person. A document with no speaker labels in which
  // they stand outside quotations is spoken by the one person its front
  // matter names ("Remarks by Secretary X"). No pattern: no such speaker.
  PackPattern byline;
  // A paragraph that closes a letter ("Sincerely,"), whole-paragraph match:
  // the person named on the first line after it signed the letter and is its
  // speaker. No pattern: no letters.
  PackPattern closing;

  std::vector<Gazetteer> gazetteers;
  // Fold(form) -> where it is defined, for every name, alias and demonym (the
  // first definition wins).
  std::unordered_map<std::string, GazetteerRef, WordHash, std::equal_to<>> forms;

  // Titles and names.
  // Folded.
  WordSet title_words;     // stripped from names
  // Words of titles' `neutral_modifiers`, folded: "the Chancellor" is the
  // "Federal Chancellor", but not the "Vice Chancellor".
  WordSet neutral_modifiers;
  WordSet honorifics;      // stripped from names
  // Honorifics that are one only with their full stops: "he" of "H.E." (the
  // surname "He" is none). See IsHonorificWord().
  WordSet dotted_honorifics;
  // What offices are of (titles' `domain`), folded, each whole: "finance",
  // "national defense".
  WordSet office_domains;
  WordSet name_stopwords;  // a name made only of these is no name
  WordSet name_breakers;   // a name with one of these is no person
  // ... unless it is its surname, last after a given name: "Catherine West".
  WordSet name_surnames;
  WordSet name_enders;     // a name ends before one of these
  // Titles' `given_name_titles`, folded: one name after one of them is the
  // name the person goes by ("Pope Francis", "King Charles"), never a surname.
  std::vector<std::string> given_name_titles;
  // Titles' `spouse_titles`, folded: held by the spouse of an office's holder
  // ("First Lady"), so a surname under another title is someone else.
  std::vector<std::string> spouse_titles;
  std::vector<TitleImplication> implications;
  std::map<std::string, std::vector<std::string>> nicknames;  // folded: Ken -> kenneth

  std::vector<EntityRule> entity_rules;
  std::vector<RelationRule> relation_rules;
  // Every gazetteer's literals, 64 gazetteers a tree.
  std::vector<GazetteerTree> gazetteer_trees;

  // One pass over a paragraph says which entity rules (target i: rule i)
  // match in it; only those scan it.
  std::unique_ptr<PatternFilter> mention_filter;
  // The forms of the list macros large entity rules cannot match without
  // (EntityRule::required), tagged with bit i for required_macros[i], and
  // the forms that can begin a match of the entity rules that have an
  // EntityRule::start_tag, tagged with it: one pass over a paragraph says
  // which lists it holds and where the rules can begin.
  LiteralSet entity_literals;
  std::vector<std::string> required_macros;
  // The same for relation rules over the slotted text of a unit, one filter
  // per scope (indexed by Scope), targets the rule indexes.
  std::unique_ptr<PatternFilter> relation_filters[3];
  // The same for the cleanup rules over a whole document (target i: rule i).
  std::unique_ptr<PatternFilter> cleanup_filter;

  // Resolution.
  PackPattern pronoun;     // group text that refers back ("you", "him"); no group needed
  // Words that give a quotation to a person ("said", "added"): in the
  // quotation, "I" and "we" are that person.
  PackPattern said;
  PackPattern collective;  // group text that addresses everybody ("you all"): no one in particular

  std::set<std::string> predicates;  // relation names rules may use

  std::vector<PackTest> tests;

  // Diagram style (`style:`): Graphviz attributes for the graph, every node,
  // every edge, nodes of a type and edges of a relation. Later packs override
  // attribute by attribute.
  struct Style {
    std::map<std::string, std::string> graph, node, edge;
    std::map<std::string, std::map<std::string, std::string>> types, relations;
  } style;
};

// The canonical name of the `Country` gazetteer entry that `form` names or
// is a demonym of (compared folded: "Peruvian", "U.S.", "republic of
// kenya"), or null if none.
const std::string* CountryNamed(const RulePack& pack, std::string_view form);

struct LoadOptions {
  // RE2 memory budget per pattern: its programs and the cache of its DFA
  // states. A DFA that fills it starts again, and falls back to a much slower
  // engine when it does so too often; a DFA that never fills it uses only what
  // it needs. Measured (bench/, 25 MB, one thread): the bundled pack runs at
  // the same speed and in the same memory with 32 to 128 MiB; the pack with
  // ten times its gazetteer entries (bench/pad_pack.py) at the same speed
  // with 64 and 128 MiB but 28 MB smaller with 64, and 1.3x slower with 48.
  int64_t max_regex_memory = int64_t{64} << 20;
  // Build the one-pass filters (RulePack::mention_filter, relation_filters,
  // cleanup_filter, EntityRule::required). Without them every rule scans every text: the
  // same results, slower.
  bool prefilter = true;
};

// Loads `paths` in order into `pack`. Later files add gazetteer entries,
// macros and rules; a rule with the id of an earlier one replaces it; the
// top-level `disable:` list removes rules by id. Returns every problem found
// (empty on success); the pack is unusable unless the result is empty.
Diagnostics LoadRulePack(const std::vector<std::string>& paths, const LoadOptions& options,
                         RulePack* pack);

// Whether folded `word` is one the pack lists as no given name or surname: a
// title word, an honorific, a name stopword, breaker or ender, or a
// gazetteer's form. Such a word does not join a name found next to it.
bool IsListedWord(const RulePack& pack, std::string_view word);

// The indices of the pack's speaker patterns that match at the start of
// `text` (anchored there, RE2::Match with RE2::ANCHOR_START), in order, into
// *which: from one pass of RulePack::speaker_set, or all of them when there is
// no set or its DFA gave up, for the caller to try one by one.
void SpeakersAt(const RulePack& pack, std::string_view text, std::vector<int>* which);

// Whether `word`, as the text writes it, is one of the pack's honorifics:
// "H.E." is, "He" is not. `folded`, if given, is Fold(word).
bool IsHonorificWord(const RulePack& pack, std::string_view word);
bool IsHonorificWord(const RulePack& pack, std::string_view word, std::string_view folded);

// Whether the folded title `title` ends with one of `titles` (folded), whole
// words: "his holiness pope" ends with "pope", "crown prince" with "prince".
bool TitleEndsWith(const std::vector<std::string>& titles, std::string_view title);
// Whether one of `titles` stands in the folded title `title`, whole words.
bool TitleHolds(const std::vector<std::string>& titles, std::string_view title);

// The slot text of mention `index` of `type`, as relation rules see it.
std::string SlotText(EntityType type, size_t index);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_RULE_PACK_H_
