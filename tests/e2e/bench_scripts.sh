#!/usr/bin/env bash
# The scripts of the whole-process benchmark (bench/README.md), on a tiny scale:
#  - make_corpus.py is deterministic (byte-identical twice, a smaller size is
#    a prefix), writes valid JSON Lines of the size asked, and rotates names:
#    no document is a copy of its source;
#  - pad_pack.py writes a pack `kgrep check` accepts, with 10x the rules
#    (entity + relation rules + gazetteer entries) of the bundled pack;
#  - baseline_re.py compiles the bundled pack's patterns and finds matches.
# Needs KGREP, BENCH (the bench/ directory), RULES (the bundled pack) and
# SHARED; exits 77 (skipped) without the shared corpus.
set -u
. "$(dirname "$0")/need_corpus.sh"
fail=0
check() { echo "FAILED: $*"; fail=1; }

# --- the corpus generator -------------------------------------------------------
gen() { python3 "$BENCH/make_corpus.py" --corpus "$SHARED/corpus" --seed 7 "$@"; }
gen --mb 0.2 --jsonl "$tmp/a.jsonl" || check "make_corpus.py --mb 0.2 exited $?"
gen --mb 0.2 --jsonl "$tmp/b.jsonl" || check "make_corpus.py --mb 0.2 (again) exited $?"
gen --mb 0.1 --jsonl "$tmp/small.jsonl" || check "make_corpus.py --mb 0.1 exited $?"
gen --mb 0.2 --seed 8 --jsonl "$tmp/other-seed.jsonl" || check "make_corpus.py --seed 8 exited $?"
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" || check "two runs with the same arguments differ"
cmp -s "$tmp/a.jsonl" "$tmp/other-seed.jsonl" && check "another seed gives the same corpus"
head -c "$(stat -c %s "$tmp/small.jsonl")" "$tmp/a.jsonl" | cmp -s - "$tmp/small.jsonl" ||
  check "the 0.1 MB corpus is not a prefix of the 0.2 MB corpus"
python3 - "$tmp/a.jsonl" "$SHARED/corpus" <<'EOF' || check "the generated corpus (above)"
import json, os, sys, unicodedata
path, corpus = sys.argv[1], sys.argv[2]
sources = {n[:-4]: open(os.path.join(corpus, n), encoding="utf-8").read()
           for n in os.listdir(corpus) if n.endswith(".txt")}
size, ids, errors, non_ascii_names = 0, set(), [], 0
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    doc = json.loads(line)
    if sorted(doc) != ["id", "text"] or not doc["text"]:
        errors.append(f"line {n}: not a non-empty {{id, text}} object")
        continue
    size += len(doc["text"].encode("utf-8"))
    ids.add(doc["id"])
    stem = doc["id"].split("-", 1)[1]
    if doc["text"] == sources.get(stem):
        errors.append(f"{doc['id']} is a copy of its source")
    non_ascii_names += sum(1 for w in doc["text"].split()
                           if w[:1].isupper() and any(ord(c) > 127 for c in w))
if not 200_000 <= size < 230_000:
    errors.append(f"{size} bytes of text for --mb 0.2")
if len(ids) != n:
    errors.append("document ids are not unique")
if non_ascii_names == 0:
    errors.append("no capitalised word outside ASCII: names are not rotated in")
print("\n".join(errors) or f"ok: {n} documents, {size} bytes")
sys.exit(1 if errors else 0)
EOF

# A fixed cast: with --cast 1 every copy of a real document has the same
# people (its titles and countries still change); without it, other people.
gen --mb 0.5 --cast 1 --jsonl "$tmp/cast.jsonl" || check "make_corpus.py --cast 1 exited $?"
gen --mb 0.5 --jsonl "$tmp/rotated.jsonl" || check "make_corpus.py --mb 0.5 exited $?"
python3 - "$BENCH" "$tmp/cast.jsonl" "$tmp/rotated.jsonl" <<'EOF' || check "the cast corpus (above)"
import collections, json, re, sys
sys.path.insert(0, sys.argv[1])
import make_corpus
# Surnames that are no word of a country's name (Costa: Costa Rica).
surnames = set(make_corpus.SURNAMES) - {w for c in make_corpus.COUNTRIES for w in c[0].split()}
def copies(path):
    """stem -> [(surnames, text) of each copy]"""
    out = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        words = set(re.findall(r"[\w’'-]+", doc["text"]))
        out[doc["id"].split("-", 1)[1]].append((words & surnames, doc["text"]))
    return {stem: c for stem, c in out.items() if len(c) >= 2 and c[0][0]}
def same_people(path):
    c = copies(path)
    return sum(1 for v in c.values() if v[0][0] == v[1][0]), len(c)
cast, rotated = same_people(sys.argv[2]), same_people(sys.argv[3])
distinct = all(v[0][1] != v[1][1] for v in copies(sys.argv[2]).values())
print(f"documents whose copies have the same people: cast {cast}, rotated {rotated}; "
      f"copies differ in text: {distinct}")
sys.exit(0 if cast[1] >= 4 and cast[0] == cast[1] and rotated[0] == 0 and distinct else 1)
EOF

# --- the padded pack --------------------------------------------------------------
count() {  # the sum of the three counts `kgrep check` prints
  "$KGREP" check "$1" | python3 -c 'import re, sys
m = re.search(r"(\d+) entity rules, (\d+) relation rules, (\d+) gazetteer entries", sys.stdin.read())
print(sum(map(int, m.groups())) if m else "none")'
}
if python3 "$BENCH/pad_pack.py" --pack "$RULES" --out "$tmp/pack10x"; then
  padded=$(count "$tmp/pack10x/diplomacy-10x.yaml")
  bundled=$(count "$RULES")
  [ "$padded" != none ] && [ "$bundled" != none ] && [ "$padded" -eq $((10 * bundled)) ] ||
    check "kgrep check on the padded pack: $padded rules, expected 10 x $bundled"
else
  check "pad_pack.py exited non-zero"
fi

# --- the Python baseline -----------------------------------------------------------
if python3 "$BENCH/baseline_re.py" --kgrep "$KGREP" --rules "$RULES" --mb 0.02 --json \
     "$tmp/a.jsonl" >"$tmp/baseline.json"; then
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r)
sys.exit(0 if r["patterns"] > 0 and r["matches"] > 0 and r["documents"] > 0 else 1)' \
    "$tmp/baseline.json" || check "baseline_re.py: no patterns or no matches"
else
  check "baseline_re.py exited non-zero"
fi
exit $fail
