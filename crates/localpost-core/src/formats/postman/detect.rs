//! Which Postman format a JSON document is, and where its content starts.
//!
//! - `info` with `item`: a collection; `info.schema` says v2.0 or v2.1 (a v1 or unknown schema
//!   URL is refused), and without one it is read as v2.1 (the readers accept v2.0's auth maps
//!   anywhere).
//! - `requests`, `folders` or `order` without `info`: a v1 collection.
//! - `values[]`: an environment, or globals when `_postman_variable_scope` says `globals`.
//! - A bare array: legacy globals.
//! - `{"collection": {…}}`, `{"environment": {…}}`, `{"globals": {…}}`: the API's wrappers.

use serde_json::Value;

use super::error::{ImportError, Result};
use super::node::Node;
use super::report::Format;

/// The format of `root` and the node its content starts at.
pub(crate) fn detect(root: &Value) -> Result<(Format, Node<'_>)> {
    let node = Node::root(root);
    let object = match root {
        Value::Array(_) => return Ok((Format::Globals, node)),
        Value::Object(o) => o,
        _ => return Err(node.error("an object or an array")),
    };
    for (key, format) in [
        ("environment", Format::Environment),
        ("globals", Format::Globals),
    ] {
        if object.len() == 1
            && let Some(inner @ Value::Object(_)) = object.get(key)
        {
            return Ok((format, Node::at(inner, key.into())));
        }
    }
    if object.len() == 1
        && let Some(inner @ Value::Object(o)) = object.get("collection")
        && o.contains_key("info")
    {
        let node = Node::at(inner, "collection".into());
        return Ok((collection_version(&node)?, node));
    }
    if object.contains_key("info") {
        return Ok((collection_version(&node)?, node));
    }
    if ["requests", "folders", "order"]
        .iter()
        .any(|k| object.contains_key(*k))
    {
        return Ok((Format::CollectionV1, node));
    }
    if object.get("values").is_some_and(Value::is_array) {
        let scope = node.opt_str("_postman_variable_scope")?;
        let format = if scope == Some("globals") {
            Format::Globals
        } else {
            Format::Environment
        };
        return Ok((format, node));
    }
    Err(ImportError::Unrecognised)
}

fn collection_version(node: &Node<'_>) -> Result<Format> {
    let info = node.require("info", "an object")?;
    info.object()?;
    let Some(schema) = info.opt_str("schema")? else {
        return Ok(Format::CollectionV21);
    };
    if schema.contains("/v2.1") {
        Ok(Format::CollectionV21)
    } else if schema.contains("/v2.0") {
        Ok(Format::CollectionV20)
    } else {
        Err(ImportError::UnsupportedSchema {
            path: info.path_of("schema"),
            found: schema.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn format_of(v: Value) -> Format {
        detect(&v).expect("recognised").0
    }

    #[test]
    fn every_shape_is_recognised() {
        let v20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";
        let v21 = "https://schema.postman.com/json/collection/v2.1.0/collection.json";
        assert_eq!(
            format_of(json!({"info": {"schema": v20}, "item": []})),
            Format::CollectionV20
        );
        assert_eq!(
            format_of(json!({"info": {"schema": v21}, "item": []})),
            Format::CollectionV21
        );
        assert_eq!(
            format_of(json!({"info": {"name": "x"}, "item": []})),
            Format::CollectionV21
        );
        assert_eq!(
            format_of(json!({"id": "c", "name": "x", "order": [], "requests": []})),
            Format::CollectionV1
        );
        assert_eq!(
            format_of(json!({"name": "dev", "values": []})),
            Format::Environment
        );
        assert_eq!(
            format_of(json!({"values": [], "_postman_variable_scope": "globals"})),
            Format::Globals
        );
        assert_eq!(
            format_of(json!([{"key": "a", "value": "1"}])),
            Format::Globals
        );
        assert_eq!(
            format_of(json!({"environment": {"name": "e", "values": []}})),
            Format::Environment
        );
        assert_eq!(
            format_of(json!({"globals": {"values": []}})),
            Format::Globals
        );
        assert_eq!(
            format_of(json!({"collection": {"info": {"schema": v21}, "item": []}})),
            Format::CollectionV21
        );
    }

    #[test]
    fn other_documents_are_refused() {
        let e = detect(&json!({"openapi": "3.0.0"})).expect_err("not postman");
        assert!(matches!(e, ImportError::Unrecognised), "{e}");
        let e = detect(&json!({"info": {"schema": "https://x/v1.0.0/collection.json"}}))
            .expect_err("v1 schema url");
        assert_eq!(
            e.to_string(),
            "info.schema: unsupported collection schema https://x/v1.0.0/collection.json"
        );
        let e = detect(&json!("text")).expect_err("a string");
        assert_eq!(
            e.to_string(),
            "(top level): expected an object or an array, found a string"
        );
    }
}
