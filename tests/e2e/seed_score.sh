#!/usr/bin/env bash
# The bundled pack on the seed transcript, scored against its gold file:
# entity F1 >= 0.95 and relation F1 >= 0.90. With the shared development set
# beside the project, its reference scorer judges the GraphML file; without
# it, `kgrep eval` judges with the copy of the gold file in tests/data (the
# two agree: see e2e.eval_matches_score).
set -u
doc=$1
score=$SHARED/eval/score
gold=$SHARED/gold/us-mexico-security-dialogue-2021.yaml
if [ -x "$score" ] && [ -f "$gold" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$KGREP" extract -o "$tmp/seed.graphml" "$doc" || exit 1
  "$score" --gold "$gold" --graph "$tmp/seed.graphml" --min-entity-f1 0.95 --min-relation-f1 0.90
else
  echo "($SHARED/eval/score not found: scoring with kgrep eval and $LOCAL_GOLD)"
  "$KGREP" eval --gold "$LOCAL_GOLD" --min-entity-f1 0.95 --min-relation-f1 0.90 "$doc"
fi
