//! One module per subcommand.

pub mod auth;
pub mod cookies;
pub mod export;
pub mod grpc;
pub mod history;
pub mod import;
pub mod list;
pub mod reports;
pub mod run;
pub mod send;
pub mod snippet;
pub mod socketio;
pub mod subscription;
pub mod vault;
pub mod websocket;
pub mod workspace;
