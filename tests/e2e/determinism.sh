#!/usr/bin/env bash
# Every output format is byte-identical across repeated runs and across
# thread counts, on the whole development corpus (and the bundled example
# without it). KGREP: the binary; SHARED: ../shared.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

docs="$tmp/docs"
mkdir -p "$docs"
if [ -d "${SHARED:-}/corpus" ]; then
  cp "$SHARED"/corpus/*.txt "$docs/"
fi
cp "$(dirname "$0")/../../examples/us-mexico-security-dialogue-2021.txt" "$docs/seed.txt"
cp "$(dirname "$0")/../data/tricky.txt" "$docs/tricky.txt"

run() {  # run NAME FORMAT JOBS [ARGS...]: writes $tmp/NAME; FORMAT - for none
  local name=$1 format=$2 jobs=$3
  shift 3
  local args=(extract --quiet -j "$jobs" -o "$tmp/$name")
  [ "$format" != - ] && args+=(--format "$format")
  if ! "$KGREP" "${args[@]}" "$@" "$docs"; then
    echo "FAILED: kgrep ${args[*]} $*"
    fail=1
  fi
}
same() {
  if ! cmp -s "$1" "$2"; then
    echo "DIFFER: $1 $2"
    diff -r "$1" "$2" | head -5
    fail=1
  fi
}

for format in graphml gexf json dot svg png pdf html; do
  run "$format.1a" "$format" 1
  run "$format.1b" "$format" 1
  run "$format.2" "$format" 2
  [ -s "$tmp/$format.1a" ] || { echo "EMPTY: $format"; fail=1; }
  same "$tmp/$format.1a" "$tmp/$format.1b"
  same "$tmp/$format.1a" "$tmp/$format.2"
done
# More threads than documents in a batch.
run graphml.5 graphml 5
same "$tmp/graphml.1a" "$tmp/graphml.5"
# Neo4j CSV is a directory of files.
run neo4j.1 neo4j 1
run neo4j.2 neo4j 2
for f in "$tmp"/neo4j.1/*; do same "$f" "$tmp/neo4j.2/$(basename "$f")"; done
# The map step's fragments, and a diagram with clusters.
run fragments.1 - 1 --emit fragments
run fragments.2 - 2 --emit fragments
same "$tmp/fragments.1" "$tmp/fragments.2"
run clustered.1 svg 1 --cluster country
run clustered.2 svg 2 --cluster country
same "$tmp/clustered.1" "$tmp/clustered.2"

[ "$fail" = 0 ] && echo "all formats byte-identical across runs and thread counts"
exit "$fail"
