# Localpost. `make run` starts the desktop app; `make test` runs every gate, end-to-end included.
# Both install what is missing first (scripts/install-deps.sh). Each step says what it does.
# Cargo stays in debug mode throughout, but for `make dist` and the desktop measures of `make bench`,
# which take the app as a user installs it.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Steps share one target dir and one node_modules: never run them in parallel.
.NOTPARALLEL:

# What the UI build reads; ui/dist is rebuilt when any of it is newer.
UI_INPUTS := $(shell find ui/src ui/public -type f 2>/dev/null) \
	$(wildcard ui/index.html ui/package.json ui/package-lock.json ui/tsconfig*.json ui/*.config.js ui/*.config.ts)
# npm writes this file on every install; it marks node_modules as matching the lock file.
UI_INSTALLED := ui/node_modules/.package-lock.json
PEERS_INSTALLED := bench/node_modules/.package-lock.json

say = @printf '\n==> %s\n' "$(1)"

.PHONY: help run test bench fuzz bindings ui deps test-deps fmt-check check-vendor clippy cargo-test check-bindings ui-checks e2e dist check-dist

help:
	@echo "make run           install what is missing, build the UI if needed, start the desktop app"
	@echo "make test          every gate: fmt, vendored sandbox, clippy, cargo tests, bindings, UI checks, end-to-end"
	@echo "make e2e           only the end-to-end tests (scripts/e2e.sh)"
	@echo "make dist          build the release .deb and .rpm (with the localpost CLI inside) into dist/"
	@echo "make check-dist    build debug packages and check them: unpacked, both binaries run --version"
	@echo "make check-vendor  only the check of the vendored postman-sandbox (scripts/sandbox/vendor.sh --check)"
	@echo "make bindings      regenerate the TypeScript bindings in ui/src/lib/bindings"
	@echo "make ui            install UI dependencies if needed and build ui/dist"
	@echo "make bench         run the benchmarks and the desktop measures (app against an empty Tauri window)"
	@echo "make fuzz          run every parser's fuzz target for FUZZ_SECONDS each (default 120)"

# --- setup --------------------------------------------------------------------------------------

deps:
	$(call say,checking system packages (scripts/install-deps.sh))
	scripts/install-deps.sh

test-deps:
	$(call say,checking system packages and tauri-driver (scripts/install-deps.sh --test))
	scripts/install-deps.sh --test

# newman (pinned in bench/package.json): the benchmarks' peer, and the CLI test that runs
# exported collections with it (crates/localpost-cli/tests/newman.rs); also the import oracles
# and socket.io's own server, which the Socket.IO tests talk to. It needs npm, so `test`
# lists it after test-deps, which installs npm on a fresh machine.
$(PEERS_INSTALLED): bench/package.json bench/package-lock.json
	$(call say,installing newman (npm ci in bench/))
	cd bench && npm ci --no-audit --no-fund
	touch $@

$(UI_INSTALLED): ui/package.json ui/package-lock.json
	$(call say,installing UI dependencies (npm ci in ui/))
	cd ui && npm ci
	touch $@

ui/dist/index.html: $(UI_INSTALLED) $(UI_INPUTS)
	$(call say,building the UI (npm run build in ui/))
	cd ui && npm run build

ui: $(UI_INSTALLED)
	$(call say,building the UI (npm run build in ui/))
	cd ui && npm run build

# --- run ----------------------------------------------------------------------------------------

run: deps ui/dist/index.html
	$(call say,building and starting Localpost (cargo run -p localpost-desktop))
	cargo run -p localpost-desktop

# --- test ---------------------------------------------------------------------------------------

# The desktop crate embeds ui/dist at compile time, so the UI is built before any cargo step.
test: test-deps $(PEERS_INSTALLED) ui/dist/index.html
	$(MAKE) --no-print-directory fmt-check
	$(MAKE) --no-print-directory check-vendor
	$(MAKE) --no-print-directory clippy
	$(MAKE) --no-print-directory cargo-test
	$(MAKE) --no-print-directory check-bindings
	$(MAKE) --no-print-directory ui-checks
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory check-dist
	$(call say,all gates passed)

fmt-check:
	$(call say,checking Rust formatting (cargo fmt --check))
	cargo fmt --check

# The vendored postman-sandbox boot code and its notices must be what vendor.sh writes from the
# pinned locks. It runs npm, which test-deps (a prerequisite of `test`) installs on a fresh machine.
check-vendor:
	$(call say,checking the vendored postman-sandbox against its lock (scripts/sandbox/vendor.sh --check))
	scripts/sandbox/vendor.sh --check

clippy: ui/dist/index.html
	$(call say,linting Rust (cargo clippy --workspace --all-targets -- -D warnings))
	cargo clippy --workspace --all-targets -- -D warnings

# The vault tests need an unlocked keychain, so the tests run in a throwaway session (private
# D-Bus, gnome-keyring, HOME), and in a network namespace with loopback only
# (scripts/loopback-only.sh), so a lookup or connection beyond 127.0.0.1 fails at once; built
# first, outside it, and run offline. The whole workspace is built once (scripts/test-bins.sh
# says why); the end-to-end crate's executable runs in the `e2e` step.
cargo-test: ui/dist/index.html $(PEERS_INSTALLED)
	$(call say,building every test of the workspace (scripts/test-bins.sh build))
	scripts/test-bins.sh build
	$(call say,running Rust tests and regenerating bindings (all but the end-to-end crate))
	scripts/loopback-only.sh scripts/test-session.sh scripts/test-bins.sh run --except localpost-e2e
	$(call say,running doc tests (cargo test --workspace --doc))
	scripts/loopback-only.sh scripts/test-session.sh cargo test --workspace --doc --offline

check-bindings:
	$(call say,checking that the generated bindings are committed (ui/src/lib/bindings))
	@changed="$$(git status --porcelain -- ui/src/lib/bindings)"; \
	if [ -n "$$changed" ]; then \
	  echo "$$changed"; \
	  git --no-pager diff --stat -- ui/src/lib/bindings; \
	  echo "error: cargo test regenerated ui/src/lib/bindings and they differ from what is committed;"; \
	  echo "       run 'make bindings' and commit the regenerated bindings"; \
	  exit 1; \
	fi; \
	echo "bindings are up to date"

ui-checks: $(UI_INSTALLED)
	$(call say,checking UI types (npm run check))
	cd ui && npm run check
	$(call say,linting the UI (npm run lint))
	cd ui && npm run lint
	$(call say,checking UI formatting (npm run format:check))
	cd ui && npm run format:check
	$(call say,running UI unit tests (npm test))
	cd ui && npm test
	$(call say,building the UI (npm run build))
	cd ui && npm run build

e2e: ui/dist/index.html $(PEERS_INSTALLED)
	$(call say,running the end-to-end tests (scripts/e2e.sh))
	scripts/e2e.sh

# After the end-to-end suite: Tauri's build sets its own config into the desktop binary, which
# the suite's next build then rebuilds.
check-dist: ui/dist/index.html
	$(call say,building the .deb and .rpm in debug mode and checking what they hold (packaging/dist.sh))
	packaging/dist.sh --debug
	packaging/dist.sh --check

# --- install ------------------------------------------------------------------------------------

dist: deps ui/dist/index.html
	$(call say,building the release .deb and .rpm into dist/ (packaging/dist.sh))
	packaging/dist.sh

# --- other --------------------------------------------------------------------------------------

# ts-rs writes a file per exported type when its generated `export_bindings_*` test runs. Files
# with the ts-rs header are removed first so that a renamed or deleted type leaves no orphan.
bindings: ui/dist/index.html
	$(call say,regenerating TypeScript bindings into ui/src/lib/bindings)
	{ grep -l '^// This file was generated by \[ts-rs\]' ui/src/lib/bindings/*.ts 2>/dev/null || true; } | xargs -r rm --
	cargo test --workspace --exclude localpost-e2e -- export_bindings
	git status --short -- ui/src/lib/bindings

# The desktop measures (tests/benches/desktop.rs) drive the app as a user installs it, a release
# build, beside its floor (bench/desktop/reference) built the same way in the same run, in a
# throwaway session like the end-to-end tests. The harness itself builds in the dev profile;
# LOCALPOST_DESKTOP_BIN names the release app, and the reference is found beside it.
RELEASE_DIR = $$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release

bench: $(PEERS_INSTALLED) ui/dist/index.html
	$(call say,running benchmarks)
	cargo bench -p localpost-core
	cargo bench -p localpost-cli --bench bench200
	$(call say,building the app and its reference window as installed (release))
	cargo build --release -p localpost-desktop -p localpost-bench-reference
	$(call say,measuring the desktop app against an empty Tauri window (tests/benches/desktop.rs))
	LOCALPOST_DESKTOP_BIN="$(RELEASE_DIR)/localpost-desktop" \
	  scripts/test-session.sh cargo bench --workspace --profile dev --bench desktop

# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the pinned stable toolchain take them.
# Without a nightly sanitizer runtime the targets run uninstrumented for memory errors (-s none):
# they find panics, hangs and runaway allocation, which is what a parser of untrusted files owes.
FUZZ_SECONDS ?= 120
FUZZ_TARGETS := curl detect har insomnia openapi postman template set_cookie challenge data event_stream
fuzz:
	$(call say,checking cargo-fuzz)
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@for t in $(FUZZ_TARGETS); do \
	  printf '\n==> fuzzing %s for %ss\n' "$$t" "$(FUZZ_SECONDS)"; \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$$t" corpus/"$$t" -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10) || exit 1; \
	done
