// The micro-benchmarks, registered at run time: one per stage and corpus
// document for extract/, one per assembly step and writer for graph/.

#ifndef KGREP_BENCH_MICRO_BENCHMARKS_H_
#define KGREP_BENCH_MICRO_BENCHMARKS_H_

#include "bench/micro/corpus.h"

namespace kgrep::bench {

// Segment, FindMentions, ResolveMentions, ExtractRelations and
// ExtractDocument on each document ("FindMentions/NAME"), and
// ExtractDocument over the whole corpus ("ExtractDocument/corpus").
// Bytes are the documents' bytes; items are documents.
// REQUIRES: `corpus` outlives the run of the benchmarks.
void RegisterExtractBenchmarks(const Corpus& corpus);

// KnowledgeGraph::Add and Finalize over the corpus's extractions `copies`
// times over (ReplicateExtractions), and each writer on that graph.
// Assembly counts the documents' bytes and documents; writers count the
// bytes they write.
// REQUIRES: `corpus` outlives the run of the benchmarks; copies >= 1.
void RegisterGraphBenchmarks(const Corpus& corpus, int copies);

}  // namespace kgrep::bench

#endif  // KGREP_BENCH_MICRO_BENCHMARKS_H_
