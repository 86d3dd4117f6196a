#include "graph/knowledge_graph.h"

#include "extract/text.h"
#include "graph/analytics.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <numeric>
#include <utility>

namespace kgrep {

namespace {

// A label is better when it is longer; among equally long ones, when it is
// smaller in byte order. A total order, so the winner does not depend on the
// order in which labels arrive.
bool BetterLabel(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() > b.size();
  return a < b;
}

auto EvidenceKey(const Evidence& e) {
  return std::tie(e.document, e.begin, e.end, e.rule, e.text);
}

bool EvidenceLess(const Evidence& a, const Evidence& b) {
  return EvidenceKey(a) < EvidenceKey(b);
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

KnowledgeGraph::KnowledgeGraph(const GraphOptions& options)
    : options_(options) {}

void KnowledgeGraph::Add(const Extraction& extraction) {
  finalized_ = false;
  ++documents_;
  if (lookups_stale_) RebuildLookups();

  std::vector<Vertex> vertex_of;
  vertex_of.reserve(extraction.entities.size());
  std::set<Vertex> seen;  // an entity listed twice counts one document
  for (const Entity& entity : extraction.entities) {
    Vertex v = AddEntity(entity);
    vertex_of.push_back(v);
    if (seen.insert(v).second) (*graph_)[v].documents += 1;
  }

  SharedText document;  // the extraction's, made once it is needed
  for (const Relation& relation : extraction.relations) {
    if (relation.subject >= vertex_of.size() ||
        relation.object >= vertex_of.size()) {
      ++dropped_invalid_;
      continue;
    }
    Vertex s = vertex_of[relation.subject];
    Vertex o = vertex_of[relation.object];
    if (s == o) {
      ++dropped_self_loops_;
      continue;
    }
    std::string predicate = CleanText(relation.predicate);
    auto triple = std::make_tuple(s, predicate, o);
    auto it = edge_by_triple_.find(triple);
    if (it == edge_by_triple_.end()) {
      Edge e = boost::add_edge(s, o, *graph_).first;
      (*graph_)[e].predicate = predicate;
      it = edge_by_triple_.emplace(std::move(triple), e).first;
    }
    EdgeProps& props = (*graph_)[it->second];
    props.weight += 1;

    Evidence evidence;
    if (relation.evidence.document.empty() && document.empty())
      document = SharedText(extraction.document);
    evidence.document =
        Clean(relation.evidence.document.empty() ? document : relation.evidence.document);
    evidence.begin = relation.evidence.begin;
    evidence.end = relation.evidence.end;
    evidence.text = Clean(relation.evidence.text);
    evidence.rule = Clean(relation.evidence.rule);
    if (!evidence.rule.empty()) props.rules.insert(evidence.rule);
    AddEvidence(&props, std::move(evidence));
  }
}

SharedText KnowledgeGraph::Clean(const SharedText& text) {
  if (!text.empty())
    for (const auto& [given, answer] : cleaned_)
      if (given.data() == text.data()) return answer;  // one buffer: one text
  // The pool holds only clean texts, so a text found there needs no cleaning.
  SharedText answer;
  if (const SharedText* pooled = texts_.Find(text)) {
    answer = *pooled;
  } else {
    std::string clean = CleanText(text);
    answer = clean == text.str() ? texts_.Intern(text) : texts_.Intern(clean);
  }
  if (!text.empty()) cleaned_[cleaned_next_++ % cleaned_.size()] = {text, answer};
  return answer;
}

KnowledgeGraph::Vertex KnowledgeGraph::AddEntity(const Entity& entity) {
  std::string label = CleanText(entity.label);
  std::string key = entity.key;
  if (key.empty()) {
    key = std::string(EntityTypeName(entity.type)) + ":" + label;
  }

  auto it = node_by_key_.find(key);
  if (it == node_by_key_.end()) {
    Vertex v = boost::add_vertex(*graph_);
    NodeProps& node = (*graph_)[v];
    node.label = std::move(label);
    node.type = entity.type;
    node.key = key;
    it = node_by_key_.emplace(std::move(key), v).first;
  } else {
    NodeProps& node = (*graph_)[it->second];
    if (BetterLabel(label, node.label)) std::swap(label, node.label);
    node.aliases.insert(std::move(label));  // the losing label
    node.type = std::min(node.type, entity.type);
  }

  NodeProps& node = (*graph_)[it->second];
  for (const std::string& alias : entity.aliases) {
    node.aliases.insert(CleanText(alias));
  }
  node.aliases.erase(node.label);
  node.aliases.erase(std::string());
  node.mentions += entity.mentions;
  node.apart |= entity.apart;
  return it->second;
}

void KnowledgeGraph::AddEvidence(EdgeProps* edge, Evidence evidence) const {
  std::vector<Evidence>& kept = edge->evidence;
  if (kept.size() >= options_.max_evidence) {
    // Full (or max_evidence == 0): keep only the smallest records.
    if (kept.empty() || !EvidenceLess(evidence, kept.back())) return;
    kept.pop_back();
  }
  auto pos = std::upper_bound(kept.begin(), kept.end(), evidence, EvidenceLess);
  kept.insert(pos, std::move(evidence));
}

namespace {

// The words of a person's merge key ("Person:antony blinken"), without a
// trailing suffix.
std::vector<std::string_view> NameWords(std::string_view key) {
  const size_t colon = key.find(':');
  if (colon != std::string_view::npos) key.remove_prefix(colon + 1);
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < key.size()) {
    size_t end = key.find(' ', pos);
    if (end == std::string_view::npos) end = key.size();
    if (end > pos) words.push_back(key.substr(pos, end - pos));
    pos = end + 1;
  }
  while (words.size() > 1 && IsNameSuffix(words.back())) words.pop_back();
  return words;
}

// Whether the letters of `a` stand in `b` in the same order.
bool IsSubsequence(std::string_view a, std::string_view b) {
  size_t i = 0;
  for (char c : b)
    if (i < a.size() && a[i] == c) ++i;
  return i == a.size();
}

}  // namespace

size_t KnowledgeGraph::MergePeopleByName() {
  const size_t n = boost::num_vertices(*graph_);
  std::vector<std::vector<std::string_view>> words(n);
  for (Vertex v = 0; v < n; ++v) {
    const NodeProps& node = (*graph_)[v];
    if (node.type != EntityType::kPerson || absorbed_.count(v)) continue;
    words[v] = NameWords(node.key);
  }
  std::vector<std::pair<Vertex, Vertex>> merges;  // (node, the node it becomes)
  std::vector<bool> merged_away(n, false);

  // People of one given name and one surname whose middle names or initials
  // agree ("Antony J. Blinken", "Antony Blinken"; "Andrés Manuel López
  // Obrador", "Andrés López Obrador"): the initials of each one's middle
  // words stand in every longer one's in order. If two of them disagree
  // ("John A. Smith", "John B. Smith"), none is merged.
  std::map<std::pair<std::string_view, std::string_view>, std::vector<Vertex>> by_ends;
  for (Vertex v = 0; v < n; ++v)
    if (words[v].size() >= 2) by_ends[{words[v].front(), words[v].back()}].push_back(v);
  for (auto& [ends, people] : by_ends) {
    if (people.size() < 2) continue;
    std::vector<std::string> initials;
    for (Vertex v : people) {
      std::string i;
      for (size_t k = 1; k + 1 < words[v].size(); ++k) i += words[v][k].front();
      initials.push_back(std::move(i));
    }
    bool agree = true;
    for (size_t a = 0; a < people.size() && agree; ++a)
      for (size_t b = a + 1; b < people.size() && agree; ++b)
        agree = IsSubsequence(initials[a], initials[b]) || IsSubsequence(initials[b], initials[a]);
    if (!agree) continue;
    // Into the one of the smallest key, whatever the order of Add().
    const Vertex into = *std::min_element(people.begin(), people.end(), [&](Vertex a, Vertex b) {
      return (*graph_)[a].key < (*graph_)[b].key;
    });
    for (Vertex v : people) {
      if (v == into) continue;
      merges.emplace_back(v, into);
      merged_away[v] = true;
    }
  }

  // A person named by one word is the one person of two words or more whose
  // last word it is.
  std::unordered_map<std::string_view, std::vector<Vertex>> by_last_word;
  for (Vertex v = 0; v < n; ++v)
    if (words[v].size() >= 2 && !merged_away[v]) by_last_word[words[v].back()].push_back(v);
  for (Vertex v = 0; v < n; ++v) {
    if (words[v].size() != 1 || (*graph_)[v].apart) continue;
    auto it = by_last_word.find(words[v][0]);
    if (it != by_last_word.end() && it->second.size() == 1)
      merges.emplace_back(v, it->second.front());
  }
  if (merges.empty()) return 0;
  by_last_word.clear();
  by_ends.clear();
  words.clear();

  finalized_ = false;
  DropLookups();
  lookups_stale_ = true;
  Graph& g = *graph_;
  // Merged in place, with no copy of the graph: the node merged away keeps no
  // edge and Finalize() leaves it out.
  for (const auto& [from, to] : merges) {
    NodeProps& a = g[from];
    NodeProps& b = g[to];
    if (BetterLabel(a.label, b.label)) std::swap(a.label, b.label);
    b.aliases.insert(std::move(a.label));
    b.aliases.insert(a.aliases.begin(), a.aliases.end());
    b.aliases.erase(b.label);
    b.mentions += a.mentions;
    b.documents += a.documents;
    a = NodeProps();
    absorbed_.insert(from);

    std::vector<Edge> incident;
    for (Edge e : boost::make_iterator_range(boost::out_edges(from, g))) incident.push_back(e);
    for (Edge e : boost::make_iterator_range(boost::in_edges(from, g))) incident.push_back(e);
    for (Edge e : incident) {
      Vertex s = boost::source(e, g), t = boost::target(e, g);
      if (s == from) s = to;
      if (t == from) t = to;
      EdgeProps& props = g[e];
      if (s == t) {
        dropped_self_loops_ += static_cast<size_t>(props.weight);
        continue;
      }
      // The edge (s, predicate, t) if there is one already.
      Edge kept;
      bool found = false;
      for (Edge o : boost::make_iterator_range(boost::out_edges(s, g))) {
        if (boost::target(o, g) == t && g[o].predicate == props.predicate) {
          kept = o;
          found = true;
          break;
        }
      }
      if (!found) {
        kept = boost::add_edge(s, t, g).first;
        g[kept].predicate = props.predicate;
      }
      EdgeProps& into = g[kept];
      into.weight += props.weight;
      into.rules.insert(props.rules.begin(), props.rules.end());
      for (Evidence& ev : props.evidence) AddEvidence(&into, std::move(ev));
    }
    boost::clear_vertex(from, g);
  }
  return merges.size();
}

void KnowledgeGraph::Finalize(size_t threads) {
  if (finalized_) return;
  DropLookups();  // their memory, before the sorted copy is made

  // Nodes merged away by MergePeopleByName() are left out.
  std::vector<Vertex> order;
  order.reserve(boost::num_vertices(*graph_) - absorbed_.size());
  for (Vertex v = 0; v < boost::num_vertices(*graph_); ++v)
    if (!absorbed_.count(v)) order.push_back(v);
  const size_t n = order.size();
  std::sort(order.begin(), order.end(), [this](Vertex a, Vertex b) {
    const NodeProps& x = (*graph_)[a];
    const NodeProps& y = (*graph_)[b];
    return std::tie(x.type, x.label, x.key) < std::tie(y.type, y.label, y.key);
  });
  std::vector<Vertex> new_index(boost::num_vertices(*graph_));
  for (size_t i = 0; i < n; ++i) new_index[order[i]] = i;
  absorbed_.clear();

  struct Pending {
    Vertex source;
    const std::string* predicate;
    Vertex target;
    Edge old;
  };
  std::vector<Pending> pending;
  pending.reserve(boost::num_edges(*graph_));
  for (Edge e : boost::make_iterator_range(boost::edges(*graph_))) {
    pending.push_back({new_index[boost::source(e, *graph_)],
                       &(*graph_)[e].predicate,
                       new_index[boost::target(e, *graph_)], e});
  }
  std::sort(pending.begin(), pending.end(),
            [](const Pending& a, const Pending& b) {
              return std::tie(a.source, *a.predicate, a.target) <
                     std::tie(b.source, *b.predicate, b.target);
            });

  // Out-edge lists are vectors, so edges added in sorted order are visited
  // in that order by RebuildEdgeOrder().
  auto sorted = std::make_unique<Graph>();
  for (Vertex old : order) {
    Vertex v = boost::add_vertex(*sorted);
    (*sorted)[v] = std::move((*graph_)[old]);
  }
  for (const Pending& p : pending) {
    Edge e = boost::add_edge(p.source, p.target, *sorted).first;
    (*sorted)[e] = std::move((*graph_)[p.old]);
  }
  graph_ = std::move(sorted);  // the pointer: Boost's adjacency_list copies on assignment
  RebuildEdgeOrder();
  ComputeAnalytics(graph_.get(), threads);
  finalized_ = true;
}

KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&& other) noexcept {
  if (this == &other) return *this;
  options_ = other.options_;
  // The graph moves by its pointer (the adjacency_list itself would be
  // copied), so vertex and edge descriptors stay valid and the indexes move
  // with it.
  std::swap(graph_, other.graph_);
  std::swap(node_by_key_, other.node_by_key_);
  std::swap(edge_by_triple_, other.edge_by_triple_);
  std::swap(edge_order_, other.edge_order_);
  std::swap(texts_, other.texts_);
  std::swap(cleaned_, other.cleaned_);
  std::swap(cleaned_next_, other.cleaned_next_);
  std::swap(absorbed_, other.absorbed_);
  lookups_stale_ = other.lookups_stale_;
  finalized_ = other.finalized_;
  documents_ = other.documents_;
  dropped_self_loops_ = other.dropped_self_loops_;
  dropped_invalid_ = other.dropped_invalid_;
  other.graph_->clear();
  other.DropLookups();
  other.lookups_stale_ = false;  // empty, and so are they
  other.edge_order_.clear();
  other.absorbed_.clear();
  return *this;
}

void KnowledgeGraph::CopySubgraph(const std::vector<bool>& keep_node,
                                  const std::vector<bool>& keep_edge,
                                  KnowledgeGraph* out) const {
  assert(finalized_ && keep_node.size() == num_nodes() && keep_edge.size() == num_edges());
  *out = KnowledgeGraph(options_);
  std::vector<Vertex> index(num_nodes(), 0);
  for (Vertex v : boost::make_iterator_range(boost::vertices(*graph_))) {
    if (!keep_node[v]) continue;
    index[v] = boost::add_vertex((*graph_)[v], *out->graph_);
  }
  for (size_t i = 0; i < edge_order_.size(); ++i) {
    Edge e = edge_order_[i];
    Vertex s = boost::source(e, *graph_), t = boost::target(e, *graph_);
    if (!keep_edge[i] || !keep_node[s] || !keep_node[t]) continue;
    boost::add_edge(index[s], index[t], (*graph_)[e], *out->graph_);
  }
  out->documents_ = documents_;
  out->finalized_ = false;
  out->Finalize();
}

void KnowledgeGraph::RebuildEdgeOrder() {
  edge_order_.clear();
  edge_order_.reserve(boost::num_edges(*graph_));
  for (Vertex v : boost::make_iterator_range(boost::vertices(*graph_)))
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, *graph_)))
      edge_order_.push_back(e);
}

void KnowledgeGraph::DropLookups() {
  std::unordered_map<std::string, Vertex>().swap(node_by_key_);
  decltype(edge_by_triple_)().swap(edge_by_triple_);
  lookups_stale_ = true;
}

void KnowledgeGraph::RebuildLookups() {
  node_by_key_.clear();
  edge_by_triple_.clear();
  for (Vertex v : boost::make_iterator_range(boost::vertices(*graph_))) {
    if (absorbed_.count(v)) continue;  // merged away: no key, no edges
    node_by_key_.emplace((*graph_)[v].key, v);
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, *graph_)))
      edge_by_triple_.emplace(
          std::make_tuple(v, (*graph_)[e].predicate, boost::target(e, *graph_)), e);
  }
  lookups_stale_ = false;
}

const NodeProps& KnowledgeGraph::node(size_t index) const {
  assert(finalized_ && index < num_nodes());
  return (*graph_)[static_cast<Vertex>(index)];
}

EdgeRef KnowledgeGraph::edge(size_t index) const {
  assert(finalized_ && index < edge_order_.size());
  Edge e = edge_order_[index];
  return EdgeRef{boost::source(e, *graph_), boost::target(e, *graph_),
                 &(*graph_)[e]};
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // text[kept, i) stands as it is and is appended in one piece when a byte
  // to drop or replace ends it: most texts are one such run.
  size_t kept = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {  // dropped
        out.append(text.substr(kept, i - kept));
        kept = i + 1;
      }
      ++i;
      continue;
    }
    // Well-formed sequences per Unicode table 3-7: the lead byte fixes the
    // length and the range of the second byte, which excludes overlong
    // forms, surrogates and code points above U+10FFFF.
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b == 0xE0) {
      length = 3;
      lo = 0xA0;
    } else if (b == 0xED) {
      length = 3;
      hi = 0x9F;
    } else if (b >= 0xE1 && b <= 0xEF) {
      length = 3;
    } else if (b == 0xF0) {
      length = 4;
      lo = 0x90;
    } else if (b >= 0xF1 && b <= 0xF3) {
      length = 4;
    } else if (b == 0xF4) {
      length = 4;
      hi = 0x8F;
    }
    size_t j = i + 1;
    bool valid = length != 0;
    for (size_t k = 1; valid && k < length; ++k, ++j) {
      if (j >= text.size()) {
        valid = false;
        break;
      }
      const auto c = static_cast<unsigned char>(text[j]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) valid = false;
      if (!valid) break;
    }
    if (!valid) {
      // One U+FFFD per maximal invalid subpart; resume at the offending byte.
      out.append(text.substr(kept, i - kept));
      out += kReplacement;
      i = j;
      kept = i;
      continue;
    }
    std::string_view sequence = text.substr(i, length);
    // U+FFFE and U+FFFF are not XML characters.
    if (sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
      out.append(text.substr(kept, i - kept));
      out += kReplacement;
      kept = i + length;
    }
    i += length;
  }
  out.append(text.substr(kept));
  return out;
}

std::string_view EntityTypeColor(EntityType type) {
  static constexpr std::array<std::string_view, kEntityTypeCount> kColors = {
      "#8ab6e6",  // Person: blue
      "#f5b95f",  // Agency: orange
      "#8fcf9c",  // Organization: green
      "#f19a93",  // Country: red
      "#c7a6dc",  // Initiative: purple
      "#d9c49a",  // Location: tan
  };
  return kColors[static_cast<int>(type)];
}

}  // namespace kgrep
