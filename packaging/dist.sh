#!/usr/bin/env bash
# Builds the desktop app's .deb and .rpm with Tauri's own bundler (the CLI pinned in
# packaging/package.json), from the repository-root tauri.conf.json, with the `localpost` CLI
# inside at /usr/bin/localpost beside /usr/bin/localpost-desktop, a desktop entry and icons.
#
#   packaging/dist.sh            release build: what a user installs
#   packaging/dist.sh --debug    debug build (what `make check-dist` checks in CI: faster)
#   packaging/dist.sh --check    after a build: unpack the .deb, run both binaries' --version,
#                                validate the desktop entry, check the .rpm's header
#
# The packages land in dist/. Needs ui/dist (make ui) and npm; `make dist` runs all of it.
#
# Why the symlink: Tauri's CLI takes the folder of the config it finds as the app's folder
# and reads that folder's Cargo.toml for the package. Ours is the repository root, whose
# Cargo.toml is a workspace. The CLI is therefore run from src-tauri/ with a temporary
# src-tauri/tauri.conf.json pointing at the root config, and with the config's relative paths
# (the UI, the icons, the CLI binary) made absolute, so that both the CLI (from src-tauri/) and
# the app's build (from the root config) read them alike.
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

cd "$(dirname "$0")/.."
root=$PWD
mode=release
case "${1:-}" in
  --debug) mode=debug ;;
  --check) mode=check ;;
  "") ;;
  *) die "unknown option $1 (--debug, --check)" ;;
esac
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json)
[ -n "$version" ] || die "no version in tauri.conf.json"

if [ "$mode" = check ]; then
  deb=dist/localpost_${version}_amd64.deb
  rpm=dist/localpost-${version}-1.x86_64.rpm
  [ -f "$deb" ] || die "$deb is missing: run packaging/dist.sh --debug first"
  [ -f "$rpm" ] || die "$rpm is missing: run packaging/dist.sh --debug first"
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  say "unpacking $deb"
  dpkg-deb -x "$deb" "$out"
  for bin in localpost localpost-desktop; do
    got=$("$out/usr/bin/$bin" --version)
    [ "$got" = "$bin $version" ] || die "$bin --version printed '$got', not '$bin $version'"
    say "$bin --version: $got"
  done
  entry=$(find "$out/usr/share/applications" -name '*.desktop' | head -n 1)
  [ -n "$entry" ] || die "no desktop entry in $deb"
  desktop-file-validate "$entry" || die "$entry is not a valid desktop entry"
  grep -q '^Exec=localpost-desktop' "$entry" || die "$entry does not start localpost-desktop"
  [ -f "$out/usr/share/icons/hicolor/128x128/apps/localpost-desktop.png" ] || die "no 128x128 icon in $deb"
  dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1-0 || die "$deb does not depend on WebKitGTK"
  # An RPM file starts with the lead's magic ed ab ee db, version 3.0, type binary.
  [ "$(head -c 6 "$rpm" | od -An -tx1 | tr -d ' \n')" = "edabeedb0300" ] || die "$rpm is not an RPM package"
  say "the packages hold what they should"
  exit 0
fi

command -v npm >/dev/null || die "npm not found: run scripts/install-deps.sh"
[ -f ui/dist/index.html ] || die "ui/dist is missing: run make ui"
if [ ! -f packaging/node_modules/.package-lock.json ] ||
  [ packaging/package-lock.json -nt packaging/node_modules/.package-lock.json ]; then
  say "installing Tauri's CLI (npm ci in packaging/)"
  (cd packaging && npm ci --no-audit --no-fund)
fi

profile_flag=()
[ "$mode" = release ] && profile_flag=(--release)
say "building the localpost CLI ($mode)"
cargo build -p localpost-cli "${profile_flag[@]}"
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
[ -n "$target" ] || die "cargo metadata gave no target directory"
cli="$target/$mode/localpost"

link=src-tauri/tauri.conf.json
[ -e "$link" ] && [ ! -L "$link" ] && die "$link exists and is not the temporary link; remove it"
ln -sfn ../tauri.conf.json "$link"
trap 'rm -f "$root/$link"' EXIT
config=$(cat <<EOF
{
  "build": {"frontendDist": "$root/ui/dist"},
  "bundle": {
    "active": true,
    "targets": ["deb", "rpm"],
    "icon": ["$root/icons/32x32.png", "$root/icons/128x128.png", "$root/icons/128x128@2x.png", "$root/icons/icon.png"],
    "shortDescription": "A local-only API client",
    "longDescription": "Build, send, script and test HTTP requests, import Postman collections and run them, with no account and no cloud: everything stays on this machine.",
    "category": "DeveloperTool",
    "linux": {
      "deb": {"files": {"/usr/bin/localpost": "$cli"}},
      "rpm": {"files": {"/usr/bin/localpost": "$cli"}}
    }
  }
}
EOF
)
debug_flag=()
[ "$mode" = debug ] && debug_flag=(--debug)
say "building and bundling the desktop app ($mode, Tauri's bundler)"
(cd src-tauri && "$root/packaging/node_modules/.bin/tauri" build "${debug_flag[@]}" --config "$config")

mkdir -p dist
cp "$target/$mode/bundle/deb/Localpost_${version}_amd64.deb" "dist/localpost_${version}_amd64.deb"
cp "$target/$mode/bundle/rpm/Localpost-${version}-1.x86_64.rpm" "dist/localpost-${version}-1.x86_64.rpm"
say "packages in dist/: $(cd dist && echo *)"
