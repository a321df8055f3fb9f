//! Import commands: a file the user picks, files dropped on the window, pasted text, and a
//! curl command pasted into the URL bar.
//!
//! Every path is the shell's: the picker's answer ([`crate::dialog`]) or the paths of the
//! window's drop event, kept in [`DroppedFiles`] until the UI asks to import them. The webview
//! never names a file. Reading and detecting the format is the core's
//! ([`formats::import`], [`formats::import_file`]); writing is [`postman::import`], all or none.

use std::path::PathBuf;
use std::sync::Mutex;

use localpost_core::formats::{self, postman, postman::ImportReport};
use localpost_core::model::{Request, WorkspaceId};
use tauri::{AppHandle, DragDropEvent, Emitter, Manager, Runtime, State, Window, WindowEvent};

use crate::dialog;
use crate::error::UiError;
use crate::state::AppState;

/// The event telling the UI that files were dropped; its payload is their names.
pub const DROPPED_EVENT: &str = "import-dropped";

/// Paths dropped on the window, waiting for [`import_dropped`].
#[derive(Debug, Default)]
pub struct DroppedFiles(Mutex<Vec<PathBuf>>);

impl DroppedFiles {
    /// Keeps `paths` (replacing any not yet imported).
    pub fn put(&self, paths: Vec<PathBuf>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = paths;
    }

    /// The paths kept, emptied.
    pub fn take(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The window's drop handler: keeps the paths and tells the UI their names.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        window.state::<DroppedFiles>().put(paths.clone());
        let _ = window.emit(DROPPED_EVENT, names);
    }
}

/// Reads `paths` and imports them all into `workspace` in one transaction.
fn import_paths(
    state: &AppState,
    workspace: WorkspaceId,
    paths: &[PathBuf],
) -> Result<ImportReport, UiError> {
    let parsed = paths
        .iter()
        .map(|p| formats::import_file(p))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    Ok(postman::import(
        &state.store,
        &state.keychain,
        workspace,
        parsed,
    )?)
}

/// Asks for a file and imports it; `null` when the user cancels the dialog.
#[tauri::command]
pub async fn import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Option<ImportReport>, UiError> {
    let Some(path) = dialog::choose_import(&app) else {
        return Ok(None);
    };
    import_paths(&state, workspace_id, &[path]).map(Some)
}

/// Imports the files last dropped on the window (all or none).
#[tauri::command]
pub async fn import_dropped(
    state: State<'_, AppState>,
    dropped: State<'_, DroppedFiles>,
    workspace_id: WorkspaceId,
) -> Result<ImportReport, UiError> {
    import_paths(&state, workspace_id, &dropped.take())
}

/// Imports pasted text: any format `formats::import` reads (Postman, OpenAPI, Insomnia, HAR, curl).
#[tauri::command]
pub async fn import_text(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    text: String,
) -> Result<ImportReport, UiError> {
    let parsed = formats::import(text.as_bytes(), "Pasted")?;
    Ok(postman::import(
        &state.store,
        &state.keychain,
        workspace_id,
        parsed,
    )?)
}

/// The request a curl command describes (its first one), for the editor to take over; not
/// stored. Ids are placeholders.
#[tauri::command]
pub async fn parse_curl(text: String) -> Result<Request, UiError> {
    let parsed = formats::curl::parse(&text)?;
    let first = parsed.requests.into_iter().next();
    first.ok_or_else(|| formats::curl::CurlError::Empty.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_are_taken_once() {
        let dropped = DroppedFiles::default();
        dropped.put(vec![PathBuf::from("/a.json"), PathBuf::from("/b.sh")]);
        dropped.put(vec![PathBuf::from("/c.json")]);
        assert_eq!(dropped.take(), vec![PathBuf::from("/c.json")]);
        assert!(dropped.take().is_empty());
    }

    #[test]
    fn an_unreadable_file_names_itself_as_the_place() {
        let e = UiError::from(formats::import(b"{\"info\": 3", "users.json").expect_err("bad"));
        assert_eq!(e.kind, "import");
        assert_eq!(e.place.as_deref(), Some("users.json"));
        assert!(
            e.message.starts_with("users.json: invalid JSON at line 1"),
            "{}",
            e.message
        );
    }
}
