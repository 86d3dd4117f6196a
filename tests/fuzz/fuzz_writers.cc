// Fuzzes every writer with arbitrary text: labels, aliases, keys, predicates,
// evidence sentences, document names and rule ids are any bytes (invalid
// UTF-8, control characters, markup, quotes, backslashes, DOT keywords). The
// graph accepts any bytes and cleans them (CleanText(), see
// graph/knowledge_graph.h); every writer must then produce a file that its
// reader parses, in which each text comes back exactly as the graph holds it,
// and in which node and edge ids are n<i> and e<i>, never text:
//
//   GraphML, GEXF    libxml2 (strict: any well-formedness error fails)
//   JSON             nlohmann::json
//   DOT              cgraph's agmemread, the parser of `dot` itself
//   Neo4j CSV        an RFC 4180 reader below
//   fragment         ReadFragments (the JSON Lines of `kgrep merge`)
//   HTML page        the JSON block parsed back; the page parsed by libxml2's
//                    HTML parser: two <script> elements (the page's own), no
//                    on* attribute; the SVG well-formed and its text the labels
//
// Without libxml2 (KGREP_FUZZ_HAVE_LIBXML2 undefined) the XML and HTML are
// written but not parsed back.
//
// Input: NUL-separated fields (tests/fuzz/fuzz_check.h): the first holds
// control bytes, the others the texts, in the order the code below reads them.

#include <graphviz/cgraph.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#ifdef KGREP_FUZZ_HAVE_LIBXML2
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif

#include "extract/extraction.h"
#include "graph/attribute_text.h"
#include "graph/dot_writer.h"
#include "graph/fragment.h"
#include "graph/gexf_writer.h"
#include "graph/graphml_writer.h"
#include "graph/html_page.h"
#include "graph/json_writer.h"
#include "graph/knowledge_graph.h"
#include "graph/neo4j_writer.h"
#include "tests/fuzz/fuzz_check.h"

namespace kgrep {
namespace {

using fuzz::Quote;

constexpr const char* kPredicates[] = {"welcomed", "thanked", "represents", "member_of",
                                       "part_of"};

// What the input describes: the extractions, and the texts of the options.
struct Recipe {
  std::vector<Extraction> extractions;
  size_t max_evidence = 20;
  std::string description;
  bool html = false;
  std::string title;
};

Recipe Read(const uint8_t* data, size_t size) {
  fuzz::Fields f(data, size);
  Recipe recipe;
  recipe.max_evidence = f.Below(4);
  const size_t documents = 1 + f.Below(2);
  for (size_t d = 0; d < documents; ++d) {
    Extraction x;
    x.document = f.Text();
    const size_t entities = 1 + f.Below(6);
    for (size_t i = 0; i < entities; ++i) {
      Entity e;
      e.label = f.Text();
      e.type = static_cast<EntityType>(f.Below(kEntityTypeCount));
      for (size_t a = f.Below(3); a > 0; --a) e.aliases.push_back(f.Text());
      e.mentions = static_cast<int>(f.Below(5));
      // Same key as the label, or another text: entities of other labels
      // merge. Keys are valid UTF-8, as kgrep makes them: a fragment would
      // merge keys that differ only in invalid bytes (graph/fragment.h).
      e.key = std::string(EntityTypeName(e.type)) + ":" + CleanText(f.Flag() ? e.label : f.Text());
      x.entities.push_back(std::move(e));
    }
    for (size_t r = f.Below(8); r > 0; --r) {
      Relation relation;
      relation.subject = f.Below(entities + 1);  // entities: out of range, dropped
      relation.object = f.Below(entities + 1);
      relation.predicate = f.Flag() ? std::string(kPredicates[f.Below(5)]) : f.Text();
      if (f.Flag()) relation.evidence.document = f.Text();  // else the extraction's
      relation.evidence.text = f.Text();
      relation.evidence.rule = f.Text();
      relation.evidence.begin = f.Byte();
      relation.evidence.end = relation.evidence.begin + relation.evidence.text.size();
      x.relations.push_back(std::move(relation));
    }
    recipe.extractions.push_back(std::move(x));
  }
  recipe.description = f.Text();
  recipe.html = f.Flag();
  recipe.title = f.Text();
  return recipe;
}

std::string JoinArray(const std::set<std::string>& items, char sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string Id(char prefix, size_t index) { return prefix + std::to_string(index); }

void ExpectText(const std::string& format, const std::string& what, const std::string& want,
                const std::string& got) {
  FUZZ_CHECK(want == got, format + ": " + what + ": wrote " + Quote(want) + ", read back " +
                              Quote(got));
}

// --- XML -------------------------------------------------------------------------
#ifdef KGREP_FUZZ_HAVE_LIBXML2

struct XmlDocCloser {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocCloser>;

// Parses `text` strictly: nullptr check fails on any well-formedness or
// namespace error. No network, no entity but the predefined ones.
XmlDoc ParseXml(const std::string& format, const std::string& text) {
  xmlParserCtxtPtr context = xmlNewParserCtxt();
  FUZZ_CHECK(context != nullptr, "xmlNewParserCtxt");
  xmlDoc* doc = xmlCtxtReadMemory(context, text.data(), static_cast<int>(text.size()), nullptr,
                                  "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
                                               XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  const bool ok = doc != nullptr && context->wellFormed && context->nsWellFormed;
  xmlFreeParserCtxt(context);
  if (!ok) {
    xmlFreeDoc(doc);
    FUZZ_CHECK(false, format + " is not well-formed XML:\n" + text.substr(0, 4000));
  }
  return XmlDoc(doc);
}

bool Named(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

std::vector<xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (Named(c, name)) out.push_back(c);
  }
  return out;
}

xmlNode* Child(const std::string& format, const xmlNode* parent, const char* name) {
  std::vector<xmlNode*> found = Children(parent, name);
  FUZZ_CHECK(found.size() == 1, format + ": expected one <" + name + ">");
  return found.front();
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "<unset>";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string Content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string out(value == nullptr ? "" : reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// <data key=K>text</data> children, by K.
std::map<std::string, std::string> DataOf(const xmlNode* node) {
  std::map<std::string, std::string> out;
  for (xmlNode* d : Children(node, "data")) out[Attribute(d, "key")] = Content(d);
  return out;
}

void CheckGraphML(const KnowledgeGraph& graph, const std::string& description,
                  const std::string& text) {
  const std::string f = "GraphML";
  XmlDoc doc = ParseXml(f, text);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  FUZZ_CHECK(root != nullptr && Named(root, "graphml"), "GraphML: no <graphml>");
  if (!description.empty()) ExpectText(f, "desc", description, Content(Child(f, root, "desc")));
  const xmlNode* g = Child(f, root, "graph");
  const std::vector<xmlNode*> nodes = Children(g, "node");
  const std::vector<xmlNode*> edges = Children(g, "edge");
  FUZZ_CHECK(nodes.size() == graph.num_nodes() && edges.size() == graph.num_edges(),
             "GraphML: wrong number of nodes or edges");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const NodeProps& node = graph.node(i);
    ExpectText(f, "node id", Id('n', i), Attribute(nodes[i], "id"));
    std::map<std::string, std::string> data = DataOf(nodes[i]);
    ExpectText(f, "label", node.label, data["label"]);
    ExpectText(f, "name", node.label, data["name"]);
    ExpectText(f, "aliases", JoinSet(node.aliases, "; "), data["aliases"]);
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    const EdgeRef edge = graph.edge(i);
    ExpectText(f, "edge id", Id('e', i), Attribute(edges[i], "id"));
    ExpectText(f, "edge source", Id('n', edge.source), Attribute(edges[i], "source"));
    ExpectText(f, "edge target", Id('n', edge.target), Attribute(edges[i], "target"));
    ExpectText(f, "edge label attribute", edge.props->predicate, Attribute(edges[i], "label"));
    std::map<std::string, std::string> data = DataOf(edges[i]);
    ExpectText(f, "relation", edge.props->predicate, data["relation"]);
    ExpectText(f, "rule", JoinSet(edge.props->rules, "; "), data["rule"]);
    ExpectText(f, "evidence", JoinEvidenceText(edge.props->evidence), data["evidence"]);
    ExpectText(f, "source", JoinEvidenceSource(edge.props->evidence), data["source"]);
  }
}

void CheckGexf(const KnowledgeGraph& graph, const std::string& description,
               const std::string& text) {
  const std::string f = "GEXF";
  XmlDoc doc = ParseXml(f, text);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  FUZZ_CHECK(root != nullptr && Named(root, "gexf"), "GEXF: no <gexf>");
  if (!description.empty()) {
    ExpectText(f, "description", description,
               Content(Child(f, Child(f, root, "meta"), "description")));
  }
  const xmlNode* g = Child(f, root, "graph");
  const std::vector<xmlNode*> nodes = Children(Child(f, g, "nodes"), "node");
  const std::vector<xmlNode*> edges = Children(Child(f, g, "edges"), "edge");
  FUZZ_CHECK(nodes.size() == graph.num_nodes() && edges.size() == graph.num_edges(),
             "GEXF: wrong number of nodes or edges");
  auto values = [&](const xmlNode* element) {
    std::map<std::string, std::string> out;
    for (xmlNode* v : Children(Child(f, element, "attvalues"), "attvalue")) {
      out[Attribute(v, "for")] = Attribute(v, "value");
    }
    return out;
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    const NodeProps& node = graph.node(i);
    ExpectText(f, "node id", Id('n', i), Attribute(nodes[i], "id"));
    ExpectText(f, "label", node.label, Attribute(nodes[i], "label"));
    ExpectText(f, "aliases", JoinSet(node.aliases, "; "), values(nodes[i])["aliases"]);
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    const EdgeRef edge = graph.edge(i);
    ExpectText(f, "edge id", Id('e', i), Attribute(edges[i], "id"));
    ExpectText(f, "edge source", Id('n', edge.source), Attribute(edges[i], "source"));
    ExpectText(f, "edge target", Id('n', edge.target), Attribute(edges[i], "target"));
    ExpectText(f, "kind", edge.props->predicate, Attribute(edges[i], "kind"));
    ExpectText(f, "label", edge.props->predicate, Attribute(edges[i], "label"));
    std::map<std::string, std::string> v = values(edges[i]);
    ExpectText(f, "relation", edge.props->predicate, v["relation"]);
    ExpectText(f, "rule", JoinSet(edge.props->rules, "; "), v["rule"]);
    ExpectText(f, "evidence", JoinEvidenceText(edge.props->evidence), v["evidence"]);
  }
}

#endif  // KGREP_FUZZ_HAVE_LIBXML2

// --- JSON ------------------------------------------------------------------------

std::vector<std::string> Strings(const nlohmann::json& array) {
  std::vector<std::string> out;
  for (const auto& item : array) out.push_back(item.get<std::string>());
  return out;
}

std::vector<std::string> Sorted(const std::set<std::string>& items) {
  return std::vector<std::string>(items.begin(), items.end());
}

void CheckJson(const KnowledgeGraph& graph, const std::string& description,
               const std::string& text) {
  const std::string f = "JSON";
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(!json.is_discarded(), "JSON does not parse:\n" + text.substr(0, 4000));
  if (!description.empty()) ExpectText(f, "description", description, json["description"]);
  const nlohmann::json& nodes = json["elements"]["nodes"];
  const nlohmann::json& edges = json["elements"]["edges"];
  FUZZ_CHECK(nodes.size() == graph.num_nodes() && edges.size() == graph.num_edges(),
             "JSON: wrong number of nodes or edges");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const NodeProps& node = graph.node(i);
    const nlohmann::json& data = nodes[i]["data"];
    ExpectText(f, "node id", Id('n', i), data["id"]);
    ExpectText(f, "label", node.label, data["label"]);
    ExpectText(f, "name", node.label, data["name"]);
    FUZZ_CHECK(Strings(data["aliases"]) == Sorted(node.aliases), "JSON: aliases differ");
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    const EdgeRef edge = graph.edge(i);
    const nlohmann::json& data = edges[i]["data"];
    ExpectText(f, "edge id", Id('e', i), data["id"]);
    ExpectText(f, "edge source", Id('n', edge.source), data["source"]);
    ExpectText(f, "edge target", Id('n', edge.target), data["target"]);
    ExpectText(f, "relation", edge.props->predicate, data["relation"]);
    FUZZ_CHECK(Strings(data["rules"]) == Sorted(edge.props->rules), "JSON: rules differ");
    const nlohmann::json& evidence = data["evidence"];
    FUZZ_CHECK(evidence.size() == edge.props->evidence.size(), "JSON: evidence count");
    for (size_t k = 0; k < evidence.size(); ++k) {
      const Evidence& e = edge.props->evidence[k];
      ExpectText(f, "evidence document", e.document, evidence[k]["document"]);
      ExpectText(f, "evidence text", e.text, evidence[k]["text"]);
      ExpectText(f, "evidence rule", e.rule, evidence[k]["rule"]);
    }
  }
}

// --- DOT -------------------------------------------------------------------------

// The inverse of EscapeDotText(): what a label means to Graphviz, which reads
// `\\` as a backslash, `\n` as a line break, `&amp;` as `&` and `&#xFEFF;`
// as U+FEFF.
std::string UnescapeDot(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
      out += text[i + 1] == 'n' ? '\n' : '\\';
      ++i;
    } else if (text.substr(i, 5) == "&amp;") {
      out += '&';
      i += 4;
    } else if (text.substr(i, 8) == "&#xFEFF;") {
      out += "\xEF\xBB\xBF";
      i += 7;
    } else {
      out += text[i];
    }
  }
  return out;
}

// What a label keeps in DOT: line ends become LF.
std::string DotLineEnds(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};

std::string DotAttribute(void* object, const char* name) {
  const char* value = agget(object, const_cast<char*>(name));
  return value == nullptr ? "<unset>" : value;
}

void CheckDot(const KnowledgeGraph& graph, const std::string& description,
              const std::string& text) {
  const std::string f = "DOT";
  std::unique_ptr<Agraph_t, GraphCloser> g(agmemread(text.c_str()));
  FUZZ_CHECK(g != nullptr, "DOT does not parse:\n" + text.substr(0, 4000));
  FUZZ_CHECK(static_cast<size_t>(agnnodes(g.get())) == graph.num_nodes() &&
                 static_cast<size_t>(agnedges(g.get())) == graph.num_edges(),
             "DOT: wrong number of nodes or edges");
  if (!description.empty()) {
    ExpectText(f, "comment", DotLineEnds(description),
               UnescapeDot(DotAttribute(g.get(), "comment")));
  }
  std::vector<Agnode_t*> nodes(graph.num_nodes());
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    std::string name = Id('n', i);
    nodes[i] = agnode(g.get(), name.data(), 0);
    FUZZ_CHECK(nodes[i] != nullptr, "DOT: no node " + name);
    ExpectText(f, "label", DotLineEnds(graph.node(i).label),
               UnescapeDot(DotAttribute(nodes[i], "label")));
  }
  // Edges are anonymous: compare the (source, target, label) multisets.
  std::vector<std::tuple<std::string, std::string, std::string>> want, got;
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    want.emplace_back(Id('n', edge.source), Id('n', edge.target),
                      DotLineEnds(edge.props->predicate));
  }
  for (Agnode_t* n : nodes) {
    for (Agedge_t* e = agfstout(g.get(), n); e != nullptr; e = agnxtout(g.get(), e)) {
      // An edge label never declared (every label empty) is empty.
      std::string label = DotAttribute(e, "label");
      got.emplace_back(agnameof(agtail(e)), agnameof(aghead(e)),
                       label == "<unset>" ? "" : UnescapeDot(label));
    }
  }
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  auto show = [](const auto& edges) {
    std::string out;
    for (const auto& [source, target, label] : edges) {
      out += " (" + source + ", " + target + ", " + Quote(label) + ")";
    }
    return out;
  };
  FUZZ_CHECK(want == got, "DOT: edges differ: wrote" + show(want) + ", read back" + show(got));
}

// --- Neo4j CSV ---------------------------------------------------------------------

// Reads RFC 4180 CSV strictly: a quoted field ends at a quote followed by a
// comma, a line end or the end; a quote elsewhere fails.
std::vector<std::vector<std::string>> ReadCsv(const std::string& f, const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        FUZZ_CHECK(i < text.size(), f + ": unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          field += text[i];
        }
      }
      FUZZ_CHECK(i == text.size() || text[i] == ',' || text[i] == '\n',
                 f + ": text after a closing quote");
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n') {
        FUZZ_CHECK(text[i] != '"' && text[i] != '\r', f + ": bare quote or CR in a field");
        field += text[i++];
      }
    }
    row.push_back(std::move(field));
    field.clear();
    if (i < text.size() && text[i] == '\n') {
      rows.push_back(std::move(row));
      row.clear();
    }
    ++i;  // past the comma or the line end
  }
  FUZZ_CHECK(row.empty(), f + ": the last line has no line end");
  return rows;
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

void CheckNeo4j(const KnowledgeGraph& graph, const std::string& nodes_text,
                const std::string& relationships_text) {
  const std::vector<std::vector<std::string>> nodes = ReadCsv("nodes.csv", nodes_text);
  const std::vector<std::vector<std::string>> rels =
      ReadCsv("relationships.csv", relationships_text);
  FUZZ_CHECK(nodes.size() == graph.num_nodes() + 1 && rels.size() == graph.num_edges() + 1,
             "Neo4j CSV: wrong number of rows");
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const std::vector<std::string>& row = nodes[i + 1];
    FUZZ_CHECK(row.size() == nodes[0].size(), "nodes.csv: wrong number of fields");
    ExpectText("nodes.csv", "id", Id('n', i), row[0]);
    ExpectText("nodes.csv", "name", graph.node(i).label, row[1]);
    ExpectText("nodes.csv", "aliases", JoinArray(graph.node(i).aliases, ';'), row[4]);
  }
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    const std::vector<std::string>& row = rels[i + 1];
    FUZZ_CHECK(row.size() == rels[0].size(), "relationships.csv: wrong number of fields");
    ExpectText("relationships.csv", "start", Id('n', edge.source), row[0]);
    ExpectText("relationships.csv", "end", Id('n', edge.target), row[1]);
    ExpectText("relationships.csv", "type", Upper(edge.props->predicate), row[2]);
    ExpectText("relationships.csv", "rules", JoinArray(edge.props->rules, ';'), row[4]);
    ExpectText("relationships.csv", "evidence", JoinEvidenceText(edge.props->evidence), row[5]);
  }
}

// --- HTML page -----------------------------------------------------------------------

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

size_t Count(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

#ifdef KGREP_FUZZ_HAVE_LIBXML2
// Every element of the HTML parse: counts <script>, and no attribute may be
// an event handler.
void WalkHtml(const xmlNode* node, size_t* scripts) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (Lower(reinterpret_cast<const char*>(node->name)) == "script") ++*scripts;
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
      const std::string name = Lower(reinterpret_cast<const char*>(a->name));
      FUZZ_CHECK(name.rfind("on", 0) != 0,
                 "HTML: an event handler attribute '" + name + "' on <" +
                     reinterpret_cast<const char*>(node->name) + ">");
    }
    WalkHtml(node->children, scripts);
  }
}

// `text` with no-break spaces as spaces: Graphviz draws the second of two
// spaces as U+00A0, so drawn text is compared after this on both sides.
std::string Spaces(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) {
      out += ' ';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The lines Graphviz drew for one object: the <text> elements of the SVG
// group with this id, joined by LF.
std::string SvgText(const xmlNode* node, const std::string& id, bool* found) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (Named(node, "g") && Attribute(node, "id") == id) {
      *found = true;
      std::string lines;
      std::vector<std::string> texts;
      std::function<void(const xmlNode*)> collect = [&](const xmlNode* n) {
        for (; n != nullptr; n = n->next) {
          if (Named(n, "text")) texts.push_back(Content(n));
          else collect(n->children);
        }
      };
      collect(node->children);
      for (size_t i = 0; i < texts.size(); ++i) lines += (i ? "\n" : "") + texts[i];
      return lines;
    }
    std::string inner = SvgText(node->children, id, found);
    if (*found) return inner;
  }
  return "";
}
#endif

// Graphviz (2.42/2.43) cannot draw characters beyond U+FFFF (4-byte UTF-8)
// and draws text on lines of its own; only labels it can draw are compared
// with the picture.
bool Drawable(const std::string& label) {
  for (unsigned char c : label) {
    if (c >= 0xF0) return false;
  }
  return label.find('\n') == std::string::npos && label.find('\r') == std::string::npos &&
         label.find_first_not_of(" \t") != std::string::npos &&
         label.front() != ' ' && label.back() != ' ' && label.front() != '\t' &&
         label.back() != '\t';
}

void CheckHtml(const KnowledgeGraph& graph, const std::string& title, const std::string& page) {
  const std::string f = "HTML page";
  const std::string lower = Lower(page);
  FUZZ_CHECK(Count(lower, "<script") == 2 && Count(lower, "</script") == 2,
             "HTML: other <script> tags than the page's two");
  const std::string open = "<script type=\"application/json\" id=\"graph-data\">";
  const size_t begin = page.find(open);
  FUZZ_CHECK(begin != std::string::npos, "HTML: no graph data");
  const size_t end = lower.find("</script", begin);
  const std::string block = page.substr(begin + open.size(), end - begin - open.size());
  FUZZ_CHECK(Lower(block).find("<!--") == std::string::npos, "HTML: <!-- in the data block");
  nlohmann::json data = nlohmann::json::parse(block, nullptr, false);
  FUZZ_CHECK(!data.is_discarded(), "HTML: the data block is not JSON");
  FUZZ_CHECK(data["nodes"].size() == graph.num_nodes() && data["edges"].size() == graph.num_edges(),
             "HTML: wrong number of nodes or edges in the data");
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    ExpectText(f, "node id", Id('n', i), data["nodes"][i]["id"]);
    ExpectText(f, "label", graph.node(i).label, data["nodes"][i]["label"]);
    FUZZ_CHECK(Strings(data["nodes"][i]["aliases"]) == Sorted(graph.node(i).aliases),
               "HTML: aliases differ");
  }
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef edge = graph.edge(i);
    ExpectText(f, "edge id", Id('e', i), data["edges"][i]["id"]);
    ExpectText(f, "relation", edge.props->predicate, data["edges"][i]["relation"]);
    const nlohmann::json& evidence = data["edges"][i]["evidence"];
    for (size_t k = 0; k < evidence.size() && k < edge.props->evidence.size(); ++k) {
      ExpectText(f, "evidence text", edge.props->evidence[k].text, evidence[k]["text"]);
      ExpectText(f, "evidence document", edge.props->evidence[k].document,
                 evidence[k]["document"]);
    }
  }
#ifdef KGREP_FUZZ_HAVE_LIBXML2
  // The page as a browser builds it (libxml2's HTML parser is forgiving in
  // the same places): only the page's own scripts, no event handlers.
  htmlDocPtr html = htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  FUZZ_CHECK(html != nullptr, "HTML: libxml2 cannot parse the page");
  size_t scripts = 0;
  WalkHtml(xmlDocGetRootElement(html), &scripts);
  FUZZ_CHECK(scripts == 2, "HTML: " + std::to_string(scripts) + " <script> elements, not 2");
  std::vector<xmlNode*> h1;
  std::function<void(xmlNode*)> find_h1 = [&](xmlNode* n) {
    for (; n != nullptr; n = n->next) {
      if (Named(n, "h1")) h1.push_back(n);
      find_h1(n->children);
    }
  };
  find_h1(xmlDocGetRootElement(html));
  FUZZ_CHECK(h1.size() == 1, "HTML: not one <h1>");
  ExpectText(f, "heading", title, Content(h1.front()));
  xmlFreeDoc(html);

  // The inline SVG is XML: well-formed, and it draws each label as it is.
  const size_t svg_begin = page.find("<svg");
  const size_t svg_end = page.find("</svg>");
  FUZZ_CHECK(svg_begin != std::string::npos && svg_end != std::string::npos, "HTML: no SVG");
  XmlDoc svg = ParseXml("SVG", page.substr(svg_begin, svg_end + 6 - svg_begin));
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    bool found = false;
    const std::string drawn = SvgText(xmlDocGetRootElement(svg.get()), Id('n', i), &found);
    FUZZ_CHECK(found, "SVG: no group for node " + Id('n', i));
    if (Drawable(graph.node(i).label)) {
      ExpectText("SVG", "label", Spaces(graph.node(i).label), Spaces(drawn));
    }
  }
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    bool found = false;
    const std::string drawn = SvgText(xmlDocGetRootElement(svg.get()), Id('e', i), &found);
    FUZZ_CHECK(found, "SVG: no group for edge " + Id('e', i));
    const std::string& predicate = graph.edge(i).props->predicate;
    if (Drawable(predicate)) ExpectText("SVG", "edge label", Spaces(predicate), Spaces(drawn));
  }
#endif
}

}  // namespace
}  // namespace kgrep

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kgrep;
  const Recipe recipe = Read(data, size);
  GraphOptions options;
  options.max_evidence = recipe.max_evidence;
  KnowledgeGraph graph(options);
  for (const Extraction& x : recipe.extractions) graph.Add(x);
  graph.Finalize();
  const std::string description = CleanText(recipe.description);
  if (std::getenv("KGREP_FUZZ_VERBOSE") != nullptr) {  // for writing seeds
    std::fprintf(stderr, "%zu nodes, %zu edges, html %d, labels:", graph.num_nodes(),
                 graph.num_edges(), recipe.html ? 1 : 0);
    for (size_t i = 0; i < graph.num_nodes(); ++i) {
      std::fprintf(stderr, " %s", fuzz::Quote(graph.node(i).label).c_str());
    }
    std::fprintf(stderr, "\n");
  }

  std::ostringstream graphml, gexf, json, dot, nodes, relationships;
  GraphMLOptions graphml_options;
  graphml_options.description = recipe.description;
  GexfOptions gexf_options;
  gexf_options.description = recipe.description;
  JsonOptions json_options;
  json_options.description = recipe.description;
  DotOptions dot_options;
  dot_options.comment = recipe.description;
  for (const WriteResult& result :
       {WriteGraphML(graph, graphml, graphml_options), WriteGexf(graph, gexf, gexf_options),
        WriteJson(graph, json, json_options), WriteDot(graph, dot, dot_options),
        WriteNeo4jCsv(graph, nodes, relationships)}) {
    FUZZ_CHECK(result.ok, result.error);
  }
#ifdef KGREP_FUZZ_HAVE_LIBXML2
  CheckGraphML(graph, description, graphml.str());
  CheckGexf(graph, description, gexf.str());
#endif
  CheckJson(graph, description, json.str());
  CheckDot(graph, description, dot.str());
  CheckNeo4j(graph, nodes.str(), relationships.str());

  // The fragments of the extractions read back into the same graph.
  // (Without the relations that point past the entities: the graph drops
  // them, a fragment with one is an error.)
  std::stringstream lines;
  for (const Extraction& x : recipe.extractions) {
    Fragment fragment;
    fragment.extraction = x;
    std::vector<Relation>& relations = fragment.extraction.relations;
    relations.erase(std::remove_if(relations.begin(), relations.end(),
                                   [&](const Relation& r) {
                                     return r.subject >= x.entities.size() ||
                                            r.object >= x.entities.size();
                                   }),
                    relations.end());
    WriteFragment(fragment, lines);
  }
  KnowledgeGraph merged(options);
  const Status read = ReadFragments(lines, "fragments", [&](Fragment&& fragment) {
    merged.Add(fragment.extraction);
    return Status::Ok();
  });
  FUZZ_CHECK(read.ok(), read.message());
  merged.Finalize();
  std::ostringstream merged_graphml;
  FUZZ_CHECK(WriteGraphML(merged, merged_graphml, graphml_options).ok, "GraphML of the merge");
  FUZZ_CHECK(merged_graphml.str() == graphml.str(),
             "the graph read from fragments differs from the graph");

  // The page lays the graph out with Graphviz: slow, so only small graphs.
  if (recipe.html && graph.num_nodes() <= 8) {
    HtmlPageOptions page_options;
    page_options.title = recipe.title;
    std::ostringstream page;
    const WriteResult result = WriteHtmlPage(graph, page_options, page);
    FUZZ_CHECK(result.ok, result.error);
    CheckHtml(graph, CleanText(recipe.title), page.str());
  }
  return 0;
}
