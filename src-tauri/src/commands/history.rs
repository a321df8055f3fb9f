//! History commands: list (and search) a workspace's sends, show one, clear them.

use localpost_core::history::{DEFAULT_LIST_LIMIT, Detail, Entry, History};
use localpost_core::model::{HistoryId, WorkspaceId};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The workspace's sends, newest first; `search` keeps those whose URL, method, status or
/// request name contains it.
#[tauri::command]
pub async fn list_history(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    search: Option<String>,
) -> Result<Vec<Entry>, UiError> {
    if let Some(search) = &search {
        limits::text("search", search, limits::SHORT)?;
    }
    let history = History::new(&state.store, &state.vault);
    Ok(history.list(workspace_id, search.as_deref(), DEFAULT_LIST_LIMIT)?)
}

/// One send with the request and response it kept.
#[tauri::command]
pub async fn show_history(state: State<'_, AppState>, id: HistoryId) -> Result<Detail, UiError> {
    Ok(History::new(&state.store, &state.vault).show(id)?)
}

/// Empties the workspace's history; returns how many entries went.
#[tauri::command]
pub async fn clear_history(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<usize, UiError> {
    Ok(History::new(&state.store, &state.vault).clear(workspace_id)?)
}
