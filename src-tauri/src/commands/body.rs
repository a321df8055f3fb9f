//! Response body commands: saving a body to a file the user picks, and a response as an
//! example of its request. (Showing a body, of any size, is the viewer's: `commands::viewer`.)
//!
//! A saved body is named by the `file` its `Payload` carried; the core
//! ([`localpost_core::http::save_body`]) copies only files the engine saved in its body
//! directory, so this cannot read anything else.

use std::path::{Path, PathBuf};

use localpost_core::http::{self, Content, Options};
use localpost_core::model::{Example, Request, RequestId};
use localpost_core::viewer::Source;
use tauri::State;
use tauri::{AppHandle, Runtime};

use crate::dialog;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The engine's body directory (the app's engine runs with the default options).
fn body_dir() -> PathBuf {
    Options::default().body_dir
}

/// Asks where to save a response body, then writes it: a copy of the saved `file` when there is
/// one, else the bytes of `content`. Resolves to the path written, `null` when cancelled.
///
/// Everything is checked before the dialog shows: `content` and the proposed `name` against
/// [`limits`], and `file` by the core, which takes only a body the engine saved in its body
/// directory (no other path, `..` or symbolic link leading out).
#[tauri::command]
pub async fn save_body<R: Runtime>(
    app: AppHandle<R>,
    content: Content,
    file: Option<String>,
    name: String,
) -> Result<Option<String>, UiError> {
    let source = check_body(&content, file.as_deref(), &name)?;
    let Some(dest) = dialog::choose_save(&app, &name) else {
        return Ok(None);
    };
    http::save_body(&body_dir(), &content, source.as_deref(), &dest)?;
    Ok(Some(dest.display().to_string()))
}

/// Checks what [`save_body`] was given; returns the saved body to copy, canonical.
pub fn check_body(
    content: &Content,
    file: Option<&str>,
    name: &str,
) -> Result<Option<PathBuf>, UiError> {
    limits::value("content", content)?;
    limits::name("name", name)?;
    match file {
        Some(file) => {
            limits::text("file", file, limits::SHORT)?;
            Ok(Some(http::check_saved_body(&body_dir(), Path::new(file))?))
        }
        None => Ok(None),
    }
}

/// Appends a response to request `request_id`'s examples: `example` as the UI filled it (name,
/// status, headers, language), its body read from `body` (a saved file is read whole here, not
/// sent through the webview). Resolves to the request as stored.
#[tauri::command]
pub async fn save_example(
    state: State<'_, AppState>,
    request_id: RequestId,
    mut example: Example,
    body: Source,
) -> Result<Request, UiError> {
    limits::name("example.name", &example.name)?;
    limits::value("example", &example)?;
    check_example_body(&body)?;
    let bytes = tauri::async_runtime::spawn_blocking(move || body.read(&body_dir()))
        .await
        .map_err(|e| UiError::internal(format!("reading the body stopped unexpectedly: {e}")))??;
    example.body = String::from_utf8_lossy(&bytes).into_owned();
    Ok(state.store.add_example(request_id, example)?)
}

/// Checks an example's body before it is read: its size as [`limits::source`] says, and a saved
/// body's file (which is read whole into the store) no larger than a body the editor holds.
fn check_example_body(body: &Source) -> Result<(), UiError> {
    limits::source("body", body)?;
    if let Source::File { file } = body {
        let path = http::check_saved_body(&body_dir(), Path::new(file))?;
        let len = std::fs::metadata(&path).map_or(0, |m| m.len());
        if len > limits::BODY as u64 {
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            let (field, limit) = ("body.file".into(), limits::BODY);
            return Err(limits::LimitError::TooLong { field, len, limit }.into());
        }
    }
    Ok(())
}
