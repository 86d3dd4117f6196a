#!/usr/bin/env bash
# expect_output.sh STATUS EXPECTED_FILE stdout|stderr COMMAND...
# Runs COMMAND and fails unless it exits with STATUS and the named stream is
# exactly the contents of EXPECTED_FILE.
set -u
want_status=$1 expected=$2 stream=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ "$stream" = stdout ]; then
  "$@" >"$out" 2>/dev/null
else
  "$@" 2>"$out" >/dev/null
fi
status=$?
fail=0
[ "$status" -eq "$want_status" ] || { echo "exit status $status, expected $want_status"; fail=1; }
diff -u "$expected" "$out" || fail=1
exit $fail
