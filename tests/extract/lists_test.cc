// Lists of whom a relation binds (`each`, `skip_after`, `skip_clause`,
// `stop_at`) and
// where a person's name ends (`names: enders`), on a small pack of their own.

#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep::testing {
namespace {

constexpr char kPack[] =
    "segmentation:\n"
    "  speakers: ['^(?P<speaker>(?:\\p{Lu}+[ ]+)*\\p{Lu}+):']\n"
    "titles:\n"
    "  words: [Minister, Ambassador]\n"
    "names:\n"
    "  enders: [Hosts, Before]\n"
    "entities:\n"
    "  - id: titled\n"
    "    type: Person\n"
    "    pattern: '(?:Minister|Ambassador)[ ]+(?P<name>\\p{Lu}\\p{Ll}+(?:[ ]+\\p{Lu}\\p{Ll}+)*)'\n"
    "  - id: city\n"
    "    type: Location\n"
    "    pattern: '\\b(?P<name>Lagos|Abuja)\\b'\n"
    "relations:\n"
    "  - id: thanks\n"
    "    predicate: thanked\n"
    "    subject: speaker\n"
    "    object: {group: objects, types: [Person, Location], each: true,\n"
    "             skip_after: '\\bin\\b', skip_clause: ',[ ]+who\\b|\\band[ ]+(?:met|welcome)\\b',\n"
    "             stop_at: ',[ ]+and[ ]+we\\b'}\n"
    "    pattern: '(?i:\\bthank)(?P<objects>[^;]*)'\n";

class ListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diags = LoadPackText(ScratchDir(), "lists.yaml", kPack, &pack_);
    ASSERT_TRUE(diags.empty()) << Headlines(diags);
  }
  std::vector<std::string> Run(const std::string& text) {
    Extraction x;
    Status s = ExtractDocument(pack_, "doc", text, &x);
    EXPECT_TRUE(s.ok()) << s.message();
    return RelationStrings(x);
  }
  RulePack pack_;
};

TEST_F(ListsTest, EverySlotOfTheListIsBound) {
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze", "Okafor -thanked-> Tomas Varga",
                                      "Okafor -thanked-> Lagos"}),
            Run("MINISTER OKAFOR: I thank Minister Ada Eze, Ambassador Tomas Varga and Lagos.\n"));
}

TEST_F(ListsTest, APhraseOfPlaceSkipsPlacesNotPeople) {
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze", "Okafor -thanked-> Tomas Varga",
                                      "Okafor -thanked-> Abuja"}),
            Run("MINISTER OKAFOR: I thank Minister Ada Eze in Lagos and Ambassador Tomas Varga, "
                "and Abuja.\n"));
}

TEST_F(ListsTest, AClauseSkipsEveryoneInItUpToAComma) {
  // Nobody after "who" is thanked until the comma that closes the clause.
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze", "Okafor -thanked-> Tomas Varga"}),
            Run("MINISTER OKAFOR: I thank Minister Ada Eze, who came with Minister Lucia Brandt "
                "from Lagos, and Ambassador Tomas Varga.\n"));
  // Unclosed, it runs to the end of the group.
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze"}),
            Run("MINISTER OKAFOR: I thank Minister Ada Eze and met Ambassador Tomas Varga in "
                "Abuja.\n"));
}

TEST_F(ListsTest, AClauseAtTheListsStartOpensNothing) {
  // "thank and welcome X": the words belong to the verb.
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze"}),
            Run("MINISTER OKAFOR: I thank and welcome Minister Ada Eze.\n"));
  // Anywhere else they open a clause, whether or not anyone is bound yet.
  EXPECT_EQ((std::vector<std::string>{}),
            Run("MINISTER OKAFOR: I thank the hosts, who came with Minister Ada Eze.\n"));
}

TEST_F(ListsTest, AListStopsForGood) {
  // No comma reopens it, unlike a clause.
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze"}),
            Run("MINISTER OKAFOR: I thank Minister Ada Eze, and we met Ambassador Tomas Varga, "
                "Minister Lucia Brandt and Lagos.\n"));
  // At the list's start the words stop nothing; anywhere else they do.
  EXPECT_EQ((std::vector<std::string>{"Okafor -thanked-> Ada Eze"}),
            Run("MINISTER OKAFOR: I thank, and we all do, Minister Ada Eze.\n"));
  EXPECT_EQ((std::vector<std::string>{}),
            Run("MINISTER OKAFOR: I thank the hosts, and we met Minister Ada Eze.\n"));
}

TEST_F(ListsTest, ANameEndsBeforeAnEnder) {
  Extraction x;
  Trace trace;
  ASSERT_TRUE(ExtractDocument(pack_, "doc",
                              "Ambassador Tomas Varga Hosts Talks in Lagos.\n\n"
                              "Remarks by Minister Ada Eze Before Departure.\n",
                              &x, &trace)
                  .ok());
  EXPECT_EQ((std::vector<std::string>{"Person:Tomas Varga", "Person:Ada Eze", "Location:Lagos"}),
            EntityStrings(x));
  // Each mention ends where its name does.
  for (const Mention& m : trace.matches.mentions)
    EXPECT_EQ(m.text, trace.document.Text(m.span));
}

}  // namespace
}  // namespace kgrep::testing
