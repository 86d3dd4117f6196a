#!/usr/bin/env python3
"""print_patterns.py KGREP PACK: `kgrep check --print-patterns PACK` prints
valid JSON lines, one per compiled pattern, with every entity rule and
gazetteer of the pack (read here from its YAML files, includes followed) and
as many entity rules as `kgrep check` counts; patterns are macro-expanded."""

import json
import os
import re
import subprocess
import sys

import yaml

KINDS = {"entity", "gazetteer", "relation", "cleanup", "speaker", "resolution"}
# A macro reference left unexpanded; \p{L}, \x{300} and {2,3} are RE2's.
MACRO = re.compile(r"(?<!\\[pPx])\{[A-Z][A-Z0-9_]*\}")
SLOT = re.compile(r"\{(?:[a-z_]+:)?(?:\*|Person|Agency|Organization|Country|Initiative|Location)")


def pack_ids(path, seen=None):
    """Entity rule ids and gazetteer ids of the pack at `path`, includes first."""
    seen = set() if seen is None else seen
    path = os.path.normpath(os.path.abspath(path))
    if path in seen:
        return [], [], set()
    seen.add(path)
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    entities, gazetteers, disabled = [], [], set()
    includes = doc.get("include") or []
    for inc in [includes] if isinstance(includes, str) else includes:
        e, g, d = pack_ids(os.path.join(os.path.dirname(path), inc), seen)
        entities += e
        gazetteers += g
        disabled |= d
    entities += [r["id"] for r in doc.get("entities") or []]
    gazetteers += [g["id"] for g in doc.get("gazetteers") or []]
    d = doc.get("disable") or []
    disabled |= set([d] if isinstance(d, str) else d)
    return entities, gazetteers, disabled


def main():
    kgrep, pack = sys.argv[1], sys.argv[2]
    run = subprocess.run([kgrep, "check", "--print-patterns", pack], capture_output=True,
                         text=True, encoding="utf-8")
    errors = []
    if run.returncode != 0 or run.stderr:
        errors.append(f"exit status {run.returncode}, stderr: {run.stderr!r}")
    lines = run.stdout.splitlines()
    if not lines:
        errors.append("no output")
    seen = {}
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            errors.append(f"line {n}: invalid JSON: {e}")
            continue
        if not isinstance(obj, dict) or list(obj) != ["kind", "id", "type", "pattern"]:
            errors.append(f"line {n}: not an object with keys kind, id, type, pattern: {line[:80]}")
            continue
        kind, pattern = obj["kind"], obj["pattern"]
        if kind not in KINDS:
            errors.append(f"line {n}: unknown kind {kind!r}")
        if not isinstance(pattern, str) or not pattern:
            errors.append(f"line {n}: empty pattern")
            continue
        if MACRO.search(pattern):
            errors.append(f"line {n}: {obj['id']}: unexpanded macro {MACRO.search(pattern).group()}")
        if kind == "relation" and SLOT.search(pattern):
            errors.append(f"line {n}: {obj['id']}: unexpanded slot {SLOT.search(pattern).group()}")
        if kind in ("entity", "gazetteer") and not isinstance(obj["type"], str):
            errors.append(f"line {n}: {obj['id']}: no type")
        seen.setdefault(kind, []).append(obj["id"])

    entities, gazetteers, disabled = pack_ids(pack)
    for rule in entities:
        if rule not in disabled and rule not in seen.get("entity", []):
            errors.append(f"entity rule '{rule}' is not printed")
    for g in gazetteers:
        if g not in seen.get("gazetteer", []):
            errors.append(f"gazetteer '{g}' is not printed")
    summary = subprocess.run([kgrep, "check", pack], capture_output=True, text=True).stdout
    m = re.search(r"(\d+) entity rules, (\d+) relation rules", summary)
    if not m:
        errors.append(f"no counts in 'kgrep check': {summary!r}")
    else:
        for kind, count in (("entity", int(m.group(1))), ("relation", int(m.group(2)))):
            if len(seen.get(kind, [])) != count:
                errors.append(f"{len(seen.get(kind, []))} {kind} lines, kgrep check counts {count}")
    for e in errors:
        print(e)
    print(f"{len(lines)} lines; " + ", ".join(f"{len(v)} {k}" for k, v in sorted(seen.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
