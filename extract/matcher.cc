#include "extract/matcher.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_map>

#include "extract/text.h"
#include "extract/thread_order.h"

namespace kgrep {

namespace {


const std::set<std::string> kDeterminers = {"the", "our", "my", "his", "her", "their", "your",
                                            "a", "an", "this", "that", "of", "and", "to"};

struct Candidate {
  Mention mention;
  size_t order = 0;
};

// No letter or digit just before or just after `s`.
bool AtWordBoundaries(std::string_view text, Span s) {
  return !IsWordCharBefore(text, s.begin) && !IsWordCharAt(text, s.end);
}

// Whether the word before `pos` is a preposition of place ("in", "at").
bool AfterPlacePreposition(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  size_t begin = end;
  auto letter = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  while (begin > 0 && letter(text[begin - 1])) --begin;
  if (begin > 0 && IsWordCharBefore(text, begin)) return false;
  static const std::set<std::string> kPlacePrepositions = {
      "in", "at", "from", "near", "across", "throughout", "outside", "inside", "around"};
  return kPlacePrepositions.count(Fold(text.substr(begin, end - begin))) > 0;
}

// One paragraph to scan, and where its matches go.
struct ScanItem {
  const Document* doc = nullptr;
  Span body;
  ParagraphScan* out = nullptr;
  std::vector<char> rules;  // which may match (the pack's filter)
  // Where the literals that begin rules (EntityRule::start_tag) occur,
  // relative to `body`, each place once with the start tags of every
  // literal there.
  std::vector<std::pair<size_t, uint64_t>> starts;
};

// The text of paragraph `p` of `doc` that its rules read.
std::string_view Body(const Document& doc, const Paragraph& p) {
  return std::string_view(doc.clean).substr(p.body.begin, p.body.size());
}

// `targets`: the rules the pack's filter (RulePack::mention_filter) says may
// match in the paragraph, null if it has no filter or cannot decide.
ScanItem MakeScanItem(const RulePack& pack, const Document& doc, const Paragraph& p,
                      const std::vector<int>* targets, ParagraphScan* out) {
  ScanItem item{&doc, p.body, out, {}};
  out->gazetteers.assign(pack.gazetteers.size(), {});
  out->rules.assign(pack.entity_rules.size(), {});
  // Which rules match in the paragraph at all; the others need not scan it.
  // Gazetteers need no filter: their scan is one pass.
  const std::string_view body = Body(doc, p);
  if (targets == nullptr) {
    item.rules.assign(pack.entity_rules.size(), 1);
  } else {
    item.rules.assign(pack.entity_rules.size(), 0);
    for (int t : *targets) item.rules[static_cast<size_t>(t)] = 1;
    for (size_t ri = 0; ri < item.rules.size(); ++ri)
      if (pack.entity_rules[ri].start_tag != 0) item.rules[ri] = 1;  // not in the filter
  }
  // Nor need a large rule whose lists the paragraph lacks; and the rules
  // searched where their start literals occur need those places. One pass
  // for both.
  thread_local std::vector<uint64_t> clauses;
  clauses.clear();
  uint64_t wanted = 0;  // start tags
  for (size_t ri = 0; ri < item.rules.size(); ++ri) {
    if (!item.rules[ri]) continue;
    const EntityRule& rule = pack.entity_rules[ri];
    for (uint64_t c : rule.required)
      if (std::find(clauses.begin(), clauses.end(), c) == clauses.end()) clauses.push_back(c);
    wanted |= rule.start_tag;
  }
  if (clauses.empty() && wanted == 0) return item;
  uint64_t present = 0;
  if (wanted == 0) {
    present = pack.entity_literals.TagsIn(body, 0, body.size(), clauses);
  } else {
    pack.entity_literals.Each(body, 0, body.size(),
                              [&](size_t begin, size_t, uint64_t tags, uint32_t) {
                                present |= tags;
                                if ((tags & wanted) == 0) return true;
                                if (!item.starts.empty() && item.starts.back().first == begin)
                                  item.starts.back().second |= tags & wanted;
                                else
                                  item.starts.emplace_back(begin, tags & wanted);
                                return true;
                              });
  }
  for (size_t ri = 0; ri < item.rules.size(); ++ri)
    for (uint64_t clause : pack.entity_rules[ri].required)
      if ((present & clause) == 0) item.rules[ri] = 0;
  return item;
}

// The matches of the gazetteers of `tree` in `body`, into out[gazetteer]:
// for each gazetteer what its own LiteralSet::Find() would give from the
// start of `body` on, keeping the matches with a word boundary at both ends
// (which may lie outside `body`) and going on after each kept match or one
// code point after each other. One walk of the tree from each place serves
// every gazetteer.
void ScanGazetteers(const GazetteerTree& tree, const std::string& t, Span body,
                    std::vector<std::vector<LiteralSet::Match>>* out) {
  struct Longest {
    size_t length = 0;
    uint32_t slot = 0;
  };
  std::array<Longest, 64> longest{};
  std::array<size_t, 64> next;  // a gazetteer's matches begin here or later
  next.fill(body.begin);
  uint64_t found = 0;  // gazetteers with a literal at `at`
  size_t at = body.begin;
  auto settle = [&]() {
    for (uint64_t bits = found; bits != 0; bits &= bits - 1) {
      const int b = std::countr_zero(bits);
      const Longest& l = longest[static_cast<size_t>(b)];
      if (at < next[static_cast<size_t>(b)]) continue;
      if (!AtWordBoundaries(t, Span{at, at + l.length})) {
        next[static_cast<size_t>(b)] = NextCodePoint(t, at);
        continue;
      }
      uint32_t place = 0;
      for (const auto& [bit, p] : tree.places[l.slot])
        if (bit == static_cast<uint32_t>(b)) place = p;
      (*out)[tree.first + static_cast<size_t>(b)].push_back(
          LiteralSet::Match{at, at + l.length, place});
      next[static_cast<size_t>(b)] = at + l.length;
    }
    found = 0;
  };
  tree.literals.Each(t, body.begin, body.end,
                     [&](size_t begin, size_t length, uint64_t tags, uint32_t slot) {
                       if (begin != at) {
                         settle();
                         at = begin;
                       }
                       // Shorter ones come first: the last is the longest.
                       for (uint64_t bits = tags; bits != 0; bits &= bits - 1)
                         longest[static_cast<size_t>(std::countr_zero(bits))] = {length, slot};
                       found |= tags;
                       return true;
                     });
  settle();
}

// The groups of a rule's match depend only on its bytes and on the byte on
// each side of it, if any (RE2's \b, ^ and $ look no further), and finding
// them is the costliest step for a large pattern: RE2 runs its NFA over the
// whole program (about 4 us a match for the bundled titled-person). Names and
// titles recur in a corpus (half of titled-person's matches on the bench
// corpus, nine in ten of agency-shape's), so each thread keeps the groups of
// the matches it has seen, emptied when full: bounded memory, and results
// that never depend on it.
//
// The entries lie one after another in one buffer, found through an open
// hash table of their offsets: about 80 bytes an entry (73 on the bench
// corpus, and 8 in the table), where a hash map of strings to vectors took
// some 200 and three allocations. The threads share one budget of entries:
// two threads with the 10x pack of bench/ were otherwise over their memory
// target.
class GroupCache {
 public:
  GroupCache() { ++live_; }
  ~GroupCache() { --live_; }
  GroupCache(const GroupCache&) = delete;
  GroupCache& operator=(const GroupCache&) = delete;

  // The groups of the match input[begin, end) of entity rule `rule` of pack
  // `pack` (RulePack::id), whose pattern is `re`, into *g, from the cache or
  // from RE2. Returns false if RE2 finds no match there.
  bool Groups(uint64_t pack, size_t rule, const RE2& re, re2::StringPiece input, size_t begin,
              size_t end, std::vector<re2::StringPiece>* g) {
    if (pack != pack_) {
      Clear();
      pack_ = pack;
    }
    const size_t n = g->size();
    const bool keep = end - begin <= kMaxMatch && n <= 0xFF && rule <= 0xFFFF;
    uint32_t hash = 0;
    if (keep) {
      key_.clear();
      key_ += static_cast<char>(rule & 0xFF);
      key_ += static_cast<char>(rule >> 8);
      key_ += begin > 0 ? input[begin - 1] : '\0';
      key_ += end < input.size() ? input[end] : '\0';
      key_ += static_cast<char>((begin > 0) | (end < input.size()) << 1);
      key_.append(input.data() + begin, end - begin);
      hash = static_cast<uint32_t>(std::hash<std::string_view>()(key_));
      if (const char* groups = Find(hash, n)) {
        for (size_t i = 0; i < n; ++i) {
          const uint16_t at = Load16(groups + 4 * i), size = Load16(groups + 4 * i + 2);
          (*g)[i] = at == kAbsent ? re2::StringPiece()
                                  : re2::StringPiece(input.data() + begin + at, size);
        }
        return true;
      }
    }
    // ANCHOR_START, not ANCHOR_BOTH: the same groups (the parse found from
    // `begin` ends at `end`; cutting the text there takes parses away and
    // adds none, so that parse still comes first), but RE2 then checks the
    // span with the DFA that found it, already built, where a full match
    // builds a DFA of its own (1% of the instructions of a run).
    if (!re.Match(input, begin, end, RE2::ANCHOR_START, g->data(), static_cast<int>(n)))
      return false;
    if (keep) Insert(hash, input.data() + begin, *g);
    return true;
  }

 private:
  // An entry: the hash (4 bytes), the key's size (2), the number of groups
  // (1), the key, then each group's offset in the match and size (2 + 2;
  // kAbsent for a group that took no part).
  static constexpr size_t kHeader = 7;
  static constexpr uint16_t kAbsent = 0xFFFF;
  // The longest match kept: its key's size and its groups' offsets and sizes
  // fit in 16 bits.
  static constexpr size_t kMaxMatch = 0xFF00;
  static constexpr size_t kMaxEntries = 1 << 18;  // for all the threads
  static constexpr size_t kBytesPerEntry = 80;    // on average, at most
  static inline std::atomic<int> live_{0};        // caches in use

  static uint16_t Load16(const char* p) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  // The groups of the entry for key_, whose hash is `hash`, if it is kept
  // with `n` groups; else null.
  const char* Find(uint32_t hash, size_t n) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
      const char* e = entries_.data() + slots_[i] - 1;
      uint32_t h;
      std::memcpy(&h, e, sizeof h);
      if (h == hash && Load16(e + 4) == key_.size() &&
          std::memcmp(e + kHeader, key_.data(), key_.size()) == 0)
        return static_cast<unsigned char>(e[6]) == n ? e + kHeader + key_.size() : nullptr;
    }
    return nullptr;
  }

  // Keeps the groups `g` of the match that begins at `match`, under key_.
  void Insert(uint32_t hash, const char* match, const std::vector<re2::StringPiece>& g) {
    const size_t max_entries = kMaxEntries / static_cast<size_t>(std::max(1, live_.load()));
    const size_t size = kHeader + key_.size() + 4 * g.size();
    if (slots_.empty()) {
      slots_.assign(std::bit_ceil(2 * max_entries), 0);
      entries_.reserve(max_entries * kBytesPerEntry);
    }
    if (count_ >= max_entries || count_ >= slots_.size() / 2 ||
        entries_.size() + size > max_entries * kBytesPerEntry)
      Clear();
    const size_t offset = entries_.size();
    if (offset + size >= UINT32_MAX) return;
    auto put16 = [&](uint16_t v) { entries_.append(reinterpret_cast<const char*>(&v), sizeof v); };
    entries_.append(reinterpret_cast<const char*>(&hash), sizeof hash);
    put16(static_cast<uint16_t>(key_.size()));
    entries_ += static_cast<char>(g.size());
    entries_ += key_;
    for (const re2::StringPiece& piece : g) {
      put16(piece.data() ? static_cast<uint16_t>(piece.data() - match) : kAbsent);
      put16(piece.data() ? static_cast<uint16_t>(piece.size()) : 0);
    }
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(offset + 1);
    ++count_;
  }

  void Clear() {
    std::fill(slots_.begin(), slots_.end(), 0);
    entries_.clear();
    count_ = 0;
  }

  uint64_t pack_ = 0;  // whose entries these are
  std::string key_;
  std::string entries_;
  std::vector<uint32_t> slots_;  // offset + 1 of an entry in entries_; 0 empty
  size_t count_ = 0;             // of entries
};

// The spans of the matches of entity rule `index` of `pack` in the paragraph
// of `item`, one after another, relative to its body. The paragraph is the
// whole text the pattern sees: ^ and $ are its ends. RE2's DFA only: no
// groups. A rule with a start tag is searched anchored at the places its
// start literals occur, in order (Loader::DeriveStarts()), which finds the
// same matches.
void FindSpans(const RulePack& pack, size_t index, const ScanItem& item,
               std::vector<Span>* out) {
  const EntityRule& rule = pack.entity_rules[index];
  const RE2& re = *rule.pattern;
  const std::string& t = item.doc->clean;
  re2::StringPiece input(t.data() + item.body.begin, item.body.size());
  size_t pos = 0;
  re2::StringPiece whole;
  if (rule.start_tag != 0) {
    for (const auto& [begin, tags] : item.starts) {
      if (begin < pos || (tags & rule.start_tag) == 0) continue;
      if (re.Match(input, begin, input.size(), RE2::ANCHOR_START, &whole, 1)) {
        out->push_back(Span{begin, begin + whole.size()});
        pos = begin + whole.size();  // not empty: it begins with a literal
      }
    }
    return;
  }
  while (pos < input.size() &&
         re.Match(input, pos, input.size(), RE2::UNANCHORED, &whole, 1)) {
    const size_t wb = static_cast<size_t>(whole.data() - input.data());
    out->push_back(Span{wb, wb + whole.size()});
    pos = whole.empty() ? NextCodePoint(input, wb) : wb + whole.size();
  }
}

// Scans every item, one gazetteer or rule at a time over all of them. For
// each rule, the spans of its matches in every item come first, then their
// groups: capture groups over the whole text cost ~30x, and finding them
// (RE2's NFA or BitState, with buffers the size of the program) between two
// DFA searches pushed the DFA's states out of the processor's caches (on the
// 100 MB bench corpus, titled-person's searches took 0.56 s that way and
// 0.47 s this way; 0.26 s in a program doing nothing else).
void Scan(const RulePack& pack, std::vector<ScanItem>& items) {
  for (const GazetteerTree& tree : pack.gazetteer_trees)
    for (ScanItem& item : items)
      ScanGazetteers(tree, item.doc->clean, item.body, &item.out->gazetteers);
  thread_local GroupCache cache;
  thread_local std::vector<Span> spans;
  thread_local std::vector<size_t> ends;  // by item: its spans end here
  thread_local std::vector<re2::StringPiece> g;  // one match's groups
  // Each thread from a place of its own in the list (extract/thread_order.h).
  const size_t n = pack.entity_rules.size();
  const size_t first = FirstOfWalk(n, [&](size_t ri) {
    const EntityRule& rule = pack.entity_rules[ri];
    return rule.pattern ? rule.pattern->ProgramSize() : 0;
  });
  for (size_t step = 0; step < n; ++step) {
    const size_t ri = (first + step) % n;
    const EntityRule& rule = pack.entity_rules[ri];
    if (!rule.pattern) continue;
    spans.clear();
    ends.clear();
    for (ScanItem& item : items) {
      if (item.rules[ri]) FindSpans(pack, ri, item, &spans);
      ends.push_back(spans.size());
    }
    const RE2& re = *rule.pattern;
    g.assign(static_cast<size_t>(re.NumberOfCapturingGroups() + 1), re2::StringPiece());
    size_t k = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      const ScanItem& item = items[i];
      re2::StringPiece input(item.doc->clean.data() + item.body.begin, item.body.size());
      std::vector<re2::StringPiece>& out = item.out->rules[ri];
      for (; k < ends[i]; ++k)
        // Cannot fail: the same pattern matched there.
        if (cache.Groups(pack.id, ri, re, input, spans[k].begin, spans[k].end, &g))
          out.insert(out.end(), g.begin(), g.end());
    }
  }
}

class ParagraphMatcher {
 public:
  ParagraphMatcher(const RulePack& pack, const Document& doc, Losers losers, MatchResult* out)
      : pack_(pack), doc_(doc), losers_(losers), out_(out) {}
  // Builds the mentions of `p` from its scan, and keeps those the overlap
  // policy lets through.
  void Run(const ParagraphScan& scan);

 private:
  void Gazetteers(const ParagraphScan& scan);
  void Rules(const ParagraphScan& scan);
  void GiveBackGivenNames(Attribute* title, Span* name) const;
  void TakeOfficeServed(Attribute* title) const;
  void CutAtPeople();
  // A non-gazetteer mention whose span changed: its text again, and the
  // gazetteer entry it now names, if any.
  void Relabel(Mention* m) const {
    m->text = CollapseSpaces(doc_.Text(m->span));
    auto it = pack_.forms.find(Fold(m->text));
    if (it != pack_.forms.end() && !it->second.demonym) {
      m->ref = it->second;
      m->type = pack_.gazetteers[it->second.gazetteer].type;
    }
  }
  // Whether every word of `name` is one of the pack's name stop words.
  bool OnlyStopwords(std::string_view name) const {
    bool any = false;
    for (const std::string& w : SplitWords(Fold(name))) {
      if (!pack_.name_stopwords.count(w)) return false;
      any = true;
    }
    return any;
  }
  // Whether a name's words hold a verb of a headline, one of the pack's name
  // enders that ends in "s" ("DHS Announces New Partnership", "Ambassador
  // Hosts Trade Forum"): a run of capitalised words with one names nothing.
  bool HasHeadlineVerb(const std::vector<std::string>& words) const {
    for (const std::string& w : words)
      if (w.size() > 2 && w.back() == 's' && w[0] >= 'A' && w[0] <= 'Z' &&
          pack_.name_enders.count(Fold(w)))
        return true;
    return false;
  }
  // Found by a rule's pattern, not a gazetteer: its extent may be adjusted.
  static bool FoundByShape(const Mention& m) {
    return m.ref.gazetteer < 0 && m.rule.rfind("gazetteer:", 0) != 0;
  }
  void TrimLeadingCountry();
  void SplitCoordination();
  void Resolve();
  void Add(Mention m) {
    candidates_.push_back(Candidate{std::move(m), candidates_.size()});
  }

  const RulePack& pack_;
  const Document& doc_;
  Losers losers_;
  MatchResult* out_;
  std::vector<Candidate> candidates_;
};

void ParagraphMatcher::Gazetteers(const ParagraphScan& scan) {
  const std::string& t = doc_.clean;
  for (size_t gi = 0; gi < scan.gazetteers.size(); ++gi) {
    const Gazetteer& g = pack_.gazetteers[gi];
    if (scan.gazetteers[gi].empty()) continue;
    const std::string rule = "gazetteer:" + g.id;
    for (const LiteralSet::Match& m : scan.gazetteers[gi]) {
      Mention men;
      men.span = Span{m.begin, m.end};
      men.text = t.substr(m.begin, m.end - m.begin);
      men.rule = rule;
      men.priority = g.priority;
      men.ref = g.refs[m.literal];
      men.demonym = men.ref.demonym;
      men.type = pack_.gazetteers[men.ref.gazetteer].type;
      Add(std::move(men));
    }
  }
}

void ParagraphMatcher::Rules(const ParagraphScan& scan) {
  const std::string& t = doc_.clean;
  for (size_t ri = 0; ri < scan.rules.size(); ++ri) {
    const EntityRule& rule = pack_.entity_rules[ri];
    if (scan.rules[ri].empty()) continue;
    // Where each named group is, -1 if the pattern has none such.
    const auto& names = rule.pattern->NamedCapturingGroups();
    auto index = [&](const char* name) {
      auto it = names.find(name);
      return it == names.end() ? -1 : it->second;
    };
    const int name_group = index("name"), title_group = index("title"),
              country_group = index("country"), agency_group = index("agency");
    const std::vector<re2::StringPiece>& found = scan.rules[ri];
    const size_t n = static_cast<size_t>(rule.pattern->NumberOfCapturingGroups()) + 1;
    for (size_t first = 0; first + n <= found.size(); first += n) {
      const re2::StringPiece* g = found.data() + first;  // this match's groups
      auto group = [&](int i) -> const re2::StringPiece* {
        if (i < 0 || g[static_cast<size_t>(i)].data() == nullptr) return nullptr;
        return &g[static_cast<size_t>(i)];
      };
      auto attribute = [&](int i) {
        Attribute a;
        if (const re2::StringPiece* p = group(i)) {
          a.present = !p->empty();
          a.span.begin = static_cast<size_t>(p->data() - t.data());
          a.span.end = a.span.begin + p->size();
          a.text = CollapseSpaces(std::string_view(p->data(), p->size()));
        }
        return a;
      };
      const re2::StringPiece* name = group(name_group);
      if (!name) name = &g[0];
      Span s{static_cast<size_t>(name->data() - t.data()), 0};
      s.end = s.begin + name->size();
      Mention men;
      men.type = rule.type;
      men.rule = rule.id;
      men.priority = rule.priority;
      men.given_name = rule.given_name;
      men.title = attribute(title_group);
      men.country = attribute(country_group);
      men.agency = attribute(agency_group);
      if (rule.type == EntityType::kPerson) {
        GiveBackGivenNames(&men.title, &s);
        TakeOfficeServed(&men.title);
      }
      std::string_view raw = doc_.Text(s);
      if (rule.type == EntityType::kPerson) {
        size_t skipped = 0, length = raw.size();
        // "... of the Republic of Kazakhstan Murat Nurtleu, Foreign Minister":
        // a name read from where a country's name begins after "of".
        std::string_view before = std::string_view(t).substr(0, s.begin);
        while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
        const bool after_of = before.size() >= 3 && before[before.size() - 3] == ' ' &&
                              (before[before.size() - 2] | 0x20) == 'o' && before.back() == 'f';
        men.text = CleanPersonName(pack_, raw, &skipped, &length, after_of);
        s.end = s.begin + length;
        s.begin += skipped;
        // The name ends where its last word ends (possessives dropped).
        while (s.end > s.begin && !IsWordCharBefore(t, s.end)) --s.end;
        s.end = s.begin + WithoutPossessive(doc_.Text(s)).size();
        // "Njuguna Ndung'u", "Lan Fo'an": an apostrophe and small letters
        // end the last word (not "'s", a possessive), which the patterns,
        // kept small, leave out.
        if (!men.text.empty() && s.end < t.size() &&
            (t[s.end] == '\'' || t.compare(s.end, 3, "’") == 0)) {
          const size_t letters = s.end + (t[s.end] == '\'' ? 1 : 3);
          size_t e = letters;
          while (e < t.size() && t[e] >= 'a' && t[e] <= 'z') ++e;
          if (e > letters && !IsWordCharAt(t, e) && !(e == letters + 1 && t[letters] == 's')) {
            men.text += t.substr(s.end, e - s.end);
            s.end = e;
          }
        }
        // "President Ferdinand Marcos Jr. of the Philippines": a suffix that
        // is an abbreviation keeps its full stop, which would else stand
        // between the name and what follows it.
        if (!men.text.empty() && s.end < t.size() && t[s.end] == '.') {
          std::string_view name = doc_.Text(s);
          const size_t space = name.find_last_of(' ');
          const std::string last = space == std::string_view::npos ? "" : Fold(name.substr(space + 1));
          if (last == "jr" || last == "sr") {
            ++s.end;
            men.text += '.';
          }
        }
        // "Minister of Social Development Finland": a country's name or
        // demonym is no person's, unless it is a given name in address.
        // Nor is a place's after a preposition of place ("In Abuja, the
        // Secretary will meet ..."), nor one of two words or more
        // ("Representative to the United Nations New York": "Secretary
        // Austin" is a person).
        if (!rule.given_name) {
          auto form = pack_.forms.find(Fold(men.text));
          const EntityType type = form == pack_.forms.end()
                                      ? EntityType::kPerson
                                      : pack_.gazetteers[form->second.gazetteer].type;
          if (type == EntityType::kCountry ||
              (type == EntityType::kLocation &&
               (AfterPlacePreposition(t, s.begin) || men.text.find(' ') != std::string::npos)))
            men.text.clear();
        }
      } else {
        std::vector<std::string> words = SplitWords(raw);
        size_t skip = 0;
        while (skip < words.size() && kDeterminers.count(Fold(words[skip]))) {
          s.begin = t.find(words[skip], s.begin) + words[skip].size();
          ++skip;
        }
        while (s.begin < s.end && t[s.begin] == ' ') ++s.begin;
        // "the Department of Homeland Security's support": the name ends
        // before its possessive.
        s.end = s.begin + WithoutPossessive(doc_.Text(s)).size();
        men.text = CollapseSpaces(doc_.Text(s));
        auto it = pack_.forms.find(Fold(men.text));
        if (it != pack_.forms.end() && !it->second.demonym) {
          men.ref = it->second;
          men.type = pack_.gazetteers[it->second.gazetteer].type;
        } else if (OnlyStopwords(men.text) || HasHeadlineVerb(words)) {
          men.text.clear();  // "Joint Press Conference" names no conference
        } else if (skip > 0 && skip + 1 == words.size()) {
          men.text.clear();  // "The Committee will come to order": as "the Committee", no name
        }
      }
      if (!men.text.empty() && s.size() > 0 && AtWordBoundaries(t, s)) {
        men.span = s;
        Add(std::move(men));
      }
    }
  }
}

// "National Security Advisor to the Vice President X": a title found after
// "to" is the office X serves, not X's own; X's title begins with the title
// words before "to" ("Advisor to the Vice President"), so that "the Vice
// President" is not X.
void ParagraphMatcher::TakeOfficeServed(Attribute* title) const {
  if (!title->present) return;
  const std::string_view t = doc_.clean;
  size_t b = title->span.begin;
  auto word_before = [&](size_t end, size_t* begin) {
    while (end > 0 && t[end - 1] == ' ') --end;
    size_t w = end;
    while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\n') --w;
    *begin = w;
    return t.substr(w, end - w);
  };
  size_t w = 0;
  std::string_view word = word_before(b, &w);
  if (word == "the") word = word_before(w, &w);
  if (word != "to") return;
  size_t begin = title->span.begin;
  for (size_t at = w;;) {
    size_t prev = 0;
    const std::string_view before = word_before(at, &prev);
    if (before.empty() || !(AllTitleWords(pack_, Fold(before)) || Fold(before) == "of")) break;
    begin = at = prev;
  }
  if (begin == title->span.begin || Fold(t.substr(begin, 3)) == "of") return;
  title->span.begin = begin;
  title->text = CollapseSpaces(doc_.Text(title->span));
}

// "Governor of Bank Indonesia Perry Warjiyo": a title's run of capitalised
// words after "of" or "for" may take the person's given names. The words at
// its end that no list of the pack knows (titles, honorifics, stop words,
// breakers, enders, gazetteer forms) go back to the name, as long as a word
// stays after the "of" and the name was one already: the name is "Perry
// Warjiyo", the title "Governor of Bank Indonesia".
void ParagraphMatcher::GiveBackGivenNames(Attribute* title, Span* name) const {
  if (!title->present || title->span.end > name->begin) return;
  const std::string& t = doc_.clean;
  std::string_view text = doc_.Text(title->span);
  // Most titles have no such run: no words to look at.
  if (text.find(" of ") == std::string_view::npos && text.find(" for ") == std::string_view::npos &&
      text.find(" Of ") == std::string_view::npos && text.find(" For ") == std::string_view::npos &&
      text.find(" OF ") == std::string_view::npos && text.find(" FOR ") == std::string_view::npos)
    return;
  std::vector<std::string> words = SplitWords(text);
  size_t tail = words.size();  // the words after the last "of" or "for"
  while (tail > 0) {
    std::string f = Fold(words[tail - 1]);
    if (f == "of" || f == "for") break;
    --tail;
  }
  if (tail == 0) return;
  // Whether the words up to words[end - 1] end with a gazetteer's form:
  // "Korea" of "South Korea", "Rica" of "Costa Rica".
  auto ends_form = [&](size_t end) {
    std::string phrase;
    for (size_t b = end; b > tail && end - b < 4; --b) {
      phrase = phrase.empty() ? words[b - 1] : words[b - 1] + " " + phrase;
      if (pack_.forms.count(Fold(phrase))) return true;
    }
    return false;
  };
  // "Minister of Defense KIHARA Minoru": a surname in capitals before a
  // given name of one word, as Japan's Ministry of Foreign Affairs writes
  // names, is the name's, not the title's.
  const bool one_word_name = doc_.Text(*name).find(' ') == std::string_view::npos;
  size_t keep = words.size();
  while (keep > tail + 1) {
    const std::string& w = words[keep - 1];
    std::string f = Fold(w);
    const bool surname = IsAllUpper(w) && keep == words.size() && one_word_name && w.size() >= 3;
    if (!StartsUpper(w) || (IsAllUpper(w) && !surname) || !IsWordCharBefore(w, w.size()) ||
        IsListedWord(pack_, f) || ends_form(keep))
      break;
    --keep;
    if (surname) break;
  }
  if (keep == words.size()) return;
  // Only to a name: "Coordinator for Operation Allies | Welcome" names no
  // one, and giving it "Allies" would not make it a name.
  if (CleanPersonName(pack_, doc_.Text(*name), nullptr).empty()) return;
  // Where the first word given back begins in the text.
  size_t pos = 0;
  for (size_t i = 0; i < keep; ++i) pos = text.find(words[i], pos) + words[i].size();
  pos = text.find(words[keep], pos);
  const size_t begin = title->span.begin + pos;
  // Only words and spaces between the title and the name.
  for (size_t i = title->span.end; i < name->begin; ++i)
    if (t[i] != ' ') return;
  title->span.end = begin;
  while (title->span.end > title->span.begin && t[title->span.end - 1] == ' ') --title->span.end;
  title->text = CollapseSpaces(doc_.Text(title->span));
  name->begin = begin;
}

// A body's or programme's name found by a pattern ends where a person's title
// or name begins: "Department of Homeland Security | Secretary Alejandro
// Mayorkas", "Operation Allies Welcome | Jack Markell".
void ParagraphMatcher::CutAtPeople() {
  const std::string& t = doc_.clean;
  // People by where they begin. A paragraph can hold millions of candidates
  // (a document of one long line), so no candidate scans all the others.
  // A candidate relabelled as a person on the way counts from then on, as it
  // would in a scan of all the candidates.
  std::multimap<size_t, size_t> people;  // span.begin -> index into candidates_
  for (size_t i = 0; i < candidates_.size(); ++i)
    if (candidates_[i].mention.type == EntityType::kPerson)
      people.emplace(candidates_[i].mention.span.begin, i);
  for (size_t ci = 0; ci < candidates_.size(); ++ci) {
    Mention& m = candidates_[ci].mention;
    if (m.type == EntityType::kPerson || !FoundByShape(m)) continue;
    // Where the people inside it begin: their titles, or their names if the
    // title starts before the candidate (a person may be found with titles of
    // several extents: "Justice Senior Counsel" and "Senior Counsel").
    struct Start {
      size_t at;
      Span title;  // empty if `at` is a name's
    };
    std::vector<Start> starts;
    size_t first_name = m.span.end;
    for (auto it = people.upper_bound(m.span.begin);
         it != people.end() && it->first < m.span.end; ++it) {
      const Mention& person = candidates_[it->second].mention;
      first_name = std::min(first_name, person.span.begin);
      if (person.title.present && person.title.span.begin < person.span.begin &&
          person.title.span.begin > m.span.begin)
        starts.push_back(Start{person.title.span.begin, person.title.span});
      else
        starts.push_back(Start{person.span.begin, Span{0, 0}});
    }
    if (starts.empty()) continue;
    std::sort(starts.begin(), starts.end(),
              [](const Start& a, const Start& b) { return a.at < b.at; });
    // A name does not end in a word that joins its words: the cut goes to the
    // first of those places that leaves none ("Department of Justice", not
    // "Department of"); else, where a title took the words after the joining
    // word ("Department of Trade Secretary X", the title "Trade Secretary"),
    // the title's first words that name an office's domain (titles' `domain`)
    // finish the name; else the joining word goes ("Department of Foreign
    // Affairs and Undersecretary X").
    static const std::set<std::string_view> kJoiners = {"and", "of", "for", "on", "the",
                                                        "de", "del", "la", "y", "et"};
    auto last_word = [&](size_t end) {
      size_t word = end;
      while (word > m.span.begin && t[word - 1] != ' ') --word;
      return word;
    };
    auto ends_joined = [&](size_t end) {
      while (end > m.span.begin && !IsWordCharBefore(t, end)) --end;
      const size_t word = last_word(end);
      return word > m.span.begin && kJoiners.count(std::string_view(t).substr(word, end - word)) > 0;
    };
    size_t cut = starts.front().at;
    for (const Start& s : starts) {
      if (s.at > first_name) break;
      if (!ends_joined(s.at)) {
        cut = s.at;
        break;
      }
    }
    if (ends_joined(cut) && starts.front().title.size() > 0) {
      // The longest run of the title's first words that names what an
      // office is of ("National Defense" of "National Defense Secretary").
      const Span title = starts.front().title;
      size_t end = title.begin;
      for (size_t e = title.begin; e < title.end && e <= first_name; ++e) {
        if (t[e] != ' ' && e + 1 != title.end) continue;
        const size_t word_end = t[e] == ' ' ? e : e + 1;
        if (pack_.office_domains.count(Fold(doc_.Text(Span{title.begin, word_end}))))
          end = word_end;
      }
      if (end > title.begin) cut = end;
    }
    while (true) {
      while (cut > m.span.begin && !IsWordCharBefore(t, cut)) --cut;
      if (!ends_joined(cut)) break;
      cut = last_word(cut);
    }
    m.span.end = m.span.begin + WithoutPossessive(doc_.Text(Span{m.span.begin, cut})).size();
    Relabel(&m);
    if (m.type == EntityType::kPerson) people.emplace(m.span.begin, ci);
  }
  std::erase_if(candidates_, [](const Candidate& c) { return c.mention.text.empty(); });
}

// "Nigeria's Foreign Ministry", "Mexican National Guard": a body's name found
// by a pattern does not begin with a country; the country stays a mention of
// its own.
void ParagraphMatcher::TrimLeadingCountry() {
  const std::string& t = doc_.clean;
  // Countries by where they begin, each list in candidate order; a candidate
  // relabelled as a country on the way joins them.
  std::unordered_map<size_t, std::vector<size_t>> countries;  // begin -> indices
  for (size_t i = 0; i < candidates_.size(); ++i)
    if (candidates_[i].mention.type == EntityType::kCountry)
      countries[candidates_[i].mention.span.begin].push_back(i);
  for (size_t ci = 0; ci < candidates_.size(); ++ci) {
    Mention& m = candidates_[ci].mention;
    if (m.type == EntityType::kPerson || m.type == EntityType::kCountry || m.country.present ||
        !FoundByShape(m))
      continue;
    // Countries joined by "and" go too: "United States and Kenya Digital
    // Trade Partnership" is "Digital Trade Partnership".
    for (bool cut = true; cut;) {
      cut = false;
      auto at = countries.find(m.span.begin);
      if (at == countries.end()) break;
      for (size_t oi : at->second) {
        const Mention& country = candidates_[oi].mention;
        if (oi == ci || country.span.end >= m.span.end) continue;
        size_t b = country.span.end;
        for (const char* poss : {"'s", "\xE2\x80\x99s"}) {
          size_t n = std::string_view(poss).size();
          if (t.compare(b, n, poss) == 0) b += n;
        }
        if (b >= m.span.end || t[b] != ' ') break;
        while (b < m.span.end && t[b] == ' ') ++b;
        if (t.compare(b, 4, "and ") == 0 && b + 4 < m.span.end) {
          b += 4;
          while (b < m.span.end && t[b] == ' ') ++b;
          cut = true;
        }
        m.span.begin = b;
        Relabel(&m);
        if (m.type == EntityType::kCountry) {
          std::vector<size_t>& same = countries[m.span.begin];
          same.insert(std::upper_bound(same.begin(), same.end(), ci), ci);
          cut = false;
        }
        break;
      }
    }
  }
}

// A body's name found by a pattern that is a known body followed by "and"
// or a comma is a list, not one name: "Department of Justice and Health
// Canada". One owned by another is the owned one: "Customs and Border
// Protection's Office of Field Operations" -> "Office of Field Operations".
void ParagraphMatcher::SplitCoordination() {
  const std::string& t = doc_.clean;
  // Gazetteer mentions (never changed here) sorted by where they begin: the
  // ones around m.span.begin begin at most `longest` bytes before it.
  std::vector<const Mention*> known_names;
  size_t longest = 0;
  for (const Candidate& o : candidates_) {
    if (o.mention.rule.rfind("gazetteer:", 0) != 0) continue;
    known_names.push_back(&o.mention);
    longest = std::max(longest, o.mention.span.size());
  }
  std::sort(known_names.begin(), known_names.end(),
            [](const Mention* a, const Mention* b) { return a->span.begin < b->span.begin; });
  for (Candidate& c : candidates_) {
    Mention& m = c.mention;
    if (m.type == EntityType::kPerson || !FoundByShape(m)) continue;
    size_t cut = m.span.end;
    const size_t from = m.span.begin > longest ? m.span.begin - longest : 0;
    auto first = std::lower_bound(
        known_names.begin(), known_names.end(), from,
        [](const Mention* k, size_t pos) { return k->span.begin < pos; });
    for (auto it = first; it != known_names.end() && (*it)->span.begin <= m.span.begin; ++it) {
      const Mention& known = **it;
      if (known.type != m.type || known.span.end <= m.span.begin ||
          known.span.end >= m.span.end)
        continue;
      std::string_view rest = std::string_view(t).substr(known.span.end, m.span.end - known.span.end);
      if (rest.rfind(" and ", 0) == 0 || rest.rfind(", ", 0) == 0)
        cut = std::min(cut, known.span.end);
    }
    m.span.end = cut;
    // The last possessive inside the name, if what follows it is a name of
    // two words or more.
    std::string_view text = doc_.Text(m.span);
    size_t best = std::string_view::npos;
    for (std::string_view poss : {"'s ", "\xE2\x80\x99s "}) {
      size_t p = text.rfind(poss);
      if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
        size_t after = p + poss.size();
        if (SplitWords(text.substr(after)).size() >= 2) best = after;
      }
    }
    if (best != std::string_view::npos) m.span.begin += best;
    Relabel(&m);
  }
}

void ParagraphMatcher::Resolve() {
  TrimLeadingCountry();
  SplitCoordination();
  CutAtPeople();
  // The candidates' indexes in the policy's order (`order` breaks every
  // tie): a candidate is large, and is moved only once, when taken.
  std::vector<uint32_t> by_policy(candidates_.size());
  for (size_t i = 0; i < by_policy.size(); ++i) by_policy[i] = static_cast<uint32_t>(i);
  std::sort(by_policy.begin(), by_policy.end(), [&](uint32_t i, uint32_t j) {
    const Candidate& a = candidates_[i];
    const Candidate& b = candidates_[j];
    if (a.mention.span.size() != b.mention.span.size())
      return a.mention.span.size() > b.mention.span.size();
    if (a.mention.priority != b.mention.priority) return a.mention.priority > b.mention.priority;
    if (a.mention.span.begin != b.mention.span.begin)
      return a.mention.span.begin < b.mention.span.begin;
    return a.order < b.order;
  });
  // The winners so far, by where they begin, each with its place in the
  // order they were taken. They do not overlap, so sorted by begin they are
  // sorted by end too, and those that overlap a candidate are one run of
  // neighbours; the candidate loses to the first taken.
  struct Taken {
    size_t rank;
    uint32_t candidate;
  };
  std::multimap<size_t, Taken> taken;  // by span.begin
  auto first_overlap = [&](const Span& s) -> const Taken* {
    const Taken* best = nullptr;
    auto it = taken.lower_bound(s.begin);
    while (it != taken.begin() &&
           candidates_[std::prev(it)->second.candidate].mention.span.end > s.begin)
      --it;
    for (; it != taken.end() && it->first < s.end; ++it) {
      const Span& o = candidates_[it->second.candidate].mention.span;
      if (s.begin < o.end && o.begin < s.end && (!best || it->second.rank < best->rank))
        best = &it->second;
    }
    return best;
  };
  for (uint32_t ci : by_policy) {
    Candidate& c = candidates_[ci];
    const Span& s = c.mention.span;
    if (const Taken* w = first_overlap(s)) {
      Mention& winner = candidates_[w->candidate].mention;
      const Span& o = winner.span;
      if (o.begin == s.begin && o.end == s.end && winner.type == c.mention.type) {
        // The same name found by two rules: what the loser says about it
        // (a title, a country) still holds.
        bool added = false;
        for (auto [mine, theirs] : {std::pair(&winner.title, &c.mention.title),
                                    std::pair(&winner.country, &c.mention.country),
                                    std::pair(&winner.agency, &c.mention.agency)}) {
          if (!mine->present && theirs->present) {
            *mine = *theirs;
            added = true;
          }
        }
        if (added) winner.also_rules.push_back(c.mention.rule);
      } else {
        // The end of a person's name found by another rule, whose country
        // lies before the name: "High Commissioner of India to Singapore
        // Shilpak Ambule", read as "... to Singapore Shilpak" and "Ambule".
        // It is the same person, and represents that country.
        if (winner.type == EntityType::kPerson && c.mention.type == EntityType::kPerson &&
            o.end == s.end && o.begin < s.begin && !winner.country.present &&
            c.mention.country.present && c.mention.country.span.end <= o.begin) {
          winner.country = c.mention.country;
          winner.also_rules.push_back(c.mention.rule);
        }
        if (losers_ == Losers::kKeep)
          out_->lost.push_back(LostCandidate{std::move(c.mention), o, winner.rule});
      }
      continue;
    }
    c.mention.sentence = doc_.SentenceAt(s.begin);
    taken.emplace(s.begin, Taken{taken.size(), ci});
  }
  // The winners, by where they begin (in the order taken where that ties).
  for (const auto& [begin, t] : taken)
    out_->mentions.push_back(std::move(candidates_[t.candidate].mention));
  candidates_.clear();
}

void ParagraphMatcher::Run(const ParagraphScan& scan) {
  Gazetteers(scan);
  Rules(scan);
  Resolve();
}

}  // namespace

size_t NextCodePoint(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

size_t WordEnd(std::string_view text, size_t pos, size_t end) {
  while (pos < end) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) break;
      ++pos;
    } else {
      if (!IsWordCharAt(text, pos)) break;
      pos = NextCodePoint(text, pos);
    }
  }
  return pos;
}

bool AllTitleWords(const RulePack& pack, std::string_view folded) {
  if (pack.title_words.count(folded)) return true;
  if (folded.find(' ') == std::string_view::npos) return false;
  const std::vector<std::string> words = SplitWords(folded);
  return !words.empty() && std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return pack.title_words.count(w) > 0;
  });
}

std::string CleanPersonName(const RulePack& pack, std::string_view name, size_t* skipped,
                            size_t* length, bool after_of) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::string> folded_words(words.size());  // each word once
  std::transform(words.begin(), words.end(), folded_words.begin(),
                 [](const std::string& w) { return Fold(w); });
  size_t first = 0;
  auto folded = [](const std::string& w) {
    std::string f = Fold(w);
    return f;
  };
  auto title_word = [&](size_t i) {
    if (i >= words.size()) return false;
    // A title word, or words of titles joined by hyphens ("Secretary-General").
    return IsHonorificWord(pack, words[i], folded_words[i]) ||
           AllTitleWords(pack, folded_words[i]);
  };
  // A country's name or demonym of one or two words at `i`, before a title
  // ("met Peruvian Attorney General X", "South African Minister Y"), or
  // after one and "of" ("President of Russia Vladimir Putin"): its length.
  auto country_in_title = [&](size_t i) -> size_t {
    // "of" the country, or "to" or "in" it where the post is.
    const bool of_before =
        i > 0 ? (folded_words[i - 1] == "of" || folded_words[i - 1] == "to" ||
                 folded_words[i - 1] == "in")
              : after_of;
    for (size_t n = 2; n >= 1; --n) {
      if (i + n >= words.size()) continue;
      std::string f = folded_words[i];
      for (size_t k = 1; k < n; ++k) f += " " + folded_words[i + k];
      if (CountryNamed(pack, f) && (of_before || title_word(i + n))) return n;
    }
    return 0;
  };
  // What an office is for, after a title: "for" ("Minister of State for
  // Africa X"), and after it, "of" or "and" a word that ends a name (a body's
  // or a domain's: "for Trade and Development") or, with two words left for
  // the name, a gazetteer's form ("Africa"; not "Jordan" of "Jordan Smith").
  size_t last_domain = words.size();  // the last word of such that was skipped
  auto domain_word = [&](size_t i) {
    if (i == 0 || i + 1 >= words.size()) return false;
    const std::string& f = folded_words[i];
    const std::string& before = folded_words[i - 1];
    if (f == "for") return title_word(i - 1);
    if (before != "for" && before != "of" && before != "and" && last_domain != i - 1)
      return false;
    return pack.name_breakers.count(f) > 0 || pack.office_domains.count(f) > 0 ||
           (pack.forms.count(f) > 0 && i + 2 < words.size());
  };
  while (first < words.size()) {
    if (title_word(first) || kDeterminers.count(folded_words[first])) {
      ++first;
      continue;
    }
    if (size_t n = country_in_title(first)) {
      first += n;
      continue;
    }
    if (domain_word(first)) {
      last_domain = first;
      ++first;
      continue;
    }
    // The end of a title's body, then another title or a name of two words
    // or more: "Forces General X" of "Chief of Defence Forces General X",
    // "Affairs Ely Ratner" of "Assistant Secretary for Security Affairs Ely
    // Ratner" (but "South Sudan" is no "Sudan", nor "Bank Chile Perry Quinn"
    // "Chile Perry Quinn").
    size_t breakers = 0;
    while (first + breakers < words.size() &&
           pack.name_breakers.count(folded_words[first + breakers]))
      ++breakers;
    if (breakers > 0 &&
        (title_word(first + breakers) ||
         (first + breakers + 2 <= words.size() &&
          !IsListedWord(pack, folded_words[first + breakers])))) {
      first += breakers;
      continue;
    }
    break;
  }
  std::vector<std::string> kept(words.begin() + static_cast<long>(first), words.end());
  // "Ambassador X Hosts Governor of Y": the name ends before "Hosts"; "X
  // U.S. Representative to ...": it ends before a country's abbreviation.
  auto country_abbreviation = [&](const std::string& word) {
    if (word.find('.') == std::string::npos && !IsAllUpper(word)) return false;
    return CountryNamed(pack, word) != nullptr;
  };
  size_t ended = kept.size();
  for (size_t i = 0; i < kept.size(); ++i)
    if (pack.name_enders.count(folded_words[first + i]) ||
        (i > 0 && country_abbreviation(kept[i]))) {
      ended = i;
      break;
    }
  kept.resize(ended);
  if (length) {
    *length = name.size();
    if (first + ended < words.size()) {
      size_t pos = 0;
      for (size_t i = 0; i < first + ended; ++i) pos = name.find(words[i], pos) + words[i].size();
      *length = pos;
    }
  }
  // "BROWN, JR.": the suffix needs no comma before it.
  for (size_t i = 0; i + 1 < kept.size(); ++i)
    if (kept[i].size() > 1 && kept[i].back() == ',' && IsNameSuffix(folded(kept[i + 1])))
      kept[i].pop_back();
  if (!kept.empty()) {
    std::string& last = kept.back();
    last.resize(WithoutPossessive(last).size());
    while (!last.empty() && (last.back() == ',' || last.back() == ';' || last.back() == ':'))
      last.pop_back();
  }
  bool any_name = false;
  for (size_t i = 0; i < kept.size(); ++i) {
    const std::string& w = kept[i];
    std::string f = folded(w);
    // "Catherine West": a breaker that the pack lists as a surname too, last
    // after a word no list knows.
    const bool surname = i > 0 && i + 1 == kept.size() && pack.name_surnames.count(f) &&
                         !IsListedWord(pack, folded(kept[i - 1]));
    if (pack.name_breakers.count(f) && !surname) return "";
    if (!f.empty() && !pack.name_stopwords.count(f) && !AllTitleWords(pack, f) &&
        !kDeterminers.count(f))
      any_name = true;
    // "Vice Premier He": a stop word the pack lists as a surname too, alone
    // where a rule found a name (after a title: the rules never find a
    // pronoun as one).
    if (kept.size() == 1 && pack.name_surnames.count(f) && pack.name_stopwords.count(f))
      any_name = true;
  }
  if (skipped) {
    *skipped = 0;
    if (first > 0 && first <= words.size()) {
      size_t pos = 0;
      for (size_t i = 0; i < first; ++i) pos = name.find(words[i], pos) + words[i].size();
      while (pos < name.size() && (name[pos] == ' ' || name[pos] == '\n')) ++pos;
      *skipped = pos;
    }
  }
  if (!any_name) return "";
  // "McCAUL", "DeSANTIS": a surname in capitals after a prefix in mixed
  // case, as the Congress prints it; the prefix's length, or 0.
  auto capitals_after_prefix = [](std::string_view w) -> size_t {
    for (std::string_view p : {"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von"})
      if (w.size() > p.size() + 1 && w.substr(0, p.size()) == p && IsAllUpper(w.substr(p.size())))
        return p.size();
    return 0;
  };
  bool all_caps = std::all_of(kept.begin(), kept.end(), [&](const std::string& w) {
    return IsAllUpper(w) || capitals_after_prefix(w) > 0;
  });
  // "LLOYD J. AUSTIN III" is "Lloyd J. Austin III": a suffix in Roman
  // numerals keeps its capitals.
  static const std::set<std::string> kRomanSuffixes = {"II", "III", "IV", "V", "VI"};
  // In a name in mixed case, a word of letters in capitals is a surname so
  // written ("KAMIKAWA Yoko"), not an abbreviation, if longer than "JR".
  auto letters = [](std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z') ||
             (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
    });
  };
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0 && kRomanSuffixes.count(kept[i])) continue;
    if (!all_caps && !(IsAllUpper(kept[i]) && kept[i].size() > 2 && letters(kept[i])) &&
        capitals_after_prefix(kept[i]) == 0)
      continue;
    const size_t prefix = capitals_after_prefix(kept[i]);
    kept[i] = kept[i].substr(0, prefix) + TitleCaseWord(std::string_view(kept[i]).substr(prefix));
  }
  return Join(kept, " ");
}

void ScanDocuments(const RulePack& pack, const std::vector<const Document*>& docs,
                   std::vector<DocumentScan>* scans) {
  scans->assign(docs.size(), DocumentScan());
  // The filter first, over every paragraph (PatternFilter::MatchEach()).
  thread_local std::vector<std::string_view> bodies;
  thread_local std::vector<std::vector<int>> targets;
  thread_local std::vector<char> decided;
  bodies.clear();
  for (const Document* doc : docs)
    for (const Paragraph& p : doc->paragraphs) bodies.push_back(Body(*doc, p));
  if (pack.mention_filter) {
    pack.mention_filter->MatchEach(bodies, &targets, &decided);
  } else {
    decided.assign(bodies.size(), 0);
  }
  std::vector<ScanItem> items;
  size_t k = 0;
  for (size_t di = 0; di < docs.size(); ++di) {
    const Document& doc = *docs[di];
    (*scans)[di].resize(doc.paragraphs.size());
    for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi, ++k)
      items.push_back(MakeScanItem(pack, doc, doc.paragraphs[pi],
                                   decided[k] ? &targets[k] : nullptr, &(*scans)[di][pi]));
  }
  Scan(pack, items);
}

namespace {

// The country a title in a speaker label names: one or two words of a
// `Country` form after "of" ("President of Russia"), or at its start
// ("MEXICAN FOREIGN SECRETARY"); not one it is "to" ("Ambassador to Mexico").
Attribute CountryOfTitle(const RulePack& pack, const std::string& t, Span title) {
  std::vector<Span> words;
  for (size_t pos = title.begin; pos < title.end;) {
    while (pos < title.end && t[pos] == ' ') ++pos;
    size_t end = pos;
    while (end < title.end && t[end] != ' ') ++end;
    if (end > pos) words.push_back(Span{pos, end});
    pos = end;
  }
  Attribute a;
  auto country_at = [&](size_t i) {
    for (size_t n = 2; n >= 1; --n) {
      if (i + n > words.size()) continue;
      const Span span{words[i].begin, words[i + n - 1].end};
      if (CountryNamed(pack, std::string_view(t).substr(span.begin, span.size()))) {
        a.present = true;
        a.span = span;
        a.text = CollapseSpaces(std::string_view(t).substr(span.begin, span.size()));
        return true;
      }
    }
    return false;
  };
  if (!words.empty() && country_at(0)) return a;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (Fold(std::string_view(t).substr(words[i].begin, words[i].size())) != "of") continue;
    size_t at = i + 1;
    if (at < words.size() &&
        Fold(std::string_view(t).substr(words[at].begin, words[at].size())) == "the")
      ++at;
    if (at < words.size() && country_at(at)) return a;
  }
  return a;
}

// Whether the pack's first-person words stand in `doc` after clean offset
// `from`, in a sentence with no quotation marks.
bool SpeaksInFirstPerson(const RulePack& pack, const Document& doc, size_t from) {
  for (const Sentence& s : doc.sentences) {
    if (s.span.begin < from) continue;
    std::string_view t = doc.Text(s.span);
    if (HasQuotationMark(t)) continue;
    if (RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), *pack.byline.pattern)) return true;
  }
  return false;
}

// The country that the line after the name `m` begins with, as a title
// does, if it does and the line ends before `limit`: "Ambassador X" over
// "U.S. Representative to the United Nations" represents the United States.
// Sets m's country to it.
void CountryOfTitleLine(const RulePack& pack, const Document& doc,
                        const std::vector<Mention>& mentions, size_t limit, Mention* m) {
  if (m->country.present) return;
  const std::string_view t = doc.clean;
  const size_t newline = t.find('\n', m->span.end);
  if (newline == std::string_view::npos || newline >= limit) return;
  for (size_t i = m->span.end; i < newline; ++i)
    if (IsWordCharAt(t, i)) return;  // more words after the name: no byline
  size_t begin = newline + 1;
  if (t.substr(begin, 4) == "the " || t.substr(begin, 4) == "The ") begin += 4;
  for (const Mention& c : mentions) {
    if (c.span.begin < begin) continue;
    if (c.span.begin > begin || c.type != EntityType::kCountry) return;
    size_t w = c.span.end;
    if (w >= limit || t[w] != ' ') return;
    ++w;
    const size_t e = WordEnd(t, w, limit);
    if (e == w || !pack.title_words.count(Fold(t.substr(w, e - w)))) return;
    m->country = Attribute{true, c.span, c.text};
    return;
  }
}

// Marks the people named in the front matter of a document with no speaker
// labels that speaks in the first person: the leading paragraphs that are no
// prose ("Remarks by Secretary X at Y"; a byline "Ambassador X / U.S.
// Representative to the United Nations").
// When the front matter names several people, the one on a line of their
// own, with their title, is who speaks: "Congratulations to Prime Minister X
// of Y / Press Statement / Secretary of State Z / October 2, 2025"; else the
// one after "by" (and whoever is joined to them by "and"): "Remarks by
// President X following his meeting with President Y".
void MarkByline(const RulePack& pack, const Document& doc, std::vector<Mention>* mentions) {
  if (!pack.byline.pattern || doc.turns.size() != 1 || doc.turns[0].has_speaker) return;
  const size_t end = FrontMatterEnd(pack, doc);
  if (end == 0 || !SpeaksInFirstPerson(pack, doc, end)) return;
  // Whether the line of `m` in the original holds nothing but its name, its
  // title, its honorifics and "By".
  auto on_own_line = [&](const Mention& m) {
    Span own = m.span;
    if (m.title.present && m.title.span.end <= own.begin) own.begin = m.title.span.begin;
    if (own.size() == 0) return false;
    const std::string_view original = doc.original;
    const size_t begin = doc.OriginalOffset(own.begin);
    const size_t end = doc.OriginalOffset(own.end - 1) + 1;
    const size_t newline = original.find_last_of("\r\n", begin);
    const size_t line_begin = newline == std::string_view::npos || begin == 0 ? 0 : newline + 1;
    const size_t line_end = std::min(original.size(), original.find_first_of("\r\n", end));
    if (line_begin > begin || end > line_end) return false;
    std::string rest(original.substr(line_begin, begin - line_begin));
    rest += ' ';
    rest += original.substr(end, line_end - end);
    for (const std::string& w : SplitWords(rest)) {
      std::string f = Fold(w);
      while (!f.empty() && std::string_view(",.:;").find(f.back()) != std::string_view::npos)
        f.pop_back();
      if (!f.empty() && f != "by" && !IsHonorificWord(pack, w)) return false;
    }
    return true;
  };
  // Where `m` begins with the title and country before its name.
  auto with_title = [](const Mention& m) {
    size_t begin = m.span.begin;
    for (const Attribute* a : {&m.title, &m.country})
      if (a->present && a->span.end <= m.span.begin) begin = std::min(begin, a->span.begin);
    return begin;
  };
  const std::string_view t = doc.clean;
  std::vector<Mention*> people;
  std::vector<char> by;  // people[i] is named after "by", or joined to one so named
  std::vector<char> about;  // people[i] is what the front matter is about
  bool any_alone = false, any_by = false;
  for (Mention& m : *mentions) {
    if (m.span.end > end || m.type != EntityType::kPerson) continue;
    const size_t begin = with_title(m);
    size_t e = begin;
    while (e > 0 && t[e - 1] == ' ') --e;
    bool after_by = e >= 2 && Fold(t.substr(e - 2, 2)) == "by" && !IsWordCharBefore(t, e - 2);
    if (!after_by && !people.empty() && by.back() && people.back()->span.end <= begin) {
      const size_t last_end = people.back()->span.end;
      const std::string between = Fold(t.substr(last_end, begin - last_end));
      after_by = between == "and" || between.empty();  // Fold drops the comma
    }
    // After "of", "with", "to" or "for", a name is what a headline is about,
    // not who speaks ("Message on the visit of Pope Francis", "Call with
    // President X"), unless it owns what follows ("Readout of Secretary
    // Yellen's Meeting").
    size_t wb = e;
    while (wb > 0 && IsWordCharBefore(t, wb)) --wb;
    const std::string before = Fold(t.substr(wb, e - wb));
    const std::string_view after = t.substr(m.span.end, 4);
    const bool owns = after.starts_with("'s") || after.starts_with("\xE2\x80\x99s");
    about.push_back(!owns && (before == "of" || before == "with" || before == "to" ||
                              before == "for"));
    people.push_back(&m);
    by.push_back(after_by);
    any_by |= after_by;
    any_alone |= on_own_line(m);
  }
  for (size_t i = 0; i < people.size(); ++i) {
    if (any_alone ? on_own_line(*people[i]) : any_by ? by[i] : !about[i])
      people[i]->byline = true;
    if (people[i]->byline && on_own_line(*people[i]))
      CountryOfTitleLine(pack, doc, *mentions, end, people[i]);
  }
}

// A letter with no speaker labels, in the first person, is spoken by the
// person named on the first line of its signature (Document::closing):
// "Sincerely, / Antony J. Blinken / Secretary of State". The person the
// front matter names is then whom it is addressed to, not its speaker.
// The name is a mention of its own if no rule found it; the line after it,
// if all title words, is its title. Returns whether it marked someone.
bool MarkSignature(const RulePack& pack, const Document& doc, std::vector<Mention>* mentions) {
  if (doc.closing < 0 || static_cast<size_t>(doc.closing) + 1 >= doc.paragraphs.size() ||
      !pack.byline.pattern || doc.turns.size() != 1 || doc.turns[0].has_speaker ||
      !SpeaksInFirstPerson(pack, doc, FrontMatterEnd(pack, doc)))
    return false;
  const Span body = doc.paragraphs[static_cast<size_t>(doc.closing) + 1].body;
  const std::string_view t = doc.clean;
  const size_t newline = t.find('\n', body.begin);
  const Span line{body.begin, newline < body.end ? newline : body.end};
  for (Mention& m : *mentions)
    if (m.type == EntityType::kPerson && m.span.begin >= line.begin && m.span.end <= line.end) {
      m.byline = true;
      CountryOfTitleLine(pack, doc, *mentions, body.end, &m);
      return true;
    }
  size_t skipped = 0, length = 0;
  std::string name = CleanPersonName(pack, doc.Text(line), &skipped, &length);
  if (name.empty() || name.find(' ') == std::string::npos || pack.forms.count(Fold(name)))
    return false;
  Mention m;
  m.span = Span{line.begin + skipped, line.begin + length};
  while (m.span.end > m.span.begin && !IsWordCharBefore(t, m.span.end)) --m.span.end;
  m.type = EntityType::kPerson;
  m.text = name;
  m.rule = "signature";
  m.byline = true;
  if (line.end < body.end) {  // "Secretary of State"
    const size_t next_end = std::min<size_t>(body.end, t.find('\n', line.end + 1));
    const Span title{line.end + 1, next_end};
    if (AllTitleWords(pack, Fold(doc.Text(title)))) {
      m.title.present = true;
      m.title.span = title;
      m.title.text = CollapseSpaces(doc.Text(title));
    }
  }
  CountryOfTitleLine(pack, doc, *mentions, body.end, &m);
  mentions->push_back(std::move(m));
  SortByBegin(mentions);
  return true;
}

}  // namespace

size_t FrontMatterEnd(const RulePack& pack, const Document& doc) {
  size_t end = 0;
  for (size_t i = 0; i < doc.paragraphs.size() && i < kFrontMatterParagraphs; ++i) {
    const Paragraph& p = doc.paragraphs[i];
    if (IsProse(pack, doc.Text(p.body))) break;
    end = p.span.end;
  }
  return end;
}

MatchResult FindMentions(const RulePack& pack, const Document& doc, const DocumentScan* scan,
                         Losers losers) {
  MatchResult result;
  ParagraphMatcher matcher(pack, doc, losers, &result);
  // Without a scan of the whole document, each paragraph is scanned when its
  // turn comes, and its matches dropped once used.
  ParagraphScan own;
  auto run = [&](int pi) {
    const size_t i = static_cast<size_t>(pi);
    if (scan != nullptr && i < scan->size()) return matcher.Run((*scan)[i]);
    thread_local std::vector<int> targets;
    const bool decided =
        pack.mention_filter && pack.mention_filter->Match(Body(doc, doc.paragraphs[i]), &targets);
    std::vector<ScanItem> items = {
        MakeScanItem(pack, doc, doc.paragraphs[i], decided ? &targets : nullptr, &own)};
    Scan(pack, items);
    matcher.Run(own);
  };
  for (size_t ti = 0; ti < doc.turns.size(); ++ti) {
    const Turn& turn = doc.turns[ti];
    if (turn.has_speaker && !turn.anonymous) {
      size_t skipped = 0;
      std::string name = CleanPersonName(pack, doc.Text(turn.label), &skipped);
      if (!name.empty()) {
        Mention m;
        m.span = Span{turn.label.begin + skipped, turn.label.end};
        m.type = EntityType::kPerson;
        m.text = name;
        m.rule = "speaker";
        m.speaker_label = true;
        if (skipped > 0) {  // "FOREIGN SECRETARY" of "FOREIGN SECRETARY EBRARD"
          m.title.present = true;
          m.title.span = Span{turn.label.begin, turn.label.begin + skipped};
          m.title.text = CollapseSpaces(doc.Text(m.title.span));
        }
        if (turn.country.size() > 0) {  // "Mr. X (France):"
          m.country.present = true;
          m.country.span = turn.country;
          m.country.text = CollapseSpaces(doc.Text(turn.country));
        } else if (skipped > 0) {  // "President of Russia X:", "MEXICAN FOREIGN SECRETARY X:"
          m.country = CountryOfTitle(pack, doc.clean, m.title.span);
        }
        result.mentions.push_back(std::move(m));
      }
    }
    for (int pi : turn.paragraphs) run(pi);
  }
  SortByBegin(&result.mentions);
  if (!MarkSignature(pack, doc, &result.mentions)) MarkByline(pack, doc, &result.mentions);
  return result;
}

void SortByBegin(std::vector<Mention>* mentions) {
  auto before = [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; };
  if (std::is_sorted(mentions->begin(), mentions->end(), before)) return;
  // A mention is large: sort places, then move each mention once.
  std::vector<uint32_t> order(mentions->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return before((*mentions)[a], (*mentions)[b]);
  });
  std::vector<Mention> sorted;
  sorted.reserve(mentions->size());
  for (uint32_t i : order) sorted.push_back(std::move((*mentions)[i]));
  mentions->swap(sorted);
}

}  // namespace kgrep
