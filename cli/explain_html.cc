#include "cli/explain_html.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "extract/text.h"
#include "graph/graphml_writer.h"
#include "graph/knowledge_graph.h"

namespace kgrep {

// XML escaping is HTML escaping too (&apos; and character references are
// HTML5), and it drops control characters and invalid UTF-8.
std::string EscapeHtml(std::string_view text) { return EscapeXml(text); }

namespace {

constexpr char kStyle[] = R"(
body { font: 15px/1.5 system-ui, sans-serif; color: #222; margin: 0 auto; max-width: 70em;
       padding: 1em 2em 4em; }
h1 { font-size: 1.4em; margin-bottom: .2em; }
h1 .doc { font-family: ui-monospace, monospace; font-weight: normal; }
h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; margin-top: 2em; }
.summary, .filter { margin: .2em 0; color: #555; }
.legend { list-style: none; padding: 0; margin: .6em 0; display: flex; gap: 1.2em; flex-wrap: wrap; }
.chip { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
        vertical-align: -.1em; margin-right: .3em; border: 1px solid #0003; }
.turn { border-left: 4px solid #ccd; padding: .1em 0 .1em .9em; margin: .9em 0; }
.turn.anonymous { border-left-color: #eee; }
.speaker { font-size: .85em; color: #446; font-weight: 600; }
.speaker .who { font-weight: normal; color: #666; }
.turn p { margin: .3em 0; white-space: pre-wrap; }
.s { border-radius: 3px; }
.s.dim { opacity: .45; }
.s.evidence { background: #fff3a0; }
.sn { font-size: .65em; color: #889; vertical-align: super; margin: 0 .15em; }
mark { color: #000; border-radius: 3px; padding: 0 .1em; cursor: pointer; }
mark.won { box-shadow: inset 0 -2px 0 #0006; }
mark.focus, tr.focus { outline: 2px solid #333; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { text-align: left; vertical-align: top; padding: .25em .6em; border-bottom: 1px solid #e4e4e4; }
th { background: #f4f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rule { font-family: ui-monospace, monospace; font-size: .9em; color: #555; white-space: nowrap; }
.none { color: #888; font-style: italic; }
a { color: #25a; }
)";

// Marks the mentions of an entity when one of them, or its row, is clicked;
// marks a relation's evidence while the pointer is on its row.
constexpr char kScript[] = R"(
document.addEventListener('click', function (ev) {
  var el = ev.target.closest('[data-e]');
  document.querySelectorAll('.focus').forEach(function (x) { x.classList.remove('focus'); });
  if (!el) return;
  document.querySelectorAll('[data-e="' + el.dataset.e + '"]').forEach(function (x) {
    x.classList.add('focus');
  });
});
document.querySelectorAll('tr[data-s]').forEach(function (row) {
  var ids = row.dataset.s.split(' ');
  function mark(on) {
    ids.forEach(function (id) {
      var s = document.getElementById('s' + id);
      if (s) s.classList.toggle('evidence', on);
    });
  }
  row.addEventListener('mouseenter', function () { mark(true); });
  row.addEventListener('mouseleave', function () { mark(false); });
});
)";

// "1 turn", "2 turns".
std::string Count(size_t n, const std::string& one, const std::string& many = "") {
  return std::to_string(n) + " " + (n == 1 ? one : many.empty() ? one + "s" : many);
}

class HtmlPage {
 public:
  HtmlPage(const Trace& t, const ExplainFilter& f, std::ostream& out)
      : t_(t), d_(t.document), f_(f), out_(out), s_(SelectExplained(t, f)) {
    // The lost candidates each mention beat, for its tooltip.
    beaten_.resize(t.matches.mentions.size());
    for (const LostCandidate& l : t.matches.lost)
      for (size_t m = 0; m < t.matches.mentions.size(); ++m)
        if (t.matches.mentions[m].span.begin == l.winner.begin &&
            t.matches.mentions[m].span.end == l.winner.end)
          beaten_[m].push_back(&l);
  }
  void Write();

 private:
  void Header();
  void DocumentText();
  // Writes the text of [begin, end) with the mentions for which show(index)
  // holds as marks, cut at the ends of the range so that marks nest.
  void Range(size_t begin, size_t end, const std::function<bool(size_t)>& show);
  void Evidence(const FoundRelation& r);
  void Entities();
  void Relations();
  void Mentions();
  void Lost();

  void Heading(const char* id, const char* title, const std::vector<bool>& selected) {
    out_ << "<section id=\"" << id << "\">\n<h2>" << title << " ("
         << ExplainSelection::Count(selected);
    if (f_.narrows()) out_ << " of " << selected.size();
    out_ << ")</h2>\n";
  }
  void EndTable(const std::vector<bool>& selected, int columns) {
    if (ExplainSelection::Count(selected) == 0)
      out_ << "<tr><td colspan=\"" << columns << "\" class=\"none\">none</td></tr>\n";
    out_ << "</tbody>\n</table>\n</section>\n";
  }
  std::string Label(int entity) const { return EntityLabel(t_, entity); }
  std::string Where(Span span) const { return OriginalRange(d_, span); }
  // The sentences `span` overlaps.
  std::vector<int> SentencesOf(Span span) const {
    int first, last;
    SentencesOverlapping(d_, span, &first, &last);
    std::vector<int> found;
    for (int k = first; k < last; ++k) found.push_back(k);
    return found;
  }
  // A link to the first sentence `span` overlaps ("turn N" for a speaker label).
  std::string PlaceLink(Span span) const {
    std::vector<int> s = SentencesOf(span);
    if (s.empty()) {
      int turn = TurnOfLabel(d_, span);
      return turn < 0 ? std::string("&#8211;")
                      : "<a href=\"#t" + std::to_string(turn) + "\">turn " +
                            std::to_string(turn) + "</a>";
    }
    std::string text = std::to_string(s.front());
    if (s.size() > 1) text += "&#8211;" + std::to_string(s.back());
    return "<a href=\"#s" + std::to_string(s.front()) + "\">" + text + "</a>";
  }
  std::string Attributes(const Mention& m) const {
    std::vector<std::string> parts;
    if (m.demonym) parts.push_back("demonym");
    if (m.given_name) parts.push_back("given name");
    if (m.title.present) parts.push_back("title: " + m.title.text);
    if (m.country.present) parts.push_back("country: " + m.country.text);
    if (m.agency.present) parts.push_back("agency: " + m.agency.text);
    return Join(parts, "; ");
  }
  std::string Chip(EntityType type) const {
    return "<span class=\"chip\" style=\"background:" + std::string(EntityTypeColor(type)) +
           "\"></span>";
  }

  const Trace& t_;
  const Document& d_;
  const ExplainFilter& f_;
  std::ostream& out_;
  ExplainSelection s_;
  std::vector<std::vector<const LostCandidate*>> beaten_;  // by mention index
};

void HtmlPage::Write() {
  out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
       << "<title>kgrep explain: " << EscapeHtml(d_.name) << "</title>\n<style>" << kStyle;
  for (int i = 0; i < kEntityTypeCount; ++i)
    out_ << "mark.t" << i << " { background: " << EntityTypeColor(static_cast<EntityType>(i))
         << "; }\n";
  out_ << "</style>\n</head>\n<body>\n";
  Header();
  out_ << "<main>\n";
  DocumentText();
  Entities();
  Relations();
  Mentions();
  Lost();
  out_ << "</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

void HtmlPage::Header() {
  out_ << "<header>\n<h1>kgrep explain <span class=\"doc\">" << EscapeHtml(d_.name)
       << "</span></h1>\n<p class=\"summary\">" << Count(d_.turns.size(), "turn") << ", "
       << Count(d_.paragraphs.size(), "paragraph") << ", "
       << Count(d_.sentences.size(), "sentence") << "; "
       << Count(t_.matches.mentions.size(), "mention") << " of "
       << Count(t_.entities.size(), "entity", "entities") << "; "
       << Count(t_.relations.size(), "relation") << "; "
       << Count(t_.matches.lost.size(), "candidate") << " lost to the overlap policy. "
       << "Point at a mention for its details; click one to mark its entity.</p>\n";
  if (f_.narrows()) {
    out_ << "<p class=\"filter\">Narrowed to";
    if (!f_.entity.empty()) out_ << " entities matching &#8216;" << EscapeHtml(f_.entity) << "&#8217;";
    if (!f_.entity.empty() && !f_.relation.empty()) out_ << " and";
    if (!f_.relation.empty())
      out_ << " relations &#8216;" << EscapeHtml(f_.relation) << "&#8217;";
    out_ << ": other mentions are not highlighted and other sentences are dimmed.</p>\n";
  }
  out_ << "<ul class=\"legend\">\n";
  for (int i = 0; i < kEntityTypeCount; ++i) {
    EntityType type = static_cast<EntityType>(i);
    out_ << "<li>" << Chip(type) << EntityTypeName(type) << "</li>\n";
  }
  out_ << "</ul>\n</header>\n";
}

void HtmlPage::DocumentText() {
  std::vector<int> speakers = TurnSpeakers(d_, t_.matches);
  auto selected = [this](size_t i) { return static_cast<bool>(s_.mentions[i]); };
  out_ << "<section id=\"document\">\n<h2>Document</h2>\n";
  for (size_t ti = 0; ti < d_.turns.size(); ++ti) {
    const Turn& turn = d_.turns[ti];
    if (turn.paragraphs.empty()) continue;
    out_ << "<div class=\"turn" << (turn.has_speaker && !turn.anonymous ? "" : " anonymous")
         << "\" id=\"t" << ti << "\">\n<div class=\"speaker\">turn " << ti << " &#183; ";
    if (!turn.has_speaker && speakers[ti] >= 0) {
      out_ << "byline <span class=\"who\">= " << EscapeHtml(Label(speakers[ti])) << "</span>";
    } else if (!turn.has_speaker) {
      out_ << "<span class=\"who\">no speaker</span>";
    } else {
      out_ << EscapeHtml(CollapseSpaces(d_.Text(turn.label)));
      if (turn.anonymous)
        out_ << " <span class=\"who\">(anonymous)</span>";
      else
        out_ << " <span class=\"who\">= " << EscapeHtml(Label(speakers[ti])) << "</span>";
    }
    out_ << "</div>\n";
    for (int pi : turn.paragraphs) {
      const Paragraph& p = d_.paragraphs[pi];
      out_ << "<p>";
      size_t pos = p.span.begin;
      for (int si : p.sentences) {
        const Sentence& s = d_.sentences[si];
        Range(pos, s.span.begin, selected);
        out_ << "<span class=\"s" << (s_.sentences[si] ? "" : " dim") << "\" id=\"s" << si
             << "\"><span class=\"sn\">" << si << "</span>";
        Range(s.span.begin, s.span.end, selected);
        out_ << "</span>";
        pos = s.span.end;
      }
      Range(pos, p.span.end, selected);
      out_ << "</p>\n";
    }
    out_ << "</div>\n";
  }
  out_ << "</section>\n";
}

void HtmlPage::Range(size_t begin, size_t end, const std::function<bool(size_t)>& show) {
  if (end <= begin) return;
  const std::vector<Mention>& mentions = t_.matches.mentions;
  size_t pos = begin;
  for (size_t i = FirstMentionEndingAfter(t_.matches, begin);
       i < mentions.size() && mentions[i].span.begin < end; ++i) {
    const Mention& m = mentions[i];
    if (m.span.end <= pos || !show(i)) continue;
    if (m.span.begin < pos && pos != begin) continue;  // overlaps one already written
    size_t from = std::max(m.span.begin, pos), to = std::min(m.span.end, end);
    out_ << EscapeHtml(d_.Text(Span{pos, from}));
    std::string title = std::string(EntityTypeName(m.type)) + " \xe2\x86\x92 " +
                        Label(m.entity) + "\nrule: " + m.rule;
    std::string attributes = Attributes(m);
    if (!attributes.empty()) title += "\n" + attributes;
    title += "\n";
    title += m.sentence >= 0 ? "sentence " + std::to_string(m.sentence) : std::string("speaker label");
    title += ", bytes " + Where(m.span);
    for (const LostCandidate* l : beaten_[i])
      title += "\nbeat: " + l->candidate.text + " (" +
               std::string(EntityTypeName(l->candidate.type)) + ", " + l->candidate.rule + ")";
    out_ << "<mark class=\"t" << static_cast<int>(m.type) << (beaten_[i].empty() ? "" : " won")
         << "\" data-e=\"" << m.entity << "\" title=\"" << EscapeHtml(title) << "\">"
         << EscapeHtml(d_.Text(Span{from, to})) << "</mark>";
    pos = to;
  }
  out_ << EscapeHtml(d_.Text(Span{pos, end}));
}

// The evidence with the subject and the object marked. Long evidence is cut
// to a window around the object (the whole text is its title).
void HtmlPage::Evidence(const FoundRelation& r) {
  const std::vector<Mention>& mentions = t_.matches.mentions;
  auto party = [&](size_t i) {
    int e = mentions[i].entity;
    return e >= 0 && (e == r.subject || e == r.object);
  };
  constexpr size_t kLong = 320, kAround = 120;
  Span e = r.evidence;
  if (e.size() <= kLong) return Range(e.begin, e.end, party);
  size_t focus = e.begin;
  for (size_t i = FirstMentionEndingAfter(t_.matches, e.begin);
       i < mentions.size() && mentions[i].span.begin < e.end; ++i) {
    const Mention& m = mentions[i];
    if (m.span.begin < e.begin || m.span.end > e.end || m.entity < 0) continue;
    if (m.entity == r.object) { focus = m.span.begin; break; }
    if (m.entity == r.subject && focus == e.begin) focus = m.span.begin;
  }
  // Cut at spaces, which are never inside a UTF-8 sequence.
  const std::string& text = d_.clean;
  size_t from = focus > e.begin + kAround ? focus - kAround : e.begin;
  size_t to = std::min(e.end, focus + kAround);
  while (from > e.begin && text[from - 1] != ' ') --from;
  while (to < e.end && text[to] != ' ') ++to;
  out_ << "<span title=\"" << EscapeHtml(CollapseSpaces(d_.Text(e))) << "\">"
       << (from > e.begin ? "&#8230; " : "");
  Range(from, to, party);
  out_ << (to < e.end ? " &#8230;" : "") << "</span>";
}

void HtmlPage::Entities() {
  Heading("entities", "Entities", s_.entities);
  out_ << "<table>\n<thead><tr><th>Type</th><th>Entity</th><th>Mentions</th>"
       << "<th>Also written</th></tr></thead>\n<tbody>\n";
  for (size_t e = 0; e < t_.entities.size(); ++e) {
    if (!s_.entities[e]) continue;
    const ResolvedEntity& entity = t_.entities[e];
    std::vector<std::string> others;
    for (const std::string& form : entity.forms)
      if (form != entity.label) others.push_back(form);
    out_ << "<tr data-e=\"" << e << "\"><td>" << Chip(entity.type)
         << EntityTypeName(entity.type) << "</td><td>" << EscapeHtml(entity.label)
         << (entity.named ? "" : " <span class=\"none\">(never named)</span>")
         << "</td><td class=\"num\">" << entity.mentions << "</td><td>"
         << EscapeHtml(Join(others, ", ")) << "</td></tr>\n";
  }
  EndTable(s_.entities, 4);
}

void HtmlPage::Relations() {
  Heading("relations", "Relations", s_.relations);
  out_ << "<table>\n<thead><tr><th>Subject</th><th>Relation</th><th>Object</th><th>Rule</th>"
       << "<th>Sentence</th><th>Evidence</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < t_.relations.size(); ++i) {
    if (!s_.relations[i]) continue;
    const FoundRelation& r = t_.relations[i];
    std::vector<std::string> ids;
    for (int s : SentencesOf(r.evidence)) ids.push_back(std::to_string(s));
    out_ << "<tr data-s=\"" << Join(ids, " ") << "\"><td>" << EscapeHtml(Label(r.subject))
         << "</td><td>" << EscapeHtml(r.predicate) << "</td><td>" << EscapeHtml(Label(r.object))
         << "</td><td class=\"rule\">" << EscapeHtml(r.rule) << "</td><td class=\"num\">"
         << PlaceLink(r.evidence) << "</td><td>";
    Evidence(r);
    out_ << "</td></tr>\n";
  }
  EndTable(s_.relations, 6);
}

void HtmlPage::Mentions() {
  Heading("mentions", "Mentions", s_.mentions);
  out_ << "<table>\n<thead><tr><th>Sentence</th><th>Bytes</th><th>Text</th><th>Type</th>"
       << "<th>Entity</th><th>Rule</th><th>Attributes</th></tr></thead>\n<tbody>\n";
  const std::vector<Mention>& mentions = t_.matches.mentions;
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (!s_.mentions[i]) continue;
    const Mention& m = mentions[i];
    out_ << "<tr data-e=\"" << m.entity << "\"><td class=\"num\">" << PlaceLink(m.span)
         << "</td><td class=\"num\">" << Where(m.span) << "</td><td>" << EscapeHtml(m.text)
         << "</td><td>" << Chip(m.type) << EntityTypeName(m.type) << "</td><td>"
         << EscapeHtml(Label(m.entity)) << "</td><td class=\"rule\">" << EscapeHtml(m.rule)
         << "</td><td>" << EscapeHtml(Attributes(m)) << "</td></tr>\n";
  }
  EndTable(s_.mentions, 7);
}

void HtmlPage::Lost() {
  Heading("lost", "Candidates that lost to the overlap policy", s_.lost);
  out_ << "<table>\n<thead><tr><th>Sentence</th><th>Candidate</th><th>Type</th><th>Rule</th>"
       << "<th>Lost to</th><th>Winning rule</th></tr></thead>\n<tbody>\n";
  const std::vector<LostCandidate>& lost = t_.matches.lost;
  for (size_t i = 0; i < lost.size(); ++i) {
    if (!s_.lost[i]) continue;
    const LostCandidate& l = lost[i];
    out_ << "<tr><td class=\"num\">" << PlaceLink(l.candidate.span) << "</td><td>"
         << EscapeHtml(l.candidate.text) << "</td><td>" << Chip(l.candidate.type)
         << EntityTypeName(l.candidate.type) << "</td><td class=\"rule\">"
         << EscapeHtml(l.candidate.rule) << "</td><td>"
         << EscapeHtml(CollapseSpaces(d_.Text(l.winner))) << "</td><td class=\"rule\">"
         << EscapeHtml(l.winner_rule) << "</td></tr>\n";
  }
  EndTable(s_.lost, 6);
}

}  // namespace

void WriteExplainHtml(const Trace& trace, const ExplainFilter& filter, std::ostream& out) {
  HtmlPage(trace, filter, out).Write();
}

}  // namespace kgrep
