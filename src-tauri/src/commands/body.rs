//! Response body commands: the next part of a body too large to hold, and saving a body to a
//! file the user picks.
//!
//! A saved body is named by the `file` its `Payload` carried; the core
//! ([`localpost_core::http::read_chunk`]) reads only files the engine saved in its body
//! directory, so this cannot read anything else. Whole bodies never cross into the webview:
//! the UI asks for one chunk at a time.

use std::path::{Path, PathBuf};

use localpost_core::http::{self, BodyChunk, Content, Options};
use tauri::{AppHandle, Runtime};

use crate::dialog;
use crate::error::UiError;

/// The engine's body directory (the app's engine runs with the default options).
fn body_dir() -> PathBuf {
    Options::default().body_dir
}

/// Up to `limit` bytes (at most 1 MiB) of the saved body `file`, from `offset`.
#[tauri::command]
pub async fn read_body_chunk(
    file: String,
    offset: u64,
    limit: usize,
) -> Result<BodyChunk, UiError> {
    Ok(http::read_chunk(
        &body_dir(),
        Path::new(&file),
        offset,
        limit,
    )?)
}

/// Asks where to save a response body, then writes it: a copy of the saved `file` when there is
/// one, else the bytes of `content`. Resolves to the path written, `null` when cancelled.
#[tauri::command]
pub async fn save_body<R: Runtime>(
    app: AppHandle<R>,
    content: Content,
    file: Option<String>,
    name: String,
) -> Result<Option<String>, UiError> {
    let Some(dest) = dialog::choose_save(&app, &name) else {
        return Ok(None);
    };
    http::save_body(&body_dir(), &content, file.as_deref().map(Path::new), &dest)?;
    Ok(Some(dest.display().to_string()))
}
