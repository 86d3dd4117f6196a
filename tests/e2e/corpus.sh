#!/usr/bin/env bash
# Every document of the shared corpus is processed without error, and its
# GraphML is readable by the scorer. Exits 77 (skipped) without the shared set.
set -u
. "$(dirname "$0")/need_corpus.sh"
if [ ! -x "$SHARED/eval/score" ]; then
  echo "skipped: $SHARED/eval/score not found"
  exit 77
fi
fail=0
for doc in "$SHARED"/corpus/*.txt; do
  name=$(basename "$doc" .txt)
  if ! "$KGREP" extract -o "$tmp/$name.graphml" "$doc"; then
    echo "FAILED: $name"; fail=1; continue
  fi
  gold=$SHARED/gold/$name.yaml
  [ -f "$gold" ] || continue
  # Scores are reported, not judged here; exit 2 would mean unreadable GraphML.
  "$SHARED/eval/score" --gold "$gold" --graph "$tmp/$name.graphml" --quiet
  [ $? -ne 2 ] || { echo "FAILED: unreadable GraphML for $name"; fail=1; }
done
exit $fail
