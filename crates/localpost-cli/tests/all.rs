//! The integration tests of the localpost command-line tool.
//!
//! One test binary for the whole crate: each file beside this one is a module of it (Cargo's
//! `autotests` is off in Cargo.toml). One binary links the crate and its dependencies once
//! instead of once per file, which keeps a cold `make test` within the CI machine's disk and
//! time. A file added to tests/ must be listed here: `every_test_file_is_compiled` fails
//! otherwise. Helper modules (server, fixture, …) are directories, declared by the files
//! that use them.

// Helpers shared by the test files.
mod echo;
#[path = "../../localpost-core/tests/graphql_ws_server/mod.rs"]
mod graphql_ws_server;
#[path = "../../localpost-core/tests/grpc_server/mod.rs"]
mod grpc_server;
#[path = "../../localpost-core/tests/proxies/mod.rs"]
mod proxies;
#[path = "../../localpost-core/tests/server/mod.rs"]
mod server;
#[path = "../../localpost-core/tests/sio_server/mod.rs"]
mod sio_server;
#[path = "../../localpost-core/tests/tls_server/mod.rs"]
mod tls_server;
#[path = "../../localpost-core/tests/ws_server/mod.rs"]
mod ws_server;

#[path = "auth_token.rs"]
mod auth_token;
#[path = "cli.rs"]
mod cli;
#[path = "concurrent.rs"]
mod concurrent;
#[path = "cookies_history.rs"]
mod cookies_history;
#[path = "crash.rs"]
mod crash;
#[path = "curl_snippets.rs"]
mod curl_snippets;
#[path = "disk.rs"]
mod disk;
#[path = "import_export.rs"]
mod import_export;
#[path = "import_formats.rs"]
mod import_formats;
#[path = "newman.rs"]
mod newman;
#[path = "newman_run.rs"]
mod newman_run;
#[path = "newman_run_options.rs"]
mod newman_run_options;
#[path = "newman_scripts.rs"]
mod newman_scripts;
#[path = "reporters.rs"]
mod reporters;
#[path = "run.rs"]
mod run;
#[path = "run_bad_input.rs"]
mod run_bad_input;
#[path = "run_memory.rs"]
mod run_memory;
#[path = "run_options.rs"]
mod run_options;
#[path = "run_secrets.rs"]
mod run_secrets;
#[path = "secrets.rs"]
mod secrets;
#[path = "send.rs"]
mod send;
#[path = "send_event_stream.rs"]
mod send_event_stream;
#[path = "send_graphql_subscription.rs"]
mod send_graphql_subscription;
#[path = "send_grpc.rs"]
mod send_grpc;
#[path = "send_preferences.rs"]
mod send_preferences;
#[path = "send_proxy.rs"]
mod send_proxy;
#[path = "send_socketio.rs"]
mod send_socketio;
#[path = "send_transport.rs"]
mod send_transport;
#[path = "send_websocket.rs"]
mod send_websocket;
#[path = "snippets_run.rs"]
mod snippets_run;
#[path = "vault.rs"]
mod vault;
#[path = "vault_send.rs"]
mod vault_send;

#[path = "../../../tests/declared.rs"]
mod declared;

/// Every `*.rs` file in tests/ is declared above, so none is silently left out of the run.
#[test]
fn every_test_file_is_compiled() {
    declared::check(env!("CARGO_MANIFEST_DIR"), include_str!("all.rs"));
}
