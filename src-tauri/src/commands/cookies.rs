//! Cookie jar commands: list, add, edit, delete and clear a workspace's cookies.

use localpost_core::cookies::{Cookie, Cookies};
use localpost_core::model::{CookieId, WorkspaceId};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

fn jar(state: &AppState) -> Cookies<'_, std::sync::Arc<localpost_core::vault::KeychainChoice>> {
    Cookies::new(&state.store, &state.vault)
}

/// The workspace's cookies with their values, by domain, path and name.
#[tauri::command]
pub async fn list_cookies(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Vec<Cookie>, UiError> {
    Ok(jar(&state).list(workspace_id)?)
}

/// Adds a cookie (replacing one with the same domain, path and name).
#[tauri::command]
pub async fn add_cookie(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    cookie: Cookie,
) -> Result<Cookie, UiError> {
    limits::value("cookie", &cookie)?;
    Ok(jar(&state).add(workspace_id, &cookie)?)
}

/// Replaces cookie `id`.
#[tauri::command]
pub async fn edit_cookie(
    state: State<'_, AppState>,
    id: CookieId,
    cookie: Cookie,
) -> Result<Cookie, UiError> {
    limits::value("cookie", &cookie)?;
    Ok(jar(&state).edit(id, &cookie)?)
}

/// Removes cookie `id`.
#[tauri::command]
pub async fn delete_cookie(state: State<'_, AppState>, id: CookieId) -> Result<(), UiError> {
    Ok(jar(&state).delete(id)?)
}

/// Empties the workspace's jar; returns how many cookies went.
#[tauri::command]
pub async fn clear_cookies(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<usize, UiError> {
    Ok(jar(&state).clear(workspace_id)?)
}
