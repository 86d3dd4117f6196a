#!/usr/bin/env bash
# The bundled pack on the seed transcript, scored against its gold file by
# the shared scorer: entity F1 >= 0.95 and relation F1 >= 0.90. Exits 77
# (skipped) when the shared directory is not beside the project.
set -u
doc=$1
score=$SHARED/eval/score
gold=$SHARED/gold/us-mexico-security-dialogue-2021.yaml
if [ ! -x "$score" ] || [ ! -f "$gold" ]; then
  echo "skipped: $SHARED/eval/score not found (the shared development set is not beside the project)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$KGREP" extract -o "$tmp/seed.graphml" "$doc" || exit 1
"$score" --gold "$gold" --graph "$tmp/seed.graphml" --min-entity-f1 0.95 --min-relation-f1 0.90
