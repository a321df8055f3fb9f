//! Import commands, in two steps: read and summarise a source ([`preview_import_file`],
//! [`preview_import_dropped`], [`preview_import_text`]), then write it as the user chose
//! ([`commit_import`]) or drop it ([`cancel_import`]); and a curl command pasted into the URL
//! bar ([`parse_curl`]).
//!
//! Every path is the shell's: the picker's answer ([`crate::dialog`]) or the paths of the
//! window's drop event, kept in [`DroppedFiles`] until the UI asks to preview them (it hears of
//! a drop on the channel it gave [`watch_drops`]). The webview never names a file. Reading and
//! detecting the format is the core's ([`formats::import`], [`formats::import_file`]), and so
//! is the summary the UI shows ([`formats::summarize`]: what will be created, the collections
//! already there, the plain-text secrets found, never their values). What was read waits in
//! [`PendingImport`] (one preview at a time) under an id, so the files are read once and what is
//! written is what the user saw. Writing is [`postman::import_with`], all or none, replacing or
//! copying duplicates and moving the chosen findings into the vault.

use std::path::PathBuf;
use std::sync::Mutex;

use localpost_core::formats::postman::{self, ImportReport, Parsed, SecretMoves};
use localpost_core::formats::{self, OnDuplicate, Summary};
use localpost_core::model::{Request, WorkspaceId};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, DragDropEvent, Manager, Runtime, State, Window, WindowEvent};
use ts_rs::TS;

use crate::dialog;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Paths dropped on the window, waiting for [`preview_import_dropped`], and where to tell the UI
/// their names.
///
/// The names go on a channel the page gives ([`watch_drops`]) rather than as a Tauri event:
/// listening for an event makes the shell evaluate a script in the page as the window starts,
/// and the result of that evaluation starts a JavaScript engine in the app's own process (about
/// 3 MB, measured) that it otherwise needs only once a drop, a send or a socket talks back.
#[derive(Default)]
pub struct DroppedFiles {
    paths: Mutex<Vec<PathBuf>>,
    watcher: Mutex<Option<Channel<Vec<String>>>>,
}

impl DroppedFiles {
    /// Keeps `paths` (replacing any not yet previewed).
    pub fn put(&self, paths: Vec<PathBuf>) {
        *self.paths.lock().unwrap_or_else(|e| e.into_inner()) = paths;
    }

    /// The paths kept, emptied.
    pub fn take(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.paths.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Tells the names of dropped files to `channel` from now on (replacing the last one: a
    /// reloaded page gives a new channel).
    pub fn watch(&self, channel: Channel<Vec<String>>) {
        *self.watcher.lock().unwrap_or_else(|e| e.into_inner()) = Some(channel);
    }

    /// Tells the watching page, if any, the names of `paths`.
    fn tell(&self, paths: &[PathBuf]) {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let watcher = self.watcher.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(channel) = watcher.as_ref() {
            // A page gone since (a reload gives a new channel) only misses this drop.
            let _ = channel.send(names);
        }
    }
}

/// The window's drop handler: keeps the paths and tells the UI their names.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        let dropped = window.state::<DroppedFiles>();
        dropped.put(paths.clone());
        dropped.tell(paths);
    }
}

/// Asks to hear, on `on_drop`, the names of the files dropped on the window from now on.
#[tauri::command]
pub fn watch_drops(dropped: State<'_, DroppedFiles>, on_drop: Channel<Vec<String>>) {
    dropped.watch(on_drop);
}

/// What an import would do, for the UI to show before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPreview {
    /// The id [`commit_import`] and [`cancel_import`] take.
    #[ts(type = "number")]
    pub id: u64,
    /// What was read: file names, or `Pasted`.
    pub sources: Vec<String>,
    /// What would be created, the duplicates and the plain-text secrets found.
    pub summary: Summary,
}

/// Files read for a preview, not yet written.
#[derive(Debug)]
struct Pending {
    id: u64,
    workspace: WorkspaceId,
    files: Vec<Parsed>,
}

/// The one import previewed and waiting for [`commit_import`]; a new preview replaces it.
#[derive(Debug, Default)]
pub struct PendingImport(Mutex<Slot>);

/// The pending import, and the last id handed out (ids are never reused, so a stale one from
/// an earlier preview cannot commit a later one).
#[derive(Debug, Default)]
struct Slot {
    last_id: u64,
    pending: Option<Pending>,
}

impl PendingImport {
    fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `files` for `workspace` under a new id, dropping any earlier preview.
    fn put(&self, workspace: WorkspaceId, files: Vec<Parsed>) -> u64 {
        let mut slot = self.slot();
        slot.last_id += 1;
        let id = slot.last_id;
        slot.pending = Some(Pending {
            id,
            workspace,
            files,
        });
        id
    }

    /// Takes the preview `id` out, so that it is written once however often Import is pressed.
    fn take(&self, id: u64) -> Result<Pending, UiError> {
        let mut slot = self.slot();
        match slot.pending.take() {
            Some(p) if p.id == id => Ok(p),
            other => {
                slot.pending = other;
                Err(UiError::invalid(
                    format!("import preview {id} is no longer pending; choose the file again"),
                    "previewId",
                ))
            }
        }
    }

    /// Puts back a preview whose write failed, to be committed again with other choices,
    /// unless a newer preview has taken its place meanwhile.
    fn restore(&self, pending: Pending) {
        let mut slot = self.slot();
        if slot.pending.is_none() && slot.last_id == pending.id {
            slot.pending = Some(pending);
        }
    }

    /// Drops the preview `id`, if it is still the pending one.
    fn remove(&self, id: u64) {
        let mut slot = self.slot();
        if slot.pending.as_ref().is_some_and(|p| p.id == id) {
            slot.pending = None;
        }
    }
}

/// Summarises `files` and keeps them as the pending import.
fn preview(
    state: &AppState,
    pending: &PendingImport,
    workspace: WorkspaceId,
    sources: Vec<String>,
    files: Vec<Parsed>,
) -> Result<ImportPreview, UiError> {
    let summary = formats::summarize(&state.store, workspace, &files)?;
    let id = pending.put(workspace, files);
    Ok(ImportPreview {
        id,
        sources,
        summary,
    })
}

/// Reads every one of `paths` (all must read) for a preview.
fn read_paths(paths: &[PathBuf]) -> Result<(Vec<String>, Vec<Parsed>), UiError> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(formats::import_file(path)?);
    }
    let names = paths.iter().map(|p| file_name(p)).collect();
    Ok((names, files))
}

/// The name of `path` as the user knows it.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Asks for a file and previews its import; `null` when the user cancels the dialog.
#[tauri::command]
pub async fn preview_import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    pending: State<'_, PendingImport>,
    workspace_id: WorkspaceId,
) -> Result<Option<ImportPreview>, UiError> {
    let Some(path) = dialog::choose_import(&app) else {
        return Ok(None);
    };
    let (names, files) = read_paths(&[path])?;
    preview(&state, &pending, workspace_id, names, files).map(Some)
}

/// Previews the import of the files last dropped on the window (all must read).
#[tauri::command]
pub async fn preview_import_dropped(
    state: State<'_, AppState>,
    dropped: State<'_, DroppedFiles>,
    pending: State<'_, PendingImport>,
    workspace_id: WorkspaceId,
) -> Result<ImportPreview, UiError> {
    let paths = dropped.take();
    if paths.is_empty() {
        return Err(UiError::invalid("no files were dropped".into(), "dropped"));
    }
    let (names, files) = read_paths(&paths)?;
    preview(&state, &pending, workspace_id, names, files)
}

/// Previews the import of pasted text: any format `formats::import` reads.
#[tauri::command]
pub async fn preview_import_text(
    state: State<'_, AppState>,
    pending: State<'_, PendingImport>,
    workspace_id: WorkspaceId,
    text: String,
) -> Result<ImportPreview, UiError> {
    limits::text("text", &text, limits::BODY)?;
    let files = formats::import(text.as_bytes(), "Pasted")?;
    preview(&state, &pending, workspace_id, vec!["Pasted".into()], files)
}

/// Writes the pending import `preview_id` (all or none): collections already in the workspace
/// are replaced or copied as `on_duplicate` says (`ask` fails if there are any), and the
/// findings `move_secrets` names go into the vault. On success the preview is gone; on failure
/// it stays, to commit again with other choices.
#[tauri::command]
pub async fn commit_import(
    state: State<'_, AppState>,
    pending: State<'_, PendingImport>,
    preview_id: u64,
    on_duplicate: OnDuplicate,
    move_secrets: SecretMoves,
) -> Result<ImportReport, UiError> {
    if let SecretMoves::Only(places) = &move_secrets {
        limits::value("moveSecrets.places", places)?;
    }
    let taken = pending.take(preview_id)?;
    let options = postman::Options {
        move_secrets,
        on_duplicate: Some(on_duplicate),
    };
    let files = taken.files.clone();
    let to = postman::Destination {
        store: &state.store,
        keychain: &state.keychain,
        workspace: taken.workspace,
    };
    let written = postman::import_with(&to, files, options);
    if written.is_err() {
        pending.restore(taken);
    }
    Ok(written?)
}

/// Drops the pending import `preview_id` without writing anything.
#[tauri::command]
pub async fn cancel_import(
    pending: State<'_, PendingImport>,
    preview_id: u64,
) -> Result<(), UiError> {
    pending.remove(preview_id);
    Ok(())
}

/// The request a curl command describes (its first one), for the editor to take over; not
/// stored. Ids are placeholders.
#[tauri::command]
pub async fn parse_curl(text: String) -> Result<Request, UiError> {
    limits::text("text", &text, limits::BODY)?;
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
    fn a_new_preview_replaces_the_pending_one() {
        let pending = PendingImport::default();
        let files = formats::import(b"curl https://api.test/a", "a.sh").expect("curl");
        let first = pending.put(WorkspaceId(1), files.clone());
        let second = pending.put(WorkspaceId(2), files);
        assert_ne!(first, second);
        let stale = pending.take(first).expect_err("replaced");
        assert_eq!(stale.kind, "invalid");
        pending.remove(first);
        let taken = pending
            .take(second)
            .expect("removing a stale id leaves the pending one");
        assert_eq!((taken.workspace, taken.files.len()), (WorkspaceId(2), 1));
    }

    #[test]
    fn a_preview_is_taken_once_and_put_back_only_if_still_the_last() {
        let pending = PendingImport::default();
        let files = formats::import(b"curl https://api.test/a", "a.sh").expect("curl");
        let id = pending.put(WorkspaceId(1), files.clone());
        let taken = pending.take(id).expect("pending");
        assert!(pending.take(id).is_err(), "a second Import finds nothing");
        pending.restore(taken);
        let taken = pending.take(id).expect("put back after a failed write");
        let newer = pending.put(WorkspaceId(1), files);
        pending.restore(taken);
        assert!(pending.take(id).is_err(), "a newer preview wins");
        assert!(pending.take(newer).is_ok());
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
