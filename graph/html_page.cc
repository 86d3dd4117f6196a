#include "graph/html_page.h"

#include <charconv>
#include <sstream>
#include <string>

#include "graph/graphml_writer.h"

namespace kgrep {

namespace {

constexpr const char* kStyle = R"css(
html, body { margin: 0; height: 100%; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; padding: .4em .8em;
  border-bottom: 1px solid #ccc; background: #f7f7f7; }
header h1 { font-size: 1.1em; margin: 0 1em 0 0; }
header form { display: flex; gap: .3em; }
#status { color: #555; }
main { flex: 1; display: flex; min-height: 0; }
#view { flex: 1; overflow: hidden; cursor: grab; background: #fff; touch-action: none; }
#view:active { cursor: grabbing; }
#view svg { width: 100%; height: 100%; display: block; user-select: none; }
#view .hit { fill: none; stroke: transparent; stroke-width: 12px; pointer-events: stroke; }
#view g.node, #view g.edge { cursor: pointer; }
#view .found polygon, #view .found ellipse, #view .found path:not(.hit) {
  stroke: #ff3d00; stroke-width: 4px; }
#view .selected polygon, #view .selected ellipse, #view .selected path:not(.hit) {
  stroke: #000; stroke-width: 3px; }
aside { width: 30em; max-width: 45%; overflow: auto; border-left: 1px solid #ccc; padding: 0 1em; }
aside h2 { font-size: 1.1em; }
aside dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
aside dt { color: #555; }
aside dd { margin: 0; overflow-wrap: anywhere; }
aside blockquote { margin: .2em 0 .8em; padding-left: .6em; border-left: 3px solid #ccc; }
aside .where { color: #555; font-size: .9em; }
aside button.link { border: 0; background: none; color: #1565c0; padding: 0; cursor: pointer;
  text-align: left; font: inherit; }
#selftest { white-space: pre-wrap; }
)css";

// Reads the graph from #graph-data; writes document text with textContent
// only, never as markup.
constexpr const char* kScript = R"js(
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  data.edges.forEach(function (e) { byId[e.id] = e; });
  var svg = document.querySelector("#view svg");
  var panel = document.getElementById("panel");
  var status = document.getElementById("status");
  var box = svg.viewBox.baseVal;
  var home = [box.x, box.y, box.width, box.height], vb = home.slice();
  svg.removeAttribute("width");
  svg.removeAttribute("height");

  function show() { svg.setAttribute("viewBox", vb.join(" ")); }
  function zoom(f, x, y) {
    if (x === undefined) { x = vb[0] + vb[2] / 2; y = vb[1] + vb[3] / 2; }
    vb = [x - (x - vb[0]) * f, y - (y - vb[1]) * f, vb[2] * f, vb[3] * f];
    show();
  }
  function point(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = point(ev);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  var drag = null, moved = 0;
  svg.addEventListener("pointerdown", function (ev) { drag = point(ev); moved = 0; });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var p = point(ev);  // the point under the cursor stays where it was grabbed
    vb[0] -= p.x - drag.x; vb[1] -= p.y - drag.y;
    moved += Math.abs(ev.movementX) + Math.abs(ev.movementY);
    show();
  });
  window.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("zoom-in").onclick = function () { zoom(0.8); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.25); };
  document.getElementById("zoom-fit").onclick = function () { vb = home.slice(); show(); };

  // Edges are thin: a wide transparent copy of each path takes the clicks.
  svg.querySelectorAll("g.edge > path").forEach(function (p) {
    var c = p.cloneNode(false);
    c.setAttribute("class", "hit");
    p.parentNode.insertBefore(c, p);
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function row(dl, key, value) {
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", String(value)));
  }
  function describe(x) {
    return x.source === undefined ? x.label
        : byId[x.source].label + " \u2192 " + x.relation + " \u2192 " + byId[x.target].label;
  }
  function mark(cls, ids) {
    svg.querySelectorAll("." + cls).forEach(function (g) { g.classList.remove(cls); });
    ids.forEach(function (id) {
      var g = document.getElementById(id);
      if (g) g.classList.add(cls);
    });
  }
  function link(id) {
    var b = el("button", describe(byId[id]), "link");
    b.type = "button";
    b.onclick = function () { open(id); centre(id); };
    return b;
  }
  function open(id) {
    var x = byId[id], dl = el("dl");
    mark("selected", [id]);
    panel.textContent = "";
    panel.appendChild(el("h2", describe(x)));
    panel.appendChild(dl);
    if (x.source !== undefined) {
      row(dl, "relation", x.relation);
      row(dl, "weight", x.weight);
      row(dl, "rules", x.rules.join(", "));
      panel.appendChild(el("h3", "Evidence (" + x.evidence.length +
          (x.evidence.length < x.weight ? " of " + x.weight : "") + ")"));
      var ol = panel.appendChild(el("ol"));
      x.evidence.forEach(function (v) {
        var li = ol.appendChild(el("li"));
        li.appendChild(el("div", v.document + ", bytes " + v.begin + "\u2013" + v.end +
            ", rule " + v.rule, "where"));
        li.appendChild(el("blockquote", v.text));
      });
      return;
    }
    row(dl, "type", x.type);
    if (x.aliases.length) row(dl, "aliases", x.aliases.join("; "));
    row(dl, "mentions", x.mentions);
    row(dl, "documents", x.documents);
    row(dl, "edges in / out", x.in_degree + " / " + x.out_degree);
    row(dl, "betweenness", x.betweenness);
    row(dl, "component", x.component);
    var edges = data.edges.filter(function (e) { return e.source === id || e.target === id; });
    panel.appendChild(el("h3", "Edges (" + edges.length + ")"));
    var ul = panel.appendChild(el("ul"));
    edges.forEach(function (e) { ul.appendChild(el("li")).appendChild(link(e.id)); });
  }
  function centre(id) {
    var g = document.getElementById(id);
    if (!g) return;
    var b = g.getBBox(), p = svg.createSVGPoint();
    p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    p = p.matrixTransform(svg.getScreenCTM().inverse().multiply(g.getScreenCTM()));
    vb[0] = p.x - vb[2] / 2; vb[1] = p.y - vb[3] / 2;
    show();
  }
  svg.addEventListener("click", function (ev) {
    if (moved > 4) return;
    var g = ev.target.closest("g.node, g.edge");
    if (g && byId[g.id]) open(g.id);
  });

  var hits = [], current = 0, last = null;
  function search(text) {
    var q = text.trim().toLowerCase();
    if (q !== last) {
      last = q; current = 0;
      hits = !q ? [] : data.nodes.filter(function (n) {
        return [n.label].concat(n.aliases).some(function (s) {
          return s.toLowerCase().indexOf(q) >= 0;
        });
      });
      hits.sort(function (a, b) {  // an exact label first; stable otherwise
        return (b.label.toLowerCase() === q) - (a.label.toLowerCase() === q);
      });
    } else if (hits.length) {
      current = (current + 1) % hits.length;
    }
    mark("found", hits.map(function (n) { return n.id; }));
    if (!q) { status.textContent = ""; return hits; }
    if (!hits.length) { status.textContent = "no node matches \u201c" + text.trim() + "\u201d"; return hits; }
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
        ", showing " + (current + 1) + ": " + hits[current].label;
    centre(hits[current].id);
    return hits;
  }
  document.getElementById("find").onsubmit = function (ev) {
    ev.preventDefault();
    search(document.getElementById("q").value);
  };

  var test = /^#selftest=(.*)$/.exec(location.hash);
  if (test) {
    var q = decodeURIComponent(test[1]), out = ["query: " + q];
    document.getElementById("q").value = q;
    var found = search(q);
    out.push("search: " + status.textContent);
    if (found.length) {
      var n = found[0];
      var e = data.edges.find(function (e) { return e.source === n.id || e.target === n.id; });
      var target = document.getElementById(e ? e.id : n.id);
      out.push("hit: " + n.id + " " + n.label);
      target.querySelector("path, polygon, ellipse, text")
          .dispatchEvent(new MouseEvent("click", { bubbles: true }));
      out.push("clicked: " + target.id);
      out.push("panel: " + panel.innerText);
    }
    var pre = document.getElementById("selftest");
    pre.textContent = out.join("\n");
    pre.hidden = false;
  }
})();
)js";

std::string Number(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::general, 6);
  return std::string(buffer, result.ptr);
}

void WriteStrings(std::ostream& out, const auto& strings) {
  out << '[';
  bool first = true;
  for (const std::string& s : strings) {
    out << (first ? "" : ",") << JsonStringForHtml(s);
    first = false;
  }
  out << ']';
}

void WriteJson(const KnowledgeGraph& graph, std::ostream& out) {
  out << "{\"nodes\":[";
  for (size_t i = 0; i < graph.num_nodes(); ++i) {
    const NodeProps& n = graph.node(i);
    out << (i == 0 ? "" : ",") << "\n{\"id\":\"n" << i << "\",\"label\":"
        << JsonStringForHtml(n.label) << ",\"type\":\"" << EntityTypeName(n.type)
        << "\",\"aliases\":";
    WriteStrings(out, n.aliases);
    out << ",\"mentions\":" << n.mentions << ",\"documents\":" << n.documents
        << ",\"in_degree\":" << n.in_degree << ",\"out_degree\":" << n.out_degree
        << ",\"betweenness\":" << Number(n.betweenness) << ",\"component\":" << n.component
        << "}";
  }
  out << "],\n\"edges\":[";
  for (size_t i = 0; i < graph.num_edges(); ++i) {
    const EdgeRef e = graph.edge(i);
    out << (i == 0 ? "" : ",") << "\n{\"id\":\"e" << i << "\",\"source\":\"n" << e.source
        << "\",\"target\":\"n" << e.target << "\",\"relation\":"
        << JsonStringForHtml(e.props->predicate) << ",\"weight\":" << e.props->weight
        << ",\"rules\":";
    WriteStrings(out, e.props->rules);
    out << ",\"evidence\":[";
    bool first = true;
    for (const Evidence& v : e.props->evidence) {
      out << (first ? "" : ",") << "\n {\"document\":" << JsonStringForHtml(v.document)
          << ",\"begin\":" << v.begin << ",\"end\":" << v.end
          << ",\"text\":" << JsonStringForHtml(v.text)
          << ",\"rule\":" << JsonStringForHtml(v.rule) << "}";
      first = false;
    }
    out << "]}";
  }
  out << "]}";
}

}  // namespace

std::string JsonStringForHtml(std::string_view text) {
  const std::string clean = CleanText(text);
  std::string out = "\"";
  for (size_t i = 0; i < clean.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(clean[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      static const char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else if (c == 0xE2 && i + 2 < clean.size() && clean[i + 1] == '\x80' &&
               (clean[i + 2] == '\xA8' || clean[i + 2] == '\xA9')) {
      out += clean[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";  // JS line separators
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

WriteResult WriteHtmlPage(const KnowledgeGraph& graph, const HtmlPageOptions& options,
                          std::ostream& out) {
  DiagramOptions diagram = options.diagram;
  diagram.format = DiagramFormat::kSvg;
  std::ostringstream svg_out;
  WriteResult result = WriteDiagram(graph, diagram, svg_out);
  if (!result.ok) return result;
  // Inline SVG starts at the element: no XML declaration or doctype.
  const std::string svg = svg_out.str();
  const size_t start = svg.find("<svg");
  if (start == std::string::npos) return WriteResult::Error("Graphviz wrote no SVG");

  const std::string title = EscapeXml(options.title);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << title << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<header><h1>" << title << "</h1>\n"
      << "<form id=\"find\" role=\"search\"><input id=\"q\" type=\"search\" "
         "placeholder=\"Find a name or alias\" aria-label=\"Find a node\">"
         "<button type=\"submit\">Find</button></form>\n"
      << "<button id=\"zoom-in\" type=\"button\" title=\"Zoom in\">+</button>"
         "<button id=\"zoom-out\" type=\"button\" title=\"Zoom out\">&#8722;</button>"
         "<button id=\"zoom-fit\" type=\"button\" title=\"Show all\">fit</button>\n"
      << "<span id=\"status\" role=\"status\"></span></header>\n"
      << "<main>\n<div id=\"view\">\n" << svg.substr(start) << "</div>\n"
      << "<aside id=\"panel\"><p>" << graph.num_nodes() << " nodes, " << graph.num_edges()
      << " edges. Click a node or an edge to see its evidence; drag to pan, "
         "scroll to zoom.</p></aside>\n</main>\n"
      << "<pre id=\"selftest\" hidden></pre>\n"
      << "<script type=\"application/json\" id=\"graph-data\">";
  WriteJson(graph, out);
  out << "</script>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  return out ? WriteResult::Ok() : WriteResult::Error("output stream failed");
}

}  // namespace kgrep
