// Node and edge attributes as the flat text the writers put in one value,
// so that every format says the same thing the same way.

#ifndef KGREP_GRAPH_ATTRIBUTE_TEXT_H_
#define KGREP_GRAPH_ATTRIBUTE_TEXT_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "graph/knowledge_graph.h"

namespace kgrep {

// Items in their (sorted) order, separated by `sep`.
std::string JoinSet(const std::set<std::string>& items, std::string_view sep);

// The evidence sentences, separated by " | ".
std::string JoinEvidenceText(const std::vector<Evidence>& evidence);

// "document:begin-end" of each piece of evidence, separated by "; ".
std::string JoinEvidenceSource(const std::vector<Evidence>& evidence);

// The drawing size of a node: 10 + 4 * sqrt(mentions).
double NodeSize(const NodeProps& node);

}  // namespace kgrep

#endif  // KGREP_GRAPH_ATTRIBUTE_TEXT_H_
