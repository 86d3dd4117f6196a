#include "extract/resolver.h"

#include <algorithm>
#include <climits>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "extract/macro.h"
#include "extract/matcher.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// The spans of a document's mentions, which do not overlap one another, in
// order: whether a span overlaps one of them is whether it overlaps the last
// that begins before it ends. Of mentions that begin at one place, the first
// counts.
class TakenSpans {
 public:
  explicit TakenSpans(const std::vector<Mention>& mentions) {
    spans_.reserve(mentions.size());
    for (const Mention& m : mentions) spans_.push_back(m.span);
    auto by_begin = [](const Span& a, const Span& b) { return a.begin < b.begin; };
    if (!std::is_sorted(spans_.begin(), spans_.end(), by_begin))
      std::stable_sort(spans_.begin(), spans_.end(), by_begin);
    spans_.erase(std::unique(spans_.begin(), spans_.end(),
                             [](const Span& a, const Span& b) { return a.begin == b.begin; }),
                 spans_.end());
  }

  bool Overlaps(Span s) const {
    auto it = FirstFrom(s.end);
    return it != spans_.begin() && s.begin < std::prev(it)->end;
  }

  // Adds `s`, unless a span begins where it does.
  void Add(Span s) {
    auto it = FirstFrom(s.begin);
    if (it == spans_.end() || it->begin != s.begin) spans_.insert(it, s);
  }

 private:
  // The first span that begins at `pos` or after.
  std::vector<Span>::const_iterator FirstFrom(size_t pos) const {
    return std::lower_bound(spans_.begin(), spans_.end(), pos,
                            [](const Span& a, size_t p) { return a.begin < p; });
  }

  std::vector<Span> spans_;  // by begin
};

struct Cluster {
  std::vector<std::string> tokens;  // folded words of the fullest name
  std::string label;
  std::vector<size_t> mentions;
  std::set<size_t> begins;  // span.begin of each of `mentions`, for Nearest()
  // The label joins a given name in address to a speaker's surname ("Matt"
  // + "Miller"): a name as written, as full, replaces it ("Matthew Miller").
  bool joined = false;
  // One word kept apart by its title from a fuller name ending in it.
  bool apart = false;
  // One word after a title of `given_name_titles`: no surname.
  bool one_name = false;
  // Whether a mention has a title, and one of `spouse_titles`, among the
  // first `titles_seen` (PersonResolver::SeeTitles()).
  bool titled = false;
  bool spouse_titled = false;
  size_t titles_seen = 0;
};

class PersonResolver {
 public:
  PersonResolver(const RulePack& pack, const Document& doc, MatchResult* matches)
      : pack_(pack), doc_(doc), matches_(matches) {}

  void Clusterize(const std::vector<size_t>& order);
  void FindKnownNames();
  std::vector<Cluster>& clusters() { return clusters_; }

 private:
  bool Same(const std::string& a, const std::string& b) const;
  bool Compatible(const std::vector<std::string>& shorter,
                  const std::vector<std::string>& longer) const;
  int Nearest(const std::vector<int>& candidates, size_t pos) const;
  int PreviousSpeakerCluster(const Mention& m) const;
  // Brings the title flags of `c` up to date with all its mentions.
  void SeeTitles(Cluster* c) const;
  // Whether the last word of `title`, as written, may be the last of one of
  // the pack's given_name_titles: ASCII letters compared in lower case.
  bool MayEndGivenNameTitle(std::string_view title) const {
    if (pack_.given_name_titles.empty()) return false;
    const size_t space = title.find_last_of(" -");  // Fold() splits at both
    const std::string_view last = space == std::string_view::npos ? title : title.substr(space + 1);
    // Beyond ASCII, Fold() decides.
    if (std::any_of(last.begin(), last.end(), [](char c) { return c & 0x80; })) return true;
    for (const std::string& t : pack_.given_name_titles) {
      const size_t at = t.find_last_of(' ');
      const std::string_view end = at == std::string::npos ? std::string_view(t)
                                                           : std::string_view(t).substr(at + 1);
      if (end.size() == last.size() &&
          std::equal(end.begin(), end.end(), last.begin(), [](char a, char b) {
            return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
          }))
        return true;
    }
    return false;
  }
  // Gives mention `mention`, whose name's words are `t` (Tokens()), a cluster.
  void Assign(size_t mention, std::vector<std::string> t);

  const RulePack& pack_;
  const Document& doc_;
  MatchResult* matches_;
  std::vector<Cluster> clusters_;
};

// The folded words of a person's name, without a suffix such as "Jr." or
// "III": "Lloyd J. Austin III" is Austin.
std::vector<std::string> Tokens(const std::string& name) {
  std::vector<std::string> words = SplitWords(Fold(name));
  // Initials written together, "CQ Brown", are "C. Q. Brown": two capitals
  // at the name's start (rare, so looked for as written only then).
  if (words.size() > 1 && words[0].size() == 2 && name.size() > 3 && name[0] >= 'A' &&
      name[0] <= 'Z' && name[1] >= 'A' && name[1] <= 'Z' && name[2] == ' ') {
    words.insert(words.begin() + 1, words[0].substr(1));
    words[0].resize(1);
  }
  while (words.size() > 1 && IsNameSuffix(words.back())) words.pop_back();
  return words;
}

// Same given name: equal, one a nickname of the other, or an initial.
bool PersonResolver::Same(const std::string& a, const std::string& b) const {
  if (a == b) return true;
  if (a.size() == 1 && b[0] == a[0]) return true;
  if (b.size() == 1 && a[0] == b[0]) return true;
  auto nickname_of = [&](const std::string& x, const std::string& y) {
    auto it = pack_.nicknames.find(x);
    return it != pack_.nicknames.end() &&
           std::find(it->second.begin(), it->second.end(), y) != it->second.end();
  };
  return nickname_of(a, b) || nickname_of(b, a);
}

// Both have two words or more: same last word, and the other words of the
// shorter stand in the longer in order.
bool PersonResolver::Compatible(const std::vector<std::string>& shorter,
                                const std::vector<std::string>& longer) const {
  if (shorter.back() != longer.back()) return false;
  size_t j = 0;
  for (size_t i = 0; i + 1 < shorter.size(); ++i) {
    while (j + 1 < longer.size() && !Same(shorter[i], longer[j])) ++j;
    if (j + 1 >= longer.size()) return false;
    ++j;
  }
  return true;
}

// The candidate cluster mentioned last before `pos`, else the first.
int PersonResolver::Nearest(const std::vector<int>& candidates, size_t pos) const {
  int best = candidates.front();
  size_t best_pos = 0;
  bool found = false;
  for (int c : candidates) {
    // The cluster's last mention before `pos`: a name said a hundred
    // thousand times is not scanned for every new mention.
    const std::set<size_t>& begins = clusters_[c].begins;
    auto it = begins.lower_bound(pos);
    if (it == begins.begin()) continue;
    size_t p = *std::prev(it);
    if (!found || p > best_pos) {
      best = c;
      best_pos = p;
      found = true;
    }
  }
  return best;
}

// The cluster of the speaker of the turn before `m`'s, if `m` opens its turn.
int PersonResolver::PreviousSpeakerCluster(const Mention& m) const {
  if (m.sentence < 0) return -1;
  const Sentence& s = doc_.sentences[m.sentence];
  if (s.index_in_turn != 0) return -1;
  for (int t = s.turn - 1; t >= 0; --t) {
    const Turn& turn = doc_.turns[t];
    if (!turn.has_speaker) continue;
    if (turn.anonymous) return -1;
    for (const Mention& other : matches_->mentions)
      if (other.speaker_label && other.span.begin >= turn.label.begin &&
          other.span.end <= turn.label.end)
        return other.entity;
    return -1;
  }
  return -1;
}

void PersonResolver::SeeTitles(Cluster* c) const {
  for (; c->titles_seen < c->mentions.size(); ++c->titles_seen) {
    const Mention& m = matches_->mentions[c->mentions[c->titles_seen]];
    if (!m.title.present) continue;
    c->titled = true;
    if (!c->spouse_titled) c->spouse_titled = TitleHolds(pack_.spouse_titles, Fold(m.title.text));
  }
}

void PersonResolver::Assign(size_t index, std::vector<std::string> t) {
  Mention& m = matches_->mentions[index];
  if (t.empty()) return;
  int chosen = -1;
  bool kept_apart = false;  // from a fuller name ending in the one word
  bool one_name = false;    // the one word is no surname
  if (t.size() >= 2) {
    std::vector<int> candidates;
    for (size_t c = 0; c < clusters_.size(); ++c) {
      const auto& ct = clusters_[c].tokens;
      if (ct == t) {
        candidates = {static_cast<int>(c)};
        break;
      }
      if (ct.size() >= 2 &&
          (ct.size() <= t.size() ? Compatible(ct, t) : Compatible(t, ct)))
        candidates.push_back(static_cast<int>(c));
      else if (ct.size() == 1 && ct[0] == t.back() && !clusters_[c].one_name)
        candidates.push_back(static_cast<int>(c));
    }
    // "Sheikh Mohamed bin Zayed" after "Mohamed bin Zayed Al Nahyan": the
    // first words of exactly one fuller name.
    if (candidates.empty()) {
      for (size_t c = 0; c < clusters_.size(); ++c) {
        const auto& ct = clusters_[c].tokens;
        if (ct.size() > t.size() && std::equal(t.begin(), t.end(), ct.begin()))
          candidates.push_back(static_cast<int>(c));
      }
      if (candidates.size() > 1) candidates.clear();
    }
    if (!candidates.empty()) chosen = Nearest(candidates, m.span.begin);
  } else {
    const std::string& w = t[0];
    std::vector<int> surname, given, middle;
    for (size_t c = 0; c < clusters_.size(); ++c) {
      const auto& ct = clusters_[c].tokens;
      if (ct.back() == w) {
        surname.push_back(static_cast<int>(c));
      } else if (ct.size() >= 2 && Same(w, ct.front()) && w.size() > 1) {
        given.push_back(static_cast<int>(c));
      } else if (ct.size() >= 3 && std::find(ct.begin() + 1, ct.end() - 1, w) != ct.end() - 1) {
        middle.push_back(static_cast<int>(c));
      }
    }
    // One name and a number is the one name a monarch goes by: "King
    // Abdullah II" is not "Abdullah bin Zayed".
    if (SplitWords(m.text).size() > t.size()) given.clear();
    const size_t surnames = surname.size();
    // Folding the title costs: only where it may tell (a title of
    // given_name_titles ends in one of their last words).
    std::string title;
    auto folded_title = [&]() -> const std::string& {
      if (title.empty()) title = Fold(m.title.text);
      return title;
    };
    if (m.title.present && MayEndGivenNameTitle(m.title.text) &&
        TitleEndsWith(pack_.given_name_titles, folded_title())) {
      // "Pope Francis" is not "Dennis Francis": after such a title one name
      // is the given name, or the only one.
      one_name = true;
      std::erase_if(surname, [&](int c) { return clusters_[static_cast<size_t>(c)].tokens != t; });
      middle.clear();
    }
    if (m.title.present && !surname.empty()) {
      // "President Biden" is not "First Lady Jill Biden", nor she him.
      if (!pack_.spouse_titles.empty()) {
        const bool spouse = TitleHolds(pack_.spouse_titles, folded_title());
        std::erase_if(surname, [&](int c) {
          Cluster& other = clusters_[static_cast<size_t>(c)];
          SeeTitles(&other);
          return other.titled && other.spouse_titled != spouse;
        });
      }
    }
    kept_apart = surname.size() < surnames;
    if (m.given_name) {
      // A given name in address never stands for a surname.
      surname.clear();
      middle.clear();
      if (given.empty()) {
        int speaker = PreviousSpeakerCluster(m);
        // Known by one word as written: "Jean-Pierre" is one, though its
        // tokens are two.
        if (speaker >= 0 && SplitWords(clusters_[speaker].label).size() == 1 &&
            std::find(clusters_[speaker].tokens.begin(), clusters_[speaker].tokens.end(), w) ==
                clusters_[speaker].tokens.end()) {
          Cluster& c = clusters_[speaker];
          c.tokens.insert(c.tokens.begin(), w);
          c.label = m.text + " " + c.label;
          c.joined = true;
          c.mentions.push_back(index);
          c.begins.insert(m.span.begin);
          m.entity = speaker;
          return;
        }
      }
    }
    if (!surname.empty()) {
      chosen = Nearest(surname, m.span.begin);
    } else if (given.size() == 1) {
      chosen = given[0];
    } else if (!given.empty()) {
      m.entity = -2;  // a given name shared by several people: no one in particular
      return;
    } else if (!middle.empty()) {
      chosen = Nearest(middle, m.span.begin);
    } else if (m.rule == "known-name") {
      m.entity = -2;
      return;
    }
  }
  if (chosen < 0) {
    clusters_.push_back(Cluster{t, m.text, {}, {}, false});
    chosen = static_cast<int>(clusters_.size()) - 1;
  }
  Cluster& c = clusters_[chosen];
  c.apart |= kept_apart || (one_name && c.tokens.size() == 1);
  c.one_name |= one_name && c.tokens.size() == 1;
  // The label is the fullest form: the most words, then the fewest initials
  // ("Charles Q. Brown Jr." over "CQ Brown").
  auto initials = [](const std::vector<std::string>& words) {
    return std::count_if(words.begin(), words.end(),
                         [](const std::string& w) { return w.size() == 1; });
  };
  if (t.size() > c.tokens.size() ||
      (t.size() == c.tokens.size() && (c.joined || initials(t) < initials(c.tokens)))) {
    c.tokens = t;
    c.label = m.text;
    c.joined = false;
  }
  c.mentions.push_back(index);
  c.begins.insert(m.span.begin);
  m.entity = chosen;
}

void PersonResolver::Clusterize(const std::vector<size_t>& mentions) {
  // Fuller names first.
  std::vector<std::pair<std::vector<std::string>, size_t>> order;  // (tokens, mention)
  for (size_t m : mentions) order.emplace_back(Tokens(matches_->mentions[m].text), m);
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first.size() > b.first.size();
  });
  for (auto& [tokens, i] : order) Assign(i, std::move(tokens));
}

void PersonResolver::FindKnownNames() {
  // Given names and surnames that point at exactly one person.
  std::map<std::string, std::set<int>> owners;  // display word -> clusters
  for (size_t c = 0; c < clusters_.size(); ++c) {
    std::vector<std::string> words = SplitWords(clusters_[c].label);
    // The surname of "Charles Q. Brown Jr." is "Brown".
    while (words.size() > 1 && IsNameSuffix(Fold(words.back()))) words.pop_back();
    if (words.empty()) continue;
    owners[words.back()].insert(static_cast<int>(c));
    if (words.size() >= 2) owners[words.front()].insert(static_cast<int>(c));
  }
  std::vector<std::string> forms;
  // Full names first (the alternation tries longer forms first).
  for (const auto& c : clusters_)
    if (SplitWords(c.label).size() >= 2) forms.push_back(c.label);
  for (const auto& [word, who] : owners) {
    std::string f = Fold(word);
    if (who.size() != 1 || f.size() < 2 || pack_.forms.count(f) || pack_.title_words.count(f) ||
        pack_.name_stopwords.count(f) || pack_.honorifics.count(f))
      continue;
    forms.push_back(word);
  }
  if (forms.empty()) return;
  std::stable_sort(forms.begin(), forms.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  // Forms by their first word, longest form first: a name is looked up where
  // a word begins, not searched for with an automaton built per document.
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_first_word;
  std::array<bool, 256> starts_form{};
  for (const std::string& f : forms) {
    size_t e = WordEnd(f, 0, f.size());
    if (e == 0) continue;  // a form that starts with no letter: never at a word start
    by_first_word[std::string_view(f).substr(0, e)].push_back(f);
    starts_form[static_cast<unsigned char>(f[0])] = true;
  }

  TakenSpans taken(matches_->mentions);
  auto overlaps = [&](Span s) { return taken.Overlaps(s); };
  const std::string& t = doc_.clean;
  std::vector<size_t> added;
  for (const Paragraph& p : doc_.paragraphs) {
    size_t pos = p.body.begin;
    while (pos < p.body.end) {
      // A form starts where a word does (a letter or digit after none), with
      // a byte some form starts with: most places fail the first test.
      if (!starts_form[static_cast<unsigned char>(t[pos])] || IsWordCharBefore(t, pos) ||
          !IsWordCharAt(t, pos)) {
        ++pos;
        continue;
      }
      const size_t first_end = WordEnd(t, pos, p.body.end);
      Span s{pos, pos};  // empty: no form here
      auto it = by_first_word.find(std::string_view(t).substr(pos, first_end - pos));
      if (it != by_first_word.end()) {
        for (std::string_view f : it->second) {
          Span c{pos, pos + f.size()};
          if (c.end <= p.body.end && t.compare(pos, f.size(), f) == 0 &&
              !IsWordCharAt(t, c.end) && !overlaps(c)) {
            s = c;
            break;
          }
        }
      }
      if (s.end == s.begin) {
        pos = first_end;
        continue;
      }
      pos = s.end;
      // Extend left over up to two capitalised words that are not titles,
      // nor such as end or break names ("With Margaret" of a headline).
      for (int k = 0; k < 2; ++k) {
        size_t e = s.begin;
        if (e < 2 || t[e - 1] != ' ') break;
        size_t b = e - 1;
        while (b > p.body.begin && t[b - 1] != ' ' && t[b - 1] != '\n') --b;
        std::string word = t.substr(b, e - 1 - b);
        std::string f = Fold(word);
        if (!StartsUpper(word) || IsAllUpper(word) || f.empty() || !IsWordCharAt(t, e - 2) ||
            IsListedWord(pack_, f) || overlaps(Span{b, e}))
          break;
        s.begin = b;
      }
      Mention men;
      men.span = s;
      men.type = EntityType::kPerson;
      men.text = CollapseSpaces(doc_.Text(s));
      men.rule = "known-name";
      men.sentence = doc_.SentenceAt(s.begin);
      taken.Add(s);
      matches_->mentions.push_back(std::move(men));
      added.push_back(matches_->mentions.size() - 1);
    }
  }
  Clusterize(added);
}

// How far back a title reference looks for its person, in sentences.
constexpr int kTitleReferenceSentences = 6;

// Whether the title `held` (folded title words) is `title`, or `title` with
// what the office is of or for: "Secretary of State" begins with
// "Secretary", "Secretary General" is another office.
bool Begins(const std::vector<std::string>& held, const std::vector<std::string>& title) {
  if (held.size() < title.size() || !std::equal(title.begin(), title.end(), held.begin()))
    return false;
  return held.size() == title.size() || held[title.size()] == "of" || held[title.size()] == "for";
}

// "The Secretary welcomed ...", "I want to thank the Prime Minister": "the"
// and a title with no name after it stand for the one person of the document
// given that title (exactly, else as the start of a longer one: "Secretary"
// of "Secretary of State", not of "Deputy Secretary") who was named in the
// kTitleReferenceSentences sentences before, or who spoke before. Nobody, if
// no one or several people are. Adds a mention of that person for each, and
// one for each speaker label that is a title alone ("THE PRESIDENT:").
// REQUIRES: matches->mentions sorted by begin (they stay so).
void FindTitleReferences(const RulePack& pack, const Document& doc, MatchResult* matches) {
  // First the places where "the" and a title stand, few in most documents.
  struct Reference {
    Span span;
    int sentence;
    std::vector<std::string> title;  // folded title words
    std::string country;             // "the Greek Prime Minister": Greece
  };
  // The canonical name of the country whose form of one or two words starts
  // `text` ("Greek", "U.S.", "South African"), and the form's length; 0 if none.
  auto country_at = [&](std::string_view text, std::string* country) -> size_t {
    size_t end = 0, found = 0;
    for (int n = 0; n < 2; ++n) {
      end = text.find(' ', end + (n > 0));
      std::string_view form = text.substr(0, end);
      const std::string* name = CountryNamed(pack, form);
      // "Norway." at a sentence's end; but "U.S." is a form.
      while (!name && !form.empty() &&
             std::string_view(",.;:)").find(form.back()) != std::string_view::npos) {
        form.remove_suffix(1);
        name = CountryNamed(pack, form);
      }
      if (name) {
        *country = *name;
        found = form.size();
      }
      if (end == std::string_view::npos) break;
    }
    return found;
  };
  std::vector<Reference> references;
  const std::string& t = doc.clean;
  for (const Paragraph& p : doc.paragraphs) {
    const std::string_view body(t.data() + p.body.begin, p.body.size());
    for (size_t at = 0; (at = body.find("he ", at)) != std::string_view::npos; at += 3) {
      const unsigned char next_byte =
          at + 3 < body.size() ? static_cast<unsigned char>(body[at + 3]) : 0;
      if (at == 0 || (body[at - 1] != 't' && body[at - 1] != 'T') ||
          !((next_byte >= 'A' && next_byte <= 'Z') || next_byte >= 0x80) ||
          IsWordCharBefore(body, at - 1) || !StartsUpper(body.substr(at + 3, 4)))
        continue;
      // The country the title is of, if named first: "the Greek Prime
      // Minister". The reference is the title alone; the country stays a
      // mention of its own.
      std::string country;
      size_t title_at = at + 3;
      if (size_t n = country_at(body.substr(title_at), &country)) {
        title_at += n;
        if (title_at >= body.size() || body[title_at] != ' ') continue;
        ++title_at;
      }
      // The title: capitalised title words, "of" and "the" between them.
      std::vector<std::string> words;
      size_t pos = title_at, end = pos;  // end: after the last title word
      bool possessive = false;
      while (pos < body.size()) {
        size_t e = pos;
        while (e < body.size() && body[e] != ' ') ++e;
        std::string_view raw = body.substr(pos, e - pos);
        std::string_view word = WithoutPossessive(raw);
        while (!word.empty() && std::string_view(",.;:!?)").find(word.back()) !=
                                     std::string_view::npos)
          word.remove_suffix(1);
        const std::string f = Fold(word);
        const bool joiner = f == "of" || f == "the";
        // Title words joined by hyphens count one by one: "Secretary-General".
        if (word.empty() || (!joiner && !StartsUpper(word)) || !AllTitleWords(pack, f)) break;
        const std::vector<std::string> parts = SplitWords(f);
        words.insert(words.end(), parts.begin(), parts.end());
        if (!joiner) end = pos + word.size();
        possessive = word.size() < raw.size() && raw.substr(word.size(), 1) != ",";
        if (word.size() < raw.size()) break;  // punctuation or a possessive ends it
        pos = e + 1;
      }
      while (!words.empty() && (words.back() == "of" || words.back() == "the")) words.pop_back();
      if (words.empty()) continue;
      // A capitalised word after it, or after a comma, may be the name.
      size_t next = end;
      if (next < body.size() && body[next] == ',') ++next;
      if (!possessive && next + 1 < body.size() && body[next] == ' ' &&
          StartsUpper(body.substr(next + 1, 4)))
        continue;
      const Span span{p.body.begin + title_at, p.body.begin + end};
      const int sentence = doc.SentenceAt(span.begin);
      if (sentence >= 0)
        references.push_back(Reference{span, sentence, std::move(words), std::move(country)});
    }
  }
  // Speaker labels that are a title alone: "THE PRESIDENT", "HIS MAJESTY THE
  // KING". Honorifics and "the" before the title are dropped.
  std::vector<Reference> labels;
  for (const Turn& turn : doc.turns) {
    if (!turn.has_speaker || turn.anonymous) continue;
    auto first = std::lower_bound(
        matches->mentions.begin(), matches->mentions.end(), turn.label.begin,
        [](const Mention& m, size_t begin) { return m.span.begin < begin; });
    if (first != matches->mentions.end() && first->speaker_label &&
        first->span.end <= turn.label.end)
      continue;  // the label names someone
    std::vector<std::string> words;
    bool title_only = true;
    for (std::string& w : SplitWords(Fold(doc.Text(turn.label)))) {
      const bool joiner = w == "of" || w == "the";
      if (pack.title_words.count(w) && (!words.empty() || !joiner)) {
        words.push_back(std::move(w));
      } else if (!words.empty() || !(joiner || pack.honorifics.count(w))) {
        title_only = false;
        break;
      }
    }
    while (!words.empty() && (words.back() == "of" || words.back() == "the")) words.pop_back();
    if (title_only && !words.empty()) labels.push_back(Reference{turn.label, -1, std::move(words)});
  }
  if (references.empty() && labels.empty()) return;

  // The titles people are given, as folded title words in order, and who
  // is given each.
  std::vector<std::vector<std::string>> titles;
  std::vector<std::vector<int>> holders;                // by title
  std::unordered_map<std::string_view, int> title_of;   // title text -> title, -1: none
  for (const Mention& m : matches->mentions) {
    if (m.type != EntityType::kPerson || !m.title.present || m.entity < 0) continue;
    auto [it, fresh] = title_of.try_emplace(m.title.text, -1);
    if (fresh) {
      std::vector<std::string> words;
      for (std::string& w : Tokens(m.title.text))
        if (pack.title_words.count(w)) words.push_back(std::move(w));
      if (!words.empty()) {
        it->second = static_cast<int>(titles.size());
        titles.push_back(std::move(words));
        holders.emplace_back();
      }
    }
    if (it->second >= 0) holders[static_cast<size_t>(it->second)].push_back(m.entity);
  }
  if (titles.empty()) return;
  // The one person given `title` (exactly, else as the start of a longer
  // one, else after modifiers that make no other office: "Chancellor" is
  // the "Federal Chancellor"), leaving out those in `leave_out`; -1 for no one
  // or several.
  auto only_holder = [&](const std::vector<std::string>& title, const std::set<int>& leave_out) {
    std::set<int> exact, longer, neutral;
    for (size_t i = 0; i < titles.size(); ++i) {
      std::set<int>* into = nullptr;
      if (Begins(titles[i], title)) {
        into = titles[i].size() == title.size() ? &exact : &longer;
      } else {
        size_t k = 0;
        while (k < titles[i].size() && pack.neutral_modifiers.count(titles[i][k])) ++k;
        if (k > 0 && titles[i].size() - k == title.size() &&
            std::equal(title.begin(), title.end(), titles[i].begin() + static_cast<long>(k)))
          into = &neutral;
      }
      if (into)
        for (int h : holders[i])
          if (!leave_out.count(h)) into->insert(h);
    }
    const std::set<int>& who = !exact.empty() ? exact : !longer.empty() ? longer : neutral;
    return who.size() == 1 ? *who.begin() : -1;
  };
  std::map<std::vector<std::string>, int> answers;  // title -> only_holder(title, {})
  auto holder = [&](const std::vector<std::string>& title) {
    auto known = answers.find(title);
    if (known != answers.end()) return known->second;
    return answers[title] = only_holder(title, {});
  };
  // Where each person was named: the first speaker label, and the other
  // mentions by place with their sentences.
  std::map<int, size_t> first_label;                        // entity -> begin
  std::map<int, std::vector<std::pair<size_t, int>>> said;  // entity -> (begin, sentence)
  for (const Mention& m : matches->mentions) {
    if (m.type != EntityType::kPerson || m.entity < 0) continue;
    if (m.speaker_label)
      first_label.emplace(m.entity, m.span.begin);
    else
      said[m.entity].emplace_back(m.span.begin, m.sentence);
  }
  // Whether `entity` was named before `pos`: in a speaker label, or last in
  // one of the kTitleReferenceSentences sentences before `sentence`.
  auto named_before = [&](int entity, size_t pos, int sentence) {
    if (auto label = first_label.find(entity); label != first_label.end() && label->second < pos)
      return true;
    auto mentions = said.find(entity);
    if (mentions == said.end()) return false;
    const auto& places = mentions->second;  // sorted by begin, as the mentions are
    auto after = std::lower_bound(places.begin(), places.end(), std::pair<size_t, int>(pos, INT_MIN));
    return after != places.begin() &&
           std::prev(after)->second >= sentence - kTitleReferenceSentences;
  };
  const TakenSpans taken(matches->mentions);
  auto overlaps = [&](Span s) { return taken.Overlaps(s); };
  // A person's title, as a rule read it, is no mention of its own: "X, the
  // U.S. Secretary of Homeland Security".
  std::vector<Span> title_spans;
  for (const Mention& m : matches->mentions)
    if (m.type == EntityType::kPerson && m.title.present) title_spans.push_back(m.title.span);
  auto in_a_title = [&](Span s) {
    return std::any_of(title_spans.begin(), title_spans.end(),
                       [&](const Span& t) { return t.begin <= s.begin && s.end <= t.end; });
  };
  std::vector<Mention> found;
  // A mention of `entity` by the title of `r`: no form of the name.
  auto add = [&](const Reference& r, int entity, const char* rule) {
    Mention m;
    m.span = r.span;
    m.type = EntityType::kPerson;
    m.text = CollapseSpaces(doc.Text(r.span));
    m.rule = rule;
    m.title_reference = true;
    m.sentence = r.sentence;
    m.entity = entity;
    found.push_back(std::move(m));
    return &found.back();
  };
  // The countries each person was given: by a `country` group, or by "of"
  // and a country's name right after the name ("Prime Minister X of Norway").
  // Needed only for a title with its country, which few documents have.
  std::map<int, std::set<std::string>> countries;
  if (std::any_of(references.begin(), references.end(),
                  [](const Reference& r) { return !r.country.empty(); })) {
    for (const Mention& m : matches->mentions) {
      if (m.type != EntityType::kPerson || m.entity < 0) continue;
      if (m.country.present)
        if (const std::string* name = CountryNamed(pack, m.country.text))
          countries[m.entity].insert(*name);
      std::string_view after = std::string_view(t).substr(m.span.end);
      if (after.substr(0, 4) != " of ") continue;
      after.remove_prefix(4);
      if (after.substr(0, 4) == "the ") after.remove_prefix(4);
      std::string country;
      if (country_at(after, &country)) countries[m.entity].insert(country);
    }
  }
  // Those given countries, none of them `country`.
  auto of_other_countries = [&](const std::string& country) {
    std::set<int> out;
    for (const auto& [entity, theirs] : countries)
      if (!theirs.count(country)) out.insert(entity);
    return out;
  };
  for (const Reference& r : references) {
    const int entity = r.country.empty() ? holder(r.title)
                                         : only_holder(r.title, of_other_countries(r.country));
    if (entity < 0 || overlaps(r.span) || in_a_title(r.span) ||
        !named_before(entity, r.span.begin, r.sentence))
      continue;
    add(r, entity, "title-reference");
  }
  // A label of a title alone is the one person given that title who has no
  // label of their own: "THE PRESIDENT:" beside "PRESIDENT MARCOS:" is the
  // other president.
  std::set<int> labelled;
  for (const Mention& m : matches->mentions)
    if (m.speaker_label && m.entity >= 0) labelled.insert(m.entity);
  for (const Reference& r : labels) {
    const int entity = only_holder(r.title, labelled);
    if (entity >= 0) add(r, entity, "speaker-title")->speaker_label = true;
  }
  for (Mention& m : found) matches->mentions.push_back(std::move(m));
  SortByBegin(&matches->mentions);
}

}  // namespace

std::vector<ResolvedEntity> ResolveMentions(const RulePack& pack, const Document& doc,
                                            MatchResult* matches) {
  PersonResolver people(pack, doc, matches);
  std::vector<size_t> persons;
  for (size_t i = 0; i < matches->mentions.size(); ++i)
    if (matches->mentions[i].type == EntityType::kPerson) persons.push_back(i);
  people.Clusterize(persons);
  people.FindKnownNames();

  std::vector<ResolvedEntity> entities;
  for (const auto& c : people.clusters()) {
    ResolvedEntity e;
    e.type = EntityType::kPerson;
    e.label = c.label;
    e.named = true;
    e.apart = c.apart && c.tokens.size() == 1;
    entities.push_back(std::move(e));
  }
  // "the Maritime Dialogue" after "the U.S.-Philippines Maritime Dialogue":
  // a programme's name of two words or more that ends exactly one longer
  // programme's name found by its shape is that programme. So is a place of
  // the gazetteer that ends one place found by its shape: "Quantico" after
  // "Marine Corps Base Quantico". So is a body's name found by its shape
  // that follows a pair of states in one such name: "the Joint Commission"
  // after "the Canada-Philippines Joint Commission".
  std::map<std::string, std::string> shapes[3];  // Initiative, Location, Agency: folded -> as written
  auto kind = [](EntityType t) {
    return t == EntityType::kInitiative ? 0 : t == EntityType::kLocation ? 1 : 2;
  };
  auto shaped = [](const Mention& m) {
    return m.type == EntityType::kInitiative || m.type == EntityType::kLocation ||
           m.type == EntityType::kAgency;
  };
  for (const Mention& m : matches->mentions)
    if (shaped(m) && m.ref.gazetteer < 0) shapes[kind(m.type)].emplace(Fold(m.text), m.text);
  // Whether `written`, a body's name, is `name` (folded) after a pair of
  // states: its first word, two countries' names joined by a dash.
  auto after_pair = [&](std::string_view written, const std::string& name) {
    const size_t space = written.find(' ');
    if (space == std::string_view::npos || Fold(written.substr(space + 1)) != name) return false;
    const std::string_view pair = written.substr(0, space);
    for (size_t at = 1; at + 1 < pair.size(); ++at)
      if (const size_t dash = DashLength(pair.substr(at))) {
        return CountryNamed(pack, pair.substr(0, at)) &&
               CountryNamed(pack, pair.substr(at + dash));
      }
    return false;
  };
  std::map<std::string, std::string> longer[3];  // folded name -> the longer one's
  for (const Mention& m : matches->mentions) {
    if (!shaped(m)) continue;
    const std::string name = Fold(m.text);
    const int k = kind(m.type);
    if (longer[k].count(name)) continue;
    if (m.type == EntityType::kLocation ? m.ref.gazetteer < 0
                                        : name.find(' ') == std::string::npos ||
                                              (m.type == EntityType::kAgency && m.ref.gazetteer >= 0))
      continue;
    std::string found;
    int count = 0;
    for (const auto& [other, written] : shapes[k]) {  // folded: hyphens are spaces
      if (other.size() <= name.size() + 1 ||
          other.compare(other.size() - name.size(), name.size(), name) != 0 ||
          other[other.size() - name.size() - 1] != ' ' ||
          (m.type == EntityType::kAgency && !after_pair(written, name)))
        continue;
      found = other;
      ++count;
    }
    if (count == 1) longer[k].emplace(name, found);
  }
  // A body whose name many states use ("Army", "Foreign Ministry", a
  // gazetteer entry with no country, or a name found by its shape) is, with
  // its country, that country's: "the Mexican Army" and "the Colombian Army"
  // are two bodies, "Mexican Army" and "Colombian Army", in a document and
  // in a corpus. The name alone is the one such body the document names
  // with a country, if only one.
  auto base_key = [&](const Mention& m, std::string* label) {
    auto l = shaped(m) ? longer[kind(m.type)].find(Fold(m.text)) : longer[0].end();
    if (shaped(m) && l != longer[kind(m.type)].end()) {
      *label = shapes[kind(m.type)].at(l->second);
      return std::string(EntityTypeName(m.type)) + ":" + l->second;
    }
    if (m.ref.gazetteer >= 0) {
      *label = pack.gazetteers[m.ref.gazetteer].entries[m.ref.entry].name;
      return "g" + std::to_string(m.ref.gazetteer) + ":" + std::to_string(m.ref.entry);
    }
    *label = m.text;
    return std::string(EntityTypeName(m.type)) + ":" + Fold(m.text);
  };
  // The country of a body of many states, "" if none or not such a body.
  auto state_of = [&](const Mention& m) -> std::string {
    if (m.type != EntityType::kAgency || !m.country.present || m.country.span.end > m.span.begin)
      return "";
    if (m.ref.gazetteer >= 0 &&
        !pack.gazetteers[m.ref.gazetteer].entries[m.ref.entry].country.empty())
      return "";
    const std::string* name = CountryNamed(pack, m.country.text);
    return name ? *name : std::string();
  };
  std::vector<std::string> own_state;  // by mention: state_of() it
  own_state.reserve(matches->mentions.size());
  for (const Mention& m : matches->mentions) own_state.push_back(state_of(m));
  std::map<std::string, std::set<std::string>> states;  // base key -> its countries
  for (size_t i = 0; i < matches->mentions.size(); ++i) {
    if (own_state[i].empty()) continue;
    std::string unused;
    states[base_key(matches->mentions[i], &unused)].insert(own_state[i]);
  }
  // "the Kenyan Government" is "the Government of Kenya": the key of a body
  // of many states with its country -> that of the name with "of" the text
  // gives, found by its shape; and the key of such a name -> its state key.
  std::map<std::string, std::string> of_forms;
  std::map<std::string, std::string> of_state_keys;
  for (size_t i = 0; i < matches->mentions.size(); ++i) {
    const Mention& m = matches->mentions[i];
    if (m.type != EntityType::kAgency || m.ref.gazetteer >= 0 || !own_state[i].empty()) continue;
    // The first "of" that a country's name follows: "Government of the
    // Republic of Kenya".
    size_t of = 0;
    auto form = pack.forms.end();
    while ((of = m.text.find(" of ", of)) != std::string::npos) {
      std::string_view country = std::string_view(m.text).substr(of + 4);
      if (country.substr(0, 4) == "the ") country.remove_prefix(4);
      form = pack.forms.find(Fold(country));
      if (form != pack.forms.end() && !form->second.demonym &&
          pack.gazetteers[form->second.gazetteer].type == EntityType::kCountry)
        break;
      form = pack.forms.end();
      of += 4;
    }
    if (form == pack.forms.end()) continue;
    const std::string& state =
        pack.gazetteers[form->second.gazetteer].entries[form->second.entry].name;
    const std::string type(EntityTypeName(m.type));
    const std::string state_key =
        type + ":" + Fold(std::string_view(m.text).substr(0, of)) + "@" + state;
    of_forms.emplace(state_key, type + ":" + Fold(m.text));
    of_state_keys.emplace(type + ":" + Fold(m.text), state_key);
  }
  std::map<std::string, int> by_key;
  for (size_t i = 0; i < matches->mentions.size(); ++i) {
    Mention& m = matches->mentions[i];
    if (m.type == EntityType::kPerson) continue;
    std::string label;
    std::string key = base_key(m, &label);
    std::string state = own_state[i];
    if (state.empty()) {
      auto s = states.find(key);
      if (s != states.end() && s->second.size() == 1) state = *s->second.begin();
    } else if (!StartsWithPossessive(doc.Text(Span{m.country.span.end, m.span.begin}))) {
      // Named as the document names it: "Mexican Army" and "Kenya Police
      // Service", not "Army" and "Police Service". "Brazil's Ministry of
      // Defense" keeps its own name.
      label = CollapseSpaces(doc.Text(Span{m.country.span.begin, m.span.end}));
      m.text = label;
    }
    std::string state_key;
    if (!state.empty()) {
      key += "@" + state;
      state_key = key;
      auto of = of_forms.find(key);
      if (of != of_forms.end()) key = of->second;
    } else if (auto of = of_state_keys.find(key); of != of_state_keys.end()) {
      state_key = of->second;
    }
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      ResolvedEntity e;
      e.type = m.type;
      e.ref = m.ref;
      e.label = label;
      e.state_key = state_key;
      it = by_key.emplace(std::move(key), static_cast<int>(entities.size())).first;
      entities.push_back(std::move(e));
    }
    m.entity = it->second;
  }
  // Mentions whose person could not be told apart name no entity.
  std::erase_if(matches->mentions, [](const Mention& m) { return m.entity < 0; });
  SortByBegin(&matches->mentions);
  FindTitleReferences(pack, doc, matches);
  for (const auto& m : matches->mentions) {
    ResolvedEntity& e = entities[m.entity];
    ++e.mentions;
    if (m.title_reference) continue;  // names nobody: no form, no title
    if (!m.demonym) {
      e.named = true;
      e.forms.insert(m.text);
    }
    if (m.type == EntityType::kPerson && m.title.present) {
      std::set<std::string> words;
      for (const auto& w : SplitWords(Fold(m.title.text)))
        if (pack.title_words.count(w) && w != "of" && w != "the") words.insert(w);
      if (!words.empty() &&
          std::find(e.titles.begin(), e.titles.end(), words) == e.titles.end())
        e.titles.push_back(std::move(words));
    }
  }
  return entities;
}

int FindGazetteerEntity(const RulePack& pack, const std::vector<ResolvedEntity>& entities,
                        const std::string& canonical) {
  for (size_t i = 0; i < entities.size(); ++i) {
    const GazetteerRef& r = entities[i].ref;
    if (r.gazetteer >= 0 && pack.gazetteers[r.gazetteer].entries[r.entry].name == canonical)
      return static_cast<int>(i);
  }
  return -1;
}

}  // namespace kgrep
