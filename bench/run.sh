#!/usr/bin/env bash
# The whole-process benchmark of issue 5 ("Corpus scale"), section 2.
#
#   bench/run.sh                 # 100 MB corpus, a release build of kgrep made here
#   bench/run.sh --mb 5          # a quick run
#   bench/run.sh --kgrep build-rel/cli/kgrep --mb 100
#
# Runs `kgrep extract --jsonl CORPUS` with -j 1 and -j 2, with a pack of 10x
# the rules at -j 1 and -j 2, at -j 1 on a quarter of the corpus, the Python `re`
# baseline on the first --baseline-mb MB, and at -j 1 on a corpus of a fixed
# cast of people, whole and a quarter of it (memory once the entity set stops
# growing, make_corpus.py --cast 10); prints MB/s,
# documents/s, seconds and peak RSS of each process, then the ratios the issue
# sets targets for. Times are wall-clock times of the whole process: start-up,
# pack compilation, reading, extraction and writing the GraphML.
#
# Options:
#   --mb N           corpus size in MB of text (default 100)
#   --seed S         corpus seed (default 1)
#   --kgrep PATH     the kgrep to measure (default: build a RelWithDebInfo tree in WORK/release)
#   --baseline-mb N  how much of the corpus the Python baseline reads (default 5)
#   --rounds N       run every measurement N times, interleaved (default 3); the
#                    report gives the median time and the largest peak RSS
#   --work DIR       build tree, corpus cache and outputs (default build-bench/ in the repo)
#
# These machines drift by up to 2x within minutes, so one run of each is not
# a figure: the rounds run one after another (every measurement once, then
# again), and the table shows each run's median time with the range of all.
#
# Corpora are cached in WORK/corpus, keyed by size, seed and a checksum of the
# generator and its source documents. Exit status: 0 when every run succeeded
# (whether targets are met or not), 1 when a run failed, 2 on a bad command line.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$repo/bench"
mb=100 seed=1 kgrep="" baseline_mb=5 rounds=3 work="$repo/build-bench"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
need_value() { [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) need_value "$@"; mb=$2; shift 2 ;;
    --seed) need_value "$@"; seed=$2; shift 2 ;;
    --kgrep) need_value "$@"; kgrep=$2; shift 2 ;;
    --baseline-mb) need_value "$@"; baseline_mb=$2; shift 2 ;;
    --rounds) need_value "$@"; rounds=$2; shift 2 ;;
    --work) need_value "$@"; work=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
is_number() { [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; }
is_number "$mb" && is_number "$baseline_mb" && [[ $seed =~ ^[0-9]+$ ]] &&
  [[ $rounds =~ ^[1-9][0-9]*$ ]] ||
  { echo "run.sh: --mb, --baseline-mb, --seed and --rounds take numbers" >&2; exit 2; }
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)' "$mb" ||
  { echo "run.sh: --mb must be positive" >&2; exit 2; }

mkdir -p "$work/corpus" "$work/out"
work=$(cd "$work" && pwd)
fail() { echo "run.sh: $*" >&2; exit 1; }
calc() { python3 -c "print($1)"; }  # float arithmetic; arguments are our own numbers

# --- kgrep ------------------------------------------------------------------------
if [ -z "$kgrep" ]; then
  echo "building kgrep (RelWithDebInfo) in $work/release ..." >&2
  log="$work/release-build.log"
  { cmake -S "$repo" -B "$work/release" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DKGREP_BUILD_TESTS=OFF -DKGREP_BUILD_BENCH=OFF && cmake --build "$work/release" -j2 --target kgrep; } \
    >"$log" 2>&1 || { tail -n 30 "$log" >&2; fail "building kgrep failed (log: $log)"; }
  kgrep="$work/release/cli/kgrep"
fi
[ -x "$kgrep" ] || fail "not an executable: $kgrep"
kgrep=$(cd "$(dirname "$kgrep")" && pwd)/$(basename "$kgrep")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$(dirname "$kgrep")/../CMakeCache.txt" \
             2>/dev/null || true)

# --- corpora and the padded pack --------------------------------------------------
key=$(cat "$bench/make_corpus.py" "$repo"/../shared/corpus/*.txt 2>/dev/null | sha256sum | cut -c1-8)
# corpus MB [CAST]: the file of that size (generated once), and its documents and
# text bytes; with CAST, people from a fixed cast (make_corpus.py --cast).
corpus() {
  local size=$1 cast=${2:-0} file="$work/corpus/corpus-${1}mb-seed${seed}-${key}.jsonl"
  [ "$cast" = 0 ] || file="$work/corpus/corpus-${1}mb-cast${cast}-seed${seed}-${key}.jsonl"
  if [ ! -s "$file" ]; then
    echo "generating a ${size} MB corpus ..." >&2
    python3 "$bench/make_corpus.py" --mb "$size" --seed "$seed" --cast "$cast" --jsonl "$file" ||
      fail "make_corpus.py failed"
  fi
  if [ ! -s "$file.meta" ]; then
    python3 -c 'import json, sys
docs = size = 0
for line in open(sys.argv[1], encoding="utf-8"):
    docs += 1; size += len(json.loads(line)["text"].encode("utf-8"))
print(docs, size)' "$file" >"$file.meta"
  fi
  echo "$file"
}
full=$(corpus "$mb")
quarter_mb=$(calc "'%g' % round($mb / 4, 3)")
quarter=$(corpus "$quarter_mb")
baseline_size=$(calc "'%g' % min($baseline_mb, $mb)")
prefix=$(corpus "$baseline_size")
# Memory once the entity set stops growing: a corpus of a fixed cast.
cast=10
cast_full=$(corpus "$mb" "$cast")
cast_quarter=$(corpus "$quarter_mb" "$cast")

pack10x="$work/pack10x"
pad_line=$(python3 "$bench/pad_pack.py" --out "$pack10x") || fail "pad_pack.py failed"
pack10x="$pack10x/diplomacy-10x.yaml"
"$kgrep" check "$pack10x" >/dev/null || fail "kgrep check rejects the padded pack"

# --- measuring --------------------------------------------------------------------
# measure NAME CORPUS CMD...: runs CMD, records "seconds peak_kB documents bytes"
# in $work/out/NAME.m; its stdout goes to NAME.stdout. Peak RSS from GNU time
# (Debian package `time`) when installed, else from wait4()'s ru_maxrss.
if [ -x /usr/bin/time ]; then rss_tool="GNU time -v"; else rss_tool="wait4 ru_maxrss"; fi
measure() {
  local name=$1 corpus_file=$2; shift 2
  local out="$work/out/$name" start end status=0 rss cpu
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out.time" "$@" >"$out.stdout" 2>"$out.stderr" || status=$?
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time")
    cpu=$(calc "$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$out.time" | paste -sd+)")
  else
    python3 -c 'import os, subprocess, sys
p = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1] + ".stdout", "w"),
                     stderr=open(sys.argv[1] + ".stderr", "w"))
_, status, usage = os.wait4(p.pid, 0)
open(sys.argv[1] + ".time", "w").write("%d %f\n" % (usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status) & 255)' "$out" "$@" || status=$?
    read -r rss cpu <"$out.time"
  fi
  end=$(date +%s.%N)
  if [ "$status" -ne 0 ]; then
    tail -n 20 "$out.stderr" >&2
    fail "$name failed with exit status $status: $*"
  fi
  echo "$(calc "$end - $start") $rss $cpu $(cat "$corpus_file.meta")" >"$out.m"
}

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
extract=("$kgrep" extract --jsonl --quiet)
rm -f "$work"/out/*.m
same="identical"
for ((r = 1; r <= rounds; r++)); do
  echo "running round $r of $rounds ..." >&2
  measure "j1.$r" "$full" "${extract[@]}" -j 1 -o "$work/out/j1.graphml" "$full"
  # The baseline right after: their ratio is a figure, taken from each round.
  measure "baseline.$r" "$prefix" python3 "$bench/baseline_re.py" --kgrep "$kgrep" --json "$prefix"
  measure "j2.$r" "$full" "${extract[@]}" -j 2 -o "$work/out/j2.graphml" "$full"
  cmp -s "$work/out/j1.graphml" "$work/out/j2.graphml" || same="DIFFERENT"
  measure "rules10x.$r" "$full" "${extract[@]}" -j 1 --rules "$pack10x" \
    -o "$work/out/rules10x.graphml" "$full"
  measure "rules10x_j2.$r" "$full" "${extract[@]}" -j 2 --rules "$pack10x" \
    -o "$work/out/rules10x_j2.graphml" "$full"
  measure "quarter.$r" "$quarter" "${extract[@]}" -j 1 -o "$work/out/quarter.graphml" "$quarter"
  measure "cast.$r" "$cast_full" "${extract[@]}" -j 1 -o "$work/out/cast.graphml" "$cast_full"
  measure "cast_quarter.$r" "$cast_quarter" "${extract[@]}" -j 1 \
    -o "$work/out/cast_quarter.graphml" "$cast_quarter"
done

# --- the report -------------------------------------------------------------------
LOAD="$load" KGREP="$kgrep" BUILD_TYPE="$build_type" RSS_TOOL="$rss_tool" MB="$mb" SEED="$seed" \
CAST="$cast" ROUNDS="$rounds" \
PAD_LINE="$pad_line" python3 - "$work/out" "$same" <<'EOF'
import json, os, statistics, sys
out, same = sys.argv[1], sys.argv[2]
env = os.environ
rounds = int(env["ROUNDS"])
def m(name):
    """A run over the rounds: median seconds and CPU, largest peak RSS."""
    runs = [open(os.path.join(out, f"{name}.{r}.m")).read().split() for r in range(1, rounds + 1)]
    seconds = [float(r[0]) for r in runs]
    s = statistics.median(seconds)
    docs, size = int(runs[0][3]), int(runs[0][4])
    mb = size / 1e6
    return dict(s=s, lo=min(seconds), hi=max(seconds), rss=max(int(r[1]) for r in runs) / 1024,
                cpu=statistics.median(float(r[2]) for r in runs), docs=docs, mb=mb, mbs=mb / s,
                dps=docs / s)
j1, j2, r10, q, base = m("j1"), m("j2"), m("rules10x"), m("quarter"), m("baseline")
def per_round(f, a, b):
    """f of the seconds of runs a and b in each round: the median, the lowest and the highest."""
    values = [f(float(open(os.path.join(out, f"{a}.{r}.m")).read().split()[0]),
                float(open(os.path.join(out, f"{b}.{r}.m")).read().split()[0]))
              for r in range(1, rounds + 1)]
    return statistics.median(values), min(values), max(values)
cast, cast_q, r10j2 = m("cast"), m("cast_quarter"), m("rules10x_j2")
def size(name):
    """Nodes and edges of an output GraphML."""
    text = open(os.path.join(out, name + ".graphml"), encoding="utf-8").read()
    return text.count("<node "), text.count("<edge ")
for r, name in ((j1, "j1"), (q, "quarter"), (cast, "cast"), (cast_q, "cast_quarter")):
    r["nodes"], r["edges"] = size(name)
inner = json.load(open(os.path.join(out, f"baseline.{rounds}.stdout")))
inner["mb_per_s"] = statistics.median(
    json.load(open(os.path.join(out, f"baseline.{r}.stdout")))["mb_per_s"]
    for r in range(1, rounds + 1))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
print("kgrep whole-process benchmark (issue 5, section 2)")
print(f"machine: {cpu}, {os.cpu_count()} cores, {mem / 1024:.1f} GB RAM, Linux {os.uname().release}")
print(f"kgrep:   {env['KGREP']} ({env['BUILD_TYPE'] or 'build type unknown'})")
print(f"corpus:  {j1['mb']:.1f} MB of text, {j1['docs']} documents "
      f"(bench/make_corpus.py --mb {env['MB']} --seed {env['SEED']})")
print(f"peak RSS from {env['RSS_TOOL']}; times are wall clock, whole process; CPU s = user + system")
if rounds > 1:
    print(f"{rounds} rounds, interleaved: seconds and CPU s are medians (range: the fastest and "
          "slowest round),\n      peak RSS the largest of the rounds")
load = float(env["LOAD"])
if load > 1.0:
    print(f"NOTE: load average {load:.1f} on {os.cpu_count()} cores before the runs: other "
          "processes compete for the CPU,\n      so times are longer than on a quiet machine "
          "(compare CPU s with seconds)")
print()
rows = [
    ("kgrep extract -j 1", j1), ("kgrep extract -j 2", j2),
    ("kgrep extract -j 1, 10x rules", r10),
    ("kgrep extract -j 2, 10x rules", r10j2),
    (f"kgrep extract -j 1, first {q['mb']:.1f} MB", q),
    (f"Python re baseline, first {base['mb']:.1f} MB", base),
    (f"kgrep extract -j 1, cast of {env['CAST']}", cast),
    (f"kgrep extract -j 1, cast, first {cast_q['mb']:.1f} MB", cast_q),
]
print(f"{'run':<38}{'MB':>7}{'seconds':>9}{'MB/s':>8}{'docs/s':>8}{'peak RSS':>10}{'CPU s':>8}"
      f"{'range s':>14}")
for name, r in rows:
    print(f"{name:<38}{r['mb']:>7.1f}{r['s']:>9.2f}{r['mbs']:>8.2f}{r['dps']:>8.0f}"
          f"{r['rss']:>7.0f} MB{r['cpu']:>8.2f}{r['lo']:>8.2f}-{r['hi']:.2f}")
print()
def verdict(ok): return "met" if ok else "NOT MET"
peak = max(j1["rss"], j2["rss"], r10["rss"], r10j2["rss"], q["rss"], cast["rss"], cast_q["rss"])
peak_bundled = max(j1["rss"], j2["rss"], q["rss"], cast["rss"], cast_q["rss"])
# The ratios are taken within each round, between runs close in time (the
# baseline runs right after -j 1): the median of the rounds' ratios, and
# their range.
speed = per_round(lambda k, b: (j1["mb"] / k) / (base["mb"] / b), "j1", "baseline")
scale = per_round(lambda one, two: one / two, "j1", "j2")
slow = per_round(lambda ten, one: ten / one, "rules10x", "j1")
def span(r, fmt): return f"{fmt.format(r[1])}-{fmt.format(r[2])}" if rounds > 1 else ""
figures = [
    ("one thread", f"{j1['mbs']:.1f} MB/s", ">= 25 MB/s", verdict(j1["mbs"] >= 25),
     f"{j1['mb'] / j1['hi']:.1f}-{j1['mb'] / j1['lo']:.1f}" if rounds > 1 else ""),
    ("two threads / one thread", f"{scale[0]:.2f}x", ">= 1.6x", verdict(scale[0] >= 1.6),
     span(scale, "{:.2f}")),
    ("kgrep -j 1 / Python baseline (MB/s)", f"{speed[0]:.0f}x", ">= 30x",
     verdict(speed[0] >= 30), span(speed, "{:.0f}")),
    ("10x rules slowdown (seconds ratio)", f"{slow[0]:.2f}x", "<= 2x", verdict(slow[0] <= 2),
     span(slow, "{:.2f}")),
    ("peak RSS, largest of the kgrep runs", f"{peak:.0f} MB", "< 300 MB", verdict(peak < 300), ""),
    ("peak RSS, bundled pack", f"{peak_bundled:.0f} MB", "< 300 MB", verdict(peak_bundled < 300),
     ""),
    (f"peak RSS, {cast_q['mb']:.1f} -> {cast['mb']:.1f} MB, cast of {env['CAST']}",
     f"{cast_q['rss']:.0f} -> {cast['rss']:.0f} MB", "flat (<= 1.2x)",
     verdict(cast["rss"] <= 1.2 * cast_q["rss"]), ""),
]
print(f"{'figure':<42}{'value':>16}   {'target':<16}{'':<8}{'rounds' if rounds > 1 else ''}")
for name, value, target, v, r in figures:
    print(f"{name:<42}{value:>16}   {target:<16}{v:<8}{r}")
if rounds > 1:
    print("(ratios: the median of the rounds' own ratios; rounds: their range, or the range of "
          "MB/s)")
print()
print("Graphs (nodes / edges), first a quarter of the corpus, then all of it:")
print(f"  rotated people: {q['nodes']} / {q['edges']} -> {j1['nodes']} / {j1['edges']}; "
      f"peak RSS {q['rss']:.0f} -> {j1['rss']:.0f} MB")
print(f"  cast of {env['CAST']}:     {cast_q['nodes']} / {cast_q['edges']} -> "
      f"{cast['nodes']} / {cast['edges']}; peak RSS {cast_q['rss']:.0f} -> {cast['rss']:.0f} MB")
print(f"Output of -j 1 and -j 2: {same}.")
print(f"The baseline reads only the first {base['mb']:.1f} MB (it is slow); its time includes start-up "
      f"and compiling {inner['patterns']} patterns ({inner['skipped']} skipped); matching alone ran "
      f"at {inner['mb_per_s']:.3g} MB/s (median), {inner['matches']} matches.")
print("10x pack: " + env["PAD_LINE"].replace("pad_pack: ", "", 1))
if float(env["MB"]) != 100:
    print(f"Targets are for a 100 MB corpus; this run used {env['MB']} MB.")
EOF
[ "$same" = identical ] || fail "-j 1 and -j 2 wrote different graphs"
