#!/usr/bin/env bash
# Many documents in: directories (recursive, --glob), JSON Lines, stdin; the
# same graph whatever the thread count; progress only when asked for (or on a
# terminal). Run in tests/data.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! "$@"; then echo "FAILED: $*"; fail=1; fi; }

mkdir -p "$tmp/docs/sub"
cp fixture.txt "$tmp/docs/a.txt"
cp tricky.txt "$tmp/docs/sub/b.txt"
printf 'not a document\n' > "$tmp/docs/notes.md"

# A directory is its *.txt files, recursively, in sorted order.
check "$KGREP" extract -j 1 -o "$tmp/dir1.graphml" "$tmp/docs"
check "$KGREP" extract -j 1 -o "$tmp/files.graphml" "$tmp/docs/a.txt" "$tmp/docs/sub/b.txt"
# Same graph (the description line names the inputs as given, so skip it).
check diff <(grep -v '<desc>' "$tmp/dir1.graphml") <(grep -v '<desc>' "$tmp/files.graphml")

# Byte-identical whatever the number of threads.
check "$KGREP" extract -j 2 -o "$tmp/dir2.graphml" "$tmp/docs"
check "$KGREP" extract -j 7 -o "$tmp/dir7.graphml" "$tmp/docs"
check cmp "$tmp/dir1.graphml" "$tmp/dir2.graphml"
check cmp "$tmp/dir1.graphml" "$tmp/dir7.graphml"

# Across documents, a person named by one word is the one person of that
# name: the speaker label of one document, the full name of the other; in
# `kgrep merge` as in `extract`.
printf 'Foreign Minister Mélanie Joly of Canada met Minister Ada Eze.\n' > "$tmp/joly1.txt"
printf 'MINISTER JOLY: Thank you, Minister Tomas Varga.\n' > "$tmp/joly2.txt"
check "$KGREP" extract -j 1 --format json -o "$tmp/joly.json" "$tmp/joly1.txt" "$tmp/joly2.txt"
check "$KGREP" extract -j 1 --emit fragments -o "$tmp/joly1.jsonl" "$tmp/joly1.txt"
check "$KGREP" extract -j 1 --emit fragments -o "$tmp/joly2.jsonl" "$tmp/joly2.txt"
check "$KGREP" merge --format json -o "$tmp/joly-merged.json" "$tmp/joly2.jsonl" "$tmp/joly1.jsonl"
for graph in "$tmp/joly.json" "$tmp/joly-merged.json"; do
  python3 - "$graph" <<'PY' || { echo "FAILED: people by name in $graph"; fail=1; }
import json, sys
g = json.load(open(sys.argv[1]))["elements"]
label = {n["data"]["id"]: n["data"]["label"] for n in g["nodes"]}
people = sorted(n["data"]["label"] for n in g["nodes"] if n["data"]["type"] == "Person")
edges = sorted((label[e["data"]["source"]], e["data"]["relation"], label[e["data"]["target"]])
               for e in g["edges"])
assert people == ["Ada Eze", "Mélanie Joly", "Tomas Varga"], people
assert ("Mélanie Joly", "thanked", "Tomas Varga") in edges, edges
PY
done

# --glob takes other files.
"$KGREP" extract --glob '*.md' -o - "$tmp/docs" >/dev/null 2>&1 || { echo "FAILED: --glob '*.md'"; fail=1; }
out=$("$KGREP" extract --glob '*.none' -o - "$tmp/docs" 2>&1 >/dev/null)
[ "$out" = "kgrep: no documents matching '*.none' in '$tmp/docs'" ] || { echo "FAILED: empty glob said: $out"; fail=1; }

# JSON Lines: one document per line, named by its id; the same graph as files
# of the same names would give.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
with open(tmp + "/docs.jsonl", "w") as out:
    for name in ("a", "sub/b"):
        out.write(json.dumps({"id": f"{tmp}/docs/{name}.txt",
                              "text": open(f"{tmp}/docs/{name}.txt").read()}) + "\n")
PY
check "$KGREP" extract --jsonl -o "$tmp/jsonl.graphml" "$tmp/docs.jsonl"
check diff <(grep -v '<desc>' "$tmp/jsonl.graphml") <(grep -v '<desc>' "$tmp/files.graphml")
out=$(printf '{"id": 1}\n' | "$KGREP" extract --jsonl -o - - 2>&1 >/dev/null)
[ "$out" = 'kgrep: -:1: no "text" key' ] || { echo "FAILED: bad line said: $out"; fail=1; }

# What a JSON line may hold, and the name it gives its document (or the
# error): the same lines are accepted whether simdjson reads them or, where
# it cannot (a byte-order mark, an integer too large), nlohmann; a key given
# twice counts last.
json_line() {  # json_line LINE EXPECTED: EXPECTED is the document's name or the error
  local got
  got=$(printf '%b\n' "$1" | "$KGREP" extract --jsonl --emit fragments -o - - 2>&1 |
        python3 -c 'import json, sys
line = sys.stdin.readline().rstrip("\n")
print(json.loads(line)["document"] if line.startswith("{") else line)')
  [ "$got" = "$2" ] || { echo "FAILED: JSON line $1 gave '$got', not '$2'"; fail=1; }
}
not_object='kgrep: -:1: not a JSON object {"id": ..., "text": ...}'
not_string='kgrep: -:1: "text" is not a string'
json_line '{"id": "a", "text": "x"}' 'a'
json_line '{"text": "x", "id": -5}' '-5'
json_line '{"id": 18446744073709551615, "text": "x"}' '18446744073709551615'
json_line '{"id": 123456789012345678901234567890, "text": "x"}' '-:1'
json_line '{"id": 1.0, "text": "x"}' '-:1'
json_line '{"id": ["a"], "text": "x"}' '-:1'
json_line '\xef\xbb\xbf{"id": "bom", "text": "x"}' 'bom'
json_line '{"id": "\\u00e9\\ud83d\\ude00", "text": "x"}' 'é😀'
json_line '{"id": "a", "id": "b", "text": "x"}' 'b'
json_line '{"id": "a", "text": 5, "text": "x"}' 'a'
json_line '{"id": "a", "text": "x", "text": 5}' "$not_string"
# Invalid JSON: line and column (in code points), and nlohmann's reason.
json_line '{"id": "a", "text": "x"} junk' \
  'kgrep: -:1:26: invalid JSON: syntax error while parsing value - invalid literal; expected end of input'
json_line '{"id": "\xc3\xa9", "t\xc3\xa9xt": "x" x}' \
  'kgrep: -:1:25: invalid JSON: syntax error while parsing object - invalid literal; expected '"'}'"
json_line '{"text": "x", "more": [1, 2,]}' \
  "kgrep: -:1:29: invalid JSON: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"
# Not UTF-8: the first bad byte, as in a text file (its offset in the file).
json_line '{"id": "caf\xc3", "text": "x"}' 'kgrep: -:1:12: invalid UTF-8 at byte 11 (0xC3)'
json_line '{"id": "a", "text": "\\ud800 lone"}' \
  'kgrep: -:1:28: invalid JSON: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF'
json_line '{"id": 1}' 'kgrep: -:1: no "text" key'
json_line '["x"]' "$not_object"
json_line '\xef\xbb\xbf["bom"]' "$not_object"
# The text as nlohmann decodes it: escapes, and characters outside the BMP.
printf '%s\n' '{"id": "e", "text": "Foreign Minister M\u00e9lanie Joly met Minister Ada Eze \ud83d\ude00.\nThen she left."}' > "$tmp/escapes.jsonl"
check "$KGREP" extract --jsonl --format json -o "$tmp/escapes.json" "$tmp/escapes.jsonl"
check grep -q '"label": *"Mélanie Joly"' "$tmp/escapes.json"

# More documents than one batch of extraction holds (64), of mixed sizes:
# still the same graph whatever the number of threads.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
texts = [open(name).read() for name in ("fixture.txt", "tricky.txt")]
with open(tmp + "/many.jsonl", "w") as out:
    for i in range(300):
        text = texts[i % 2] * (1 + (i % 50 == 0) * 20)  # every 50th about 14 KB
        out.write(json.dumps({"id": f"doc{i:03d}", "text": text}) + "\n")
PY
err=$("$KGREP" extract --jsonl -j 1 --progress -o "$tmp/many1.graphml" "$tmp/many.jsonl" 2>&1)
echo "$err" | grep -q 'kgrep: 300 documents' || { echo "FAILED: 300 documents: $err"; fail=1; }
# The progress line before the summary: the input's size is known, so a full
# bar, 100% and no time left once every line is read; each drawn over the last.
last=$(printf '%s' "$err" | tr '\r' '\n' | grep '^kgrep: \[' | tail -n 1)
echo "$last" | grep -Eq '^kgrep: \[#+\]  100%  300 documents  [0-9.]+ MB  [0-9.]+ MB/s  ETA 0:00'$'\x1b''\[K$' ||
  { echo "FAILED: last progress line: $last"; fail=1; }
# From a pipe, no size: no bar, no percentage, no time left.
err=$(cat "$tmp/many.jsonl" | "$KGREP" extract --jsonl --progress -o "$tmp/pipe.graphml" - 2>&1)
printf '%s' "$err" | tr '\r' '\n' | grep -q '^kgrep: [0-9]* documents  [0-9.]* MB  [0-9.]* MB/s' ||
  { echo "FAILED: progress from a pipe: $err"; fail=1; }
if printf '%s' "$err" | grep -Eq '%|ETA|: \['; then echo "FAILED: a size for a pipe: $err"; fail=1; fi
# kgrep merge shows the same over its parts, and a summary of the merged graph.
check "$KGREP" extract --jsonl --emit fragments -o "$tmp/many.parts" "$tmp/many.jsonl"
err=$("$KGREP" merge --progress -o "$tmp/merged.graphml" "$tmp/many.parts" 2>&1)
printf '%s' "$err" | tr '\r' '\n' | grep -Eq '^kgrep: \[#+\]  100%  300 documents' ||
  { echo "FAILED: merge progress: $err"; fail=1; }
echo "$err" | grep -Eq 'kgrep: 300 documents, [0-9.]+ MB, [0-9]+ entities, [0-9]+ edges, [0-9.]+ s' ||
  { echo "FAILED: merge summary: $err"; fail=1; }
err=$(cat "$tmp/many.parts" | "$KGREP" merge --progress -o "$tmp/merged2.graphml" - 2>&1)
if printf '%s' "$err" | grep -Eq '%|ETA|: \['; then echo "FAILED: merge from a pipe: $err"; fail=1; fi
[ "$(printf '%s' "$err" | tr '\r' '\n' | grep -o 'kgrep: 300 documents, [0-9.]* MB' | grep -c ' 0.0 MB')" = 0 ] ||
  { echo "FAILED: merge from a pipe counts no bytes: $err"; fail=1; }
err=$("$KGREP" merge -o "$tmp/merged3.graphml" "$tmp/many.parts" 2>&1)
[ -z "$err" ] || { echo "FAILED: merge printed when piped: $err"; fail=1; }
# A directory: its files matching --glob make the total.
mkdir -p "$tmp/tree/sub"
cp fixture.txt "$tmp/tree/a.txt"; cp tricky.txt "$tmp/tree/sub/b.txt"; cp tricky.txt "$tmp/tree/c.md"
err=$("$KGREP" extract --progress -o "$tmp/tree.graphml" "$tmp/tree" 2>&1)
printf '%s' "$err" | tr '\r' '\n' | grep -Eq '^kgrep: \[#+\]  100%  2 documents' ||
  { echo "FAILED: progress over a directory: $err"; fail=1; }
check "$KGREP" extract --jsonl -j 2 -o "$tmp/many2.graphml" "$tmp/many.jsonl"
check "$KGREP" extract --jsonl -j 3 -o "$tmp/many3.graphml" "$tmp/many.jsonl"
check cmp "$tmp/many1.graphml" "$tmp/many2.graphml"
check cmp "$tmp/many1.graphml" "$tmp/many3.graphml"

# Standard input.
"$KGREP" extract -o - - < fixture.txt > "$tmp/stdin.graphml" || { echo "FAILED: stdin"; fail=1; }
check grep -q 'Ingrid Weber' "$tmp/stdin.graphml"

# Piped stderr: nothing but errors, unless --progress; --quiet wins.
err=$("$KGREP" extract -o "$tmp/x.graphml" fixture.txt 2>&1)
[ -z "$err" ] || { echo "FAILED: stderr not empty when piped: $err"; fail=1; }
err=$("$KGREP" extract --progress -o "$tmp/x.graphml" fixture.txt 2>&1)
echo "$err" | grep -Eq 'kgrep: 1 document, [0-9.]+ MB, 9 entities, 9 edges, [0-9.]+ s' ||
  { echo "FAILED: no summary with --progress: $err"; fail=1; }
err=$("$KGREP" extract --progress --quiet -o "$tmp/x.graphml" fixture.txt 2>&1)
[ -z "$err" ] || { echo "FAILED: --quiet still printed: $err"; fail=1; }
exit $fail
