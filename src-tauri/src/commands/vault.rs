//! Vault commands: which keychain is in use (and unlocking a vault file where there is no OS
//! keychain), and the named vault secrets (`{{vault:NAME}}`): list names and domains, add or
//! replace one, change its domains, reveal one value, delete one.
//!
//! A value crosses from the UI once, when typed, and back only through `reveal_vault_secret`,
//! one secret at a time on the user's request.

use std::sync::Arc;

use localpost_core::model::VaultEntry;
use localpost_core::secrets::VaultSecrets;
use localpost_core::vault::{KeychainChoice, KeychainStatus, Secret};
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

fn secrets(state: &AppState) -> VaultSecrets<'_, Arc<KeychainChoice>> {
    VaultSecrets::new(&state.store, &state.keychain)
}

/// Checks a secret's domain limits: at most [`limits::ITEMS`], each a short text.
fn check_domains(domains: &[String]) -> Result<(), UiError> {
    limits::items("domains", domains.len(), limits::ITEMS)?;
    for (i, domain) in domains.iter().enumerate() {
        limits::text(&format!("domains[{i}]"), domain, limits::SHORT)?;
    }
    Ok(())
}

/// Which keychain holds secrets: the OS one, an unlocked vault file, or none.
#[tauri::command]
pub async fn keychain_status(state: State<'_, AppState>) -> Result<KeychainStatus, UiError> {
    Ok(state.keychain.status())
}

/// Opens (or creates) the passphrase-sealed vault file and keeps secrets there from now on.
#[tauri::command]
pub async fn unlock_vault_file(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<KeychainStatus, UiError> {
    limits::text("passphrase", &passphrase, limits::SHORT)?;
    state.keychain.unlock_file(&Secret::from(passphrase))?;
    Ok(state.keychain.status())
}

/// Every vault secret's name and domain limits, by name; never a value.
#[tauri::command]
pub async fn list_vault_secrets(state: State<'_, AppState>) -> Result<Vec<VaultEntry>, UiError> {
    Ok(secrets(&state).list()?)
}

/// Creates or replaces a vault secret: its value goes to the keychain, its name and domains
/// to the store.
#[tauri::command]
pub async fn set_vault_secret(
    state: State<'_, AppState>,
    name: String,
    value: String,
    domains: Vec<String>,
) -> Result<(), UiError> {
    limits::name("name", &name)?;
    limits::text("value", &value, limits::VALUE)?;
    check_domains(&domains)?;
    Ok(secrets(&state).set(&name, &Secret::from(value), &domains)?)
}

/// Replaces a vault secret's domain limits, leaving its value alone.
#[tauri::command]
pub async fn set_vault_domains(
    state: State<'_, AppState>,
    name: String,
    domains: Vec<String>,
) -> Result<VaultEntry, UiError> {
    limits::text("name", &name, limits::NAME)?;
    check_domains(&domains)?;
    Ok(secrets(&state).set_domains(&name, &domains)?)
}

/// The value of one vault secret, for the manager's reveal.
#[tauri::command]
pub async fn reveal_vault_secret(
    state: State<'_, AppState>,
    name: String,
) -> Result<String, UiError> {
    limits::text("name", &name, limits::NAME)?;
    let secret = secrets(&state).reveal(&name)?;
    Ok(String::from_utf8_lossy(secret.expose()).into_owned())
}

/// Deletes a vault secret and its keychain entry.
#[tauri::command]
pub async fn delete_vault_secret(state: State<'_, AppState>, name: String) -> Result<(), UiError> {
    limits::text("name", &name, limits::NAME)?;
    Ok(secrets(&state).remove(&name)?)
}
