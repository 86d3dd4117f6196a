// End to end over the bundled pack, with short made-up texts.

#include "extract/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "extract/text.h"
#include "extract/thread_order.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

using testing::BundledPack;
using testing::EntityStrings;
using testing::FindEntity;
using testing::HasRelation;
using testing::RelationStrings;

Extraction Extract(const std::string& text) {
  Extraction x;
  Status s = ExtractDocument(BundledPack(), "doc.txt", text, &x);
  EXPECT_TRUE(s.ok()) << s.message();
  return x;
}

// The people of an extraction, by label, sorted.
std::vector<std::string> People(const Extraction& x) {
  std::vector<std::string> out;
  for (const Entity& e : x.entities)
    if (e.type == EntityType::kPerson) out.push_back(e.label);
  std::sort(out.begin(), out.end());
  return out;
}

int CountPredicate(const Extraction& x, const std::string& predicate) {
  return static_cast<int>(std::count_if(x.relations.begin(), x.relations.end(),
                                        [&](const Relation& r) { return r.predicate == predicate; }));
}

// --- entities -------------------------------------------------------------------

TEST(ExtractorTest, UnknownNamesAreFoundByTheirShape) {
  Extraction x = Extract(
      "Chancellor Ingrid Weber met Minister Chidi Okafor in the morning. "
      "Dr. Amara Nwosu joined them, as did Tomas Varga, the Hungarian Foreign Minister.");
  EXPECT_EQ((std::vector<std::string>{"Amara Nwosu", "Chidi Okafor", "Ingrid Weber",
                                      "Tomas Varga"}),
            People(x))
      << ::testing::PrintToString(EntityStrings(x));
  EXPECT_TRUE(HasRelation(x, "Tomas Varga", "represents", "Hungary"))
      << ::testing::PrintToString(RelationStrings(x));
}

TEST(ExtractorTest, ABodysNameEndsBeforeItsPossessive) {
  Extraction x = Extract(
      "Minister Chidi Okafor praised the Office of Maritime Safety\xE2\x80\x99s work and the "
      "Department of Federal Roads's plans.");
  EXPECT_EQ((std::vector<std::string>{"Agency:Department of Federal Roads",
                                      "Agency:Office of Maritime Safety", "Person:Chidi Okafor"}),
            [&] {
              std::vector<std::string> e = EntityStrings(x);
              std::sort(e.begin(), e.end());
              return e;
            }());
}

TEST(ExtractorTest, TitleSurnameAndGivenNameAreOnePerson) {
  Extraction x = Extract(
      "Chancellor Ingrid Weber opened the meeting. Later, Chancellor Weber spoke about trade. "
      "Everyone agreed with Ingrid.");
  EXPECT_EQ(std::vector<std::string>{"Ingrid Weber"}, People(x))
      << ::testing::PrintToString(EntityStrings(x));
  int weber = FindEntity(x, "Ingrid Weber");
  ASSERT_GE(weber, 0);
  EXPECT_EQ(3, x.entities[weber].mentions);
  EXPECT_EQ((std::vector<std::string>{"Ingrid", "Weber"}), x.entities[weber].aliases);
  EXPECT_EQ("Person:ingrid weber", x.entities[weber].key);
}

TEST(ExtractorTest, AccentsDoNotSplitAPerson) {
  Extraction x = Extract(
      "Minister Luc\xC3\xAD" "a Fern\xC3\xA1ndez arrived early. Minister Lucia Fernandez spoke "
      "first. Then Minister Fernandez left.");
  ASSERT_EQ(1u, People(x).size()) << ::testing::PrintToString(EntityStrings(x));
  EXPECT_EQ("lucia fernandez", Fold(People(x)[0]));
}

TEST(ExtractorTest, PeopleSharingASurnameStayApart) {
  Extraction x = Extract(
      "Minister Ana Okafor met Ambassador Chidi Okafor in Abuja. "
      "Ambassador Okafor then left for the airport.");
  EXPECT_EQ((std::vector<std::string>{"Ana Okafor", "Chidi Okafor"}), People(x))
      << ::testing::PrintToString(EntityStrings(x));
  // The bare surname goes to the nearest Okafor before it.
  int chidi = FindEntity(x, "Chidi Okafor");
  int ana = FindEntity(x, "Ana Okafor");
  ASSERT_GE(chidi, 0);
  ASSERT_GE(ana, 0);
  EXPECT_EQ(2, x.entities[chidi].mentions);
  EXPECT_EQ(1, x.entities[ana].mentions);
}

TEST(ExtractorTest, APersonsKeyHasTheFormalGivenName) {
  // "Joe" has one formal name in the bundled pack, "Alex" several, so that
  // graphs of documents naming Joe Biden either way merge him into one node.
  Extraction x = Extract("President Joe Biden met Minister Alex Okafor and Chancellor Ingrid Weber.");
  int joe = FindEntity(x, "Joe Biden");
  int alex = FindEntity(x, "Alex Okafor");
  int ingrid = FindEntity(x, "Ingrid Weber");
  ASSERT_GE(joe, 0);
  ASSERT_GE(alex, 0);
  ASSERT_GE(ingrid, 0);
  EXPECT_EQ("Person:joseph biden", x.entities[joe].key);
  EXPECT_EQ("Person:alex okafor", x.entities[alex].key);
  EXPECT_EQ("Person:ingrid weber", x.entities[ingrid].key);
}

TEST(ExtractorTest, ABodyOfManyStatesIsKeyedByItsNameAndCountry) {
  // Documents that name the Mexican Army, or the Government of Kenya, in
  // different ways give them the same key, and the Colombian Army another.
  auto key = [](const std::string& text, const std::string& label) {
    Extraction x = Extract(text);
    int e = FindEntity(x, label);
    EXPECT_GE(e, 0) << ::testing::PrintToString(EntityStrings(x));
    return e < 0 ? std::string() : x.entities[static_cast<size_t>(e)].key;
  };
  const std::string mexican = key("Minister Ada Eze thanked the Mexican Army.", "Mexican Army");
  EXPECT_EQ(mexican, key("Minister Ada Eze thanked the Mexico Army.", "Mexico Army"));
  EXPECT_NE(mexican, key("Minister Ada Eze thanked the Colombian Army.", "Colombian Army"));
  const std::string kenya = key("Minister Ada Eze thanked the Government of Kenya.", "Government of Kenya");
  EXPECT_EQ(kenya, key("Minister Ada Eze thanked the Kenyan Government.", "Kenyan Government"));
  EXPECT_EQ(kenya, key("Minister Ada Eze thanked the Government of the Republic of Kenya.",
                       "Government of the Republic of Kenya"));
}

TEST(ExtractorTest, NicknameJoinsTheFullName) {
  Extraction x = Extract(
      "Ambassador Kenneth Morales arrived on Monday. Ambassador Ken Morales then met the press.");
  EXPECT_EQ(std::vector<std::string>{"Kenneth Morales"}, People(x))
      << ::testing::PrintToString(EntityStrings(x));
  int ken = FindEntity(x, "Kenneth Morales");
  ASSERT_GE(ken, 0);
  EXPECT_EQ(std::vector<std::string>{"Ken Morales"}, x.entities[ken].aliases);
}

TEST(ExtractorTest, MentionsStayInsideTheirSentence) {
  Extraction x = Extract(
      "Minister Chidi Okafor works at the Department of State. Ana Lopez and Luis Lopez came "
      "too.");
  for (const Entity& e : x.entities)
    EXPECT_EQ(std::string::npos, e.label.find(". ")) << e.label;
}

// --- relations ------------------------------------------------------------------

TEST(ExtractorTest, SpeakerWelcomesAList) {
  Extraction x = Extract(
      "CHANCELLOR WEBER: Good morning. I want to welcome my colleagues, Minister Chidi "
      "Okafor, Ambassador Luc\xC3\xAD" "a Fern\xC3\xA1ndez and Secretary Tomas Varga.\n");
  EXPECT_EQ((std::vector<std::string>{"Weber -welcomed-> Chidi Okafor",
                                      "Weber -welcomed-> Luc\xC3\xAD" "a Fern\xC3\xA1ndez",
                                      "Weber -welcomed-> Tomas Varga"}),
            RelationStrings(x));
  for (const Relation& r : x.relations) EXPECT_EQ("speaker-welcomes", r.evidence.rule);
}

TEST(ExtractorTest, ReportedWelcomeAndThanks) {
  Extraction x = Extract(
      "Chancellor Ingrid Weber welcomed Minister Chidi Okafor to Berlin. "
      "Minister Okafor thanked Chancellor Weber for the invitation.");
  EXPECT_TRUE(HasRelation(x, "Ingrid Weber", "welcomed", "Chidi Okafor"))
      << ::testing::PrintToString(RelationStrings(x));
  EXPECT_TRUE(HasRelation(x, "Chidi Okafor", "thanked", "Ingrid Weber"))
      << ::testing::PrintToString(RelationStrings(x));
}

TEST(ExtractorTest, WhomAListWelcomesOrThanks) {
  // A demonym names no one; a body or country after "to" or "for" (up to a
  // comma) is where or why; people are welcomed and thanked wherever they
  // stand in the list.
  Extraction x = Extract(
      "Chancellor Ingrid Weber welcomed Nigerian Foreign Minister Chidi Okafor to the "
      "Department of Energy. Minister Okafor thanked Chancellor Weber for Germany's support "
      "for the Nigerian Police Force and thanked Ambassador Tomas Varga. Chancellor Weber "
      "welcomed Nigerian Ambassador to Germany Lucia Eze.");
  std::vector<std::string> got;
  for (const std::string& r : RelationStrings(x))
    if (r.find("-welcomed->") != std::string::npos || r.find("-thanked->") != std::string::npos)
      got.push_back(r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ((std::vector<std::string>{"Chidi Okafor -thanked-> Ingrid Weber",
                                      "Chidi Okafor -thanked-> Tomas Varga",
                                      "Ingrid Weber -welcomed-> Chidi Okafor",
                                      "Ingrid Weber -welcomed-> Lucia Eze"}),
            got);
  // A comma closes the phrase: "welcome to Budapest, Minister".
  x = Extract(
      "Chancellor Ingrid Weber welcomed to Budapest, Minister Chidi Okafor and the "
      "Department of Energy.");
  EXPECT_TRUE(HasRelation(x, "Ingrid Weber", "welcomed", "Department of Energy"))
      << ::testing::PrintToString(RelationStrings(x));
  EXPECT_FALSE(HasRelation(x, "Ingrid Weber", "welcomed", "Hungary"))
      << ::testing::PrintToString(RelationStrings(x));
}

TEST(ExtractorTest, TheSecretaryIsThePersonWithThatTitle) {
  Extraction x = Extract(
      "Secretary of State Ingrid Weber met Foreign Minister Chidi Okafor in Abuja. The "
      "Secretary welcomed Minister Okafor and thanked him for Nigeria's leadership of the "
      "G20.");
  EXPECT_EQ((std::vector<std::string>{"Ingrid Weber -welcomed-> Chidi Okafor",
                                      "Ingrid Weber -thanked-> Chidi Okafor"}),
            RelationStrings(x));
  int weber = FindEntity(x, "Ingrid Weber");
  ASSERT_GE(weber, 0);
  EXPECT_EQ(2, x.entities[weber].mentions) << "her name and the title";
  EXPECT_TRUE(x.entities[weber].aliases.empty()) << "a title is no name of hers";

  // A title that the speaker of an earlier turn holds.
  x = Extract(
      "PRIME MINISTER OKAFOR: Thank you.\n"
      "\n"
      "CHANCELLOR WEBER: I want to thank the Prime Minister for his visit.\n");
  EXPECT_TRUE(HasRelation(x, "Weber", "thanked", "Okafor"))
      << ::testing::PrintToString(RelationStrings(x));

  // Two secretaries: "the Secretary" is neither. "Deputy Secretary" is not
  // "the Secretary" either.
  for (const char* text :
       {"Secretary of State Ingrid Weber and Secretary of Energy Tomas Varga met. The Secretary "
        "welcomed Minister Chidi Okafor.",
        "Deputy Secretary Ingrid Weber met Minister Chidi Okafor. The Secretary welcomed "
        "Minister Okafor."}) {
    SCOPED_TRACE(text);
    x = Extract(text);
    EXPECT_EQ(0, CountPredicate(x, "welcomed")) << ::testing::PrintToString(RelationStrings(x));
  }
}

TEST(ExtractorTest, ThankYouMrSecretaryThanksThePreviousSpeaker) {
  Extraction x = Extract(
      "SECRETARY VARGA: Good morning, and welcome to Budapest.\n"
      "\n"
      "MINISTER OKAFOR: Thank you, Mr. Secretary. Let us begin.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -thanked-> Varga"}, RelationStrings(x));
}

TEST(ExtractorTest, AStageDirectionDoesNotOpenTheTurn) {
  // "Ingrid", opening the turn after the interpreter's note, is the previous
  // speaker, of whom only the surname was known.
  Extraction x = Extract(
      "CHANCELLOR WEBER: Good morning, Minister.\n"
      "\n"
      "MINISTER OKAFOR: (As interpreted.)  Thank you, Ingrid.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -thanked-> Ingrid Weber"}, RelationStrings(x));
}

TEST(ExtractorTest, VocativeThanks) {
  Extraction x = Extract(
      "MS. NWOSU: Minister Chidi Okafor, thank you for coming.\n");
  EXPECT_EQ(std::vector<std::string>{"Nwosu -thanked-> Chidi Okafor"}, RelationStrings(x));
}

TEST(ExtractorTest, PronounRefersToThePersonOfThePreviousSentence) {
  Extraction x = Extract(
      "AMBASSADOR NWOSU: Minister Chidi Okafor led the talks. I want to thank him.\n");
  EXPECT_EQ(std::vector<std::string>{"Nwosu -thanked-> Chidi Okafor"}, RelationStrings(x));
  ASSERT_EQ(1u, x.relations.size());
  EXPECT_EQ("I want to thank him.", x.relations[0].evidence.text);
}

TEST(ExtractorTest, WelcomingAThingIsNoWelcome) {
  Extraction x = Extract(
      "MINISTER OKAFOR: We welcome the new agreement. We also welcome the Lagos Trade "
      "Agreement.\n");
  EXPECT_EQ(0, CountPredicate(x, "welcomed")) << ::testing::PrintToString(RelationStrings(x));
}

TEST(ExtractorTest, DemonymTitleRepresentsTheCountry) {
  const char* texts[] = {
      "The talks included the Mexican ambassador Pedro Alvarado.",
      "The Mexican ambassador Pedro Alvarado joined the talks.",
      "Thanks. The Mexican ambassador Pedro Alvarado joined the talks.",
  };
  for (const char* text : texts) {
    SCOPED_TRACE(text);
    Extraction x = Extract(text);
    EXPECT_TRUE(HasRelation(x, "Pedro Alvarado", "represents", "Mexico"))
        << ::testing::PrintToString(RelationStrings(x));
    int mexico = FindEntity(x, "Mexico");
    ASSERT_GE(mexico, 0) << "kept because a relation needs it";
    EXPECT_EQ(EntityType::kCountry, x.entities[mexico].type);
    EXPECT_TRUE(x.entities[mexico].aliases.empty()) << "a demonym does not name it";
  }
}

TEST(ExtractorTest, SpeakerRepresentsACountry) {
  Extraction x = Extract("MINISTER OKAFOR: I am proud to represent Nigeria here.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -represents-> Nigeria"}, RelationStrings(x));
}

TEST(ExtractorTest, MemberOfAndPartOf) {
  Extraction x = Extract(
      "The delegation was led by Tomas Varga of the Department of Energy. "
      "Nigeria's Foreign Ministry sent a note.");
  EXPECT_TRUE(HasRelation(x, "Tomas Varga", "member_of", "Department of Energy"))
      << ::testing::PrintToString(RelationStrings(x));
  EXPECT_TRUE(HasRelation(x, "Foreign Ministry", "part_of", "Nigeria"))
      << ::testing::PrintToString(RelationStrings(x));
}

TEST(ExtractorTest, EvidencePointsAtTheSentenceInTheOriginal) {
  std::string text =
      "\xEF\xBB\xBF" "CHANCELLOR WEBER:\xC2\xA0Good morning.\r\n"
      "I want to welcome Minister Chidi\r\n"
      "Okafor and Ambassador Amara Nwosu.\r\n"
      "\r\n"
      "MINISTER OKAFOR: Thank you, Chancellor. I am proud to represent Nigeria.\r\n";
  Extraction x = Extract(text);
  ASSERT_EQ(4u, x.relations.size()) << ::testing::PrintToString(RelationStrings(x));
  for (const Relation& r : x.relations) {
    SCOPED_TRACE(r.evidence.text);
    EXPECT_EQ("doc.txt", r.evidence.document);
    ASSERT_LE(r.evidence.begin, r.evidence.end);
    ASSERT_LE(r.evidence.end, text.size());
    std::string original = text.substr(r.evidence.begin, r.evidence.end - r.evidence.begin);
    EXPECT_EQ(r.evidence.text, CollapseSpaces(original));
  }
  EXPECT_EQ("I want to welcome Minister Chidi Okafor and Ambassador Amara Nwosu.",
            x.relations[0].evidence.text);
  EXPECT_EQ(text.find("I want"), x.relations[0].evidence.begin);
  EXPECT_EQ(text.find("Nwosu.") + 6, x.relations[0].evidence.end);
}

TEST(ExtractorTest, Errors) {
  Extraction x;
  Status s = ExtractDocument(BundledPack(), "bad.txt", "Minister \xFF", &x);
  EXPECT_EQ("bad.txt:1:10: invalid UTF-8 at byte 9 (0xFF)", s.message());
  s = ExtractDocument(BundledPack(), "empty.txt", "\n\n", &x);
  EXPECT_EQ("empty.txt: no text to read (empty after clean-up)", s.message());
}

// Everything an extraction holds, one line each, for comparisons.
std::string Dump(const Extraction& x) {
  std::string out = "document " + x.document + "\n";
  for (const Entity& e : x.entities) {
    out += "entity " + std::string(EntityTypeName(e.type)) + " " + e.label + " x" +
           std::to_string(e.mentions) + " " + e.key + " [";
    for (const std::string& a : e.aliases) out += a + ";";
    out += "]\n";
  }
  for (const Relation& r : x.relations)
    out += "relation " + std::to_string(r.subject) + " " + r.predicate + " " +
           std::to_string(r.object) + " " + r.evidence.rule.str() + " " +
           r.evidence.document.str() + ":" + std::to_string(r.evidence.begin) + "-" +
           std::to_string(r.evidence.end) + " " + r.evidence.text.str() + "\n";
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Long documents and many short ones (the pack's own tests), an unreadable
// one and an empty one among them.
std::vector<std::pair<std::string, std::string>> ManyDocuments() {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const char* name : {"examples/us-mexico-security-dialogue-2021.txt",
                           "examples/walkthrough/debate.txt", "tests/data/fixture.txt",
                           "tests/data/tricky.txt"}) {
    docs.emplace_back(name, ReadFile(std::string(KGREP_RULES_DIR "/../") + name));
    EXPECT_FALSE(docs.back().second.empty()) << name;
  }
  docs.emplace_back("bad.txt", "Minister \xFF");
  for (const PackTest& t : BundledPack().tests)
    docs.emplace_back(t.name, t.speaker.empty() ? t.text : t.speaker + ": " + t.text);
  docs.emplace_back("empty.txt", "\n\n");
  return docs;
}

TEST(ExtractorTest, ScanningDocumentsTogetherFindsTheSameMentions) {
  const RulePack& pack = BundledPack();
  std::vector<Document> docs;
  for (const auto& [name, text] : ManyDocuments()) {
    Document doc;
    if (SegmentDocument(pack, name, text, &doc).ok()) docs.push_back(std::move(doc));
  }
  ASSERT_GT(docs.size(), 10u);
  std::vector<const Document*> pointers;
  for (const Document& d : docs) pointers.push_back(&d);
  std::vector<DocumentScan> scans;
  ScanDocuments(pack, pointers, &scans);
  ASSERT_EQ(docs.size(), scans.size());
  auto dump = [](const MatchResult& r) {
    std::string out;
    for (const Mention& m : r.mentions)
      out += std::to_string(m.span.begin) + "-" + std::to_string(m.span.end) + " " +
             std::string(EntityTypeName(m.type)) + " " + m.rule + " " + m.text + " t=" +
             m.title.text + " c=" + m.country.text + " a=" + m.agency.text + "\n";
    for (const LostCandidate& l : r.lost)
      out += "lost " + std::to_string(l.candidate.span.begin) + " " + l.candidate.rule + " to " +
             l.winner_rule + "\n";
    return out;
  };
  size_t mentions = 0, lost = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_EQ(docs[i].paragraphs.size(), scans[i].size()) << docs[i].name;
    MatchResult alone = FindMentions(pack, docs[i]);
    mentions += alone.mentions.size();
    lost += alone.lost.size();
    EXPECT_EQ(dump(alone), dump(FindMentions(pack, docs[i], &scans[i]))) << docs[i].name;
    // Dropping the losers changes nothing else.
    MatchResult dropped = FindMentions(pack, docs[i], &scans[i], Losers::kDrop);
    EXPECT_TRUE(dropped.lost.empty()) << docs[i].name;
    alone.lost.clear();
    EXPECT_EQ(dump(alone), dump(dropped)) << docs[i].name;
  }
  EXPECT_GT(mentions, 200u);
  EXPECT_GT(lost, 20u);
}

// ExtractDocuments() over `docs` as one batch.
std::vector<ExtractionJob> ExtractTogether(
    const std::vector<std::pair<std::string, std::string>>& docs) {
  std::vector<ExtractionJob> jobs(docs.size());
  std::vector<ExtractionJob*> pointers;
  for (size_t i = 0; i < docs.size(); ++i) {
    jobs[i].name = docs[i].first;
    jobs[i].text = docs[i].second;
    pointers.push_back(&jobs[i]);
  }
  ExtractDocuments(BundledPack(), pointers);
  return jobs;
}

TEST(ExtractorTest, ExtractingDocumentsTogetherGivesWhatEachGivesAlone) {
  std::vector<std::pair<std::string, std::string>> docs = ManyDocuments();
  std::vector<ExtractionJob> jobs = ExtractTogether(docs);
  size_t failed = 0, relations = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    Extraction alone;
    Status s = ExtractDocument(BundledPack(), docs[i].first, docs[i].second, &alone);
    EXPECT_EQ(s.message(), jobs[i].status.message()) << docs[i].first;
    if (!s.ok()) {
      ++failed;
      continue;
    }
    relations += alone.relations.size();
    EXPECT_EQ(Dump(alone), Dump(jobs[i].extraction)) << docs[i].first;
  }
  EXPECT_EQ(2u, failed);  // bad.txt and empty.txt
  EXPECT_GT(relations, 50u);

  // One job alone takes the path of ExtractDocument.
  ExtractionJob one;
  one.name = "fixture.txt";
  one.text = docs[2].second;
  ExtractDocuments(BundledPack(), {&one});
  Extraction alone;
  ASSERT_TRUE(ExtractDocument(BundledPack(), "fixture.txt", docs[2].second, &alone).ok());
  EXPECT_TRUE(one.status.ok());
  EXPECT_EQ(Dump(alone), Dump(one.extraction));
}

// Each thread walks the pack's patterns from a place of its own
// (extract/thread_order.h); what it finds must not depend on where.
TEST(ExtractorTest, EveryThreadExtractsTheSame) {
  const RulePack& pack = BundledPack();
  const std::vector<std::pair<std::string, std::string>> docs = ManyDocuments();
  auto extract_all = [&docs](std::vector<std::string>* dumps) {
    for (const ExtractionJob& job : ExtractTogether(docs)) dumps->push_back(Dump(job.extraction));
  };
  auto entity_cost = [&pack](size_t ri) {
    const EntityRule& rule = pack.entity_rules[ri];
    return rule.pattern ? rule.pattern->ProgramSize() : 0;
  };
  std::vector<std::string> here;
  extract_all(&here);
  size_t elsewhere = 0;  // threads that began the entity rules past the first
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string> there;
    std::thread([&] {
      if (FirstOfWalk(pack.entity_rules.size(), entity_cost) != 0) ++elsewhere;
      extract_all(&there);
    }).join();
    EXPECT_EQ(here, there);
  }
  EXPECT_GE(elsewhere, 2u);
}

}  // namespace
}  // namespace kgrep
