//! A v1 request's body (`dataMode`, `data`, `rawModeData`, `graphqlModeData`, `dataOptions`)
//! as a v2 `body`.

use serde_json::{Value, json};

use super::request::row;
use crate::formats::postman::error::Result;
use crate::formats::postman::fidelity::Obj;
use crate::formats::postman::node::Node;

fn form_rows(data: &[Node<'_>]) -> Result<Vec<Value>> {
    let mut rows = Vec::new();
    for d in data {
        let mut r = row(d, false)?;
        if r.get("key").is_none_or(Value::is_null) {
            continue;
        }
        if r["type"] == "file"
            && r.get("src").is_none_or(Value::is_null)
            && let Some(value) = r.as_object_mut().and_then(|o| o.shift_remove("value"))
        {
            r["src"] = if value.is_string() || value.is_array() {
                value
            } else {
                Value::Null
            };
        }
        rows.push(r);
    }
    Ok(rows)
}

/// The v2 `body`, by the transformer's rules for `dataMode`, `data`, `rawModeData` and
/// `graphqlModeData`.
pub(super) fn body(node: &Node<'_>) -> Result<Option<Value>> {
    let modes = [
        ("binary", "file"),
        ("graphql", "graphql"),
        ("params", "formdata"),
        ("raw", "raw"),
        ("urlencoded", "urlencoded"),
    ];
    let data_mode = node.get("dataMode").map(|m| m.value);
    let mode = data_mode
        .and_then(Value::as_str)
        .and_then(|m| modes.iter().find(|(v1, _)| *v1 == m).map(|(_, v2)| *v2));
    let raw = match node.get("rawModeData").map(|r| r.value) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_str().map(String::from),
        _ => None,
    };
    let data = node.get("data").map(|d| d.value).filter(|d| !d.is_null());
    let graphql = node
        .get("graphqlModeData")
        .map(|g| g.value)
        .filter(|g| g.as_object().is_some_and(|o| !o.is_empty()));
    let is_empty = data.is_none_or(|d| d.as_array().is_some_and(Vec::is_empty) || d == "")
        && raw.as_deref().unwrap_or_default().is_empty()
        && graphql.is_none();
    if (mode.is_none() && is_empty) || data_mode == Some(&Value::Null) {
        return Ok(None);
    }
    let mode = mode.unwrap_or(if raw.is_none() && data.is_some_and(Value::is_array) {
        "formdata"
    } else if raw.is_none() && graphql.is_some() {
        "graphql"
    } else {
        "raw"
    });
    let mut body = Obj::new();
    body.insert("mode".into(), json!(mode));
    match mode {
        "raw" => {
            let text = raw.or_else(|| data.and_then(Value::as_str).map(String::from));
            body.insert("raw".into(), json!(text.unwrap_or_default()));
        }
        "graphql" => {
            body.insert("graphql".into(), graphql.cloned().unwrap_or(json!({})));
        }
        "file" => {
            let mut file = Obj::new();
            if let Some(src) = raw {
                file.insert("src".into(), json!(src));
            }
            body.insert("file".into(), Value::Object(file));
        }
        _ => {
            let rows = form_rows(&node.opt_array("data")?)?;
            body.insert(mode.into(), Value::Array(rows));
        }
    }
    if let Some(Value::Object(options)) = node.get("dataOptions").map(|o| o.value) {
        let mapped: Obj = modes
            .iter()
            .filter_map(|(v1, v2)| {
                options
                    .get(*v1)
                    .filter(|o| o.as_object().is_some_and(|o| !o.is_empty()))
                    .map(|o| ((*v2).to_string(), o.clone()))
            })
            .collect();
        if !mapped.is_empty() {
            body.insert("options".into(), Value::Object(mapped));
        }
    }
    if node
        .get("dataDisabled")
        .is_some_and(|d| d.value == &json!(true))
    {
        body.insert("disabled".into(), json!(true));
    }
    Ok(Some(Value::Object(body)))
}
