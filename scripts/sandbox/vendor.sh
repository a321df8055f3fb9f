#!/usr/bin/env bash
# Writes crates/localpost-core/src/script/vendor/postman-sandbox.js: the boot code of
# postman-sandbox (the sandbox newman 6.2 runs), exactly as the package ships it, taken from the
# version pinned in package-lock.json. Localpost compiles it to QuickJS bytecode at build time
# (crates/localpost-core/build.rs), so a cargo build needs no network.
#
# Beside it, THIRD-PARTY-NOTICES.md: the boot code bundles many libraries and its minifier dropped
# their licence headers, so notices.js writes their notices from the packages pinned in
# notices/package-lock.json (notices/bundled.json says which; list-bundled.sh made that list).
#
#   scripts/sandbox/vendor.sh           install from the locks and write both files
#   scripts/sandbox/vendor.sh --check   write them to scratch files and fail if either differs
#                                       from the committed one (run by `make test`)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENDOR="$ROOT/crates/localpost-core/src/script/vendor"
OUT="$VENDOR/postman-sandbox.js"
NOTICES="$VENDOR/THIRD-PARTY-NOTICES.md"
CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$HERE/package.json" "$HERE/package-lock.json" "$WORK/"
(cd "$WORK" && npm ci --silent --no-audit --no-fund --ignore-scripts)

# The package's .cache/bootcode.browser.js is `module.exports = cb => cb(null, CODE)`; take
# CODE as it is.
TARGET="$WORK/postman-sandbox.js"
(cd "$WORK" && node -e '
  require("postman-sandbox/.cache/bootcode.browser.js")((err, code) => {
    if (err) { console.error(err); process.exit(1); }
    require("fs").writeFileSync(process.argv[1], code);
  });' "$TARGET")

# The notices are read from the bundled packages themselves, installed from their own lock.
mkdir "$WORK/notices"
cp "$HERE/notices/package.json" "$HERE/notices/package-lock.json" "$HERE/notices/bundled.json" \
  "$WORK/notices/"
(cd "$WORK/notices" && npm ci --silent --no-audit --no-fund --ignore-scripts)
NOTICES_TARGET="$WORK/THIRD-PARTY-NOTICES.md"
node "$HERE/notices.js" "$WORK/notices" "$NOTICES_TARGET"

if [ "$CHECK" -eq 1 ]; then
  # Both are compared before failing, so one run names every stale file.
  stale=0
  if ! cmp -s "$TARGET" "$OUT"; then
    echo "error: $OUT differs from the boot code of the postman-sandbox pinned in" >&2
    echo "       scripts/sandbox/package-lock.json; run scripts/sandbox/vendor.sh and commit it" >&2
    stale=1
  fi
  if ! cmp -s "$NOTICES_TARGET" "$NOTICES"; then
    echo "error: $NOTICES differs from what scripts/sandbox/notices.js writes for the packages" >&2
    echo "       pinned in scripts/sandbox/notices/package-lock.json; run scripts/sandbox/vendor.sh" >&2
    echo "       and commit it" >&2
    stale=1
  fi
  [ "$stale" -eq 0 ] || exit 1
  echo "vendored postman-sandbox and its notices match scripts/sandbox/package-lock.json and notices/"
else
  mkdir -p "$VENDOR"
  cp "$TARGET" "$OUT"
  cp "$NOTICES_TARGET" "$NOTICES"
  echo "wrote $OUT ($(wc -c <"$OUT") bytes)"
  echo "wrote $NOTICES"
fi
