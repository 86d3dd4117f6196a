#include "graph/fragment.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graph/graphml_writer.h"
#include "graph/knowledge_graph.h"
#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

// A rule pack digest (RulePack::digest) for the fragments written here.
const std::string kPack = "0123456789abcdef";

using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;

// Reads `text` as the file "p.jsonl"; returns the fragments, or the error
// in *error.
std::vector<Fragment> Read(const std::string& text, std::string* error = nullptr) {
  std::istringstream in(text);
  std::vector<Fragment> out;
  Status s = ReadFragments(in, "p.jsonl", [&](Fragment&& f) {
    out.push_back(std::move(f));
    return Status::Ok();
  });
  if (error != nullptr) *error = s.message();
  EXPECT_TRUE(error != nullptr || s.ok()) << s.message();
  return out;
}

std::string GraphML(const std::vector<Extraction>& extractions) {
  KnowledgeGraph graph;
  for (const Extraction& x : extractions) graph.Add(x);
  graph.Finalize();
  std::ostringstream out;
  EXPECT_TRUE(WriteGraphML(graph, out, GraphMLOptions()).ok);
  return out.str();
}

void ExpectSame(const Extraction& a, const Extraction& b) {
  EXPECT_EQ(a.document, b.document);
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].label, b.entities[i].label);
    EXPECT_EQ(a.entities[i].type, b.entities[i].type);
    EXPECT_EQ(a.entities[i].aliases, b.entities[i].aliases);
    EXPECT_EQ(a.entities[i].mentions, b.entities[i].mentions);
    EXPECT_EQ(a.entities[i].key, b.entities[i].key);
    EXPECT_EQ(a.entities[i].apart, b.entities[i].apart);
  }
  ASSERT_EQ(a.relations.size(), b.relations.size());
  for (size_t i = 0; i < a.relations.size(); ++i) {
    const Relation& x = a.relations[i];
    const Relation& y = b.relations[i];
    EXPECT_EQ(x.subject, y.subject);
    EXPECT_EQ(x.predicate, y.predicate);
    EXPECT_EQ(x.object, y.object);
    EXPECT_EQ(x.evidence.document, y.evidence.document);
    EXPECT_EQ(x.evidence.begin, y.evidence.begin);
    EXPECT_EQ(x.evidence.end, y.evidence.end);
    EXPECT_EQ(x.evidence.text, y.evidence.text);
    EXPECT_EQ(x.evidence.rule, y.evidence.rule);
  }
}

TEST(FragmentTest, RoundTripsTheSmallFixture) {
  std::ostringstream out;
  for (const Extraction& x : SmallFixture()) WriteFragment(Fragment{{"a.yaml", "b c.yaml"}, kPack, x}, out);
  std::vector<Fragment> back = Read(out.str());
  ASSERT_EQ(back.size(), SmallFixture().size());
  std::vector<Extraction> extractions;
  for (size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].rules, (std::vector<std::string>{"a.yaml", "b c.yaml"}));
    EXPECT_EQ(back[i].pack, kPack);
    ExpectSame(back[i].extraction, SmallFixture()[i]);
    EXPECT_EQ(FragmentLine(back[i]), FragmentLine(Fragment{back[i].rules, kPack, SmallFixture()[i]}));
    extractions.push_back(back[i].extraction);
  }
  EXPECT_EQ(GraphML(extractions), GraphML(SmallFixture()));
}

TEST(FragmentTest, WritesTheDocumentedShape) {
  Extraction x;
  x.document = "a.txt";
  x.entities = {MakeEntity("Ann", EntityType::kPerson, 2, {"A."}),
                MakeEntity("Bob", EntityType::kPerson)};
  x.relations = {MakeRelation(0, "welcomed", 1, "a.txt", 3, "Ann welcomed Bob.", "w")};
  EXPECT_EQ(FragmentLine(Fragment{{}, kPack, x}),
            R"({"format":"kgrep-fragment","version":2,"rules":[],"pack":"0123456789abcdef",)"
            R"("document":"a.txt",)"
            R"("entities":[{"label":"Ann","type":"Person","aliases":["A."],"mentions":2,)"
            R"("key":"Person:Ann"},{"label":"Bob","type":"Person","aliases":[],"mentions":1,)"
            R"("key":"Person:Bob"}],"relations":[{"subject":0,"predicate":"welcomed",)"
            R"("object":1,"evidence":{"document":"a.txt","begin":3,"end":20,)"
            R"("text":"Ann welcomed Bob.","rule":"w"}}]})");
}

TEST(FragmentTest, AnEntityKeptApartSaysSoAndRoundTrips) {
  Extraction x;
  x.document = "a.txt";
  x.entities = {MakeEntity("Hale", EntityType::kPerson), MakeEntity("Ana Hale", EntityType::kPerson)};
  x.entities[0].apart = true;
  const std::string line = FragmentLine(Fragment{{}, kPack, x});
  EXPECT_NE(line.find(R"("key":"Person:Hale","apart":true})"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("key":"Person:Ana Hale"})"), std::string::npos) << line;
  std::vector<Fragment> back = Read(line + "\n");
  ASSERT_EQ(back.size(), 1u);
  ExpectSame(back[0].extraction, x);
  EXPECT_EQ(FragmentLine(back[0]), line);
}

TEST(FragmentTest, AnEmptyDocumentIsOneLine) {
  Extraction x;
  x.document = "empty.txt";
  std::ostringstream out;
  WriteFragment(Fragment{{}, kPack, x}, out);
  std::vector<Fragment> back = Read(out.str());
  ASSERT_EQ(back.size(), 1u);
  ExpectSame(back[0].extraction, x);
}

// Valid UTF-8 comes back byte for byte, whatever it holds, on one line.
TEST(FragmentTest, TrickyCharactersRoundTrip) {
  const std::vector<std::string> texts = {
      "quotes \" and \\ backslash",
      "line\nbreak\r\nand\ttab",
      std::string("nul \0 inside", 12),
      "controls \x01\x1F\x7F",
      "T\xC3\xBCrkiye \xE2\x80\xA8 line separator \xF0\x9F\x8C\x8D emoji",
      "not characters \xEF\xBF\xBE\xEF\xBF\xBF",
      "</script><!-- & ]]>",
      "",
  };
  for (const std::string& text : texts) {
    Extraction x;
    x.document = text;
    x.entities = {MakeEntity(text, EntityType::kCountry, 1, {text}),
                  MakeEntity("B", EntityType::kPerson)};
    x.relations = {MakeRelation(0, text, 1, text, 0, text, text)};
    std::string line = FragmentLine(Fragment{{text}, kPack, x});
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    std::vector<Fragment> back = Read(line + "\n");
    ASSERT_EQ(back.size(), 1u) << line;
    EXPECT_EQ(back[0].rules, std::vector<std::string>{text});
    ExpectSame(back[0].extraction, x);
  }
}

// Invalid UTF-8 does not break the line; what comes back cleans to what the
// original cleans to, so the graph is the same.
TEST(FragmentTest, InvalidUtf8BecomesWhatTheGraphWouldMakeOfIt) {
  const std::vector<std::string> texts = {
      "lone \xFF byte", "cut \xE2\x82", "overlong \xC0\xAF", "surrogate \xED\xA0\x80",
      "\xF4\x90\x80\x80 above U+10FFFF", "\x80", "end \xF0\x9F\x8C",
  };
  for (const std::string& text : texts) {
    Extraction x;
    x.document = text;
    x.entities = {MakeEntity("A " + text, EntityType::kPerson, 1, {text}),
                  MakeEntity("B", EntityType::kPerson)};
    x.relations = {MakeRelation(0, "met " + text, 1, text, 0, text, text)};
    std::vector<Fragment> back = Read(FragmentLine(Fragment{{}, kPack, x}) + "\n");
    ASSERT_EQ(back.size(), 1u);
    const Extraction& y = back[0].extraction;
    EXPECT_EQ(CleanText(y.entities[0].label), CleanText(x.entities[0].label));
    EXPECT_EQ(CleanText(y.entities[0].aliases[0]), CleanText(x.entities[0].aliases[0]));
    EXPECT_EQ(CleanText(y.relations[0].predicate), CleanText(x.relations[0].predicate));
    EXPECT_EQ(CleanText(y.relations[0].evidence.text), CleanText(x.relations[0].evidence.text));
    EXPECT_FALSE(y.relations[0].evidence.document.empty());
    EXPECT_EQ(GraphML({y}), GraphML({x})) << text;
  }
}

TEST(FragmentTest, SkipsBlankLinesAndCountsThem) {
  std::ostringstream out;
  out << "\n  \r\n";
  for (const Extraction& x : SmallFixture()) WriteFragment(Fragment{{}, kPack, x}, out);
  out << "\n[]\n";
  std::string error;
  std::vector<Fragment> back = Read(out.str(), &error);
  EXPECT_EQ(back.size(), 2u);
  EXPECT_EQ(error, "p.jsonl:6: expected a JSON object, got array");
}

TEST(FragmentTest, SinkErrorsNameTheLine) {
  std::ostringstream out;
  for (const Extraction& x : SmallFixture()) WriteFragment(Fragment{{}, kPack, x}, out);
  std::istringstream in(out.str());
  int calls = 0;
  Status s = ReadFragments(in, "p.jsonl", [&](Fragment&&) {
    return ++calls == 2 ? Status::Error("no more") : Status::Ok();
  });
  EXPECT_EQ(s.message(), "p.jsonl:2: no more");
}

// A valid line up to its entities and relations, to which cases append.
const std::string kHead =
    R"({"format":"kgrep-fragment","version":2,"rules":[],"pack":"p","document":"d",)";
const std::string kAnn =
    R"({"label":"Ann","type":"Person","aliases":[],"mentions":1,"key":"k1"})";
const std::string kBob =
    R"({"label":"Bob","type":"Person","aliases":[],"mentions":1,"key":"k2"})";
const std::string kEvidence =
    R"("evidence":{"document":"d","begin":0,"end":3,"text":"t","rule":"r"})";

TEST(FragmentTest, Errors) {
  struct Case {
    std::string line;
    std::string error;
  } cases[] = {
      {"not json", "p.jsonl:1:2: invalid JSON: syntax error while parsing value - invalid literal"},
      {R"({"format":"kgrep-fragment",)",
       "p.jsonl:1:28: invalid JSON: syntax error while parsing object key - unexpected end of "
       "input; expected string literal"},
      {"42", "p.jsonl:1: expected a JSON object, got number"},
      {R"({"document":"d"})",
       R"(p.jsonl:1: not a kgrep fragment (no "format": "kgrep-fragment"))"},
      {R"({"format":"kgrep-fragmnt","version":1})",
       R"(p.jsonl:1: not a kgrep fragment (no "format": "kgrep-fragment"))"},
      {R"({"format":"kgrep-fragment"})", R"(p.jsonl:1: missing "version")"},
      {R"({"format":"kgrep-fragment","version":"1"})",
       R"(p.jsonl:1: "version": expected an integer, got string)"},
      {R"({"format":"kgrep-fragment","version":3})",
       "p.jsonl:1: fragment version 3 is not supported (this kgrep reads 2)"},
      // Version 1 had no "pack": what it was extracted with cannot be told.
      {R"({"format":"kgrep-fragment","version":1,"rules":[],"document":"d",)"
       R"("entities":[],"relations":[]})",
       "p.jsonl:1: fragment version 1 is not supported (this kgrep reads 2)"},
      {R"({"format":"kgrep-fragment","version":2,"document":"d"})",
       R"(p.jsonl:1: missing "rules")"},
      {R"({"format":"kgrep-fragment","version":2,"rules":[7]})",
       R"(p.jsonl:1: "rules[0]": expected a string, got number)"},
      {R"({"format":"kgrep-fragment","version":2,"rules":[],"document":"d"})",
       R"(p.jsonl:1: missing "pack")"},
      {R"({"format":"kgrep-fragment","version":2,"rules":[],"pack":7})",
       R"(p.jsonl:1: "pack": expected a string, got number)"},
      {kHead + R"("entities":[],"relations":[]})" + "x",
       "p.jsonl:1:106: invalid JSON: syntax error while parsing value - invalid literal; expected "
       "end of input"},
      {kHead + R"("relations":[]})", R"(p.jsonl:1: missing "entities")"},
      {kHead + R"("entities":{},"relations":[]})",
       R"(p.jsonl:1: "entities": expected an array, got object)"},
      {kHead + R"("entities":[3],"relations":[]})",
       R"(p.jsonl:1: "entities[0]": expected an object, got number)"},
      {kHead + R"("entities":[{"label":"Ann"}],"relations":[]})",
       R"(p.jsonl:1: missing "entities[0].type")"},
      {kHead + R"("entities":[{"label":"Ann","type":"Persn"}],"relations":[]})",
       R"(p.jsonl:1: "entities[0].type": unknown entity type 'Persn'; did you mean 'Person'?)"},
      {kHead + R"("entities":[{"label":"Ann","type":"Person","aliases":[null]}],)"
                   R"("relations":[]})",
       R"(p.jsonl:1: "entities[0].aliases[0]": expected a string, got null)"},
      {kHead + R"("entities":[{"label":"Ann","type":"Person","aliases":[],)"
                   R"("mentions":1.5}],"relations":[]})",
       R"(p.jsonl:1: "entities[0].mentions": expected an integer, got number)"},
      {kHead + R"("entities":[{"label":"Ann","type":"Person","aliases":[],)"
                   R"("mentions":99999999999}],"relations":[]})",
       R"(p.jsonl:1: "entities[0].mentions": out of range)"},
      {kHead + R"("entities":[{"label":"Ann","type":"Person","aliases":[],)"
                   R"("mentions":1,"key":"k","apart":1}],"relations":[]})",
       R"(p.jsonl:1: "entities[0].apart": expected a boolean, got number)"},
      {kHead + R"("entities":[)" + kAnn + "," + kBob + R"(]})",
       R"(p.jsonl:1: missing "relations")"},
      {kHead + R"("entities":[)" + kAnn + "," + kBob +
           R"(],"relations":[{"subject":0,"predicate":"met","object":2,)" + kEvidence + "}]}",
       R"(p.jsonl:1: "relations[0].object": entity 2 out of range (2 entities))"},
      {kHead + R"("entities":[)" + kAnn +
           R"(],"relations":[{"subject":-1,"predicate":"met","object":0,)" + kEvidence + "}]}",
       R"(p.jsonl:1: "relations[0].subject": expected a non-negative integer, got number)"},
      {kHead + R"("entities":[)" + kAnn + "," + kBob +
           R"(],"relations":[{"subject":0,"predicate":"met","object":1}]})",
       R"(p.jsonl:1: missing "relations[0].evidence")"},
      {kHead + R"("entities":[)" + kAnn + "," + kBob +
           R"(],"relations":[{"subject":0,"predicate":"met","object":1,)"
           R"("evidence":{"document":"d","begin":0,"end":"3"}}]})",
       R"(p.jsonl:1: "relations[0].evidence.end": expected a non-negative integer, got string)"},
  };
  for (const Case& c : cases) {
    std::string error;
    std::vector<Fragment> back = Read(c.line + "\n", &error);
    EXPECT_TRUE(back.empty()) << c.line;
    EXPECT_EQ(error, c.error) << c.line;
  }
}

// The column of invalid JSON counts characters, as an editor's does, and a
// line that is not UTF-8 names its first bad byte by its offset in the file.
TEST(FragmentTest, ErrorsNameTheCharacterAndTheByte) {
  std::string error;
  // "Łódź" is 4 characters in 7 bytes; the stray "x" is the 19th character.
  EXPECT_TRUE(Read("\n" R"({"document":"Łódź"x})" "\n", &error).empty());
  EXPECT_EQ(error,
            "p.jsonl:2:19: invalid JSON: syntax error while parsing object - invalid literal; "
            "expected '}'");
  // Line 2 begins at byte 12 of the file (line 1 is 11 blanks); its 0xFF is
  // byte 14 of the line, 26 of the file.
  const std::string first(11, ' ');
  EXPECT_TRUE(Read(first + "\n" + R"({"document":"d)" + "\xFF" + R"("})" "\n", &error).empty());
  EXPECT_EQ(error, "p.jsonl:2:15: invalid UTF-8 at byte 26 (0xFF)");
}

TEST(FragmentTest, AcceptsUnknownKeysAndAnyKeyOrder) {
  std::string line = R"({"relations":[],"entities":[)" + kAnn +
                     R"(],"document":"d","extra":{"x":1},"rules":["p.yaml"],)"
                     R"("pack":"p","version":2,"format":"kgrep-fragment"})";
  std::vector<Fragment> back = Read(line + "\n");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].rules, std::vector<std::string>{"p.yaml"});
  EXPECT_EQ(back[0].extraction.entities.at(0).key, "k1");
}

}  // namespace
}  // namespace kgrep
