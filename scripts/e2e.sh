#!/usr/bin/env bash
# Runs the end-to-end tests (crate localpost-e2e in tests/) against the real desktop app.
#
# Builds the UI (when ui/dist is missing or older than its sources), the app and the tests, then runs the tests one at a
# time inside scripts/test-session.sh: a throwaway HOME, a private Xvfb display, a private
# D-Bus session and an unlocked throwaway keyring. Extra arguments go to the test binary
# (e.g. `scripts/e2e.sh request_saved`). Failure screenshots land in tests/artifacts/.
#
# Needs what scripts/test-session.sh needs, plus WebKitWebDriver and tauri-driver 2.1.0
# (`scripts/install-deps.sh --test` installs them).
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

cd "$(dirname "$0")/.."

command -v WebKitWebDriver >/dev/null ||
  die "WebKitWebDriver not found; run scripts/install-deps.sh (package webkit2gtk-driver)"
command -v tauri-driver >/dev/null || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ] ||
  die "tauri-driver not found; install it with: cargo install tauri-driver --version 2.1.0 --locked"

# The app embeds ui/dist: a stale one tests yesterday's window. The Makefile knows the
# UI's sources and rebuilds it only when one is newer.
say "bringing ui/dist up to date (make ui/dist/index.html)"
make --no-print-directory ui/dist/index.html
# The Socket.IO test talks to socket.io's own server (Node, bench/node_modules).
say "bringing bench/node_modules up to date (npm ci in bench/ when its lock changed)"
make --no-print-directory bench/node_modules/.package-lock.json
# The workspace's one test build (scripts/test-bins.sh says why) holds localpost-desktop and
# localpost too: the tests start those binaries from target/debug.
say "building the workspace's tests, localpost-desktop and localpost (scripts/test-bins.sh build)"
scripts/test-bins.sh build

say "running the end-to-end tests"
status=0
scripts/test-session.sh timeout --kill-after=30s 20m \
  scripts/test-bins.sh run --only localpost-e2e -- --test-threads=1 "$@" || status=$?
if [ "$status" -ne 0 ]; then
  say "end-to-end tests failed (exit $status); screenshots and logs are in tests/artifacts/"
fi
exit "$status"
