// The stages of extract/ on each document of the corpus. Each benchmark
// prepares the input of its stage untimed, so that a stage's time is its own.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench/micro/benchmarks.h"
#include "extract/document.h"
#include "extract/extractor.h"
#include "extract/matcher.h"
#include "extract/relation_extractor.h"
#include "extract/resolver.h"

namespace kgrep::bench {

namespace {

// The document's bytes and one document per iteration: MB/s and
// documents/s of the stage, comparable across stages.
void CountDocument(benchmark::State& state, const CorpusDocument& doc) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// Cleaning and segmentation. The copy of the text is timed with it: the
// caller hands SegmentDocument a string of its own.
void Segment(benchmark::State& state, const Corpus& corpus, const CorpusDocument& doc) {
  for (auto _ : state) {
    Document d;
    Status s = SegmentDocument(corpus.pack, doc.name, doc.text, &d);
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
    benchmark::DoNotOptimize(d.sentences.data());
  }
  CountDocument(state, doc);
}

void Segmented(const Corpus& corpus, const CorpusDocument& doc, Document* d) {
  // LoadCorpus extracted every document, so segmentation succeeds.
  SegmentDocument(corpus.pack, doc.name, doc.text, d);
}

void Match(benchmark::State& state, const Corpus& corpus, const CorpusDocument& doc) {
  Document d;
  Segmented(corpus, doc, &d);
  for (auto _ : state) {
    MatchResult m = FindMentions(corpus.pack, d);
    benchmark::DoNotOptimize(m.mentions.data());
  }
  CountDocument(state, doc);
}

// ResolveMentions changes the mentions it is given, so each iteration gets a
// fresh copy, made with the timer paused.
void Resolve(benchmark::State& state, const Corpus& corpus, const CorpusDocument& doc) {
  Document d;
  Segmented(corpus, doc, &d);
  const MatchResult found = FindMentions(corpus.pack, d);
  for (auto _ : state) {
    state.PauseTiming();
    MatchResult m = found;
    state.ResumeTiming();
    std::vector<ResolvedEntity> entities = ResolveMentions(corpus.pack, d, &m);
    benchmark::DoNotOptimize(entities.data());
  }
  CountDocument(state, doc);
}

// ExtractRelations may add entities, so each iteration gets a fresh copy of
// the resolved entities, made with the timer paused.
void Relate(benchmark::State& state, const Corpus& corpus, const CorpusDocument& doc) {
  Document d;
  Segmented(corpus, doc, &d);
  MatchResult m = FindMentions(corpus.pack, d);
  const std::vector<ResolvedEntity> resolved = ResolveMentions(corpus.pack, d, &m);
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<ResolvedEntity> entities = resolved;
    state.ResumeTiming();
    std::vector<FoundRelation> relations = ExtractRelations(corpus.pack, d, m, &entities);
    benchmark::DoNotOptimize(relations.data());
  }
  CountDocument(state, doc);
}

// The whole pipeline, as `kgrep extract` runs it on one document.
void Extract(benchmark::State& state, const Corpus& corpus, const CorpusDocument& doc) {
  for (auto _ : state) {
    Extraction x;
    Status s = ExtractDocument(corpus.pack, doc.name, doc.text, &x);
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
    benchmark::DoNotOptimize(x.relations.data());
  }
  CountDocument(state, doc);
}

// The whole pipeline on every document of the corpus, one after the other.
void ExtractCorpus(benchmark::State& state, const Corpus& corpus) {
  for (auto _ : state) {
    for (const CorpusDocument& doc : corpus.documents) {
      Extraction x;
      ExtractDocument(corpus.pack, doc.name, doc.text, &x);
      benchmark::DoNotOptimize(x.relations.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.documents.size()));
}

// "us-mexico-security-dialogue-2021.txt" -> "us-mexico-security-dialogue-2021"
std::string Stem(const std::string& name) {
  return name.size() > 4 && name.ends_with(".txt") ? name.substr(0, name.size() - 4) : name;
}

}  // namespace

void RegisterExtractBenchmarks(const Corpus& corpus) {
  using Stage = void (*)(benchmark::State&, const Corpus&, const CorpusDocument&);
  const struct {
    const char* name;
    Stage run;
  } stages[] = {
      {"Segment", Segment},
      {"FindMentions", Match},
      {"ResolveMentions", Resolve},
      {"ExtractRelations", Relate},
      {"ExtractDocument", Extract},
  };
  for (const auto& stage : stages) {
    for (const CorpusDocument& doc : corpus.documents) {
      std::string name = std::string(stage.name) + "/" + Stem(doc.name);
      benchmark::RegisterBenchmark(name.c_str(),
                                   [&corpus, &doc, run = stage.run](benchmark::State& state) {
                                     run(state, corpus, doc);
                                   })
          ->Unit(benchmark::kMicrosecond);
    }
  }
  benchmark::RegisterBenchmark("ExtractDocument/corpus",
                               [&corpus](benchmark::State& state) { ExtractCorpus(state, corpus); })
      ->Unit(benchmark::kMillisecond);
}

}  // namespace kgrep::bench
