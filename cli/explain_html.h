// The explain report as one HTML page that works offline: inline CSS and a
// little inline script, nothing loaded from anywhere.
//
// The page shows the document as segmented, one block per turn with its
// speaker, each sentence numbered, every selected mention highlighted in the
// colour of its type (EntityTypeColor, as in the graph outputs) with its
// type, entity, rule, attributes and place on hover; then tables of the
// entities, the relations (rule and evidence sentence), the mentions and the
// candidates that lost to the overlap policy with their winners. Clicking a
// mention or an entity marks all mentions of that entity; pointing at a
// relation marks its evidence.
//
// With a filter the tables hold what SelectExplained() selects; the whole
// document is still shown, with only the selected mentions highlighted and
// the other sentences dimmed.
//
// All text from the document and the pack is escaped (& < > " ') after
// CleanText(), so any document gives a well-formed page that shows its text
// literally.

#ifndef KGREP_CLI_EXPLAIN_HTML_H_
#define KGREP_CLI_EXPLAIN_HTML_H_

#include <ostream>
#include <string>
#include <string_view>

#include "cli/explain_command.h"
#include "extract/extractor.h"

namespace kgrep {

void WriteExplainHtml(const Trace& trace, const ExplainFilter& filter, std::ostream& out);

// `text` made safe for HTML text and attribute values: CleanText(), then
// & < > " ' as character references.
std::string EscapeHtml(std::string_view text);

}  // namespace kgrep

#endif  // KGREP_CLI_EXPLAIN_HTML_H_
