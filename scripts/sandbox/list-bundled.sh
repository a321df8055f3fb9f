#!/usr/bin/env bash
# Lists the packages whose code is inside the vendored postman-sandbox boot code, so that
# THIRD-PARTY-NOTICES.md can credit them. The boot code is a minified browserify bundle that names
# no package or version, and postman-sandbox builds it from its devDependencies, which npm does not
# install with it. So this rebuilds it as postman-sandbox's npm/cache.js does, in a checkout of the
# release tag installed from that tag's own package-lock.json, compares the rebuild with the boot
# code the package ships, and records the package of every file browserify took in.
#
#   scripts/sandbox/list-bundled.sh [REPO]   REPO: git URL or path of postman-sandbox
#                                            (default https://github.com/postmanlabs/postman-sandbox)
#
# Writes scripts/sandbox/notices/bundled.json and the dependencies of notices/package.json, then
# re-locks notices/ (npm install --package-lock-only). Run it after bumping postman-sandbox in
# package.json, then vendor.sh; vendor.sh refuses to write notices for a version not listed here.
# Needs git and the network; `make test` does not run it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=${1:-https://github.com/postmanlabs/postman-sandbox}
VERSION=$(node -p 'require(process.argv[1]).packages["node_modules/postman-sandbox"].version' \
  "$HERE/package-lock.json")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The boot code as shipped, from the same lock vendor.sh installs.
mkdir "$WORK/shipped"
cp "$HERE/package.json" "$HERE/package-lock.json" "$WORK/shipped/"
(cd "$WORK/shipped" && npm ci --silent --no-audit --no-fund --ignore-scripts)
(cd "$WORK/shipped" && node -e '
  require("postman-sandbox/.cache/bootcode.browser.js")((err, code) => {
    if (err) { console.error(err); process.exit(1); }
    require("fs").writeFileSync(process.argv[1], code);
  });' "$WORK/shipped.js")

# The tag's lock holds the devDependencies the publisher built with; scripts are not needed to
# bundle, so none run.
git -c advice.detachedHead=false clone --quiet --depth 1 --branch "v$VERSION" "$REPO" "$WORK/checkout"
(cd "$WORK/checkout" && npm ci --silent --no-audit --no-fund --ignore-scripts)

node "$HERE/list-bundled.js" "$WORK/checkout" "$WORK/shipped.js" "$HERE/notices"
(cd "$HERE/notices" && npm install --package-lock-only --silent --no-audit --no-fund)
echo "wrote $HERE/notices/bundled.json, package.json and package-lock.json"
