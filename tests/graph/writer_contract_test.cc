// What every single-stream writer promises (GraphML, GEXF, JSON, DOT): it
// refuses a graph that was never finalized and reports a failed stream. The
// Neo4j writer, with a stream per file, has its own tests.

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <sstream>
#include <string>

#include "graph/dot_writer.h"
#include "graph/gexf_writer.h"
#include "graph/graphml_writer.h"
#include "graph/json_writer.h"
#include "graph/knowledge_graph.h"
#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

using testing::AddAll;
using testing::SmallFixture;

struct Writer {
  const char* name;
  std::function<WriteResult(const KnowledgeGraph&, std::ostream&)> write;
};

const Writer kWriters[] = {
    {"GraphML", [](const KnowledgeGraph& g, std::ostream& o) { return WriteGraphML(g, o); }},
    {"GEXF", [](const KnowledgeGraph& g, std::ostream& o) { return WriteGexf(g, o); }},
    {"JSON", [](const KnowledgeGraph& g, std::ostream& o) { return WriteJson(g, o); }},
    {"DOT", [](const KnowledgeGraph& g, std::ostream& o) { return WriteDot(g, o); }},
};

TEST(WriterContractTest, RefusesUnfinalizedGraph) {
  KnowledgeGraph g;
  g.Add(SmallFixture()[0]);
  for (const Writer& w : kWriters) {
    std::ostringstream out;
    WriteResult result = w.write(g, out);
    EXPECT_FALSE(result.ok) << w.name;
    EXPECT_EQ("internal error: graph is not finalized", result.error) << w.name;
  }
}

TEST(WriterContractTest, ReportsStreamFailure) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  for (const Writer& w : kWriters) {
    std::ostringstream out;
    out.setstate(std::ios::badbit);
    WriteResult result = w.write(g, out);
    EXPECT_FALSE(result.ok) << w.name;
    EXPECT_EQ("output stream failed", result.error) << w.name;
  }
}

}  // namespace
}  // namespace kgrep
