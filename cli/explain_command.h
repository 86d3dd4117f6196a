// kgrep explain: what happened to one document, and why.
//
// The report has five sections: the document as segmented (turns with their
// speakers, sentences), the mentions (type, entity, rule, attributes), the
// entities they resolved to, the candidates that lost to the overlap policy
// (with the winner), and the relations (rule and evidence). It is written as
// text (WriteExplainText) or as one HTML page (cli/explain_html.h); both show
// what SelectExplained() selects, so a filter narrows every section alike.

#ifndef KGREP_CLI_EXPLAIN_COMMAND_H_
#define KGREP_CLI_EXPLAIN_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace kgrep {

// What to narrow the report to. Empty fields do not narrow.
struct ExplainFilter {
  // Entities whose label or a surface form contains NAME, compared folded
  // ("weber" finds "Ingrid Weber", "lopez" finds "López Obrador").
  std::string entity;
  // Relations with exactly this predicate, and the entities they link.
  std::string relation;

  bool narrows() const { return !entity.empty() || !relation.empty(); }
};

// What a report shows, one flag per item of the Trace. Without a filter
// everything is selected. With one:
// - relations: the predicate is `relation` (if set) and the subject or the
//   object matches `entity` (if set);
// - entities: those matching `entity` (if set) that, if `relation` is set,
//   take part in a selected relation;
// - mentions: those of a selected entity; with `relation` set, only those
//   inside the evidence of a selected relation or in the speaker label of
//   the turn the evidence begins in;
// - lost candidates: those overlapping a selected mention, and, with an
//   entity filter, those whose text matches it;
// - sentences: those holding a selected mention or lost candidate, or
//   overlapping the evidence of a selected relation;
// - turns: those with a selected sentence or a selected speaker label.
struct ExplainSelection {
  std::vector<bool> entities;   // by Trace::entities index
  std::vector<bool> mentions;   // by Trace::matches.mentions index
  std::vector<bool> lost;       // by Trace::matches.lost index
  std::vector<bool> relations;  // by Trace::relations index
  std::vector<bool> sentences;  // by Trace::document.sentences index
  std::vector<bool> turns;      // by Trace::document.turns index

  static int Count(const std::vector<bool>& flags);
};

ExplainSelection SelectExplained(const Trace& trace, const ExplainFilter& filter);

// "120-135": the byte range of `span` in the document's original file.
std::string OriginalRange(const Document& doc, Span span);

// The label of entity `entity` of the trace, or "?" for none.
std::string EntityLabel(const Trace& trace, int entity);

// The index of the turn whose speaker label holds `span`, or -1.
int TurnOfLabel(const Document& doc, Span span);

// The sentences that overlap `span`: indices [*first, *last), empty if none.
void SentencesOverlapping(const Document& doc, Span span, int* first, int* last);

// The index of the first mention (in span.begin order) that ends after
// `pos`, or matches.mentions.size(). Writers walk the mentions of a stretch
// of text from there while span.begin < its end.
size_t FirstMentionEndingAfter(const MatchResult& matches, size_t pos);

// Writes the text report. With `color`, section heads, names and entities
// are set off with ANSI escapes (for a terminal). Offsets are byte ranges of
// the original file; "[N]" is sentence N of the segmentation.
void WriteExplainText(const Trace& trace, const ExplainFilter& filter, bool color,
                      std::ostream& out);

struct ExplainCommand {
  std::vector<std::string> rules;  // packs; empty = the bundled pack
  std::string input;               // a document; "-" = standard input
  std::string entity;              // ExplainFilter::entity
  std::string relation;            // ExplainFilter::relation
  std::string html;                // if set, write the HTML page there ("-" = stdout)
                                   // instead of the text report
  bool watch = false;              // rerun whenever a pack file or the input changes
  bool color = false;              // ANSI colours (a terminal)
};

// Runs explain once, or, with `watch`, once and then again after every
// change to the input or to a file the packs read (includes too), until
// SIGINT or SIGTERM. While watching, a failed run (a broken pack, an
// unreadable document) prints its diagnostics and the watch goes on; each
// rerun starts with a line "== rerun: FILE changed". Returns an exit status
// (cli/exit_status.h): that of the single run, or 0 when a watch is stopped.
int RunExplain(const ExplainCommand& command, const char* argv0);

}  // namespace kgrep

#endif  // KGREP_CLI_EXPLAIN_COMMAND_H_
