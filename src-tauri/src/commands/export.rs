//! Export commands: a collection, an environment or a workspace's globals as Postman v2.1 JSON
//! in a file the user picks, and the open request as a code snippet.
//!
//! The JSON and the report of what was withheld come from [`postman`]'s exporters; secret
//! values are never written. The save dialog is the shell's ([`crate::dialog`]): the webview
//! never names the file.

use std::path::Path;

use localpost_core::formats::postman::{self, ExportReport};
use localpost_core::model::{CollectionId, EnvironmentId, RequestId, WorkspaceId};
use localpost_core::send::Options;
use localpost_core::snippets::{self, Language};
use serde::Serialize;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::dialog;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Where an export was written, and what it left out.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Exported {
    /// The file written.
    pub path: String,
    /// Secrets withheld and settings Postman cannot hold.
    pub report: ExportReport,
}

/// Asks where to save `name`, then writes `value` there as indented JSON.
fn save<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    (value, report): (Value, ExportReport),
) -> Result<Option<Exported>, UiError> {
    let Some(path) = dialog::choose_save(app, &file_name(name)) else {
        return Ok(None);
    };
    let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    std::fs::write(&path, text).map_err(|e| UiError::io(&path, &e))?;
    let path = path.display().to_string();
    Ok(Some(Exported { path, report }))
}

/// `name` with the characters file systems refuse replaced, ending in `.json`.
fn file_name(name: &str) -> String {
    let safe = dialog::proposed_name(name);
    if Path::new(&safe).extension().is_some_and(|e| e == "json") {
        safe
    } else {
        safe + ".json"
    }
}

/// Exports a collection; `null` when the user cancels the save dialog.
#[tauri::command]
pub async fn export_collection<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: CollectionId,
) -> Result<Option<Exported>, UiError> {
    let name = state.store.collection(id)?.name + ".postman_collection";
    save(&app, &name, postman::export_collection(&state.store, id)?)
}

/// Exports an environment; `null` when the user cancels the save dialog.
#[tauri::command]
pub async fn export_environment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: EnvironmentId,
) -> Result<Option<Exported>, UiError> {
    let name = state.store.environment(id)?.name + ".postman_environment";
    save(&app, &name, postman::export_environment(&state.store, id)?)
}

/// Exports a workspace's globals; `null` when the user cancels the save dialog.
#[tauri::command]
pub async fn export_globals<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Option<Exported>, UiError> {
    let json = postman::export_globals(&state.store, workspace_id)?;
    save(&app, "globals.postman_globals", json)
}

/// The stored request as a snippet in `language` (`curl`, `python`, … as the CLI names them),
/// with the active environment's variables; secrets stay `{{placeholders}}`.
#[tauri::command]
pub async fn request_snippet(
    state: State<'_, AppState>,
    request_id: RequestId,
    language: String,
) -> Result<String, UiError> {
    limits::text("language", &language, limits::NAME)?;
    let Some(lang) = Language::ALL.into_iter().find(|l| l.name() == language) else {
        return Err(UiError::invalid(
            format!("unknown snippet language {language}"),
            "language",
        ));
    };
    // The request as the editor shows it: its draft, when it has one.
    let options = Options {
        draft: true,
        ..Options::default()
    };
    let prepared = snippets::prepare(&state.store, request_id, &options)?;
    Ok(snippets::render(&prepared, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_separators_and_end_in_json() {
        assert_eq!(
            file_name("a/b: c.postman_collection"),
            "a_b_ c.postman_collection.json"
        );
        assert_eq!(file_name("x.json"), "x.json");
    }
}
