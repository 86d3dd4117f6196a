#include "graph/attribute_text.h"

#include <algorithm>
#include <cmath>

namespace kgrep {

std::string JoinSet(const std::set<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string JoinEvidenceText(const std::vector<Evidence>& evidence) {
  std::string out;
  for (size_t i = 0; i < evidence.size(); ++i) {
    if (i > 0) out += " | ";
    out += evidence[i].text;
  }
  return out;
}

std::string JoinEvidenceSource(const std::vector<Evidence>& evidence) {
  std::string out;
  for (size_t i = 0; i < evidence.size(); ++i) {
    if (i > 0) out += "; ";
    out += evidence[i].document.str() + ":" + std::to_string(evidence[i].begin) + "-" +
           std::to_string(evidence[i].end);
  }
  return out;
}

double NodeSize(const NodeProps& node) {
  return 10.0 + 4.0 * std::sqrt(std::max(node.mentions, 0));
}

}  // namespace kgrep
