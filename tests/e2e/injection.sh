#!/usr/bin/env bash
# Nothing in a document leaks into what kgrep writes (issue 6, section 4).
#
# tests/data/injection/injection.txt names people (found by the bundled pack,
# and by names.yaml beside it for names no real pack would accept) with
# markup (<script>, </script>, <img onerror>), quotes, backslashes, ]]>,
# CDATA and comment openers, HTML entities (&amp; &lt; &#x27;), DOT syntax and
# keywords (graph, node, edge, subgraph, strict digraph), Graphviz escapes
# (\N \G \L) and control characters; the document's file name is hostile too.
# For every format, the program a user opens it with must parse it and give
# back each name literally, ids must be n<i>/e<i> (never text), and the HTML
# page must run no script of the document's:
#
#   GraphML   xmllint, networkx, igraph, graphology; ids and text by ElementTree
#   GEXF      xmllint, graphology; ids and text by ElementTree
#   JSON      Python's json          Neo4j CSV   Python's csv
#   DOT       Graphviz: parsed (dot -Tjson0: node names and labels), and
#             drawn (dot -Tsvg): the picture shows each name as it is
#   SVG       kgrep's own drawing: xmllint, and each name drawn as it is
#   HTML      headless Chromium: the injected scripts would set
#             document.title or a data-pwned attribute; neither happens, the
#             DOM has only the page's two <script>s, and the page's search
#             finds and shows a name made of markup as text
#
# Usage: KGREP=path/to/kgrep injection.sh RULES.yaml
# Exits 0 if nothing leaks, 1 if something does, 77 (skipped) if a consumer
# is not installed.
set -u
rules=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data/injection
consumers=$here/../consumers
chromium=/usr/bin/chromium
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# --- consumers ---------------------------------------------------------------
for tool in xmllint dot node; do
  command -v "$tool" >/dev/null || skip "$tool not installed (.ci/install-deps)"
done
[ -x "$chromium" ] || skip "$chromium not installed (Debian package chromium)"
[ -d "$consumers/node_modules/graphology-gexf" ] ||
  skip "graphology not installed (npm ci --prefix tests/consumers)"
nx_py=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import networkx' 2>/dev/null; then nx_py=$p; break; fi
done
[ -n "$nx_py" ] || skip "no python3 with networkx (apt-get install python3-networkx)"
ig_py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import igraph' 2>/dev/null; then ig_py=$p; break; fi
done
[ -n "$ig_py" ] || skip "no python3 with igraph (apt-get install python3-igraph)"

# --- kgrep, once per format, on a document with a hostile name -----------------
doc_name="<b>&amp;'\" ]]> \\doc.txt"
cp "$data/injection.txt" "$tmp/$doc_name"
cd "$tmp" || exit 1
extract() {  # OUTPUT [--format F]
  local out=$1
  shift
  "$KGREP" extract --rules "$rules" --rules "$data/names.yaml" --rules "$data/style.yaml" "$@" \
    -o "$out" "$doc_name" ||
    fail "kgrep extract -o $out $*"
}
extract g.graphml
extract g.gexf
extract g.json
extract neo4j --format neo4j
extract g.dot
extract g.svg
extract g.html
dot -Tjson0 g.dot >g.dot.json || fail "Graphviz cannot parse the DOT file"
dot -Tsvg g.dot >g.dot.svg || fail "Graphviz cannot draw the DOT file"
for f in g.graphml g.gexf g.svg g.dot.svg; do
  xmllint --noout "$f" || fail "xmllint rejects $f"
done
echo "parsed: xmllint (GraphML, GEXF, SVG), dot (DOT)"

# The names as the document writes them, and as they must come back. Control
# characters are the one change, by design (no XML 1.0 file can hold them):
# the document's clean-up makes ESC a space and drops BEL; DEL is a character.
cat >names.json <<'EOF'
["<script>document.title='pwned'</script>",
 "</script><script>document.title='pwned'</script>",
 "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
 "Zoë \"the Quoted\" O'Hara",
 "C:\\new\\table\\",
 "X]]>Y <![CDATA[ Z ]]> <!-- c -->",
 "&amp; &lt;b&gt; &#x27; &quot; Co",
 "x\"]; n1 -> n0 [color=red]; { rank=same } //",
 "\\N \\G \\L end\\",
 "Bell Ringer [31m Red\u007f",
 "Graph", "Node", "Edge", "Subgraph", "Strict Digraph Ministry", "O'brien", "Geneva"]
EOF
printf '%s' "$doc_name" >doc-name.txt

# --- Python readers: networkx, json, csv, ElementTree, Graphviz's JSON -----------
"$nx_py" - <<'PY' || fail "a reader disagrees (see above)"
import csv, json, re, sys
import xml.etree.ElementTree as ET
import networkx as nx

names = json.load(open("names.json", encoding="utf-8"))
doc = open("doc-name.txt", encoding="utf-8").read()
problems = []
node_id = re.compile(r"n[0-9]+\Z")
edge_id = re.compile(r"e[0-9]+\Z")

def check(reader, labels, node_ids, edge_ids=(), refs=()):
    labels = list(labels)
    for name in names:
        if name not in labels:
            problems.append(f"{reader}: {name!r} is not a label; labels: {sorted(labels)}")
    if len(set(labels)) != len(labels):
        problems.append(f"{reader}: two nodes share a label")
    for i in node_ids:
        if not node_id.match(i):
            problems.append(f"{reader}: node id {i!r} is not n<i>")
    for i in edge_ids:
        if not edge_id.match(i):
            problems.append(f"{reader}: edge id {i!r} is not e<i>")
    for i in refs:
        if not node_id.match(i):
            problems.append(f"{reader}: an edge points at {i!r}, not n<i>")
    print(f"{reader}: {len(labels)} nodes, names literal")

MARKUP = "Envoy «<script>document.title='pwned'</script>» to Geneva."

def holds(values, needle, what, reader):
    if not any(needle in v for v in values):
        problems.append(f"{reader}: no {what} holds {needle!r} literally")

G = "{http://graphml.graphdrawing.org/xmlns}"
root = ET.parse("g.graphml").getroot()
nodes = root.iter(G + "node")
edges = list(root.iter(G + "edge"))
data = lambda el, key: next((d.text or "" for d in el.findall(G + "data") if d.get("key") == key), "")
gm_nodes = list(root.iter(G + "node"))
check("GraphML (ElementTree)", [data(n, "label") for n in gm_nodes], [n.get("id") for n in gm_nodes],
      [e.get("id") for e in edges], [e.get(k) for e in edges for k in ("source", "target")])
holds([data(e, "evidence") for e in edges], MARKUP, "evidence", "GraphML")
holds([data(e, "source") for e in edges], doc, "source", "GraphML")

g = nx.read_graphml("g.graphml", force_multigraph=True)
check("GraphML (networkx)", [g.nodes[n]["label"] for n in g], list(g.nodes),
      [k for _, _, k in g.edges(keys=True)])

X = "{http://gexf.net/1.3}"
root = ET.parse("g.gexf").getroot()
gx_nodes, gx_edges = list(root.iter(X + "node")), list(root.iter(X + "edge"))
check("GEXF (ElementTree)", [n.get("label") for n in gx_nodes], [n.get("id") for n in gx_nodes],
      [e.get("id") for e in gx_edges], [e.get(k) for e in gx_edges for k in ("source", "target")])
att = lambda el, key: next((a.get("value") for a in el.iter(X + "attvalue") if a.get("for") == key), "")
holds([att(e, "evidence") for e in gx_edges], MARKUP, "evidence", "GEXF")
holds([att(e, "source") for e in gx_edges], doc, "source", "GEXF")

js = json.load(open("g.json", encoding="utf-8"))["elements"]
jn = [n["data"] for n in js["nodes"]]
je = [e["data"] for e in js["edges"]]
check("JSON", [n["label"] for n in jn], [n["id"] for n in jn], [e["id"] for e in je],
      [e[k] for e in je for k in ("source", "target")])
holds([v["text"] for e in je for v in e["evidence"]], MARKUP, "evidence text", "JSON")
holds([v["document"] for e in je for v in e["evidence"]], doc, "evidence document", "JSON")

def rows(name):
    with open(f"neo4j/{name}", newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))[1:]
cn, cr = rows("nodes.csv"), rows("relationships.csv")
check("Neo4j CSV", [r[1] for r in cn], [r[0] for r in cn], (), [r[i] for r in cr for i in (0, 1)])
holds([r[5] for r in cr], MARKUP, "evidence", "Neo4j CSV")

# DOT, as Graphviz parsed it: labels hold DOT's own escapes (\\ for a
# backslash, &amp; for &), which the drawing below resolves.
dj = json.load(open("g.dot.json", encoding="utf-8"))
unescape = lambda s: s.replace("\\\\", "\\").replace("&amp;", "&")
check("DOT (dot -Tjson0)", [unescape(o["label"]) for o in dj["objects"]],
      [o["name"] for o in dj["objects"]], (),
      [dj["objects"][e[k]]["name"] for e in dj.get("edges", []) for k in ("tail", "head")])

# What a picture shows: each node's <text> lines (Graphviz writes a no-break
# space for the second of two spaces). In kgrep's drawing the groups' ids are
# the node ids; `dot` names them node1.., with the DOT node name as <title>.
S = "{http://www.w3.org/2000/svg}"
def drawn(path, id_of):
    out, ids = [], []
    for grp in ET.parse(path).getroot().iter(S + "g"):
        if grp.get("class") == "node":
            out.append("\n".join(t.text or "" for t in grp.iter(S + "text")).replace("\xa0", " "))
            ids.append(id_of(grp))
    return out, ids
check("DOT drawn by dot -Tsvg", *drawn("g.dot.svg", lambda grp: grp.find(S + "title").text))
check("SVG drawn by kgrep", *drawn("g.svg", lambda grp: grp.get("id")))
# The pack's style (style.yaml) could not add links, files or ids.
for path in ("g.svg", "g.html"):
    text = open(path, encoding="utf-8").read()
    for bad in ("javascript:", "xml-stylesheet", "/etc/passwd", 'id="evil"', "evil"):
        if bad in text:
            problems.append(f"{path}: the pack's style put {bad!r} into the drawing")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# --- igraph ------------------------------------------------------------------------
"$ig_py" - <<'PY' || fail "igraph does not read the names back"
import json, igraph
names = json.load(open("names.json", encoding="utf-8"))
g = igraph.Graph.Read_GraphML("g.graphml")
missing = [n for n in names if n not in g.vs["label"]]
if missing:
    raise SystemExit(f"FAIL: igraph: {missing} are not labels")
print(f"GraphML (igraph): {g.vcount()} nodes, names literal")
PY

# --- graphology ----------------------------------------------------------------------
(cd "$consumers" && node --input-type=module - "$tmp") <<'JS' || fail "graphology does not read the names back"
import {readFileSync} from 'node:fs';
import graphology from 'graphology';
import graphml from 'graphology-graphml';
import gexf from 'graphology-gexf';
const dir = process.argv[2];
const names = JSON.parse(readFileSync(`${dir}/names.json`, 'utf8'));
let failed = false;
for (const [format, parser] of [['graphml', graphml], ['gexf', gexf]]) {
  const g = parser.parse(graphology.Graph, readFileSync(`${dir}/g.${format}`, 'utf8'));
  const labels = g.mapNodes((node, attributes) => attributes.label);
  const ids = g.nodes().filter(id => !/^n[0-9]+$/.test(id));
  const missing = names.filter(name => !labels.includes(name));
  if (missing.length || ids.length) {
    console.log(`FAIL: graphology ${format}: missing ${JSON.stringify(missing)}, ids ${ids}`);
    failed = true;
  } else {
    console.log(`${format.toUpperCase()} (graphology): ${g.order} nodes, names literal`);
  }
}
process.exit(failed ? 1 : 0);
JS

# --- the HTML page in a browser ---------------------------------------------------------
browse() {  # NAME URL: the DOM after the scripts ran to NAME.dom, the log to NAME.log
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$(mktemp -d -p "$tmp")" --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 --dump-dom "$2" >"$1.dom" 2>"$1.log" ||
    fail "$1: chromium failed: $(tail -3 "$1.log")"
  if grep -E 'Uncaught|:CONSOLE\(' "$1.log"; then fail "$1: the page logged an error"; fi
}
status=0
problem() { echo "FAIL: $*"; status=1; }
page="file://$tmp/g.html"
browse plain "$page"
# The search for the name "<script>document.title='pwned'</script>" shows it.
browse search "$page#selftest=%3Cscript%3Edocument.title%3D'pwned'"
for dom in plain.dom search.dom; do
  grep -q '<title>kgrep graph</title>' "$dom" || problem "$dom: the page title changed"
  grep -qi 'pwned</title>\|data-pwned="1"' "$dom" && problem "$dom: a script of the document ran"
  [ "$(grep -oi '<script' "$dom" | wc -l)" -eq 2 ] ||
    problem "$dom: the DOM has other <script> elements than the page's two"
  grep -qi '<img' "$dom" && problem "$dom: document text became an <img> element"
done
sed -n '/<pre id="selftest"/,/<\/pre>/p' search.dom
grep -qF "hit: n" search.dom || problem "the page's search does not find the markup name"
grep -qF "&lt;script&gt;document.title='pwned'&lt;/script&gt;" search.dom ||
  problem "the page does not show the markup name as text"
[ "$status" -eq 0 ] && echo "HTML page (Chromium): no script of the document ran; names shown as text"

[ "$status" -eq 0 ] && echo "ok: every format parses and keeps every name literally; ids are n<i>/e<i>"
exit "$status"
