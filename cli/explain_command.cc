#include "cli/explain_command.h"

#include <signal.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/exit_status.h"
#include "cli/explain_html.h"
#include "cli/input.h"
#include "cli/pack_loading.h"
#include "extract/macro.h"
#include "extract/text.h"
#include "graph/output_file.h"

namespace kgrep {

namespace {

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// The entities matching `name`, compared folded against the label and every
// surface form.
std::vector<bool> MatchEntities(const std::vector<ResolvedEntity>& entities,
                                const std::string& name) {
  std::vector<bool> match(entities.size(), true);
  if (name.empty()) return match;
  std::string folded = Fold(name);
  for (size_t e = 0; e < entities.size(); ++e) {
    bool found = Fold(entities[e].label).find(folded) != std::string::npos;
    for (const std::string& form : entities[e].forms)
      found = found || Fold(form).find(folded) != std::string::npos;
    match[e] = found;
  }
  return match;
}

}  // namespace

int ExplainSelection::Count(const std::vector<bool>& flags) {
  return static_cast<int>(std::count(flags.begin(), flags.end(), true));
}

std::string OriginalRange(const Document& doc, Span span) {
  size_t end = span.end > span.begin ? doc.OriginalOffset(span.end - 1) + 1
                                     : doc.OriginalOffset(span.begin);
  return std::to_string(doc.OriginalOffset(span.begin)) + "-" + std::to_string(end);
}

std::string EntityLabel(const Trace& trace, int entity) {
  return entity >= 0 ? trace.entities[entity].label : std::string("?");
}

int TurnOfLabel(const Document& doc, Span span) {
  for (size_t t = 0; t < doc.turns.size(); ++t) {
    const Turn& turn = doc.turns[t];
    if (turn.has_speaker && turn.label.begin <= span.begin && span.end <= turn.label.end)
      return static_cast<int>(t);
  }
  return -1;
}

void SentencesOverlapping(const Document& doc, Span span, int* first, int* last) {
  const std::vector<Sentence>& s = doc.sentences;
  auto it = std::upper_bound(s.begin(), s.end(), span.begin,
                             [](size_t pos, const Sentence& x) { return pos < x.span.end; });
  *first = *last = static_cast<int>(it - s.begin());
  while (*last < static_cast<int>(s.size()) && s[*last].span.begin < span.end) ++*last;
}

size_t FirstMentionEndingAfter(const MatchResult& matches, size_t pos) {
  const std::vector<Mention>& m = matches.mentions;
  auto it = std::lower_bound(m.begin(), m.end(), pos,
                             [](const Mention& x, size_t p) { return x.span.begin < p; });
  size_t i = it - m.begin();
  while (i > 0 && m[i - 1].span.end > pos) --i;
  while (i < m.size() && m[i].span.end <= pos) ++i;
  return i;
}

ExplainSelection SelectExplained(const Trace& t, const ExplainFilter& filter) {
  const Document& d = t.document;
  ExplainSelection s;
  bool narrows = filter.narrows();
  std::vector<bool> matching = MatchEntities(t.entities, filter.entity);
  auto matches = [&](int e) { return e >= 0 && matching[e]; };

  s.relations.assign(t.relations.size(), false);
  std::vector<bool> related(t.entities.size(), false);
  for (size_t i = 0; i < t.relations.size(); ++i) {
    const FoundRelation& r = t.relations[i];
    if (!filter.relation.empty() && r.predicate != filter.relation) continue;
    if (!filter.entity.empty() && !matches(r.subject) && !matches(r.object)) continue;
    s.relations[i] = true;
    if (r.subject >= 0) related[r.subject] = true;
    if (r.object >= 0) related[r.object] = true;
  }

  s.entities.assign(t.entities.size(), false);
  for (size_t e = 0; e < t.entities.size(); ++e)
    s.entities[e] = matching[e] && (filter.relation.empty() || related[e]);

  // With a relation filter, only the mentions that a selected relation was
  // read from: those in its evidence and the speaker label of its turn.
  std::vector<Span> evidence;
  for (size_t i = 0; i < t.relations.size(); ++i) {
    if (!s.relations[i] || filter.relation.empty()) continue;
    Span e = t.relations[i].evidence;
    evidence.push_back(e);
    int k = d.SentenceAt(e.begin);
    if (k >= 0 && d.turns[d.sentences[k].turn].has_speaker)
      evidence.push_back(d.turns[d.sentences[k].turn].label);
  }
  const std::vector<Mention>& mentions = t.matches.mentions;
  s.mentions.assign(mentions.size(), false);
  for (size_t i = 0; i < mentions.size(); ++i) {
    int e = mentions[i].entity;
    s.mentions[i] = !narrows || (e >= 0 && s.entities[e]);
    if (s.mentions[i] && !filter.relation.empty()) {
      s.mentions[i] = false;
      for (Span span : evidence)
        s.mentions[i] = s.mentions[i] || Overlaps(span, mentions[i].span);
    }
  }

  const std::vector<LostCandidate>& lost = t.matches.lost;
  s.lost.assign(lost.size(), !narrows);
  std::string folded = Fold(filter.entity);
  for (size_t i = 0; narrows && i < lost.size(); ++i) {
    const Mention& c = lost[i].candidate;
    for (size_t m = FirstMentionEndingAfter(t.matches, c.span.begin);
         m < mentions.size() && mentions[m].span.begin < c.span.end && !s.lost[i]; ++m)
      s.lost[i] = s.mentions[m];
    if (!filter.entity.empty() && filter.relation.empty() &&
        Fold(c.text).find(folded) != std::string::npos)
      s.lost[i] = true;
  }

  s.sentences.assign(d.sentences.size(), !narrows);
  s.turns.assign(d.turns.size(), !narrows);
  if (narrows) {
    auto mark = [&](Span span) {
      int first, last;
      SentencesOverlapping(d, span, &first, &last);
      for (int k = first; k < last; ++k) s.sentences[k] = true;
      int turn = TurnOfLabel(d, span);
      if (turn >= 0) s.turns[turn] = true;
    };
    for (size_t i = 0; i < mentions.size(); ++i)
      if (s.mentions[i]) mark(mentions[i].span);
    for (size_t i = 0; i < lost.size(); ++i)
      if (s.lost[i]) mark(lost[i].candidate.span);
    for (size_t i = 0; i < t.relations.size(); ++i)
      if (s.relations[i]) mark(t.relations[i].evidence);
    for (size_t k = 0; k < d.sentences.size(); ++k)
      if (s.sentences[k]) s.turns[d.sentences[k].turn] = true;
  }
  return s;
}

namespace {

class TextReport {
 public:
  TextReport(const Trace& t, const ExplainFilter& f, bool color, std::ostream& out)
      : t_(t), d_(t.document), f_(f), color_(color), out_(out), s_(SelectExplained(t, f)) {}
  void Write();

 private:
  void Segmentation();
  void Mentions();
  void Entities();
  void Lost();
  void Relations();

  std::string Paint(const std::string& text, const char* code) const {
    return color_ ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
  void Head(const std::string& name, const std::vector<bool>& selected) {
    out_ << Paint("== " + name, "1") << " (" << ExplainSelection::Count(selected);
    if (f_.narrows()) out_ << " of " << selected.size();
    out_ << ")\n";
  }
  std::string Label(int entity) const { return EntityLabel(t_, entity); }
  std::string Where(Span span) const { return OriginalRange(d_, span); }
  // "[4]", "[4-5]" for the sentences a span overlaps, "[turn 2]" for a
  // speaker label.
  std::string Place(Span span) const {
    int first, last;
    SentencesOverlapping(d_, span, &first, &last);
    if (first < last)
      return "[" + std::to_string(first) +
             (last - 1 > first ? "-" + std::to_string(last - 1) : std::string()) + "]";
    int turn = TurnOfLabel(d_, span);
    return turn >= 0 ? "[turn " + std::to_string(turn) + "]" : "[-]";
  }
  // The text of `span` with white space collapsed and, in colour, the
  // selected mentions inside it painted.
  std::string Excerpt(Span span) const;

  const Trace& t_;
  const Document& d_;
  const ExplainFilter& f_;
  bool color_;
  std::ostream& out_;
  ExplainSelection s_;
};

std::string TextReport::Excerpt(Span span) const {
  if (!color_) return CollapseSpaces(d_.Text(span));
  // Mark mention boundaries with bytes that cannot otherwise remain, collapse,
  // then turn the marks into escapes.
  const char kOn = '\x01', kOff = '\x02';
  std::string marked;
  size_t pos = span.begin;
  auto copy = [&](size_t end) {
    for (char c : d_.Text(Span{pos, end}))
      if (c != kOn && c != kOff) marked += c;
    pos = end;
  };
  const std::vector<Mention>& mentions = t_.matches.mentions;
  for (size_t i = FirstMentionEndingAfter(t_.matches, span.begin);
       i < mentions.size() && mentions[i].span.begin < span.end; ++i) {
    Span m = mentions[i].span;
    if (!s_.mentions[i] || m.begin < pos || m.end > span.end) continue;
    copy(m.begin);
    marked += kOn;
    copy(m.end);
    marked += kOff;
  }
  copy(span.end);
  std::string collapsed = CollapseSpaces(marked), painted;
  for (char c : collapsed) {
    if (c == kOn) painted += "\x1b[1;33m";
    else if (c == kOff) painted += "\x1b[0m";
    else painted += c;
  }
  return painted;
}

void TextReport::Write() {
  out_ << Paint("== document", "1") << " " << d_.name << ": " << d_.turns.size() << " turns, "
       << d_.paragraphs.size() << " paragraphs, " << d_.sentences.size() << " sentences\n";
  out_ << "   [N] is sentence N; offsets are byte ranges of the original file\n";
  if (f_.narrows()) {
    out_ << "   narrowed to";
    if (!f_.entity.empty()) out_ << " entities matching '" << f_.entity << "'";
    if (!f_.entity.empty() && !f_.relation.empty()) out_ << " and";
    if (!f_.relation.empty()) out_ << " relations '" << f_.relation << "'";
    out_ << "\n";
  }
  Segmentation();
  Mentions();
  Entities();
  Lost();
  Relations();
}

void TextReport::Segmentation() {
  std::vector<int> speakers = TurnSpeakers(d_, t_.matches);
  Head("turns", s_.turns);
  for (size_t ti = 0; ti < d_.turns.size(); ++ti) {
    const Turn& turn = d_.turns[ti];
    if (!s_.turns[ti] || turn.paragraphs.empty()) continue;
    std::string label = CollapseSpaces(d_.Text(turn.label));
    std::string who = !turn.has_speaker ? (speakers[ti] >= 0 ? "(byline) = " + Label(speakers[ti])
                                                             : std::string("(no speaker)"))
                      : turn.anonymous  ? label + " (anonymous)"
                                        : label + " = " + Label(speakers[ti]);
    out_ << Paint("turn " + std::to_string(ti), "1;36") << " " << who << "\n";
    for (int pi : turn.paragraphs) {
      for (int si : d_.paragraphs[pi].sentences) {
        if (!s_.sentences[si]) continue;
        out_ << "  [" << si << "] " << Excerpt(d_.sentences[si].span);
        if (static_cast<size_t>(si) < t_.quoted.size() && t_.quoted[si] >= 0)
          out_ << "  (quoting " << Label(t_.quoted[si]) << ")";
        out_ << "\n";
      }
    }
  }
}

void TextReport::Mentions() {
  Head("mentions", s_.mentions);
  const std::vector<Mention>& mentions = t_.matches.mentions;
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (!s_.mentions[i]) continue;
    const Mention& m = mentions[i];
    out_ << "  " << Place(m.span) << " " << Where(m.span) << " " << Paint(m.text, "1;33")
         << "  " << EntityTypeName(m.type) << " -> " << Paint(Label(m.entity), "1;32") << "  ["
         << m.rule << "]";
    if (m.demonym) out_ << " demonym";
    if (m.given_name) out_ << " given-name";
    if (m.title.present) out_ << " title='" << m.title.text << "'";
    if (m.country.present) out_ << " country='" << m.country.text << "'";
    if (m.agency.present) out_ << " agency='" << m.agency.text << "'";
    out_ << "\n";
  }
}

void TextReport::Entities() {
  Head("entities", s_.entities);
  for (size_t e = 0; e < t_.entities.size(); ++e) {
    if (!s_.entities[e]) continue;
    const ResolvedEntity& entity = t_.entities[e];
    out_ << "  " << Paint(entity.label, "1;32") << "  " << EntityTypeName(entity.type) << ", "
         << entity.mentions << (entity.mentions == 1 ? " mention" : " mentions");
    std::vector<std::string> others;
    for (const std::string& form : entity.forms)
      if (form != entity.label) others.push_back(form);
    if (!others.empty()) out_ << ", also '" << Join(others, "', '") << "'";
    if (!entity.named) out_ << ", never named";
    out_ << "\n";
  }
}

void TextReport::Lost() {
  Head("candidates that lost", s_.lost);
  const std::vector<LostCandidate>& lost = t_.matches.lost;
  for (size_t i = 0; i < lost.size(); ++i) {
    if (!s_.lost[i]) continue;
    const LostCandidate& l = lost[i];
    out_ << "  " << Place(l.candidate.span) << " " << Where(l.candidate.span) << " "
         << l.candidate.text << "  " << EntityTypeName(l.candidate.type) << " ["
         << l.candidate.rule << "] lost to '" << CollapseSpaces(d_.Text(l.winner)) << "' ["
         << l.winner_rule << "]\n";
  }
}

void TextReport::Relations() {
  Head("relations", s_.relations);
  for (size_t i = 0; i < t_.relations.size(); ++i) {
    if (!s_.relations[i]) continue;
    const FoundRelation& r = t_.relations[i];
    out_ << "  " << Paint(Label(r.subject), "1;32") << " -" << r.predicate << "-> "
         << Paint(Label(r.object), "1;32") << "  [" << r.rule << "] " << Place(r.evidence)
         << " " << Where(r.evidence) << "\n      " << Excerpt(r.evidence) << "\n";
  }
}

// --- running and watching -----------------------------------------------------

// Runs explain once. *read receives every file the run read or tried to read
// (packs, includes, the input), whether or not it succeeded.
int RunOnce(const ExplainCommand& command, const char* argv0, bool watching,
            std::vector<std::string>* read) {
  RulePack pack;
  std::vector<std::string> packs;
  bool loaded = LoadPacksOrReport(command.rules, argv0, &pack, &packs);
  *read = packs;
  read->insert(read->end(), pack.files.begin(), pack.files.end());
  read->push_back(command.input);
  if (!loaded) return kExitFailure;

  if (!command.relation.empty() && !pack.predicates.count(command.relation)) {
    std::vector<std::string> known(pack.predicates.begin(), pack.predicates.end());
    std::string near = NearestName(command.relation, known);
    std::cerr << "kgrep: --relation: no relation '" << command.relation << "' in the pack"
              << (near.empty() ? " (it has " + Join(known, ", ") + ")"
                               : "; did you mean '" + near + "'?")
              << "\n";
    return kExitUsage;
  }

  if (!command.html.empty() && command.html != "-" && command.input != "-") {
    std::error_code ec;
    if (std::filesystem::equivalent(command.html, command.input, ec)) {
      std::cerr << "kgrep: output '" << command.html << "' is also the input\n";
      return kExitUsage;
    }
  }
  std::string text, error;
  if (!ReadInput(command.input, &text, &error)) {
    std::cerr << "kgrep: " << error << "\n";
    return kExitFailure;
  }
  Extraction extraction;
  Trace trace;
  Status s = ExtractDocument(pack, command.input, std::move(text), &extraction, &trace);
  if (!s.ok()) {
    std::cerr << "kgrep: " << s.message() << "\n";
    return kExitFailure;
  }

  ExplainFilter filter{command.entity, command.relation};
  if (command.html.empty()) {
    errno = 0;
    WriteExplainText(trace, filter, command.color, std::cout);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "kgrep: cannot write to standard output"
                << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
      std::cout.clear();
      return kExitFailure;
    }
    return kExitSuccess;
  }
  WriteResult w = WriteFileAtomically(command.html, [&](std::ostream& out) {
    WriteExplainHtml(trace, filter, out);
    return WriteResult::Ok();
  });
  if (!w.ok) {
    std::cerr << "kgrep: " << w.error << "\n";
    return kExitFailure;
  }
  if (watching && command.html != "-") {
    std::cout << "wrote " << command.html << ": " << trace.matches.mentions.size()
              << " mentions, " << trace.relations.size() << " relations\n";
    std::cout.flush();
  }
  return kExitSuccess;
}

// Set by the SIGINT/SIGTERM handler while watching. A signal handler can
// reach nothing but a global.
volatile std::sig_atomic_t g_stop_watching = 0;

extern "C" void StopWatching(int) { g_stop_watching = 1; }

// What tells us a file changed: whether it exists, its modification time
// and its size.
struct Stamp {
  bool exists = false;
  std::filesystem::file_time_type time;
  uintmax_t size = 0;

  bool operator==(const Stamp& o) const {
    return exists == o.exists && (!exists || (time == o.time && size == o.size));
  }
};

Stamp StampOf(const std::string& path) {
  std::error_code ec;
  Stamp s;
  auto time = std::filesystem::last_write_time(path, ec);
  if (ec) return s;
  s.exists = true;
  s.time = time;
  auto size = std::filesystem::file_size(path, ec);
  s.size = ec ? 0 : size;
  return s;
}

// Sleeps about `ms` milliseconds, less if a signal arrives.
void Nap(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, nullptr);
}

int Watch(const ExplainCommand& command, const char* argv0) {
  struct sigaction action = {};
  action.sa_handler = StopWatching;
  sigemptyset(&action.sa_mask);
  // The handler stays until the process exits: the signal can come twice
  // (`timeout` sends it to the process and then to its group, a user may
  // press Ctrl-C again), and a second one must not kill the process on its
  // way out of the loop.
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  std::map<std::string, Stamp> stamps;
  std::vector<std::string> read = command.rules;
  read.push_back(command.input);
  for (const std::string& path : read) stamps[path] = StampOf(path);
  std::string why;
  bool told = false;
  while (!g_stop_watching) {
    if (!why.empty()) std::cout << "== rerun: " << why << "\n" << std::flush;
    RunOnce(command, argv0, true, &read);
    for (const std::string& path : read)
      if (!stamps.count(path)) stamps[path] = StampOf(path);
    if (!told) std::cerr << "kgrep: watching " << stamps.size() << " files; Ctrl-C to stop\n";
    told = true;

    why.clear();
    while (why.empty() && !g_stop_watching) {
      Nap(300);
      std::vector<std::string> changed;
      for (auto& [path, stamp] : stamps) {
        Stamp now = StampOf(path);
        if (now == stamp) continue;
        changed.push_back(path + (!now.exists ? " removed" : !stamp.exists ? " appeared"
                                                                           : " changed"));
      }
      if (changed.empty()) continue;
      // Let a save in several steps finish before reading the files again.
      Nap(100);
      why = Join(changed, ", ");
      // Only the files of the next run are watched after it.
      stamps.clear();
      for (const std::string& path : read) stamps[path] = StampOf(path);
    }
  }
  std::cerr << "kgrep: stopped watching\n";
  return kExitSuccess;
}

}  // namespace

void WriteExplainText(const Trace& trace, const ExplainFilter& filter, bool color,
                      std::ostream& out) {
  TextReport(trace, filter, color, out).Write();
}

int RunExplain(const ExplainCommand& command, const char* argv0) {
  if (!command.watch) {
    std::vector<std::string> read;
    return RunOnce(command, argv0, false, &read);
  }
  if (command.input == "-") {
    std::cerr << "kgrep: --watch needs a document file, not standard input\n";
    return kExitUsage;
  }
  return Watch(command, argv0);
}

}  // namespace kgrep
