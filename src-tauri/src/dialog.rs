//! The native open and save dialogs, opened by the shell's own commands (never by the webview,
//! which holds no dialog permission): the UI asks for an import or an export, the shell asks
//! the user where, and only the shell ever sees the path.
//!
//! End-to-end tests cannot drive a native dialog. In debug builds only, the environment
//! variables [`TEST_OPEN_ENV`] and [`TEST_SAVE_ENV`] stand in for the user's answer; release
//! builds ignore them.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Debug builds: the path an open dialog answers with, without showing.
pub const TEST_OPEN_ENV: &str = "LOCALPOST_TEST_OPEN_FILE";

/// Debug builds: the path a save dialog answers with, without showing.
pub const TEST_SAVE_ENV: &str = "LOCALPOST_TEST_SAVE_FILE";

/// The stand-in answer for a test, in debug builds only.
fn test_answer(var: &str) -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Asks for a file to import (Postman JSON, curl commands); `None` when cancelled.
pub fn choose_import<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_OPEN_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Import")
        .add_filter(
            "Postman JSON, curl commands",
            &["json", "txt", "sh", "curl"],
        )
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save a file, proposing `name`; `None` when cancelled.
pub fn choose_save<R: Runtime>(app: &AppHandle<R>, name: &str) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_SAVE_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Save")
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
