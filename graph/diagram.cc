#include "graph/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>

#include "graph/dot_writer.h"
#include "graph/graphml_writer.h"
#include "graph/pdf_normalize.h"

#if defined(__SANITIZE_ADDRESS__)
// Graphviz 2.42 leaks inside its own code: the plugin loader (gvconfig), the
// HTML-label parser, labels and the dot layout's virtual edges; the font
// stack it renders with (fontconfig, pango, cairo, glib) keeps caches for
// the life of the process. LeakSanitizer would report them in every program
// that draws a diagram. kgrep frees what it gets from Graphviz
// (gvFreeRenderData, gvFreeLayout, agclose; the one context lives as long as
// the process); what these libraries leak below those calls is not kgrep's
// to fix.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\n"
         "leak:libgvplugin_\n"
         "leak:libcgraph.so\n"
         "leak:libfontconfig.so\n"
         "leak:libpango\n"
         "leak:libcairo.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n";
}
// Without this LeakSanitizer lists the suppressions it used on standard
// error, after kgrep's own one-line messages.
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

namespace kgrep {

namespace {

constexpr const char* kFont = "Helvetica,Arial,sans-serif";
constexpr const char* kInk = "#4d4d4d";    // node outlines
constexpr const char* kMuted = "#555555";  // cluster and legend captions

// Fixed colours for the relations of the bundled pack, then a palette for
// any other, all dark enough for text.
constexpr std::array<std::pair<const char*, const char*>, 6> kKnownRelations = {{
    {"member_of", "#8d6e63"},
    {"met", "#ef6c00"},
    {"part_of", "#757575"},
    {"represents", "#1565c0"},
    {"thanked", "#ad1457"},
    {"welcomed", "#2e7d32"},
}};
constexpr std::array<const char*, 8> kPalette = {
    "#00838f", "#6a1b9a", "#827717", "#d84315",
    "#283593", "#4e342e", "#c62828", "#37474f",
};

constexpr int kCountryDepth = 3;

char* Str(const char* s) { return const_cast<char*>(s); }

void Set(void* object, const std::string& name, const std::string& value) {
  agsafeset(object, Str(name.c_str()), Str(value.c_str()), Str(""));
}

// Attributes a pack's style may not set, since packs come from strangers too:
// links (in SVG and in the HTML page a `javascript:` URL is a script that a
// click runs), files read or referenced (image, shapefile, stylesheet, font
// and image paths), the ids and classes the page's script finds objects by,
// comments (an SVG comment cannot hold "--"), and the charset that says how
// labels are read.
bool UnsafeStyleAttribute(const std::string& name) {
  static const std::set<std::string> kUnsafe = {
      "URL",       "href",         "edgeURL",   "edgehref",    "edgetarget", "headURL",
      "headhref",  "headtarget",   "tailURL",   "tailhref",    "tailtarget", "labelURL",
      "labelhref", "labeltarget",  "target",    "id",          "class",      "image",
      "imagepath", "shapefile",    "stylesheet", "fontpath",   "comment",    "charset",
  };
  return kUnsafe.count(name) > 0;
}

// Sets a pack's style attributes, but none that UnsafeStyleAttribute() names.
void SetAll(void* object, const GraphvizAttributes& attributes) {
  for (const auto& [name, value] : attributes) {
    if (!UnsafeStyleAttribute(name)) Set(object, name, CleanText(value));
  }
}

// The value of `name` that `attributes` gives, else `fallback`.
std::string Lookup(const GraphvizAttributes& attributes, const std::string& name,
                   std::string fallback) {
  auto it = attributes.find(name);
  return it == attributes.end() ? fallback : it->second;
}

const GraphvizAttributes& Of(const std::map<std::string, GraphvizAttributes>& by_name,
                             const std::string& name) {
  static const GraphvizAttributes kNone;
  auto it = by_name.find(name);
  return it == by_name.end() ? kNone : it->second;
}

// Catches what Graphviz would print to stderr while it lives: errors are
// collected, warnings dropped. cgraph's error hook is a plain function, hence
// the static sink; Graphviz is single-threaded anyway.
class ErrorCapture {
 public:
  ErrorCapture() {
    sink_ = &text_;
    previous_hook_ = agseterrf(&Collect);
    previous_level_ = agseterr(AGERR);
  }
  ~ErrorCapture() {
    agseterr(previous_level_);
    agseterrf(previous_hook_);
    sink_ = nullptr;
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The last message, on one line, without its "Error: " prefix.
  std::string Message(const std::string& fallback) const {
    std::string text = text_;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    size_t start = text.rfind("Error: ");
    if (start != std::string::npos) text = text.substr(start + 7);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text.empty() ? fallback : fallback + ": " + text;
  }

 private:
  static int Collect(char* message) {
    if (sink_ != nullptr) *sink_ += message;
    return 0;
  }
  static inline std::string* sink_ = nullptr;
  std::string text_;
  agusererrf previous_hook_ = nullptr;
  agerrlevel_t previous_level_ = AGWARN;
};

std::string DefaultRelationColor(const std::string& relation) {
  for (const auto& [name, color] : kKnownRelations) {
    if (relation == name) return color;
  }
  return "";
}

void ApplyDefaults(Agraph_t* g, const std::string& layout, DiagramCluster cluster) {
  Set(g, "fontname", kFont);
  Set(g, "fontsize", "11");
  Set(g, "bgcolor", "white");
  Set(g, "pad", "0.3");
  Set(g, "labelloc", "t");
  Set(g, "labeljust", "l");
  Set(g, "outputorder", "edgesfirst");  // nodes above the edges they touch
  if (layout == "dot") {
    Set(g, "nodesep", "0.25");
    Set(g, "ranksep", "0.6");
    // Graphviz 2.43's dot corrupts its heap on some clustered graphs with
    // labelled edges (a double free when the graph is closed); ranking with
    // newrank takes another path that does not.
    if (cluster != DiagramCluster::kNone) Set(g, "newrank", "true");
  } else {
    // No node over another, room for edge labels.
    Set(g, "overlap", "false");
    Set(g, "sep", "+12");
    Set(g, "esep", "+6");
    if (layout == "sfdp") {
      Set(g, "K", "1");  // longer edges than sfdp's 0.3, for their labels
    } else {
      Set(g, "splines", "true");
    }
  }
}

void StyleNodes(const KnowledgeGraph& graph, const DiagramStyle& style, DotGraph* dot) {
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    Agnode_t* n = dot->nodes[i];
    Set(n, "id", "n" + std::to_string(i));
    Set(n, "fontname", kFont);
    Set(n, "fontsize", "11");
    Set(n, "color", kInk);
    Set(n, "penwidth", "0.8");
    Set(n, "margin", "0.14,0.05");
    SetAll(n, style.node);
    SetAll(n, Of(style.types, std::string(EntityTypeName(graph.node(i).type))));
  }
}

void StyleEdges(const KnowledgeGraph& graph, const DiagramStyle& style,
                const std::string& layout, DotGraph* dot) {
  const std::map<std::string, std::string> colors = DiagramRelationColors(graph);
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    Agedge_t* e = dot->edges[i];
    const std::string& color = colors.at(edge.props->predicate);
    Set(e, "id", "e" + std::to_string(i));
    Set(e, "fontname", kFont);
    Set(e, "fontsize", "9");
    Set(e, "arrowsize", "0.7");
    Set(e, "color", color);
    Set(e, "fontcolor", color);
    if (layout == "neato" || layout == "fdp") Set(e, "len", "1.6");  // room for the label
    Set(e, "tooltip",
        EscapeDotText(graph.node(edge.source).label + " " + edge.props->predicate + " " +
                      graph.node(edge.target).label + " (" +
                      std::to_string(edge.props->weight) + ")"));
    SetAll(e, style.edge);
    SetAll(e, Of(style.relations, edge.props->predicate));
  }
}

Agraph_t* MakeCluster(Agraph_t* g, const std::string& name, const std::string& label,
                      const std::string& fill, const std::string& pen) {
  Agraph_t* cluster = agsubg(g, Str(name.c_str()), 1);
  Set(cluster, "label", label);
  Set(cluster, "style", "rounded,filled");
  Set(cluster, "fillcolor", fill);
  Set(cluster, "color", pen);
  Set(cluster, "fontcolor", kMuted);
  Set(cluster, "fontsize", "12");
  Set(cluster, "labeljust", "l");
  Set(cluster, "labelloc", "t");
  return cluster;
}

void AddClusters(const KnowledgeGraph& graph, DiagramCluster mode, DotGraph* dot) {
  Agraph_t* g = dot->graph.get();
  if (mode == DiagramCluster::kType) {
    std::map<EntityType, Agraph_t*> clusters;
    for (size_t i = 0; i < graph.num_nodes(); ++i) {
      const EntityType type = graph.node(i).type;
      Agraph_t*& cluster = clusters[type];
      if (cluster == nullptr) {
        std::string name(EntityTypeName(type));
        cluster = MakeCluster(g, "cluster_" + name, name, "#f7f7f7", "#bdbdbd");
      }
      agsubnode(cluster, dot->nodes[i], 1);
    }
  } else if (mode == DiagramCluster::kCountry) {
    const std::vector<std::optional<size_t>> country = CountryClusters(graph);
    std::map<size_t, Agraph_t*> clusters;
    for (size_t i = 0; i < graph.num_nodes(); ++i) {
      if (!country[i]) continue;
      Agraph_t*& cluster = clusters[*country[i]];
      if (cluster == nullptr) {
        cluster = MakeCluster(g, "cluster_n" + std::to_string(*country[i]),
                              EscapeDotText(graph.node(*country[i]).label), "#fdf1f0",
                              std::string(EntityTypeColor(EntityType::kCountry)));
      }
      agsubnode(cluster, dot->nodes[i], 1);
    }
  }
}

// The title and the legend, as one HTML-like label table.
std::string LegendHtml(const KnowledgeGraph& graph, const DiagramOptions& options) {
  std::ostringstream html;
  html << "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">";
  if (!options.title.empty()) {
    html << "<tr><td align=\"left\"><font point-size=\"18\"><b>" << EscapeXml(options.title)
         << "</b></font></td></tr>";
  }
  if (options.legend) {
    const DiagramStyle& style = options.style;
    std::set<EntityType> types;
    for (size_t i = 0; i < graph.num_nodes(); ++i) types.insert(graph.node(i).type);
    if (!types.empty()) {
      html << "<tr><td align=\"left\"><table border=\"0\" cellborder=\"1\" "
              "cellspacing=\"3\" cellpadding=\"3\" color=\"" << kInk << "\"><tr>"
           << "<td border=\"0\"><font color=\"" << kMuted << "\">entities</font></td>";
      for (EntityType type : types) {
        const std::string name(EntityTypeName(type));
        const GraphvizAttributes& own = Of(style.types, name);
        std::string fill = Lookup(own, "fillcolor", Lookup(style.node, "fillcolor",
                                  std::string(EntityTypeColor(type))));
        std::string shape = Lookup(own, "shape", Lookup(style.node, "shape",
                                   std::string(EntityTypeShape(type))));
        html << "<td bgcolor=\"" << EscapeXml(fill) << "\">" << name
             << " <font point-size=\"9\" color=\"#333333\">" << EscapeXml(shape)
             << "</font></td>";
      }
      html << "</tr></table></td></tr>";
    }
    const std::map<std::string, std::string> colors = DiagramRelationColors(graph);
    if (!colors.empty()) {
      html << "<tr><td align=\"left\"><table border=\"0\" cellborder=\"0\" "
              "cellspacing=\"3\" cellpadding=\"2\"><tr>"
           << "<td><font color=\"" << kMuted << "\">relations</font></td>";
      for (const auto& [relation, fallback] : colors) {
        std::string color = EscapeXml(Lookup(Of(style.relations, relation), "color",
                                             Lookup(style.edge, "color", fallback)));
        html << "<td bgcolor=\"" << color
             << "\" width=\"22\" height=\"3\" fixedsize=\"true\" cellpadding=\"0\"></td>"
             << "<td><font color=\"" << color << "\">" << EscapeXml(relation)
             << "</font></td>";
      }
      html << "</tr></table></td></tr>";
    }
  }
  html << "</table>";
  return html.str();
}

void SetHtmlLabel(Agraph_t* g, const std::string& html) {
  Agsym_t* symbol = agattr(g, AGRAPH, Str("label"), Str(""));
  char* value = agstrdup_html(g, Str(html.c_str()));
  agxset(g, symbol, value);
  agstrfree(g, value);
}

// Builds the decorated graph. The order matters: cgraph copies the root's
// graph attributes into later subgraphs, so clusters get every attribute
// they show explicitly and the root's label comes last.
WriteResult Decorate(const KnowledgeGraph& graph, const DiagramOptions& options,
                     const std::string& layout, DotGraph* dot) {
  DotOptions dot_options;
  dot_options.comment = "";
  WriteResult result = BuildDotGraph(graph, dot_options, dot);
  if (!result.ok) return result;
  Agraph_t* g = dot->graph.get();
  ApplyDefaults(g, layout, options.cluster);
  SetAll(g, options.style.graph);
  StyleNodes(graph, options.style, dot);
  StyleEdges(graph, options.style, layout, dot);
  AddClusters(graph, options.cluster, dot);
  if (options.style.graph.count("label") == 0 &&
      (options.legend || !options.title.empty()) && graph.num_nodes() > 0) {
    SetHtmlLabel(g, LegendHtml(graph, options));
  }
  return WriteResult::Ok();
}

const char* FormatName(DiagramFormat format) {
  return format == DiagramFormat::kPng ? "png" : format == DiagramFormat::kPdf ? "pdf" : "svg";
}

// The one Graphviz context of the process, made on first use and never
// freed. Graphviz's pango plugin keeps, in a static variable, a pointer to
// the name of the last font it measured, which lives in the context's font
// table: after gvFreeContext() the next layout compares against freed memory
// (AddressSanitizer: heap-use-after-free in textspan_size). One context for
// every drawing keeps that table alive. Callers are serialised already
// (NOT thread-safe, see diagram.h).
GVC_t* GraphvizContext() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}

// Lays out and renders the graph into `bytes`.
WriteResult Render(Agraph_t* g, const std::string& layout, DiagramFormat format,
                   std::string* bytes) {
  ErrorCapture errors;
  struct Context {
    GVC_t* gvc = GraphvizContext();
  } context;
  if (context.gvc == nullptr) return WriteResult::Error("cannot start Graphviz");
  if (gvLayout(context.gvc, g, layout.c_str()) != 0) {
    return WriteResult::Error(errors.Message("Graphviz layout '" + layout + "' failed"));
  }
  char* data = nullptr;
  unsigned int length = 0;
  int status = gvRenderData(context.gvc, g, FormatName(format), &data, &length);
  if (status == 0 && data != nullptr) bytes->assign(data, length);
  if (data != nullptr) gvFreeRenderData(data);
  if (format == DiagramFormat::kPdf) NormalizePdf(bytes);  // the same bytes every run
  gvFreeLayout(context.gvc, g);
  if (status != 0 || bytes->empty()) {
    return WriteResult::Error(errors.Message(std::string("Graphviz cannot render ") +
                                             FormatName(format)));
  }
  return WriteResult::Ok();
}

// The whole picture, in memory, so that nothing is written on failure.
WriteResult Draw(const KnowledgeGraph& graph, const DiagramOptions& options,
                 std::string* bytes) {
  if (!graph.finalized()) {
    return WriteResult::Error("internal error: graph is not finalized");
  }
  const std::string layout = options.layout.empty() ? DefaultLayout(graph) : options.layout;
  const std::vector<std::string>& layouts = DiagramLayouts();
  if (std::find(layouts.begin(), layouts.end(), layout) == layouts.end()) {
    std::string names;
    for (const std::string& name : layouts) names += (names.empty() ? "" : ", ") + name;
    return WriteResult::Error("unknown layout '" + CleanText(layout) + "'; use one of: " +
                              names);
  }
  DotGraph dot;
  WriteResult result = Decorate(graph, options, layout, &dot);
  if (!result.ok) return result;
  if (options.format == DiagramFormat::kDot) {
    std::ostringstream out;
    result = WriteDotGraph(dot.graph.get(), out);
    *bytes = out.str();
    return result;
  }
  return Render(dot.graph.get(), layout, options.format, bytes);
}

template <typename T>
bool ParseName(std::string_view name,
               std::initializer_list<std::pair<std::string_view, T>> names, T* value) {
  for (const auto& [text, v] : names) {
    if (name == text) {
      *value = v;
      return true;
    }
  }
  return false;
}

}  // namespace

bool ParseDiagramFormat(std::string_view name, DiagramFormat* format) {
  return ParseName<DiagramFormat>(name, {{"svg", DiagramFormat::kSvg}, {"png", DiagramFormat::kPng},
                                         {"pdf", DiagramFormat::kPdf}, {"dot", DiagramFormat::kDot}},
                                  format);
}

bool ParseDiagramCluster(std::string_view name, DiagramCluster* cluster) {
  return ParseName<DiagramCluster>(name, {{"none", DiagramCluster::kNone},
                                          {"type", DiagramCluster::kType},
                                          {"country", DiagramCluster::kCountry}},
                                   cluster);
}

const std::vector<std::string>& DiagramLayouts() {
  static const std::vector<std::string> kLayouts = {"dot",  "neato", "fdp",
                                                    "sfdp", "circo", "twopi"};
  return kLayouts;
}

std::string DefaultLayout(const KnowledgeGraph& graph) {
  return graph.num_nodes() <= kDiagramDotMaxNodes ? "dot" : "sfdp";
}

std::vector<std::optional<size_t>> CountryClusters(const KnowledgeGraph& graph) {
  const size_t n = graph.num_nodes();
  // Outgoing membership edges: (target, weight).
  std::vector<std::vector<std::pair<size_t, int>>> up(n);
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef e = graph.edge(i);
    const std::string& p = e.props->predicate;
    if (p == "represents" || p == "part_of" || p == "member_of") {
      up[e.source].push_back({e.target, e.props->weight});
    }
  }
  auto is_country = [&](size_t i) { return graph.node(i).type == EntityType::kCountry; };

  std::vector<std::optional<size_t>> country(n);
  for (size_t start = 0; start < n; ++start) {
    if (is_country(start)) {
      country[start] = start;
      continue;
    }
    std::set<size_t> seen = {start};
    std::vector<size_t> frontier = {start};
    for (int depth = 0; depth < kCountryDepth && !frontier.empty() && !country[start];
         ++depth) {
      std::map<size_t, long> reached;  // country -> weight reaching it
      std::vector<size_t> next;
      for (size_t node : frontier) {
        for (const auto& [target, weight] : up[node]) {
          if (is_country(target)) {
            reached[target] += weight;
          } else if (seen.insert(target).second) {
            next.push_back(target);
          }
        }
      }
      for (const auto& [candidate, weight] : reached) {  // ascending index
        if (!country[start] || weight > reached[*country[start]]) country[start] = candidate;
      }
      frontier = std::move(next);
    }
  }
  return country;
}

std::map<std::string, std::string> DiagramRelationColors(const KnowledgeGraph& graph) {
  std::map<std::string, std::string> colors;
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const std::string& relation = graph.edge(i).props->predicate;
    colors.emplace(relation, DefaultRelationColor(relation));
  }
  size_t next = 0;
  for (auto& [relation, color] : colors) {
    if (color.empty()) color = kPalette[next++ % kPalette.size()];
  }
  return colors;
}

WriteResult WriteDiagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                         std::ostream& out) {
  std::string bytes;
  WriteResult result = Draw(graph, options, &bytes);
  if (!result.ok) return result;
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? WriteResult::Ok() : WriteResult::Error("output stream failed");
}

WriteResult WriteDiagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                         const std::string& path) {
  std::string bytes;
  WriteResult result = Draw(graph, options, &bytes);
  if (!result.ok) return result;
  return WriteFileAtomically(path, [&](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return WriteResult::Ok();
  });
}

}  // namespace kgrep
