// kgrep_micro_bench: Google Benchmark micro-benchmarks of extract/ and graph/
// on the development corpus. Google Benchmark's flags apply
// (--benchmark_filter=REGEX, --benchmark_min_time=SECONDS, ...), plus
//   --kgrep_corpus=DIR   the documents (*.txt) to run on; default: the
//                        corpus found at configure time (KGREP_CORPUS_DIR).
//                        Each document gets benchmarks of its own, so give
//                        a handful, not a whole archive.
//
// Exit status: 0 success; 1 the pack or a document cannot be used; 2 a bad
// command line; 77 no corpus directory (CTest reads it as "skipped", as
// the tests that need ../shared).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

#include "bench/micro/benchmarks.h"
#include "bench/micro/corpus.h"

#ifndef KGREP_RULES_DIR
#error "KGREP_RULES_DIR must name the directory of the bundled rule pack"
#endif
#ifndef KGREP_CORPUS_DIR
#error "KGREP_CORPUS_DIR must name the default corpus directory"
#endif

namespace {

// Enough copies of the development corpus for a graph of thousands of edges.
constexpr int kGraphCopies = 40;

constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNoCorpus = 77;

}  // namespace

int main(int argc, char** argv) {
  // Take out our own flag before Google Benchmark sees the arguments.
  std::string corpus_dir = KGREP_CORPUS_DIR;
  constexpr std::string_view kCorpusFlag = "--kgrep_corpus=";
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with(kCorpusFlag))
      corpus_dir = arg.substr(kCorpusFlag.size());
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return kExitUsage;

  std::error_code ec;
  if (!std::filesystem::is_directory(corpus_dir, ec)) {
    std::cerr << "kgrep_micro_bench: no corpus directory '" << corpus_dir
              << "'; put the development corpus there (../shared/corpus beside the project),"
              << " configure with -DKGREP_SHARED_DIR=DIR, or pass --kgrep_corpus=DIR\n";
    return kExitNoCorpus;
  }
  kgrep::bench::Corpus corpus;
  kgrep::Status s =
      kgrep::bench::LoadCorpus(KGREP_RULES_DIR "/diplomacy.yaml", corpus_dir, &corpus);
  if (!s.ok()) {
    std::cerr << "kgrep_micro_bench: " << s.message() << "\n";
    return kExitBadInput;
  }
  benchmark::AddCustomContext("kgrep_corpus", corpus_dir + " (" +
                                                  std::to_string(corpus.documents.size()) +
                                                  " documents, " +
                                                  std::to_string(corpus.bytes) + " bytes)");

  kgrep::bench::RegisterExtractBenchmarks(corpus);
  kgrep::bench::RegisterGraphBenchmarks(corpus, kGraphCopies);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
