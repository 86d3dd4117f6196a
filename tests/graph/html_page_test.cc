#include "graph/html_page.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

std::string Page(const KnowledgeGraph& graph, const HtmlPageOptions& options = {}) {
  std::ostringstream out;
  WriteResult result = WriteHtmlPage(graph, options, out);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

struct JsonCase {
  const char* name;
  std::string in;
  std::string out;
};

TEST(JsonStringForHtmlTest, Table) {
  const std::vector<JsonCase> cases = {
      {"plain", "Antony Blinken", "\"Antony Blinken\""},
      {"quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""},
      {"end of script", "</script>", "\"\\u003c/script\\u003e\""},
      {"comment opener", "<!--", "\"\\u003c!--\""},
      {"ampersand", "A & B", "\"A \\u0026 B\""},
      {"newline and tab", "a\nb\tc", "\"a\\u000ab\\u0009c\""},
      {"other controls dropped", "a\x01" "b", "\"ab\""},
      {"line separators", "a\xE2\x80\xA8" "b\xE2\x80\xA9", "\"a\\u2028b\\u2029\""},
      {"non-ASCII kept", "T\xC3\xBCrkiye", "\"T\xC3\xBCrkiye\""},
      {"invalid UTF-8", "a\xFF", "\"a\xEF\xBF\xBD\""},
  };
  for (const JsonCase& c : cases) EXPECT_EQ(c.out, JsonStringForHtml(c.in)) << c.name;
}

TEST(HtmlPageTest, SelfContainedWithSvgJsonAndScript) {
  KnowledgeGraph graph;
  AddAll(SmallFixture(), &graph);
  HtmlPageOptions options;
  options.title = "Notes & <minutes>";
  const std::string page = Page(graph, options);
  EXPECT_EQ(0u, page.find("<!DOCTYPE html>"));
  EXPECT_NE(page.find("<title>Notes &amp; &lt;minutes&gt;</title>"), std::string::npos);
  EXPECT_EQ(1u, Count(page, "<svg"));
  EXPECT_EQ(0u, Count(page, "<?xml"));
  EXPECT_EQ(0u, Count(page, "<!DOCTYPE svg"));
  EXPECT_EQ(1u, Count(page, "<script type=\"application/json\" id=\"graph-data\">"));
  EXPECT_EQ(2u, Count(page, "<script"));
  EXPECT_EQ(2u, Count(page, "</script>"));
  EXPECT_EQ(1u, Count(page, "<pre id=\"selftest\" hidden>"));
  // Nothing from the network.
  EXPECT_EQ(0u, Count(page, "http://")  - Count(page, "http://www.w3.org/"));
  EXPECT_EQ(0u, Count(page, "https://"));
  // Ids in the JSON match the SVG's.
  EXPECT_NE(page.find("{\"id\":\"n0\",\"label\":\"Annalena Baerbock\",\"type\":\"Person\""),
            std::string::npos);
  EXPECT_NE(page.find("<g id=\"n0\" class=\"node\""), std::string::npos);
  EXPECT_NE(page.find("{\"id\":\"e0\",\"source\":\"n1\",\"target\":\"n0\","
                      "\"relation\":\"thanked\",\"weight\":1,"
                      "\"rules\":[\"thanked-basic\"],\"evidence\":["),
            std::string::npos);
  EXPECT_NE(page.find("{\"document\":\"notes/2023-11-07.txt\",\"begin\":42,\"end\":86,"
                      "\"text\":\"Blinken thanked Baerbock \\u0026 the \\\"E3\\\" "
                      "\\u003cgroup\\u003e.\",\"rule\":\"thanked-basic\"}"),
            std::string::npos);
}

// Document text cannot end the JSON block, open an element or an attribute.
TEST(HtmlPageTest, HostileTextStaysText) {
  const std::string hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
  Extraction x;
  x.document = "doc</script>.txt";
  x.entities = {MakeEntity(hostile, EntityType::kPerson),
                MakeEntity("Q\"' " + hostile, EntityType::kAgency, 1, {hostile + " alias"})};
  x.relations = {MakeRelation(0, "thanked", 1, x.document, 0, hostile, "r<script>")};
  KnowledgeGraph graph;
  AddAll({x}, &graph);
  HtmlPageOptions options;
  options.title = hostile;
  const std::string page = Page(graph, options);
  EXPECT_EQ(2u, Count(page, "<script"));
  EXPECT_EQ(2u, Count(page, "</script"));
  EXPECT_EQ(0u, Count(page, "<img"));
  EXPECT_EQ(0u, Count(page, "alert(1)</"));
  EXPECT_NE(page.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), std::string::npos);
}

TEST(HtmlPageTest, DiagramErrorsWriteNothing) {
  KnowledgeGraph graph;
  AddAll(SmallFixture(), &graph);
  HtmlPageOptions options;
  options.diagram.layout = "nope";
  std::ostringstream out;
  WriteResult result = WriteHtmlPage(graph, options, out);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ("unknown layout 'nope'; use one of: dot, neato, fdp, sfdp, circo, twopi",
            result.error);
  EXPECT_EQ("", out.str());
}

TEST(HtmlPageTest, EmptyGraph) {
  KnowledgeGraph graph;
  graph.Finalize();
  const std::string page = Page(graph);
  EXPECT_NE(page.find("{\"nodes\":[],\n\"edges\":[]}"), std::string::npos);
  EXPECT_EQ(1u, Count(page, "<svg"));
}

}  // namespace
}  // namespace kgrep
