#include "cli/output_writer.h"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "graph/dot_writer.h"
#include "graph/gexf_writer.h"
#include "graph/graphml_writer.h"
#include "graph/html_page.h"
#include "graph/json_writer.h"
#include "graph/neo4j_writer.h"

namespace kgrep {

namespace {

namespace fs = std::filesystem;

// Writes `text` to `path` atomically.
WriteResult WriteText(const std::string& path, const std::string& text) {
  return WriteFileAtomically(path, [&](std::ostream& out) {
    out << text;
    return WriteResult::Ok();
  });
}

}  // namespace

const std::vector<std::string>& OutputFormats() {
  static const std::vector<std::string> kFormats = {"graphml", "dot", "gexf", "json", "neo4j",
                                                    "svg",     "png", "pdf",  "html"};
  return kFormats;
}

std::string FormatFromPath(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".graphml" || ext == ".xml") return "graphml";
  if (ext == ".dot" || ext == ".gv") return "dot";
  if (ext == ".gexf") return "gexf";
  if (ext == ".json") return "json";
  if (ext == ".svg" || ext == ".png" || ext == ".pdf") return ext.substr(1);
  if (ext == ".html" || ext == ".htm") return "html";
  return "";
}

DiagramStyle StyleOf(const RulePack& pack) {
  DiagramStyle style;
  style.graph = pack.style.graph;
  style.node = pack.style.node;
  style.edge = pack.style.edge;
  style.types = pack.style.types;
  style.relations = pack.style.relations;
  return style;
}

WriteResult WriteOutput(const KnowledgeGraph& graph, const OutputOptions& options) {
  const std::string& f = options.format;
  if (f == "neo4j") {
    std::ostringstream nodes, relationships;
    WriteResult r = WriteNeo4jCsv(graph, nodes, relationships);
    if (!r.ok) return r;
    std::error_code ec;
    const bool new_directory = !fs::exists(options.path, ec);
    fs::create_directories(options.path, ec);
    if (ec) return WriteResult::Error("cannot create directory '" + options.path + "': " +
                                      ec.message());
    // Each file is written atomically; should the second fail, the first
    // goes too, unless it replaced one from an earlier run.
    const fs::path nodes_path = fs::path(options.path) / "nodes.csv";
    const bool new_nodes = !fs::exists(nodes_path, ec);
    r = WriteText(nodes_path.string(), nodes.str());
    if (!r.ok) {
      if (new_directory) fs::remove(options.path, ec);
      return r;
    }
    r = WriteText((fs::path(options.path) / "relationships.csv").string(),
                  relationships.str());
    if (!r.ok && new_nodes) {
      fs::remove(nodes_path, ec);
      if (new_directory) fs::remove(options.path, ec);
    }
    return r;
  }
  if (f == "svg" || f == "png" || f == "pdf") {
    DiagramOptions diagram = options.diagram;
    ParseDiagramFormat(f, &diagram.format);
    return WriteDiagram(graph, diagram, options.path);
  }
  auto fill = [&](std::ostream& out) -> WriteResult {
    if (f == "html") {
      HtmlPageOptions page;
      page.diagram = options.diagram;
      if (!options.title.empty()) page.title = options.title;
      return WriteHtmlPage(graph, page, out);
    }
    if (f == "dot") {
      DotOptions dot;
      dot.comment = options.description;
      return WriteDot(graph, out, dot);
    }
    if (f == "gexf") {
      GexfOptions gexf;
      gexf.description = options.description;
      return WriteGexf(graph, out, gexf);
    }
    if (f == "json") {
      JsonOptions json;
      json.description = options.description;
      return WriteJson(graph, out, json);
    }
    GraphMLOptions graphml;
    graphml.description = options.description;
    graphml.threads = options.threads;
    return WriteGraphML(graph, out, graphml);
  };
  // A file is written through a temporary file that replaces it only once
  // complete, so a failure leaves nothing; the text goes there directly, not
  // through a copy in memory (the GraphML of a large corpus runs to hundreds
  // of MB). Standard output and other non-files are filled from memory, so
  // that a failing writer writes nothing there either.
  struct stat info;
  const bool file = options.path != "-" &&
                    (::stat(options.path.c_str(), &info) != 0 || S_ISREG(info.st_mode));
  if (file) return WriteFileAtomically(options.path, fill);
  std::ostringstream buffer;
  WriteResult r = fill(buffer);
  if (!r.ok) return r;
  return WriteText(options.path, buffer.str());
}

}  // namespace kgrep
