#include "cli/explain_command.h"

#include <iostream>

#include "cli/exit_status.h"
#include "cli/input.h"
#include "cli/pack_loading.h"
#include "extract/extractor.h"
#include "extract/text.h"

namespace kgrep {

namespace {

class Printer {
 public:
  Printer(const Trace& t, const ExplainCommand& c) : t_(t), c_(c) {}
  void Run();

 private:
  std::string Paint(const std::string& text, const char* code) const {
    return c_.color ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
  std::string Label(int entity) const {
    return entity >= 0 ? t_.entities[entity].label : std::string("?");
  }
  bool Wanted(int entity) const {
    return c_.entity.empty() ||
           (entity >= 0 && Fold(t_.entities[entity].label).find(Fold(c_.entity)) !=
                               std::string::npos);
  }
  std::string Where(Span span) const {
    const Document& d = t_.document;
    return std::to_string(d.OriginalOffset(span.begin)) + "-" +
           std::to_string(span.end > span.begin ? d.OriginalOffset(span.end - 1) + 1
                                                : d.OriginalOffset(span.begin));
  }

  const Trace& t_;
  const ExplainCommand& c_;
};

void Printer::Run() {
  const Document& d = t_.document;
  std::vector<int> speakers = TurnSpeakers(d, t_.matches);
  if (c_.entity.empty() && c_.relation.empty()) {
    std::cout << Paint("== document", "1") << " " << d.name << ": " << d.turns.size()
              << " turns, " << d.paragraphs.size() << " paragraphs, " << d.sentences.size()
              << " sentences\n";
    for (size_t ti = 0; ti < d.turns.size(); ++ti) {
      const Turn& turn = d.turns[ti];
      if (turn.paragraphs.empty()) continue;
      std::string who = !turn.has_speaker ? "(no speaker)"
                        : turn.anonymous ? CollapseSpaces(d.Text(turn.label)) + " (anonymous)"
                                         : CollapseSpaces(d.Text(turn.label)) + " = " +
                                               Label(speakers[ti]);
      std::cout << Paint("turn " + std::to_string(ti), "1;36") << " " << who << "\n";
      for (int pi : turn.paragraphs) {
        for (int si : d.paragraphs[pi].sentences) {
          const Sentence& s = d.sentences[si];
          std::cout << "  [" << si << "] " << CollapseSpaces(d.Text(s.span)) << "\n";
        }
      }
    }
  }
  if (c_.relation.empty()) {
    std::cout << Paint("== mentions", "1") << "\n";
    for (const Mention& m : t_.matches.mentions) {
      if (!Wanted(m.entity)) continue;
      std::cout << "  " << Where(m.span) << " " << Paint(m.text, "1;33") << "  "
                << EntityTypeName(m.type) << " -> " << Label(m.entity) << "  ["
                << m.rule << "]";
      if (m.demonym) std::cout << " demonym";
      if (m.title.present) std::cout << " title='" << m.title.text << "'";
      if (m.country.present) std::cout << " country='" << m.country.text << "'";
      if (m.agency.present) std::cout << " agency='" << m.agency.text << "'";
      std::cout << "\n";
    }
    if (c_.entity.empty()) {
      std::cout << Paint("== candidates that lost", "1") << "\n";
      for (const LostCandidate& l : t_.matches.lost) {
        std::cout << "  " << Where(l.candidate.span) << " " << l.candidate.text << "  "
                  << EntityTypeName(l.candidate.type) << " [" << l.candidate.rule
                  << "] lost to '" << CollapseSpaces(d.Text(l.winner)) << "' ["
                  << l.winner_rule << "]\n";
      }
    }
  }
  std::cout << Paint("== relations", "1") << "\n";
  for (const FoundRelation& r : t_.relations) {
    if (!c_.relation.empty() && r.predicate != c_.relation) continue;
    if (!c_.entity.empty() && !Wanted(r.subject) && !Wanted(r.object)) continue;
    std::cout << "  " << Paint(Label(r.subject), "1;32") << " -" << r.predicate << "-> "
              << Paint(Label(r.object), "1;32") << "  [" << r.rule << "] " << Where(r.evidence)
              << "\n      " << CollapseSpaces(d.Text(r.evidence)) << "\n";
  }
}

}  // namespace

int RunExplain(const ExplainCommand& command, const char* argv0) {
  RulePack pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;
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
  Printer(trace, command).Run();
  return kExitSuccess;
}

}  // namespace kgrep
