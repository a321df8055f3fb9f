//! A request's `url`: a string, or an object `{raw, protocol, host, port, path, query, hash,
//! variable}`.
//!
//! The model keeps the URL as typed (`raw`), the query as [`Request::params`] and the path
//! variables as [`Request::path_variables`]. An object's other parts (host and path arrays,
//! `{type, value}` path segments, port, hash, unknown members) are kept as a hint with the raw
//! text they belong to, and written back while the URL is unchanged; a URL edited since (or
//! typed in the app) has its parts derived from the text as Postman's SDK parses it, since
//! newman sends what the parts say rather than `raw`.
//!
//! [`Request::params`]: crate::model::Request::params
//! [`Request::path_variables`]: crate::model::Request::path_variables

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{Obj, append_rest, put_list, take_list};
use super::node::Node;
use super::rows::{read_rows, write_row};
use crate::model::KeyValue;

/// A URL as the model holds it.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Url {
    pub(crate) raw: String,
    pub(crate) params: Vec<KeyValue>,
    pub(crate) path_variables: Vec<KeyValue>,
}

/// Reads member `url` of a request object. A string or `null` stays as a hint; an object stays
/// as a hint without its query and variables.
pub(crate) fn read(request: &Node<'_>, rest: &mut Obj) -> Result<Url> {
    let Some(node) = request.get("url") else {
        return Ok(Url::default());
    };
    match node.value {
        Value::String(s) => Ok(Url {
            raw: s.clone(),
            ..Url::default()
        }),
        Value::Null => Ok(Url::default()),
        Value::Object(o) => {
            let mut hint = o.clone();
            let raw = match node.get("raw") {
                Some(r) => r.str()?.to_string(),
                None => {
                    // Written back with the object from now on: a documented normalisation.
                    let raw = build_raw(o);
                    hint.insert("raw".into(), Value::String(raw.clone()));
                    raw
                }
            };
            let params = read_rows(&take_list(&node, &mut hint, "query")?.unwrap_or_default())?;
            let path_variables =
                read_rows(&take_list(&node, &mut hint, "variable")?.unwrap_or_default())?;
            rest.insert("url".into(), Value::Object(hint));
            Ok(Url {
                raw,
                params,
                path_variables,
            })
        }
        _ => Err(node.error("a string or an object")),
    }
}

/// Writes member `url`: in the form it was read while it still says the same, else as an
/// object derived from the text.
pub(crate) fn write(out: &mut Obj, hints: &mut Obj, url: &Url) {
    let no_rows = url.params.is_empty() && url.path_variables.is_empty();
    let value = match hints.shift_remove("url") {
        Some(Value::String(s)) if s == url.raw && no_rows => Value::String(s),
        Some(Value::Null) if url.raw.is_empty() && no_rows => Value::Null,
        Some(Value::Object(mut hint)) if raw_of(&hint) == url.raw => {
            hint.shift_remove("raw");
            let mut o = Obj::new();
            o.insert("raw".into(), Value::String(url.raw.clone()));
            for key in ["protocol", "host", "port", "path"] {
                if let Some(v) = hint.shift_remove(key) {
                    o.insert(key.into(), v);
                }
            }
            put_list(
                &mut o,
                &mut hint,
                "query",
                url.params.iter().map(write_row).collect(),
            );
            if let Some(v) = hint.shift_remove("hash") {
                o.insert("hash".into(), v);
            }
            let variables = url.path_variables.iter().map(write_row).collect();
            put_list(&mut o, &mut hint, "variable", variables);
            append_rest(&mut o, hint);
            Value::Object(o)
        }
        _ if url.raw.is_empty() && no_rows => Value::String(String::new()),
        _ => derive(url),
    };
    out.insert("url".into(), value);
}

/// The raw text of a URL hint (always present: [`read`] adds it when the file had none).
fn raw_of(o: &Obj) -> &str {
    o.get("raw").and_then(Value::as_str).unwrap_or_default()
}

/// Text of a `host` or `path` member: a string, or an array of strings and `{value}` segments.
fn joined(value: Option<&Value>, separator: &str) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .map(|item| match item {
                    Value::String(s) => s.clone(),
                    Value::Object(seg) => seg
                        .get("value")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(separator),
        ),
        _ => None,
    }
}

/// A URL object's text when it has no `raw`: protocol, host, port, path, enabled query, hash.
fn build_raw(o: &Obj) -> String {
    let text = |key: &str| o.get(key).and_then(Value::as_str).unwrap_or_default();
    let mut raw = String::new();
    if !text("protocol").is_empty() {
        raw.push_str(text("protocol"));
        raw.push_str("://");
    }
    raw.push_str(&joined(o.get("host"), ".").unwrap_or_default());
    if !text("port").is_empty() {
        raw.push(':');
        raw.push_str(text("port"));
    }
    if let Some(path) = joined(o.get("path"), "/") {
        raw.push('/');
        raw.push_str(path.trim_start_matches('/'));
    }
    let query: Vec<String> = o
        .get("query")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|q| q.get("disabled") != Some(&Value::Bool(true)))
        .map(|q| {
            let key = q.get("key").and_then(Value::as_str).unwrap_or_default();
            match q.get("value").and_then(Value::as_str) {
                Some(value) => format!("{key}={value}"),
                None => key.to_string(),
            }
        })
        .collect();
    if !query.is_empty() {
        raw.push('?');
        raw.push_str(&query.join("&"));
    }
    if !text("hash").is_empty() {
        raw.push('#');
        raw.push_str(text("hash"));
    }
    raw
}

/// Splits `text` on `separator` except inside `{{…}}`.
fn split_outside_braces(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && chars.peek() == Some(&'{') {
            depth += 1;
        } else if c == '}' && chars.peek() == Some(&'}') {
            depth = depth.saturating_sub(1);
        }
        if c == separator && depth == 0 {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// The parts of `raw` as the Postman SDK parses it: `raw`, `protocol`, `host`, `port`, `path`
/// and `hash` (the query is left to the caller), ready for `query` and `variable`.
pub(crate) fn parts_of(raw: &str) -> Obj {
    let mut rest = raw;
    let mut o = Obj::new();
    o.insert("raw".into(), Value::String(raw.into()));
    let mut hash = None;
    if let Some((before, after)) = rest.split_once('#') {
        hash = Some(after);
        rest = before;
    }
    if let Some((before, _)) = rest.split_once('?') {
        rest = before;
    }
    if let Some((scheme, after)) = rest.split_once("://")
        && !scheme.contains('/')
    {
        o.insert("protocol".into(), Value::String(scheme.into()));
        rest = after;
    }
    let (authority, path) = match rest.split_once('/') {
        Some((authority, path)) => (authority, Some(path)),
        None => (rest, None),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port))
            if !port.is_empty()
                && (port.chars().all(|c| c.is_ascii_digit())
                    || (port.starts_with("{{") && port.ends_with("}}"))) =>
        {
            (host, Some(port))
        }
        _ => (authority, None),
    };
    o.insert("host".into(), json!(split_outside_braces(host, '.')));
    if let Some(port) = port {
        o.insert("port".into(), Value::String(port.into()));
    }
    if let Some(path) = path {
        o.insert("path".into(), json!(split_outside_braces(path, '/')));
    }
    if let Some(hash) = hash {
        o.insert("hash".into(), Value::String(hash.into()));
    }
    o
}

/// Query rows of the text after `?` in `raw`, as the SDK parses them (`key` alone has a
/// `null` value).
pub(crate) fn query_of(raw: &str) -> Vec<Value> {
    let before_hash = raw.split('#').next().unwrap_or_default();
    match before_hash.split_once('?') {
        Some((_, query)) if !query.is_empty() => query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) => json!({"key": key, "value": value}),
                None => json!({"key": pair, "value": null}),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A URL object for `url`, its parts taken from the text, the query from the params (or the
/// text when there are none).
fn derive(url: &Url) -> Value {
    let mut o = parts_of(&url.raw);
    let hash = o.shift_remove("hash");
    let rows: Vec<Value> = if url.params.is_empty() {
        query_of(&url.raw)
    } else {
        url.params.iter().map(write_row).collect()
    };
    if !rows.is_empty() {
        o.insert("query".into(), Value::Array(rows));
    }
    if let Some(hash) = hash {
        o.insert("hash".into(), hash);
    }
    if !url.path_variables.is_empty() {
        let rows = url.path_variables.iter().map(write_row).collect();
        o.insert("variable".into(), Value::Array(rows));
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(url: Value) -> Value {
        let request = json!({ "url": url });
        let node = Node::root(&request);
        let mut rest = request.as_object().cloned().unwrap_or_default();
        let model = read(&node, &mut rest).expect("valid url");
        let mut out = Obj::new();
        write(&mut out, &mut rest, &model);
        out.shift_remove("url").unwrap_or(Value::Null)
    }

    #[test]
    fn strings_and_objects_come_back_as_read() {
        for url in [
            json!("https://example.com/a?b=1"),
            json!(""),
            json!({
                "raw": "{{base}}/users/:id?page=2&flag#top",
                "host": ["{{base}}"],
                "path": ["users", {"type": "string", "value": ":id"}],
                "query": [{"key": "page", "value": "2"}, {"key": "flag", "value": null},
                          {"key": "off", "value": "x", "disabled": true}],
                "hash": "top",
                "variable": [{"key": "id", "value": "7", "description": "user id"}],
                "x-unknown": {"kept": true}
            }),
            json!({"raw": "http://h", "host": "h", "query": []}),
        ] {
            assert_eq!(round_trip(url.clone()), url);
        }
    }

    #[test]
    fn an_edited_url_gets_parts_derived_from_its_text() {
        let url = Url {
            raw: "https://api.{{domain}}:8443/v1/users/:id?limit=5&all#frag".into(),
            path_variables: vec![KeyValue::new("id", "3")],
            ..Url::default()
        };
        let mut out = Obj::new();
        write(&mut out, &mut Obj::new(), &url);
        assert_eq!(
            out["url"],
            json!({
                "raw": "https://api.{{domain}}:8443/v1/users/:id?limit=5&all#frag",
                "protocol": "https",
                "host": ["api", "{{domain}}"],
                "port": "8443",
                "path": ["v1", "users", ":id"],
                "query": [{"key": "limit", "value": "5"}, {"key": "all", "value": null}],
                "hash": "frag",
                "variable": [{"key": "id", "value": "3"}]
            })
        );
    }

    #[test]
    fn an_object_without_raw_is_read_from_its_parts() {
        let request = json!({"url": {
            "protocol": "http", "host": ["127", "0", "0", "1"], "port": "3000",
            "path": ["a", "b"], "query": [{"key": "q", "value": "1"}]
        }});
        let model = read(&Node::root(&request), &mut Obj::new()).expect("valid");
        assert_eq!(model.raw, "http://127.0.0.1:3000/a/b?q=1");
    }
}
