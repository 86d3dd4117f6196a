#!/usr/bin/env bash
# A short fuzzing run of every libFuzzer target: builds them with clang in a
# tree of their own (KGREP_FUZZ=ON), then runs each for SECONDS seconds,
# starting from its inputs in tests/fuzz/<target>/ (which it does not change).
#
# Usage: tests/fuzz/smoke.sh [SECONDS]      (default 60 per target)
#   BUILD=dir   the build tree (default: build-fuzz in the project root)
#   JOBS=n      build jobs (default 2)
#
# Exits 0 when no target failed; 1 when one crashed, leaked, timed out or
# broke a property, after printing its report. The input that failed is kept
# as $BUILD/fuzz-artifacts/<target>/crash-*: minimise it
# (<target> -minimize_crash=1 -runs=10000 FILE), fix the cause, and add it to
# tests/fuzz/<target>/ as crash-<what>, so that CTest replays it for good.
# Needs clang and its libFuzzer runtime (Debian: clang libclang-rt-14-dev).
set -euo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build-fuzz}
targets=(fuzz_pack fuzz_document fuzz_writers)

command -v clang++ >/dev/null ||
  { echo "smoke.sh: clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)"; exit 1; }
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DKGREP_FUZZ=ON -DKGREP_BUILD_TESTS=OFF \
  -DKGREP_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target kgrep_fuzz -j "${JOBS:-2}"

export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "$build/fuzz-artifacts/$t"
  echo "== $t: ${seconds}s"
  # fuzz_writers draws pictures: Graphviz and fontconfig cache per process,
  # so every input would trigger a full leak scan, 2-4 times the run time.
  leaks=1
  [ "$t" = fuzz_writers ] && leaks=0
  # New inputs go to the first directory, a scratch copy; the kept inputs
  # are only read. Standard input is closed: a target must not wait on it.
  if "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
      -detect_leaks="$leaks" -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t/" \
      "$work/$t" "$here/$t" </dev/null >"$work/$t.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+.*DONE)' \
      "$work/$t.log" || true
  else
    status=1
    echo "FAILED: $t"
    grep -vE '^(#[0-9]+|INFO:|stat::)' "$work/$t.log" | head -80
    ls "$build/fuzz-artifacts/$t/"
  fi
done
[ "$status" -eq 0 ] && echo "ok: ${#targets[@]} fuzz targets ran ${seconds}s each without a failure"
exit "$status"
