//! Tabs and drafts: a workspace's open tabs, and each request's unsaved edits, kept in the
//! store so that a restart (or a crash) gives them back.

use localpost_core::model::{DraftHead, OpenTabs, Request, RequestId, WorkspaceId};
use tauri::State;

use crate::commands::requests::check_request;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The open tabs of a workspace, in order, with the active one.
#[tauri::command]
pub async fn get_tabs(
    state: State<'_, AppState>,
    workspace: WorkspaceId,
) -> Result<OpenTabs, UiError> {
    Ok(state.store.tabs(workspace)?)
}

/// Replaces the open tabs of a workspace (targets gone or elsewhere are left out).
#[tauri::command]
pub async fn set_tabs(
    state: State<'_, AppState>,
    workspace: WorkspaceId,
    tabs: OpenTabs,
) -> Result<(), UiError> {
    limits::value("tabs", &tabs)?;
    Ok(state.store.set_tabs(workspace, &tabs)?)
}

/// The requests of a workspace that have unsaved edits, with their name and method as edited.
#[tauri::command]
pub async fn draft_heads(
    state: State<'_, AppState>,
    workspace: WorkspaceId,
) -> Result<Vec<DraftHead>, UiError> {
    Ok(state.store.draft_heads(workspace)?)
}

/// A request's unsaved edits, whole, or `null` when it has none.
#[tauri::command]
pub async fn get_draft(
    state: State<'_, AppState>,
    id: RequestId,
) -> Result<Option<Request>, UiError> {
    Ok(state.store.draft(id)?)
}

/// Keeps a request's unsaved edits (replacing earlier ones); the request is unchanged.
#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, request: Request) -> Result<(), UiError> {
    check_request(&state.store, &request)?;
    Ok(state.store.save_draft(&request)?)
}

/// Drops a request's unsaved edits; resolves to whether it had any.
#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, id: RequestId) -> Result<bool, UiError> {
    Ok(state.store.discard_draft(id)?)
}

/// Saves a request's fields and drops its draft, in one transaction (Save, Ctrl+S); returns
/// the request as stored.
#[tauri::command]
pub async fn save_request(
    state: State<'_, AppState>,
    request: Request,
) -> Result<Request, UiError> {
    check_request(&state.store, &request)?;
    Ok(state.store.save_request(&request)?)
}
