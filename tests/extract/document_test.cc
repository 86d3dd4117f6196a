#include "extract/document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/text.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

using testing::Headlines;
using testing::LoadPackText;
using testing::ScratchDir;

// Speaker patterns as in the bundled pack, a banner to clean up, and a few
// abbreviations.
const char kPack[] =
    "cleanup:\n"
    "  - id: banner\n"
    "    pattern: '(?m)^An official website of the Republic of Oz.*$'\n"
    "segmentation:\n"
    "  speakers:\n"
    "    - '^(?P<speaker>(?:\\p{Lu}[\\p{Lu}\\p{M}.''\xE2\x80\x99-]*[ ]+){0,6}"
    "\\p{Lu}[\\p{Lu}\\p{M}.''\xE2\x80\x99-]*)[ ]*:'\n"
    "    - '^(?P<speaker>Q)[ ]+'\n"
    "  anonymous_speaker: '(?:Q|A|MODERATOR)'\n"
    "  abbreviations: [Mr., Dr., U.S.]\n";

class DocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pack_ = new RulePack;
    Diagnostics diags = LoadPackText(ScratchDir(), "pack.yaml", kPack, pack_);
    ASSERT_TRUE(diags.empty()) << Headlines(diags);
  }
  static void TearDownTestSuite() { delete pack_; }

  Document Segment(const std::string& text) {
    Document doc;
    Status s = SegmentDocument(*pack_, "doc.txt", text, &doc);
    EXPECT_TRUE(s.ok()) << s.message();
    return doc;
  }

  static std::vector<std::string> Sentences(const Document& doc) {
    std::vector<std::string> out;
    for (const Sentence& s : doc.sentences) out.emplace_back(doc.Text(s.span));
    return out;
  }

  // Every sentence maps back to bytes of the original that say the same thing
  // (the original may have other white space: wraps, CRLF, U+00A0).
  static void ExpectOffsetsMapBack(const Document& doc) {
    ASSERT_EQ(doc.clean.size() + 1, doc.to_original.size());
    for (const Sentence& s : doc.sentences) {
      size_t begin = doc.OriginalOffset(s.span.begin);
      size_t end = doc.OriginalOffset(s.span.end - 1) + 1;
      ASSERT_LE(begin, end);
      ASSERT_LE(end, doc.original.size());
      EXPECT_EQ(CollapseSpaces(doc.Text(s.span)),
                CollapseSpaces(doc.original.substr(begin, end - begin)));
      for (size_t i = s.span.begin + 1; i < s.span.end; ++i)
        EXPECT_LT(doc.to_original[i - 1], doc.to_original[i]) << "offsets increase";
    }
  }

  static RulePack* pack_;
};

RulePack* DocumentTest::pack_ = nullptr;

TEST_F(DocumentTest, SpeakerTurns) {
  Document doc = Segment(
      "FOREIGN SECRETARY EBRARD: Good morning. We begin now.\n"
      "\n"
      "Q  What comes next?\n"
      "\n"
      "MS. O\xE2\x80\x99" "BRIEN-DIAZ: Trade.\n"
      "\n"
      "MODERATOR: Next question.\n");
  ASSERT_EQ(5u, doc.turns.size());
  EXPECT_FALSE(doc.turns[0].has_speaker);  // nothing before the first label
  EXPECT_TRUE(doc.turns[0].paragraphs.empty());

  EXPECT_TRUE(doc.turns[1].has_speaker);
  EXPECT_FALSE(doc.turns[1].anonymous);
  EXPECT_EQ("FOREIGN SECRETARY EBRARD", doc.Text(doc.turns[1].label));
  EXPECT_TRUE(doc.turns[2].has_speaker);
  EXPECT_TRUE(doc.turns[2].anonymous);
  EXPECT_EQ("Q", doc.Text(doc.turns[2].label));
  EXPECT_FALSE(doc.turns[3].anonymous);
  EXPECT_EQ("MS. O\xE2\x80\x99" "BRIEN-DIAZ", doc.Text(doc.turns[3].label));
  EXPECT_TRUE(doc.turns[4].anonymous);

  ASSERT_EQ(4u, doc.paragraphs.size());
  EXPECT_EQ("Good morning. We begin now.", CollapseSpaces(doc.Text(doc.paragraphs[0].body)));
  EXPECT_EQ("FOREIGN SECRETARY EBRARD: Good morning. We begin now.",
            doc.Text(doc.paragraphs[0].span));
  EXPECT_EQ("What comes next?", doc.Text(doc.paragraphs[1].body));
  EXPECT_EQ((std::vector<std::string>{"Good morning.", "We begin now.", "What comes next?",
                                      "Trade.", "Next question."}),
            Sentences(doc));
  EXPECT_EQ(1, doc.sentences[1].turn);
  EXPECT_EQ(1, doc.sentences[1].index_in_turn);
  EXPECT_EQ(0, doc.sentences[2].index_in_turn);
  EXPECT_EQ(2, doc.sentences[2].turn);
}

TEST_F(DocumentTest, TurnWithSeveralParagraphs) {
  Document doc = Segment("MR. ADAMS: One.\n\nTwo.\n\nMS. BAKER: Three.\n");
  ASSERT_EQ(3u, doc.turns.size());
  EXPECT_EQ((std::vector<int>{0, 1}), doc.turns[1].paragraphs);
  EXPECT_EQ(1, doc.paragraphs[1].turn);
  EXPECT_EQ(1, doc.sentences[1].index_in_turn);
}

TEST_F(DocumentTest, StageDirectionsAreNotCountedInATurn) {
  Document doc = Segment(
      "MR. ADAMS: (As interpreted.)  Thank you. [Applause] (Laughter). Two.\n\n"
      "MS. BAKER: (Two) words. Three.\n");
  EXPECT_EQ((std::vector<std::string>{"(As interpreted.)", "Thank you.", "[Applause] (Laughter).",
                                      "Two.", "(Two) words.", "Three."}),
            Sentences(doc));
  std::vector<int> index;
  for (const Sentence& s : doc.sentences) index.push_back(s.index_in_turn);
  // "[Applause] (Laughter)." is two pairs of brackets, not one: it counts.
  EXPECT_EQ((std::vector<int>{0, 0, 1, 2, 0, 1}), index);
}

TEST_F(DocumentTest, SpeakerLabelAfterASingleLineBreak) {
  Document doc = Segment("MR. ADAMS: Hello there.\nMS. BAKER: Hi.\n");
  ASSERT_EQ(3u, doc.turns.size());
  EXPECT_EQ("MS. BAKER", doc.Text(doc.turns[2].label));
  EXPECT_EQ((std::vector<std::string>{"Hello there.", "Hi."}), Sentences(doc));
}

TEST(DocumentCountryTest, SpeakerPatternGivesTheCountryOfTheLabel) {
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "un.yaml",
                                   "segmentation:\n"
                                   "  speakers:\n"
                                   "    - '^(?P<speaker>Mr\\. [A-Z][a-z]+)"
                                   "(?: \\((?P<country>[^()]+)\\))?:'\n",
                                   &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  Document doc;
  ASSERT_TRUE(
      SegmentDocument(pack, "un.txt", "Mr. Smith (France): Thanks.\n\nMr. Jones: Yes.\n", &doc)
          .ok());
  ASSERT_EQ(3u, doc.turns.size());
  EXPECT_EQ("Mr. Smith", doc.Text(doc.turns[1].label));
  EXPECT_EQ("France", doc.Text(doc.turns[1].country));
  EXPECT_EQ("Mr. Jones", doc.Text(doc.turns[2].label));
  EXPECT_EQ(0u, doc.turns[2].country.size());
}

TEST(DocumentNamedElsewhereTest, ALabelCountsOnlyIfItsLastWordStandsElsewhere) {
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "mixed.yaml",
                                   "segmentation:\n"
                                   "  speakers:\n"
                                   "    - pattern: '^(?P<speaker>[A-Z][a-z]+ [A-Z][a-z]+): '\n"
                                   "      named_elsewhere: true\n",
                                   &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_EQ(1u, pack.speakers.size());
  EXPECT_TRUE(pack.speakers[0].named_elsewhere);
  Document doc;
  ASSERT_TRUE(SegmentDocument(pack, "talks.txt",
                              "Ada Eze met Tomas Varga.\n\nAda Eze: Welcome.\n\n"
                              "Next Steps: They will meet again.\n\nTomas Varga: Thank you.\n",
                              &doc)
                  .ok());
  // "Next Steps:" is a heading of the turn before: "Steps" stands nowhere else.
  ASSERT_EQ(3u, doc.turns.size());
  EXPECT_EQ("Ada Eze", doc.Text(doc.turns[1].label));
  EXPECT_EQ("Tomas Varga", doc.Text(doc.turns[2].label));
  EXPECT_EQ(2u, doc.turns[1].paragraphs.size());

  // A word inside another ("Ezekiel") is not the name.
  ASSERT_TRUE(SegmentDocument(pack, "other.txt", "Ezekiel spoke.\n\nAda Eze: Welcome.\n", &doc).ok());
  EXPECT_EQ(1u, doc.turns.size());
}

TEST(DocumentClosingTest, ALettersSignatureKeepsItsLines) {
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "letter.yaml",
                                   "segmentation:\n"
                                   "  closing: '(?:Sincerely|Regards),'\n",
                                   &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  Document doc;
  ASSERT_TRUE(SegmentDocument(pack, "letter.txt",
                              "Dear Ada:\n\nWe thank you for your letter.\n\nSincerely,\n\n"
                              "Tomas Varga\nSecretary of State\n",
                              &doc)
                  .ok());
  EXPECT_EQ(2, doc.closing);
  ASSERT_EQ(4u, doc.paragraphs.size());
  EXPECT_EQ("Tomas Varga\nSecretary of State", doc.Text(doc.paragraphs[3].body));

  // Followed by more than a signature, it closed no letter; nor does one
  // in the front matter.
  ASSERT_TRUE(SegmentDocument(pack, "notes.txt",
                              "Regards,\n\nWe met.\n\nSincerely,\n\nOne.\n\nTwo.\n\n"
                              "Three.\n\nFour.\n\nFive.\n",
                              &doc)
                  .ok());
  EXPECT_EQ(-1, doc.closing);
}

TEST_F(DocumentTest, LowercaseLineWithColonIsNoSpeaker) {
  Document doc = Segment("The agenda: trade and security.\n");
  ASSERT_EQ(1u, doc.turns.size());
  EXPECT_FALSE(doc.turns[0].has_speaker);
  EXPECT_EQ((std::vector<std::string>{"The agenda: trade and security."}), Sentences(doc));
}

TEST_F(DocumentTest, HardWrappedLinesAreJoined) {
  std::string text =
      "We met Chancellor Ingrid\n"
      "Weber in the morning. She\n"
      "spoke first.\n";
  Document doc = Segment(text);
  EXPECT_EQ((std::vector<std::string>{"We met Chancellor Ingrid Weber in the morning.",
                                      "She spoke first."}),
            Sentences(doc));
  size_t space = doc.clean.find("Ingrid Weber") + 6;
  EXPECT_EQ(text.find('\n'), doc.OriginalOffset(space));
  ExpectOffsetsMapBack(doc);
}

TEST_F(DocumentTest, ShortLinesOfTheFrontMatterAreLinesOfTheirOwn) {
  // A headline, byline and dateline, one a line: no name runs into the date.
  // After the first paragraph of prose, short lines are wrapped text again.
  Document doc = Segment(
      "Press Statement\n"
      "Secretary of State Ingrid Weber\n"
      "October 2, 2025\n"
      "\n"
      "We welcome the new government.\n"
      "\n"
      "We met Chancellor Ingrid\n"
      "Weber and her team\n");
  EXPECT_EQ((std::vector<std::string>{"Press Statement", "Secretary of State Ingrid Weber",
                                      "October 2, 2025", "We welcome the new government.",
                                      "We met Chancellor Ingrid Weber and her team"}),
            Sentences(doc));
  ExpectOffsetsMapBack(doc);
}

TEST_F(DocumentTest, ItemsOfAListAreLinesOfTheirOwn) {
  Document doc = Segment(
      "In the morning the delegations of both countries met at the ministry, with\n"
      "- Rear Admiral Ingrid Weber, Coast Guard of a country far away\n"
      "\u2022 Captain Chidi Okafor, Navy of a country not quite as far\n"
      "12) Amara Nwosu, Ministry of Foreign Affairs of the same one country\n");
  EXPECT_EQ((std::vector<std::string>{
                "In the morning the delegations of both countries met at the ministry, with",
                "- Rear Admiral Ingrid Weber, Coast Guard of a country far away",
                "\u2022 Captain Chidi Okafor, Navy of a country not quite as far",
                "12) Amara Nwosu, Ministry of Foreign Affairs of the same one country"}),
            Sentences(doc));
  ExpectOffsetsMapBack(doc);
}

TEST_F(DocumentTest, Sentences) {
  struct Case {
    const char* text;
    std::vector<std::string> sentences;
  };
  const Case cases[] = {
      {"Mr. Okafor arrived. Dr. Weber left.", {"Mr. Okafor arrived.", "Dr. Weber left."}},
      {"He visited the U.S. Embassy today.", {"He visited the U.S. Embassy today."}},
      {"J. R. Okafor spoke. Then we ate.", {"J. R. Okafor spoke.", "Then we ate."}},
      {"Really? Yes! Fine.", {"Really?", "Yes!", "Fine."}},
      {"It ended at 5 p.m. today.", {"It ended at 5 p.m. today."}},
      {"He said \"no.\" Then he left.", {"He said \"no.\"", "Then he left."}},
      {"He said \xE2\x80\x9Cno.\xE2\x80\x9D Then he left.",
       {"He said \xE2\x80\x9Cno.\xE2\x80\x9D", "Then he left."}},
      {"Turnout was 3.5 percent. Next.", {"Turnout was 3.5 percent.", "Next."}},
      {"We agreed. 2024 will be busy.", {"We agreed.", "2024 will be busy."}},
      {"We agreed. \xC3\x89lys\xC3\xA9" "e next.", {"We agreed.", "\xC3\x89lys\xC3\xA9" "e next."}},
      {"No end mark", {"No end mark"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Document doc = Segment(c.text);
    EXPECT_EQ(c.sentences, Sentences(doc));
    ExpectOffsetsMapBack(doc);
  }
}

TEST_F(DocumentTest, CrlfBomAndNoBreakSpace) {
  std::string text =
      "\xEF\xBB\xBFMS. BAKER:\xC2\xA0Welcome,\xC2\xA0" "Chancellor Weber.\r\n"
      "Thank you.\r\n"
      "\r\n"
      "Q\xC2\xA0\xC2\xA0Is it over?\r\n";
  Document doc = Segment(text);
  EXPECT_EQ(std::string::npos, doc.clean.find('\r'));
  EXPECT_EQ(std::string::npos, doc.clean.find("\xC2\xA0"));
  EXPECT_EQ(0u, doc.clean.rfind("MS. BAKER: Welcome, Chancellor Weber. Thank you.", 0))
      << doc.clean;
  EXPECT_EQ(3u, doc.OriginalOffset(0)) << "the byte-order mark is skipped";
  ASSERT_EQ(3u, doc.turns.size());
  EXPECT_EQ("MS. BAKER", doc.Text(doc.turns[1].label));
  EXPECT_TRUE(doc.turns[2].anonymous);
  EXPECT_EQ((std::vector<std::string>{"Welcome, Chancellor Weber.", "Thank you.", "Is it over?"}),
            Sentences(doc));
  EXPECT_EQ(doc.original.size(), doc.to_original.back());
  ExpectOffsetsMapBack(doc);
}

TEST_F(DocumentTest, CleanupRuleRemovesBanner) {
  std::string text =
      "An official website of the Republic of Oz Here is how you know\n"
      "The minister spoke. She left.\n";
  Document doc = Segment(text);
  EXPECT_EQ(std::string::npos, doc.clean.find("official website"));
  EXPECT_EQ((std::vector<std::string>{"The minister spoke.", "She left."}), Sentences(doc));
  EXPECT_EQ(text.find("The minister"), doc.OriginalOffset(doc.sentences[0].span.begin));
  ExpectOffsetsMapBack(doc);
}

TEST_F(DocumentTest, MarkdownEscapesAndEmphasisAreDropped) {
  std::string text = "*Thank you.* The rate is 5\\% and \\#1.\n";
  Document doc = Segment(text);
  EXPECT_EQ((std::vector<std::string>{"Thank you.", "The rate is 5% and #1."}), Sentences(doc));
  EXPECT_EQ(text.find("Thank"), doc.OriginalOffset(doc.sentences[0].span.begin));
  EXPECT_EQ(text.find('%'), doc.OriginalOffset(doc.clean.find('%')));
}

TEST_F(DocumentTest, SentenceAt) {
  Document doc = Segment("One here. Two there.\n\nThree.");
  ASSERT_EQ(3u, doc.sentences.size());
  EXPECT_EQ(0, doc.SentenceAt(0));
  EXPECT_EQ(0, doc.SentenceAt(doc.sentences[0].span.end - 1));
  EXPECT_EQ(-1, doc.SentenceAt(doc.sentences[0].span.end));  // the space between
  EXPECT_EQ(1, doc.SentenceAt(doc.clean.find("there")));
  EXPECT_EQ(2, doc.SentenceAt(doc.clean.find("Three")));
  EXPECT_EQ(1, doc.sentences[2].paragraph);
}

TEST_F(DocumentTest, Errors) {
  struct Case {
    const char* name;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"invalid UTF-8", "Minister Okafor\xC3(", "doc.txt:1:16: invalid UTF-8 at byte 15 (0xC3)"},
      // The column counts code points, not the byte-order mark.
      {"invalid UTF-8 after a BOM", "\xEF\xBB\xBF" "ab\xFF",
       "doc.txt:1:3: invalid UTF-8 at byte 5 (0xFF)"},
      {"invalid UTF-8 on a later line", "Ministra G\xC3\xB3mez\nabc \xFF",
       "doc.txt:2:5: invalid UTF-8 at byte 20 (0xFF)"},
      {"invalid UTF-8 after a CRLF", "a\r\nb\x80", "doc.txt:2:2: invalid UTF-8 at byte 4 (0x80)"},
      {"empty", "", "doc.txt: no text to read (empty after clean-up)"},
      {"white space only", " \r\n\xC2\xA0\n\t\n", "doc.txt: no text to read (empty after clean-up)"},
      {"banner only", "An official website of the Republic of Oz\n",
       "doc.txt: no text to read (empty after clean-up)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc;
    Status s = SegmentDocument(*pack_, "doc.txt", c.text, &doc);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(c.message, s.message());
  }
}

TEST(DocumentOptionsTest, WrappedLinesKeptWhenJoiningIsOff) {
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "pack.yaml",
                                   "segmentation: {join_wrapped_lines: false}\n", &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  Document doc;
  ASSERT_TRUE(SegmentDocument(pack, "doc.txt", "Line one\nline two.\n", &doc).ok());
  EXPECT_EQ("Line one\nline two.", doc.Text(doc.paragraphs[0].span));
}

// Gaps of every size between runs, and runs of one byte.
TEST(OffsetMapTest, TheReaderReadsWhatIndexingReads) {
  OffsetMap map;
  size_t original = 0;
  for (size_t i = 0; i < 500; ++i) {
    original += 1 + (i % 7 == 0 ? i % 5 : 0) + (i % 11 == 0 ? 3 : 0);
    map.push_back(original);
  }
  OffsetMap::Reader reader(map);
  for (size_t clean = 0; clean < map.size(); clean += 1 + clean % 3)
    ASSERT_EQ(map[clean], reader(clean)) << clean;
  OffsetMap::Reader again(map);
  EXPECT_EQ(map[0], again(0));
  EXPECT_EQ(map[0], again(0));  // the same offset twice
  EXPECT_EQ(map.back(), again(map.size() - 1));
}

// The pack's set of speaker patterns names the patterns that match at a
// line's start, as trying each one does, several at once included; without
// the set every pattern is a candidate.
TEST_F(DocumentTest, SpeakerSetNamesThePatternsThatMatchAtTheStart) {
  ASSERT_NE(pack_->speaker_set, nullptr);
  for (const char* line : {"SECRETARY EBRARD:  Thank you.", "Q  Is it true?", "Q: And?",
                           "Thank you.", "", "  MS. DALTON: Hi", "Q", "Q  A: Yes."}) {
    std::vector<int> expected;
    for (size_t i = 0; i < pack_->speakers.size(); ++i)
      if (pack_->speakers[i].pattern->Match(line, 0, std::string_view(line).size(),
                                            RE2::ANCHOR_START, nullptr, 0))
        expected.push_back(static_cast<int>(i));
    std::vector<int> which;
    SpeakersAt(*pack_, line, &which);
    EXPECT_EQ(expected, which) << line;
  }
  std::vector<int> which;
  SpeakersAt(*pack_, "Q: And?", &which);
  EXPECT_EQ((std::vector<int>{0}), which);  // "Q:" is a label, "Q" and spaces not
  SpeakersAt(*pack_, "Q  A: Yes.", &which);
  EXPECT_EQ((std::vector<int>{0, 1}), which);  // both
  RulePack without_set;
  Diagnostics diags = LoadPackText(ScratchDir(), "pack.yaml", kPack, &without_set);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  without_set.speaker_set.reset();
  SpeakersAt(without_set, "Thank you.", &which);
  EXPECT_EQ((std::vector<int>{0, 1}), which);
}

// A run appended at once reads as its offsets appended one by one, and the
// reader tells how far each run goes.
TEST(OffsetMapTest, RunsAreTheirOffsetsOneByOne) {
  OffsetMap by_byte, by_run;
  size_t original = 3;
  for (size_t count : {0, 1, 4, 0, 2, 7, 1, 1, 30}) {
    by_run.push_run(original, count);
    for (size_t k = 0; k < count; ++k) by_byte.push_back(original + k);
    original += count + count % 3;  // some runs follow on, others leave a gap
  }
  ASSERT_EQ(by_byte.size(), by_run.size());
  OffsetMap::Reader reader(by_run);
  for (size_t clean = 0; clean < by_run.size(); ++clean) {
    ASSERT_EQ(by_byte[clean], by_run[clean]) << clean;
    ASSERT_EQ(by_byte[clean], reader(clean)) << clean;
    // The offsets of the run from `clean` on follow each other, and the one
    // after it does not.
    size_t n = reader.RunLength(clean);
    ASSERT_GE(n, 1u);
    ASSERT_LE(clean + n, by_run.size());
    EXPECT_EQ(by_run[clean] + n - 1, by_run[clean + n - 1]) << clean;
    if (clean + n < by_run.size()) {
      EXPECT_NE(by_run[clean] + n, by_run[clean + n]) << clean;
    }
  }
}

}  // namespace
}  // namespace kgrep
