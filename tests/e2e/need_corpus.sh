# Sourced by the e2e scripts that read the shared corpus ($SHARED/corpus):
# without it they exit 77, which ctest counts as skipped. With it, $tmp is a
# new directory, removed when the script exits.
if [ ! -d "$SHARED/corpus" ]; then
  echo "skipped: $SHARED/corpus not found"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
