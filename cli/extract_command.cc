#include "cli/extract_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/exit_status.h"
#include "cli/document_reader.h"
#include "cli/input.h"
#include "cli/output_writer.h"
#include "cli/pack_loading.h"
#include "extract/extractor.h"
#include "extract/text.h"
#include "extract/macro.h"
#include "graph/filter.h"
#include "graph/fragment.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

namespace {

namespace fs = std::filesystem;

// Progress on standard error: a line rewritten after each batch (documents,
// MB, MB/s), and a summary at the end. Silent unless enabled.
class Progress {
 public:
  explicit Progress(bool enabled)
      : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void Update(size_t documents, size_t bytes) {
    if (!enabled_) return;
    std::cerr << "\rkgrep: " << documents << (documents == 1 ? " document, " : " documents, ")
              << Megabytes(bytes) << " MB, " << Rate(bytes) << " MB/s" << std::flush;
    drawn_ = true;
  }
  void Finish(size_t documents, size_t bytes, size_t entities, size_t edges) {
    if (!enabled_) return;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", Elapsed());
    std::cerr << "\rkgrep: " << documents << (documents == 1 ? " document, " : " documents, ")
              << Megabytes(bytes) << " MB, " << entities << " entities, " << edges
              << " edges, " << seconds << " s\x1b[K\n";
  }
  // Ends the progress line so that an error starts on a line of its own.
  void Abandon() {
    if (drawn_) std::cerr << "\n";
    drawn_ = false;
  }

 private:
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  static std::string Megabytes(size_t bytes) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", static_cast<double>(bytes) / 1e6);
    return b;
  }
  std::string Rate(size_t bytes) const {
    double s = Elapsed();
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0.0);
    return b;
  }
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a != "-" && b != "-" && fs::exists(a, ec) && fs::exists(b, ec) &&
         fs::equivalent(a, b, ec);
}

}  // namespace

int RunExtract(const ExtractCommand& command, const char* argv0) {
  const bool fragments = command.emit == "fragments";
  if (!fragments && command.emit != "graph") {
    std::cerr << "kgrep: --emit: use graph or fragments\n";
    return kExitUsage;
  }
  std::string format = command.format;
  if (format.empty() && !fragments) format = FormatFromPath(command.output);
  if (fragments) {
    if (!format.empty()) {
      std::cerr << "kgrep: --emit fragments writes JSON Lines: --format does not apply\n";
      return kExitUsage;
    }
  } else if (format.empty()) {
    if (command.output != "-") {
      std::cerr << "kgrep: cannot tell the format of '" << command.output
                << "' from its extension; use --format " << Join(OutputFormats(), "|") << "\n";
      return kExitUsage;
    }
    format = "graphml";
  }
  if (format == "neo4j" && command.output == "-") {
    std::cerr << "kgrep: --format neo4j writes two files: give a directory with -o DIR\n";
    return kExitUsage;
  }
  DiagramOptions diagram;
  diagram.layout = command.layout;
  if (!ParseDiagramCluster(command.cluster, &diagram.cluster)) {
    std::cerr << "kgrep: --cluster: use none, type or country\n";
    return kExitUsage;
  }
  diagram.legend = command.legend;
  diagram.title = format == "html" ? "" : command.title;
  for (const auto& input : command.inputs) {
    if (SameFile(input, command.output)) {
      std::cerr << "kgrep: output '" << command.output << "' is also an input\n";
      return kExitUsage;
    }
  }

  FilterOptions filters;
  filters.relations = command.relations;
  filters.min_weight = command.min_weight;
  filters.around = command.around;
  filters.depth = command.depth;
  filters.largest_component = command.largest_component;
  for (const auto& name : command.types) {
    EntityType type;
    if (!ParseEntityType(name, &type)) {
      std::vector<std::string> names;
      for (int i = 0; i < kEntityTypeCount; ++i)
        names.emplace_back(EntityTypeName(static_cast<EntityType>(i)));
      std::string near = NearestName(name, names);
      std::cerr << "kgrep: --types: unknown entity type '" << name << "'"
                << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
      return kExitUsage;
    }
    filters.types.push_back(type);
  }
  if (fragments && filters.active()) {
    std::cerr << "kgrep: --emit fragments: filters apply when merging (kgrep merge --types ...)\n";
    return kExitUsage;
  }

  RulePack pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;
  for (const auto& name : command.relations) {
    if (pack.predicates.count(name)) continue;
    std::vector<std::string> names(pack.predicates.begin(), pack.predicates.end());
    std::string near = NearestName(name, names);
    std::cerr << "kgrep: --relations: unknown relation '" << name << "'"
              << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n";
    return kExitUsage;
  }

  KnowledgeGraph graph;
  Progress progress(command.quiet ? false : (command.progress || isatty(STDERR_FILENO)));
  InputOptions input_options;
  input_options.inputs = command.inputs;
  input_options.glob = command.glob;
  input_options.jsonl = command.jsonl;
  DocumentReader reader(input_options);
  const size_t threads =
      command.jobs > 0 ? static_cast<size_t>(command.jobs)
                       : std::max<size_t>(1, std::thread::hardware_concurrency());
  size_t documents = 0;
  size_t entities = 0, relations = 0;  // written as fragments
  // Extracts every document and passes it to sink() in input order. On an
  // error prints it and returns false.
  auto extract_all = [&](const std::function<void(Extraction&&)>& sink) {
    while (true) {
      // A batch of documents, read in order, extracted in parallel, added to
      // the graph in order: the output does not depend on the thread count.
      std::vector<std::string> names, texts;
      size_t batch_bytes = 0;
      std::string name, text, error;
      while (names.size() < threads * 4 && batch_bytes < (64u << 20) &&
             reader.Next(&name, &text, &error)) {
        batch_bytes += text.size();
        names.push_back(std::move(name));
        texts.push_back(std::move(text));
      }
      if (!error.empty()) {
        progress.Abandon();
        std::cerr << "kgrep: " << error << "\n";
        return false;
      }
      if (names.empty()) break;
      std::vector<Extraction> extractions(names.size());
      std::vector<Status> statuses(names.size());
      std::atomic<size_t> next{0};
      std::mutex progress_mutex;
      size_t done = 0, done_bytes = 0;
      const size_t bytes_before = reader.bytes() - batch_bytes;
      auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < names.size();) {
          size_t size = texts[i].size();
          statuses[i] = ExtractDocument(pack, names[i], std::move(texts[i]), &extractions[i]);
          std::lock_guard<std::mutex> lock(progress_mutex);
          ++done;
          done_bytes += size;
          progress.Update(documents + done, bytes_before + done_bytes);
        }
      };
      std::vector<std::thread> pool;
      for (size_t t = 1; t < std::min(threads, names.size()); ++t) pool.emplace_back(work);
      work();
      for (auto& t : pool) t.join();
      for (size_t i = 0; i < names.size(); ++i) {
        if (!statuses[i].ok()) {
          progress.Abandon();
          std::cerr << "kgrep: " << statuses[i].message() << "\n";
          return false;
        }
        sink(std::move(extractions[i]));
      }
      documents += names.size();
    }
    return true;
  };

  if (fragments) {
    bool extracted = true;
    WriteResult result = WriteFileAtomically(command.output, [&](std::ostream& out) {
      extracted = extract_all([&](Extraction&& extraction) {
        entities += extraction.entities.size();
        relations += extraction.relations.size();
        WriteFragment(Fragment{command.rules, std::move(extraction)}, out);
      });
      return extracted ? WriteResult::Ok() : WriteResult::Error("extraction failed");
    });
    if (!extracted) return kExitFailure;
    if (!result.ok) {
      progress.Abandon();
      std::cerr << "kgrep: " << result.error << "\n";
      return kExitFailure;
    }
    progress.Finish(documents, reader.bytes(), entities, relations);
    return kExitSuccess;
  }
  if (!extract_all([&](Extraction&& extraction) { graph.Add(extraction); })) return kExitFailure;
  graph.Finalize();
  if (filters.active()) {
    KnowledgeGraph filtered;
    WriteResult r = ApplyFilters(graph, filters, &filtered);
    if (!r.ok) {
      std::cerr << "kgrep: " << r.error << "\n";
      return kExitFailure;
    }
    graph = std::move(filtered);
  }

  // Paths as the user gave them, so that the output does not depend on where
  // kgrep is installed.
  std::string description = std::string("kgrep ") + KGREP_VERSION + "; rules:";
  if (command.rules.empty()) description += " diplomacy.yaml (bundled)";
  for (const auto& p : command.rules) description += " " + p;
  description += "; inputs:";
  for (const auto& i : command.inputs) description += " " + i;

  OutputOptions output;
  output.format = format;
  output.path = command.output;
  output.description = description;
  output.diagram = diagram;
  output.diagram.style = StyleOf(pack);
  output.title = command.title;
  WriteResult result = WriteOutput(graph, output);
  if (!result.ok) {
    progress.Abandon();
    std::cerr << "kgrep: " << result.error << "\n";
    return kExitFailure;
  }
  progress.Finish(documents, reader.bytes(), graph.num_nodes(), graph.num_edges());
  return kExitSuccess;
}

}  // namespace kgrep
