// A set of literal strings found in text without a regex: the gazetteers'
// names, aliases and demonyms.
//
// Find() answers what RE2 answers for the alternation of the literals,
// longest first (AlternationOfForms() in macro.h), searched unanchored: the
// leftmost match, and at that place the longest literal. It walks a prefix
// tree from each byte whose value can start a literal, so that it costs one
// pass over the text and a few steps where a capital letter starts, with no
// automaton to build or keep: on the bundled pack it replaces five RE2
// programs and their caches.

#ifndef KGREP_EXTRACT_LITERAL_SET_H_
#define KGREP_EXTRACT_LITERAL_SET_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kgrep {

class LiteralSet {
 public:
  LiteralSet() = default;
  // Empty literals are ignored; duplicates count once.
  explicit LiteralSet(const std::vector<std::string>& literals);

  struct Match {
    size_t begin = 0;
    size_t end = 0;  // one past the last byte
  };
  // The leftmost match in text[pos, end), the longest literal there. Returns
  // false when there is none.
  // REQUIRES: pos <= end <= text.size().
  bool Find(std::string_view text, size_t pos, size_t end, Match* match) const;

  bool empty() const { return nodes_.size() <= 1 && !nodes_[0].terminal; }

 private:
  struct Node {
    uint32_t first = 0;     // its edges: edges_[first, first + count), by byte
    uint32_t count = 0;
    bool terminal = false;  // a literal ends here
  };
  struct Edge {
    unsigned char byte = 0;
    uint32_t next = 0;
  };
  // The length of the longest literal at text[pos, end), 0 if none.
  size_t LongestAt(std::string_view text, size_t pos, size_t end) const;

  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0]: the root
  std::vector<Edge> edges_;
  std::array<uint32_t, 256> root_{};  // the root's child by byte; 0: none
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_LITERAL_SET_H_
