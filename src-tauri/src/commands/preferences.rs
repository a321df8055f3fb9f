//! The app's preferences: read at start, saved from the Preferences view.

use localpost_core::model::Preferences;
use tauri::State;

use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// The stored preferences (the defaults when none were saved), secrets opened.
#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, UiError> {
    Ok(state.store.preferences()?)
}

/// Replaces the preferences but their file rules, which only the `files` commands change;
/// a proxy password and passphrases are sealed at rest. Returns them as stored (numbers
/// brought into range).
#[tauri::command]
pub async fn save_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, UiError> {
    limits::value("preferences", &preferences)?;
    Ok(state.store.set_preferences_but_files(&preferences)?)
}
