#!/usr/bin/env bash
# `kgrep eval` gives the same figures and lists as the shared reference
# scorer run on `kgrep extract`'s GraphML, for every corpus document that has
# a gold file: the --json objects agree field by field (all but "graph", the
# path of what was scored), and the plain outputs line by line.
# Exits 77 (skipped) when the shared directory is not beside the project.
set -u
if [ ! -d "${SHARED:-}/corpus" ] || [ ! -x "${SHARED:-}/eval/score" ]; then
  echo "skipped: ${SHARED:-\$SHARED}/corpus or eval/score not found (the shared development set is not beside the project)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0
for doc in "$SHARED"/corpus/*.txt; do
  name=$(basename "$doc" .txt)
  gold=$SHARED/gold/$name.yaml
  [ -f "$gold" ] || continue
  count=$((count + 1))
  if ! "$KGREP" extract -o "$tmp/$name.graphml" "$doc"; then
    echo "FAILED: $name: kgrep extract"; fail=1; continue
  fi
  "$SHARED/eval/score" --gold "$gold" --graph "$tmp/$name.graphml" --json > "$tmp/score.json"
  [ $? -ne 2 ] || { echo "FAILED: $name: the scorer cannot read the GraphML"; fail=1; continue; }
  "$KGREP" eval --gold "$gold" --json "$doc" > "$tmp/eval.json"
  [ -s "$tmp/eval.json" ] || { echo "FAILED: $name: kgrep eval printed nothing"; fail=1; continue; }
  python3 - "$name" "$tmp/score.json" "$tmp/eval.json" <<'PY' || fail=1
import json, sys
name, score_path, eval_path = sys.argv[1:]
with open(score_path, encoding="utf-8") as f:
    score = json.load(f)
with open(eval_path, encoding="utf-8") as f:
    ev = json.load(f)
bad = []
for key in sorted(set(score) | set(ev)):
    if key == "graph":
        continue
    if key not in score or key not in ev:
        bad.append(f"  {key}: only in {'score' if key in score else 'kgrep eval'}")
    elif score[key] != ev[key]:
        bad.append(f"  {key}: score {score[key]!r}\n  {' ' * len(key)}  eval  {ev[key]!r}")
e, r = score["entity"], score["relation"]
summary = (f"entity P/R/F1 {e['precision']}/{e['recall']}/{e['f1']} ({e['tp']}/{e['gold']}), "
           f"relation P/R/F1 {r['precision']}/{r['recall']}/{r['f1']} ({r['tp']}/{r['gold']})")
if bad:
    print(f"DIFFERENT: {name}")
    print("\n".join(bad))
    sys.exit(1)
print(f"same: {name}: {summary}")
PY
  # The plain outputs, error lists included, line for line.
  "$SHARED/eval/score" --gold "$gold" --graph "$tmp/$name.graphml" > "$tmp/score.txt"
  "$KGREP" eval --gold "$gold" "$doc" > "$tmp/eval.txt"
  if ! diff -u --label score "$tmp/score.txt" --label "kgrep eval" "$tmp/eval.txt"; then
    echo "DIFFERENT: $name: plain output"; fail=1
  fi
done
if [ "$count" -eq 0 ]; then
  echo "skipped: no document in $SHARED/corpus has a gold file"
  exit 77
fi
exit $fail
