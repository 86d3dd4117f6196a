// What the micro-benchmarks run on: the bundled rule pack, the development
// corpus (../shared/corpus/*.txt) and the extractions of it, loaded once
// before any benchmark runs and passed to each, never global.

#ifndef KGREP_BENCH_MICRO_CORPUS_H_
#define KGREP_BENCH_MICRO_CORPUS_H_

#include <cstddef>
#include <streambuf>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "extract/rule_pack.h"
#include "extract/status.h"

namespace kgrep::bench {

struct CorpusDocument {
  std::string name;  // file name without directory ("us-mexico-...-2021.txt")
  std::string text;  // the bytes of the file
};

struct Corpus {
  RulePack pack;
  std::vector<CorpusDocument> documents;  // sorted by name
  std::vector<Extraction> extractions;    // extractions[i] is of documents[i]
  size_t bytes = 0;                       // the sum of the documents' sizes
};

// Loads the pack at `pack_path` and every *.txt of `corpus_dir`, and
// extracts each document. Fails, naming the path, if the pack is invalid,
// the directory is missing or holds no *.txt, or a document cannot be read
// or extracted.
Status LoadCorpus(const std::string& pack_path, const std::string& corpus_dir, Corpus* corpus);

// The corpus's extractions `copies` times over. Copy k > 0 has its own
// document names ("copy-k/NAME") and entity keys ("KEY#k"), so each copy
// adds new nodes and edges to a graph instead of raising weights: writers
// then see a graph `copies` times the corpus's. Labels and evidence text are
// left as they are, so the output text stays real.
std::vector<Extraction> ReplicateExtractions(const Corpus& corpus, int copies);

// An output stream buffer that counts what is written and throws it away,
// through a fixed 64 KiB buffer as a file stream would: writers are measured
// without the cost of growing a string or of the disk.
class DiscardingBuffer : public std::streambuf {
 public:
  DiscardingBuffer();
  DiscardingBuffer(const DiscardingBuffer&) = delete;
  DiscardingBuffer& operator=(const DiscardingBuffer&) = delete;

  // Bytes written since construction.
  size_t bytes() const;

 protected:
  int_type overflow(int_type ch) override;

 private:
  char buffer_[1 << 16];
  size_t discarded_ = 0;
};

}  // namespace kgrep::bench

#endif  // KGREP_BENCH_MICRO_CORPUS_H_
