//! Settings and auth around a request: where an inherited auth comes from, and a collection's
//! or folder's own auth, default settings and scripts (the settings dialog).

use localpost_core::model::{
    Collection, CollectionId, Folder, FolderId, ParentSettings, RequestId,
};
use localpost_core::send::{self, InheritedAuth};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// Checks an overview's name and Markdown description.
fn check_overview(name: &str, description: &str) -> Result<(), UiError> {
    limits::name("name", name)?;
    Ok(limits::text(
        "description",
        description,
        limits::DESCRIPTION,
    )?)
}

/// What request `request_id` inherits when its auth says `inherit`, and from which folder or
/// collection.
#[tauri::command]
pub async fn inherited_auth(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> Result<InheritedAuth, UiError> {
    Ok(send::inherited_auth(&state.store, request_id)?)
}

/// One collection with its auth, settings and variables (secret values empty).
#[tauri::command]
pub async fn get_collection(
    state: State<'_, AppState>,
    id: CollectionId,
) -> Result<Collection, UiError> {
    Ok(state.store.collection(id)?)
}

/// Replaces a collection's auth, default settings and scripts; the rest is left alone.
#[tauri::command]
pub async fn save_collection_settings(
    state: State<'_, AppState>,
    id: CollectionId,
    parent: ParentSettings,
) -> Result<Collection, UiError> {
    limits::value("parent", &parent)?;
    Ok(state.store.set_collection_settings(id, &parent)?)
}

/// One folder with its auth, settings, scripts and variables (secret values empty).
#[tauri::command]
pub async fn get_folder(state: State<'_, AppState>, id: FolderId) -> Result<Folder, UiError> {
    Ok(state.store.folder(id)?)
}

/// Replaces a folder's auth, default settings and scripts; the rest is left alone.
#[tauri::command]
pub async fn save_folder_settings(
    state: State<'_, AppState>,
    id: FolderId,
    parent: ParentSettings,
) -> Result<Folder, UiError> {
    limits::value("parent", &parent)?;
    Ok(state.store.set_folder_settings(id, &parent)?)
}

/// Renames a collection and replaces its Markdown description.
#[tauri::command]
pub async fn save_collection_overview(
    state: State<'_, AppState>,
    id: CollectionId,
    name: String,
    description: String,
) -> Result<Collection, UiError> {
    check_overview(&name, &description)?;
    Ok(state
        .store
        .set_collection_overview(id, &name, &description)?)
}

/// Renames a folder and replaces its Markdown description.
#[tauri::command]
pub async fn save_folder_overview(
    state: State<'_, AppState>,
    id: FolderId,
    name: String,
    description: String,
) -> Result<Folder, UiError> {
    check_overview(&name, &description)?;
    Ok(state.store.set_folder_overview(id, &name, &description)?)
}
