// Compares the writers' output for the small fixture with
// tests/golden/small.{graphml,dot}, byte for byte. To accept a deliberate
// change, run the test with KGREP_UPDATE_GOLDEN=1, which rewrites the files,
// and review the diff.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "graph/dot_writer.h"
#include "graph/graphml_writer.h"
#include "tests/graph/graph_fixture.h"

#ifndef KGREP_GOLDEN_DIR
#error "KGREP_GOLDEN_DIR must name the directory of the golden files"
#endif

namespace kgrep {
namespace {

using testing::ExpectGolden;

// The fixture in both document orders: the output must not depend on it.
std::vector<std::vector<Extraction>> BothOrders() {
  std::vector<Extraction> forward = testing::SmallFixture();
  std::vector<Extraction> backward(forward.rbegin(), forward.rend());
  return {forward, backward};
}

TEST(GoldenTest, SmallGraphML) {
  for (const std::vector<Extraction>& docs : BothOrders()) {
    KnowledgeGraph g;
    testing::AddAll(docs, &g);
    GraphMLOptions options;
    options.description = "kgrep test fixture; inputs: 2 documents";
    std::ostringstream out;
    ASSERT_TRUE(WriteGraphML(g, out, options).ok);
    ExpectGolden("small.graphml", out.str());
  }
}

TEST(GoldenTest, SmallDot) {
  for (const std::vector<Extraction>& docs : BothOrders()) {
    KnowledgeGraph g;
    testing::AddAll(docs, &g);
    DotOptions options;
    options.comment = "kgrep test fixture";
    std::ostringstream out;
    ASSERT_TRUE(WriteDot(g, out, options).ok);
    ExpectGolden("small.dot", out.str());
  }
}

}  // namespace
}  // namespace kgrep
