#!/usr/bin/env bash
# A pack with seven mistakes: kgrep reports each one, in file order, exactly as
# in broken-pack.expected, exits 1, and writes no output file.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$KGREP" extract --rules broken-pack.yaml -o "$out/graph.graphml" fixture.txt 2>"$out/stderr"
status=$?
fail=0
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; fail=1; }
diff -u broken-pack.expected "$out/stderr" || fail=1
if [ -n "$(ls -A "$out" | grep -v '^stderr$')" ]; then
  echo "output left behind:"; ls -la "$out"; fail=1
fi
exit $fail
