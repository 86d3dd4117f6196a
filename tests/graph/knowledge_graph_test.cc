#include "graph/knowledge_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "tests/graph/graph_fixture.h"

namespace kgrep {
namespace {

using testing::AddAll;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::SmallFixture;

// Everything the graph holds, in its order, as text: equal dumps mean equal
// graphs.
std::string Dump(const KnowledgeGraph& g) {
  std::string out;
  for (size_t i = 0; i < g.num_nodes(); ++i) {
    const NodeProps& n = g.node(i);
    out += "n" + std::to_string(i) + " " + std::string(EntityTypeName(n.type)) +
           " [" + n.label + "] key=" + n.key + " m=" +
           std::to_string(n.mentions) + " d=" + std::to_string(n.documents) +
           " aliases=";
    for (const std::string& a : n.aliases) out += "[" + a + "]";
    out += "\n";
  }
  for (size_t i = 0; i < g.num_edges(); ++i) {
    EdgeRef e = g.edge(i);
    out += "e" + std::to_string(i) + " n" + std::to_string(e.source) + " -" +
           e.props->predicate + "-> n" + std::to_string(e.target) +
           " w=" + std::to_string(e.props->weight) + " rules=";
    for (const std::string& r : e.props->rules) out += "[" + r + "]";
    for (const Evidence& ev : e.props->evidence) {
      out += "\n  " + ev.document.str() + ":" + std::to_string(ev.begin) + "-" +
             std::to_string(ev.end) + " " + ev.rule.str() + " " + ev.text.str();
    }
    out += "\n";
  }
  return out;
}

Extraction OneRelation(const std::string& document, Entity subject,
                       const std::string& predicate, Entity object,
                       size_t begin = 0, const std::string& rule = "r") {
  Extraction x;
  x.document = document;
  x.entities = {std::move(subject), std::move(object)};
  x.relations = {MakeRelation(0, predicate, 1, document, begin,
                              "sentence " + std::to_string(begin), rule)};
  return x;
}

TEST(KnowledgeGraphTest, EmptyGraphIsFinalized) {
  KnowledgeGraph g;
  EXPECT_TRUE(g.finalized());
  EXPECT_EQ(0u, g.num_nodes());
  EXPECT_EQ(0u, g.num_edges());
}

TEST(KnowledgeGraphTest, MergesEntitiesByKeyAcrossDocuments) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  ASSERT_EQ(5u, g.num_nodes());
  EXPECT_EQ(2u, g.num_documents());

  const NodeProps& blinken = g.node(1);
  EXPECT_EQ("Antony Blinken", blinken.label);  // longer than "Blinken"
  EXPECT_EQ(std::set<std::string>({"Blinken", "Secretary Blinken"}),
            blinken.aliases);
  EXPECT_EQ(4, blinken.mentions);  // 3 + 1
  EXPECT_EQ(2, blinken.documents);
  EXPECT_EQ("Person:Antony Blinken", blinken.key);

  EXPECT_EQ("Annalena Baerbock", g.node(0).label);
  EXPECT_EQ(1, g.node(0).documents);
}

TEST(KnowledgeGraphTest, ShorterLabelBecomesAliasInEitherOrder) {
  Entity shorter = MakeEntity("Blinken", EntityType::kPerson, 1, {"Tony"},
                              "blinken");
  Entity longer = MakeEntity("Antony Blinken", EntityType::kPerson, 1, {},
                             "blinken");
  for (bool longer_first : {true, false}) {
    KnowledgeGraph g;
    Extraction a, b;
    a.entities = {longer_first ? longer : shorter};
    b.entities = {longer_first ? shorter : longer};
    g.Add(a);
    g.Add(b);
    g.Finalize();
    ASSERT_EQ(1u, g.num_nodes());
    EXPECT_EQ("Antony Blinken", g.node(0).label);
    EXPECT_EQ(std::set<std::string>({"Blinken", "Tony"}), g.node(0).aliases);
  }
}

TEST(KnowledgeGraphTest, EqualLengthLabelsTieByByteOrder) {
  for (bool swap : {false, true}) {
    KnowledgeGraph g;
    Extraction a, b;
    a.entities = {MakeEntity("Kyiv", EntityType::kLocation, 1, {}, "k")};
    b.entities = {MakeEntity("Kiev", EntityType::kLocation, 1, {"Kyiv"}, "k")};
    if (swap) std::swap(a, b);
    g.Add(a);
    g.Add(b);
    g.Finalize();
    ASSERT_EQ(1u, g.num_nodes());
    EXPECT_EQ("Kiev", g.node(0).label);
    EXPECT_EQ(std::set<std::string>({"Kyiv"}), g.node(0).aliases);
  }
}

TEST(KnowledgeGraphTest, EmptyKeyMergesByTypeAndLabel) {
  Entity a = MakeEntity("Paris", EntityType::kLocation);
  Entity b = MakeEntity("Paris", EntityType::kLocation);
  Entity c = MakeEntity("Paris", EntityType::kPerson);
  a.key = b.key = c.key = "";
  Extraction x;
  x.entities = {a, b, c};
  KnowledgeGraph g;
  g.Add(x);
  g.Finalize();
  ASSERT_EQ(2u, g.num_nodes());
  EXPECT_EQ(EntityType::kPerson, g.node(0).type);
  EXPECT_EQ("Location:Paris", g.node(1).key);
  EXPECT_EQ(2, g.node(1).mentions);
  EXPECT_EQ(1, g.node(1).documents);  // listed twice, one document
}

TEST(KnowledgeGraphTest, ConflictingTypesForOneKeyPickTheSmallestType) {
  Entity agency = MakeEntity("NATO", EntityType::kAgency, 1, {}, "nato");
  Entity org = MakeEntity("NATO", EntityType::kOrganization, 1, {}, "nato");
  org.key = agency.key;
  for (bool swap : {false, true}) {
    Extraction a, b;
    a.entities = {swap ? org : agency};
    b.entities = {swap ? agency : org};
    KnowledgeGraph g;
    g.Add(a);
    g.Add(b);
    g.Finalize();
    ASSERT_EQ(1u, g.num_nodes());
    EXPECT_EQ(EntityType::kAgency, g.node(0).type);
  }
}

TEST(KnowledgeGraphTest, OneEdgePerSubjectPredicateObject) {
  KnowledgeGraph g;
  AddAll(SmallFixture(), &g);
  ASSERT_EQ(4u, g.num_edges());
  // Sorted by (source, predicate, target); n1 is Antony Blinken.
  struct Expected {
    size_t source;
    const char* predicate;
    size_t target;
    int weight;
    size_t evidence;
    std::set<std::string> rules;
  };
  const std::vector<Expected> expected = {
      {1, "thanked", 0, 1, 1, {"thanked-basic"}},
      {1, "thanked", 2, 1, 1, {"thanked-basic"}},
      {1, "welcomed", 0, 2, 2, {"welcomed-basic", "welcomed-title"}},
      {3, "member_of", 4, 1, 1, {"joined"}},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("edge " + std::to_string(i));
    EdgeRef e = g.edge(i);
    EXPECT_EQ(expected[i].source, e.source);
    EXPECT_EQ(expected[i].predicate, e.props->predicate);
    EXPECT_EQ(expected[i].target, e.target);
    EXPECT_EQ(expected[i].weight, e.props->weight);
    EXPECT_EQ(expected[i].evidence, e.props->evidence.size());
    EXPECT_EQ(expected[i].rules, e.props->rules);
  }
}

TEST(KnowledgeGraphTest, DropsSelfLoopsAndInvalidIndices) {
  Extraction x;
  x.document = "d";
  x.entities = {MakeEntity("A", EntityType::kPerson),
                MakeEntity("A", EntityType::kPerson),  // same key as [0]
                MakeEntity("B", EntityType::kPerson)};
  x.relations = {MakeRelation(0, "met", 0, "d", 0, "A met A.", "r"),
                 MakeRelation(0, "met", 1, "d", 0, "A met A.", "r"),
                 MakeRelation(0, "met", 3, "d", 0, "A met ?.", "r"),
                 MakeRelation(7, "met", 2, "d", 0, "? met B.", "r"),
                 MakeRelation(0, "met", 2, "d", 0, "A met B.", "r")};
  KnowledgeGraph g;
  g.Add(x);
  g.Finalize();
  EXPECT_EQ(2u, g.dropped_self_loops());
  EXPECT_EQ(2u, g.dropped_invalid_relations());
  ASSERT_EQ(1u, g.num_edges());
  EXPECT_EQ("A met B.", g.edge(0).props->evidence.at(0).text);
}

TEST(KnowledgeGraphTest, EvidenceIsCappedButWeightCountsAll) {
  GraphOptions options;
  options.max_evidence = 2;
  KnowledgeGraph g(options);
  const Entity a = MakeEntity("A", EntityType::kPerson);
  const Entity b = MakeEntity("B", EntityType::kPerson);
  for (size_t begin : {50, 10, 40, 30, 20}) {
    g.Add(OneRelation("doc", a, "met", b, begin, "r" + std::to_string(begin)));
  }
  g.Finalize();
  ASSERT_EQ(1u, g.num_edges());
  const EdgeProps& edge = *g.edge(0).props;
  EXPECT_EQ(5, edge.weight);
  ASSERT_EQ(2u, edge.evidence.size());
  EXPECT_EQ(10u, edge.evidence[0].begin);  // the smallest, not the first
  EXPECT_EQ(20u, edge.evidence[1].begin);
  EXPECT_EQ(5u, edge.rules.size());  // rules are never capped
}

TEST(KnowledgeGraphTest, ZeroEvidenceCapKeepsNone) {
  GraphOptions options;
  options.max_evidence = 0;
  KnowledgeGraph g(options);
  g.Add(OneRelation("doc", MakeEntity("A", EntityType::kPerson), "met",
                    MakeEntity("B", EntityType::kPerson)));
  g.Finalize();
  ASSERT_EQ(1u, g.num_edges());
  EXPECT_EQ(1, g.edge(0).props->weight);
  EXPECT_TRUE(g.edge(0).props->evidence.empty());
}

TEST(KnowledgeGraphTest, EvidenceDocumentDefaultsToExtraction) {
  Extraction x = OneRelation("doc.txt", MakeEntity("A", EntityType::kPerson),
                             "met", MakeEntity("B", EntityType::kPerson));
  x.relations[0].evidence.document = SharedText();
  KnowledgeGraph g;
  g.Add(x);
  g.Finalize();
  EXPECT_EQ("doc.txt", g.edge(0).props->evidence.at(0).document);
}

TEST(KnowledgeGraphTest, NodesSortByTypeThenLabelThenKey) {
  Extraction x;
  x.entities = {MakeEntity("Zambia", EntityType::kCountry),
                MakeEntity("Paris", EntityType::kLocation, 1, {}, "paris-fr"),
                MakeEntity("Paris", EntityType::kLocation, 1, {}, "paris-tx"),
                MakeEntity("Zed", EntityType::kPerson),
                MakeEntity("Abe", EntityType::kPerson)};
  std::reverse(x.entities.begin(), x.entities.end());
  KnowledgeGraph g;
  g.Add(x);
  g.Finalize();
  std::vector<std::string> keys;
  for (size_t i = 0; i < g.num_nodes(); ++i) keys.push_back(g.node(i).key);
  EXPECT_EQ(std::vector<std::string>({"Person:Abe", "Person:Zed",
                                      "Country:Zambia", "Location:paris-fr",
                                      "Location:paris-tx"}),
            keys);
}

TEST(KnowledgeGraphTest, OrderOfAddsDoesNotMatter) {
  std::vector<Extraction> docs = SmallFixture();
  Extraction third;
  third.document = "notes/2023-11-09.txt";
  third.entities = {MakeEntity("Baerbock", EntityType::kPerson, 2, {},
                               "Annalena Baerbock"),
                    MakeEntity("Antony J. Blinken", EntityType::kPerson, 1, {},
                               "Antony Blinken")};
  third.relations = {MakeRelation(1, "welcomed", 0, third.document, 5,
                                  "Blinken welcomed her.", "welcomed-basic")};
  docs.push_back(third);

  GraphOptions options;
  options.max_evidence = 1;  // the cap must not depend on order either
  std::vector<size_t> order = {0, 1, 2};
  std::string first_dump;
  do {
    KnowledgeGraph g(options);
    for (size_t i : order) g.Add(docs[i]);
    g.Finalize();
    std::string dump = Dump(g);
    if (first_dump.empty()) {
      first_dump = dump;
      EXPECT_NE(std::string::npos,
                dump.find("[Antony J. Blinken] key=Person:Antony Blinken"))
          << dump;
    }
    EXPECT_EQ(first_dump, dump);
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(KnowledgeGraphTest, AddAfterFinalizeMergesIntoExistingEdges) {
  std::vector<Extraction> docs = SmallFixture();
  KnowledgeGraph g;
  AddAll(docs, &g);
  g.Add(docs[0]);  // the same relations again
  EXPECT_FALSE(g.finalized());
  g.Finalize();
  EXPECT_TRUE(g.finalized());
  EXPECT_EQ(5u, g.num_nodes());
  ASSERT_EQ(4u, g.num_edges());
  EXPECT_EQ(4, g.edge(2).props->weight);  // welcomed: 2 + 2
  EXPECT_EQ(3, g.node(1).documents);
}

// A moved graph is read as it was and merges what is added to it, by
// the indexes that moved with it; the graph moved from is empty.
TEST(KnowledgeGraphTest, AMovedGraphReadsAndMergesAsBefore) {
  std::vector<Extraction> docs = SmallFixture();
  KnowledgeGraph g;
  AddAll(docs, &g);
  ASSERT_EQ(4u, g.num_edges());
  const std::string third_edge = g.edge(2).props->predicate;
  KnowledgeGraph moved(std::move(g));
  EXPECT_TRUE(moved.finalized());
  ASSERT_EQ(4u, moved.num_edges());
  EXPECT_EQ(third_edge, moved.edge(2).props->predicate);
  EXPECT_EQ(0u, g.num_nodes());  // NOLINT(bugprone-use-after-move): specified empty
  EXPECT_EQ(0u, g.num_edges());  // NOLINT(bugprone-use-after-move)
  g.Add(docs[0]);                // NOLINT(bugprone-use-after-move): usable again
  g.Finalize();
  EXPECT_EQ(3u, g.num_edges());  // docs[0] alone, none of the moved graph's

  moved.Add(docs[0]);
  moved.Finalize();
  EXPECT_EQ(5u, moved.num_nodes());
  ASSERT_EQ(4u, moved.num_edges());
  EXPECT_EQ(4, moved.edge(2).props->weight);  // welcomed: 2 + 2
}

TEST(KnowledgeGraphTest, StoresCleanText) {
  Extraction x = OneRelation("doc", MakeEntity("Bad\x01Name\xFF", EntityType::kPerson),
                             "met\x1F", MakeEntity("B", EntityType::kPerson));
  x.relations[0].evidence.text = "line\x0Bone";
  KnowledgeGraph g;
  g.Add(x);
  g.Finalize();
  EXPECT_EQ("BadName\xEF\xBF\xBD", g.node(1).label);
  EXPECT_EQ("met", g.edge(0).props->predicate);
  EXPECT_EQ("lineone", g.edge(0).props->evidence.at(0).text);
}

TEST(KnowledgeGraphTest, EqualEvidenceTextsAreStoredOnce) {
  // Two documents give the same sentence (and document name, and rule) as
  // evidence of different edges, each in a buffer of its own: the graph keeps
  // one copy of each text, whether or not it needed cleaning.
  const std::string sentence = "A welcomed B and thanked C.";
  const std::string dirty = "A met\x0B B.";
  std::vector<Extraction> docs(2);
  for (Extraction& x : docs) {
    x.document = "doc.txt";
    x.entities = {MakeEntity("A", EntityType::kPerson), MakeEntity("B", EntityType::kPerson),
                  MakeEntity("C", EntityType::kPerson)};
    x.relations = {MakeRelation(0, "welcomed", 1, "doc.txt", 0, sentence, "rule-one"),
                   MakeRelation(0, "thanked", 2, "doc.txt", 0, sentence, "rule-one"),
                   MakeRelation(0, "met", 1, "doc.txt", 40, dirty, "rule-two")};
  }
  ASSERT_NE(docs[0].relations[0].evidence.text.data(),
            docs[1].relations[1].evidence.text.data());
  KnowledgeGraph g;
  for (const Extraction& x : docs) g.Add(x);
  g.Finalize();
  ASSERT_EQ(3u, g.num_edges());
  std::vector<const Evidence*> all;
  for (size_t i = 0; i < g.num_edges(); ++i)
    for (const Evidence& e : g.edge(i).props->evidence) all.push_back(&e);
  ASSERT_EQ(6u, all.size());
  std::set<const char*> texts, documents, rules;
  for (const Evidence* e : all) {
    texts.insert(e->text.data());
    documents.insert(e->document.data());
    rules.insert(e->rule.data());
  }
  EXPECT_EQ(2u, texts.size());  // the sentence, and the cleaned "A met B."
  EXPECT_EQ(1u, documents.size());
  EXPECT_EQ(2u, rules.size());
  for (const Evidence* e : all) {
    if (e->rule == "rule-two") EXPECT_EQ("A met B.", e->text);
    else EXPECT_EQ(sentence, e->text);
  }
}

struct CleanCase {
  const char* name;
  std::string in;
  std::string out;
};

TEST(CleanTextTest, Table) {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  const std::vector<CleanCase> cases = {
      {"ascii", "plain text", "plain text"},
      {"tab lf cr kept", "a\tb\nc\rd", "a\tb\nc\rd"},
      {"c0 removed", std::string("a\0b\x01\x1F" "c\x1B", 7), "abc"},
      {"del kept", "a\x7F", "a\x7F"},
      {"two byte", "caf\xC3\xA9", "caf\xC3\xA9"},
      {"four byte", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
      {"lone continuation", "a\x80z", "a" + r + "z"},
      {"bad lead", "\xFF\xFE", r + r},
      {"overlong", "\xC0\xAF", r + r},
      {"overlong three", "\xE0\x80\xAF", r + r + r},
      {"truncated at end", "x\xE2\x82", "x" + r},
      {"truncated before ascii", "\xE2\x82" "A", r + "A"},
      {"surrogate", "\xED\xA0\x80", r + r + r},
      {"above U+10FFFF", "\xF4\x90\x80\x80", r + r + r + r},
      {"U+FFFE", "\xEF\xBF\xBE", r},
      {"U+FFFF", "\xEF\xBF\xBF", r},
      {"U+FFFD kept", r, r},
      {"max code point", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
      {"kept runs around each kind",
       "ab\x01" "caf\xC3\xA9\xFF" "de\xEF\xBF\xBF" "f\xE2\x82" "gh\x1F",
       "abcaf\xC3\xA9" + r + "de" + r + "f" + r + "gh"},
  };
  for (const CleanCase& c : cases) {
    EXPECT_EQ(c.out, CleanText(c.in)) << c.name;
  }
}

// --- people named by one word across documents ------------------------------

Entity Person(const std::string& label, int mentions = 1) {
  // Keys hold the folded label, as the extractor makes them.
  std::string folded = label;
  std::transform(folded.begin(), folded.end(), folded.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return MakeEntity(label, EntityType::kPerson, mentions, {}, folded);
}

TEST(KnowledgeGraphTest, APersonNamedByOneWordIsTheOnePersonOfThatName) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Antony Blinken", 2), "thanked", Person("Ada Eze")));
  g.Add(OneRelation("b.txt", Person("Blinken"), "thanked", Person("Eze"), 5));
  EXPECT_EQ(2u, g.MergePeopleByName());
  g.Finalize();
  EXPECT_EQ(
      "n0 Person [Ada Eze] key=Person:ada eze m=2 d=2 aliases=[Eze]\n"
      "n1 Person [Antony Blinken] key=Person:antony blinken m=3 d=2 aliases=[Blinken]\n"
      "e0 n1 -thanked-> n0 w=2 rules=[r]\n"
      "  a.txt:0-10 r sentence 0\n"
      "  b.txt:5-15 r sentence 5\n",
      Dump(g));
}

TEST(KnowledgeGraphTest, AOneWordNameADocumentKeptApartIsNotMergedByItsLastWord) {
  // "President Hale" beside "First Lady Ana Hale" in a.txt: a.txt kept Hale
  // apart, so no document's "Hale" becomes Ana Hale, the one Hale of two
  // words; Eze, kept apart by no document, still becomes Ada Eze.
  for (bool apart_first : {true, false}) {
    KnowledgeGraph g;
    Extraction a = OneRelation("a.txt", Person("Hale"), "thanked", Person("Ana Hale"));
    a.entities[0].apart = true;
    Extraction b = OneRelation("b.txt", Person("Hale"), "welcomed", Person("Ada Eze"));
    Extraction c = OneRelation("c.txt", Person("Eze"), "thanked", Person("Hale"));
    if (apart_first) {
      g.Add(a), g.Add(b), g.Add(c);
    } else {
      g.Add(c), g.Add(b), g.Add(a);
    }
    EXPECT_EQ(1u, g.MergePeopleByName());
    g.Finalize();
    ASSERT_EQ(3u, g.num_nodes());
    EXPECT_EQ("Ada Eze", g.node(0).label);
    EXPECT_EQ("Ana Hale", g.node(1).label);
    EXPECT_EQ("Hale", g.node(2).label);
    EXPECT_TRUE(g.node(2).apart);
    EXPECT_FALSE(g.node(1).apart);
    EXPECT_EQ(3u, g.num_edges());
  }
}

TEST(KnowledgeGraphTest, ARelationBetweenTwoNamesOfOnePersonIsDropped) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Blinken"), "welcomed", Person("Antony Blinken")));
  EXPECT_EQ(1u, g.MergePeopleByName());
  g.Finalize();
  EXPECT_EQ(1u, g.num_nodes());
  EXPECT_EQ(0u, g.num_edges());
  EXPECT_EQ(1u, g.dropped_self_loops());
}

TEST(KnowledgeGraphTest, ADocumentAddedAfterMergingByNameIsMergedByTheNextCall) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Antony Blinken"), "thanked", Person("Ada Eze")));
  g.Add(OneRelation("b.txt", Person("Blinken"), "thanked", Person("Tomas Varga")));
  EXPECT_EQ(1u, g.MergePeopleByName());
  g.Add(OneRelation("c.txt", Person("Blinken"), "welcomed", Person("Ada Eze")));
  EXPECT_EQ(1u, g.MergePeopleByName());
  g.Finalize();
  ASSERT_EQ(3u, g.num_nodes());
  EXPECT_EQ("Antony Blinken", g.node(1).label);
  EXPECT_EQ(3, g.node(1).documents);
  EXPECT_EQ(3u, g.num_edges());
}

TEST(KnowledgeGraphTest, NamesThatDifferOnlyInMiddleInitialsAreOnePerson) {
  auto build = [](bool reversed) {
    std::vector<Extraction> docs;
    docs.push_back(OneRelation("a.txt", Person("Antony J. Blinken"), "thanked", Person("Ada Eze")));
    docs.push_back(OneRelation("b.txt", Person("Antony Blinken"), "welcomed", Person("Ada Eze")));
    docs.push_back(OneRelation("c.txt", Person("Blinken"), "thanked", Person("Ada Eze")));
    docs.push_back(OneRelation("d.txt", Person("Andres Lopez Obrador"), "thanked",
                               Person("Andres Manuel Lopez Obrador")));
    if (reversed) std::reverse(docs.begin(), docs.end());
    auto g = std::make_unique<KnowledgeGraph>();
    for (const Extraction& d : docs) g->Add(d);
    EXPECT_EQ(3u, g->MergePeopleByName());
    g->Finalize();
    return Dump(*g);
  };
  const std::string dump = build(false);
  EXPECT_EQ(
      "n0 Person [Ada Eze] key=Person:ada eze m=3 d=3 aliases=\n"
      // Both names from one document: it counts twice, as MergePeopleByName()
      // says; the relation between them is a self-loop, dropped.
      "n1 Person [Andres Manuel Lopez Obrador] key=Person:andres lopez obrador m=2 d=2 "
      "aliases=[Andres Lopez Obrador]\n"
      "n2 Person [Antony J. Blinken] key=Person:antony blinken m=3 d=3 "
      "aliases=[Antony Blinken][Blinken]\n"
      "e0 n2 -thanked-> n0 w=2 rules=[r]\n"
      "  a.txt:0-10 r sentence 0\n"
      "  c.txt:0-10 r sentence 0\n"
      "e1 n2 -welcomed-> n0 w=1 rules=[r]\n"
      "  b.txt:0-10 r sentence 0\n",
      dump);
  EXPECT_EQ(dump, build(true));
}

TEST(KnowledgeGraphTest, MiddleInitialsThatDisagreeMergeNobody) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("John A. Smith"), "thanked", Person("Ada Eze")));
  g.Add(OneRelation("b.txt", Person("John B. Smith"), "thanked", Person("Ada Eze")));
  g.Add(OneRelation("c.txt", Person("John Smith"), "thanked", Person("Ada Eze")));
  EXPECT_EQ(0u, g.MergePeopleByName());
  g.Finalize();
  EXPECT_EQ(4u, g.num_nodes());
}

TEST(KnowledgeGraphTest, OneWordSharedByTwoPeopleNamesNeither) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Joe Biden"), "thanked", Person("Jill Biden")));
  g.Add(OneRelation("b.txt", Person("Biden"), "thanked", Person("Ada Eze")));
  EXPECT_EQ(0u, g.MergePeopleByName());
  g.Finalize();
  EXPECT_EQ(4u, g.num_nodes());
}

TEST(KnowledgeGraphTest, ANameIsComparedWithoutItsSuffix) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Lloyd J. Austin III"), "thanked", Person("Ada Eze")));
  g.Add(OneRelation("b.txt", Person("Austin"), "thanked", Person("Ada Eze")));
  EXPECT_EQ(1u, g.MergePeopleByName());
  g.Finalize();
  ASSERT_EQ(2u, g.num_nodes());
  EXPECT_EQ("Lloyd J. Austin III", g.node(1).label);
  EXPECT_EQ(2, g.edge(0).props->weight);
}

TEST(KnowledgeGraphTest, OnlyPeopleMergeByName) {
  KnowledgeGraph g;
  g.Add(OneRelation("a.txt", Person("Ada Eze"), "member_of",
                    MakeEntity("National Guard", EntityType::kAgency, 1, {}, "national guard")));
  g.Add(OneRelation("b.txt", Person("Ada Eze"), "member_of",
                    MakeEntity("Guard", EntityType::kAgency, 1, {}, "guard")));
  g.Add(OneRelation("c.txt", Person("Guard"), "thanked", Person("Ada Eze")));
  EXPECT_EQ(0u, g.MergePeopleByName());
}

TEST(KnowledgeGraphTest, MergingByNameDoesNotDependOnTheOrderOfDocuments) {
  std::vector<Extraction> docs = {
      OneRelation("a.txt", Person("Antony Blinken"), "thanked", Person("Ada Eze")),
      OneRelation("b.txt", Person("Blinken"), "thanked", Person("Eze"), 5),
      OneRelation("c.txt", Person("Eze"), "welcomed", Person("Blinken"), 9),
      OneRelation("d.txt", Person("Tomas Varga"), "thanked", Person("Blinken"), 2)};
  std::string first;
  std::vector<size_t> order = {0, 1, 2, 3};
  do {
    KnowledgeGraph g;
    for (size_t i : order) g.Add(docs[i]);
    g.MergePeopleByName();
    g.Finalize();
    if (first.empty()) first = Dump(g);
    EXPECT_EQ(first, Dump(g));
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(EntityTypeColorTest, DistinctHexColours) {
  std::set<std::string_view> seen;
  for (int i = 0; i < kEntityTypeCount; ++i) {
    std::string_view color = EntityTypeColor(static_cast<EntityType>(i));
    ASSERT_EQ(7u, color.size());
    EXPECT_EQ('#', color[0]);
    EXPECT_EQ(std::string_view::npos,
              color.find_first_not_of("0123456789abcdef", 1))
        << color;
    seen.insert(color);
  }
  EXPECT_EQ(static_cast<size_t>(kEntityTypeCount), seen.size());
}

}  // namespace
}  // namespace kgrep
