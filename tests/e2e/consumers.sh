#!/usr/bin/env bash
# The seed's GraphML and DOT, read by the programs users open them with:
# xmllint, networkx and Graphviz (dot, gc) must agree on the node and edge
# counts. Exits 77 (skipped) if one of them is not installed.
set -u
doc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$KGREP" extract -o "$tmp/g.graphml" "$doc" || exit 1
"$KGREP" extract -o "$tmp/g.dot" "$doc" || exit 1

py=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import networkx' 2>/dev/null; then py=$p; break; fi
done
for tool in xmllint dot gc; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not installed"; exit 77; }
done
[ -n "$py" ] || { echo "skipped: no python3 with networkx"; exit 77; }

xmllint --noout "$tmp/g.graphml" || { echo "xmllint rejects the GraphML"; exit 1; }
dot -Tsvg "$tmp/g.dot" -o "$tmp/g.svg" || { echo "dot rejects the DOT file"; exit 1; }
read -r gc_nodes gc_edges < <(gc -n -e "$tmp/g.dot" | awk '{print $1, $2}')
read -r nx_nodes nx_edges nx_multi < <("$py" - "$tmp/g.graphml" <<'PY'
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
m = nx.read_graphml(sys.argv[1], force_multigraph=True)
print(g.number_of_nodes(), m.number_of_edges(), m.number_of_edges())
PY
)
xml_nodes=$(grep -c '<node ' "$tmp/g.graphml")
xml_edges=$(grep -c '<edge ' "$tmp/g.graphml")
echo "GraphML: $xml_nodes nodes, $xml_edges edges; networkx: $nx_nodes, $nx_edges; gc: $gc_nodes, $gc_edges"
[ "$xml_nodes" -gt 0 ] && [ "$xml_edges" -gt 0 ] || { echo "empty graph"; exit 1; }
[ "$nx_nodes" -eq "$xml_nodes" ] && [ "$nx_edges" -eq "$xml_edges" ] || { echo "networkx disagrees"; exit 1; }
[ "$gc_nodes" -eq "$xml_nodes" ] && [ "$gc_edges" -eq "$xml_edges" ] || { echo "gc disagrees"; exit 1; }
