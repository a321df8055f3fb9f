//! The Tauri commands, exactly those listed in `docs/ipc.md`, one module per aggregate.
//!
//! Each command takes typed arguments, calls [`localpost_core::store::Store`] and maps the
//! error to [`crate::error::UiError`]: nothing else. Logic longer than that belongs in the core.
//! Commands are `async` so that they run off the window's main thread.

pub mod collections;
pub mod requests;
pub mod workspaces;
