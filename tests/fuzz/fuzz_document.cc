// Fuzzes reading a document with the bundled pack (rules/diplomacy.yaml,
// loaded once): any bytes become an Extraction or a clean error, and the
// Extraction becomes a graph that every text writer writes. Also checks what
// the pipeline promises: relations point at entities, evidence lies inside
// the document, and the fragment of the extraction (JSON Lines, the map step
// of `kgrep merge`) reads back into the same graph.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "extract/extractor.h"
#include "extract/rule_pack.h"
#include "graph/dot_writer.h"
#include "graph/fragment.h"
#include "graph/gexf_writer.h"
#include "graph/graphml_writer.h"
#include "graph/json_writer.h"
#include "graph/knowledge_graph.h"
#include "graph/neo4j_writer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

const kgrep::RulePack& BundledPack() {
  static const kgrep::RulePack* pack = [] {
    auto* loaded = new kgrep::RulePack;
    const kgrep::Diagnostics d =
        kgrep::LoadRulePack({KGREP_RULES_DIR "/diplomacy.yaml"}, kgrep::LoadOptions(), loaded);
    if (!d.empty()) {
      std::fprintf(stderr, "cannot load the bundled pack: %s\n", d.front().Headline().c_str());
      std::abort();
    }
    return loaded;
  }();
  return *pack;
}

std::string GraphML(const kgrep::KnowledgeGraph& graph) {
  std::ostringstream out;
  const kgrep::WriteResult result = kgrep::WriteGraphML(graph, out);
  FUZZ_CHECK(result.ok, result.error);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  kgrep::Extraction extraction;
  const kgrep::Status status = kgrep::ExtractDocument(BundledPack(), "fuzz.txt", text, &extraction);
  if (!status.ok()) {
    FUZZ_CHECK(!status.message().empty(), "an error without a message");
    return 0;
  }
  for (const kgrep::Entity& e : extraction.entities) {
    FUZZ_CHECK(!e.label.empty(), "an entity without a label");
  }
  for (const kgrep::Relation& r : extraction.relations) {
    FUZZ_CHECK(r.subject < extraction.entities.size() && r.object < extraction.entities.size(),
               "a relation points past the entities");
    FUZZ_CHECK(r.evidence.begin <= r.evidence.end && r.evidence.end <= size,
               "evidence [" + std::to_string(r.evidence.begin) + ", " +
                   std::to_string(r.evidence.end) + ") outside a document of " +
                   std::to_string(size) + " bytes");
  }

  kgrep::KnowledgeGraph graph;
  graph.Add(extraction);
  graph.Finalize();
  const std::string graphml = GraphML(graph);

  std::ostringstream gexf, json, dot, nodes, relationships;
  FUZZ_CHECK(kgrep::WriteGexf(graph, gexf).ok, "GEXF");
  FUZZ_CHECK(kgrep::WriteJson(graph, json).ok, "JSON");
  FUZZ_CHECK(kgrep::WriteNeo4jCsv(graph, nodes, relationships).ok, "Neo4j CSV");
  FUZZ_CHECK(kgrep::WriteDot(graph, dot).ok, "DOT");

  // Map and reduce: the fragment gives the same graph.
  kgrep::Fragment fragment;
  fragment.extraction = extraction;
  std::istringstream line(kgrep::FragmentLine(fragment) + "\n");
  kgrep::KnowledgeGraph merged;
  const kgrep::Status read = kgrep::ReadFragments(line, "fragment", [&](kgrep::Fragment&& f) {
    merged.Add(f.extraction);
    return kgrep::Status::Ok();
  });
  FUZZ_CHECK(read.ok(), read.message());
  merged.Finalize();
  FUZZ_CHECK(GraphML(merged) == graphml, "the graph of the fragment differs from the graph");
  return 0;
}
