#!/usr/bin/env bash
# Every output format of one document, read by the programs users open it
# with: xmllint (GraphML, GEXF), networkx (GraphML, GEXF), igraph (GraphML),
# graphology (GraphML, GEXF), Python's json (JSON) and csv (Neo4j CSV). All
# must find the node and edge counts of the GraphML file's <node>/<edge>
# elements; networkx, json and csv must also agree on every node label and
# every (source, relation, target) triple, so escaping loses nothing.
#
# Usage: KGREP=path/to/kgrep formats.sh DOCUMENT
# Exits 0 if all agree, 1 on any disagreement, 77 (skipped) if a consumer is
# not installed. graphology comes from `npm ci --prefix tests/consumers`.
set -u
doc=$1
here=$(cd "$(dirname "$0")" && pwd)
consumers=$here/../consumers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# --- consumers ---------------------------------------------------------------
command -v xmllint >/dev/null || skip "xmllint not installed (apt-get install libxml2-utils)"
command -v node >/dev/null || skip "node not installed (apt-get install nodejs npm)"
[ -d "$consumers/node_modules/graphology-gexf" ] &&
  [ -d "$consumers/node_modules/graphology-graphml" ] ||
  skip "graphology not installed (npm ci --prefix tests/consumers)"
# networkx reads GEXF 1.3 from 3.x on; Debian bookworm's 2.8 reads only 1.1
# and 1.2, so with it the GEXF is left to xmllint and graphology.
nx_py=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import networkx.readwrite.gexf as g; assert "1.3" in g.GEXF.versions' \
      2>/dev/null; then nx_py=$p; break; fi
done
if [ -z "$nx_py" ]; then
  for p in python3 /usr/bin/python3; do
    if "$p" -c 'import networkx' 2>/dev/null; then nx_py=$p; break; fi
  done
  [ -n "$nx_py" ] || skip "no python3 with networkx (apt-get install python3-networkx)"
  echo "networkx-gexf: not checked: this networkx reads GEXF 1.1 and 1.2 only"
fi
ig_py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import igraph' 2>/dev/null; then ig_py=$p; break; fi
done
[ -n "$ig_py" ] || skip "no python3 with igraph (apt-get install python3-igraph)"

# --- kgrep, once per format ----------------------------------------------------
"$KGREP" extract -o "$tmp/g.graphml" "$doc" || fail "kgrep extract (GraphML)"
"$KGREP" extract -o "$tmp/g.gexf" "$doc" || fail "kgrep extract (GEXF)"
"$KGREP" extract -o "$tmp/g.json" "$doc" || fail "kgrep extract (JSON)"
"$KGREP" extract --format neo4j -o "$tmp/neo4j" "$doc" || fail "kgrep extract (Neo4j)"

# The reference: the writer puts each <node> and <edge> on a line of its own,
# and text never holds a raw "<".
nodes=$(grep -c '<node ' "$tmp/g.graphml")
edges=$(grep -c '<edge ' "$tmp/g.graphml")
echo "GraphML elements: $nodes nodes, $edges edges"
[ "$nodes" -gt 0 ] && [ "$edges" -gt 0 ] || fail "empty graph"
gexf_nodes=$(grep -c '<node ' "$tmp/g.gexf")
gexf_edges=$(grep -c '<edge ' "$tmp/g.gexf")
echo "GEXF elements: $gexf_nodes nodes, $gexf_edges edges"
[ "$gexf_nodes" -eq "$nodes" ] && [ "$gexf_edges" -eq "$edges" ] ||
  fail "GEXF and GraphML differ in size"

status=0
# expect NAME NODES EDGES: compares a consumer's counts with the reference.
expect() {
  echo "$1: $2 nodes, $3 edges"
  if [ "$2" != "$nodes" ] || [ "$3" != "$edges" ]; then
    echo "FAIL: $1 disagrees with the GraphML file"
    status=1
  fi
}

# --- xmllint -------------------------------------------------------------------
xmllint --noout "$tmp/g.graphml" || fail "xmllint rejects the GraphML"
xmllint --noout "$tmp/g.gexf" || fail "xmllint rejects the GEXF"
echo "xmllint: GraphML and GEXF well-formed"

# --- networkx, json, csv ----------------------------------------------------------
# Prints "<reader> <nodes> <edges>" lines; exits 1 if the readers disagree on
# labels or triples, or if the JSON or CSV break their contract.
out=$("$nx_py" - "$tmp" <<'PY'
import csv, json, sys
import networkx as nx

d = sys.argv[1]
problems = []

def triples(g, label, relation):
    return sorted((g.nodes[u][label], data[relation], g.nodes[v][label])
                  for u, v, data in g.edges(data=True))

gm = nx.read_graphml(f"{d}/g.graphml", force_multigraph=True)
print("networkx-graphml", gm.number_of_nodes(), gm.number_of_edges())
gx = None
if "1.3" in nx.readwrite.gexf.GEXF.versions:
    gx = nx.read_gexf(f"{d}/g.gexf")
    print("networkx-gexf", gx.number_of_nodes(), gx.number_of_edges())
    if not gx.is_directed():
        problems.append("networkx reads the GEXF as undirected")

with open(f"{d}/g.json", encoding="utf-8") as f:
    js = json.load(f)
jn = js["elements"]["nodes"]
je = js["elements"]["edges"]
print("json", len(jn), len(je))
if js.get("directed") is not True:
    problems.append('JSON "directed" is not true')
label_of = {n["data"]["id"]: n["data"]["label"] for n in jn}
if len(label_of) != len(jn):
    problems.append("JSON node ids are not unique")
for e in je:
    if e["data"]["source"] not in label_of or e["data"]["target"] not in label_of:
        problems.append(f"JSON edge {e['data']['id']} points at no node")

def read_csv(name, header):
    with open(f"{d}/neo4j/{name}", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows or rows[0] != header:
        problems.append(f"{name}: header {rows[:1]} is not {header}")
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(f"{name}:{i}: {len(row)} fields, not {len(header)}")
    return rows[1:]

cn = read_csv("nodes.csv", ["id:ID", "name", ":LABEL", "type", "aliases:string[]",
                            "mentions:int", "documents:int", "in_degree:int",
                            "out_degree:int", "betweenness:double", "component:int"])
cr = read_csv("relationships.csv", [":START_ID", ":END_ID", ":TYPE", "weight:double",
                                    "rules:string[]", "evidence"])
print("neo4j-csv", len(cn), len(cr))
name_of = {r[0]: r[1] for r in cn if len(r) > 1}
for r in cr:
    if len(r) > 1 and (r[0] not in name_of or r[1] not in name_of):
        problems.append(f"relationships.csv: {r[:2]} points at no node")

# Every reader sees the same labels and the same (source, relation, target).
views = {
    "networkx-graphml": (sorted(gm.nodes[n]["label"] for n in gm),
                         triples(gm, "label", "relation")),
    "json": (sorted(label_of.values()),
             sorted((label_of.get(e["data"]["source"]), e["data"]["relation"],
                     label_of.get(e["data"]["target"])) for e in je)),
    "neo4j-csv": (sorted(name_of.values()),
                  sorted((name_of.get(r[0]), r[2].lower(), name_of.get(r[1]))
                         for r in cr if len(r) > 2)),
}
if gx is not None:
    views["networkx-gexf"] = (sorted(gx.nodes[n]["label"] for n in gx),
                              triples(gx, "label", "relation"))
reference = views["networkx-graphml"]
for name, view in views.items():
    if view[0] != reference[0]:
        problems.append(f"{name}: node labels differ from the GraphML's: "
                        f"{sorted(set(view[0]) ^ set(reference[0]))[:5]}")
    if view[1] != reference[1]:
        problems.append(f"{name}: edges differ from the GraphML's: "
                        f"{sorted(set(view[1]) ^ set(reference[1]))[:5]}")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
) || { echo "$out"; fail "networkx, json or csv disagree (see above)"; }
while read -r reader n e; do expect "$reader" "$n" "$e"; done <<<"$out"

# --- igraph ----------------------------------------------------------------------
read -r ig_nodes ig_edges < <("$ig_py" - "$tmp/g.graphml" <<'PY'
import sys, igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(g.vcount(), g.ecount())
PY
) || fail "igraph cannot read the GraphML"
expect "igraph-graphml" "${ig_nodes:-?}" "${ig_edges:-?}"

# --- graphology ------------------------------------------------------------------
gl=$(node "$consumers/check.mjs" "$tmp/g.graphml" "$tmp/g.gexf") ||
  { echo "$gl"; fail "graphology cannot read the files"; }
while read -r format n e; do expect "graphology-$format" "$n" "$e"; done <<<"$gl"

[ "$status" -eq 0 ] && echo "ok: every consumer agrees" || echo "FAIL: consumers disagree"
exit "$status"
