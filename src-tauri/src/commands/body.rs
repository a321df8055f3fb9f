//! Response body commands: saving a body to a file the user picks. (Showing a body, of any
//! size, is the viewer's: `commands::viewer`.)
//!
//! A saved body is named by the `file` its `Payload` carried; the core
//! ([`localpost_core::http::save_body`]) copies only files the engine saved in its body
//! directory, so this cannot read anything else.

use std::path::{Path, PathBuf};

use localpost_core::http::{self, Content, Options};
use tauri::{AppHandle, Runtime};

use crate::dialog;
use crate::error::UiError;

/// The engine's body directory (the app's engine runs with the default options).
fn body_dir() -> PathBuf {
    Options::default().body_dir
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
