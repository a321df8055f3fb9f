//! Variables as the request editor sees them: those in scope for a request (for `{{var}}`
//! highlighting; secret values left out) and a collection's or folder's own variables.

use localpost_core::model::{Collection, CollectionId, Folder, FolderId, RequestId, Variable};
use localpost_core::secrets::ScopeSecrets;
use localpost_core::send::{self, VariablesInScope};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The variables request `request_id` can reference with their winning scope, the vault
/// secrets' names and the dynamic variables' names; never a secret's value.
#[tauri::command]
pub async fn variables_in_scope(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> Result<VariablesInScope, UiError> {
    Ok(send::variables_in_scope(&state.store, request_id)?)
}

/// Saves a collection's variables as edited, secrets to the keychain, like
/// `save_environment_variables`.
#[tauri::command]
pub async fn save_collection_variables(
    state: State<'_, AppState>,
    id: CollectionId,
    variables: Vec<Variable>,
) -> Result<Collection, UiError> {
    limits::value("variables", &variables)?;
    let mut collection = state.store.collection(id)?;
    collection.variables = variables;
    Ok(ScopeSecrets::new(&state.store, &state.keychain).update_collection(collection)?)
}

/// Saves a folder's variables as edited, secrets to the keychain, like
/// `save_collection_variables`.
#[tauri::command]
pub async fn save_folder_variables(
    state: State<'_, AppState>,
    id: FolderId,
    variables: Vec<Variable>,
) -> Result<Folder, UiError> {
    limits::value("variables", &variables)?;
    let mut folder = state.store.folder(id)?;
    folder.variables = variables;
    Ok(ScopeSecrets::new(&state.store, &state.keychain).update_folder(folder)?)
}
