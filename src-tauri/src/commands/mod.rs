//! The Tauri commands, exactly those listed in `docs/ipc.md`, one module per aggregate.
//!
//! Each command takes typed arguments, calls the core ([`localpost_core::store::Store`],
//! [`localpost_core::send`], [`localpost_core::http::Engine`]) and maps the error to [`crate::error::UiError`]: nothing else. Logic longer than that belongs in the core.
//! Commands are `async` so that they run off the window's main thread.

pub mod auth;
pub mod body;
pub mod collections;
pub mod cookies;
pub mod environments;
pub mod export;
pub mod files;
pub mod graphql;
pub mod grpc;
pub mod history;
pub mod http;
pub mod import;
pub mod preferences;
pub mod requests;
pub mod runner;
pub mod settings;
pub mod socketio;
pub mod tabs;
pub mod variables;
pub mod vault;
pub mod viewer;
pub mod websocket;
pub mod workspaces;
