// The roles a relation rule can bind besides groups: the speaker, the
// previous speaker, the person addressed, and the person the sentence before
// opens with.

#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep::testing {
namespace {

// A pack with one person rule and one relation per role: "greets" binds the
// person a sentence addresses, "answers" the previous speaker. "said" gives
// quotations to the people named next to them.
constexpr char kPack[] =
    "segmentation:\n"
    "  speakers: ['^(?P<speaker>(?:\\p{Lu}+[ ]+)*\\p{Lu}+):']\n"
    "  abbreviations: [Mr.]\n"
    "titles:\n"
    "  words: [Minister, Ambassador, Secretary]\n"
    "  honorifics: [Mr.]\n"
    "entities:\n"
    "  - id: titled\n"
    "    type: Person\n"
    "    pattern: '(?:Minister|Ambassador)[ ]+(?P<name>\\p{Lu}\\p{Ll}+(?:[ ]+\\p{Lu}\\p{Ll}+)*)'\n"
    "relations:\n"
    "  - id: greets\n"
    "    predicate: greeted\n"
    "    subject: speaker\n"
    "    object: addressed\n"
    "    pattern: '(?i:good morning)'\n"
    "  - id: answers\n"
    "    predicate: answered\n"
    "    subject: speaker\n"
    "    object: previous_speaker\n"
    "    pattern: '(?i:\\bthe answer\\b)'\n"
    "  - id: he-praised\n"
    "    predicate: praised\n"
    "    subject: previous_subject\n"
    "    object: object\n"
    "    pattern: '^He[ ]+praised[ ]+(?P<object>.*)'\n"
    "resolution:\n"
    "  said: '(?:said|added)\\b'\n"
    "predicates: [greeted, answered, praised]\n";

class RolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = ScratchDir();
    Diagnostics diags = LoadPackText(dir, "roles.yaml", kPack, &pack_);
    ASSERT_TRUE(diags.empty()) << Headlines(diags);
  }
  Extraction Run(const std::string& text) {
    Extraction x;
    Status s = ExtractDocument(pack_, "doc", text, &x);
    EXPECT_TRUE(s.ok()) << s.message();
    return x;
  }
  RulePack pack_;
};

TEST_F(RolesTest, PreviousSubjectIsThePersonTheSentenceBeforeOpensWith) {
  EXPECT_EQ(std::vector<std::string>{"Tomas Varga -praised-> Ada Eze"},
            RelationStrings(Run("Minister Tomas Varga spoke. He praised Minister Ada Eze.\n")));
  // After a phrase set off by a comma, title words and "the" before the name.
  EXPECT_EQ(std::vector<std::string>{"Tomas Varga -praised-> Ada Eze"},
            RelationStrings(Run("On Monday, the Minister Tomas Varga spoke. He praised Minister "
                                "Ada Eze.\n")));
}

TEST_F(RolesTest, PreviousSubjectNeedsTheNameToOpenTheSentence) {
  // A verb before the name: the name is no subject.
  EXPECT_TRUE(RelationStrings(Run("The delegation met Minister Tomas Varga. He praised Minister "
                                  "Ada Eze.\n"))
                  .empty());
  // The first sentence of a turn has none before it.
  EXPECT_TRUE(RelationStrings(Run("He praised Minister Ada Eze.\n")).empty());
  // Nor does a sentence after another speaker's turn.
  EXPECT_TRUE(RelationStrings(Run("MINISTER VARGA: Minister Tomas Varga is here.\n\n"
                                  "MINISTER OKAFOR: He praised Minister Ada Eze.\n"))
                  .empty());
}

TEST_F(RolesTest, AddressedByNameAtTheStart) {
  Extraction x = Run("MINISTER OKAFOR: Ambassador Tomas Varga, Minister Ada Eze, good morning.\n");
  // In the order of the text.
  EXPECT_EQ((std::vector<std::string>{"Okafor -greeted-> Tomas Varga",
                                      "Okafor -greeted-> Ada Eze"}),
            RelationStrings(x));
}

TEST_F(RolesTest, AddressedByNameAtTheEnd) {
  Extraction x = Run("MINISTER OKAFOR: A very good morning to you, Ambassador Tomas Varga.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -greeted-> Tomas Varga"}, RelationStrings(x));
}

TEST_F(RolesTest, AddressedByTitleIsThePersonWithThatTitle) {
  Extraction x = Run(
      "AMBASSADOR VARGA: Thank you.\n\n"
      "MINISTER EZE: Let me say this.\n\n"
      "MINISTER OKAFOR: Well. Good morning, Mr. Ambassador.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -greeted-> Varga"}, RelationStrings(x));
}

TEST_F(RolesTest, AddressedAtTheStartOfATurnIsThePreviousSpeaker) {
  Extraction x = Run("MINISTER EZE: Let me begin.\n\nMINISTER OKAFOR: Good morning.\n");
  EXPECT_EQ(std::vector<std::string>{"Okafor -greeted-> Eze"}, RelationStrings(x));
}

TEST_F(RolesTest, NobodyAddressedLaterInATurn) {
  Extraction x = Run("MINISTER EZE: Let me begin.\n\nMINISTER OKAFOR: Well. Good morning.\n");
  EXPECT_EQ(std::vector<std::string>{}, RelationStrings(x));
}

TEST_F(RolesTest, PreviousSpeakerIsTheSpeakerOfTheTurnBefore) {
  Extraction x = Run(
      "MINISTER EZE: A question.\n\n"
      "MINISTER OKAFOR: Here is the answer.\n\n"
      "Q: Another question.\n\n"
      "MINISTER EZE: And the answer again.\n");
  // The last answer follows the "Q" turn, not Okafor's.
  EXPECT_TRUE(HasRelation(x, "Okafor", "answered", "Eze")) << ::testing::PrintToString(
      RelationStrings(x));
  EXPECT_FALSE(HasRelation(x, "Eze", "answered", "Okafor"));
}

TEST_F(RolesTest, AQuotationIsSpokenByThePersonItIsGivenTo) {
  // After the quotation, before it, and inverted; a label's speaker only
  // speaks outside quotations.
  Extraction x = Run(
      "MINISTER OKAFOR: \"Good morning, Ambassador Tomas Varga,\" said Minister Ada Eze.\n\n"
      "Minister Ada Eze added: \"Good morning, Minister Lucia Brandt.\"\n\n"
      "\"Good morning, Minister Lucia Brandt,\" Ambassador Tomas Varga said.\n");
  EXPECT_EQ((std::vector<std::string>{"Ada Eze -greeted-> Tomas Varga",
                                      "Ada Eze -greeted-> Lucia Brandt",
                                      "Tomas Varga -greeted-> Lucia Brandt"}),
            RelationStrings(x));
}

TEST_F(RolesTest, AQuotedParagraphIsSpokenByThePersonWhoSaidItBefore) {
  // Also the next quoted paragraph, when the first is left open, and the
  // quotation right after one of the same person's.
  Extraction x = Run(
      "Minister Ada Eze said:\n\n"
      "\"Good morning, Ambassador Tomas Varga.\n\n"
      "\"Good morning, Minister Lucia Brandt,\" she said. \"Good morning, Minister Chidi Okafor.\"\n");
  EXPECT_EQ((std::vector<std::string>{"Ada Eze -greeted-> Tomas Varga",
                                      "Ada Eze -greeted-> Lucia Brandt",
                                      "Ada Eze -greeted-> Chidi Okafor"}),
            RelationStrings(x));
}

TEST_F(RolesTest, AQuotationNoOneIsSaidToSpeakHasNoSpeaker) {
  // "the ministry said" gives it to no person; "Okafor met" is no speech.
  Extraction x = Run(
      "\"Good morning, Ambassador Tomas Varga,\" the ministry said after Minister Chidi "
      "Okafor met him.\n\n"
      "Minister Chidi Okafor met us. \"Good morning, Minister Lucia Brandt.\"\n");
  EXPECT_EQ(std::vector<std::string>{}, RelationStrings(x));
}

}  // namespace
}  // namespace kgrep::testing
