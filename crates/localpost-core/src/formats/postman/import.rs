//! Reading Postman files ([`parse`], [`read_file`]) into [`Parsed`] values, which
//! [`crate::formats::parsed::import`] writes into a workspace.

use std::path::Path;

use serde_json::Value;

use super::detect::detect;
use super::error::{ImportError, Result};
use super::report::Format;
use super::{collection, environment, v1};
use crate::formats::parsed::{Content, Parsed};

/// Reads a Postman collection (v1, v2.0, v2.1), environment or globals file from its text.
/// `source` names it in warnings. Invalid JSON fails with its line and column, a wrong shape
/// with the JSON path of the offending value.
pub fn parse(source: &str, text: &str) -> Result<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::json(&e))?;
    from_value(source, &value)
}

/// Reads a Postman document already parsed as JSON.
pub fn from_value(source: &str, value: &Value) -> Result<Parsed> {
    let (format, node) = detect(value)?;
    let mut warnings = Vec::new();
    let content = match format {
        Format::CollectionV20 | Format::CollectionV21 => {
            Content::Collection(Box::new(collection::read(&node, &mut warnings)?))
        }
        Format::CollectionV1 => Content::Collection(Box::new(v1::read(&node, &mut warnings)?)),
        Format::Environment => Content::Environment(environment::read(&node)?),
        Format::Globals => Content::Globals(environment::read_globals(&node)?),
        _ => unreachable!("detect reads JSON only as Postman formats"),
    };
    for warning in &mut warnings {
        warning.file = source.to_string();
    }
    Ok(Parsed {
        source: source.to_string(),
        format,
        warnings,
        content,
    })
}

/// Reads a Postman file; errors name it.
pub fn read_file(path: &Path) -> Result<Parsed> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    parse(&path.display().to_string(), &text).map_err(|e| e.in_file(path))
}
