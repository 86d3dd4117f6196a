#!/usr/bin/env bash
# examples/*.graphml and *.dot are exactly what kgrep makes of the example
# documents beside them (run from the project root).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for doc in examples/*.txt; do
  base=${doc%.txt}
  for ext in graphml dot; do
    [ -f "$base.$ext" ] || continue
    "$KGREP" extract -o "$tmp/out.$ext" "$doc" || { echo "FAILED: $doc"; fail=1; continue; }
    cmp "$base.$ext" "$tmp/out.$ext" || { echo "$base.$ext is out of date"; fail=1; }
  done
done
exit $fail
