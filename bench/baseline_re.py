#!/usr/bin/env python3
"""The baseline of the corpus-scale benchmark: what a user would write instead
of kgrep. It takes the patterns of a rule pack as kgrep compiled them (macros
expanded), compiles each with Python's `re`, and runs them one by one with
finditer over every document of a JSON Lines corpus, counting matches.

The patterns are kgrep's own: list macros (gazetteers, titles) come as the
prefix trees kgrep compiles them into, which `re` also runs several times
faster than the same forms joined longest first, as a user would write them.

It finds spans only: no segmentation, no groups, no resolution, no graph;
relation patterns run over the raw text (kgrep runs them over text with
mentions replaced by slots, which a user's script would not have). So it does
less work than kgrep, and its speed is an upper bound for the approach.

Usage:
  bench/baseline_re.py --kgrep build/cli/kgrep corpus.jsonl        # the bundled pack
  bench/baseline_re.py --kgrep K --rules a.yaml --rules b.yaml corpus.jsonl
  kgrep check --print-patterns rules/diplomacy.yaml > p.jsonl
  bench/baseline_re.py --patterns p.jsonl --mb 5 corpus.jsonl

Prints one line: patterns, documents, MB, seconds, MB/s, documents/s and
matches (--json: the same as one JSON object). Patterns that Python cannot
compile even after translation are reported on stderr and skipped.
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
import warnings

# RE2 accepts "[[" and "--" inside classes as literals; Python warns about them.
warnings.simplefilter("ignore", FutureWarning)


class Untranslatable(Exception):
    pass


# --- RE2 syntax that Python's re lacks ------------------------------------------
_category_ranges = {}


def _ranges_of(name):
    """Code point ranges [(lo, hi)] of a Unicode general category (L, Lu, M, N, ...)."""
    if not _category_ranges:  # one pass over Unicode, the first time a class is met
        runs = {}
        for cp in range(0x110000):
            cat = unicodedata.category(chr(cp))
            for key in (cat, cat[0]):
                r = runs.setdefault(key, [])
                if r and r[-1][1] == cp - 1:
                    r[-1][1] = cp
                else:
                    r.append([cp, cp])
        _category_ranges.update({k: [tuple(x) for x in v] for k, v in runs.items()})
    if name not in _category_ranges:
        raise Untranslatable(f"Unicode class \\p{{{name}}} (only general categories are "
                             "translated)")
    return _category_ranges[name]


def _complement(ranges):
    out, next_lo = [], 0
    for lo, hi in ranges:
        if lo > next_lo:
            out.append((next_lo, lo - 1))
        next_lo = hi + 1
    if next_lo <= 0x10FFFF:
        out.append((next_lo, 0x10FFFF))
    return out


def _escape_cp(cp):
    return f"\\x{cp:02x}" if cp < 0x100 else (f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}")


def _class_body(ranges):
    return "".join(_escape_cp(lo) if lo == hi else _escape_cp(lo) + "-" + _escape_cp(hi)
                   for lo, hi in ranges)


POSIX = {  # RE2's POSIX classes are ASCII
    "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ",
    "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9", "graph": "!-~", "lower": "a-z",
    "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z",
    "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
}


def translate(pattern):
    """RE2 syntax -> Python re syntax: \\x{HHHH}, \\p{..}/\\P{..} (as explicit
    ranges), [[:alpha:]], \\z, \\Q...\\E, (?<name>. Raises Untranslatable for
    what has no equivalent here; anything else is left to re.compile."""
    out, i, n, in_class = [], 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            if d == "x" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.index("}", i)
                out.append(_escape_cp(int(pattern[i + 3:end], 16)))
                i = end + 1
                continue
            if d in "pP":
                if i + 2 < n and pattern[i + 2] == "{":
                    end = pattern.index("}", i)
                    name = pattern[i + 3:end]
                    i = end + 1
                else:
                    name = pattern[i + 2]
                    i += 3
                negate = name.startswith("^")
                name = name.lstrip("^")
                ranges = [(0, 0x10FFFF)] if name == "Any" else _ranges_of(name)
                if (d == "P") != negate:
                    ranges = _complement(ranges)
                body = _class_body(ranges)
                out.append(body if in_class else "[" + body + "]")
                continue
            if d == "z":
                out.append("\\Z")
                i += 2
                continue
            if d == "Q":
                end = pattern.find("\\E", i + 2)
                end = n if end < 0 else end
                out.append(re.escape(pattern[i + 2:end]))
                i = end + 2
                continue
            if d in "CX":
                raise Untranslatable(f"\\{d}")
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):
                end = pattern.find(":]", i)
                name = pattern[i + 2:end].lstrip("^")
                if end < 0 or name not in POSIX:
                    raise Untranslatable(f"class {pattern[i:end + 2]}")
                if pattern[i + 2] == "^":
                    raise Untranslatable("negated POSIX class")
                out.append(POSIX[name])
                i = end + 2
                continue
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":  # a leading ] is a literal
                j += 1
            out.append(pattern[i:j])
            i = j
            continue
        if pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        if pattern.startswith("(?", i):
            m = re.match(r"\(\?([a-zA-Z-]*)[:)]", pattern[i:])
            if m and "U" in m.group(1):
                raise Untranslatable("the ungreedy flag (?U)")
        out.append(c)
        i += 1
    return "".join(out)


# --- the run --------------------------------------------------------------------
def load_patterns(args):
    if args.patterns:
        with (sys.stdin if args.patterns == "-" else open(args.patterns, encoding="utf-8")) as f:
            lines = f.read().splitlines()
    else:
        rules = args.rules or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                            "rules", "diplomacy.yaml")]
        run = subprocess.run([args.kgrep, "check", "--print-patterns", *rules],
                             capture_output=True, text=True, encoding="utf-8")
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            sys.exit(f"baseline_re: {args.kgrep} check --print-patterns failed "
                     f"(exit {run.returncode})")
        lines = run.stdout.splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--patterns", metavar="FILE",
                     help="output of 'kgrep check --print-patterns' (- for stdin)")
    src.add_argument("--kgrep", metavar="PATH", help="run PATH check --print-patterns")
    ap.add_argument("--rules", action="append", metavar="PACK",
                    help="with --kgrep: packs to load (default rules/diplomacy.yaml)")
    ap.add_argument("--kinds", default="entity,gazetteer,relation",
                    help="pattern kinds to apply (default entity,gazetteer,relation)")
    ap.add_argument("--mb", type=float, metavar="N",
                    help="stop after the documents that make the first N MB of text")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    ap.add_argument("corpus", help="JSON Lines corpus: one {\"id\", \"text\"} per line")
    args = ap.parse_args()

    kinds = set(args.kinds.split(","))
    compiled, skipped = [], 0
    for p in load_patterns(args):
        if p["kind"] not in kinds:
            continue
        try:
            compiled.append((p["kind"], p["id"], re.compile(translate(p["pattern"]))))
        except (Untranslatable, re.error, ValueError, OverflowError) as e:
            skipped += 1
            print(f"baseline_re: skipped {p['kind']} '{p['id']}': {e}", file=sys.stderr)
    if skipped:
        print(f"baseline_re: {skipped} pattern{'s' if skipped != 1 else ''} skipped",
              file=sys.stderr)

    limit = None if args.mb is None else int(args.mb * 1_000_000)
    documents = size = matches = 0
    seconds = 0.0
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            start = time.perf_counter()
            for _, _, regex in compiled:
                for _ in regex.finditer(text):
                    matches += 1
            seconds += time.perf_counter() - start
            documents += 1
            size += len(text.encode("utf-8"))
            if limit is not None and size >= limit:
                break

    mb = size / 1e6
    result = {
        "patterns": len(compiled), "skipped": skipped, "documents": documents,
        "mb": round(mb, 3), "seconds": round(seconds, 3),
        "mb_per_s": round(mb / seconds, 3) if seconds else None,
        "documents_per_s": round(documents / seconds, 1) if seconds else None,
        "matches": matches,
    }
    if args.json:
        print(json.dumps(result))
    else:
        by_kind = {k: sum(1 for c in compiled if c[0] == k) for k in sorted(kinds)}
        print(f"baseline_re: {len(compiled)} patterns ("
              + ", ".join(f"{v} {k}" for k, v in by_kind.items()) + f"), {skipped} skipped; "
              f"{documents} documents, {mb:.2f} MB in {seconds:.2f} s (matching only): "
              f"{result['mb_per_s']} MB/s, {result['documents_per_s']} documents/s; "
              f"{matches} matches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
