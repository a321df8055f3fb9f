//! One operation (`paths./pets.get`) as a request: name, URL with `:pathVars`, query and
//! header parameters, body, and the documented responses as saved examples.

use serde_json::Value;

use super::body;
use super::refs::deref;
use super::sample::{given, sample};
use crate::formats::node::Node;
use crate::formats::{Warning, error::Result};
use crate::model::{KeyValue, Request};

/// What every operation of a document shares.
pub(crate) struct Doc<'a> {
    /// The whole document, for `$ref`s.
    pub(crate) root: &'a Value,
    /// Swagger 2.0 rather than OpenAPI 3.
    pub(crate) v2: bool,
}

/// A parameter's value as text: an example, else one made from its schema.
fn param_value(doc: &Doc<'_>, param: &Node<'_>, warnings: &mut Vec<Warning>) -> String {
    let value = param.value;
    let example = given(value)
        .or_else(|| {
            let examples = value.get("examples")?.as_object()?;
            let (_, first) = examples.iter().next()?;
            first.get("value").cloned()
        })
        .or_else(|| {
            let schema = param.get("schema")?;
            Some(sample(doc.root, &schema, warnings))
        })
        .unwrap_or_else(|| {
            if doc.v2 {
                sample(doc.root, param, warnings)
            } else {
                Value::Null
            }
        });
    text(&example)
}

/// A scalar as text; lists joined by commas (the `form` style), objects as JSON.
pub(crate) fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        Value::Object(_) => value.to_string(),
    }
}

/// The parameters of the path item and the operation, the operation's winning on the same
/// `name` and `in`, each resolved.
fn parameters<'a>(
    doc: &Doc<'a>,
    path_item: &Node<'a>,
    op: &Node<'a>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Node<'a>>> {
    let mut out: Vec<Node<'a>> = Vec::new();
    for owner in [path_item, op] {
        for param in owner.opt_array("parameters")? {
            let Some(param) = deref(doc.root, param, warnings) else {
                continue;
            };
            param.object()?;
            let name = param.require("name", "a string")?.str()?;
            let place = param.require("in", "a string")?.str()?;
            out.retain(|p| {
                p.value.get("name").and_then(Value::as_str) != Some(name)
                    || p.value.get("in").and_then(Value::as_str) != Some(place)
            });
            out.push(param);
        }
    }
    Ok(out)
}

/// `/pets/{petId}` as `/pets/:petId`.
fn path_with_vars(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(':');
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The names of a path's `{templates}`, in order.
fn template_names(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

/// An operation of a document: its path, the path's item, its method and itself.
pub(crate) struct Operation<'a, 'n> {
    pub path: &'a str,
    pub path_item: &'a Node<'n>,
    pub method: &'a str,
    pub op: &'a Node<'n>,
}

/// The request for operation `operation` of `doc`.
pub(crate) fn request(
    doc: &Doc<'_>,
    operation: &Operation<'_, '_>,
    warnings: &mut Vec<Warning>,
) -> Result<Request> {
    let Operation {
        path,
        path_item,
        method,
        op,
    } = *operation;
    op.object()?;
    let method = method.to_ascii_uppercase();
    let mut req = Request::unsaved(&method, "");
    // Postman's importer (openapi-to-postmanv2, "Fallback"): the summary, else the
    // operationId with spaces put in (`createUser` is "create User"), else the description,
    // else the path; at most 255 characters.
    let (summary, id) = (op.opt_str("summary")?, op.opt_str("operationId")?);
    let description = op.opt_str("description")?;
    let name = non_empty(summary)
        .map(str::to_string)
        .or_else(|| non_empty(id).map(spaced))
        .or_else(|| non_empty(description).map(str::to_string))
        .unwrap_or_else(|| path.to_string());
    req.name = name.chars().take(255).collect();
    req.description = op.opt_str("description")?.unwrap_or_default().to_string();
    let mut body_params = Vec::new();
    for param in parameters(doc, path_item, op, warnings)? {
        let name = param.require("name", "a string")?.str()?.to_string();
        let place = param.require("in", "a string")?.str()?;
        let required = param.value.get("required").and_then(Value::as_bool) == Some(true);
        let row = KeyValue {
            key: name.clone(),
            value: param_value(doc, &param, warnings),
            enabled: required || place == "path",
            description: param
                .opt_str("description")?
                .unwrap_or_default()
                .to_string(),
            extra: Default::default(),
        };
        match place {
            "path" => req.path_variables.push(row),
            "query" => req.params.push(row),
            "header" => req.headers.push(row),
            "body" | "formData" if doc.v2 => body_params.push(param),
            other => warnings.push(Warning::new(
                param.path(),
                format!("{other} parameter {name} is not supported; left out"),
            )),
        }
    }
    for name in template_names(path) {
        if !req.path_variables.iter().any(|v| v.key == name) {
            req.path_variables.push(KeyValue::new(name, ""));
        }
    }
    let query: Vec<String> = req
        .params
        .iter()
        .filter(|p| p.enabled)
        .map(|p| format!("{}={}", p.key, p.value))
        .collect();
    req.url = format!("{{{{baseUrl}}}}{}", path_with_vars(path));
    if !query.is_empty() {
        req.url = format!("{}?{}", req.url, query.join("&"));
    }
    let (body, content_type) = if doc.v2 {
        body::from_v2(doc, op, &body_params, warnings)?
    } else {
        body::from_v3(doc, op, warnings)?
    };
    if let Some(content_type) = content_type {
        req.headers
            .push(KeyValue::new("Content-Type", content_type));
    }
    req.body = body;
    req.examples = body::examples(doc, op, warnings)?;
    if let Some(accept) = req
        .examples
        .iter()
        .find_map(|e| e.headers.iter().find(|h| h.key == "Content-Type"))
    {
        req.headers
            .push(KeyValue::new("Accept", accept.value.clone()));
    }
    for key in ["callbacks"] {
        if op.get(key).is_some() {
            warnings.push(Warning::new(
                op.path_of(key),
                format!("{key} are not imported"),
            ));
        }
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_become_path_variables() {
        assert_eq!(path_with_vars("/a/{b}/c/{d}"), "/a/:b/c/:d");
        assert_eq!(path_with_vars("/a/{unclosed"), "/a/{unclosed");
        assert_eq!(template_names("/a/{b}/c/{d}"), ["b", "d"]);
    }
}

/// `text` trimmed, unless that leaves nothing.
fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|s| !s.is_empty())
}

/// An operationId as Postman names a request after it: a space between a lower-case letter
/// and a capital (`createUser`: "create User"), before a capital that starts a word after
/// capitals (`NASAMission`: "NASA Mission"), and for each run of underscores before a letter
/// or digit (`create_user`: "create user").
fn spaced(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = String::with_capacity(id.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '_' {
            let mut j = i;
            while j < chars.len() && chars[j] == '_' {
                j += 1;
            }
            match chars.get(j) {
                Some(next) if next.is_ascii_alphanumeric() => {
                    out.push(' ');
                    i = j;
                }
                _ => {
                    out.extend(&chars[i..j]);
                    i = j;
                }
            }
            continue;
        }
        out.push(c);
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        match (next, after) {
            (Some(n), _) if c.is_ascii_lowercase() && n.is_ascii_uppercase() => out.push(' '),
            (Some(n), Some(a))
                if c.is_ascii_uppercase() && n.is_ascii_uppercase() && a.is_ascii_lowercase() =>
            {
                out.push(' ')
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod naming_tests {
    use super::spaced;

    #[test]
    fn operation_ids_are_spaced_as_postman_spaces_them() {
        // The cases of openapi-to-postmanv2's own comments (lib/utils.js insertSpacesInName).
        assert_eq!(spaced("createUser"), "create User");
        assert_eq!(spaced("NASAMission"), "NASA Mission");
        assert_eq!(spaced("create_user"), "create user");
        assert_eq!(spaced("get__all_v2"), "get all v2");
        assert_eq!(spaced("trailing_"), "trailing_");
        assert_eq!(spaced("getHTTPResponseCode"), "get HTTP Response Code");
    }
}
