#!/usr/bin/env bash
# `kgrep explain` on the fixture: every section and some facts of the text
# report, the filters, plain output when piped, the HTML page (self-contained,
# escaped, well-formed) and --watch rerunning after a change, through a broken
# pack and back.
set -u
data=$(cd "$(dirname "$0")/../data" && pwd)
rules=$(cd "$(dirname "$0")/../../rules" && pwd)
tmp=$(mktemp -d)
watcher=
cleanup() {
  if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
failed() { echo "FAILED: $*"; fail=1; }
# has FILE TEXT / lacks FILE TEXT: a fixed string is (not) in FILE.
has() { grep -qF -- "$2" "$1" || failed "'$2' not in $(basename "$1")"; }
lacks() { if grep -qF -- "$2" "$1"; then failed "'$2' in $(basename "$1")"; fi; }

fixture="$data/fixture.txt"

# --- the text report ----------------------------------------------------------
"$KGREP" explain "$fixture" >"$tmp/all" 2>"$tmp/err" || failed "explain exited $?: $(cat "$tmp/err")"
# hasline FILE REGEX: a whole line of FILE matches the extended REGEX.
hasline() { grep -qxE -- "$2" "$1" || failed "no line /$2/ in $(basename "$1")"; }
hasline "$tmp/all" "== document .*fixture.txt: 5 turns, 5 paragraphs, 9 sentences"
for section in turns mentions entities "candidates that lost" relations; do
  hasline "$tmp/all" "== $section \([0-9]+\)"
done
has "$tmp/all" "turn 1 PRIME MINISTER OKAFOR = Okafor"
has "$tmp/all" "  [1] It is a great pleasure to welcome Chancellor Ingrid Weber to Abuja."
has "$tmp/all" "[1] 157-169 Ingrid Weber  Person -> Ingrid Weber  [titled-person] title='Chancellor'"
has "$tmp/all" "[turn 2] 315-320 Weber  Person -> Ingrid Weber  [speaker]"
has "$tmp/all" "Ingrid Weber  Person, 3 mentions, also 'Weber'"
has "$tmp/all" "Lagos  Location [gazetteer:locations] lost to 'Lagos Trade Framework' [initiative-shape]"
has "$tmp/all" "Okafor -welcomed-> Ingrid Weber  [speaker-welcomes] [1] 112-179"
has "$tmp/all" "Tomas Lindqvist -member_of-> European Commission"
if grep -q $'\x1b' "$tmp/all"; then failed "ANSI escapes in piped output"; fi

# --relation narrows every section to the relation and what it was read from.
"$KGREP" explain --relation thanked "$fixture" >"$tmp/thanked" || failed "--relation thanked exited $?"
has "$tmp/thanked" "Okafor -thanked-> Ingrid Weber"
hasline "$tmp/thanked" "== relations \(4 of [0-9]+\)"
lacks "$tmp/thanked" "-welcomed->"
lacks "$tmp/thanked" "-member_of->"
lacks "$tmp/thanked" "Abuja"

# --entity narrows to one entity (folded, any part of the name).
"$KGREP" explain --entity weber "$fixture" >"$tmp/weber" || failed "--entity weber exited $?"
hasline "$tmp/weber" "== entities \(1 of [0-9]+\)"
has "$tmp/weber" "Okafor -welcomed-> Ingrid Weber"
has "$tmp/weber" "Ingrid Weber -represents-> Germany"
lacks "$tmp/weber" "Okafor -welcomed-> Amina Bello"
lacks "$tmp/weber" "Tomas Lindqvist  Person"
lacks "$tmp/weber" "[8] Tomas Lindqvist of the European Commission"

# Both filters together, and an entity that is not there.
"$KGREP" explain --entity weber --relation thanked "$fixture" >"$tmp/both" || failed "both filters exited $?"
has "$tmp/both" "Ingrid Weber -thanked-> Okafor"
lacks "$tmp/both" "-represents->"
"$KGREP" explain --entity nobody "$fixture" >"$tmp/nobody" || failed "--entity nobody exited $?"
hasline "$tmp/nobody" "== relations \(0 of [0-9]+\)"

# An unknown relation is a usage error with a suggestion.
"$KGREP" explain --relation welcome "$fixture" >/dev/null 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || failed "--relation welcome exited $status, expected 2"
has "$tmp/err" "kgrep: --relation: no relation 'welcome' in the pack; did you mean 'welcomed'?"

# --- the HTML page ------------------------------------------------------------
cat >"$tmp/odd.txt" <<'EOF'
PRIME MINISTER OKAFOR: It is a pleasure to welcome Chancellor Ingrid Weber.
Look: <script>alert(1)</script> & "quoted" and 'single' <b>bold</b>.
EOF
"$KGREP" explain --html "$tmp/odd.html" "$tmp/odd.txt" >"$tmp/out" 2>"$tmp/err" ||
  failed "--html exited $?: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && failed "--html also wrote to stdout"
has "$tmp/odd.html" "<!DOCTYPE html>"
has "$tmp/odd.html" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; and &apos;single&apos; &lt;b&gt;bold&lt;/b&gt;"
lacks "$tmp/odd.html" "<script>alert"
lacks "$tmp/odd.html" "<b>bold"
has "$tmp/odd.html" ">Ingrid Weber</mark>"
has "$tmp/odd.html" "rule: titled-person"
# Self-contained: nothing is fetched.
if grep -qiE '(src|href)="(https?:)?//|@import|url\(' "$tmp/odd.html"; then
  failed "the page refers to something outside itself"
fi
"$KGREP" explain --html "$tmp/fixture.html" "$fixture" || failed "--html on the fixture exited $?"
has "$tmp/fixture.html" "Lagos Trade Framework"
has "$tmp/fixture.html" "speaker-welcomes"
has "$tmp/fixture.html" "background: #8ab6e6"
# Well-formed (the page is also valid XML), when xmllint is at hand.
if command -v xmllint >/dev/null; then
  for page in "$tmp/odd.html" "$tmp/fixture.html"; do
    xmllint --noout "$page" || failed "$(basename "$page") is not well-formed"
  done
fi
# A page that cannot be written leaves nothing behind.
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ ! -w "$tmp/ro" ]; then
  "$KGREP" explain --html "$tmp/ro/page.html" "$fixture" 2>"$tmp/err"
  status=$?
  [ "$status" -eq 1 ] || failed "unwritable --html exited $status, expected 1"
  has "$tmp/err" "cannot write '$tmp/ro/page.html'"
  [ -z "$(ls -A "$tmp/ro")" ] || failed "files left in an unwritable directory"
fi

# --- --watch ------------------------------------------------------------------
# waitfor FILE COUNT TEXT: waits up to 15 s for TEXT to occur COUNT times.
waitfor() {
  for _ in $(seq 150); do
    [ "$(grep -cF -- "$3" "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  failed "waited for $2 x '$3' in $(basename "$1")"
  return 1
}
mkdir "$tmp/watch"
cp -R "$rules" "$tmp/watch/rules"
pack="$tmp/watch/rules/diplomacy.yaml"
doc="$tmp/watch/doc.txt"
cp "$fixture" "$doc"
timeout 60 "$KGREP" explain --watch --rules "$pack" "$doc" >"$tmp/watch.out" 2>"$tmp/watch.err" &
watcher=$!
if waitfor "$tmp/watch.out" 1 "== relations"; then
  sleep 1  # a new modification time even on file systems with coarse timestamps
  touch "$doc"
  waitfor "$tmp/watch.out" 2 "== relations"
  has "$tmp/watch.out" "== rerun: $doc changed"
  [ "$(grep -c '^== document' "$tmp/watch.out")" -eq 2 ] || failed "expected two runs of --watch"

  # A broken pack: its diagnostics, and the watch goes on.
  cp "$pack" "$tmp/good.yaml"
  sleep 1
  printf 'rules: [\n' >>"$pack"
  waitfor "$tmp/watch.out" 1 "== rerun: $pack changed"
  waitfor "$tmp/watch.err" 1 "error in rule pack"
  sleep 1
  cp "$tmp/good.yaml" "$pack"
  waitfor "$tmp/watch.out" 3 "== relations"
fi
kill -INT "$watcher"
wait "$watcher"
status=$?
watcher=
[ "$status" -eq 0 ] || failed "--watch stopped by SIGINT exited $status, expected 0"
has "$tmp/watch.err" "kgrep: stopped watching"

# --watch reads the document again, so it needs a file.
"$KGREP" explain --watch - </dev/null >/dev/null 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || failed "--watch - exited $status, expected 2"
has "$tmp/err" "kgrep: --watch needs a document file, not standard input"

[ "$fail" -eq 0 ] || { echo "--- text report of the fixture:"; cat "$tmp/all"; }
exit $fail
