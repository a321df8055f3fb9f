//! Workspace commands: list, create, rename, delete, reorder, and the sidebar tree.

use localpost_core::model::{Classification, Workspace, WorkspaceId, WorkspaceTree};
use localpost_core::secrets::ScopeSecrets;
use localpost_core::store::Subtree;
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The first workspace, creating "My Workspace" in an empty store.
#[tauri::command]
pub async fn ensure_workspace(state: State<'_, AppState>) -> Result<Workspace, UiError> {
    Ok(state.store.ensure_workspace()?)
}

/// Every workspace, in order.
#[tauri::command]
pub async fn list_workspaces(state: State<'_, AppState>) -> Result<Vec<Workspace>, UiError> {
    Ok(state.store.workspaces()?)
}

/// Creates a workspace after the others.
#[tauri::command]
pub async fn create_workspace(
    state: State<'_, AppState>,
    name: String,
) -> Result<Workspace, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.create_workspace(&name)?)
}

/// Renames a workspace.
#[tauri::command]
pub async fn rename_workspace(
    state: State<'_, AppState>,
    id: WorkspaceId,
    name: String,
) -> Result<Workspace, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.rename_workspace(id, &name)?)
}

/// Deletes a workspace and everything in it.
///
/// Resolves to warnings (empty when all went well): keychain entries of its secret variables
/// that could not be removed, which are retried on the next delete.
#[tauri::command]
pub async fn delete_workspace(
    state: State<'_, AppState>,
    id: WorkspaceId,
) -> Result<Vec<String>, UiError> {
    let scopes = ScopeSecrets::new(&state.store, &state.keychain);
    Ok(scopes.delete(Subtree::Workspace(id))?)
}

/// Moves a workspace to `index` among the workspaces.
#[tauri::command]
pub async fn move_workspace(
    state: State<'_, AppState>,
    id: WorkspaceId,
    index: usize,
) -> Result<(), UiError> {
    Ok(state.store.move_workspace(id, index)?)
}

/// A workspace's collections, folders, requests and environments, for the sidebar.
#[tauri::command]
pub async fn workspace_tree(
    state: State<'_, AppState>,
    id: WorkspaceId,
) -> Result<WorkspaceTree, UiError> {
    Ok(state.store.tree(id)?)
}

/// Sets how sensitive a workspace's data is (`restricted`, `internal` or `public`).
#[tauri::command]
pub async fn classify_workspace(
    state: State<'_, AppState>,
    id: WorkspaceId,
    classification: Classification,
) -> Result<Workspace, UiError> {
    Ok(state.store.set_classification(id, classification)?)
}
