#include "cli/merge_command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>
#include <utility>

#include "cli/exit_status.h"
#include "cli/input.h"
#include "cli/output_writer.h"
#include "cli/pack_loading.h"
#include "cli/progress.h"
#include "extract/text.h"
#include "graph/filter.h"
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

// How the description of an output and the messages name a set of packs.
std::string RulesText(const std::vector<std::string>& rules) {
  return rules.empty() ? "the bundled pack" : "'" + Join(rules, " ") + "'";
}

// What ReadParts() has read so far: fragments and bytes of the parts.
struct PartsRead {
  size_t fragments = 0;
  size_t bytes = 0;
};

// How a message names the packs of a fragment: as given, and their digest.
std::string PackText(const Fragment& fragment) {
  return RulesText(fragment.rules) + " (pack " + fragment.pack + ")";
}

// Reads every fragment of every part into sink(), checking that all were
// made with the same packs: the same contents (Fragment::pack), wherever
// their files were. *rules is left with the least of the packs' names as
// given, so that it does not depend on the order of the parts. Counts what
// it read in *read and shows it on `progress`. Prints the first error.
bool ReadParts(const std::vector<std::string>& parts, std::vector<std::string>* rules,
               Progress* progress, PartsRead* read,
               const std::function<void(Fragment&&)>& sink) {
  bool first = true;
  Fragment first_seen;  // its rules, pack and document name
  for (const std::string& part : parts) {
    const std::string name = part == "-" ? "<stdin>" : part;
    std::ifstream file;
    if (part != "-") {
      std::error_code ec;
      if (fs::is_directory(part, ec)) {
        progress->Abandon();
        std::cerr << "kgrep: cannot read '" << part << "': " << std::strerror(EISDIR) << "\n";
        return false;
      }
      file.open(part, std::ios::binary);
      if (!file) {
        const int error = errno;
        progress->Abandon();
        std::cerr << "kgrep: cannot read '" << part << "': " << std::strerror(error) << "\n";
        return false;
      }
    }
    std::istream& in = part == "-" ? std::cin : file;
    Status s = ReadFragments(in, name, [&](Fragment&& fragment) {
      if (first) {
        first_seen.rules = fragment.rules;
        first_seen.pack = fragment.pack;
        first_seen.extraction.document = fragment.extraction.document;
        *rules = fragment.rules;
        first = false;
      } else if (fragment.pack != first_seen.pack) {
        return Status::Error("document '" + fragment.extraction.document +
                             "' was extracted with " + PackText(fragment) + ", '" +
                             first_seen.extraction.document + "' with " +
                             PackText(first_seen) + "; merge only parts made with the same rules");
      } else {
        *rules = std::min(*rules, fragment.rules);
      }
      sink(std::move(fragment));
      ++read->fragments;
      progress->Update(read->fragments, read->bytes, read->bytes);
      return Status::Ok();
    }, &read->bytes);
    if (!s.ok()) {
      progress->Abandon();
      std::cerr << "kgrep: " << s.message() << "\n";
      return false;
    }
  }
  return true;
}

// merge --emit fragments: every fragment, re-serialised, sorted by
// (document, line), so that the result does not depend on the parts' order.
int MergeFragments(const MergeCommand& command, Progress* progress) {
  std::vector<std::pair<std::string, std::string>> lines;  // (document, line)
  std::vector<std::string> rules;
  PartsRead read;
  size_t entities = 0, relations = 0;
  if (!ReadParts(command.parts, &rules, progress, &read, [&](Fragment&& fragment) {
        entities += fragment.extraction.entities.size();
        relations += fragment.extraction.relations.size();
        lines.emplace_back(fragment.extraction.document, FragmentLine(fragment));
      }))
    return kExitFailure;
  std::sort(lines.begin(), lines.end());
  WriteResult result = WriteFileAtomically(command.out.output, [&](std::ostream& out) {
    for (const auto& line : lines) out << line.second << '\n';
    return WriteResult::Ok();
  });
  if (!result.ok) {
    progress->Abandon();
    std::cerr << "kgrep: " << result.error << "\n";
    return kExitFailure;
  }
  progress->Finish(read.fragments, read.bytes, entities, relations);
  return kExitSuccess;
}

}  // namespace

int RunMerge(const MergeCommand& command, const char* argv0) {
  for (const auto& part : command.parts) {
    if (SameFile(part, command.out.output)) {
      std::cerr << "kgrep: output '" << command.out.output << "' is also an input\n";
      return kExitUsage;
    }
  }
  if (std::count(command.parts.begin(), command.parts.end(), "-") > 1) {
    std::cerr << "kgrep: standard input (-) can be read only once\n";
    return kExitUsage;
  }
  const bool show_progress = !command.quiet && (command.progress || isatty(STDERR_FILENO));
  Progress progress(show_progress, show_progress ? TotalSize(command.parts) : 0);
  if (command.emit == "fragments") {
    if (!command.out.format.empty() || command.out.filters_given()) {
      std::cerr << "kgrep: --emit fragments writes the parts' fragments as they are: "
                   "--format and filters do not apply\n";
      return kExitUsage;
    }
    return MergeFragments(command, &progress);
  }
  if (command.emit != "graph") {
    std::cerr << "kgrep: --emit: use graph or fragments\n";
    return kExitUsage;
  }
  std::string format;
  FilterOptions filters;
  DiagramOptions diagram;
  if (!ResolveGraphOutput(command.out, &format, &filters, &diagram)) return kExitUsage;

  RulePack pack;
  if (!command.rules.empty()) {
    std::vector<std::string> packs;
    if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;
    if (!CheckRelationNames(pack, command.out.relations)) return kExitUsage;
  }

  GraphOptions graph_options;
  graph_options.max_evidence = command.out.max_evidence;
  auto owned_graph = std::make_unique<KnowledgeGraph>(graph_options);
  KnowledgeGraph& graph = *owned_graph;
  std::vector<std::string> documents;
  std::vector<std::string> rules;
  PartsRead read;
  if (!ReadParts(command.parts, &rules, &progress, &read, [&](Fragment&& fragment) {
        documents.push_back(fragment.extraction.document);
        graph.Add(fragment.extraction);
      }))
    return kExitFailure;
  const size_t threads =
      command.jobs > 0 ? static_cast<size_t>(command.jobs)
                       : std::max<size_t>(1, std::thread::hardware_concurrency());
  graph.MergePeopleByName();
  graph.Finalize(threads);

  // As `kgrep extract` describes its output, with the documents sorted: the
  // order of the parts must not show.
  std::sort(documents.begin(), documents.end());
  OutputOptions output;
  output.format = format;
  output.path = command.out.output;
  output.description = DescribeOutput(rules, documents);
  output.diagram = diagram;
  output.diagram.style = StyleOf(pack);
  output.title = command.out.title;
  output.threads = threads;
  size_t entities_out = 0, edges_out = 0;
  const int status = FilterAndWrite(&graph, filters, output, &entities_out, &edges_out);
  if (status != kExitSuccess) {
    progress.Abandon();
    return status;
  }
  progress.Finish(read.fragments, read.bytes, entities_out, edges_out);
  KeepUntilExit(std::move(owned_graph));
  return kExitSuccess;
}

}  // namespace kgrep
