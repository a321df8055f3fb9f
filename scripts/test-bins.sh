#!/usr/bin/env bash
# Builds every test of the workspace once (`cargo test --workspace --no-run`) and runs the test
# executables of some packages, each from its package's directory as `cargo test` would:
#
#   scripts/test-bins.sh build                      build only
#   scripts/test-bins.sh run [--except PKG]... [-- ARGS]   run the executables (after build)
#   scripts/test-bins.sh run --only PKG [-- ARGS]
#
# Why not `cargo test -p …` or `--exclude …`: Cargo unifies features over the packages it is
# given, so another selection builds another copy of most dependencies (the end-to-end crate's
# WebDriver client turns on `syn/fold`, which every proc-macro feels). One selection, one copy:
# the Rust tests, the end-to-end tests and the binaries they start all come from this build,
# which keeps a cold CI run within the machine's disk and time.
set -euo pipefail

cd "$(dirname "$0")/.."
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Lines "package<TAB>package dir<TAB>executable" for each test executable of the build.
list() {
  # Built with the test harness ("profile":{…"test":true}): not the binaries themselves.
  cargo test --workspace --no-run --offline --message-format=json 2>/dev/null |
    grep '"profile":{[^}]*"test":true' |
    sed -n 's/.*"manifest_path":"\([^"]*\)\/Cargo.toml".*"target":{[^}]*"name":"\([^"]*\)".*"executable":"\([^"]*\)".*/\1\t\2\t\3/p' |
    while IFS=$'\t' read -r dir _target exe; do
      pkg=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -n 1)
      printf '%s\t%s\t%s\n' "$pkg" "$dir" "$exe"
    done
}

case "${1:-}" in
  build)
    cargo test --workspace --no-run
    ;;
  run)
    shift
    only=()
    except=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --only) only+=("$2"); shift 2 ;;
        --except) except+=("$2"); shift 2 ;;
        --) shift; break ;;
        *) die "unknown option $1 (see the header of $0)" ;;
      esac
    done
    # What `cargo test` would set from .cargo/config.toml's [env]: ts-rs reads it at run time.
    export TS_RS_EXPORT_DIR="$PWD/ui/src/lib/bindings"
    mapfile -t bins < <(list)
    [ ${#bins[@]} -gt 0 ] || die "cargo listed no test executable; run '$0 build' first"
    status=0
    ran=0
    for line in "${bins[@]}"; do
      IFS=$'\t' read -r pkg dir exe <<<"$line"
      if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $pkg "* ]]; then continue; fi
      if [[ " ${except[*]:-} " == *" $pkg "* ]]; then continue; fi
      printf '\n==> %s: %s\n' "$pkg" "${exe#"$PWD"/}"
      (cd "$dir" && "$exe" "$@") || status=$?
      ran=$((ran + 1))
    done
    [ "$ran" -gt 0 ] || die "no test executable matched"
    exit "$status"
    ;;
  *)
    die "usage: $0 build | run [--only PKG | --except PKG]... [-- ARGS]"
    ;;
esac
