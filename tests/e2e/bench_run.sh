#!/usr/bin/env bash
# bench/run.sh (bench/README.md) on a tiny scale, two rounds: it exits 0,
# finds the output of -j 1 and -j 2 identical, and reports every figure of
# issue 5 with a verdict; each ratio is the median of the rounds' own ratios,
# so it lies within the range it is printed with.
# Needs KGREP, BENCH (the bench/ directory) and SHARED; exits 77 (skipped)
# without the shared corpus.
set -u
. "$(dirname "$0")/need_corpus.sh"
if ! bash "$BENCH/run.sh" --kgrep "$KGREP" --mb 0.2 --baseline-mb 0.02 --rounds 2 \
    --work "$tmp" >"$tmp/report" 2>"$tmp/stderr"; then
  echo "FAILED: bench/run.sh exited non-zero"
  cat "$tmp/stderr"
  exit 1
fi
cat "$tmp/report"
python3 - "$tmp/report" <<'PY'
import re, sys
report = open(sys.argv[1], encoding="utf-8").read()
errors = []
figures = {
    "one thread": r"([\d.]+) MB/s",
    "two threads / one thread": r"([\d.]+)x",
    "kgrep -j 1 / Python baseline (MB/s)": r"([\d.]+)x",
    "10x rules slowdown (seconds ratio)": r"([\d.]+)x",
    "peak RSS, largest of the kgrep runs": r"([\d.]+) MB",
    "peak RSS, bundled pack": r"([\d.]+) MB",
}
for name, value in figures.items():
    line = next((l for l in report.splitlines() if l.startswith(name + " ")), None)
    if line is None:
        errors.append(f"no line for '{name}'")
        continue
    m = re.search(value + r"\s+\S.*?\s(met|NOT MET)\s*(?:([\d.]+)-([\d.]+))?$",
                  line[len(name):])
    if not m:
        errors.append(f"no value and verdict: {line}")
        continue
    if name.endswith(")") or "/" in name:  # a ratio: with the range of the rounds
        if m.group(3) is None:
            errors.append(f"no range of the rounds: {line}")
        # The range is printed rounded as the value is, or finer.
        elif not float(m.group(3)) - 0.5 <= float(m.group(1)) <= float(m.group(4)) + 0.5:
            errors.append(f"the value lies outside its range: {line}")
if "Output of -j 1 and -j 2: identical." not in report:
    errors.append("-j 1 and -j 2 are not reported identical")
if "2 rounds, interleaved" not in report:
    errors.append("the report does not say it ran two rounds")
for e in errors:
    print("FAILED:", e)
sys.exit(1 if errors else 0)
PY
