#!/usr/bin/env bash
# Installs what Localpost needs to build, run and test on Debian/Ubuntu, and only what is missing.
# Called by `make run` and `make test`; safe to run again.
#
#   scripts/install-deps.sh           what building and running need
#   scripts/install-deps.sh --test    also tauri-driver (pinned), for the end-to-end tests
set -euo pipefail

TAURI_DRIVER_VERSION=2.1.0
WITH_TEST_TOOLS=0
case "${1:-}" in
  --test) WITH_TEST_TOOLS=1 ;;
  "") ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

say() { printf '==> %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-tools
  nodejs npm
  time # GNU time: the peak RSS of each peer in `make bench` (bench200)
)
# The end-to-end suite also traces the app's connections (tests/tests/no_egress.rs), the JWT
# test verifies ES512 signatures with the openssl command (ring has no P-521), and a file is
# dragged onto the window from a GTK drag source with xdotool (tests/tests/import_drop.rs).
# `ip` (iproute2) brings loopback up in the Rust tests' own network namespace
# (scripts/loopback-only.sh), and `localpost run`'s junit and html reports are checked with
# xmllint (crates/localpost-cli/tests/reporters.rs).
if [ "$WITH_TEST_TOOLS" -eq 1 ]; then
  APT_PACKAGES+=(strace openssl xdotool python3-gi gir1.2-gtk-3.0 iproute2 libxml2-utils)
  # The code snippets are run in their own languages (crates/localpost-cli/tests/snippets_run.rs).
  APT_PACKAGES+=(python3-requests httpie openjdk-17-jdk-headless golang-go)
  # The packages' check unpacks the .deb and validates its desktop entry (packaging/dist.sh);
  # a full disk and a read-only one are made with a tmpfs in a mount namespace (util-linux's
  # unshare and mount, crates/localpost-cli/tests/disk.rs).
  APT_PACKAGES+=(dpkg desktop-file-utils util-linux mount)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # Capture, then match: `cmd | grep -q` can end cmd with SIGPIPE, and pipefail would then
  # report a present package as missing.
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  if [[ "$status" != *"install ok installed"* ]]; then
    # node/npm may come from elsewhere (nodesource, nvm): accept them if on PATH.
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "apt packages present"
fi

# Vite 7 (the UI build) needs Node.js 20.19 or newer; Debian 12's own nodejs is 18.
node_version="$(node --version 2>/dev/null || echo v0)"
IFS=. read -r node_major node_minor _ <<<"${node_version#v}"
if [ "${node_major:-0}" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "${node_minor:-0}" -lt 19 ]; }; then
  echo "error: Node.js ${node_version} is too old for the UI build; install Node.js 20.19+ (e.g. from NodeSource) and run again" >&2
  exit 1
fi

if ! command -v cargo >/dev/null; then
  echo "error: cargo not found; install Rust 1.95 with rustup first" >&2
  exit 1
fi

if [ "$WITH_TEST_TOOLS" -eq 1 ]; then
  installed="$(cargo install --list)"
  if grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:" <<<"$installed"; then
    say "tauri-driver ${TAURI_DRIVER_VERSION} present"
  else
    say "installing tauri-driver ${TAURI_DRIVER_VERSION} (cargo install, a few minutes)"
    cargo install tauri-driver --version "${TAURI_DRIVER_VERSION}" --locked
  fi
fi
