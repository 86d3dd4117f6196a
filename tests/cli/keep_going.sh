#!/usr/bin/env bash
# extract --keep-going: a document that cannot be read or extracted is
# reported on a line of its own, in input order, and left out; the output is
# then byte for byte that of the good documents alone, whatever the thread
# count and in fragments too, and the exit status is 3. Without the flag the
# same input fails (1) and writes nothing. Run in tests/data.
set -u
data=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! "$@"; then echo "FAILED: $*"; fail=1; fi; }
# status WANT COMMAND...: runs COMMAND, its stderr into $tmp/err.
status() {
  local want=$1
  shift
  "$@" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "FAILED (exit $got, expected $want): $*"; cat "$tmp/err"; fail=1; }
}
# same_errors FILE: $tmp/err holds exactly the lines of FILE.
same_errors() {
  diff "$1" "$tmp/err" >/dev/null || {
    echo "FAILED: stderr differs from $1:"; diff "$1" "$tmp/err"; fail=1; }
}

# JSON Lines with bad lines among good ones: invalid JSON, an empty text, no
# "text" key, invalid UTF-8. The good lines on their own, in a file of the
# same name (the graph's description names its inputs).
mkdir -p "$tmp/mixed" "$tmp/good"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
fixture = open("fixture.txt", encoding="utf-8").read()
tricky = open("tricky.txt", encoding="utf-8").read()
good = [json.dumps({"id": "fixture", "text": fixture}).encode(),
        json.dumps({"id": "tricky", "text": tricky}).encode()]
bad = [b'{"id": "broken", "text": nope}',
       json.dumps({"id": "blank", "text": " \n "}).encode(),
       b'{"id": "no-text"}',
       b'{"id": "latin1", "text": "Ca\xf1on"}']
with open(tmp + "/mixed/docs.jsonl", "wb") as out:
    out.write(b"\n".join([bad[0], good[0], bad[1], bad[2], good[1], bad[3]]) + b"\n")
with open(tmp + "/good/docs.jsonl", "wb") as out:
    out.write(b"\n".join(good) + b"\n")
# What each bad line must say: where (line, and column in characters, at the
# "o" of "nope" and at the bad byte) and why; invalid UTF-8 names the byte's
# offset in the file.
mixed = open(tmp + "/mixed/docs.jsonl", "rb").read()
with open(tmp + "/jsonl-errors", "w") as out:
    out.write("kgrep: docs.jsonl:1:27: invalid JSON: syntax error while parsing value"
              " - invalid literal\n"
              "kgrep: blank: no text to read (empty after clean-up)\n"
              'kgrep: docs.jsonl:4: no "text" key\n'
              f"kgrep: docs.jsonl:6:29: invalid UTF-8 at byte {mixed.index(bytes([0xF1]))} (0xF1)\n")
PY

cd "$tmp/good" || exit 1
status 0 "$KGREP" extract -j 1 --jsonl -o "$tmp/good.graphml" docs.jsonl
status 0 "$KGREP" extract -j 1 --jsonl --emit fragments -o "$tmp/good.frag" docs.jsonl
cd "$tmp/mixed" || exit 1
for jobs in 1 2 3; do
  status 3 "$KGREP" extract -k -j "$jobs" --jsonl -o "$tmp/kept$jobs.graphml" docs.jsonl
  same_errors "$tmp/jsonl-errors"
  check cmp "$tmp/good.graphml" "$tmp/kept$jobs.graphml"
done
status 3 "$KGREP" extract --keep-going -j 2 --jsonl --emit fragments -o "$tmp/kept.frag" docs.jsonl
same_errors "$tmp/jsonl-errors"
check cmp "$tmp/good.frag" "$tmp/kept.frag"
# Without the flag: the first bad line ends the run, and nothing is written.
status 1 "$KGREP" extract -j 2 --jsonl -o "$tmp/strict.graphml" docs.jsonl
head -n 1 "$tmp/jsonl-errors" >"$tmp/first-error"
same_errors "$tmp/first-error"
[ ! -e "$tmp/strict.graphml" ] || { echo "FAILED: a failed run left its output"; fail=1; }

# Files and directories: an invalid UTF-8 file, an empty one, a NUL byte, a
# directory with nothing to take, a missing file. The errors come in input
# order; the summary (--progress) counts what was left out.
mkdir -p "$tmp/files/docs" "$tmp/files/empty-dir" "$tmp/clean/docs"
cp "$data/fixture.txt" "$tmp/files/docs/a.txt"
printf 'Ca\xf1on\n' >"$tmp/files/docs/b.txt"
: >"$tmp/files/docs/c.txt"
cp "$data/tricky.txt" "$tmp/files/docs/d.txt"
printf 'a\0b\n' >"$tmp/files/docs/e.txt"
cp "$tmp/files/docs/a.txt" "$tmp/files/docs/d.txt" "$tmp/clean/docs/"
cd "$tmp/clean" || exit 1
status 0 "$KGREP" extract -j 1 -o "$tmp/clean.graphml" docs
cd "$tmp/files" || exit 1
status 3 "$KGREP" extract -k -j 2 --progress -o "$tmp/files.graphml" missing.txt docs empty-dir
grep -v '<desc>' "$tmp/clean.graphml" >"$tmp/clean.body"
grep -v '<desc>' "$tmp/files.graphml" >"$tmp/files.body"
check cmp "$tmp/clean.body" "$tmp/files.body"
python3 - "$tmp/err" <<'PY' || fail=1
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().replace("\r", "\n").split("\n")
# The progress line may be drawn between errors; keep the other lines.
lines = [l.replace("\x1b[K", "") for l in lines if l and not re.match(r"kgrep: \[|kgrep: \d+ documents  ", l)]
want = [
    r"kgrep: cannot read 'missing\.txt': No such file or directory",
    r"kgrep: docs/b\.txt:1:3: invalid UTF-8 at byte 2 \(0xF1\)",
    r"kgrep: docs/c\.txt: no text to read \(empty after clean-up\)",
    r"kgrep: docs/e\.txt:1:2: a NUL byte \(byte 1\): binary data, not text",
    r"kgrep: no documents matching '\*\.txt' in 'empty-dir'",
    r"kgrep: 2 documents \(5 skipped\), [0-9.]+ MB, \d+ entities, \d+ edges, [0-9.]+ s",
]
if len(lines) != len(want) or not all(re.fullmatch(w, l) for w, l in zip(want, lines)):
    print("FAILED: files and directories, stderr was:")
    print("\n".join(lines))
    sys.exit(1)
PY

# Nothing bad: exit 0, and nothing on a piped stderr.
cd "$tmp/clean" || exit 1
status 0 "$KGREP" extract -k -j 2 -o "$tmp/clean2.graphml" docs
[ ! -s "$tmp/err" ] || { echo "FAILED: stderr without errors:"; cat "$tmp/err"; fail=1; }
check cmp "$tmp/clean.graphml" "$tmp/clean2.graphml"

exit $fail
