#!/usr/bin/env bash
# Pictures: kgrep draws SVG, PNG and PDF with every layout engine and both
# kinds of clusters; an unknown engine fails cleanly; and Graphviz's own
# tools read kgrep's DOT output with the node and edge counts of its GraphML.
# Usage: KGREP=path/to/kgrep render.sh FIXTURE.txt [MORE.txt ...]
# Exits 77 (skipped) if dot, sfdp or gc is not installed.
set -u
fixture=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAILED: $*"; fail=1; }

for tool in dot sfdp gc; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not installed"; exit 77; }
done

# The first bytes of each format.
magic_ok() {  # FILE FORMAT
  local head
  head=$(head -c 5 "$1" | od -An -c | tr -d ' \n')
  case $2 in
    svg) head -c 200 "$1" | grep -q '<svg\|<?xml' && grep -q '</svg>' "$1" ;;
    png) [ "$head" = '211PNG\r' ] ;;
    pdf) [ "$head" = '%PDF-' ] ;;
  esac
}

render() {  # DOC OUT ARGS...
  local doc=$1 out=$2
  shift 2
  if ! "$KGREP" extract "$@" -o "$out" "$doc" 2>"$tmp/err"; then
    problem "kgrep extract $* -o $out $doc: $(cat "$tmp/err")"
    return
  fi
  [ -s "$out" ] || problem "$out is empty"
  magic_ok "$out" "${out##*.}" || problem "$out is not ${out##*.}: $(head -c 16 "$out" | od -An -c)"
}

for layout in dot neato fdp sfdp circo twopi; do
  for format in svg png pdf; do
    render "$fixture" "$tmp/$layout.$format" --layout "$layout"
  done
done
# The default engine, clusters (drawn by dot and fdp), no legend, a title.
render "$fixture" "$tmp/default.svg"
for doc in "$@"; do
  for cluster in type country; do
    for layout in dot fdp; do
      render "$doc" "$tmp/cluster-$cluster-$layout.png" --cluster "$cluster" --layout "$layout"
    done
  done
done
render "$fixture" "$tmp/plain.svg" --no-legend --title 'Abuja <talks> & "more"'
grep -q 'Abuja &lt;talks&gt; &amp; &quot;more&quot;' "$tmp/plain.svg" ||
  problem "the title is not in the SVG, escaped"
grep -q '>entities<' "$tmp/default.svg" || problem "no legend in the default SVG"
if grep -q '>entities<' "$tmp/plain.svg"; then problem "a legend despite --no-legend"; fi

# An unknown engine: exit 1, one line naming the valid ones, no file.
"$KGREP" extract --layout circus -o "$tmp/bad.svg" "$fixture" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || problem "unknown layout: exit $status, expected 1"
expected="kgrep: unknown layout 'circus'; use one of: dot, neato, fdp, sfdp, circo, twopi"
[ "$(cat "$tmp/err")" = "$expected" ] || problem "unknown layout: stderr was '$(cat "$tmp/err")'"
[ ! -e "$tmp/bad.svg" ] || problem "unknown layout: an output file was written"
ls -A "$tmp" | grep -q '^\.bad' && problem "unknown layout: a temporary file was left"

# kgrep's DOT through Graphviz's own tools, counts as in the GraphML.
"$KGREP" extract -o "$tmp/g.dot" "$fixture" || problem "no DOT output"
"$KGREP" extract -o "$tmp/g.graphml" "$fixture" || problem "no GraphML output"
dot -Tsvg "$tmp/g.dot" -o "$tmp/dot.svg" || problem "dot cannot lay out kgrep's DOT"
sfdp -Tsvg "$tmp/g.dot" -o "$tmp/sfdp.svg" || problem "sfdp cannot lay out kgrep's DOT"
read -r gc_nodes gc_edges < <(gc -n -e "$tmp/g.dot" | awk '{print $1, $2}')
xml_nodes=$(grep -c '<node ' "$tmp/g.graphml")
xml_edges=$(grep -c '<edge ' "$tmp/g.graphml")
echo "gc: $gc_nodes nodes, $gc_edges edges; GraphML: $xml_nodes nodes, $xml_edges edges"
[ "$xml_nodes" -gt 0 ] || problem "empty graph"
[ "$gc_nodes" = "$xml_nodes" ] && [ "$gc_edges" = "$xml_edges" ] || problem "gc disagrees"

[ $fail -eq 0 ] && echo "ok: pictures in every format, layout and clustering"
exit $fail
