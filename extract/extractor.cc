#include "extract/extractor.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/text.h"

namespace kgrep {

namespace {

// The relations of one document share their document name and, for
// relations found in the same sentence, their text.
class EvidenceMaker {
 public:
  explicit EvidenceMaker(const Document& doc) : doc_(doc), name_(doc.name) {}

  Evidence Make(Span span, const std::string& rule) {
    Evidence e;
    e.document = name_;
    e.begin = doc_.OriginalOffset(span.begin);
    e.end = span.end > span.begin ? doc_.OriginalOffset(span.end - 1) + 1 : e.begin;
    auto text = texts_.find({span.begin, span.end});
    if (text == texts_.end())
      text = texts_.emplace(std::make_pair(span.begin, span.end),
                            SharedText(CollapseSpaces(doc_.Text(span)))).first;
    e.text = text->second;
    e.rule = rule;
    return e;
  }

 private:
  const Document& doc_;
  SharedText name_;
  std::map<std::pair<size_t, size_t>, SharedText> texts_;
};

// The extraction of document `name` from the stages' results in `t`.
void Build(const RulePack& pack, const std::string& name, const Trace& t, Extraction* out);

}  // namespace

Status ExtractDocument(const RulePack& pack, const std::string& name, std::string text,
                       Extraction* out, Trace* trace) {
  Trace local;
  Trace& t = trace ? *trace : local;
  Status s = SegmentDocument(pack, name, std::move(text), &t.document);
  if (!s.ok()) return s;
  t.matches = FindMentions(pack, t.document, nullptr, trace ? Losers::kKeep : Losers::kDrop);
  t.entities = ResolveMentions(pack, t.document, &t.matches);
  t.relations = ExtractRelations(pack, t.document, t.matches, &t.entities);
  if (trace) t.quoted = QuoteSpeakers(pack, t.document, t.matches);
  Build(pack, name, t, out);
  return Status::Ok();
}

void ExtractDocuments(const RulePack& pack, const std::vector<ExtractionJob*>& jobs) {
  if (jobs.size() == 1) {
    ExtractionJob& job = *jobs[0];
    job.status = ExtractDocument(pack, job.name, std::move(job.text), &job.extraction);
    return;
  }
  std::vector<Trace> traces(jobs.size());
  std::vector<const Document*> docs;
  std::vector<size_t> segmented;
  for (size_t i = 0; i < jobs.size(); ++i) {
    ExtractionJob& job = *jobs[i];
    job.status = SegmentDocument(pack, job.name, std::move(job.text), &traces[i].document);
    if (!job.status.ok()) continue;
    docs.push_back(&traces[i].document);
    segmented.push_back(i);
  }
  // Each stage that matches patterns runs over all the documents at once.
  std::vector<DocumentScan> scans;
  ScanDocuments(pack, docs, &scans);
  std::vector<std::vector<RelationUnit>> units(segmented.size());
  std::vector<std::vector<RelationUnit>*> unit_lists;
  for (size_t k = 0; k < segmented.size(); ++k) {
    Trace& t = traces[segmented[k]];
    t.matches = FindMentions(pack, t.document, &scans[k], Losers::kDrop);
    scans[k] = DocumentScan();
    // Nothing reads the text as given after this (offsets go through
    // Document::to_original): a batch need not hold it.
    t.document.original = std::string();
    t.entities = ResolveMentions(pack, t.document, &t.matches);
    units[k] = MakeRelationUnits(pack, t.document, t.matches);
    unit_lists.push_back(&units[k]);
  }
  ScanRelationUnits(pack, unit_lists);
  for (size_t k = 0; k < segmented.size(); ++k) {
    size_t i = segmented[k];
    Trace& t = traces[i];
    t.relations = ExtractRelations(pack, t.document, t.matches, &t.entities, &units[k]);
    Build(pack, jobs[i]->name, t, &jobs[i]->extraction);
    units[k] = std::vector<RelationUnit>();
    t = Trace();
  }
}

namespace {

// The merge key of a person's folded name: its first word in the formal
// form, when the pack's nicknames give exactly one ("joe biden" is "joseph
// biden"), so that documents naming someone either way make one node.
std::string PersonKey(const RulePack& pack, const std::string& folded) {
  const size_t space = folded.find(' ');
  if (space == std::string::npos) return folded;
  auto it = pack.nicknames.find(folded.substr(0, space));
  if (it == pack.nicknames.end()) return folded;
  const std::set<std::string> formal(it->second.begin(), it->second.end());
  if (formal.size() != 1) return folded;
  return *formal.begin() + folded.substr(space);
}

void Build(const RulePack& pack, const std::string& name, const Trace& t, Extraction* out) {
  // An entity becomes a node if the text names it, or if a relation needs it
  // (a country known only from "Mexican ambassador").
  std::vector<bool> keep(t.entities.size(), false);
  for (size_t i = 0; i < t.entities.size(); ++i) keep[i] = t.entities[i].named;
  for (const auto& r : t.relations) keep[r.subject] = keep[r.object] = true;

  *out = Extraction();
  out->document = name;
  std::vector<size_t> index(t.entities.size(), 0);
  for (size_t i = 0; i < t.entities.size(); ++i) {
    if (!keep[i]) continue;
    const ResolvedEntity& r = t.entities[i];
    Entity e;
    e.label = r.label;
    e.type = r.type;
    for (const auto& f : r.forms)
      if (f != r.label) e.aliases.push_back(f);
    e.mentions = r.mentions;
    e.apart = r.apart;
    const std::string folded = Fold(r.label);
    e.key = !r.state_key.empty()
                ? r.state_key
                : std::string(EntityTypeName(r.type)) + ":" +
                      (r.type == EntityType::kPerson ? PersonKey(pack, folded) : folded);
    index[i] = out->entities.size();
    out->entities.push_back(std::move(e));
  }
  EvidenceMaker evidence(t.document);
  for (const auto& r : t.relations) {
    Relation rel;
    rel.subject = index[r.subject];
    rel.object = index[r.object];
    rel.predicate = r.predicate;
    rel.evidence = evidence.Make(r.evidence, r.rule);
    out->relations.push_back(std::move(rel));
  }
}

}  // namespace

}  // namespace kgrep
