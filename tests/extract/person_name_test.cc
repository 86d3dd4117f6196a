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
        "  words: [General, Secretary, Sec., Minister, of, Defense]\n"
        "  honorifics: [Mr.]\n",
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

}  // namespace
}  // namespace kgrep
