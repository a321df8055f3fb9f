#!/usr/bin/env bash
# Runs a command in a network namespace of its own where only loopback exists, so anything it
# tries to reach beyond 127.0.0.1 (a DNS lookup, a forgotten remote URL, telemetry) fails at
# once instead of going out:
#
#   scripts/loopback-only.sh scripts/test-session.sh cargo test -p localpost-cli --offline
#
# Needs `unshare` (util-linux) and `ip` (iproute2), and a kernel that lets this user make a
# network namespace (root, or unprivileged user namespaces). Where it cannot, it says so loudly
# and runs the command as it is: the tests still run, without this extra proof.
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
  shift
  ip link set lo up
  if ip -o link show | grep -qv ': lo:'; then
    echo "error: the namespace has an interface besides lo" >&2
    exit 1
  fi
  exec "$@"
fi

SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
if [ "$(id -u)" -eq 0 ]; then
  NS=(unshare --net)
else
  NS=(unshare --net --map-root-user)
fi
if "${NS[@]}" true 2>/dev/null && command -v ip >/dev/null; then
  printf '==> running with loopback only (a network namespace of its own): %s\n' "$*"
  exec "${NS[@]}" "$SELF" --inside "$@"
fi
printf '\n!!! WARNING: cannot make a loopback-only network namespace here (unshare --net refused,\n' >&2
printf '!!! or no `ip`): running WITHOUT the network cut off: %s\n\n' "$*" >&2
exec "$@"
