// The extraction pipeline for one document:
//   text -> SegmentDocument -> FindMentions -> ResolveMentions -> ExtractRelations
//        -> Extraction (entities with aliases, relations with evidence).
// ExtractDocuments runs it for a batch of documents, each matching stage over
// all of them at once. Start here; the other headers of extract/ are its
// stages.

#ifndef KGREP_EXTRACT_EXTRACTOR_H_
#define KGREP_EXTRACT_EXTRACTOR_H_

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/extraction.h"
#include "extract/matcher.h"
#include "extract/relation_extractor.h"
#include "extract/resolver.h"
#include "extract/rule_pack.h"
#include "extract/status.h"

namespace kgrep {

// Every intermediate result, for tools that show their work (explain).
struct Trace {
  Document document;
  MatchResult matches;
  std::vector<ResolvedEntity> entities;
  std::vector<FoundRelation> relations;
  std::vector<int> quoted;  // by sentence: who speaks its quotation (QuoteSpeakers), -1 none
};

// Extracts `text` (the contents of document `name`). Fails only on unusable
// input (invalid UTF-8, nothing to read). If `trace` is given it receives the
// intermediate results.
Status ExtractDocument(const RulePack& pack, const std::string& name, std::string text,
                       Extraction* out, Trace* trace = nullptr);

// One document of ExtractDocuments: its name and text, and what became of it.
struct ExtractionJob {
  std::string name;
  std::string text;       // consumed
  Extraction extraction;  // set when status is ok
  Status status;          // ExtractDocument's result
};

// ExtractDocument for every job, with the same results, faster for many
// small documents: their paragraphs are matched pattern by pattern together
// (ScanDocuments). Memory grows with the jobs' total size; a single job is
// extracted as ExtractDocument does it.
void ExtractDocuments(const RulePack& pack, const std::vector<ExtractionJob*>& jobs);

}  // namespace kgrep

#endif  // KGREP_EXTRACT_EXTRACTOR_H_
