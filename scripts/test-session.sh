#!/usr/bin/env bash
# Runs a command in a throwaway desktop session, so tests never touch your home, display,
# session bus or keychain:
#
#   scripts/test-session.sh cargo test --workspace
#
# The command gets a fresh HOME and XDG directories under a temp dir, a private Xvfb display
# (DISPLAY), a private D-Bus session (dbus-run-session) and a gnome-keyring whose login keyring
# is created and unlocked with a random password. Everything started here is stopped and
# waited for on exit; the temp dir is removed. Exit status is the command's.
#
# Needs Xvfb, dbus-run-session, dbus-send and gnome-keyring-daemon (scripts/install-deps.sh).
set -euo pipefail

SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Second stage, inside dbus-run-session: start the keyring, run the command, stop the keyring.
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
  printf '%s' "$TEST_SESSION_KEYRING_PASSWORD" |
    gnome-keyring-daemon --foreground --unlock --components=secrets \
      >"$TEST_SESSION_TMP/keyring.log" 2>&1 &
  KEYRING_PID=$!
  unset TEST_SESSION_KEYRING_PASSWORD
  ready=0
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
      ready=1
      break
    fi
    kill -0 "$KEYRING_PID" 2>/dev/null ||
      die "gnome-keyring-daemon exited: $(cat "$TEST_SESSION_TMP/keyring.log")"
    sleep 0.1
  done
  [ "$ready" -eq 1 ] || die "gnome-keyring-daemon did not register on the session bus in 10 s"
  say "running in the test session (display $DISPLAY): $*"
  status=0
  "$@" || status=$?
  exit "$status"
fi

[ "$#" -gt 0 ] || die "usage: $0 COMMAND [ARG...]"
for tool in Xvfb dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || die "$tool not found; run scripts/install-deps.sh"
done

# cargo and rustup find their homes through HOME, which is about to change.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$PATH:$CARGO_HOME/bin"

TEST_SESSION_TMP="$(mktemp -d "${TMPDIR:-/tmp}/localpost-session.XXXXXX")"
XVFB_PID=""
cleanup() {
  local status=$?
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
  rm -rf "$TEST_SESSION_TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$TEST_SESSION_TMP"/{home,data,cache,config,run}
chmod 700 "$TEST_SESSION_TMP/run"

# -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp \
  3>"$TEST_SESSION_TMP/display" >"$TEST_SESSION_TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [ -s "$TEST_SESSION_TMP/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb exited: $(cat "$TEST_SESSION_TMP/xvfb.log")"
  sleep 0.1
done
[ -s "$TEST_SESSION_TMP/display" ] || die "Xvfb did not start in 10 s"
display=":$(tr -d '\n' <"$TEST_SESSION_TMP/display")"
say "started Xvfb on $display"

status=0
env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  HOME="$TEST_SESSION_TMP/home" \
  XDG_DATA_HOME="$TEST_SESSION_TMP/data" \
  XDG_CACHE_HOME="$TEST_SESSION_TMP/cache" \
  XDG_CONFIG_HOME="$TEST_SESSION_TMP/config" \
  XDG_RUNTIME_DIR="$TEST_SESSION_TMP/run" \
  DISPLAY="$display" \
  TEST_SESSION_TMP="$TEST_SESSION_TMP" \
  TEST_SESSION_KEYRING_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
  dbus-run-session -- "$SELF" --in-session "$@" || status=$?
exit "$status"
