// A set of literal strings found in text without a regex: the gazetteers'
// names, aliases and demonyms, the words a relation pattern needs.
//
// Find() answers what RE2 answers for the alternation of the literals,
// longest first (AlternationOfForms() in macro.h), searched unanchored: the
// leftmost match, and at that place the longest literal. It walks a prefix
// tree from each byte whose value can start a literal, so that it costs one
// pass over the text and a few steps where a capital letter starts, with no
// automaton to build or keep: on the bundled pack it replaces five RE2
// programs and their caches.
//
// Literals may carry tags (bits): TagsIn() says which tags the literals found
// anywhere in a text carry, overlapping ones and those inside longer ones
// included.

#ifndef KGREP_EXTRACT_LITERAL_SET_H_
#define KGREP_EXTRACT_LITERAL_SET_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kgrep {

class LiteralSet {
 public:
  LiteralSet() = default;
  // Empty literals are ignored; duplicates count once.
  explicit LiteralSet(const std::vector<std::string>& literals);
  // literals[i] carries tags[i]; a literal given twice carries both.
  // REQUIRES: tags.size() == literals.size().
  LiteralSet(const std::vector<std::string>& literals, const std::vector<uint64_t>& tags);

  struct Match {
    size_t begin = 0;
    size_t end = 0;        // one past the last byte
    uint32_t literal = 0;  // its place in the constructor's list (the first, if listed twice)
  };
  // The leftmost match in text[pos, end), the longest literal there. Returns
  // false when there is none.
  // REQUIRES: pos <= end <= text.size().
  bool Find(std::string_view text, size_t pos, size_t end, Match* match) const;

  // The union of the tags of the literals in text[pos, end), wherever they
  // begin and whatever they overlap. Stops early once it shares a tag with
  // each of `enough` (and looks for all the tags if `enough` is empty).
  // REQUIRES: pos <= end <= text.size().
  uint64_t TagsIn(std::string_view text, size_t pos, size_t end,
                  const std::vector<uint64_t>& enough = {}) const;

  // The places in the constructor's list of the literals in text[pos, end),
  // wherever they begin and whatever they overlap, sorted; a literal listed
  // twice counts at its first place. With an automaton (BuildAutomaton()),
  // one table step per byte; else a walk of the tree from each place.
  // REQUIRES: pos <= end <= text.size().
  void LiteralsIn(std::string_view text, size_t pos, size_t end,
                  std::vector<uint32_t>* found) const;
  // Builds an Aho-Corasick automaton for LiteralsIn(), if the set is small
  // enough for its table (a filter's few dozen words: some 20 KB; a
  // gazetteer's thousands of forms would take megabytes). Returns whether
  // it did. With `upper_as_lower`, the automaton reads A-Z as a-z: for
  // literals in lower case, reading a text is reading it with its ASCII
  // letters lowered (and a literal with A-Z in it is never found).
  bool BuildAutomaton(bool upper_as_lower = false);
  bool has_automaton() const { return !next_.empty(); }

  // Calls f(begin, length, tags, literal) for each literal in text[pos, end),
  // wherever it begins and whatever it overlaps: by where it begins, shorter
  // ones first (`literal` is its first place in the constructor's list).
  // Stops when f returns false.
  template <typename F>
  void Each(std::string_view text, size_t pos, size_t end, F f) const {
    for (size_t p = pos; p < end; ++p) {
      if (!MayStartAt(text, p, end)) continue;
      uint32_t node = root_[static_cast<unsigned char>(text[p])];
      for (size_t i = p + 1;; ++i) {
        const Node& n = nodes_[node];
        if (n.terminal && !f(p, i - p, n.tags, n.literal)) return;
        if (i == end || n.count == 0) break;
        node = Child(node, static_cast<unsigned char>(text[i]));
        if (node == 0) break;
      }
    }
  }

  bool empty() const { return nodes_.size() <= 1 && !nodes_[0].terminal; }

 private:
  struct Node {
    uint32_t first = 0;     // its edges: edges_[first, first + count), by byte
    uint32_t count = 0;
    bool terminal = false;  // a literal ends here
    uint64_t tags = 0;      // of the literal ending here
    uint32_t literal = 0;   // its first place in the constructor's list
    uint32_t table = 0;     // if count > kDirectEdges: its children by byte at tables_[256 * table]
  };
  // A node with more edges than this has a table of its children by byte.
  static constexpr uint32_t kDirectEdges = 8;
  struct Edge {
    unsigned char byte = 0;
    uint32_t next = 0;
  };
  struct Literal {
    std::string_view text;
    uint64_t tags;
    uint32_t place;
    bool operator<(const Literal& o) const {
      return text != o.text ? text < o.text : place < o.place;
    }
  };
  void Build(std::vector<Literal> sorted);
  // The child of `node` by `byte`, 0 if none.
  uint32_t Child(uint32_t node, unsigned char byte) const;
  // The length of the longest literal at text[pos, end), 0 if none, and its
  // node in *node.
  size_t LongestAt(std::string_view text, size_t pos, size_t end, uint32_t* node) const;

  std::vector<Node> nodes_ = std::vector<Node>(1);  // nodes_[0]: the root
  std::vector<Edge> edges_;
  std::array<uint32_t, 256> root_{};  // the root's child by byte; 0: none
  std::vector<uint32_t> tables_;      // children by byte of the nodes with many edges
  // Bit (a << 8 | b) of starts_ is set if a literal begins with bytes a, b,
  // or is the one byte a; of short_, if a literal of one or two bytes could
  // match there. Bit Hash3(a, b, c) of starts3_ is set if a literal of three
  // bytes or more begins with a, b, c. Most places in a text are passed over
  // on one or two tests.
  std::vector<uint64_t> starts_ = std::vector<uint64_t>(1024);
  std::vector<uint64_t> short_ = std::vector<uint64_t>(1024);
  std::vector<uint64_t> starts3_ = std::vector<uint64_t>(1024);
  // The Aho-Corasick automaton, if built: its states are the nodes of the
  // tree, 0 the root. next_[state * classes_ + class_[byte]] is
  // the state after that byte, with kOutput set if literals end there:
  // outputs_[output_begin_[s], output_begin_[s + 1]) are their places.
  static constexpr uint16_t kOutput = 0x8000;
  static constexpr size_t kMaxAutomatonStates = 0x7FFF;
  static constexpr size_t kMaxAutomatonEntries = size_t{1} << 20;  // 2 MB of table
  std::array<uint16_t, 256> class_{};  // 0: a byte no literal holds
  size_t classes_ = 0;
  std::vector<uint16_t> next_;
  std::vector<uint32_t> output_begin_;
  std::vector<uint32_t> outputs_;

  static bool Bit(const std::vector<uint64_t>& bits, unsigned i) {
    return (bits[i >> 6] >> (i & 63)) & 1;
  }
  static unsigned Hash3(unsigned a, unsigned b, unsigned c) {
    return ((a * 0x9E37u) ^ (b * 0x85EBu) ^ (c * 0xC2B3u)) & 0xFFFFu;
  }
  bool MayStartAt(std::string_view text, size_t pos, size_t end) const {
    unsigned a = static_cast<unsigned char>(text[pos]);
    if (pos + 1 == end) return root_[a] != 0;
    unsigned b = static_cast<unsigned char>(text[pos + 1]);
    if (!Bit(starts_, a << 8 | b)) return false;
    if (pos + 2 == end || Bit(short_, a << 8 | b)) return true;
    return Bit(starts3_, Hash3(a, b, static_cast<unsigned char>(text[pos + 2])));
  }
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_LITERAL_SET_H_
