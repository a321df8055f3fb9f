//! The integration tests of the desktop shell.
//!
//! One test binary for the whole crate: each file beside this one is a module of it (Cargo's
//! `autotests` is off in Cargo.toml). A file added to tests/ must be listed here:
//! `every_test_file_is_compiled` fails otherwise.

#[path = "grpc.rs"]
mod grpc;
#[path = "ipc_limits.rs"]
mod ipc_limits;
#[path = "security_config.rs"]
mod security_config;
#[path = "socketio.rs"]
mod socketio;
#[path = "websocket.rs"]
mod websocket;

#[path = "../../crates/localpost-core/tests/grpc_server/mod.rs"]
mod grpc_server;
#[path = "../../crates/localpost-core/tests/sio_server/mod.rs"]
mod sio_server;
#[path = "../../crates/localpost-core/tests/ws_server/mod.rs"]
mod ws_server;

#[path = "../../tests/declared.rs"]
mod declared;

/// Every `*.rs` file in tests/ is declared above, so none is silently left out of the run.
#[test]
fn every_test_file_is_compiled() {
    declared::check(env!("CARGO_MANIFEST_DIR"), include_str!("all.rs"));
}
