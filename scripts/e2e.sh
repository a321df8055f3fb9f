#!/usr/bin/env bash
# Runs the end-to-end tests (crate localpost-e2e in tests/) against the real desktop app.
#
# Builds the UI (when ui/dist is missing) and the app, then runs the tests with a throwaway
# HOME and XDG directories, on a private Xvfb display, inside a private D-Bus session with an
# unlocked gnome-keyring, so that nothing touches your home, display, session bus or keychain.
# Everything started here is stopped and waited for on exit. Extra arguments go to the test
# binary (e.g. `scripts/e2e.sh request_saved`).
#
# Needs: Xvfb, dbus-run-session, gnome-keyring-daemon, WebKitWebDriver, tauri-driver 2.1.0
# (scripts/install-deps.sh and `make test` install them).
set -euo pipefail

SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Second stage: we are inside dbus-run-session (see the end of this file).
if [ "${1:-}" = "--in-session" ]; then
  shift
  KEYRING_PID=""
  stop_keyring() {
    if [ -n "$KEYRING_PID" ]; then
      kill "$KEYRING_PID" 2>/dev/null || true
      wait "$KEYRING_PID" 2>/dev/null || true
    fi
  }
  trap stop_keyring EXIT
  say "unlocking a throwaway gnome-keyring"
  printf '%s' "$KEYRING_PASSWORD" |
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$E2E_TMP/keyring.log" 2>&1 &
  KEYRING_PID=$!
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
      break
    fi
    kill -0 "$KEYRING_PID" 2>/dev/null || die "gnome-keyring-daemon exited; see $E2E_TMP/keyring.log"
    sleep 0.1
  done
  say "running the end-to-end tests on display $DISPLAY"
  status=0
  timeout --kill-after=30s 20m cargo test -p localpost-e2e -- --test-threads=1 "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    say "end-to-end tests failed (exit $status); screenshots and logs are in tests/artifacts/"
  fi
  exit "$status"
fi

cd "$(dirname "$0")/.."

for tool in Xvfb dbus-run-session dbus-send gnome-keyring-daemon WebKitWebDriver; do
  command -v "$tool" >/dev/null || die "$tool not found; run scripts/install-deps.sh"
done
command -v tauri-driver >/dev/null || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ] ||
  die "tauri-driver not found; install it with: cargo install tauri-driver --version 2.1.0 --locked"

if [ ! -f ui/dist/index.html ]; then
  say "building the UI (ui/dist is missing)"
  (cd ui && npm ci && npm run build)
fi
say "building localpost-desktop"
cargo build -p localpost-desktop
say "building the end-to-end tests"
cargo test -p localpost-e2e --no-run

# cargo and rustup find their homes through HOME, which is about to change.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$PATH:$CARGO_HOME/bin"

E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/localpost-e2e.XXXXXX")"
XVFB_PID=""
cleanup() {
  local status=$?
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
  rm -rf "$E2E_TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$E2E_TMP"/{home,data,cache,config,run}
chmod 700 "$E2E_TMP/run"

say "starting Xvfb"
# -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$E2E_TMP/display" >"$E2E_TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [ -s "$E2E_TMP/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb exited: $(cat "$E2E_TMP/xvfb.log")"
  sleep 0.1
done
[ -s "$E2E_TMP/display" ] || die "Xvfb did not start in 10 s"
DISPLAY=":$(tr -d '\n' <"$E2E_TMP/display")"

KEYRING_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
status=0
env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  HOME="$E2E_TMP/home" \
  XDG_DATA_HOME="$E2E_TMP/data" \
  XDG_CACHE_HOME="$E2E_TMP/cache" \
  XDG_CONFIG_HOME="$E2E_TMP/config" \
  XDG_RUNTIME_DIR="$E2E_TMP/run" \
  DISPLAY="$DISPLAY" \
  E2E_TMP="$E2E_TMP" \
  KEYRING_PASSWORD="$KEYRING_PASSWORD" \
  dbus-run-session -- "$SELF" --in-session "$@" || status=$?
exit "$status"
