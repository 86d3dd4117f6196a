#include "extract/rule_pack.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "extract/document.h"
#include "extract/matcher.h"
#include "extract/pattern_filter.h"
#include "tests/extract/extract_fixture.h"

namespace kgrep {
namespace {

using testing::Headlines;
using testing::LoadPackText;
using testing::ScratchDir;
using testing::WriteFile;

std::vector<std::string> HeadlineList(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(d.Headline());
  return out;
}

// --- good packs -----------------------------------------------------------------

TEST(RulePackTest, MacrosExpandInEntityRules) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml",
                                   "pack: test\n"
                                   "macros:\n"
                                   "  SP: '[ ]+'\n"
                                   "  NAME_WORD: '\\p{Lu}\\p{Ll}+'\n"
                                   "  FULL_NAME: '{NAME_WORD}{SP}{NAME_WORD}'\n"
                                   "entities:\n"
                                   "  - id: minister\n"
                                   "    type: Person\n"
                                   "    priority: 7\n"
                                   "    pattern: 'Minister{SP}(?P<name>{FULL_NAME})'\n",
                                   &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  EXPECT_EQ(3u, pack.macros.size());
  EXPECT_EQ("{NAME_WORD}{SP}{NAME_WORD}", pack.macros["FULL_NAME"]);
  ASSERT_EQ(1u, pack.entity_rules.size());
  const EntityRule& rule = pack.entity_rules[0];
  EXPECT_EQ("minister", rule.id);
  EXPECT_EQ(EntityType::kPerson, rule.type);
  EXPECT_EQ(7, rule.priority);
  EXPECT_EQ("Minister{SP}(?P<name>{FULL_NAME})", rule.source);
  EXPECT_EQ(dir + "/pack.yaml", rule.where.file);
  EXPECT_EQ(10, rule.where.line);
  EXPECT_EQ(14, rule.where.column);
  ASSERT_TRUE(rule.pattern && rule.pattern->ok());
  std::string name;
  EXPECT_TRUE(RE2::PartialMatch("said Minister  Chidi Okafor today", *rule.pattern, &name));
  EXPECT_EQ("Chidi Okafor", name);
  // The five core relations are always known.
  for (const char* p : {"welcomed", "thanked", "represents", "member_of", "part_of"})
    EXPECT_TRUE(pack.predicates.count(p)) << p;
}

// Large rules get the lists they cannot match without (EntityRule::required):
// one list, or either of two; none for a rule that folds case or can do
// without.
TEST(RulePackTest, LargeRulesRequireTheirLists) {
  std::string entries;
  for (int i = 0; i < 5000; ++i)
    entries += "      - {name: Land" + std::to_string(i) + "ia, demonyms: [Land" +
               std::to_string(i) + "ian]}\n";
  std::string yaml =
      "pack: test\n"
      "macros:\n"
      "  SP: '[ ]+'\n"
      "  NAME: '[A-Z][a-z]+'\n"
      "  POST: '(?:minister|envoy)'\n"
      "gazetteers:\n"
      "  - id: lands\n"
      "    type: Country\n"
      "    macro: LAND\n"
      "    demonym_macro: LANDISH\n"
      "    entries:\n" +
      entries +
      "entities:\n"
      "  - {id: of-land, type: Person, pattern: '(?P<name>{NAME}) of (?P<country>{LAND})'}\n"
      "  - {id: either, type: Person, pattern: '(?:{LAND}|{LANDISH}){SP}{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: optional, type: Person, pattern: '(?:(?:{LAND}{SP})?Envoy|{LANDISH}){SP}(?P<name>{NAME})'}\n"
      "  - {id: folded, type: Person, pattern: '(?i:{LAND}){SP}(?P<name>{NAME})'}\n"
      "  - {id: small, type: Person, pattern: 'Envoy{SP}(?P<name>{NAME})'}\n";
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "pack.yaml", yaml, &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_EQ(5u, pack.entity_rules.size());
  for (size_t i = 0; i < 4; ++i)
    ASSERT_GT(pack.entity_rules[i].pattern->ProgramSize(), PatternFilter::kMaxFilteredRule) << i;
  auto named = [&](const EntityRule& rule) {
    std::vector<std::string> clauses;
    for (uint64_t mask : rule.required) {
      std::string clause;
      for (size_t bit = 0; bit < pack.required_macros.size(); ++bit)
        if (mask >> bit & 1) clause += (clause.empty() ? "" : "|") + pack.required_macros[bit];
      clauses.push_back(clause);
    }
    return clauses;
  };
  EXPECT_EQ(std::vector<std::string>{"LAND"}, named(pack.entity_rules[0]));
  // LAND or LANDISH, and POST (a list of literals written as a macro).
  EXPECT_EQ((std::vector<std::string>{"POST", "LAND|LANDISH"}), named(pack.entity_rules[1]));
  EXPECT_EQ(std::vector<std::string>{}, named(pack.entity_rules[2]));  // "Envoy X" needs no list
  EXPECT_EQ(std::vector<std::string>{}, named(pack.entity_rules[3]));  // "LAND7IA X" matches too
  EXPECT_TRUE(named(pack.entity_rules[4]).empty());  // small: the sets filter it

  // A paragraph without the lists skips the rules that need them, and the
  // matches are those found without any filter.
  LoadOptions unfiltered_options;
  unfiltered_options.prefilter = false;
  RulePack unfiltered;
  diags = LoadRulePack(pack.files, unfiltered_options, &unfiltered);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  EXPECT_TRUE(unfiltered.entity_rules[0].required.empty());
  size_t found = 0;
  for (const std::string text :
       {"Ada of Land7ia met Land12ian envoy Bob.", "Envoy Cy of nowhere", "LAND3IA Dee",
        "Land5ia minister Eve; Land5ian Fay"}) {
    Document doc;
    ASSERT_TRUE(SegmentDocument(pack, "t", text, &doc).ok());
    auto mentions = [&](const RulePack& p) {
      std::vector<std::string> out;
      for (const Mention& m : FindMentions(p, doc).mentions) out.push_back(m.rule + ":" + m.text);
      return out;
    };
    EXPECT_EQ(mentions(unfiltered), mentions(pack)) << text;
    found += mentions(pack).size();
  }
  EXPECT_GE(found, 8u);
}

// A rule whose every match begins with a form of some lists is searched
// only where those forms occur (EntityRule::start_tag): not a rule that can
// begin with anything else (the characters the test stands the lists for
// included), or that folds case or reads lines. The matches are those found
// without it.
TEST(RulePackTest, RulesThatBeginWithAListAreSearchedWhereItOccurs) {
  std::string yaml =
      "pack: test\n"
      "macros:\n"
      "  SP: '[ ]+'\n"
      "  NAME: '[A-Z][a-z]+'\n"
      "  POST: '(?:Minister|Envoy)'\n"
      "  DR: '(?:Dr\\.[ ])?'\n"
      "gazetteers:\n"
      "  - id: lands\n"
      "    type: Country\n"
      "    macro: LAND\n"
      "    demonym_macro: LANDISH\n"
      "    entries:\n"
      "      - {name: Landia, demonyms: [Landian]}\n"
      "      - {name: Otheria, demonyms: [Otherian]}\n"
      "entities:\n"
      "  - {id: post, type: Person, pattern: '{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: landish-post, type: Person,\n"
      "     pattern: '(?:{LANDISH}{SP})?{POST}{SP}(?P<name>{NAME})(?: of {LAND})?'}\n"
      "  - {id: bounded, type: Person, pattern: '\\b{POST}\\b{SP}(?P<name>{NAME})'}\n"
      "  - {id: of-land, type: Person, pattern: '(?P<name>{NAME}) of {LAND}'}\n"
      "  - {id: the-post, type: Person, pattern: '(?:the{SP})?{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: folded, type: Person, pattern: '(?i:{POST}){SP}(?P<name>{NAME})'}\n"
      "  - {id: spaced, type: Person, pattern: '[ ]*{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: named, type: Person, pattern: '(?:{NAME}{SP})?{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: doctor, type: Person, pattern: '{DR}{POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: lines, type: Person, pattern: '(?m:^){POST}{SP}(?P<name>{NAME})'}\n"
      "  - {id: private, type: Person,\n"
      "     pattern: '(?:\\x{E000}[a-z]|{POST}){SP}(?P<name>{NAME})'}\n";
  RulePack pack;
  Diagnostics diags = LoadPackText(ScratchDir(), "pack.yaml", yaml, &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_EQ(11u, pack.entity_rules.size());
  std::vector<std::string> searched;
  for (const EntityRule& rule : pack.entity_rules)
    if (rule.start_tag != 0) searched.push_back(rule.id);
  EXPECT_EQ((std::vector<std::string>{"post", "landish-post", "bounded"}), searched);
  // The forms that can begin each: "Landian" begins landish-post's matches,
  // not post's; a country's name begins none, though landish-post has one.
  const uint64_t post = pack.entity_rules[0].start_tag,
                 landish_post = pack.entity_rules[1].start_tag;
  auto tags = [&](std::string_view text) {
    return pack.entity_literals.TagsIn(text, 0, text.size());
  };
  EXPECT_EQ(post, tags("Envoy") & post);
  EXPECT_EQ(landish_post, tags("Envoy") & landish_post);
  EXPECT_EQ(0u, tags("Landian") & post);
  EXPECT_EQ(landish_post, tags("Landian") & landish_post);
  EXPECT_EQ(0u, tags("Landia"));
  EXPECT_EQ(0u, tags("minister"));  // forms are compared byte for byte

  LoadOptions unfiltered_options;
  unfiltered_options.prefilter = false;
  RulePack unfiltered;
  diags = LoadRulePack(pack.files, unfiltered_options, &unfiltered);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  EXPECT_EQ(0u, unfiltered.entity_rules[0].start_tag);
  size_t found = 0;
  for (const std::string text :
       {"Landian Minister Ada met Envoy Bob of Landia.", "the Minister Minister Cy",
        "Otherian Envoy Envoy Dee", "AMinister Eve and Dr. Envoy Fay", "minister Gus",
        "Landian Landian Minister Hal", "Envoy", "\xEE\x80\x80x Ida"}) {
    Document doc;
    ASSERT_TRUE(SegmentDocument(pack, "t", text, &doc).ok());
    auto mentions = [&](const RulePack& p) {
      std::vector<std::string> out;
      for (const Mention& m : FindMentions(p, doc).mentions)
        out.push_back(m.rule + ":" + std::to_string(m.span.begin) + ":" + m.text);
      return out;
    };
    EXPECT_EQ(mentions(unfiltered), mentions(pack)) << text;
    found += mentions(pack).size();
  }
  EXPECT_GE(found, 10u);
}

// A match's groups depend on the bytes around it: the same text after a
// letter takes the other alternative. Matches are found again and again (the
// groups of one seen before are not searched again), each with its own.
TEST(RulePackTest, GroupsOfAMatchDependOnWhatSurroundsIt) {
  RulePack pack;
  Diagnostics diags = LoadPackText(
      ScratchDir(), "pack.yaml",
      "pack: test\n"
      "entities:\n"
      "  - {id: dr, type: Person, pattern: '(?:\\b(?P<title>Dr)|Dr)\\.[ ](?P<name>[A-Z][a-z]+)'}\n",
      &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  auto titles = [&](const std::string& text) {
    Document doc;
    EXPECT_TRUE(SegmentDocument(pack, "t", text, &doc).ok());
    std::string out;
    for (const Mention& m : FindMentions(pack, doc).mentions)
      out += m.text + "=" + (m.title.present ? m.title.text : "-") + " ";
    return out;
  };
  // "Dr. Ann" four times, each with a space after it.
  const std::string expected = "Ann=Dr Ann=- Ann=Dr Ann=- Bob=- ";
  for (int round = 0; round < 3; ++round)
    EXPECT_EQ(expected, titles("Dr. Ann met xDr. Ann met Dr. Ann met xDr. Ann met xDr. Bob.")) << round;
  EXPECT_EQ("Ann=- Ann=Dr ", titles("xDr. Ann; Dr. Ann;"));
}

// Two packs whose first rules match the same text, with as many groups, read
// different groups from it, however the two alternate.
TEST(RulePackTest, GroupsOfAMatchAreThoseOfItsPack) {
  std::string dir = ScratchDir();
  RulePack title, whole;
  Diagnostics diags = LoadPackText(
      dir, "title.yaml",
      "pack: title\n"
      "entities:\n"
      "  - {id: dr, type: Person, pattern: '(?P<title>Dr)\\.[ ](?P<name>[A-Z][a-z]+)'}\n",
      &title);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  diags = LoadPackText(dir, "whole.yaml",
                       "pack: whole\n"
                       "entities:\n"
                       "  - {id: dr, type: Person, pattern: '(?P<name>Dr\\.[ ][A-Z][a-z]+)(?P<title>)'}\n",
                       &whole);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  EXPECT_NE(title.id, whole.id);
  auto names = [](const RulePack& pack) {
    Document doc;
    EXPECT_TRUE(SegmentDocument(pack, "t", "We met Dr. Ann today.", &doc).ok());
    std::string out;
    for (const Mention& m : FindMentions(pack, doc).mentions) out += m.text + ";";
    return out;
  };
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ("Ann;", names(title)) << round;
    EXPECT_EQ("Dr. Ann;", names(whole)) << round;
  }
}

TEST(RulePackTest, GazetteersAndTitlesGenerateMacros) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(
      dir, "pack.yaml",
      "gazetteers:\n"
      "  - id: realms\n"
      "    type: Country\n"
      "    macro: REALM\n"
      "    demonym_macro: REALM_ADJ\n"
      "    entries:\n"
      "      - {name: Narnia, aliases: [Kingdom of Narnia], demonyms: [Narnian]}\n"
      "      - {name: Oz, demonyms: [Ozian]}\n"
      "titles:\n"
      "  macro: TITLE\n"
      "  words: [Envoy, Foreign Minister]\n"
      "  honorifics_macro: HON\n"
      "  honorifics: [Dr.]\n"
      "nicknames:\n"
      "  Ken: [Kenneth]\n"
      "entities:\n"
      "  - id: envoy\n"
      "    type: Person\n"
      "    pattern: '(?P<country>{REALM_ADJ}) (?P<title>{TITLE}) (?:{HON} )?(?P<name>\\w+)'\n",
      &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  RE2 realm(pack.macros["REALM"]), adj(pack.macros["REALM_ADJ"]), hon(pack.macros["HON"]);
  for (const char* form : {"Narnia", "Kingdom of Narnia", "Oz"})
    EXPECT_TRUE(RE2::FullMatch(form, realm)) << form;
  EXPECT_FALSE(RE2::FullMatch("Narnian", realm));
  EXPECT_TRUE(RE2::FullMatch("Ozian", adj));
  EXPECT_TRUE(RE2::FullMatch("Dr.", hon));
  EXPECT_FALSE(RE2::FullMatch("Drx", hon)) << "the dot is literal";

  ASSERT_EQ(1u, pack.gazetteers.size());
  EXPECT_EQ(EntityType::kCountry, pack.gazetteers[0].type);
  EXPECT_EQ(2u, pack.gazetteers[0].entries.size());
  ASSERT_TRUE(pack.forms.count("narnian"));
  EXPECT_TRUE(pack.forms["narnian"].demonym);
  EXPECT_EQ(0, pack.forms["kingdom of narnia"].entry);
  EXPECT_FALSE(pack.forms["kingdom of narnia"].demonym);
  EXPECT_TRUE(pack.title_words.count("foreign"));
  EXPECT_TRUE(pack.title_words.count("minister"));
  EXPECT_TRUE(pack.honorifics.count("dr"));
  EXPECT_EQ(std::vector<std::string>{"kenneth"}, pack.nicknames["ken"]);

  std::string country, title, name;
  ASSERT_TRUE(pack.entity_rules.size() == 1 && pack.entity_rules[0].pattern);
  EXPECT_TRUE(RE2::PartialMatch("the Narnian Foreign Minister Dr. Tumnus", *pack.entity_rules[0].pattern,
                                &country, &title, &name));
  EXPECT_EQ("Narnian", country);
  EXPECT_EQ("Foreign Minister", title);
  EXPECT_EQ("Tumnus", name);
}

TEST(RulePackTest, IncludeReadsAFileNextToThePack) {
  std::string dir = ScratchDir();
  WriteFile(dir, "lists/realms.yaml",
            "gazetteers:\n"
            "  - {id: realms, type: Country, macro: REALM, entries: [{name: Oz}]}\n");
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml",
                                   "include: [lists/realms.yaml]\n"
                                   "entities:\n"
                                   "  - {id: oz-person, type: Person,\n"
                                   "     pattern: '(?P<name>\\w+) of (?P<country>{REALM})'}\n",
                                   &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  EXPECT_EQ((std::vector<std::string>{dir + "/pack.yaml", dir + "/lists/realms.yaml"}),
            pack.files);
  ASSERT_EQ(1u, pack.entity_rules.size());
  EXPECT_TRUE(RE2::PartialMatch("Glinda of Oz", *pack.entity_rules[0].pattern));
}

// The digest is that of the files' contents: FNV-1a over each file's size and
// bytes. The same files elsewhere give the same digest; a byte more (even in
// a comment) or another order of the packs gives another.
TEST(RulePackTest, DigestIsThatOfTheFilesContents) {
  RulePack one;
  ASSERT_TRUE(LoadPackText(ScratchDir(), "p.yaml", "entities: []\n", &one).empty());
  // FNV-1a 64 of 0D 00 00 00 00 00 00 00 "entities: []\n", worked out apart.
  EXPECT_EQ("a10857f72e9b1ba9", one.digest);

  const std::string realms =
      "gazetteers:\n"
      "  - {id: realms, type: Country, macro: REALM, entries: [{name: Oz}]}\n";
  const std::string pack = "include: [lists/realms.yaml]\n";
  std::string digests[2];
  for (std::string& digest : digests) {
    std::string dir = ScratchDir();
    WriteFile(dir, "lists/realms.yaml", realms);
    RulePack p;
    ASSERT_TRUE(LoadPackText(dir, "pack.yaml", pack, &p).empty());
    digest = p.digest;
  }
  EXPECT_EQ(digests[0], digests[1]);
  EXPECT_NE(digests[0], one.digest);

  std::string dir = ScratchDir();
  WriteFile(dir, "lists/realms.yaml", realms + "# a comment\n");
  RulePack edited;
  ASSERT_TRUE(LoadPackText(dir, "pack.yaml", pack, &edited).empty());
  EXPECT_NE(digests[0], edited.digest);

  const std::string a = WriteFile(dir, "a.yaml", "entities: []\n");
  const std::string b = WriteFile(dir, "b.yaml", "relations: []\n");
  RulePack ab, ba;
  ASSERT_TRUE(LoadRulePack({a, b}, LoadOptions(), &ab).empty());
  ASSERT_TRUE(LoadRulePack({b, a}, LoadOptions(), &ba).empty());
  EXPECT_NE(ab.digest, ba.digest);
}

TEST(RulePackTest, LaterPackOverridesAndDisablesRulesById) {
  std::string dir = ScratchDir();
  std::string base = WriteFile(dir, "base.yaml",
                               "entities:\n"
                               "  - {id: minister, type: Person, pattern: 'Minister (?P<name>\\w+)'}\n"
                               "  - {id: envoy, type: Person, pattern: 'Envoy (?P<name>\\w+)'}\n"
                               "relations:\n"
                               "  - {id: greets, predicate: welcomed, subject: speaker,\n"
                               "     pattern: 'welcome {object:Person}'}\n"
                               "  - {id: thanks, predicate: thanked, subject: speaker,\n"
                               "     pattern: 'thank {object:Person}'}\n");
  std::string local = WriteFile(dir, "local.yaml",
                                "disable: [envoy, thanks]\n"
                                "entities:\n"
                                "  - {id: minister, type: Person, pattern: 'Ministra (?P<name>\\w+)'}\n"
                                "relations:\n"
                                "  - {id: greets, predicate: welcomed, subject: speaker,\n"
                                "     pattern: 'greet {object:Person}'}\n");
  RulePack pack;
  Diagnostics diags = LoadRulePack({base, local}, LoadOptions(), &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_EQ(1u, pack.entity_rules.size());
  EXPECT_EQ("minister", pack.entity_rules[0].id);
  EXPECT_EQ("Ministra (?P<name>\\w+)", pack.entity_rules[0].source);
  EXPECT_EQ(local, pack.entity_rules[0].where.file);
  ASSERT_EQ(1u, pack.relation_rules.size());
  EXPECT_EQ("greets", pack.relation_rules[0].id);
  EXPECT_EQ("greet {object:Person}", pack.relation_rules[0].source);
  EXPECT_EQ(Role::kSpeaker, pack.relation_rules[0].subject.role);
  EXPECT_EQ(Role::kGroup, pack.relation_rules[0].object.role);
  EXPECT_EQ("object", pack.relation_rules[0].object.group);
}

TEST(RulePackTest, AFormOfTwoGazetteersNamesTheFirstOnesEntry) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(
      dir, "pack.yaml",
      "gazetteers:\n"
      "  - id: countries\n"
      "    type: Country\n"
      "    entries:\n"
      "      - {name: Narnia}\n"
      "      - {name: Georgia, demonyms: [Georgian]}\n"
      "  - id: places\n"
      "    type: Location\n"
      "    entries:\n"
      "      - {name: Atlanta}\n"
      "      - {name: GEORGIA, aliases: [State of Georgia]}\n",
      &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_EQ(2u, pack.gazetteers.size());
  // By place in each gazetteer's list of forms: names, aliases, demonyms.
  auto ref = [](int gazetteer, int entry, bool demonym) {
    return std::make_tuple(gazetteer, entry, demonym);
  };
  auto refs = [](const Gazetteer& g) {
    std::vector<std::tuple<int, int, bool>> out;
    for (const GazetteerRef& r : g.refs) out.emplace_back(r.gazetteer, r.entry, r.demonym);
    return out;
  };
  EXPECT_EQ((std::vector<std::tuple<int, int, bool>>{ref(0, 0, false), ref(0, 1, false),
                                                     ref(0, 1, true)}),
            refs(pack.gazetteers[0]));
  // "GEORGIA" folds to the form the countries define first.
  EXPECT_EQ((std::vector<std::tuple<int, int, bool>>{ref(1, 0, false), ref(0, 1, false),
                                                     ref(1, 1, false)}),
            refs(pack.gazetteers[1]));
  // So a mention found by the places is the country.
  Document doc;
  ASSERT_TRUE(SegmentDocument(pack, "d", "They met in GEORGIA, near Atlanta.\n", &doc).ok());
  MatchResult found = FindMentions(pack, doc);
  ASSERT_EQ(2u, found.mentions.size());
  EXPECT_EQ("GEORGIA", found.mentions[0].text);
  EXPECT_EQ("gazetteer:places", found.mentions[0].rule);
  EXPECT_EQ(EntityType::kCountry, found.mentions[0].type);
  EXPECT_EQ(1, found.mentions[0].ref.entry);
  EXPECT_EQ(EntityType::kLocation, found.mentions[1].type);
}

TEST(RulePackTest, BundledPackLoadsCleanly) {
  RulePack pack;
  Diagnostics diags = LoadRulePack({KGREP_RULES_DIR "/diplomacy.yaml"}, LoadOptions(), &pack);
  ASSERT_TRUE(diags.empty()) << Headlines(diags);
  ASSERT_GT(pack.files.size(), 1u) << "the gazetteers are included";
  EXPECT_EQ(KGREP_RULES_DIR "/diplomacy.yaml", pack.files[0]);
  EXPECT_FALSE(pack.entity_rules.empty());
  EXPECT_FALSE(pack.relation_rules.empty());
  for (const auto& r : pack.entity_rules) EXPECT_TRUE(r.pattern && r.pattern->ok()) << r.id;
  for (const auto& r : pack.relation_rules) EXPECT_TRUE(r.pattern && r.pattern->ok()) << r.id;
  EXPECT_TRUE(pack.abbreviations.count("U.S."));
  EXPECT_TRUE(pack.forms.count("mexican"));
}

// --- bad packs ------------------------------------------------------------------

struct BadPack {
  const char* name;
  const char* yaml;
  // Headlines in order; "@" stands for the pack's path.
  std::vector<std::string> want;
};

const BadPack kBadPacks[] = {
    {"yaml syntax error",
     "pack: test\n"
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed: yes\n",
     {"@:4:24: YAML syntax error: illegal map value"}},
    {"tab in indentation",
     "pack: test\n"
     "\tmacros: {}\n",
     {"@:2:1: YAML syntax error: illegal tab when looking for indentation"}},
    {"invalid regex",
     "entities:\n"
     "  - id: titled\n"
     "    type: Person\n"
     "    pattern: '(?P<name>Minister [A-Z]\\w+'\n",
     {"@:4:14: rule 'titled': invalid regex: missing ): (?P<name>Minister [A-Z]\\w+"}},
    {"unknown key",
     "entities:\n"
     "  - id: titled\n"
     "    type: Person\n"
     "    patern: 'Minister (?P<name>\\w+)'\n",
     {"@:2:5: rule 'titled': missing 'pattern'",
      "@:4:5: rule 'titled': unknown key 'patern' in an entity rule; did you mean 'pattern'?"}},
    {"unknown top-level key",
     "pack: test\n"
     "relation: []\n",
     {"@:2:1: unknown key 'relation' in a rule pack; did you mean 'relations'?"}},
    {"unknown entity type",
     "entities:\n"
     "  - id: titled\n"
     "    type: Persn\n"
     "    pattern: 'Minister (?P<name>\\w+)'\n",
     {"@:3:11: rule 'titled': unknown entity type 'Persn'; did you mean 'Person'?"}},
    {"skip_after without each",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: objects, skip_after: '\\bto\\b'}\n"
     "    pattern: '(?i:welcome)(?P<objects>.*)'\n",
     {"@:5:42: rule 'greets': 'skip_after' needs 'each: true'"}},
    {"invalid skip_after",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: objects, each: true, skip_after: '(to'}\n"
     "    pattern: '(?i:welcome)(?P<objects>.*)'\n",
     {"@:5:54: rule 'greets': invalid regex: missing ): (to"}},
    {"skip_clause without each",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: objects, skip_clause: ',[ ]+who'}\n"
     "    pattern: '(?i:welcome)(?P<objects>.*)'\n",
     {"@:5:43: rule 'greets': 'skip_clause' needs 'each: true'"}},
    {"invalid skip_clause",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: objects, each: true, skip_clause: 'who)'}\n"
     "    pattern: '(?i:welcome)(?P<objects>.*)'\n",
     {"@:5:55: rule 'greets': invalid regex: unexpected ): who)"}},
    {"byline not a pattern",
     "segmentation:\n"
     "  byline: [I, we]\n",
     {"@:2:11: 'byline' must be a pattern"}},
    {"headings not a pattern",
     "segmentation:\n"
     "  headings: {FACT: SHEET}\n",
     {"@:2:13: 'headings' must be a pattern"}},
    {"invalid headings",
     "segmentation:\n"
     "  headings: '(?:FACT SHEET'\n",
     {"@:2:13: invalid regex: missing ): (?:FACT SHEET"}},
    {"invalid byline",
     "segmentation:\n"
     "  byline: '\\b(?:I|we\\b'\n",
     {"@:2:11: invalid regex: missing ): \\b(?:I|we\\b"}},
    {"invalid said",
     "resolution:\n"
     "  said: '(?:said|added'\n",
     {"@:2:9: invalid regex: missing ): (?:said|added"}},
    {"stop_at without each",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: objects, stop_at: ', and we'}\n"
     "    pattern: '(?i:welcome)(?P<objects>.*)'\n",
     {"@:5:39: rule 'greets': 'stop_at' needs 'each: true'"}},
    {"a group defined twice",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    pattern: '(?i:welcome) {object:Person}|{object:Person}, welcome'\n",
     {"@:5:14: rule 'greets': group 'object' is defined twice; only one of them can be read "
      "(make two rules)"}},
    {"unknown key in names",
     "names:\n"
     "  enders: [Hosts]\n"
     "  ender: [Meets]\n",
     {"@:3:3: unknown key 'ender' in names; did you mean 'enders'?"}},
    {"unknown relation",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomd\n"
     "    subject: speaker\n"
     "    pattern: '(?i:welcome) {object:Person}'\n",
     {"@:3:16: rule 'greets': unknown relation 'welcomd'; did you mean 'welcomed'?"}},
    {"unknown scope",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    scope: sentense\n"
     "    pattern: '{subject:Person} welcome {object:Person}'\n",
     {"@:4:12: rule 'greets': unknown scope 'sentense'; did you mean 'sentence'?"}},
    {"undefined macro",
     "macros:\n"
     "  NAME_WORD: '\\p{Lu}\\p{Ll}+'\n"
     "entities:\n"
     "  - id: titled\n"
     "    type: Person\n"
     "    pattern: 'Minister (?P<name>{NAME_WROD})'\n",
     {"@:6:14: rule 'titled': undefined macro 'NAME_WROD'; did you mean 'NAME_WORD'?"}},
    {"unknown slot type",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    pattern: 'welcome {object:Persn}'\n",
     {"@:5:14: rule 'greets': unknown entity type 'Persn' in slot; did you mean 'Person'?"}},
    {"group cannot bind",
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomed\n"
     "    subject: speaker\n"
     "    object: {group: guests, types: [Person]}\n"
     "    pattern: '(?i:welcome) {objects:Person}'\n",
     {"@:6:14: rule 'greets': the pattern has no group 'guests' to bind the object"}},
    {"unknown group in an entity pattern",
     "entities:\n"
     "  - id: titled\n"
     "    type: Person\n"
     "    pattern: 'Minister (?P<names>\\w+)'\n",
     {"@:4:14: rule 'titled': unknown group 'names' in an entity pattern; did you mean 'name'?"}},
    {"speaker pattern without its group",
     "segmentation:\n"
     "  speakers:\n"
     "    - '^([A-Z]+):'\n",
     {"@:3:7: a speaker pattern needs a group (?P<speaker>...)"}},
    {"speaker pattern as a mapping with a bad flag and an unknown key",
     "segmentation:\n"
     "  speakers:\n"
     "    - pattern: '^(?P<speaker>[A-Z][a-z]+ [A-Z][a-z]+): '\n"
     "      named_elsewhere: maybe\n"
     "      repeats: 2\n",
     {"@:4:24: 'named_elsewhere' must be true or false",
      "@:5:7: unknown key 'repeats' in a speaker pattern"}},
    {"closing that is no pattern",
     "segmentation:\n"
     "  closing: [Sincerely, Regards]\n",
     {"@:2:12: 'closing' must be a pattern"}},
    {"speaker pattern with a group kgrep does not know",
     "segmentation:\n"
     "  speakers:\n"
     "    - '^(?P<speaker>[A-Z]+) \\((?P<state>[A-Za-z]+)\\):'\n",
     {"@:3:7: unknown group 'state' in a speaker pattern (speaker, country)"}},
    {"several errors in one pass",
     "pack: test\n"
     "entities:\n"
     "  - id: titled\n"
     "    type: Persn\n"
     "    pattern: 'Minister (?P<name>\\w+)'\n"
     "  - id: honorific\n"
     "    type: Person\n"
     "    pattern: 'Dr\\. (?P<name>\\w+'\n"
     "relations:\n"
     "  - id: greets\n"
     "    predicate: welcomd\n"
     "    subject: speaker\n"
     "    pattern: '(?i:welcome) {object:Person}'\n"
     "  - id: thanks\n"
     "    predicate: thanked\n"
     "    subject: speaker\n"
     "    pattern: 'thank {object:Persn}'\n"
     "resolutoin: {}\n",
     {"@:4:11: rule 'titled': unknown entity type 'Persn'; did you mean 'Person'?",
      "@:8:14: rule 'honorific': invalid regex: missing ): Dr\\. (?P<name>\\w+",
      "@:11:16: rule 'greets': unknown relation 'welcomd'; did you mean 'welcomed'?",
      "@:17:14: rule 'thanks': unknown entity type 'Persn' in slot; did you mean 'Person'?",
      "@:18:1: unknown key 'resolutoin' in a rule pack; did you mean 'resolution'?"}},
};

TEST(RulePackTest, Errors) {
  for (const BadPack& c : kBadPacks) {
    SCOPED_TRACE(c.name);
    std::string dir = ScratchDir();
    RulePack pack;
    Diagnostics diags = LoadPackText(dir, "pack.yaml", c.yaml, &pack);
    std::vector<std::string> want;
    for (std::string w : c.want) want.push_back(w.replace(0, 1, dir + "/pack.yaml"));
    EXPECT_EQ(want, HeadlineList(diags));
  }
}

TEST(RulePackTest, ErrorShowsTheLineAndACaret) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml",
                                   "entities:\n"
                                   "  - id: titled\n"
                                   "    type: Persn\n"
                                   "    pattern: 'Minister (?P<name>\\w+)'\n",
                                   &pack);
  ASSERT_EQ(1u, diags.size());
  EXPECT_EQ(dir + "/pack.yaml:3:11: rule 'titled': unknown entity type 'Persn'; did you mean "
                  "'Person'?\n"
                  "    type: Persn\n"
                  "          ^",
            diags[0].ToString());
}

TEST(RulePackTest, MacroCycleIsReportedOnceAtTheMacro) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml",
                                   "macros:\n"
                                   "  LIST: '{ITEM}(?:, {ITEM})*'\n"
                                   "  ITEM: '\\w+|\\({LIST}\\)'\n"
                                   "entities:\n"
                                   "  - id: listed\n"
                                   "    type: Person\n"
                                   "    pattern: '(?P<name>{LIST})'\n",
                                   &pack);
  // Either member of the cycle may carry it, but only one diagnostic.
  ASSERT_EQ(1u, diags.size()) << Headlines(diags);
  std::string at_list = dir + "/pack.yaml:2:9: macro cycle LIST -> ITEM -> LIST";
  std::string at_item = dir + "/pack.yaml:3:9: macro cycle ITEM -> LIST -> ITEM";
  EXPECT_TRUE(diags[0].Headline() == at_list || diags[0].Headline() == at_item)
      << diags[0].Headline();
}

TEST(RulePackTest, UndefinedMacroInsideAMacroIsReportedOnceAtTheMacro) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml",
                                   "macros:\n"
                                   "  NAME_WORD: '\\p{Lu}\\p{Ll}+'\n"
                                   "  FULL_NAME: '{NAME_WROD} {NAME_WORD}'\n"
                                   "entities:\n"
                                   "  - {id: minister, type: Person, pattern: 'Minister (?P<name>{FULL_NAME})'}\n"
                                   "  - {id: envoy, type: Person, pattern: 'Envoy (?P<name>{FULL_NAME})'}\n",
                                   &pack);
  EXPECT_EQ(std::vector<std::string>{dir + "/pack.yaml:3:14: undefined macro 'NAME_WROD'; did "
                                           "you mean 'NAME_WORD'?"},
            HeadlineList(diags));
}

TEST(RulePackTest, MissingFiles) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadRulePack({dir + "/nope.yaml"}, LoadOptions(), &pack);
  EXPECT_EQ(std::vector<std::string>{dir + "/nope.yaml: cannot open rule pack: no such file"},
            HeadlineList(diags));

  RulePack with_include;
  diags = LoadPackText(dir, "pack.yaml", "include: [lists/missing.yaml]\n", &with_include);
  EXPECT_EQ(std::vector<std::string>{dir +
                                     "/lists/missing.yaml: cannot open rule pack: no such file"},
            HeadlineList(diags));

  RulePack directory;
  diags = LoadRulePack({dir}, LoadOptions(), &directory);
  EXPECT_EQ(std::vector<std::string>{dir + ": is a directory, not a rule pack"},
            HeadlineList(diags));
}

TEST(RulePackTest, IncludeCycle) {
  std::string dir = ScratchDir();
  WriteFile(dir, "b.yaml", "include: [a.yaml]\n");
  std::string a = WriteFile(dir, "a.yaml", "include: [b.yaml]\n");
  RulePack pack;
  Diagnostics diags = LoadRulePack({a}, LoadOptions(), &pack);
  EXPECT_EQ(std::vector<std::string>{dir + "/b.yaml: include cycle through '" + dir + "/a.yaml'"},
            HeadlineList(diags));
}

TEST(RulePackTest, InvalidUtf8InAPack) {
  std::string dir = ScratchDir();
  RulePack pack;
  Diagnostics diags = LoadPackText(dir, "pack.yaml", "pack: caf\xC3\n", &pack);
  EXPECT_EQ(std::vector<std::string>{dir + "/pack.yaml:1:10: invalid UTF-8 at byte 9 (0xC3)"},
            HeadlineList(diags));
}

}  // namespace
}  // namespace kgrep
