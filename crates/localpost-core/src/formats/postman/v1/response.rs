//! A v1 saved response as a v2 example.

use serde_json::{Value, json};

use super::request::request;
use crate::formats::postman::error::Result;
use crate::formats::postman::fidelity::Obj;
use crate::formats::postman::node::Node;

/// A v1 saved response as a v2 example.
pub(super) fn response(node: &Node<'_>) -> Result<Value> {
    node.object()?;
    let mut e = Obj::new();
    if let Some(id) = node.get("id") {
        e.insert("id".into(), id.value.clone());
    }
    let name = node.opt_str("name")?.filter(|n| !n.is_empty());
    e.insert("name".into(), json!(name.unwrap_or("response")));
    for key in ["requestObject", "request"] {
        let saved = match node.get(key).map(|r| r.value) {
            Some(Value::String(s)) => serde_json::from_str::<Value>(s).ok(),
            Some(v @ Value::Object(_)) => Some(v.clone()),
            _ => None,
        };
        if let Some(saved) = saved {
            e.insert(
                "originalRequest".into(),
                request(&Node::at(&saved, node.path_of(key)))?,
            );
            break;
        }
    }
    let code = node.get("responseCode");
    if let Some(name) = code.as_ref().and_then(|c| c.value.get("name")) {
        e.insert("status".into(), name.clone());
    }
    let number = code
        .as_ref()
        .and_then(|c| c.value.get("code"))
        .and_then(|c| match c {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        });
    if let Some(number) = number.filter(|n| *n != 0) {
        e.insert("code".into(), json!(number));
    }
    for (v1, v2) in [
        ("language", "_postman_previewlanguage"),
        ("previewType", "_postman_previewtype"),
        ("headers", "header"),
        ("time", "responseTime"),
        ("text", "body"),
    ] {
        if let Some(value) = node.get(v1) {
            e.insert(v2.into(), value.value.clone());
        }
    }
    let cookies = node
        .opt_array("cookies")?
        .iter()
        .map(cookie)
        .collect::<Result<Vec<_>>>()?;
    e.insert("cookie".into(), Value::Array(cookies));
    Ok(Value::Object(e))
}

/// A v1 cookie (`name`, `expirationDate` in seconds) as a v2 one (`key`, `expires`).
fn cookie(node: &Node<'_>) -> Result<Value> {
    let mut c = Obj::new();
    for (v1, v2) in [
        ("expirationDate", "expires"),
        ("hostOnly", "hostOnly"),
        ("httpOnly", "httpOnly"),
        ("domain", "domain"),
        ("path", "path"),
        ("secure", "secure"),
        ("session", "session"),
        ("value", "value"),
        ("name", "key"),
    ] {
        if let Some(value) = node.object()?.get(v1) {
            c.insert(v2.into(), value.clone());
        }
    }
    Ok(Value::Object(c))
}
