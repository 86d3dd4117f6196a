#include "extract/document.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "extract/text.h"

namespace kgrep {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\n'; }

bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Byte ranges of the original text removed by cleanup rules, sorted, merged.
std::vector<Span> DroppedRanges(const RulePack& pack, std::string_view text) {
  std::vector<Span> spans;
  // The rules that may match (the pack's filter), else all of them.
  std::vector<int> rules;
  if (!pack.cleanup_filter || !pack.cleanup_filter->Match(text, &rules)) {
    rules.resize(pack.cleanup.size());
    std::iota(rules.begin(), rules.end(), 0);
  }
  for (int ri : rules) {
    const CleanupRule& rule = pack.cleanup[static_cast<size_t>(ri)];
    if (!rule.pattern) continue;
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    size_t pos = 0;
    while (pos <= text.size() &&
           rule.pattern->Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
      size_t b = static_cast<size_t>(match.data() - text.data());
      size_t e = b + match.size();
      if (e > b) spans.push_back(Span{b, e});
      pos = e > b ? e : e + 1;
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, s.end);
    else
      merged.push_back(s);
  }
  return merged;
}

// The text with a leading byte-order mark dropped and every line end made
// "\n" (CRLF, CR), and the map of its offsets to the original's: what the
// cleanup rules see, so that "(?m)^...$" means the same whatever the line
// ends, and a banner at the start of the file is at the start of the text.
void NormalizeLineEnds(const std::string& in, std::string* out, OffsetMap* map) {
  out->reserve(in.size());
  size_t i = in.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < in.size()) {
    size_t cr = std::min(in.find('\r', i), in.size());
    out->append(in, i, cr - i);
    map->push_run(i, cr - i);
    if (cr == in.size()) break;
    i = cr + 1 < in.size() && in[cr + 1] == '\n' ? cr + 1 : cr;  // CRLF: the LF stands
    *out += '\n';
    map->push_back(i);
    i += 1;
  }
  map->push_back(in.size());
}

void Clean(const RulePack& pack, Document* doc) {
  std::string in;
  OffsetMap in_map;  // offsets in `in` -> in the original
  NormalizeLineEnds(doc->original, &in, &in_map);
  std::vector<Span> dropped = DroppedRanges(pack, in);
  size_t next_drop = 0;
  std::string& out = doc->clean;
  OffsetMap& map = doc->to_original;
  out.reserve(in.size());
  OffsetMap::Reader original(in_map);
  auto emit = [&](char c, size_t at) {
    out += c;
    map.push_back(original(at));
  };
  // Bytes kept as they are, up to `end`, a run of original offsets at a time.
  auto copy = [&](size_t i, size_t end) {
    while (i < end) {
      size_t at = original(i);
      size_t n = std::min(end - i, original.RunLength(i));
      out.append(in, i, n);
      map.push_run(at, n);
      i += n;
    }
  };
  auto plain = [](unsigned char c) {
    return c >= 0x20 ? c != 0xC2 && c != '\\' && c != '*' : c == '\n';
  };
  size_t i = 0;
  while (i < in.size()) {
    if (next_drop < dropped.size() && i >= dropped[next_drop].begin) {
      if (i < dropped[next_drop].end) {
        i = dropped[next_drop].end;
        ++next_drop;
        continue;
      }
      ++next_drop;
      continue;
    }
    size_t stop = next_drop < dropped.size() ? dropped[next_drop].begin : in.size();
    size_t j = i;
    while (j < stop && plain(static_cast<unsigned char>(in[j]))) ++j;
    if (j > i) {
      copy(i, j);
      i = j;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == 0xC2 && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
      emit(' ', i);
      i += 2;
    } else if (c == '\\' && i + 1 < in.size() && IsAsciiPunct(in[i + 1])) {
      ++i;  // markdown escape: keep what it escapes
    } else if (c == '*') {
      ++i;  // markdown emphasis
    } else if (c < 0x20 && c != '\n') {
      emit(' ', i++);
    } else {
      emit(static_cast<char>(c), i++);
    }
  }
  map.push_back(doc->original.size());
}

// Sentences of paragraph body `body`: ends at . ! ? followed by white space
// and a capital, digit, quote or bracket, unless the word before is a known
// abbreviation or a single capital (an initial); and at a line break that
// joining wrapped lines left in place.
void SplitSentences(const RulePack& pack, Document* doc, int paragraph, Span body) {
  const std::string& t = doc->clean;
  size_t start = body.begin;
  auto push = [&](size_t b, size_t e) {
    while (b < e && IsBlank(t[b])) ++b;
    while (e > b && IsBlank(t[e - 1])) --e;
    if (e <= b) return;
    Sentence s;
    s.span = Span{b, e};
    s.paragraph = paragraph;
    s.turn = doc->paragraphs[paragraph].turn;
    doc->paragraphs[paragraph].sentences.push_back(static_cast<int>(doc->sentences.size()));
    doc->sentences.push_back(s);
  };
  for (size_t i = body.begin; i < body.end; ++i) {
    char c = t[i];
    if (c == '\n') {  // a line break left in a paragraph ends a sentence
      push(start, i);
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < body.end && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) ++j;
    // Closing curly quotes (U+201D, U+2019) are three bytes.
    while (j + 2 < body.end && t.compare(j, 2, "\xE2\x80") == 0 &&
           (t[j + 2] == '\x9D' || t[j + 2] == '\x99'))
      j += 3;
    if (j < body.end && !IsBlank(t[j])) continue;
    size_t k = j;
    while (k < body.end && IsBlank(t[k])) ++k;
    if (k < body.end) {
      unsigned char n = static_cast<unsigned char>(t[k]);
      bool opener = StartsUpper(std::string_view(t).substr(k, 4)) || (n >= '0' && n <= '9') ||
                    n == '"' || n == '(' || n == '[' || n == '\'' || n == 0xE2;
      if (!opener) continue;
    }
    if (c == '.') {
      size_t w = i;
      while (w > body.begin && !IsBlank(t[w - 1])) --w;
      std::string_view word = std::string_view(t).substr(w, i + 1 - w);
      while (!word.empty() && (word[0] == '(' || word[0] == '"')) word.remove_prefix(1);
      if (pack.abbreviations.count(word)) continue;
      // "Vietnam-U.S.": the abbreviation after a hyphen.
      size_t hyphen = word.rfind('-');
      if (hyphen != std::string_view::npos && pack.abbreviations.count(word.substr(hyphen + 1)))
        continue;
      if (word.size() == 2 && word[0] >= 'A' && word[0] <= 'Z') continue;  // an initial
    }
    push(start, j);
    start = j;
  }
  push(start, body.end);
}

// True if `sentence` is all in one pair of brackets: "(As interpreted.)",
// "(Laughter.)", "[Applause]".
bool IsStageDirection(std::string_view sentence) {
  if (sentence.size() < 2) return false;
  const char open = sentence.front();
  const char close = open == '(' ? ')' : open == '[' ? ']' : '\0';
  if (close == '\0') return false;
  size_t end = sentence.size();
  if (sentence[end - 1] == '.') --end;  // "(Applause)."
  return end >= 2 && sentence[end - 1] == close &&
         sentence.find_first_of("()[]", 1) == end - 1;
}

// True if the line at `pos` begins with a speaker label: a new turn starts a
// new paragraph even without a blank line before it.
bool StartsTurn(const RulePack& pack, const std::string& t, size_t pos) {
  size_t eol = t.find('\n', pos);
  if (eol == std::string::npos) eol = t.size();
  re2::StringPiece line(t.data() + pos, eol - pos);
  thread_local std::vector<int> which;
  SpeakersAt(pack, std::string_view(line.data(), line.size()), &which);
  for (int i : which) {
    const SpeakerPattern& sp = pack.speakers[static_cast<size_t>(i)];
    if (!sp.named_elsewhere &&
        sp.pattern->Match(line, 0, line.size(), RE2::ANCHOR_START, nullptr, 0))
      return true;
  }
  return false;
}

// Whether the last word of `label` stands in `t` twice or more (the label's
// own counts once), as a whole word in the same case.
bool NamedElsewhere(const std::string& t, std::string_view label) {
  while (!label.empty() && !IsWordCharBefore(label, label.size())) label.remove_suffix(1);
  size_t begin = label.size();
  while (begin > 0 && IsWordCharBefore(label, begin)) --begin;
  const std::string_view word = label.substr(begin);
  if (word.size() < 2) return false;
  int found = 0;
  for (size_t at = t.find(word); at != std::string::npos; at = t.find(word, at + 1))
    if (!IsWordCharBefore(t, at) && !IsWordCharAt(t, at + word.size()) && ++found == 2) return true;
  return false;
}

// True if the text at `pos` begins an item of a list: "- ", "• ", "1. ",
// "2) ". A line that does is no wrapped continuation of the one before.
bool StartsListItem(std::string_view t, size_t pos) {
  std::string_view rest = t.substr(pos);
  for (std::string_view bullet : {"- ", "\u2022 ", "\u25AA "})  // • ▪
    if (rest.substr(0, bullet.size()) == bullet) return true;
  size_t digits = 0;
  while (digits < rest.size() && digits < 3 && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  return digits > 0 && digits + 1 < rest.size() && (rest[digits] == '.' || rest[digits] == ')') &&
         rest[digits + 1] == ' ';
}

}  // namespace

bool IsProse(const RulePack& pack, std::string_view text) {
  std::vector<std::string> words = SplitWords(text);
  if (words.empty()) return false;
  if (words.size() > kFrontMatterWords) return true;
  std::string_view last = words.back();
  while (!last.empty() && std::string_view("\"')]").find(last.back()) != std::string_view::npos)
    last.remove_suffix(1);
  for (std::string_view quote : {"\u201D", "\u2019"})  // ” ’
    while (last.size() >= quote.size() && last.substr(last.size() - quote.size()) == quote)
      last.remove_suffix(quote.size());
  if (last.empty()) return false;
  char c = last.back();
  if (c == '!' || c == '?' || c == ':' || c == ';') return true;
  return c == '.' && !pack.abbreviations.count(std::string(last));
}

int Document::SentenceAt(size_t pos) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](size_t p, const Sentence& s) { return p < s.span.begin; });
  if (it == sentences.begin()) return -1;
  --it;
  return pos < it->span.end ? static_cast<int>(it - sentences.begin()) : -1;
}

Status SegmentDocument(const RulePack& pack, std::string name, std::string text, Document* doc) {
  *doc = Document();
  doc->name = std::move(name);
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                           (text[0] == '\xFE' && text[1] == '\xFF')))
    return Status::Error(doc->name + ": UTF-16 text (a UTF-16 byte-order mark); kgrep reads "
                         "UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8");
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad))
    return Status::Error(doc->name + ":" + LineColumn(text, bad) + ": " +
                         InvalidUtf8Message(text, bad));
  // A NUL byte is binary data, or UTF-16 without a byte-order mark; read as
  // text it would give a graph of noise.
  if (size_t nul = text.find('\0'); nul != std::string::npos)
    return Status::Error(doc->name + ":" + LineColumn(text, nul) + ": a NUL byte (byte " +
                         std::to_string(nul) + "): binary data, not text");
  doc->original = std::move(text);
  Clean(pack, doc);
  std::string& t = doc->clean;

  // Paragraphs: runs of lines with text, separated by blank lines.
  doc->turns.push_back(Turn());  // text before the first speaker label
  size_t pos = 0;
  bool front_matter = true;  // no paragraph so far reads as prose
  std::vector<size_t> short_lines;  // line ends joined after short lines
  std::map<std::string, bool> named_elsewhere;  // label -> NamedElsewhere()
  while (pos < t.size()) {
    while (pos < t.size() && IsBlank(t[pos])) ++pos;
    if (pos >= t.size()) break;
    size_t end = pos;
    short_lines.clear();
    while (end < t.size()) {
      size_t nl = t.find('\n', end);
      if (nl == std::string::npos) {
        end = t.size();
        break;
      }
      // A blank line ends the paragraph.
      size_t k = nl + 1;
      while (k < t.size() && t[k] == ' ') ++k;
      if (k >= t.size() || t[k] == '\n' || StartsTurn(pack, t, nl + 1)) {
        end = nl;
        break;
      }
      // Two trailing spaces make a hard line break (markdown): a dateline or
      // a list line, not a wrapped sentence. So does an item of a list after.
      bool hard = (nl >= 2 && t[nl - 1] == ' ' && t[nl - 2] == ' ') || StartsListItem(t, k);
      if (pack.join_wrapped_lines && !hard) {
        t[nl] = ' ';
        if (nl - end < kShortestWrappedLine) short_lines.push_back(nl);  // the line: [end, nl)
      }
      end = nl + 1;
    }
    size_t e = end;
    while (e > pos && IsBlank(t[e - 1])) --e;
    // Lines of the front matter, and of a letter's signature, are lines of
    // their own (document.h).
    front_matter = front_matter && doc->paragraphs.size() < kFrontMatterParagraphs &&
                   !IsProse(pack, std::string_view(t).substr(pos, e - pos));
    if (front_matter || doc->closing >= 0)
      for (size_t nl : short_lines) t[nl] = '\n';
    // "Sincerely,": what follows is the signature.
    if (pack.closing.pattern && !front_matter && e - pos <= kLongestClosing &&
        RE2::FullMatch(CollapseSpaces(std::string_view(t).substr(pos, e - pos)),
                       *pack.closing.pattern))
      doc->closing = static_cast<int>(doc->paragraphs.size());
    Paragraph p;
    p.span = Span{pos, e};
    p.body = p.span;

    // A speaker label starts a new turn.
    std::string_view ptext = doc->Text(p.span);
    thread_local std::vector<int> which;
    SpeakersAt(pack, ptext, &which);
    for (int i : which) {
      const SpeakerPattern& sp = pack.speakers[static_cast<size_t>(i)];
      re2::StringPiece input(ptext.data(), ptext.size());
      // Most paragraphs open with no label: RE2's DFA says so without the
      // groups, which cost more to find.
      if (!sp.pattern->Match(input, 0, ptext.size(), RE2::ANCHOR_START, nullptr, 0)) continue;
      int ngroups = sp.pattern->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> groups(ngroups);
      if (!sp.pattern->Match(input, 0, ptext.size(), RE2::ANCHOR_START, groups.data(), ngroups))
        continue;
      int gi = sp.pattern->NamedCapturingGroups().at("speaker");
      if (groups[gi].data() == nullptr || groups[gi].empty()) continue;
      // "FACT SHEET: ...": a heading, which starts no turn.
      if (pack.headings.pattern &&
          RE2::FullMatch(CollapseSpaces(std::string_view(groups[gi].data(), groups[gi].size())),
                         *pack.headings.pattern))
        continue;
      if (sp.named_elsewhere) {
        const std::string label(groups[gi].data(), groups[gi].size());
        auto known = named_elsewhere.find(label);
        if (known == named_elsewhere.end())
          known = named_elsewhere.emplace(label, NamedElsewhere(t, label)).first;
        if (!known->second) continue;
      }
      Turn turn;
      turn.has_speaker = true;
      turn.label.begin = p.span.begin + static_cast<size_t>(groups[gi].data() - ptext.data());
      turn.label.end = turn.label.begin + groups[gi].size();
      auto country = sp.pattern->NamedCapturingGroups().find("country");
      if (country != sp.pattern->NamedCapturingGroups().end()) {
        const re2::StringPiece& c = groups[static_cast<size_t>(country->second)];
        if (c.data() != nullptr && !c.empty()) {
          turn.country.begin = p.span.begin + static_cast<size_t>(c.data() - ptext.data());
          turn.country.end = turn.country.begin + c.size();
        }
      }
      if (pack.anonymous_speaker.pattern) {
        std::string label = CollapseSpaces(doc->Text(turn.label));
        turn.anonymous = RE2::FullMatch(label, *pack.anonymous_speaker.pattern);
      }
      doc->turns.push_back(turn);
      p.body.begin = p.span.begin + groups[0].size();
      while (p.body.begin < p.span.end && IsBlank(t[p.body.begin])) ++p.body.begin;
      break;
    }
    p.turn = static_cast<int>(doc->turns.size()) - 1;
    doc->turns.back().paragraphs.push_back(static_cast<int>(doc->paragraphs.size()));
    doc->paragraphs.push_back(p);
    SplitSentences(pack, doc, static_cast<int>(doc->paragraphs.size()) - 1, p.body);
    pos = end;
  }
  if (doc->paragraphs.empty())
    return Status::Error(doc->name + ": no text to read (empty after clean-up)");
  // A closing with the paragraphs of a letter's text after it closes nothing.
  if (doc->closing >= 0 &&
      doc->paragraphs.size() - static_cast<size_t>(doc->closing) - 1 > kSignatureParagraphs)
    doc->closing = -1;
  // Number sentences within their turn. A stage direction, "(As
  // interpreted.)", "[Applause]", is no sentence of the speaker's: the one
  // after it is still the first.
  std::vector<int> count(doc->turns.size(), 0);
  for (auto& s : doc->sentences) {
    s.index_in_turn = count[s.turn];
    if (!IsStageDirection(doc->Text(s.span))) ++count[s.turn];
  }
  return Status::Ok();
}

}  // namespace kgrep
