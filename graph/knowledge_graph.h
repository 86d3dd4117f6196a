// KnowledgeGraph merges the extractions of many documents into one directed
// multigraph: one node per entity key, one edge per (subject, predicate,
// object) with a weight and its evidence. Writers read it only after
// Finalize(), which puts nodes and edges in a deterministic order so that
// output ids (n0, n1, ..., e0, e1, ...) are stable.
//
// Everything the graph aggregates is independent of the order in which
// documents are added: labels, aliases, counts, rule sets and the kept
// evidence are chosen by total orders, not by arrival. The same set of
// extractions therefore gives byte-identical output in any order.
//
// Text invariant: every string a NodeProps or EdgeProps holds has been passed
// through CleanText(), so it is valid UTF-8 without control characters other
// than tab, LF and CR. Writers may rely on this.
//
// Not thread-safe: callers serialise Add() and Finalize(); const methods may
// run concurrently once no Add()/Finalize() is in flight.

#ifndef KGREP_GRAPH_KNOWLEDGE_GRAPH_H_
#define KGREP_GRAPH_KNOWLEDGE_GRAPH_H_

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "extract/extraction.h"

namespace kgrep {

struct GraphOptions {
  // Evidence records kept per edge. Every relation still counts in the edge's
  // weight; only the evidence beyond this many is not stored. The kept records
  // are the smallest by (document, begin, end, rule, text), so the choice does
  // not depend on the order of Add() calls. 0 keeps none.
  // Default: 20.
  size_t max_evidence = 20;
};

struct NodeProps {
  // The longest label seen for the key; among equally long labels, the
  // smallest in byte order.
  std::string label;
  // All entities of one key normally share a type. If they do not, the
  // smallest type in EntityType order wins.
  EntityType type = EntityType::kPerson;
  // Every other surface form seen: other documents' labels and all aliases,
  // without `label` itself. Sorted, unique.
  std::set<std::string> aliases;
  int mentions = 0;   // sum of Entity::mentions over all documents
  int documents = 0;  // number of extractions that contain this entity
  std::string key;    // Entity::key, the merge key
  bool apart = false; // Entity::apart in any document

  // Analytics, computed by Finalize() (graph/analytics.h).
  int in_degree = 0;         // edges (relations) pointing at this node
  int out_degree = 0;        // edges from this node
  double betweenness = 0;    // Brandes betweenness centrality, directed, not normalised
  int component = 0;         // weakly connected component: 0 for the one of node 0, ...
};

struct EdgeProps {
  std::string predicate;
  int weight = 0;                  // number of relations merged into this edge
  // At most GraphOptions::max_evidence, sorted by (document, begin, end,
  // rule, text). Equal strings of all the graph's evidence share one buffer.
  std::vector<Evidence> evidence;
  std::set<std::string> rules;     // ids of every rule that produced it
};

// A read-only view of one edge in the deterministic order.
struct EdgeRef {
  size_t source = 0;  // node index
  size_t target = 0;  // node index
  const EdgeProps* props = nullptr;
};

class KnowledgeGraph {
 public:
  // The Boost.Graph representation, for algorithms (degree, components,
  // ...). After Finalize(), vertex i is node(i).
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS,
                                      boost::bidirectionalS, NodeProps,
                                      EdgeProps>;
  using Vertex = Graph::vertex_descriptor;
  using Edge = Graph::edge_descriptor;

  explicit KnowledgeGraph(const GraphOptions& options = GraphOptions());

  KnowledgeGraph(const KnowledgeGraph&) = delete;
  KnowledgeGraph& operator=(const KnowledgeGraph&) = delete;
  // Moving moves the adjacency_list by its pointer (assigning it would copy
  // its edges), so its descriptors and the indexes stay valid. The graph
  // moved from is left empty and usable.
  KnowledgeGraph(KnowledgeGraph&& other) noexcept { *this = std::move(other); }
  KnowledgeGraph& operator=(KnowledgeGraph&& other) noexcept;

  // Merges one document's extraction. Entities with the same Entity::key
  // become one node (an empty key is replaced by "<Type>:<label>"). Each
  // relation adds 1 to the weight of the edge (subject, predicate, object)
  // and offers its evidence. Relations whose subject and object are the same
  // node are dropped and counted in dropped_self_loops(); relations whose
  // indices are out of range are dropped and counted in
  // dropped_invalid_relations().
  // Invalidates the order: call Finalize() again before reading.
  void Add(const Extraction& extraction);

  // Across documents, the names of one person become one node:
  //  - names of one given name and one surname whose middle names or
  //    initials agree ("Antony J. Blinken", "Antony Blinken"; "Andrés
  //    Manuel López Obrador", "Andrés López Obrador"), unless two of them
  //    disagree ("John A. Smith", "John B. Smith": none is merged);
  //  - a person named by one word only ("Blinken", from a speaker label) is
  //    the one person whose fuller name ends in that word ("Antony
  //    Blinken"), if the graph holds exactly one such person, and no
  //    document kept that word apart from such a name (Entity::apart).
  // Merged nodes take the longest label, the others as aliases, the counts
  // summed (a document that gave two names to two entities counts twice;
  // the extractor resolves them to one within a document), and their edges
  // merged (a relation between two names of one person is dropped as a
  // self-loop). Words are compared as the keys hold them (folded), without a
  // suffix such as "Jr." or "III". Returns the number of nodes merged away.
  // Call once, after the last Add(): what it merges depends on every person
  // of the graph, not on the order of Add().
  size_t MergePeopleByName();

  // Sorts nodes by (type, label, key) and edges by (source index, predicate,
  // target index), and computes the analytics of NodeProps on up to
  // `threads` threads (the same values for any number). Idempotent.
  void Finalize(size_t threads = 1);

  // Makes *out the graph of the nodes and edges kept (an edge is kept only
  // with both ends), finalized: analytics are those of the subgraph.
  // REQUIRES: finalized(); keep_node has num_nodes() entries, keep_edge
  // num_edges(), in the deterministic order.
  void CopySubgraph(const std::vector<bool>& keep_node, const std::vector<bool>& keep_edge,
                    KnowledgeGraph* out) const;
  bool finalized() const { return finalized_; }

  size_t num_nodes() const { return boost::num_vertices(*graph_); }
  size_t num_edges() const { return boost::num_edges(*graph_); }
  size_t num_documents() const { return documents_; }
  size_t dropped_self_loops() const { return dropped_self_loops_; }
  size_t dropped_invalid_relations() const { return dropped_invalid_; }

  // REQUIRES: finalized(), index < num_nodes().
  const NodeProps& node(size_t index) const;
  // The index-th edge in the deterministic order.
  // REQUIRES: finalized(), index < num_edges().
  EdgeRef edge(size_t index) const;

  const Graph& graph() const { return *graph_; }
  const GraphOptions& options() const { return options_; }

 private:
  Vertex AddEntity(const Entity& entity);
  void AddEvidence(EdgeProps* edge, Evidence evidence) const;
  // CleanText(text), shared with every equal text of the graph.
  SharedText Clean(const SharedText& text);
  // The edges in the deterministic order, as edge(i) reads them.
  void RebuildEdgeOrder();
  // The lookups are only needed to add: Finalize() drops them (most graphs
  // are written once finalized and never added to again) and the next Add()
  // rebuilds them.
  void DropLookups();
  void RebuildLookups();

  GraphOptions options_;
  // Behind a pointer so that moving a KnowledgeGraph moves it: Boost's
  // adjacency_list has no move operations and copies everything instead.
  std::unique_ptr<Graph> graph_ = std::make_unique<Graph>();
  using Triple = std::tuple<Vertex, std::string, Vertex>;  // (source, predicate, target)
  struct TripleHash {
    size_t operator()(const Triple& t) const {
      size_t h = std::hash<std::string>()(std::get<1>(t));
      h ^= std::get<0>(t) * 0x9E3779B97F4A7C15u + (h << 6) + (h >> 2);
      h ^= std::get<2>(t) * 0xC2B2AE3D27D4EB4Fu + (h << 6) + (h >> 2);
      return h;
    }
  };
  // Node by key, and edge by (source, predicate, target). Edge descriptors
  // of an adjacency_list stay valid while edges are added; both maps are
  // dropped when Finalize() renumbers the vertices (lookups_stale_).
  std::unordered_map<std::string, Vertex> node_by_key_;
  std::unordered_map<Triple, Edge, TripleHash> edge_by_triple_;
  bool lookups_stale_ = false;
  std::vector<Edge> edge_order_;  // valid when finalized_
  TextPool texts_;                // evidence documents, texts and rules
  // The last texts Clean() was given, by buffer, and its answers: the
  // relations of a document repeat its name, and often their sentence and
  // rule.
  std::array<std::pair<SharedText, SharedText>, 4> cleaned_;
  size_t cleaned_next_ = 0;
  bool finalized_ = true;
  size_t documents_ = 0;
  // Nodes MergePeopleByName() merged away, edgeless until Finalize() drops them.
  std::set<Vertex> absorbed_;
  size_t dropped_self_loops_ = 0;
  size_t dropped_invalid_ = 0;
};

// Returns `text` as valid UTF-8 safe for any output format: each maximal
// invalid byte sequence becomes U+FFFD, U+FFFE and U+FFFF become U+FFFD, and
// the control characters U+0000-U+001F other than tab, LF and CR are removed.
// Valid text without such characters is returned unchanged.
std::string CleanText(std::string_view text);

// The colour every writer gives an entity type, as "#rrggbb". Light enough
// for black text on top.
std::string_view EntityTypeColor(EntityType type);

}  // namespace kgrep

#endif  // KGREP_GRAPH_KNOWLEDGE_GRAPH_H_
