//! Which importer a file needs, from its content rather than its name: a ZIP is a Postman data
//! dump, text whose first word is `curl` is curl commands, and JSON or YAML is told apart by
//! its shape (`openapi`, `swagger`, `_type: export`, `type: collection.insomnia.rest/5.0`,
//! `log.entries`, `version` with `collections`, else the Postman shapes).

use serde_json::Value;

use super::postman::{self, Parsed};
use super::{ImportError, error::Result};
use super::{curl, document, dump, har, insomnia, openapi};

/// The kinds of file [`parse_any`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Postman collection, environment or globals file.
    Postman,
    /// A Postman data dump: a ZIP, or the legacy JSON dump.
    Dump,
    /// curl command lines.
    Curl,
    /// OpenAPI 3.x or Swagger 2.0.
    Openapi,
    /// An Insomnia v4 export or v5 collection.
    Insomnia,
    /// An HTTP archive.
    Har,
}

/// The start of every ZIP file.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The kind of a JSON or YAML document, from its shape; Postman when nothing else fits.
pub fn kind_of(value: &Value) -> Kind {
    let Some(o) = value.as_object() else {
        return Kind::Postman;
    };
    if o.contains_key("openapi") || o.contains_key("swagger") {
        Kind::Openapi
    } else if o.get("_type").and_then(Value::as_str) == Some("export")
        || o.get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.contains("insomnia.rest/"))
    {
        Kind::Insomnia
    } else if o.get("log").is_some_and(|l| l.get("entries").is_some()) {
        Kind::Har
    } else if o.contains_key("version")
        && (o.contains_key("collections") || o.contains_key("environments"))
        && !o.contains_key("info")
    {
        Kind::Dump
    } else {
        Kind::Postman
    }
}

/// The part of a file name before its last extension, for naming what it becomes.
pub(crate) fn stem(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

/// Reads a file of any supported format from its bytes. `file_name` names it in warnings and
/// names what has no name of its own (a HAR's or curl file's collection). A ZIP or legacy dump
/// gives several [`Parsed`] values; Insomnia gives its collection and environments.
pub fn parse_any(file_name: &str, bytes: &[u8]) -> Result<Vec<Parsed>> {
    if bytes.starts_with(ZIP_MAGIC) {
        return dump::read_zip(file_name, bytes);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat)?;
    let text = document::strip_bom(text);
    if curl::is_curl(text) {
        let parsed = curl::parse(text)?;
        return Ok(vec![parsed.into_import(file_name, &stem(file_name))]);
    }
    let (_, value) = document::parse(text)?;
    parse_value(file_name, &value)
}

/// [`parse_any`] for a document already read as JSON or YAML.
pub fn parse_value(file_name: &str, value: &Value) -> Result<Vec<Parsed>> {
    if !value.is_object() && !value.is_array() {
        return Err(ImportError::UnknownFormat);
    }
    match kind_of(value) {
        Kind::Openapi => Ok(vec![openapi::read(file_name, value)?]),
        Kind::Insomnia => insomnia::read(file_name, value),
        Kind::Har => Ok(vec![har::read(file_name, value, &stem(file_name))?]),
        Kind::Dump => dump::read_legacy(file_name, value),
        Kind::Postman | Kind::Curl => match postman::from_value(file_name, value) {
            Err(ImportError::Unrecognised) => Err(ImportError::UnknownFormat),
            other => other.map(|p| vec![p]),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn shapes_pick_the_importer() {
        assert_eq!(kind_of(&json!({"openapi": "3.1.0"})), Kind::Openapi);
        assert_eq!(kind_of(&json!({"swagger": "2.0"})), Kind::Openapi);
        assert_eq!(
            kind_of(&json!({"_type": "export", "resources": []})),
            Kind::Insomnia
        );
        assert_eq!(
            kind_of(&json!({"type": "collection.insomnia.rest/5.0"})),
            Kind::Insomnia
        );
        assert_eq!(kind_of(&json!({"log": {"entries": []}})), Kind::Har);
        assert_eq!(
            kind_of(&json!({"version": 1, "collections": []})),
            Kind::Dump
        );
        assert_eq!(kind_of(&json!({"info": {}, "item": []})), Kind::Postman);
    }

    #[test]
    fn names_come_from_the_file() {
        assert_eq!(stem("dir/traffic.har"), "traffic");
        assert_eq!(stem("a.postman_collection.json"), "a");
        assert_eq!(stem(".hidden"), ".hidden");
    }

    #[test]
    fn text_that_is_nothing_known_is_refused() {
        let e = parse_any("notes.txt", b"just some words").expect_err("unknown");
        assert!(matches!(e, ImportError::UnknownFormat), "{e}");
        let e = parse_any("x.json", b"{\"hello\": 1}").expect_err("unknown");
        assert!(matches!(e, ImportError::UnknownFormat), "{e}");
    }
}
