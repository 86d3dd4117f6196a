#include "graph/json_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <locale>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/graph/graph_fixture.h"

#ifndef KGREP_GOLDEN_DIR
#error "KGREP_GOLDEN_DIR must name the directory of the golden files"
#endif

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;
using testing::OneRelationGraph;
using testing::ExpectGolden;
using Json = nlohmann::ordered_json;

std::string JsonOf(const KnowledgeGraph& g,
                   const JsonOptions& options = JsonOptions()) {
  std::ostringstream out;
  WriteResult result = WriteJson(g, out, options);
  EXPECT_TRUE(result.ok) << result.error;
  return out.str();
}

// Parses the writer's output; a parse error fails the test.
Json Parse(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << text;
  return json;
}

// A graph of one relation "<subject> -<predicate>-> B" with `text` as its
// evidence.
Json JsonWith(const std::string& subject, const std::string& predicate,
              const std::string& text) {
  KnowledgeGraph g;
  OneRelationGraph(subject, predicate, text, &g, {subject + "!"});
  return Parse(JsonOf(g));
}

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

TEST(JsonWriterTest, GoldenSmallFixtureInBothOrders) {
  std::vector<Extraction> forward = SmallFixture();
  std::vector<Extraction> backward(forward.rbegin(), forward.rend());
  for (const std::vector<Extraction>& docs : {forward, backward}) {
    KnowledgeGraph g;
    AddAll(docs, &g);
    JsonOptions options;
    options.description = "kgrep test fixture; inputs: 2 documents";
    ExpectGolden("small.json", JsonOf(g, options));
  }
}

TEST(JsonWriterTest, ShapeAndKeyOrder) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const Json json = Parse(JsonOf(g));
  EXPECT_EQ((std::vector<std::string>{"directed", "description", "elements"}),
            Keys(json));
  EXPECT_EQ(true, json["directed"]);
  EXPECT_EQ("kgrep", json["description"]);
  const Json& nodes = json["elements"]["nodes"];
  const Json& edges = json["elements"]["edges"];
  ASSERT_EQ(g.num_nodes(), nodes.size());
  ASSERT_EQ(g.num_edges(), edges.size());

  for (size_t i = 0; i < nodes.size(); ++i) {
    EXPECT_EQ((std::vector<std::string>{"data"}), Keys(nodes[i]));
    const Json& data = nodes[i]["data"];
    EXPECT_EQ((std::vector<std::string>{
                  "id", "label", "name", "type", "aliases", "mentions",
                  "documents", "color", "size", "in_degree", "out_degree",
                  "betweenness", "component"}),
              Keys(data));
    const NodeProps& node = g.node(i);
    EXPECT_EQ("n" + std::to_string(i), data["id"]);
    EXPECT_EQ(node.label, data["label"]);
    EXPECT_EQ(node.label, data["name"]);
    EXPECT_EQ(EntityTypeName(node.type), data["type"].get<std::string>());
    EXPECT_EQ(node.mentions, data["mentions"]);
    EXPECT_EQ(node.documents, data["documents"]);
    EXPECT_EQ(node.in_degree, data["in_degree"]);
    EXPECT_EQ(node.out_degree, data["out_degree"]);
    EXPECT_EQ(node.betweenness, data["betweenness"].get<double>());
    EXPECT_EQ(node.component, data["component"]);
    EXPECT_TRUE(data["size"].is_number_float());
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    const Json& data = edges[i]["data"];
    EXPECT_EQ((std::vector<std::string>{
                  "id", "source", "target", "label", "relation",
                  "interaction", "weight", "rules", "evidence"}),
              Keys(data));
    const EdgeRef edge = g.edge(i);
    EXPECT_EQ("e" + std::to_string(i), data["id"]);
    EXPECT_EQ("n" + std::to_string(edge.source), data["source"]);
    EXPECT_EQ("n" + std::to_string(edge.target), data["target"]);
    EXPECT_EQ(edge.props->predicate, data["label"]);
    EXPECT_EQ(edge.props->predicate, data["relation"]);
    EXPECT_EQ(edge.props->predicate, data["interaction"]);
    EXPECT_EQ(edge.props->weight, data["weight"]);
    ASSERT_EQ(edge.props->evidence.size(), data["evidence"].size());
    for (const Json& e : data["evidence"]) {
      EXPECT_EQ((std::vector<std::string>{"document", "begin", "end", "text",
                                          "rule"}),
                Keys(e));
    }
  }
}

TEST(JsonWriterTest, ValuesOfTheFixture) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const Json json = Parse(JsonOf(g));
  const Json& blinken = json["elements"]["nodes"][1]["data"];
  EXPECT_EQ("Antony Blinken", blinken["label"]);
  EXPECT_EQ(Json::parse(R"(["Blinken", "Secretary Blinken"])"),
            blinken["aliases"]);
  EXPECT_EQ("#8ab6e6", blinken["color"]);
  EXPECT_EQ(18.0, blinken["size"].get<double>());
  const Json& welcomed = json["elements"]["edges"][2]["data"];
  EXPECT_EQ("n1", welcomed["source"]);
  EXPECT_EQ("n0", welcomed["target"]);
  EXPECT_EQ("welcomed", welcomed["label"]);
  EXPECT_EQ(2, welcomed["weight"]);
  EXPECT_EQ(Json::parse(R"(["welcomed-basic", "welcomed-title"])"),
            welcomed["rules"]);
  Json evidence = Json::object();
  evidence["document"] = "notes/2023-11-07.txt";
  evidence["begin"] = 300;
  evidence["end"] = 353;
  evidence["text"] = "Secretary Blinken welcomed Foreign Minister Baerbock.";
  evidence["rule"] = "welcomed-title";
  EXPECT_EQ(evidence, welcomed["evidence"][1]);
}

struct TextCase {
  const char* name;
  std::string in;        // entity label as extracted
  std::string out;       // the label after parsing the JSON back
  std::string literal;   // how the label appears in the JSON text
};

TEST(JsonWriterTest, EscapesAndRoundTripsText) {
  const std::vector<TextCase> cases = {
      {"quotes", "Tom \"T\" O'Neil", "Tom \"T\" O'Neil",
       R"("Tom \"T\" O'Neil")"},
      {"backslash", "C:\\dir\\", "C:\\dir\\", R"("C:\\dir\\")"},
      {"markup kept", "<AT&T> x]]>y", "<AT&T> x]]>y", R"("<AT&T> x]]>y")"},
      {"bell dropped", "ring\x07the bell", "ringthe bell",
       R"("ringthe bell")"},
      {"whitespace escaped", "a\tb\nc", "a\tb\nc", R"("a\tb\nc")"},
      {"invalid utf-8 replaced", "a\xC3(", "a\xEF\xBF\xBD(",
       "\"a\xEF\xBF\xBD(\""},
      {"non-ascii as is", "Minist\xC3\xA8re \xF0\x9F\x8C\x8D",
       "Minist\xC3\xA8re \xF0\x9F\x8C\x8D",
       "\"Minist\xC3\xA8re \xF0\x9F\x8C\x8D\""},
      {"dot keywords", "strict digraph node", "strict digraph node",
       R"("strict digraph node")"},
  };
  for (const TextCase& c : cases) {
    Extraction x;
    x.document = "doc";
    x.entities = {MakeEntity(c.in, EntityType::kPerson)};
    KnowledgeGraph g;
    AddAll({x}, &g);
    const std::string text = JsonOf(g);
    EXPECT_NE(std::string::npos, text.find("\"label\": " + c.literal))
        << c.name << "\n" << text;
    const Json json = Parse(text);
    EXPECT_EQ(c.out, json["elements"]["nodes"][0]["data"]["label"]) << c.name;
  }
}

TEST(JsonWriterTest, EscapesRelationsEvidenceAndAliases) {
  const Json json = JsonWith("Tom \"T\"\x01", "says\"\\", "x]]>y \xC3 \"q\"");
  const Json& node = json["elements"]["nodes"][1]["data"];
  EXPECT_EQ("Tom \"T\"", node["label"]);
  EXPECT_EQ(Json::array({"Tom \"T\"!"}), node["aliases"]);
  const Json& edge = json["elements"]["edges"][0]["data"];
  EXPECT_EQ("says\"\\", edge["relation"]);
  EXPECT_EQ("x]]>y \xEF\xBF\xBD \"q\"", edge["evidence"][0]["text"]);
}

TEST(JsonWriterTest, OutputIsIndentedUtf8WithTrailingNewline) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  const std::string text = JsonOf(g);
  EXPECT_EQ(0u, text.find("{\n  \"directed\": true,\n  \"description\": "));
  EXPECT_EQ('\n', text.back());
  EXPECT_EQ(CleanText(text), text);
  EXPECT_EQ(std::string::npos, text.find("\\u"));
  EXPECT_NE(std::string::npos, text.find("T\xC3\xBCrkiye"));
}

TEST(JsonWriterTest, NumbersIgnoreTheStreamLocale) {
  struct GermanPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
  };
  Extraction x;
  x.document = "doc";
  x.entities = {MakeEntity("A", EntityType::kPerson, 2),
                MakeEntity("B", EntityType::kPerson, 1)};
  x.relations = {MakeRelation(0, "met", 1, "doc", 1234567, "s", "r")};
  KnowledgeGraph g;
  AddAll({x}, &g);
  std::ostringstream out;
  out.imbue(std::locale(std::locale::classic(), new GermanPunct));
  ASSERT_TRUE(WriteJson(g, out).ok);
  EXPECT_NE(std::string::npos,
            out.str().find("\"size\": 15.65685424949238,"));
  EXPECT_NE(std::string::npos, out.str().find("\"begin\": 1234567,"));
}

TEST(JsonWriterTest, DescriptionOmittedWhenEmpty) {
  KnowledgeGraph g;
  JsonOptions options;
  options.description.clear();
  const Json json = Parse(JsonOf(g, options));
  EXPECT_EQ((std::vector<std::string>{"directed", "elements"}), Keys(json));
  EXPECT_EQ(Json::parse(R"({"nodes": [], "edges": []})"), json["elements"]);
}

}  // namespace
}  // namespace kgrep
