// graph/: assembling the corpus's extractions into a KnowledgeGraph, and
// each writer on the result. The corpus is taken several times over
// (ReplicateExtractions) so that the graph has thousands of edges.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "bench/micro/benchmarks.h"
#include "graph/analytics.h"
#include "graph/dot_writer.h"
#include "graph/fragment.h"
#include "graph/gexf_writer.h"
#include "graph/graphml_writer.h"
#include "graph/json_writer.h"
#include "graph/knowledge_graph.h"
#include "graph/neo4j_writer.h"

namespace kgrep::bench {

namespace {

// The replicated extractions and their finalized graph, made on first use so
// that a run filtered to other benchmarks does not pay for them.
struct GraphInput {
  const Corpus* corpus = nullptr;
  int copies = 1;
  std::vector<Extraction> extractions;
  std::unique_ptr<KnowledgeGraph> graph;

  const std::vector<Extraction>& Extractions() {
    if (extractions.empty()) extractions = ReplicateExtractions(*corpus, copies);
    return extractions;
  }
  const KnowledgeGraph& Graph() {
    if (!graph) {
      graph = std::make_unique<KnowledgeGraph>();
      for (const Extraction& x : Extractions()) graph->Add(x);
      graph->Finalize();
    }
    return *graph;
  }
  size_t bytes() const { return corpus->bytes * copies; }
};

void CountGraph(benchmark::State& state, const KnowledgeGraph& g) {
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
  state.counters["edges"] = static_cast<double>(g.num_edges());
}

// Assembly is counted in the documents it takes in: their bytes and number.
void CountDocuments(benchmark::State& state, GraphInput& input) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.bytes()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * input.Extractions().size()));
  CountGraph(state, input.Graph());
}

// KnowledgeGraph::Add of every extraction into an empty graph. Freeing the
// graph is not timed.
void GraphAdd(benchmark::State& state, GraphInput& input) {
  const std::vector<Extraction>& extractions = input.Extractions();
  for (auto _ : state) {
    auto g = std::make_unique<KnowledgeGraph>();
    for (const Extraction& x : extractions) g->Add(x);
    benchmark::DoNotOptimize(g->num_edges());
    state.PauseTiming();
    g.reset();
    state.ResumeTiming();
  }
  CountDocuments(state, input);
}

// KnowledgeGraph::Finalize (order and analytics) of the assembled graph, on
// `threads` threads.
void GraphFinalize(benchmark::State& state, GraphInput& input, size_t threads) {
  const std::vector<Extraction>& extractions = input.Extractions();
  for (auto _ : state) {
    state.PauseTiming();
    auto g = std::make_unique<KnowledgeGraph>();
    for (const Extraction& x : extractions) g->Add(x);
    state.ResumeTiming();
    g->Finalize(threads);
    benchmark::ClobberMemory();
    state.PauseTiming();
    g.reset();
    state.ResumeTiming();
  }
  CountDocuments(state, input);
}

using Writer = std::function<WriteResult(const KnowledgeGraph&, std::ostream&)>;

// A writer on the finalized graph, counted in the bytes it writes.
void Write(benchmark::State& state, GraphInput& input, const Writer& write) {
  const KnowledgeGraph& g = input.Graph();
  size_t bytes = 0;
  for (auto _ : state) {
    DiscardingBuffer buffer;
    std::ostream out(&buffer);
    WriteResult result = write(g, out);
    if (!result.ok) {
      state.SkipWithError(result.error.c_str());
      break;
    }
    bytes = buffer.bytes();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["output_bytes"] = static_cast<double>(bytes);
  CountGraph(state, g);
}

// The map step's output: one fragment line per extraction.
void WriteFragments(benchmark::State& state, GraphInput& input) {
  const std::vector<Extraction>& extractions = input.Extractions();
  size_t bytes = 0;
  for (auto _ : state) {
    DiscardingBuffer buffer;
    std::ostream out(&buffer);
    for (const Extraction& x : extractions) WriteFragment(Fragment{{}, "0123456789abcdef", x}, out);
    bytes = buffer.bytes();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * extractions.size()));
  state.counters["output_bytes"] = static_cast<double>(bytes);
}

// The sampled betweenness of a graph shaped like the bench corpus's at
// 100 MB: 27,775 nodes and 100,230 edges drawn, each from a node taken
// evenly to one taken log-uniformly, so that a few nodes receive thousands
// of edges (the countries and agencies everyone represents or serves in)
// and most a handful. The graph is random but fixed (seeded). That is
// kBetweennessSources breadth-first searches: ComputeAnalytics' whole cost
// on a large graph.
void SampledBetweenness(benchmark::State& state) {
  const size_t nodes = 27775, edges = 100230;
  std::mt19937_64 random(42);
  std::uniform_int_distribution<size_t> even(0, nodes - 1);
  std::uniform_real_distribution<double> exponent(0, std::log(static_cast<double>(nodes)));
  std::vector<std::vector<size_t>> adjacency(nodes);
  for (size_t e = 0; e < edges; ++e) {
    const size_t from = even(random);
    const auto to = static_cast<size_t>(std::exp(exponent(random))) - 1;
    if (from != to) adjacency[from].push_back(std::min(to, nodes - 1));
  }
  size_t distinct = 0, most = 0;
  std::vector<size_t> in(nodes);
  for (std::vector<size_t>& out : adjacency) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    distinct += out.size();
    for (size_t to : out) most = std::max(most, ++in[to]);
  }
  std::vector<size_t> sources;
  for (size_t i = 0; i < kBetweennessSources; ++i)
    sources.push_back(i * nodes / kBetweennessSources);
  const auto threads = static_cast<size_t>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(BetweennessFrom(adjacency, sources, threads));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sources.size()));
  state.counters["edges"] = static_cast<double>(distinct);
  state.counters["max_in_degree"] = static_cast<double>(most);
}

}  // namespace

void RegisterGraphBenchmarks(const Corpus& corpus, int copies) {
  auto input = std::make_shared<GraphInput>();
  input->corpus = &corpus;
  input->copies = copies;
  const std::string suffix = "/copies:" + std::to_string(copies);

  auto add = [&](const std::string& name, std::function<void(benchmark::State&, GraphInput&)> run) {
    benchmark::RegisterBenchmark((name + suffix).c_str(),
                                 [input, run](benchmark::State& state) { run(state, *input); })
        ->Unit(benchmark::kMillisecond);
  };
  add("GraphAdd", GraphAdd);
  add("GraphFinalize", [](benchmark::State& state, GraphInput& in) { GraphFinalize(state, in, 1); });
  add("GraphFinalize/threads:2",
      [](benchmark::State& state, GraphInput& in) { GraphFinalize(state, in, 2); });

  const struct {
    const char* name;
    Writer write;
  } writers[] = {
      {"WriteGraphML",
       [](const KnowledgeGraph& g, std::ostream& out) { return WriteGraphML(g, out); }},
      {"WriteGraphML/threads:2",
       [](const KnowledgeGraph& g, std::ostream& out) {
         GraphMLOptions options;
         options.threads = 2;
         return WriteGraphML(g, out, options);
       }},
      {"WriteGexf", [](const KnowledgeGraph& g, std::ostream& out) { return WriteGexf(g, out); }},
      {"WriteJson", [](const KnowledgeGraph& g, std::ostream& out) { return WriteJson(g, out); }},
      {"WriteDot", [](const KnowledgeGraph& g, std::ostream& out) { return WriteDot(g, out); }},
      // Both CSV files into one stream: the bytes are their sum.
      {"WriteNeo4jCsv",
       [](const KnowledgeGraph& g, std::ostream& out) { return WriteNeo4jCsv(g, out, out); }},
  };
  for (const auto& writer : writers) {
    add(writer.name, [write = writer.write](benchmark::State& state, GraphInput& in) {
      Write(state, in, write);
    });
  }
  add("WriteFragment", WriteFragments);
  benchmark::RegisterBenchmark("SampledBetweenness", SampledBetweenness)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace kgrep::bench
