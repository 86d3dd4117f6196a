// CleanPersonName(): the name of a person from a run of words that may hold
// honorifics and titles before it, in capitals (a speaker label) or not.

#include <gtest/gtest.h>

#include <string>

#include "extract/matcher.h"
#include "extract/rule_pack.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

class PersonNameTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pack_ = new RulePack;
    Diagnostics diags = testing::LoadPackText(
        testing::ScratchDir(), "names.yaml",
        "titles:\n"
        "  words: [General, Secretary, Sec., Minister, of, Defense, State, Premier]\n"
        "  honorifics: [Mr., H.E., Her Excellency]\n"
        "gazetteers:\n"
        "  - {id: places, type: Location, entries: [{name: Africa}]}\n"
        "  - {id: lands, type: Country, entries: [{name: Jordan}]}\n"
        "names:\n"
        "  breakers: [Trade, Development, West, Bank]\n"
        "  surnames: [West]\n",
        pack_);
    ASSERT_TRUE(diags.empty()) << testing::Headlines(diags);
  }
  static void TearDownTestSuite() { delete pack_; }

  static std::string Name(const std::string& words) {
    size_t skipped = 0;
    return CleanPersonName(*pack_, words, &skipped);
  }

  static RulePack* pack_;
};

RulePack* PersonNameTest::pack_ = nullptr;

TEST_F(PersonNameTest, CapitalsBecomeTitleCaseButRomanNumeralsStay) {
  EXPECT_EQ("Lloyd J. Austin III", Name("SECRETARY OF DEFENSE LLOYD J. AUSTIN III"));
  EXPECT_EQ("Ada Eze IV", Name("MINISTER ADA EZE IV"));
  // The first word is a name, not a numeral: "Vi" as a given name.
  EXPECT_EQ("Vi Tran", Name("VI TRAN"));
}

TEST_F(PersonNameTest, NoCommaBeforeASuffix) {
  EXPECT_EQ("Charles Q. Brown Jr.", Name("GENERAL CHARLES Q. BROWN, JR."));
  EXPECT_EQ("Tomas Varga Sr.", Name("Mr. Tomas Varga, Sr."));
}

TEST_F(PersonNameTest, AbbreviatedTitlesAndHyphenatedTitlesAreNoName) {
  EXPECT_EQ("Austin", Name("SEC. AUSTIN"));
  EXPECT_EQ("", Name("The Secretary-General"));
  EXPECT_EQ("", Name("SECRETARY-GENERAL"));
}

// Words that come off a name's start or stay in it, and names that are none.
TEST_F(PersonNameTest, WhatComesOffANameAndWhatStays) {
  struct Case {
    const char* words;
    const char* name;
  };
  const Case cases[] = {
      // "H.E." folds to "he", but the surname "He" is no honorific.
      {"H.E. Ada Eze", "Ada Eze"},
      {"Premier He Wenjun", "He Wenjun"},
      // A breaker the pack lists as a surname too ends a name, but not after
      // a word the pack lists.
      {"Minister Catherine West", "Catherine West"},
      {"West Bank", ""},
      {"Development West", ""},
      {"Minister West", ""},
      // What the office is for goes with the title; a gazetteer's form only
      // while two words are left for the name.
      {"Minister of State for Africa Tom Hale", "Tom Hale"},
      {"Minister for Trade and Development Tom Hale", "Tom Hale"},
      {"Minister for Trade Jordan Smith", "Jordan Smith"},
      {"Minister for Trade", ""},
      // The end of a body's name, then a title ("Chief of Defence Forces
      // General X") or a name of two words.
      {"Trade Development General Tom Hale", "Tom Hale"},
      {"Development Tom Hale", "Tom Hale"},
      {"Trade Hale", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(c.name, Name(c.words)) << c.words;
}

TEST_F(PersonNameTest, AnHonorificWithFullStopsIsOneOnlySoWritten) {
  EXPECT_TRUE(IsHonorificWord(*pack_, "H.E."));
  EXPECT_FALSE(IsHonorificWord(*pack_, "He"));
  // "Her" of "Her Excellency" is written with no full stop: an honorific.
  EXPECT_TRUE(IsHonorificWord(*pack_, "Her"));
}

}  // namespace
}  // namespace kgrep
