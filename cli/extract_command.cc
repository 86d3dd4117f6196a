#include "cli/extract_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <memory>
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
#include "cli/progress.h"
#include "extract/extractor.h"
#include "extract/text.h"
#include "graph/fragment.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

namespace {

namespace fs = std::filesystem;

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
  std::string format;
  FilterOptions filters;
  DiagramOptions diagram;
  if (fragments) {
    if (!command.out.format.empty() || command.out.filters_given()) {
      std::cerr << "kgrep: --emit fragments writes JSON Lines: --format and filters apply when "
                   "merging (kgrep merge)\n";
      return kExitUsage;
    }
  } else if (!ResolveGraphOutput(command.out, &format, &filters, &diagram)) {
    return kExitUsage;
  }
  for (const auto& input : command.inputs) {
    if (SameFile(input, command.out.output)) {
      std::cerr << "kgrep: output '" << command.out.output << "' is also an input\n";
      return kExitUsage;
    }
  }

  if (command.regex_memory_mb < 1) {
    std::cerr << "kgrep: --regex-memory: give at least 1 (MiB)\n";
    return kExitUsage;
  }
  LoadOptions load_options;
  load_options.max_regex_memory = int64_t{command.regex_memory_mb} << 20;
  auto owned_pack = std::make_unique<RulePack>();
  RulePack& pack = *owned_pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, load_options, &pack, &packs)) return kExitFailure;
  if (!CheckRelationNames(pack, command.out.relations)) return kExitUsage;
  for (const auto& file : pack.files) {
    if (SameFile(file, command.out.output)) {
      std::cerr << "kgrep: output '" << command.out.output << "' is also a rule pack\n";
      return kExitUsage;
    }
  }

  GraphOptions graph_options;
  graph_options.max_evidence = command.out.max_evidence;
  auto owned_graph = std::make_unique<KnowledgeGraph>(graph_options);
  KnowledgeGraph& graph = *owned_graph;
  InputOptions input_options;
  input_options.inputs = command.inputs;
  input_options.glob = command.glob;
  input_options.jsonl = command.jsonl;
  input_options.max_document_bytes = command.max_document_bytes;
  DocumentReader reader(input_options);
  const bool show_progress = !command.quiet && (command.progress || isatty(STDERR_FILENO));
  Progress progress(show_progress, show_progress ? reader.TotalBytes() : 0);
  const size_t threads =
      command.jobs > 0 ? static_cast<size_t>(command.jobs)
                       : std::max<size_t>(1, std::thread::hardware_concurrency());
  // Every thread matches with the one pack. RE2 shares each pattern's DFA
  // cache between threads under a lock; a pack per thread was measured
  // (25 MB, 2 threads): 7.1 s instead of 5.7 s and 413 MB instead of
  // 308 MB, since each pack builds its automata's states anew.
  size_t documents = 0;
  size_t skipped = 0;  // --keep-going
  size_t entities = 0, relations = 0;  // written as fragments
  // Extracts every document and passes it to sink() in input order. On an
  // error prints it and returns false.
  //
  // Documents are read ahead into a window (at most 2 batches per thread and
  // 64 MiB of text, one document at least). A thread takes the next batch of
  // documents nobody has taken (up to 128 documents and 2 MiB on one thread,
  // 64 and 1 MiB on more; as many as the window has once it holds that much
  // or reading is over) and extracts them together (ExtractDocuments: each
  // pattern runs over all their paragraphs in turn). This thread also reads, and passes each finished document at
  // the front of the window to sink(), so that no thread waits for the
  // others. Documents reach sink() in input order whatever the thread count,
  // so the output does not depend on it. With --keep-going a document that
  // cannot be read or extracted is reported, in input order too, and left
  // out.
  auto extract_all = [&](const std::function<void(Extraction&&)>& sink) {
    // Each batch begins with the patterns' automata out of the processor's
    // caches, pushed out by the other stages of the one before: on 100 MB,
    // batches of 2 MiB instead of 1 MiB made one thread 5% faster, for 10 MB
    // more memory. Each thread has a batch in progress, and memory is what
    // limits two threads with a large pack: they take 1 MiB each.
    const size_t batch_documents = threads == 1 ? 128 : 64;
    const size_t batch_bytes = threads == 1 ? size_t{2} << 20 : size_t{1} << 20;
    struct Slot {
      ExtractionJob job;
      size_t bytes = 0;  // of text
      size_t input = 0;  // of the input it took (Progress)
      bool done = false;
      std::string read_error;  // --keep-going: the reader's, in place of a document
    };
    std::deque<Slot> window;  // references stay valid as the ends change
    size_t front = 0;         // input number of window.front()
    size_t next = 0;          // input number of the next document to take
    size_t window_bytes = 0;
    size_t waiting_bytes = 0;  // of the documents from `next` on
    size_t done_count = 0, done_bytes = 0, done_input = 0;  // extracted so far
    bool read_all = false;     // the window holds the last document
    bool stop = false;
    std::mutex mutex;
    std::condition_variable changed;
    const size_t window_documents = threads * 2 * batch_documents;
    auto window_full = [&] {
      return window.size() >= window_documents || window_bytes >= (64u << 20);
    };
    // A batch can be taken: a full one, or what is left.
    auto batch_ready = [&] {
      size_t waiting = front + window.size() - next;
      return waiting > 0 && (waiting >= batch_documents || waiting_bytes >= batch_bytes ||
                             read_all || window_full());
    };
    // Takes the next batch under `lock`, extracts it, and returns with the
    // lock held again.
    auto extract = [&](std::unique_lock<std::mutex>& lock) {
      std::vector<ExtractionJob*> jobs;
      size_t bytes = 0, input = 0;
      const size_t first = next;
      // A document that would take the batch past batch_bytes waits for the
      // next one; one larger than that is a batch of its own, which
      // ExtractDocuments extracts paragraph by paragraph.
      while (next < front + window.size() && jobs.size() < batch_documents &&
             (jobs.empty() || bytes + window[next - front].bytes <= batch_bytes)) {
        Slot& slot = window[next++ - front];
        if (slot.read_error.empty()) jobs.push_back(&slot.job);
        bytes += slot.bytes;
        input += slot.input;
        waiting_bytes -= slot.bytes;
      }
      const size_t last = next;
      lock.unlock();
      if (!jobs.empty()) ExtractDocuments(pack, jobs);
      lock.lock();
      for (size_t number = first; number < last; ++number) window[number - front].done = true;
      // Counted as the summary counts them: the documents extracted.
      for (const ExtractionJob* job : jobs) done_count += job->status.ok() ? 1 : 0;
      done_bytes += bytes;
      done_input += input;
      progress.Update(done_count, done_bytes, done_input);
      changed.notify_all();
    };
    auto work = [&] {
      std::unique_lock<std::mutex> lock(mutex);
      while (true) {
        changed.wait(lock, [&] { return stop || batch_ready(); });
        if (stop) return;
        extract(lock);
      }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    auto finish = [&](std::unique_lock<std::mutex>& lock) {
      stop = true;
      changed.notify_all();
      lock.unlock();
      for (auto& t : pool) t.join();
    };

    bool more = true;
    std::string error;
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      // Read ahead while the window has room (reading takes no lock).
      while (more && (window.empty() || !window_full())) {
        lock.unlock();
        Slot slot;
        const size_t consumed = reader.input_bytes();
        more = reader.Next(&slot.job.name, &slot.job.text, &error);
        slot.bytes = slot.job.text.size();
        slot.input = reader.input_bytes() - consumed;
        lock.lock();
        if (!error.empty() && command.keep_going) {
          // Reported when it reaches the front, in input order.
          slot.read_error = std::move(error);
          error.clear();
          slot.job.text.clear();
          slot.bytes = 0;
          more = true;  // the reader goes on after what failed
        }
        if (!error.empty()) {
          finish(lock);
          progress.Abandon();
          std::cerr << "kgrep: " << error << "\n";
          return false;
        }
        if (!more) {
          read_all = true;
          changed.notify_all();
          break;
        }
        window_bytes += slot.bytes;
        waiting_bytes += slot.bytes;
        window.push_back(std::move(slot));
        if (batch_ready()) changed.notify_all();
      }
      if (!window.empty() && window.front().done) {
        Slot slot = std::move(window.front());
        window.pop_front();
        ++front;
        window_bytes -= slot.bytes;
        if (!slot.read_error.empty() || (!slot.job.status.ok() && command.keep_going)) {
          progress.Print("kgrep: " +
                         (slot.read_error.empty() ? slot.job.status.message() : slot.read_error));
          ++skipped;
          continue;
        }
        if (!slot.job.status.ok()) {
          finish(lock);
          progress.Abandon();
          std::cerr << "kgrep: " << slot.job.status.message() << "\n";
          return false;
        }
        lock.unlock();
        sink(std::move(slot.job.extraction));
        lock.lock();
        ++documents;
        continue;
      }
      if (window.empty() && !more) break;
      if (batch_ready()) {
        extract(lock);
        continue;
      }
      changed.wait(lock, [&] { return window.front().done; });
    }
    finish(lock);
    return true;
  };

  if (fragments) {
    bool extracted = true;
    WriteResult result = WriteFileAtomically(command.out.output, [&](std::ostream& out) {
      extracted = extract_all([&](Extraction&& extraction) {
        entities += extraction.entities.size();
        relations += extraction.relations.size();
        WriteFragment(Fragment{command.rules, pack.digest, std::move(extraction)}, out);
      });
      return extracted ? WriteResult::Ok() : WriteResult::Error("extraction failed");
    });
    if (!extracted) return kExitFailure;
    if (!result.ok) {
      progress.Abandon();
      std::cerr << "kgrep: " << result.error << "\n";
      return kExitFailure;
    }
    progress.Finish(documents, reader.bytes(), entities, relations, skipped);
    KeepUntilExit(std::move(owned_pack));
    return skipped > 0 ? kExitSkipped : kExitSuccess;
  }
  if (!extract_all([&](Extraction&& extraction) { graph.Add(extraction); })) return kExitFailure;
  graph.MergePeopleByName();
  graph.Finalize(threads);
  size_t entities_out = 0, edges_out = 0;
  OutputOptions output;
  output.format = format;
  output.path = command.out.output;
  output.description = DescribeOutput(command.rules, command.inputs);
  output.diagram = diagram;
  output.diagram.style = StyleOf(pack);
  output.title = command.out.title;
  output.threads = threads;
  int status = FilterAndWrite(&graph, filters, output, &entities_out, &edges_out);
  if (status != kExitSuccess) {
    progress.Abandon();
    return status;
  }
  progress.Finish(documents, reader.bytes(), entities_out, edges_out, skipped);
  KeepUntilExit(std::move(owned_pack));
  KeepUntilExit(std::move(owned_graph));
  return skipped > 0 ? kExitSkipped : kExitSuccess;
}

}  // namespace kgrep
