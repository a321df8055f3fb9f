//! The end-to-end tests: the real desktop app driven over WebDriver.
//!
//! One test binary for the whole crate: each file beside this one is a module of it (Cargo's
//! `autotests` is off in Cargo.toml). One binary links the crate and its dependencies once
//! instead of once per file, which keeps a cold `make test` within the CI machine's disk and
//! time. A file added to tests/ must be listed here: `every_test_file_is_compiled` fails
//! otherwise. Helper modules (server, fixture, …) are directories, declared by the files
//! that use them.

// Helpers shared by the test files.
#[path = "../../crates/localpost-core/tests/graphql_ws_server/mod.rs"]
mod graphql_ws_server;
#[path = "../../crates/localpost-core/tests/grpc_server/mod.rs"]
mod grpc_server;
#[path = "../../crates/localpost-core/tests/proxies/mod.rs"]
mod proxies;
#[path = "../../crates/localpost-core/tests/server/mod.rs"]
mod server;
#[path = "../../crates/localpost-core/tests/sio_server/mod.rs"]
mod sio_server;
#[path = "../../crates/localpost-core/tests/ws_server/mod.rs"]
mod ws_server;

#[path = "big_response.rs"]
mod big_response;
#[path = "concurrent_writers.rs"]
mod concurrent_writers;
#[path = "cookies_history.rs"]
mod cookies_history;
#[path = "desktop.rs"]
mod desktop;
#[path = "environments.rs"]
mod environments;
#[path = "event_stream.rs"]
mod event_stream;
#[path = "first_steps.rs"]
mod first_steps;
#[path = "folder_view.rs"]
mod folder_view;
#[path = "graphql.rs"]
mod graphql;
#[path = "grpc.rs"]
mod grpc;
#[path = "import_drop.rs"]
mod import_drop;
#[path = "import_export.rs"]
mod import_export;
#[path = "import_preview.rs"]
mod import_preview;
#[path = "ipc_hostile.rs"]
mod ipc_hostile;
#[path = "no_egress.rs"]
mod no_egress;
#[path = "no_keychain.rs"]
mod no_keychain;
#[path = "palette.rs"]
mod palette;
#[path = "panes.rs"]
mod panes;
#[path = "preferences.rs"]
mod preferences;
#[path = "proxy_settings.rs"]
mod proxy_settings;
#[path = "request_editor.rs"]
mod request_editor;
#[path = "runner.rs"]
mod runner;
#[path = "screens.rs"]
mod screens;
#[path = "scripts.rs"]
mod scripts;
#[path = "send.rs"]
mod send;
#[path = "sidebar.rs"]
mod sidebar;
#[path = "socketio.rs"]
mod socketio;
#[path = "tabs.rs"]
mod tabs;
#[path = "vault.rs"]
mod vault;
#[path = "websocket.rs"]
mod websocket;

#[path = "../declared.rs"]
mod declared;

/// Every `*.rs` file in tests/ is declared above, so none is silently left out of the run.
#[test]
fn every_test_file_is_compiled() {
    declared::check(env!("CARGO_MANIFEST_DIR"), include_str!("all.rs"));
}
