#!/usr/bin/env bash
# Map-reduce gives the graph of one run, byte for byte: the documents given
# as arguments (three or more) are extracted in one run, and also split into
# three shards, extracted separately to fragments (--emit fragments) and merged in
# several orders and groupings; every merge must equal the single run in
# GraphML, GEXF and DOT. Usage: KGREP=path/to/kgrep [KGREP_PACK=the bundled
# pack's file] shard_merge.sh DOC...
set -u
[ $# -ge 3 ] || { echo "usage: KGREP=kgrep $0 DOC DOC DOC..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check WHAT EXPECTED GOT
  if ! cmp -s "$2" "$3"; then
    echo "FAILED: $1 differs from the single run"
    diff "$2" "$3" | head -20
    fail=1
  fi
}
run() {  # run WHAT COMMAND...: the command must succeed
  if ! "${@:2}"; then echo "FAILED: $1 exited with $?"; fail=1; fi
}

# The single run sees the documents in byte order, as a merge lists them.
mapfile -t docs < <(printf '%s\n' "$@" | LC_ALL=C sort)
for fmt in graphml gexf dot; do
  run "single run ($fmt)" "$KGREP" extract -o "$tmp/one.$fmt" "${docs[@]}"
done

# Shards by round robin over the reversed list, so that no shard holds a
# run of neighbours in the single run's order.
shards=3
declare -a shard
for ((i = 0; i < ${#docs[@]}; i++)); do
  k=$(( i % shards ))
  shard[k]+="${docs[${#docs[@]} - 1 - i]}"$'\n'
done
parts=()
for ((k = 0; k < shards; k++)); do
  mapfile -t members < <(printf '%s' "${shard[k]}")
  run "extract shard $k" "$KGREP" extract --emit fragments -o "$tmp/shard$k.jsonl" "${members[@]}"
  # -o - writes the same lines.
  "$KGREP" extract --emit fragments -o - "${members[@]}" > "$tmp/stdout$k.jsonl"
  check "extract -o - of shard $k" "$tmp/shard$k.jsonl" "$tmp/stdout$k.jsonl"
  parts+=("$tmp/shard$k.jsonl")
done
[ "$(cat "${parts[@]}" | wc -l)" -eq $# ] || { echo "FAILED: not one line per document"; fail=1; }
a=${parts[0]} b=${parts[1]} c=${parts[2]}

# Parts of parts: merge --emit fragments is itself associative and
# commutative, its output sorted whatever the order of its inputs.
run "merge (a b)" "$KGREP" merge --emit fragments -o "$tmp/ab.jsonl" "$a" "$b"
run "merge (c b)" "$KGREP" merge --emit fragments -o "$tmp/cb.jsonl" "$c" "$b"
run "merge ((a b) c)" "$KGREP" merge --emit fragments -o "$tmp/ab_c.jsonl" "$tmp/ab.jsonl" "$c"
run "merge (a (c b))" "$KGREP" merge --emit fragments -o "$tmp/a_cb.jsonl" "$a" "$tmp/cb.jsonl"
run "merge (c b a)" "$KGREP" merge --emit fragments -o "$tmp/cba.jsonl" "$c" "$b" "$a"
check "fragments ((a b) c)" "$tmp/cba.jsonl" "$tmp/ab_c.jsonl"
check "fragments (a (c b))" "$tmp/cba.jsonl" "$tmp/a_cb.jsonl"

for fmt in graphml gexf dot; do
  one=$tmp/one.$fmt
  run "merge a b c" "$KGREP" merge -o "$tmp/m1.$fmt" "${parts[@]}"
  check "merge a b c ($fmt)" "$one" "$tmp/m1.$fmt"
  run "merge c b a" "$KGREP" merge -o "$tmp/m2.$fmt" "$c" "$b" "$a"
  check "merge c b a ($fmt)" "$one" "$tmp/m2.$fmt"
  run "merge ((a b) c)" "$KGREP" merge -o "$tmp/m3.$fmt" "$tmp/ab.jsonl" "$c"
  check "merge ((a b) c) ($fmt)" "$one" "$tmp/m3.$fmt"
  run "merge (a (c b))" "$KGREP" merge -o "$tmp/m4.$fmt" "$tmp/a_cb.jsonl"
  check "merge (a (c b)) ($fmt)" "$one" "$tmp/m4.$fmt"
  # Standard input, the parts concatenated in another order.
  cat "$b" "$c" "$a" | "$KGREP" merge --format "$fmt" -o - - > "$tmp/m5.$fmt"
  check "cat b c a | merge - ($fmt)" "$one" "$tmp/m5.$fmt"
done

# A pack is told by its contents (the fragment's "pack" digest), not by its
# path: parts made with the same pack given by another path merge into the
# single run's graph (its description names the least of the paths as given,
# whatever the order of the parts: here the bundled pack) ...
sed 's|"rules":\[\]|"rules":["elsewhere/diplomacy.yaml"]|' "$c" > "$tmp/moved.jsonl"
for order in "$a $b $tmp/moved.jsonl" "$tmp/moved.jsonl $b $a"; do
  # shellcheck disable=SC2086  # the order is three paths without spaces
  run "merge with a moved pack" "$KGREP" merge -o "$tmp/moved.graphml" $order
  check "merge with a moved pack ($order)" "$tmp/one.graphml" "$tmp/moved.graphml"
done
# ... and parts made with other contents, at the same path or not, are
# refused, naming the line and both digests.
pack=$(head -n1 "$c" | sed 's/.*"pack":"\([0-9a-f]*\)".*/\1/')
[ ${#pack} -eq 16 ] || { echo "FAILED: no 16-digit pack digest in $c"; fail=1; }
# `kgrep check` of the bundled pack's file (KGREP_PACK, if given) prints the
# digest the fragments carry.
if [ -n "${KGREP_PACK:-}" ] && ! "$KGREP" check "$KGREP_PACK" | grep -q "; pack $pack\$"; then
  echo "FAILED: kgrep check $KGREP_PACK does not print pack $pack"; fail=1
fi
sed 's/"pack":"[0-9a-f]*"/"pack":"0000000000000000"/' "$c" > "$tmp/other.jsonl"
expected="kgrep: $tmp/other.jsonl:1: document '$(head -n1 "$c" |
  sed 's/.*"document":"\([^"]*\)".*/\1/')' was extracted with the bundled pack (pack 0000000000000000), "
expected_end="with the bundled pack (pack $pack); merge only parts made with the same rules"
"$KGREP" merge -o "$tmp/x.graphml" "$a" "$tmp/other.jsonl" 2> "$tmp/err"
status=$?
if [ $status -ne 1 ] || ! grep -qF "$expected" "$tmp/err" || ! grep -qF "$expected_end" "$tmp/err" ||
   [ -e "$tmp/x.graphml" ]; then
  echo "FAILED: mixed rules: exit $status, $(cat "$tmp/err")"; fail=1
fi

[ $fail -eq 0 ] && echo "ok: $# documents, $shards shards, every merge equals the single run"
exit $fail
