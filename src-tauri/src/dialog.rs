//! The native open and save dialogs, opened by the shell's own commands (never by the webview,
//! which holds no dialog permission): the UI asks for an import or an export, the shell asks
//! the user where, and only the shell ever sees the path.
//!
//! End-to-end tests cannot drive a native dialog. In debug builds only, the environment
//! variables [`TEST_OPEN_ENV`] and [`TEST_SAVE_ENV`] stand in for the user's answer; release
//! builds ignore them. Each holds a path, or several joined as `PATH` is (`:`), answered in
//! turn, the last one from then on.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// Debug builds: the path an open dialog answers with, without showing.
pub const TEST_OPEN_ENV: &str = "LOCALPOST_TEST_OPEN_FILE";

/// Debug builds: the path a save dialog answers with, without showing.
pub const TEST_SAVE_ENV: &str = "LOCALPOST_TEST_SAVE_FILE";

/// Debug builds: the folder a folder dialog answers with, without showing.
pub const TEST_FOLDER_ENV: &str = "LOCALPOST_TEST_OPEN_FOLDER";

/// Debug builds: how a confirmation answers, without showing: `yes` or `no`.
pub const TEST_CONFIRM_ENV: &str = "LOCALPOST_TEST_CONFIRM";

/// How many open, save and folder dialogs a test has had answered.
static ANSWERED: [AtomicUsize; 3] = [
    AtomicUsize::new(0),
    AtomicUsize::new(0),
    AtomicUsize::new(0),
];

/// The stand-in answer for a test, in debug builds only: the next path of the variable's list.
fn test_answer(var: &str) -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let list = std::env::var_os(var).filter(|v| !v.is_empty())?;
    let paths: Vec<PathBuf> = std::env::split_paths(&list).collect();
    let slot = match var {
        TEST_SAVE_ENV => 1,
        TEST_FOLDER_ENV => 2,
        _ => 0,
    };
    let turn = ANSWERED[slot].fetch_add(1, Ordering::Relaxed);
    paths.get(turn.min(paths.len().saturating_sub(1))).cloned()
}

/// The open dialog's filters for an import, by format: what [`localpost_core::formats::import`]
/// reads. The first offers every extension of the others; "All files" follows them, since the
/// format is detected from the content, not the name.
pub const IMPORT_FILTERS: &[(&str, &[&str])] = &[
    (
        "All supported files",
        &[
            "json",
            "yaml",
            "yml",
            "har",
            "zip",
            "postman_dump",
            "txt",
            "sh",
            "curl",
        ],
    ),
    ("Postman collections, environments, globals", &["json"]),
    ("Postman data dumps", &["zip", "postman_dump", "json"]),
    ("OpenAPI, Swagger", &["json", "yaml", "yml"]),
    ("Insomnia exports", &["json", "yaml", "yml"]),
    ("HTTP archives (HAR)", &["har", "json"]),
    ("curl commands", &["txt", "sh", "curl"]),
];

/// Asks for a file to import (any format the core reads, see [`IMPORT_FILTERS`]); `None` when
/// cancelled.
pub fn choose_import<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_OPEN_ENV) {
        return Some(path);
    }
    let mut dialog = app.dialog().file().set_title("Import");
    for (name, extensions) in IMPORT_FILTERS {
        dialog = dialog.add_filter(*name, extensions);
    }
    dialog
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for an iteration data file (CSV or JSON); `None` when cancelled.
pub fn choose_data_file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_OPEN_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Iteration data")
        .add_filter("CSV or JSON", &["csv", "json"])
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a file a request reads (a body file, a certificate); `title` says which.
/// `None` when cancelled.
pub fn choose_request_file<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_OPEN_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a folder (the working directory, an import path); `title` says which. `None`
/// when cancelled.
pub fn choose_folder<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_FOLDER_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// Asks the user to confirm `message` in a native dialog (which the webview cannot answer);
/// whether they did.
pub fn confirm<R: Runtime>(app: &AppHandle<R>, title: &str, message: &str) -> bool {
    if cfg!(debug_assertions)
        && let Some(answer) = std::env::var_os(TEST_CONFIRM_ENV)
    {
        return answer == "yes";
    }
    app.dialog()
        .message(message)
        .title(title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            "Allow".into(),
            "Cancel".into(),
        ))
        .blocking_show()
}

/// `name` as a file name to propose: path separators, characters file systems refuse and
/// control characters replaced by `_`, so a name from the webview cannot point the dialog at
/// another directory.
pub fn proposed_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Asks where to save a file, proposing `name` (see [`proposed_name`]); `None` when cancelled.
pub fn choose_save<R: Runtime>(app: &AppHandle<R>, name: &str) -> Option<PathBuf> {
    if let Some(path) = test_answer(TEST_SAVE_ENV) {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("Save")
        .set_file_name(proposed_name(name))
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposed_names_lose_separators_and_control_characters() {
        assert_eq!(
            proposed_name("../../.bashrc"),
            ".._.._.bashrc",
            "no directory"
        );
        assert_eq!(proposed_name("a\\b:c\n.json"), "a_b_c_.json");
        assert_eq!(proposed_name("users.json"), "users.json");
    }

    #[test]
    fn all_supported_files_offers_every_format_extension() {
        let (first, all) = IMPORT_FILTERS[0];
        assert_eq!(first, "All supported files");
        for (name, extensions) in &IMPORT_FILTERS[1..] {
            for ext in *extensions {
                assert!(all.contains(ext), "{name}: {ext} missing from {first}");
            }
        }
        for ext in ["yaml", "yml", "har", "zip", "postman_dump", "curl"] {
            assert!(all.contains(&ext), "{ext}");
        }
    }
}
