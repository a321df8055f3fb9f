#!/usr/bin/env bash
# Installs what Localpost needs to build, run and test on Debian/Ubuntu, and only what is missing.
# Called by `make run` and `make test`; safe to run again.
set -euo pipefail

say() { printf '==> %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb webkit2gtk-driver gnome-keyring dbus dbus-x11 libsecret-tools
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
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

if ! command -v cargo >/dev/null; then
  echo "error: cargo not found; install Rust 1.95 with rustup first" >&2
  exit 1
fi
