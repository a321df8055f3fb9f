#!/usr/bin/env bash
# Writes crates/localpost-core/src/script/vendor/postman-sandbox.js: the boot code of
# postman-sandbox (the sandbox newman 6.2 runs), exactly as the package ships it, taken from the
# version pinned in package-lock.json. Localpost compiles it to QuickJS bytecode at build time
# (crates/localpost-core/build.rs), so a cargo build needs no network.
#
#   scripts/sandbox/vendor.sh           install from the lock and write the file
#   scripts/sandbox/vendor.sh --check   write it to a scratch file and fail if it differs from
#                                       the committed one (run by `make test`)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$ROOT/crates/localpost-core/src/script/vendor/postman-sandbox.js"
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

if [ "$CHECK" -eq 1 ]; then
  if ! cmp -s "$TARGET" "$OUT"; then
    echo "error: $OUT differs from the boot code of the postman-sandbox pinned in" >&2
    echo "       scripts/sandbox/package-lock.json; run scripts/sandbox/vendor.sh and commit it" >&2
    exit 1
  fi
  echo "vendored postman-sandbox matches scripts/sandbox/package-lock.json"
else
  mkdir -p "$(dirname "$OUT")"
  cp "$TARGET" "$OUT"
  echo "wrote $OUT ($(wc -c <"$OUT") bytes)"
fi
