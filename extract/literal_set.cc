#include "extract/literal_set.h"

#include <algorithm>

namespace kgrep {

LiteralSet::LiteralSet(const std::vector<std::string>& literals)
    : LiteralSet(literals, std::vector<uint64_t>(literals.size(), 0)) {}

LiteralSet::LiteralSet(const std::vector<std::string>& literals,
                       const std::vector<uint64_t>& tags) {
  std::vector<Literal> all;
  all.reserve(literals.size());
  for (size_t i = 0; i < literals.size(); ++i)
    all.push_back(Literal{literals[i], i < tags.size() ? tags[i] : 0, static_cast<uint32_t>(i)});
  Build(std::move(all));
}

void LiteralSet::Build(std::vector<Literal> sorted) {
  std::sort(sorted.begin(), sorted.end());
  // One entry per literal, at its first place, with the tags of all its copies.
  size_t kept = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i].text.empty()) continue;
    if (kept > 0 && sorted[kept - 1].text == sorted[i].text)
      sorted[kept - 1].tags |= sorted[i].tags;
    else
      sorted[kept++] = sorted[i];
  }
  sorted.resize(kept);
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
    if (p.begin < p.end && sorted[p.begin].text.size() == p.depth) {
      nodes_[p.node].terminal = true;
      nodes_[p.node].tags = sorted[p.begin].tags;
      nodes_[p.node].literal = sorted[p.begin].place;
      ++p.begin;
    }
    nodes_[p.node].first = static_cast<uint32_t>(edges_.size());
    for (size_t i = p.begin; i < p.end;) {
      unsigned char byte = static_cast<unsigned char>(sorted[i].text[p.depth]);
      size_t j = i + 1;
      while (j < p.end && static_cast<unsigned char>(sorted[j].text[p.depth]) == byte) ++j;
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
  for (Node& n : nodes_) {
    if (n.count <= kDirectEdges) continue;
    n.table = static_cast<uint32_t>(tables_.size() / 256);
    tables_.resize(tables_.size() + 256, 0);
    for (uint32_t e = n.first; e < n.first + n.count; ++e)
      tables_[256 * size_t{n.table} + edges_[e].byte] = edges_[e].next;
  }
  auto mark = [](std::vector<uint64_t>* bits, unsigned i) {
    (*bits)[i >> 6] |= uint64_t{1} << (i & 63);
  };
  for (const Literal& l : sorted) {
    unsigned a = static_cast<unsigned char>(l.text[0]);
    if (l.text.size() == 1) {
      for (unsigned b = 0; b < 256; ++b) {
        mark(&starts_, a << 8 | b);
        mark(&short_, a << 8 | b);
      }
      continue;
    }
    unsigned b = static_cast<unsigned char>(l.text[1]);
    mark(&starts_, a << 8 | b);
    if (l.text.size() == 2)
      mark(&short_, a << 8 | b);
    else
      mark(&starts3_, Hash3(a, b, static_cast<unsigned char>(l.text[2])));
  }
}

bool LiteralSet::BuildAutomaton(bool upper_as_lower) {
  if (!next_.empty()) return true;
  // Bytes that no literal holds all go to class 0; each other byte has a
  // class of its own.
  std::array<bool, 256> used{};
  for (const Edge& e : edges_) used[e.byte] = true;
  std::array<uint16_t, 256> class_of{};
  std::vector<unsigned char> byte_of = {0};  // a class's byte (class 0: none)
  for (unsigned b = 0; b < 256; ++b) {
    if (!used[b]) continue;
    class_of[b] = static_cast<uint16_t>(byte_of.size());
    byte_of.push_back(static_cast<unsigned char>(b));
  }
  const size_t states = nodes_.size(), classes = byte_of.size();
  if (classes == 1 || states > kMaxAutomatonStates || states * classes > kMaxAutomatonEntries)
    return false;
  if (upper_as_lower)
    for (unsigned b = 'A'; b <= 'Z'; ++b) class_of[b] = class_of[b | 0x20];
  class_ = class_of;
  classes_ = classes;
  next_.assign(states * classes, 0);
  // The tree was built breadth first, so a node comes after the node its
  // failure link points to (a shorter suffix), and after its parent.
  std::vector<uint32_t> fail(states, 0);
  std::vector<std::vector<uint32_t>> out(states);
  for (uint32_t u = 0; u < states; ++u) {
    if (nodes_[u].terminal) out[u].push_back(nodes_[u].literal);
    if (u != 0) out[u].insert(out[u].end(), out[fail[u]].begin(), out[fail[u]].end());
    for (size_t c = 1; c < classes; ++c) {
      const unsigned char byte = byte_of[c];
      const uint32_t child = u == 0 ? root_[byte] : Child(u, byte);
      if (child != 0) {
        fail[child] = u == 0 ? 0 : next_[fail[u] * classes + c];
        next_[u * classes + c] = static_cast<uint16_t>(child);
      } else {
        next_[u * classes + c] = u == 0 ? 0 : next_[fail[u] * classes + c];
      }
    }
  }
  output_begin_.assign(states + 1, 0);
  for (uint32_t u = 0; u < states; ++u) {
    output_begin_[u] = static_cast<uint32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), out[u].begin(), out[u].end());
  }
  output_begin_[states] = static_cast<uint32_t>(outputs_.size());
  for (uint16_t& n : next_)
    if (!out[n].empty()) n |= kOutput;
  return true;
}

uint32_t LiteralSet::Child(uint32_t node, unsigned char byte) const {
  const Node& n = nodes_[node];
  const Edge* first = edges_.data() + n.first;
  const Edge* last = first + n.count;
  if (n.count > kDirectEdges) return tables_[256 * size_t{n.table} + byte];
  // Most nodes: a look at each edge is quicker than a table's cache miss.
  for (const Edge* e = first; e != last && e->byte <= byte; ++e)
    if (e->byte == byte) return e->next;
  return 0;
}

size_t LiteralSet::LongestAt(std::string_view text, size_t pos, size_t end,
                             uint32_t* longest_node) const {
  uint32_t node = root_[static_cast<unsigned char>(text[pos])];
  if (node == 0) return 0;
  size_t longest = 0;
  for (size_t i = pos + 1;; ++i) {
    const Node& n = nodes_[node];
    if (n.terminal) {
      longest = i - pos;
      *longest_node = node;
    }
    if (i == end || n.count == 0) break;
    node = Child(node, static_cast<unsigned char>(text[i]));
    if (node == 0) break;
  }
  return longest;
}

bool LiteralSet::Find(std::string_view text, size_t pos, size_t end, Match* match) const {
  for (size_t p = pos; p < end; ++p) {
    if (!MayStartAt(text, p, end)) continue;
    uint32_t node = 0;
    if (size_t n = LongestAt(text, p, end, &node)) {
      *match = Match{p, p + n, nodes_[node].literal};
      return true;
    }
  }
  return false;
}

uint64_t LiteralSet::TagsIn(std::string_view text, size_t pos, size_t end,
                            const std::vector<uint64_t>& enough) const {
  uint64_t found = 0;
  Each(text, pos, end, [&](size_t, size_t, uint64_t tags, uint32_t) {
    if ((found | tags) == found) return true;
    found |= tags;
    return enough.empty() ||
           !std::all_of(enough.begin(), enough.end(), [&](uint64_t m) { return (found & m) != 0; });
  });
  return found;
}

void LiteralSet::LiteralsIn(std::string_view text, size_t pos, size_t end,
                            std::vector<uint32_t>* found) const {
  found->clear();
  if (next_.empty()) {
    Each(text, pos, end, [&](size_t, size_t, uint64_t, uint32_t literal) {
      found->push_back(literal);
      return true;
    });
  } else {
    // A state's literals are taken once per call: `seen` holds, for each
    // state, the number of the last call of this thread that took them.
    thread_local std::vector<uint64_t> seen;
    thread_local uint64_t call = 0;
    ++call;
    if (seen.size() < output_begin_.size()) seen.resize(output_begin_.size());
    uint32_t state = 0;
    for (size_t i = pos; i < end; ++i) {
      const uint16_t n = next_[state * classes_ + class_[static_cast<unsigned char>(text[i])]];
      state = n & (kOutput - 1);
      if ((n & kOutput) == 0 || seen[state] == call) continue;
      seen[state] = call;
      found->insert(found->end(), outputs_.begin() + output_begin_[state],
                    outputs_.begin() + output_begin_[state + 1]);
    }
  }
  std::sort(found->begin(), found->end());
  found->erase(std::unique(found->begin(), found->end()), found->end());
}

}  // namespace kgrep
