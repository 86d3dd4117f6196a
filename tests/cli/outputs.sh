#!/usr/bin/env bash
# Outputs of `kgrep extract` on the fixture: byte-identical to the reviewed
# golden files, the same on every run, the format taken from the extension or
# --format, stdout with -o -, and several inputs merged into one graph.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! "$@"; then echo "FAILED: $*"; fail=1; fi; }

check "$KGREP" extract -o "$tmp/a.graphml" fixture.txt
check "$KGREP" extract -o "$tmp/a.dot" fixture.txt
check cmp "$GOLDEN/fixture.graphml" "$tmp/a.graphml"
check cmp "$GOLDEN/fixture.dot" "$tmp/a.dot"

# Deterministic: a second run gives the same bytes.
check "$KGREP" extract -o "$tmp/b.graphml" fixture.txt
check cmp "$tmp/a.graphml" "$tmp/b.graphml"

# -o - and --format.
"$KGREP" extract -o - fixture.txt >"$tmp/stdout.graphml" || { echo "FAILED: -o -"; fail=1; }
check cmp "$tmp/a.graphml" "$tmp/stdout.graphml"
"$KGREP" extract --format dot fixture.txt >"$tmp/stdout.dot" || { echo "FAILED: --format dot"; fail=1; }
check cmp "$tmp/a.dot" "$tmp/stdout.dot"
check "$KGREP" extract --format graphml -o "$tmp/graph.out" fixture.txt
check grep -q '<graphml' "$tmp/graph.out"

# Two documents make one graph: the people of both, merged by name.
cp fixture.txt "$tmp/copy.txt"
check "$KGREP" extract -o "$tmp/two.graphml" fixture.txt "$tmp/copy.txt"
nodes_one=$(grep -c '<node ' "$tmp/a.graphml")
nodes_two=$(grep -c '<node ' "$tmp/two.graphml")
[ "$nodes_one" -eq "$nodes_two" ] || { echo "merged graph has $nodes_two nodes, expected $nodes_one"; fail=1; }
grep -q '<data key="documents">2</data>' "$tmp/two.graphml" || { echo "no node seen in 2 documents"; fail=1; }
grep -q '<data key="weight">2</data>' "$tmp/two.graphml" || { echo "no edge of weight 2"; fail=1; }
exit $fail
