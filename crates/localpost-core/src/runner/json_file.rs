//! Reading a JSON file given to a run (a cookie jar, a client certificate list), with the
//! place of what is wrong in it.

use std::path::Path;

use serde_json::Value;

use super::{Result, RunError};

/// The JSON in `path`; a file that cannot be read or parsed is a [`RunError::Input`] naming
/// it, with the line and column of a syntax error.
pub(crate) fn read(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).map_err(|e| invalid(path, format!("cannot read: {e}")))?;
    serde_json::from_str(&text).map_err(|e| {
        invalid(
            path,
            format!("invalid JSON at line {} column {}", e.line(), e.column()),
        )
    })
}

/// A [`RunError::Input`] for `path`.
pub(crate) fn invalid(path: &Path, reason: String) -> RunError {
    RunError::Input {
        path: path.to_owned(),
        reason,
    }
}
