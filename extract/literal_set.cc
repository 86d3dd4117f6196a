#include "extract/literal_set.h"

#include <algorithm>

namespace kgrep {

LiteralSet::LiteralSet(const std::vector<std::string>& literals) {
  std::vector<std::string_view> sorted(literals.begin(), literals.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  sorted.erase(std::remove(sorted.begin(), sorted.end(), std::string_view()), sorted.end());
  // Breadth first over the sorted literals: the children of a node are the
  // ranges of its literals that share the next byte, so that each node's
  // edges are contiguous and in byte order.
  struct Pending {
    size_t begin, end, depth;  // sorted[begin, end) share their first `depth` bytes
    uint32_t node;
  };
  std::vector<Pending> queue = {{0, sorted.size(), 0, 0}};
  for (size_t q = 0; q < queue.size(); ++q) {
    Pending p = queue[q];
    if (p.begin < p.end && sorted[p.begin].size() == p.depth) {
      nodes_[p.node].terminal = true;
      ++p.begin;
    }
    nodes_[p.node].first = static_cast<uint32_t>(edges_.size());
    for (size_t i = p.begin; i < p.end;) {
      unsigned char byte = static_cast<unsigned char>(sorted[i][p.depth]);
      size_t j = i + 1;
      while (j < p.end && static_cast<unsigned char>(sorted[j][p.depth]) == byte) ++j;
      uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      edges_.push_back(Edge{byte, child});
      queue.push_back({i, j, p.depth + 1, child});
      i = j;
    }
    nodes_[p.node].count = static_cast<uint32_t>(edges_.size()) - nodes_[p.node].first;
  }
  for (uint32_t e = nodes_[0].first; e < nodes_[0].first + nodes_[0].count; ++e)
    root_[edges_[e].byte] = edges_[e].next;
}

size_t LiteralSet::LongestAt(std::string_view text, size_t pos, size_t end) const {
  uint32_t node = root_[static_cast<unsigned char>(text[pos])];
  if (node == 0) return 0;
  size_t longest = 0;
  for (size_t i = pos + 1;; ++i) {
    const Node& n = nodes_[node];
    if (n.terminal) longest = i - pos;
    if (i == end || n.count == 0) break;
    unsigned char byte = static_cast<unsigned char>(text[i]);
    const Edge* first = edges_.data() + n.first;
    const Edge* last = first + n.count;
    const Edge* e = std::lower_bound(
        first, last, byte, [](const Edge& x, unsigned char b) { return x.byte < b; });
    if (e == last || e->byte != byte) break;
    node = e->next;
  }
  return longest;
}

bool LiteralSet::Find(std::string_view text, size_t pos, size_t end, Match* match) const {
  for (size_t p = pos; p < end; ++p) {
    if (root_[static_cast<unsigned char>(text[p])] == 0) continue;
    if (size_t n = LongestAt(text, p, end)) {
      *match = Match{p, p + n};
      return true;
    }
  }
  return false;
}

}  // namespace kgrep
