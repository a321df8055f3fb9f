//! The integration tests of localpost-core.
//!
//! One test binary for the whole crate: each file beside this one is a module of it (Cargo's
//! `autotests` is off in Cargo.toml). One binary links the crate and its dependencies once
//! instead of once per file, which keeps a cold `make test` within the CI machine's disk and
//! time. A file added to tests/ must be listed here: `every_test_file_is_compiled` fails
//! otherwise. Helper modules (server, fixture, …) are directories, declared by the files
//! that use them.

// Helpers shared by the test files.
mod fixture;
mod graphql_ws_server;
mod grpc_server;
mod oauth2_server;
mod postman_files;
mod proxies;
mod recorded;
mod server;
mod sio_server;
mod tls_server;
mod ws_server;

#[path = "app_file_reads.rs"]
mod app_file_reads;
#[path = "cookie_jar.rs"]
mod cookie_jar;
#[path = "curl_parse.rs"]
mod curl_parse;
#[path = "drafts.rs"]
mod drafts;
#[path = "examples_at_rest.rs"]
mod examples_at_rest;
#[path = "failed_sends.rs"]
mod failed_sends;
#[path = "formats_golden.rs"]
mod formats_golden;
#[path = "formats_import.rs"]
mod formats_import;
#[path = "formats_oracles.rs"]
mod formats_oracles;
#[path = "graphql_schemas.rs"]
mod graphql_schemas;
#[path = "graphql_subscriptions.rs"]
mod graphql_subscriptions;
#[path = "grpc_engine.rs"]
mod grpc_engine;
#[path = "grpc_history.rs"]
mod grpc_history;
#[path = "grpc_store.rs"]
mod grpc_store;
#[path = "grpc_talk.rs"]
mod grpc_talk;
#[path = "history_at_rest.rs"]
mod history_at_rest;
#[path = "http_auth.rs"]
mod http_auth;
#[path = "http_auth_digest.rs"]
mod http_auth_digest;
#[path = "http_auth_ntlm.rs"]
mod http_auth_ntlm;
#[path = "http_auth_oauth2.rs"]
mod http_auth_oauth2;
#[path = "http_auth_signing.rs"]
mod http_auth_signing;
#[path = "http_proxy.rs"]
mod http_proxy;
#[path = "http_redirects.rs"]
mod http_redirects;
#[path = "http_request.rs"]
mod http_request;
#[path = "http_timings.rs"]
mod http_timings;
#[path = "http_tls.rs"]
mod http_tls;
#[path = "http_tls_client_cert.rs"]
mod http_tls_client_cert;
#[path = "http_transport.rs"]
mod http_transport;
#[path = "keychain.rs"]
mod keychain;
#[path = "live_events.rs"]
mod live_events;
#[path = "oauth2_tokens.rs"]
mod oauth2_tokens;
#[path = "postman_export.rs"]
mod postman_export;
#[path = "postman_import.rs"]
mod postman_import;
#[path = "postman_roundtrip.rs"]
mod postman_roundtrip;
#[path = "preferences.rs"]
mod preferences;
#[path = "runs_at_rest.rs"]
mod runs_at_rest;
#[path = "scope_secrets.rs"]
mod scope_secrets;
#[path = "script_sandbox.rs"]
mod script_sandbox;
#[path = "script_worker.rs"]
mod script_worker;
#[path = "sealed_auth.rs"]
mod sealed_auth;
#[path = "secret_scan.rs"]
mod secret_scan;
#[path = "secrets_at_rest.rs"]
mod secrets_at_rest;
#[path = "send_scripts.rs"]
mod send_scripts;
#[path = "sidebar_tree.rs"]
mod sidebar_tree;
#[path = "snippets.rs"]
mod snippets;
#[path = "socketio_engine.rs"]
mod socketio_engine;
#[path = "socketio_talk.rs"]
mod socketio_talk;
#[path = "store.rs"]
mod store;
#[path = "tabs.rs"]
mod tabs;
#[path = "vault_secrets.rs"]
mod vault_secrets;
#[path = "vault_send.rs"]
mod vault_send;
#[path = "websocket_auth.rs"]
mod websocket_auth;
#[path = "websocket_engine.rs"]
mod websocket_engine;
#[path = "websocket_export.rs"]
mod websocket_export;
#[path = "websocket_history.rs"]
mod websocket_history;
#[path = "websocket_store.rs"]
mod websocket_store;
#[path = "websocket_talk.rs"]
mod websocket_talk;

#[path = "../../../tests/declared.rs"]
mod declared;

/// Every `*.rs` file in tests/ is declared above, so none is silently left out of the run.
#[test]
fn every_test_file_is_compiled() {
    declared::check(env!("CARGO_MANIFEST_DIR"), include_str!("all.rs"));
}
