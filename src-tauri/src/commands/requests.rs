//! Folder and request commands: create, read, update, and rename, delete or move any node.

use localpost_core::model::{Folder, NewFolder, NewRequest, NodeId, Parent, Request, RequestId};
use localpost_core::secrets::{Duplicable, ScopeSecrets};
use localpost_core::store::{Store, Subtree};
use tauri::State;

use crate::error::UiError;
use crate::limits::{self, LimitError};
use crate::state::AppState;

/// Checks a whole request from the editor: every field's size ([`limits::value`]) and its
/// name. A name stored with a control character (an import's) may come back unchanged, or
/// its request could not be edited; it cannot be typed.
pub(crate) fn check_request(store: &Store, request: &Request) -> Result<(), UiError> {
    limits::value("request", request)?;
    match limits::name("request.name", &request.name) {
        Err(LimitError::ControlCharacter { .. })
            if store
                .request(request.id)
                .is_ok_and(|stored| stored.name == request.name.trim()) =>
        {
            Ok(())
        }
        checked => Ok(checked?),
    }
}

/// Creates a folder after its new siblings.
#[tauri::command]
pub async fn create_folder(state: State<'_, AppState>, new: NewFolder) -> Result<Folder, UiError> {
    limits::name("new.name", &new.name)?;
    limits::value("new", &new)?;
    Ok(state.store.create_folder(new)?)
}

/// Creates a request after its new siblings.
#[tauri::command]
pub async fn create_request(
    state: State<'_, AppState>,
    new: NewRequest,
) -> Result<Request, UiError> {
    limits::name("new.name", &new.name)?;
    limits::value("new", &new)?;
    Ok(state.store.create_request(new)?)
}

/// One request, in full.
#[tauri::command]
pub async fn get_request(state: State<'_, AppState>, id: RequestId) -> Result<Request, UiError> {
    Ok(state.store.request(id)?)
}

/// Saves a request's fields; returns it as stored.
#[tauri::command]
pub async fn update_request(
    state: State<'_, AppState>,
    request: Request,
) -> Result<Request, UiError> {
    check_request(&state.store, &request)?;
    Ok(state.store.update_request(&request)?)
}

/// Renames a folder or request.
#[tauri::command]
pub async fn rename_node(
    state: State<'_, AppState>,
    node: NodeId,
    name: String,
) -> Result<(), UiError> {
    limits::name("name", &name)?;
    Ok(state.store.rename_node(node, &name)?)
}

/// Deletes a folder (with its contents) or a request.
///
/// Resolves to warnings (empty when all went well): keychain entries of its secret variables
/// that could not be removed, which are retried on the next delete.
#[tauri::command]
pub async fn delete_node(state: State<'_, AppState>, node: NodeId) -> Result<Vec<String>, UiError> {
    let scopes = ScopeSecrets::new(&state.store, &state.keychain);
    Ok(scopes.delete(Subtree::Node(node))?)
}

/// Moves a folder or request under `parent`, at `index` among its siblings, within its
/// workspace (the sidebar shows one workspace: a move into another is refused, kind `invalid`,
/// place `parent`).
#[tauri::command]
pub async fn move_node(
    state: State<'_, AppState>,
    node: NodeId,
    parent: Parent,
    index: usize,
) -> Result<(), UiError> {
    let (from, to) = (
        state.store.workspace_of_node(node)?,
        state.store.workspace_of_parent(parent)?,
    );
    if from != to {
        let (what, id) = match node {
            NodeId::Folder(id) => ("folder", id.0),
            NodeId::Request(id) => ("request", id.0),
        };
        let message = format!("cannot move {what} {id} into another workspace");
        return Err(UiError::invalid(message, "parent"));
    }
    Ok(state.store.move_node(node, parent, index)?)
}

/// Duplicates a collection, or a folder with everything in it, or a request, next to the
/// original; its secret variables get keychain entries of their own. Resolves to the copy.
#[tauri::command]
pub async fn duplicate_item(
    state: State<'_, AppState>,
    item: Duplicable,
) -> Result<Duplicable, UiError> {
    let scopes = ScopeSecrets::new(&state.store, &state.keychain);
    Ok(scopes.duplicate(item)?)
}
