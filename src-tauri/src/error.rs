//! The one error type the UI sees, and how core errors map onto it.
//!
//! Commands return `Result<T, UiError>`; Tauri serialises the error and rejects the UI's promise
//! with it. The mapping from [`StoreError`] lives here and nowhere else. Messages come from the
//! core's `Display` and never hold a secret.

use localpost_core::store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI sees it: what kind, a message, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UiError {
    /// What failed, for the UI to branch on: `notFound`, `invalid`, `tooNew` or `store`.
    pub kind: String,
    /// Lower-case, human-readable description.
    pub message: String,
    /// Where it failed (a file, or a table row and column), when known.
    pub place: Option<String>,
}

impl UiError {
    fn new(kind: &str, message: String, place: Option<String>) -> Self {
        UiError {
            kind: kind.to_owned(),
            message,
            place,
        }
    }
}

impl From<StoreError> for UiError {
    fn from(error: StoreError) -> Self {
        let message = error.to_string();
        match &error {
            StoreError::NotFound { .. } => UiError::new("notFound", message, None),
            StoreError::EmptyName { .. } | StoreError::InvalidMove { .. } => {
                UiError::new("invalid", message, None)
            }
            StoreError::TooNew { path, .. } => {
                UiError::new("tooNew", message, Some(path.display().to_string()))
            }
            StoreError::CreateDir { path, .. } | StoreError::Open { path, .. } => {
                UiError::new("store", message, Some(path.display().to_string()))
            }
            StoreError::Corrupt {
                table, id, column, ..
            } => UiError::new(
                "store",
                message,
                Some(format!("{table} row {id}, {column}")),
            ),
            _ => UiError::new("store", message, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_maps_to_not_found_without_place() {
        let e = UiError::from(StoreError::NotFound {
            what: "request",
            id: 7,
        });
        assert_eq!(e.kind, "notFound");
        assert_eq!(e.message, "request 7 not found");
        assert_eq!(e.place, None);
    }

    #[test]
    fn empty_name_and_invalid_move_map_to_invalid() {
        let empty = UiError::from(StoreError::EmptyName { what: "collection" });
        assert_eq!(empty.kind, "invalid");
        let bad_move = UiError::from(StoreError::InvalidMove {
            what: "folder",
            id: 3,
            reason: "a folder cannot move into itself",
        });
        assert_eq!(bad_move.kind, "invalid");
        assert_eq!(
            bad_move.message,
            "cannot move folder 3: a folder cannot move into itself"
        );
    }

    #[test]
    fn too_new_names_the_file() {
        let e = UiError::from(StoreError::TooNew {
            path: "/data/localpost.db".into(),
            found: 9,
            supported: 1,
        });
        assert_eq!(e.kind, "tooNew");
        assert_eq!(e.place.as_deref(), Some("/data/localpost.db"));
    }

    #[test]
    fn corrupt_row_maps_to_store_with_its_place() {
        let e = UiError::from(StoreError::Corrupt {
            table: "requests",
            id: 4,
            column: "body",
            reason: "expected value".into(),
        });
        assert_eq!(e.kind, "store");
        assert_eq!(e.place.as_deref(), Some("requests row 4, body"));
    }

    #[test]
    fn serialises_with_camel_case_fields() {
        let e = UiError::from(StoreError::EmptyName { what: "request" });
        let json = serde_json::to_value(&e).expect("UiError serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "invalid",
                "message": "request name must not be empty",
                "place": null
            })
        );
    }
}
