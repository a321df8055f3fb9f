//! Reading and writing JSON columns, with errors that name the row.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Result, StoreError};

/// Encodes a value for a JSON column.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        table: "(encode)",
        id: 0,
        column: "(value)",
        reason: e.to_string(),
    })
}

/// Encodes a list of variables, refusing any secret that still holds its value: secret values
/// belong in the OS keychain (see `secrets::stash_variables`), never in this file.
pub(crate) fn encode_variables(variables: &[crate::model::Variable]) -> Result<String> {
    if let Some(v) = variables.iter().find(|v| v.secret && !v.value.is_empty()) {
        return Err(StoreError::PlainSecret { key: v.key.clone() });
    }
    encode(&variables)
}

/// Decodes a JSON column of a given row, naming table, row and column on failure.
pub(crate) fn decode<T: DeserializeOwned>(
    table: &'static str,
    id: i64,
    column: &'static str,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        table,
        id,
        column,
        reason: e.to_string(),
    })
}

/// [`name`] of what an import brings: each control character (a line break, a tab, an escape,
/// NUL) becomes a space first, so that a file cannot put terminal escapes or line breaks into
/// the names the app and the CLI show.
pub(crate) fn imported_name(what: &'static str, raw: &str) -> Result<String> {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    name(what, &cleaned)
}

/// Trims a name and refuses an empty one.
pub(crate) fn name(what: &'static str, name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(StoreError::EmptyName { what });
    }
    Ok(trimmed.to_string())
}

/// Decodes the JSON column at `index` of `row`, which belongs to `table` row `id`.
pub(crate) fn column<T: DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    index: usize,
    table: &'static str,
    id: i64,
    column: &'static str,
) -> Result<T> {
    let text: String = row.get(index)?;
    decode(table, id, column, &text)
}
