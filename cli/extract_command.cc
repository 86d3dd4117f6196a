#include "cli/extract_command.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/exit_status.h"
#include "cli/input.h"
#include "cli/pack_loading.h"
#include "extract/extractor.h"
#include "graph/dot_writer.h"
#include "graph/graphml_writer.h"
#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

namespace {

namespace fs = std::filesystem;

// "graphml" or "dot" from the output path, or "" if it says nothing.
std::string FormatFromPath(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".graphml" || ext == ".xml") return "graphml";
  if (ext == ".dot" || ext == ".gv") return "dot";
  return "";
}

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a != "-" && b != "-" && fs::exists(a, ec) && fs::exists(b, ec) &&
         fs::equivalent(a, b, ec);
}

}  // namespace

int RunExtract(const ExtractCommand& command, const char* argv0) {
  std::string format = command.format;
  if (format.empty()) format = FormatFromPath(command.output);
  if (format.empty()) {
    if (command.output != "-") {
      std::cerr << "kgrep: cannot tell the format of '" << command.output
                << "' from its extension; use --format graphml|dot\n";
      return kExitUsage;
    }
    format = "graphml";
  }
  for (const auto& input : command.inputs) {
    if (SameFile(input, command.output)) {
      std::cerr << "kgrep: output '" << command.output << "' is also an input\n";
      return kExitUsage;
    }
  }

  RulePack pack;
  std::vector<std::string> packs;
  if (!LoadPacksOrReport(command.rules, argv0, &pack, &packs)) return kExitFailure;

  KnowledgeGraph graph;
  for (const auto& input : command.inputs) {
    std::string text, error;
    if (!ReadInput(input, &text, &error)) {
      std::cerr << "kgrep: " << error << "\n";
      return kExitFailure;
    }
    Extraction extraction;
    Status s = ExtractDocument(pack, input, std::move(text), &extraction);
    if (!s.ok()) {
      std::cerr << "kgrep: " << s.message() << "\n";
      return kExitFailure;
    }
    graph.Add(extraction);
  }
  graph.Finalize();

  // Paths as the user gave them, so that the output does not depend on where
  // kgrep is installed.
  std::string description = std::string("kgrep ") + KGREP_VERSION + "; rules:";
  if (command.rules.empty()) description += " diplomacy.yaml (bundled)";
  for (const auto& p : command.rules) description += " " + p;
  description += "; inputs:";
  for (const auto& i : command.inputs) description += " " + i;

  WriteResult result = WriteFileAtomically(command.output, [&](std::ostream& out) {
    if (format == "dot") {
      DotOptions options;
      options.comment = description;
      return WriteDot(graph, out, options);
    }
    GraphMLOptions options;
    options.description = description;
    return WriteGraphML(graph, out, options);
  });
  if (!result.ok) {
    std::cerr << "kgrep: " << result.error << "\n";
    return kExitFailure;
  }
  return kExitSuccess;
}

}  // namespace kgrep
