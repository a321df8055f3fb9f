//! Collection commands: create, rename, delete, reorder.

use localpost_core::model::{Collection, CollectionId, WorkspaceId};
use localpost_core::secrets::ScopeSecrets;
use localpost_core::store::Subtree;
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Creates a collection at the end of a workspace.
#[tauri::command]
pub async fn create_collection(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    name: String,
) -> Result<Collection, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.create_collection(workspace_id, &name)?)
}

/// Renames a collection.
#[tauri::command]
pub async fn rename_collection(
    state: State<'_, AppState>,
    id: CollectionId,
    name: String,
) -> Result<Collection, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.rename_collection(id, &name)?)
}

/// Deletes a collection with its folders and requests.
///
/// Resolves to warnings (empty when all went well): keychain entries of its secret variables
/// that could not be removed, which are retried on the next delete.
#[tauri::command]
pub async fn delete_collection(
    state: State<'_, AppState>,
    id: CollectionId,
) -> Result<Vec<String>, UiError> {
    let scopes = ScopeSecrets::new(&state.store, &state.keychain);
    Ok(scopes.delete(Subtree::Collection(id))?)
}

/// Moves a collection to `index` among its workspace's collections.
#[tauri::command]
pub async fn move_collection(
    state: State<'_, AppState>,
    id: CollectionId,
    index: usize,
) -> Result<(), UiError> {
    Ok(state.store.move_collection(id, index)?)
}
