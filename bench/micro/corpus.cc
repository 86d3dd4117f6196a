#include "bench/micro/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "extract/extractor.h"

namespace kgrep::bench {

namespace fs = std::filesystem;

Status LoadCorpus(const std::string& pack_path, const std::string& corpus_dir, Corpus* corpus) {
  Diagnostics diags = LoadRulePack({pack_path}, LoadOptions(), &corpus->pack);
  if (!diags.empty()) {
    std::string message = "invalid rule pack:";
    for (const Diagnostic& d : diags) message += "\n" + d.Headline();
    return Status::Error(message);
  }

  std::error_code ec;
  if (!fs::is_directory(corpus_dir, ec))
    return Status::Error("no corpus directory '" + corpus_dir + "'");
  for (const fs::directory_entry& entry : fs::directory_iterator(corpus_dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::Error("cannot read '" + entry.path().string() + "'");
    corpus->documents.push_back({entry.path().filename().string(), std::move(text)});
  }
  if (ec) return Status::Error("cannot list '" + corpus_dir + "': " + ec.message());
  if (corpus->documents.empty())
    return Status::Error("no *.txt documents in '" + corpus_dir + "'");
  std::sort(corpus->documents.begin(), corpus->documents.end(),
            [](const CorpusDocument& a, const CorpusDocument& b) { return a.name < b.name; });

  for (const CorpusDocument& doc : corpus->documents) {
    Extraction x;
    Status s = ExtractDocument(corpus->pack, doc.name, doc.text, &x);
    if (!s.ok()) return Status::Error(doc.name + ": " + s.message());
    corpus->extractions.push_back(std::move(x));
    corpus->bytes += doc.text.size();
  }
  return Status::Ok();
}

std::vector<Extraction> ReplicateExtractions(const Corpus& corpus, int copies) {
  std::vector<Extraction> out;
  for (int k = 0; k < copies; ++k) {
    for (Extraction x : corpus.extractions) {
      if (k > 0) {
        std::string suffix = "#" + std::to_string(k);
        x.document = "copy-" + std::to_string(k) + "/" + x.document;
        for (Entity& e : x.entities) e.key += suffix;
        for (Relation& r : x.relations) r.evidence.document = x.document;
      }
      out.push_back(std::move(x));
    }
  }
  return out;
}

DiscardingBuffer::DiscardingBuffer() { setp(buffer_, buffer_ + sizeof(buffer_)); }

size_t DiscardingBuffer::bytes() const { return discarded_ + (pptr() - pbase()); }

DiscardingBuffer::int_type DiscardingBuffer::overflow(int_type ch) {
  discarded_ += pptr() - pbase();
  setp(buffer_, buffer_ + sizeof(buffer_));
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

}  // namespace kgrep::bench
