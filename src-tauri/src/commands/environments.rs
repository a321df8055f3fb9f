//! Environment and globals commands: list, create, rename, duplicate, delete, the active one,
//! their variables (saved with secrets in the OS keychain) and revealing one secret.

use localpost_core::model::{Environment, EnvironmentId, Variable, Workspace, WorkspaceId};
use localpost_core::secrets::{ScopeSecrets, VariableScope};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

fn scopes(
    state: &AppState,
) -> ScopeSecrets<'_, std::sync::Arc<localpost_core::vault::KeychainChoice>> {
    ScopeSecrets::new(&state.store, &state.keychain)
}

/// A workspace's environments, in order.
#[tauri::command]
pub async fn list_environments(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Vec<Environment>, UiError> {
    Ok(state.store.environments(workspace_id)?)
}

/// One environment with its variables (secret values empty).
#[tauri::command]
pub async fn get_environment(
    state: State<'_, AppState>,
    id: EnvironmentId,
) -> Result<Environment, UiError> {
    Ok(state.store.environment(id)?)
}

/// Creates an empty environment after the workspace's others.
#[tauri::command]
pub async fn create_environment(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    name: String,
) -> Result<Environment, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.create_environment(workspace_id, &name, &[])?)
}

/// Renames an environment.
#[tauri::command]
pub async fn rename_environment(
    state: State<'_, AppState>,
    id: EnvironmentId,
    name: String,
) -> Result<Environment, UiError> {
    limits::name("name", &name)?;
    Ok(state.store.rename_environment(id, &name)?)
}

/// Copies an environment under a new name; its secrets get keychain entries of their own.
#[tauri::command]
pub async fn duplicate_environment(
    state: State<'_, AppState>,
    id: EnvironmentId,
    name: String,
) -> Result<Environment, UiError> {
    limits::name("name", &name)?;
    Ok(scopes(&state).duplicate_environment(id, &name)?)
}

/// Deletes an environment and its secrets' keychain entries.
///
/// Resolves to warnings (empty when all went well): keychain entries of its secret variables
/// that could not be removed, which are retried on the next delete.
#[tauri::command]
pub async fn delete_environment(
    state: State<'_, AppState>,
    id: EnvironmentId,
) -> Result<Vec<String>, UiError> {
    Ok(scopes(&state).delete_environment(id)?)
}

/// Makes an environment of the workspace active, or none (`id` null).
#[tauri::command]
pub async fn set_active_environment(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    id: Option<EnvironmentId>,
) -> Result<Workspace, UiError> {
    Ok(state.store.set_active_environment(workspace_id, id)?)
}

/// Saves an environment's variables as edited: a secret's typed value goes to the keychain, an
/// empty one keeps the stored value.
#[tauri::command]
pub async fn save_environment_variables(
    state: State<'_, AppState>,
    id: EnvironmentId,
    variables: Vec<Variable>,
) -> Result<Environment, UiError> {
    limits::value("variables", &variables)?;
    Ok(scopes(&state).set_environment_variables(id, variables)?)
}

/// A workspace's globals (secret values empty).
#[tauri::command]
pub async fn get_globals(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Vec<Variable>, UiError> {
    Ok(state.store.workspace(workspace_id)?.globals)
}

/// Saves a workspace's globals as edited, like `save_environment_variables`.
#[tauri::command]
pub async fn save_globals(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
    variables: Vec<Variable>,
) -> Result<Vec<Variable>, UiError> {
    limits::value("variables", &variables)?;
    Ok(scopes(&state).set_globals(workspace_id, variables)?.globals)
}

/// The stored value of one secret variable, read from the keychain for the UI's reveal.
#[tauri::command]
pub async fn reveal_variable(
    state: State<'_, AppState>,
    scope: VariableScope,
    key: String,
) -> Result<String, UiError> {
    limits::text("key", &key, limits::VALUE)?;
    let secret = scopes(&state).reveal_variable(scope, &key)?;
    Ok(String::from_utf8_lossy(secret.expose()).into_owned())
}
