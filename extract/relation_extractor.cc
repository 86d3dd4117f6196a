#include "extract/relation_extractor.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include "extract/text.h"
#include "extract/thread_order.h"

namespace kgrep {

namespace {

using Slot = RelationSlot;
using Unit = RelationUnit;
using Groups = std::vector<std::pair<size_t, size_t>>;

// Scans each unit for the rules `flagged` for it (by unit: rule indices in
// pack order), one rule at a time over all the units.
void ScanUnits(const RulePack& pack, const std::vector<Unit*>& units,
               const std::vector<std::vector<int>>& flagged) {
  std::vector<std::vector<size_t>> by_rule(pack.relation_rules.size());  // units flagged
  for (size_t u = 0; u < units.size(); ++u)
    for (int ri : flagged[u]) by_rule[static_cast<size_t>(ri)].push_back(u);
  std::vector<re2::StringPiece> g;
  // Each thread from a place of its own in the list (extract/thread_order.h),
  // a rule costing about its program's size for each unit it scans.
  const size_t rules = pack.relation_rules.size();
  const size_t first = FirstOfWalk(rules, [&](size_t ri) {
    const RelationRule& rule = pack.relation_rules[ri];
    return rule.pattern ? rule.pattern->ProgramSize() * by_rule[ri].size() : 0;
  });
  for (size_t step = 0; step < rules; ++step) {
    const size_t ri = (first + step) % rules;
    const RelationRule& rule = pack.relation_rules[ri];
    if (!rule.pattern) continue;
    const RE2& re = *rule.pattern;
    const int n = re.NumberOfCapturingGroups() + 1;
    g.assign(static_cast<size_t>(n), re2::StringPiece());
    // Where a list ends, a new clause begins, which may hold the rule's
    // trigger again: "I want to thank my wife, and I want to thank Senator
    // X". The scan goes on from the first end of a list inside a match.
    std::vector<const RE2*> ends;
    for (const Argument* arg : {&rule.subject, &rule.object})
      if (arg->stop_at_pattern) ends.push_back(arg->stop_at_pattern.get());
    for (size_t u : by_rule[ri]) {
      Unit& unit = *units[u];
      re2::StringPiece input(unit.text);
      std::vector<Groups> found;
      size_t pos = 0;
      re2::StringPiece whole;
      // The span first, with no groups (RE2's DFA), then the groups on that
      // span only, anchored at its start alone (as GroupCache::Groups() in
      // extract/matcher.cc does, for the same reason).
      while (pos <= unit.text.size() &&
             re.Match(input, pos, unit.text.size(), RE2::UNANCHORED, &whole, 1)) {
        size_t b = static_cast<size_t>(whole.data() - unit.text.data());
        pos = whole.empty() ? b + 1 : b + whole.size();
        for (const RE2* end : ends) {
          re2::StringPiece at;
          if (pos > b + 1 && end->Match(input, b + 1, pos, RE2::UNANCHORED, &at, 1))
            pos = static_cast<size_t>(at.data() - unit.text.data());
        }
        if (!re.Match(input, b, b + whole.size(), RE2::ANCHOR_START, g.data(), n)) continue;
        Groups groups;
        for (const re2::StringPiece& piece : g)
          groups.emplace_back(piece.data() ? static_cast<size_t>(piece.data() - unit.text.data())
                                           : std::string::npos,
                              piece.size());
        found.push_back(std::move(groups));
      }
      if (!found.empty()) unit.matches.emplace_back(static_cast<int>(ri), std::move(found));
    }
  }
  // Back to pack order, where the walk did not begin at the first rule.
  if (first != 0)
    for (Unit* unit : units)
      std::sort(unit->matches.begin(), unit->matches.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
}

Unit MakeUnit(const Document& doc, const MatchResult& matches, Scope scope, Span span, int turn,
              int sentence) {
  Unit u;
  u.scope = scope;
  u.span = span;
  u.turn = turn;
  u.sentence = sentence;
  const auto& ms = matches.mentions;
  auto it = std::lower_bound(ms.begin(), ms.end(), span.begin,
                             [](const Mention& m, size_t pos) { return m.span.begin < pos; });
  // The text from `from` to `to`, line breaks as spaces.
  auto copy = [&](size_t from, size_t to) {
    size_t start = u.text.size();
    u.text.append(doc.clean, from, to - from);
    std::replace(u.text.begin() + static_cast<std::ptrdiff_t>(start), u.text.end(), '\n', ' ');
  };
  size_t pos = span.begin;
  for (; it != ms.end() && it->span.begin < span.end; ++it) {
    if (it->span.end > span.end || it->speaker_label || it->span.begin < pos) continue;
    copy(pos, it->span.begin);
    Slot s;
    s.begin = u.text.size();
    u.text += SlotText(it->type, static_cast<size_t>(it - ms.begin()));
    s.end = u.text.size();
    s.mention = static_cast<size_t>(it - ms.begin());
    u.slots.push_back(s);
    pos = it->span.end;
  }
  copy(pos, span.end);
  return u;
}

// Calls f(unit) for every unit of `doc` that relation rules read, in order:
// the sentences, then the paragraphs and the turns if rules of those scopes
// exist.
template <typename F>
void ForEachUnit(const RulePack& pack, const Document& doc, const MatchResult& matches, F f) {
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    f(MakeUnit(doc, matches, Scope::kSentence, s.span, s.turn, static_cast<int>(si)));
  }
  bool paragraphs = false, turns = false;
  for (const auto& r : pack.relation_rules) {
    paragraphs |= r.scope == Scope::kParagraph;
    turns |= r.scope == Scope::kTurn;
  }
  if (paragraphs)
    for (const Paragraph& p : doc.paragraphs)
      f(MakeUnit(doc, matches, Scope::kParagraph, p.body, p.turn, -1));
  if (turns) {
    for (size_t ti = 0; ti < doc.turns.size(); ++ti) {
      const Turn& t = doc.turns[ti];
      if (t.paragraphs.empty()) continue;
      Span span{doc.paragraphs[t.paragraphs.front()].body.begin,
                doc.paragraphs[t.paragraphs.back()].body.end};
      f(MakeUnit(doc, matches, Scope::kTurn, span, static_cast<int>(ti), -1));
    }
  }
}

// Scans the units: its scope's filter says which rules match in a unit at
// all (over all the units of the scope at once: PatternFilter::MatchEach());
// those then scan it.
void FilterAndScan(const RulePack& pack, const std::vector<Unit*>& units) {
  std::vector<std::vector<int>> flagged(units.size());
  std::vector<size_t> of_scope;
  std::vector<std::string_view> texts;
  std::vector<std::vector<int>> targets;
  std::vector<char> decided;
  for (const Scope scope : {Scope::kSentence, Scope::kParagraph, Scope::kTurn}) {
    of_scope.clear();
    texts.clear();
    for (size_t u = 0; u < units.size(); ++u) {
      if (units[u]->scope != scope) continue;
      of_scope.push_back(u);
      texts.push_back(units[u]->text);
    }
    if (of_scope.empty()) continue;
    const PatternFilter* filter = pack.relation_filters[static_cast<int>(scope)].get();
    if (filter) {
      filter->MatchEach(texts, &targets, &decided);
    } else {
      decided.assign(texts.size(), 0);
    }
    for (size_t k = 0; k < of_scope.size(); ++k) {
      std::vector<int>& f = flagged[of_scope[k]];
      if (decided[k]) {
        f = std::move(targets[k]);
        continue;
      }
      for (size_t i = 0; i < pack.relation_rules.size(); ++i)
        if (pack.relation_rules[i].scope == scope) f.push_back(static_cast<int>(i));
    }
  }
  ScanUnits(pack, units, flagged);
}

// Whether `after`, the text after a demonym, says "counterpart" (1) or
// "counterparts" (2): "his Turkish counterpart", "their Indian
// counterparts"; 0 if neither.
int Counterparts(std::string_view after) {
  const size_t word = after.find_first_not_of(' ');
  if (word == std::string_view::npos || word == 0) return 0;
  after.remove_prefix(word);
  if (after.substr(0, 11) != "counterpart") return 0;
  after.remove_prefix(11);
  int n = 1;
  if (!after.empty() && after[0] == 's') {
    after.remove_prefix(1);
    n = 2;
  }
  return IsWordCharAt(after, 0) ? 0 : n;
}

// AddressedByTitle's answer for a title of address that no one has.
constexpr int kAddressesNobodyNamed = -2;

// Whether a phrase that `words` open is open at the end of `between`, the
// text from one slot to the next, given whether it was open at its start: a
// match opens one, a comma or colon after the last match closes it. Matches
// that begin before `from` open nothing.
bool PhraseOpen(const RE2& words, std::string_view between, bool open, size_t from = 0) {
  const size_t stop = between.find_last_of(",:");
  size_t last = std::string_view::npos;  // end of the last match
  re2::StringPiece input(between.data(), between.size()), m;
  for (size_t pos = from; pos <= between.size() &&
                          words.Match(input, pos, between.size(), RE2::UNANCHORED, &m, 1);) {
    last = static_cast<size_t>(m.data() - between.data()) + m.size();
    pos = m.empty() ? last + 1 : last;
  }
  if (last != std::string_view::npos && (stop == std::string_view::npos || last > stop))
    return true;
  return stop == std::string_view::npos && open;
}

class RelationFinder {
 public:
  RelationFinder(const RulePack& pack, const Document& doc, const MatchResult& matches,
                 std::vector<ResolvedEntity>* entities)
      : pack_(pack), doc_(doc), matches_(matches), entities_(*entities) {
    speakers_ = TurnSpeakers(doc, matches);
    quoted_ = QuoteSpeakers(pack, doc, matches);
    const size_t front = FrontMatterEnd(pack, doc);
    for (const Mention& m : matches.mentions)
      if (m.type == EntityType::kPerson && (m.speaker_label || m.span.end <= front))
        present_.insert(m.entity);
  }

  // `units`: the scanned MakeRelationUnits(); null to make and scan each in
  // turn.
  void RunRules(const std::vector<Unit>* units);
  // Binds each "his Turkish counterpart" Bind() set aside to the one person
  // who represents that country, if there is exactly one ("counterparts": to
  // all who do).
  void BindCounterparts();
  void RunAttributes();
  // Drops every person's member_of a body of a state other than those the
  // person represents: "met with Mexican Attorney General X at the
  // Department of Justice" puts X in no U.S. body. Call last.
  void DropForeignMemberships();
  std::vector<FoundRelation> Take() { return std::move(found_); }

 private:
  // Binds the arguments of every match in `unit` and adds the relations.
  void BindUnit(const Unit& unit);
  int PreviousSpeaker(int turn) const;
  // The person the sentence before `unit` (in the same turn) opens with, as
  // its subject, -1 if none: "During the visit, Foreign Minister X called on
  // Y." gives X.
  int PreviousSubject(const Unit& unit) const;
  // Who says `unit`: in a quotation the person it is given to, else the
  // speaker of its turn; -1 for no one.
  int SpeakerOf(const Unit& unit) const {
    if (unit.scope == Scope::kSentence && unit.sentence >= 0 && quoted_[unit.sentence] >= 0)
      return quoted_[unit.sentence];
    return unit.turn >= 0 ? speakers_[static_cast<size_t>(unit.turn)] : -1;
  }
  // `other`: the entities bound to the other argument, if known.
  // The entities `arg` binds in `unit`. An object's "his Turkish
  // counterpart" goes into *counterparts, the country's, if given: whom it is
  // is known only once all relations are found (BindCounterparts()).
  struct Counterpart;
  std::vector<int> Bind(const Argument& arg, const RelationRule& rule, const Unit& unit,
                        const std::vector<re2::StringPiece>& groups,
                        const std::vector<int>& other,
                        std::vector<Counterpart>* counterparts = nullptr) const;
  // Whom a pronoun in `unit` at `before` points back at: people named before
  // it in the unit, else in the sentence before of the same turn, else, in a
  // turn's first sentence (or its second, after an opening that spoke to
  // someone and named no one), the previous speaker; never one of `subjects`.
  std::vector<int> Antecedents(const Unit& unit, size_t before, const Argument& arg,
                               const std::vector<int>& subjects) const;
  int AddressedByTitle(std::string_view group, const Unit& unit) const;
  std::vector<int> Addressed(const Unit& unit) const;
  bool InsidePersonAttribute(size_t mention, const Unit& unit,
                             const std::vector<int>& owners_allowed) const;
  bool InJointPossessive(const Unit& unit, size_t slot) const;
  // The state `agency` belongs to: its gazetteer entry's country, or the
  // country a body of many states was named with; "" if neither.
  std::string_view HomeCountry(int agency) const;
  // True if the person `person` represents countries and none of them is
  // HomeCountry(agency).
  bool RepresentsOtherCountry(int person, int agency) const;
  bool Accepts(const Argument& arg, EntityType type) const {
    return arg.types.empty() ||
           std::find(arg.types.begin(), arg.types.end(), type) != arg.types.end();
  }
  int EntityIn(Span span, EntityType type);
  // The first mention (they are sorted by start) that starts at or after `pos`.
  size_t FirstMentionAt(size_t pos) const {
    const auto& ms = matches_.mentions;
    return static_cast<size_t>(
        std::lower_bound(ms.begin(), ms.end(), pos,
                         [](const Mention& m, size_t p) { return m.span.begin < p; }) -
        ms.begin());
  }
  void CountryInName(const Mention& m, Span evidence);
  void Add(int subject, const std::string& predicate, int object, const std::string& rule,
           Span evidence);

  const RulePack& pack_;
  const Document& doc_;
  const MatchResult& matches_;
  // Relations may add a country that a phrase names without naming it on
  // its own ("Canadian Embassy"): a node only because the relation needs it.
  std::vector<ResolvedEntity>& entities_;
  int CountryEntity(const GazetteerRef& ref);
  std::vector<int> speakers_;
  std::vector<int> quoted_;  // by sentence: QuoteSpeakers()
  // People who take part: speakers, and those the front matter names.
  std::set<int> present_;
  std::vector<FoundRelation> found_;
  // "X thanked his Turkish counterpart", set aside for BindCounterparts().
  struct Counterpart {
    int subject;
    const RelationRule* rule;
    GazetteerRef country;
    bool plural;  // "counterparts": all who represent it; else the one
    Span evidence;
  };
  std::vector<Counterpart> counterparts_;
  // (subject, predicate, object, evidence) of found_, to drop repeats.
  std::set<std::tuple<int, std::string, int, size_t, size_t>> seen_;
};

int RelationFinder::PreviousSubject(const Unit& unit) const {
  const int sentence = unit.sentence >= 0 ? unit.sentence : doc_.SentenceAt(unit.span.begin);
  if (sentence <= 0 || doc_.sentences[sentence].index_in_turn == 0) return -1;
  const Sentence& prev = doc_.sentences[sentence - 1];
  for (size_t i = FirstMentionAt(prev.span.begin);
       i < matches_.mentions.size() && matches_.mentions[i].span.begin < prev.span.end; ++i) {
    const Mention& m = matches_.mentions[i];
    if (m.speaker_label || m.type != EntityType::kPerson) continue;
    // What opens the sentence before the name, after a phrase set off by a
    // comma ("During the visit, "): title words, capitalised, and "of" or
    // "the" ("Foreign Minister", "the U.S. Secretary of State"); a verb or
    // any other small word makes the name no subject ("I met President X").
    std::string_view before = doc_.Text(Span{prev.span.begin, m.span.begin});
    const size_t comma = before.rfind(", ");
    if (comma != std::string_view::npos) before.remove_prefix(comma + 2);
    for (const std::string& w : SplitWords(before))
      if (!StartsUpper(w) && w != "the" && w != "of" && w != "and") return -1;
    return m.entity;
  }
  return -1;
}

int RelationFinder::PreviousSpeaker(int turn) const {
  for (int t = turn - 1; t >= 0; --t)
    if (doc_.turns[t].has_speaker) return speakers_[t];
  return -1;
}

std::vector<int> RelationFinder::Antecedents(const Unit& unit, size_t before,
                                             const Argument& arg,
                                             const std::vector<int>& subjects) const {
  std::vector<int> out;
  // "President X thanked her": a pronoun that is no reflexive is not the
  // subject of its own clause.
  auto take = [&](size_t mention) {
    const Mention& m = matches_.mentions[mention];
    if (m.type == EntityType::kPerson && Accepts(arg, m.type) &&
        std::find(subjects.begin(), subjects.end(), m.entity) == subjects.end() &&
        std::find(out.begin(), out.end(), m.entity) == out.end())
      out.push_back(m.entity);
  };
  for (const Slot& s : unit.slots)
    if (s.end <= before) take(s.mention);
  if (!out.empty()) return out;
  int sentence = unit.sentence >= 0 ? unit.sentence : doc_.SentenceAt(unit.span.begin);
  if (sentence < 0) return out;
  const Sentence& cur = doc_.sentences[sentence];
  // "I thank you." in a paragraph of its own that closes a speech of several
  // paragraphs: "you" is the audience.
  const Turn& turn = doc_.turns[static_cast<size_t>(cur.turn)];
  if (turn.paragraphs.size() > 1 && cur.paragraph == turn.paragraphs.back() &&
      doc_.paragraphs[static_cast<size_t>(cur.paragraph)].sentences.size() == 1)
    return out;
  if (cur.index_in_turn > 0) {
    const Sentence& prev = doc_.sentences[sentence - 1];
    for (size_t i = FirstMentionAt(prev.span.begin);
         i < matches_.mentions.size() && matches_.mentions[i].span.begin < prev.span.end; ++i) {
      const Mention& m = matches_.mentions[i];
      if (!m.speaker_label && m.span.end <= prev.span.end) take(i);
    }
    if (!out.empty()) return out;
    // "Mr. President, welcome. I want to thank you": the sentence before
    // spoke to someone by a title (only that one, as for names: "So, feel
    // at home, Mr. Secretary. I wish ... Thank you." closes a speech).
    if (Accepts(arg, EntityType::kPerson)) {
      const int titled = AddressedByTitle(doc_.Text(prev.span), unit);
      if (titled >= 0 && std::find(subjects.begin(), subjects.end(), titled) == subjects.end())
        return {titled};
    }
    // "Thank you, Mr. Secretary. Let me welcome you to Nairobi": the sentence
    // after a turn's opening, when that opening spoke to someone and named no
    // one, still speaks to whoever spoke before; not a closing "Thank you."
    // after a speech.
    if (cur.index_in_turn != 1 || !pack_.pronoun.pattern ||
        !RE2::PartialMatch(re2::StringPiece(doc_.clean.data() + prev.span.begin, prev.span.size()),
                           *pack_.pronoun.pattern))
      return out;
    const size_t turn_begin = doc_.paragraphs[doc_.turns[cur.turn].paragraphs.front()].span.begin;
    for (size_t i = FirstMentionAt(turn_begin);
         i < matches_.mentions.size() && matches_.mentions[i].span.begin < cur.span.begin; ++i) {
      const Mention& m = matches_.mentions[i];
      if (!m.speaker_label && m.type == EntityType::kPerson) return out;
    }
  }
  int previous = PreviousSpeaker(cur.turn);
  if (previous >= 0 && Accepts(arg, EntityType::kPerson)) out.push_back(previous);
  return out;
}

std::string_view RelationFinder::HomeCountry(int agency) const {
  const ResolvedEntity& e = entities_[agency];
  if (e.ref.gazetteer >= 0) return pack_.gazetteers[e.ref.gazetteer].entries[e.ref.entry].country;
  const size_t at = e.state_key.rfind('@');
  return at == std::string::npos ? std::string_view() : std::string_view(e.state_key).substr(at + 1);
}

bool RelationFinder::RepresentsOtherCountry(int person, int agency) const {
  const std::string_view home = HomeCountry(agency);
  if (home.empty()) return false;
  bool other = false;
  for (const FoundRelation& r : found_) {
    if (r.subject != person || r.predicate != "represents") continue;
    const ResolvedEntity& c = entities_[r.object];
    if (c.type != EntityType::kCountry) continue;
    if (c.label == home) return false;
    other = true;
  }
  return other;
}

void RelationFinder::DropForeignMemberships() {
  std::vector<bool> foreign(found_.size());
  for (size_t i = 0; i < found_.size(); ++i)
    foreign[i] = found_[i].predicate == "member_of" &&
                 entities_[found_[i].subject].type == EntityType::kPerson &&
                 RepresentsOtherCountry(found_[i].subject, found_[i].object);
  size_t kept = 0;
  for (size_t i = 0; i < found_.size(); ++i)
    if (!foreign[i]) {
      if (kept != i) found_[kept] = std::move(found_[i]);
      ++kept;
    }
  found_.resize(kept);
}

// Whom a sentence addresses: people named in address at its start ("Minister
// A, Chancellor B: ...") or end ("..., Marcelo."); else a title in address
// ("..., Mr. Secretary."); else, in the first sentence of a turn, the
// previous speaker.
std::vector<int> RelationFinder::Addressed(const Unit& unit) const {
  // "⟦" and "⟧" (U+27E6, U+27E7) delimit slots.
  static const RE2 kStart(
      "^[^⟦]{0,30}?(⟦Person#[0-9]+⟧(?:(?:,[ ]*|[ ]+and[ ]+)[^⟦,.;:!?]{0,25}?⟦Person#[0-9]+⟧)*)"
      "[ ]*[,:]");
  static const RE2 kEnd(",[ ]*[^⟦,.;:!?]{0,25}?(⟦Person#[0-9]+⟧)[ ]*[.!?]*(?:\"|”|’)?[ ]*$");
  re2::StringPiece found;
  std::vector<int> out;
  if (RE2::PartialMatch(unit.text, kStart, &found) || RE2::PartialMatch(unit.text, kEnd, &found)) {
    size_t b = static_cast<size_t>(found.data() - unit.text.data());
    for (const Slot& s : unit.slots) {
      if (s.begin < b || s.end > b + found.size()) continue;
      int e = matches_.mentions[s.mention].entity;
      if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    }
    if (!out.empty()) return out;
  }
  int titled = AddressedByTitle(unit.text, unit);
  if (titled >= 0) return {titled};
  int sentence = unit.sentence >= 0 ? unit.sentence : doc_.SentenceAt(unit.span.begin);
  if (sentence >= 0 && doc_.sentences[sentence].index_in_turn == 0) {
    int previous = PreviousSpeaker(unit.turn);
    if (previous >= 0) return {previous};
  }
  // "Thank you, Tony. Welcome to Canada.": the sentence after an opening in
  // which the speaker thanked or welcomed the previous speaker speaks to
  // them too.
  if (sentence > 0 && doc_.sentences[sentence].index_in_turn == 1) {
    const int previous = PreviousSpeaker(unit.turn);
    const int speaker = SpeakerOf(unit);
    const Span opening = doc_.sentences[sentence - 1].span;
    if (previous >= 0 && speaker >= 0)
      for (const FoundRelation& r : found_)
        if (r.subject == speaker && r.object == previous && r.evidence.begin <= opening.begin &&
            r.evidence.end >= opening.end)
          return {previous};
  }
  return out;
}

bool RelationFinder::InsidePersonAttribute(size_t mention, const Unit& unit,
                                           const std::vector<int>& owners_allowed) const {
  const Span& s = matches_.mentions[mention].span;
  for (const Slot& slot : unit.slots) {
    const Mention& p = matches_.mentions[slot.mention];
    if (p.type != EntityType::kPerson) continue;
    if (std::find(owners_allowed.begin(), owners_allowed.end(), p.entity) !=
        owners_allowed.end())
      continue;
    // Within one attribute, or within those before the name taken together:
    // "the Governor of the Central Bank of Kenya, X" (a title, then a country).
    size_t before = p.span.begin;
    for (const Attribute* a : {&p.title, &p.agency, &p.country}) {
      if (!a->present) continue;
      if (a->span.begin <= s.begin && s.end <= a->span.end) return true;
      if (a->span.end <= p.span.begin) before = std::min(before, a->span.begin);
    }
    if (before <= s.begin && s.end <= p.span.begin) return true;
  }
  return false;
}

// "welcomed Prime Minister X and President Y's commitment": a slot joined by
// "and" to one in the possessive, with nothing between but title words and
// demonyms, owns what follows with it.
bool RelationFinder::InJointPossessive(const Unit& unit, size_t slot) const {
  const std::string_view t = unit.text;
  std::string_view between =
      t.substr(unit.slots[slot].end, slot + 1 < unit.slots.size()
                                         ? unit.slots[slot + 1].begin - unit.slots[slot].end
                                         : 0);
  const size_t and_begin = between.find_first_not_of(' ');
  if (and_begin == std::string_view::npos || between.substr(and_begin, 4) != "and ") return false;
  between.remove_prefix(and_begin + 4);
  for (size_t j = slot + 1; j < unit.slots.size(); ++j) {
    // Title words only: "and Azerbaijani President Y's".
    for (const std::string& w : SplitWords(between))
      if (!(w[0] >= 'A' && w[0] <= 'Z')) return false;
    const Slot& next = unit.slots[j];
    if (!matches_.mentions[next.mention].demonym)
      return StartsWithPossessive(t.substr(next.end));
    between = j + 1 < unit.slots.size() ? t.substr(next.end, unit.slots[j + 1].begin - next.end)
                                        : std::string_view();
  }
  return false;
}

// "Thank you, Mr. Secretary.", "So thank you again, Mr. Prime Minister, for":
// a vocative of title words (between commas, or a comma and the end of the
// sentence) addresses the person the document gives exactly that title, of
// those who take part (speakers, and people the front matter names) or were
// just named (in the unit or the sentence before); among
// several, the previous speaker. Returns -1 for no such vocative, or several
// people and none the previous speaker; kAddressesNobodyNamed if nobody who
// takes part has the title.
int RelationFinder::AddressedByTitle(std::string_view group, const Unit& unit) const {
  std::vector<std::string> words = SplitWords(group);
  auto ends_clause = [](const std::string& w) {
    char c = w.empty() ? 0 : w.back();
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
  };
  std::set<std::string> run;
  for (size_t i = 0; i < words.size() && run.empty(); ++i) {
    if (i > 0 && words[i - 1].back() != ',') continue;
    size_t j = i;
    std::set<std::string> titles;
    bool closed = false;
    while (j < words.size()) {
      std::string f = Fold(words[j]);
      bool honorific = IsHonorificWord(pack_, words[j]);
      if (!honorific && !pack_.title_words.count(f)) break;
      if (!honorific && f != "of" && f != "the") titles.insert(f);
      ++j;
      if (ends_clause(words[j - 1]) && !honorific) {
        closed = true;
        break;
      }
    }
    if (!titles.empty() && (closed || j == words.size())) run = titles;
  }
  if (run.empty()) return -1;
  // "chair" addresses a "chairwoman": a title word matches a longer one it
  // begins.
  auto word_in = [](const std::string& w, const std::set<std::string>& title) {
    for (const auto& t : title)
      if (t == w || (w.size() >= 4 && t.size() > w.size() && t.compare(0, w.size(), w) == 0))
        return true;
    return false;
  };
  // Who takes part, or was just named: in the unit or the sentence before.
  std::set<int> near;
  for (const Slot& slot : unit.slots) near.insert(matches_.mentions[slot.mention].entity);
  const int sentence = unit.sentence >= 0 ? unit.sentence : doc_.SentenceAt(unit.span.begin);
  if (sentence > 0) {
    const Span prev = doc_.sentences[sentence - 1].span;
    for (size_t i = FirstMentionAt(prev.begin);
         i < matches_.mentions.size() && matches_.mentions[i].span.begin < prev.end; ++i)
      near.insert(matches_.mentions[i].entity);
  }
  std::vector<int> exact, wider;
  // Nobody addresses themselves: "Mr. President" said by a president.
  const int speaker = SpeakerOf(unit);
  for (size_t e = 0; e < entities_.size(); ++e) {
    if (static_cast<int>(e) == speaker) continue;
    bool is_exact = false, is_wider = false;
    for (const auto& title : entities_[e].titles) {
      if (title == run) is_exact = true;
      if (std::all_of(run.begin(), run.end(), [&](const std::string& w) { return word_in(w, title); }))
        is_wider = true;
    }
    // One addresses who is there: "Madam President" in a speech that names
    // the President of the Commission in passing is someone else.
    if (!present_.count(static_cast<int>(e)) && !near.count(static_cast<int>(e))) continue;
    if (is_exact) exact.push_back(static_cast<int>(e));
    if (is_wider) wider.push_back(static_cast<int>(e));
  }
  int previous = PreviousSpeaker(unit.turn);
  for (const auto* candidates : {&exact, &wider}) {
    if (candidates->size() == 1) return candidates->front();
    if (std::find(candidates->begin(), candidates->end(), previous) != candidates->end())
      return previous;
    if (!candidates->empty()) return -1;
  }
  return kAddressesNobodyNamed;
}

std::vector<int> RelationFinder::Bind(const Argument& arg, const RelationRule& rule,
                                      const Unit& unit,
                                      const std::vector<re2::StringPiece>& groups,
                                      const std::vector<int>& other,
                                      std::vector<Counterpart>* counterparts) const {
  switch (arg.role) {
    case Role::kSpeaker: {
      const int speaker = SpeakerOf(unit);  // in a quotation, "I" is its speaker
      if (speaker >= 0) return {speaker};
      return {};
    }
    case Role::kPreviousSpeaker: {
      int p = PreviousSpeaker(unit.turn);
      if (p >= 0) return {p};
      return {};
    }
    case Role::kAddressed:
      return Addressed(unit);
    case Role::kPreviousSubject: {
      const int p = PreviousSubject(unit);
      if (p >= 0) return {p};
      return {};
    }
    case Role::kGroup:
      break;
  }
  int gi = rule.pattern->NamedCapturingGroups().at(arg.group);
  const re2::StringPiece& g = groups[gi];
  if (g.data() == nullptr) return {};
  size_t gb = static_cast<size_t>(g.data() - unit.text.data());
  size_t ge = gb + g.size();
  std::vector<int> out;
  bool skipping = false;  // in a phrase arg.skip_after opened
  bool aside = false;     // in a clause arg.skip_clause opened
  size_t from = gb;       // where the text before the next slot begins
  size_t first_taken = gb;  // where the first slot taken begins
  for (size_t k = 0; k < unit.slots.size(); ++k) {
    const Slot& s = unit.slots[k];
    if (s.begin < gb || s.end > ge) continue;
    const std::string_view between = std::string_view(unit.text).substr(from, s.begin - from);
    // Words of a clause or a list's end at the group's very start belong to
    // the verb: "welcomed and thanked X", "thank, and we all do, X".
    const size_t lead = from == gb ? std::min(between.size(), between.find_first_not_of(" ,") + 1)
                                   : 0;
    from = s.end;
    // "thank X, and we welcome Y": the list has ended.
    if (arg.stop_at_pattern) {
      re2::StringPiece input(between.data(), between.size());
      if (arg.stop_at_pattern->Match(input, lead, input.size(), RE2::UNANCHORED, nullptr, 0))
        break;
    }
    if (arg.skip_after_pattern) skipping = PhraseOpen(*arg.skip_after_pattern, between, skipping);
    // "thanked X and Y, who hosted Z": Z is no one thanked.
    if (arg.skip_clause_pattern)
      aside = PhraseOpen(*arg.skip_clause_pattern, between, aside, lead);
    if (aside) continue;
    const Mention& m = matches_.mentions[s.mention];
    // "thanked his Turkish counterpart": the one who represents Turkey.
    if (counterparts && arg.each && m.demonym && m.ref.gazetteer >= 0 &&
        Accepts(arg, EntityType::kPerson) && !skipping) {
      if (const int n = Counterparts(std::string_view(unit.text).substr(s.end))) {
        counterparts->push_back(Counterpart{-1, &rule, m.ref, n > 1, unit.span});
        continue;
      }
    }
    if (!Accepts(arg, m.type)) continue;
    if (arg.each) {
      // In a list, a demonym names nobody ("welcomed Australian Minister X"),
      // a body or place after "to" or "for" is where or why ("welcomed X to
      // the Pentagon"), and a body or country named in a person's title
      // ("White House Coordinator ... Jack Markell") describes that person.
      // Nor is one in the possessive: "welcomed Minister X's invitation",
      // "welcomed X and Y's commitment".
      if (m.demonym || (skipping && m.type != EntityType::kPerson) ||
          InsidePersonAttribute(s.mention, unit, other) ||
          StartsWithPossessive(std::string_view(unit.text).substr(s.end)) ||
          InJointPossessive(unit, k))
        continue;
    }
    if (out.empty()) first_taken = s.begin;
    if (std::find(out.begin(), out.end(), m.entity) == out.end()) out.push_back(m.entity);
    if (!arg.each) break;
  }
  // "Thank you, Mr. Chairman, Ranking Member X": a title in address, set off
  // by its comma, before the first one named is one more.
  if (&arg == &rule.object && arg.each && !out.empty() && Accepts(arg, EntityType::kPerson)) {
    const std::string_view before = std::string_view(unit.text).substr(gb, first_taken - gb);
    const size_t comma = before.rfind(',');
    if (comma != std::string_view::npos) {
      const int addressed = AddressedByTitle(before.substr(0, comma + 1), unit);
      if (addressed >= 0 && std::find(out.begin(), out.end(), addressed) == out.end())
        out.insert(out.begin(), addressed);
    }
  }
  // Pronouns and titles in address stand for the object only: "thank you",
  // "welcome to your home", "thank you, Mr. Secretary".
  if (&arg != &rule.object || !out.empty() || (counterparts && !counterparts->empty())) return out;
  re2::StringPiece group(g.data(), g.size());
  // Up to where the list ends, as above: "welcomed X's leadership and
  // thanked him" welcomes no "him".
  if (arg.stop_at_pattern) {
    const size_t lead =
        std::min(group.size(), std::string_view(group.data(), group.size()).find_first_not_of(" ,") + 1);
    re2::StringPiece stop;
    if (arg.stop_at_pattern->Match(group, lead, group.size(), RE2::UNANCHORED, &stop, 1))
      group = re2::StringPiece(group.data(), static_cast<size_t>(stop.data() - group.data()));
  }
  if (pack_.collective.pattern && RE2::PartialMatch(group, *pack_.collective.pattern)) return out;
  const bool pronoun = pack_.pronoun.pattern && RE2::PartialMatch(group, *pack_.pronoun.pattern);
  if (Accepts(arg, EntityType::kPerson)) {
    int addressed = AddressedByTitle(std::string_view(group.data(), group.size()), unit);
    // "Governor, thank you for your leadership": a title in address before a
    // pronoun's group, at the start of the sentence.
    if (addressed == -1 && pronoun)
      addressed = AddressedByTitle(std::string_view(unit.text).substr(0, gb), unit);
    if (addressed >= 0) return {addressed};
    // "Thank you, Madam President": "you" is someone the document does not
    // name, not whoever the sentence before named.
    if (addressed == kAddressesNobodyNamed) return out;
  }
  if (pronoun) return Antecedents(unit, gb, arg, other);
  return out;
}

void RelationFinder::Add(int subject, const std::string& predicate, int object,
                         const std::string& rule, Span evidence) {
  if (subject < 0 || object < 0 || subject == object) return;
  // One statement found by two rules is one finding.
  if (!seen_.emplace(subject, predicate, object, evidence.begin, evidence.end).second) return;
  found_.push_back(FoundRelation{subject, predicate, object, rule, evidence});
}

void RelationFinder::BindCounterparts() {
  for (const Counterpart& c : counterparts_) {
    const GazetteerEntry& entry = pack_.gazetteers[c.country.gazetteer].entries[c.country.entry];
    const int country = FindGazetteerEntity(pack_, entities_, entry.name);
    if (country < 0) continue;
    std::vector<int> who;
    for (const FoundRelation& r : found_)
      if (r.predicate == "represents" && r.object == country && r.subject != c.subject &&
          entities_[r.subject].type == EntityType::kPerson &&
          std::find(who.begin(), who.end(), r.subject) == who.end())
        who.push_back(r.subject);
    if (who.size() == 1 || c.plural)
      for (int w : who) Add(c.subject, c.rule->predicate, w, c.rule->id, c.evidence);
  }
}

void RelationFinder::RunRules(const std::vector<Unit>* units) {
  if (units != nullptr) {
    for (const Unit& unit : *units) BindUnit(unit);
    return;
  }
  ForEachUnit(pack_, doc_, matches_, [&](Unit unit) {
    FilterAndScan(pack_, {&unit});
    BindUnit(unit);
  });
}

void RelationFinder::BindUnit(const Unit& unit) {
  std::vector<re2::StringPiece> g;
  for (const auto& [ri, found] : unit.matches) {
    const RelationRule& rule = pack_.relation_rules[static_cast<size_t>(ri)];
    for (const Groups& groups : found) {
      g.clear();
      for (auto [offset, size] : groups)
        g.push_back(offset == std::string::npos ? re2::StringPiece()
                                                : re2::StringPiece(unit.text.data() + offset, size));
      std::vector<int> subjects = Bind(rule.subject, rule, unit, g, {});
      std::vector<Counterpart> counterparts;
      std::vector<int> objects = Bind(rule.object, rule, unit, g, subjects, &counterparts);
      for (int s : subjects) {
        for (int o : objects) Add(s, rule.predicate, o, rule.id, unit.span);
        for (Counterpart c : counterparts) {
          c.subject = s;
          counterparts_.push_back(c);
        }
      }
    }
  }
}

// The entity of a `type` mention inside `span`; else the gazetteer entity the
// span's text names ("Canadian" inside "Canadian Embassy"), if the document
// names it.
int RelationFinder::EntityIn(Span span, EntityType type) {
  for (size_t i = FirstMentionAt(span.begin);
       i < matches_.mentions.size() && matches_.mentions[i].span.begin < span.end; ++i) {
    const Mention& m = matches_.mentions[i];
    if (m.type == type && m.span.end <= span.end) return m.entity;
  }
  auto it = pack_.forms.find(Fold(doc_.Text(span)));
  if (it == pack_.forms.end() || pack_.gazetteers[it->second.gazetteer].type != type) return -1;
  if (type == EntityType::kCountry) return CountryEntity(it->second);
  int e = FindGazetteerEntity(
      pack_, entities_, pack_.gazetteers[it->second.gazetteer].entries[it->second.entry].name);
  return e >= 0 && entities_[e].named ? e : -1;
}

int RelationFinder::CountryEntity(const GazetteerRef& ref) {
  const GazetteerEntry& entry = pack_.gazetteers[ref.gazetteer].entries[ref.entry];
  int e = FindGazetteerEntity(pack_, entities_, entry.name);
  if (e >= 0) return e;
  ResolvedEntity country;
  country.type = EntityType::kCountry;
  country.label = entry.name;
  country.ref = GazetteerRef{ref.gazetteer, ref.entry, false};
  entities_.push_back(std::move(country));
  return static_cast<int>(entities_.size()) - 1;
}

// "U.S. Department of Justice", "Health Canada": an agency whose name holds
// the name of exactly one country (or its demonym, not after a hyphen)
// belongs to it.
void RelationFinder::CountryInName(const Mention& m, Span evidence) {
  // A gazetteer's body with no country of its own is no state's, whatever
  // its name holds: the "Organization of American States".
  if (m.ref.gazetteer >= 0 && pack_.gazetteers[m.ref.gazetteer].entries[m.ref.entry].country.empty())
    return;
  std::map<std::string, GazetteerRef> found;  // canonical name -> entry
  for (const Gazetteer& g : pack_.gazetteers) {
    if (g.type != EntityType::kCountry) continue;
    size_t pos = 0;
    LiteralSet::Match hit;
    while (pos < m.text.size() && g.literals.Find(m.text, pos, m.text.size(), &hit)) {
      size_t b = hit.begin;
      size_t e = hit.end;
      pos = e;
      if (IsWordCharBefore(m.text, b) || IsWordCharAt(m.text, e)) continue;
      const GazetteerRef& ref = g.refs[hit.literal];
      // Part of a compound, a country or demonym names no state:
      // "Inter-American Development Bank"; nor does either of a pair, whose
      // body is both states' ("Canada-Philippines Joint Commission"). Nor in
      // a party's name: the "Central Office of Communist Party of Vietnam" is
      // the party's.
      if (EndsWithDash(std::string_view(m.text).substr(0, b)) ||
          DashLength(std::string_view(m.text).substr(e)) > 0)
        continue;
      std::string_view before = std::string_view(m.text).substr(0, b);
      if (before.size() >= 4 && before.substr(before.size() - 4) == "the ")
        before.remove_suffix(4);
      if (before.size() >= 9 && before.substr(before.size() - 9) == "Party of ") continue;
      found.emplace(pack_.gazetteers[ref.gazetteer].entries[ref.entry].name, ref);
    }
  }
  if (found.size() != 1) return;
  Add(m.entity, "part_of", CountryEntity(found.begin()->second), m.rule, evidence);
}

// True if `padded` (words with a space before and after) holds the words of
// `words` as a run: " " + words + " " is a substring of it.
bool ContainsWords(std::string_view padded, std::string_view words) {
  if (words.empty()) return padded.find("  ") != std::string_view::npos;
  for (size_t p = padded.find(words, 1); p != std::string_view::npos;
       p = padded.find(words, p + 1))
    if (padded[p - 1] == ' ' && p + words.size() < padded.size() &&
        padded[p + words.size()] == ' ')
      return true;
  return false;
}

void RelationFinder::RunAttributes() {
  for (const Mention& m : matches_.mentions) {
    if (m.entity < 0) continue;
    Span evidence = m.sentence >= 0 ? doc_.sentences[m.sentence].span : m.span;
    // A speaker label's: all of it, "Mr. X (France)".
    if (m.speaker_label && m.sentence < 0) {
      // The turn of the label: the last that starts at or before it.
      auto turn = std::upper_bound(
          doc_.turns.begin(), doc_.turns.end(), m.span.begin,
          [](size_t pos, const Turn& t) { return pos < t.label.begin; });
      if (turn != doc_.turns.begin() && (--turn)->has_speaker && m.span.end <= turn->label.end) {
        evidence = Span{turn->label.begin, std::max(turn->label.end, turn->country.end)};
        if (evidence.end < doc_.clean.size() && doc_.clean[evidence.end] == ')') ++evidence.end;
      }
    }
    if (m.country.present) {
      int country = EntityIn(m.country.span, EntityType::kCountry);
      // A byline's title on the line under the name: both lines.
      Span both = evidence;
      if (m.country.span.begin >= evidence.end) {
        const int s = doc_.SentenceAt(m.country.span.begin);
        both.end = s >= 0 ? doc_.sentences[static_cast<size_t>(s)].span.end : m.country.span.end;
      }
      if (m.type == EntityType::kPerson) Add(m.entity, "represents", country, m.rule, both);
      if (m.type == EntityType::kAgency) Add(m.entity, "part_of", country, m.rule, evidence);
    }
    if (m.type == EntityType::kAgency && !m.country.present) CountryInName(m, evidence);
    if (m.type != EntityType::kPerson) continue;
    if (m.agency.present)
      Add(m.entity, "member_of", EntityIn(m.agency.span, EntityType::kAgency), m.rule, evidence);
  }
  // Titles last, so that the country a person represents is known: an
  // "Attorney General" who represents Mexico is not in the U.S. Department
  // of Justice.
  for (const Mention& m : matches_.mentions) {
    if (m.entity < 0 || m.type != EntityType::kPerson || !m.title.present) continue;
    Span evidence = m.sentence >= 0 ? doc_.sentences[m.sentence].span : m.span;
    const std::string title = " " + Fold(m.title.text) + " ";
    for (const TitleImplication& imp : pack_.implications) {
      if (!ContainsWords(title, imp.folded)) continue;
      // Only bodies the document names on its own.
      if (!imp.member_of.empty()) {
        int agency = FindGazetteerEntity(pack_, entities_, imp.member_of);
        if (agency >= 0 && entities_[agency].named && !RepresentsOtherCountry(m.entity, agency))
          Add(m.entity, "member_of", agency, "title:" + imp.title, evidence);
      }
      if (!imp.represents.empty()) {
        int country = FindGazetteerEntity(pack_, entities_, imp.represents);
        if (country >= 0 && entities_[country].named)
          Add(m.entity, "represents", country, "title:" + imp.title, evidence);
      }
    }
  }
}

}  // namespace

namespace {

// A quotation in a paragraph: from its opening mark to past its closing one,
// or to the paragraph's end if it is not closed there.
struct Quotation {
  size_t begin = 0;
  size_t end = 0;
  bool closed = false;
};

// The quotations of text[begin, end): "..." and “...”, not nested.
std::vector<Quotation> Quotations(std::string_view t, size_t begin, size_t end) {
  static constexpr std::string_view kOpen = "\u201C", kClose = "\u201D";  // “ ”
  // Where the next byte that may start a mark is, from `from` on (`end` if
  // none): found by memchr, as most paragraphs have no mark.
  auto next = [&](char c, size_t from) {
    const void* at = from < end ? std::memchr(t.data() + from, c, end - from) : nullptr;
    return at ? static_cast<size_t>(static_cast<const char*>(at) - t.data()) : end;
  };
  size_t straight_at = next('"', begin), curly_at = next(kOpen[0], begin);
  std::vector<Quotation> out;
  bool open = false;
  while (straight_at < end || curly_at < end) {
    const bool straight = straight_at < curly_at;
    const size_t i = straight ? straight_at : curly_at;
    const bool opens = !straight && t.compare(i, kOpen.size(), kOpen) == 0;
    const bool closes = !straight && t.compare(i, kClose.size(), kClose) == 0;
    const size_t after = i + (straight ? 1 : (opens || closes) ? kOpen.size() : 1);
    if (straight || opens || closes) {
      if (!open && (straight || opens)) {
        out.push_back(Quotation{i, end, false});
        open = true;
      } else if (open && (straight || closes)) {
        out.back().end = after;
        out.back().closed = true;
        open = false;
      }
    }
    if (straight_at < after) straight_at = next('"', after);
    if (curly_at < after) curly_at = next(kOpen[0], after);
  }
  return out;
}

// Whether `text` is one of `said` and a few words more, with no quotation
// mark and no sentence's end but at its end: " said Secretary ", " said: ",
// " added in a statement,", " said.".
bool Says(const RE2& said, std::string_view text, size_t max_rest) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\n')) ++i;
  re2::StringPiece input(text.data() + i, text.size() - i), verb;
  if (!said.Match(input, 0, input.size(), RE2::ANCHOR_START, &verb, 1) || verb.empty())
    return false;
  std::string_view rest = text.substr(i + verb.size());
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\n')) rest.remove_suffix(1);
  if (!rest.empty() && (rest.back() == '.' || rest.back() == '!' || rest.back() == '?'))
    rest.remove_suffix(1);
  return rest.size() <= max_rest && rest.find_first_of(".!?") == std::string_view::npos &&
         !HasQuotationMark(rest);
}

// Whether `text` holds nothing but titles, honorifics and names of
// countries: "Minister", "U.S. Ambassador" before a name.
bool OnlyTitles(const RulePack& pack, std::string_view text) {
  for (const std::string& w : SplitWords(text)) {
    std::string f = Fold(w);
    while (!f.empty() && f.back() == ',') f.pop_back();
    if (!f.empty() && !pack.title_words.count(f) && !IsHonorificWord(pack, w) &&
        !pack.forms.count(f))
      return false;
  }
  return true;
}

// How far words may stand between a speech verb and the quotation or name:
// "said in a statement issued today:".
constexpr size_t kSaysBefore = 40;
constexpr size_t kSaysAfter = 80;

}  // namespace

std::vector<int> QuoteSpeakers(const RulePack& pack, const Document& doc,
                               const MatchResult& matches) {
  std::vector<int> out(doc.sentences.size(), -1);
  if (!pack.said.pattern) return out;
  const RE2& said = *pack.said.pattern;
  const std::string& t = doc.clean;
  const std::vector<Mention>& ms = matches.mentions;
  auto is_person = [&](const Mention& m) {
    return m.type == EntityType::kPerson && m.entity >= 0 && !m.speaker_label;
  };
  // The people of clean text [begin, end), in order.
  auto people_in = [&](size_t begin, size_t end) {
    std::vector<const Mention*> found;
    auto it = std::lower_bound(ms.begin(), ms.end(), begin,
                               [](const Mention& m, size_t p) { return m.span.begin < p; });
    for (; it != ms.end() && it->span.end <= end; ++it)
      if (is_person(*it)) found.push_back(&*it);
    return found;
  };
  int carried = -1;  // whose quotation the last paragraph left open
  for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    const std::vector<Quotation> quotes = Quotations(t, p.body.begin, p.body.end);
    if (quotes.empty()) {
      carried = -1;
      continue;
    }
    const std::vector<const Mention*> people = people_in(p.body.begin, p.body.end);
    // The place in `people` of the first person who begins at or after `pos`:
    // each quotation looks up its neighbours, so a paragraph of many
    // quotations and names is no quadratic case.
    auto first_at = [&](size_t pos) {
      return static_cast<size_t>(
          std::lower_bound(people.begin(), people.end(), pos,
                           [](const Mention* m, size_t at) { return m->span.begin < at; }) -
          people.begin());
    };
    const size_t first_text = t.find_first_not_of(" \n", p.body.begin);
    int next_carried = -1;
    std::vector<int> quoted_by(quotes.size(), -1);
    for (size_t qi = 0; qi < quotes.size(); ++qi) {
      const Quotation& q = quotes[qi];
      const size_t next_quote = qi + 1 < quotes.size() ? quotes[qi + 1].begin : p.body.end;
      const size_t previous_quote = qi > 0 ? quotes[qi - 1].end : p.body.begin;
      int who = -1;
      // '"...," said Secretary Y.' or '"...," Secretary Y said.': the first
      // person after the quotation.
      if (size_t i = first_at(q.end); q.closed && i < people.size() &&
                                      people[i]->span.begin < next_quote) {
        const Mention* m = people[i];
        std::string_view between(t.data() + q.end, m->span.begin - q.end);
        int si = doc.SentenceAt(m->span.begin);
        size_t sentence_end = si >= 0 ? doc.sentences[si].span.end : p.body.end;
        std::string_view after(t.data() + m->span.end,
                               std::max(sentence_end, m->span.end) - m->span.end);
        if (Says(said, between, kSaysAfter) ||
            (OnlyTitles(pack, between) && Says(said, after, kSaysBefore)))
          who = m->entity;
      }
      // 'Secretary Y said: "..."': the last person before it.
      if (size_t i = first_at(q.begin); who < 0 && i > 0) {
        const Mention* last = people[i - 1];
        if (last->span.end <= q.begin && last->span.begin >= previous_quote &&
            Says(said, std::string_view(t.data() + last->span.end, q.begin - last->span.end),
                 kSaysBefore))
          who = last->entity;
      }
      // A quoted paragraph after one that ends 'Secretary Y said:', or that
      // goes on with a quotation the paragraph before left open.
      if (who < 0 && q.begin == first_text) {
        if (carried >= 0) {
          who = carried;
        } else if (pi > 0) {
          const Paragraph& prev = doc.paragraphs[pi - 1];
          std::vector<const Mention*> before = people_in(prev.body.begin, prev.body.end);
          if (!before.empty() &&
              Says(said, std::string_view(t.data() + before.back()->span.end,
                                          prev.body.end - before.back()->span.end),
                   kSaysBefore))
            who = before.back()->entity;
        }
      }
      // '"...," said Y. "..."': the quotation right after one of Y's, with no
      // one else named between them, is Y's too.
      if (who < 0 && qi > 0 && quoted_by[qi - 1] >= 0) {
        bool others = false;
        for (size_t i = first_at(previous_quote); i < people.size(); ++i) {
          if (people[i]->span.end > q.begin) break;
          if (people[i]->entity != quoted_by[qi - 1]) others = true;
        }
        if (!others) who = quoted_by[qi - 1];
      }
      quoted_by[qi] = who;
      if (who < 0) continue;
      if (!q.closed) next_carried = who;
      // The paragraph's sentences that overlap the quotation.
      auto si = std::lower_bound(p.sentences.begin(), p.sentences.end(), q.begin,
                                 [&](int k, size_t at) {
                                   return doc.sentences[static_cast<size_t>(k)].span.end <= at;
                                 });
      for (; si != p.sentences.end(); ++si) {
        const Span& span = doc.sentences[static_cast<size_t>(*si)].span;
        if (span.begin >= q.end) break;
        out[static_cast<size_t>(*si)] = who;
      }
    }
    carried = next_carried;
  }
  return out;
}

std::vector<int> TurnSpeakers(const Document& doc, const MatchResult& matches) {
  std::vector<int> speakers(doc.turns.size(), -1);
  // A document with no labels: the one person its front matter names.
  int byline = -1;
  for (const Mention& m : matches.mentions) {
    if (!m.byline) continue;
    if (byline >= 0 && m.entity != byline) {
      byline = -1;
      break;
    }
    byline = m.entity;
  }
  if (byline >= 0 && doc.turns.size() == 1 && !doc.turns[0].has_speaker) speakers[0] = byline;
  for (size_t t = 0; t < doc.turns.size(); ++t) {
    const Turn& turn = doc.turns[t];
    if (!turn.has_speaker || turn.anonymous) continue;
    for (const Mention& m : matches.mentions) {
      if (m.speaker_label && m.span.begin >= turn.label.begin && m.span.end <= turn.label.end) {
        speakers[t] = m.entity;
        break;
      }
    }
  }
  return speakers;
}

std::vector<RelationUnit> MakeRelationUnits(const RulePack& pack, const Document& doc,
                                            const MatchResult& matches) {
  std::vector<RelationUnit> units;
  ForEachUnit(pack, doc, matches, [&](Unit unit) { units.push_back(std::move(unit)); });
  return units;
}

void ScanRelationUnits(const RulePack& pack,
                       const std::vector<std::vector<RelationUnit>*>& units) {
  std::vector<Unit*> all;
  for (std::vector<RelationUnit>* list : units)
    for (RelationUnit& unit : *list) all.push_back(&unit);
  FilterAndScan(pack, all);
}

std::vector<FoundRelation> ExtractRelations(const RulePack& pack, const Document& doc,
                                            const MatchResult& matches,
                                            std::vector<ResolvedEntity>* entities,
                                            const std::vector<RelationUnit>* units) {
  RelationFinder finder(pack, doc, matches, entities);
  finder.RunRules(units);
  finder.RunAttributes();
  finder.BindCounterparts();
  finder.DropForeignMemberships();
  return finder.Take();
}

}  // namespace kgrep
