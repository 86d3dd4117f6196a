#!/usr/bin/env bash
# expect.sh STATUS STDERR_REGEX COMMAND...
# Runs COMMAND and fails unless it exits with STATUS and its whole standard
# error matches STDERR_REGEX (an extended regex; "" accepts anything).
set -u
want_status=$1 want_err=$2
shift 2
err=$(mktemp)
trap 'rm -f "$err"' EXIT
"$@" >/dev/null 2>"$err"
status=$?
fail=0
if [ "$status" -ne "$want_status" ]; then
  echo "exit status $status, expected $want_status"
  fail=1
fi
if [ -n "$want_err" ]; then
  # Match the whole of stderr as one string (newlines included).
  if ! python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], open(sys.argv[2]).read().rstrip("\n"), re.S) else 1)' "$want_err" "$err"; then
    echo "stderr does not match: $want_err"
    fail=1
  fi
fi
if [ "$fail" -ne 0 ]; then
  echo "--- stderr was:"; cat "$err"
fi
exit $fail
