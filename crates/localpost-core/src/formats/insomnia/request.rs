//! An Insomnia request (v4 resource or v5 item: the same members) as our request, and
//! environment data as variables.

use serde_json::Value;

use super::auth;
use super::template::convert;
use crate::formats::node::Node;
use crate::formats::{Warning, error::Result};
use crate::model::{
    Body, FormPart, FormValue, KeyValue, MessageKind, Protocol, RawLanguage, Request, Variable,
    WebSocketMessage,
};

/// Text member `key`, templates converted.
pub(crate) fn text(node: &Node<'_>, key: &str, warnings: &mut Vec<Warning>) -> Result<String> {
    Ok(match node.opt_str(key)? {
        Some(s) => convert(s, &node.path_of(key), warnings),
        None => String::new(),
    })
}

/// Rows `[{name, value, disabled, description}]` of member `key`.
pub(crate) fn rows(
    node: &Node<'_>,
    key: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<KeyValue>> {
    let mut out = Vec::new();
    for row in node.opt_array(key)? {
        row.object()?;
        out.push(KeyValue {
            key: text(&row, "name", warnings)?,
            value: text(&row, "value", warnings)?,
            enabled: row.value.get("disabled").and_then(Value::as_bool) != Some(true),
            description: row.opt_str("description")?.unwrap_or_default().to_string(),
            extra: Default::default(),
        });
    }
    Ok(out)
}

fn body(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Body> {
    let Some(b) = node.get("body") else {
        return Ok(Body::None);
    };
    let object = b.object()?;
    if object.is_empty() {
        return Ok(Body::None);
    }
    let mime = b.opt_str("mimeType")?.unwrap_or_default();
    let mime = mime.split(';').next().unwrap_or(mime).trim();
    Ok(match mime {
        "application/x-www-form-urlencoded" => Body::Urlencoded {
            fields: rows(&b, "params", warnings)?,
        },
        "multipart/form-data" => {
            let mut parts = Vec::new();
            for p in b.opt_array("params")? {
                p.object()?;
                let file = p.opt_str("type")? == Some("file");
                parts.push(FormPart {
                    key: text(&p, "name", warnings)?,
                    value: if file {
                        let path = p.opt_str("fileName")?.unwrap_or_default();
                        FormValue::File {
                            paths: if path.is_empty() {
                                Vec::new()
                            } else {
                                vec![path.into()]
                            },
                        }
                    } else {
                        FormValue::Text {
                            value: text(&p, "value", warnings)?,
                        }
                    },
                    content_type: None,
                    enabled: p.value.get("disabled").and_then(Value::as_bool) != Some(true),
                    description: p.opt_str("description")?.unwrap_or_default().to_string(),
                    extra: Default::default(),
                });
            }
            Body::Multipart { parts }
        }
        "application/graphql" => {
            let raw = text(&b, "text", warnings)?;
            let parsed: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
            let variables = match parsed.get("variables") {
                None | Some(Value::Null) => String::new(),
                Some(v) => serde_json::to_string_pretty(v).unwrap_or_default(),
            };
            Body::Graphql {
                query: parsed
                    .get("query")
                    .and_then(Value::as_str)
                    .unwrap_or(&raw)
                    .to_string(),
                variables,
                operation_name: parsed
                    .get("operationName")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            }
        }
        _ if b.opt_str("fileName")?.is_some() => Body::Binary {
            path: b.opt_str("fileName")?.unwrap_or_default().to_string(),
        },
        _ => {
            let language = if mime == "application/json" || mime.ends_with("+json") {
                RawLanguage::Json
            } else if mime.contains("xml") {
                RawLanguage::Xml
            } else if mime == "text/html" {
                RawLanguage::Html
            } else {
                RawLanguage::Text
            };
            Body::Raw {
                text: text(&b, "text", warnings)?,
                language,
            }
        }
    })
}

/// Appends the enabled `params` to `url` as a query string.
fn with_query(url: &str, params: &[KeyValue]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|p| p.enabled)
        .map(|p| {
            if p.value.is_empty() {
                p.key.clone()
            } else {
                format!("{}={}", p.key, p.value)
            }
        })
        .collect();
    if query.is_empty() {
        return url.to_string();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{}", query.join("&"))
}

/// Warnings for members that hold scripts or settings we do not import.
fn unsupported(node: &Node<'_>, warnings: &mut Vec<Warning>) {
    for key in ["preRequestScript", "afterResponseScript", "scripts"] {
        if let Some(v) = node.get(key)
            && v.value.as_str() != Some("")
            && !v.value.is_null()
            && v.value
                .as_object()
                .is_none_or(|o| o.values().any(|s| s.as_str() != Some("")))
        {
            warnings.push(Warning::new(
                v.path(),
                "Insomnia scripts are not imported (they use Insomnia's own API)",
            ));
        }
    }
}

/// The request at `node`.
pub(crate) fn read(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Request> {
    node.object()?;
    let method = node.opt_str("method")?.unwrap_or("GET").to_string();
    let params = rows(node, "parameters", warnings)?;
    let url = with_query(&text(node, "url", warnings)?, &params);
    let mut req = Request::unsaved(method, url);
    req.name = node
        .opt_str("name")?
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("Untitled request")
        .to_string();
    // v4 has `description`; v5 keeps it in `meta`.
    let meta_description = match node.get("meta") {
        Some(meta) => meta.opt_str("description")?,
        None => None,
    };
    req.description = node
        .opt_str("description")?
        .or(meta_description)
        .unwrap_or_default()
        .to_string();
    req.params = params;
    req.headers = rows(node, "headers", warnings)?;
    req.body = body(node, warnings)?;
    req.auth = auth::read(node, warnings);
    let setting = |key: &str| {
        node.value
            .get(key)
            .or_else(|| node.value.get("settings").and_then(|s| s.get(key)))
    };
    match setting("settingFollowRedirects").or_else(|| setting("followRedirects")) {
        Some(Value::String(s)) if s == "on" => req.settings.follow_redirects = Some(true),
        Some(Value::String(s)) if s == "off" => req.settings.follow_redirects = Some(false),
        Some(Value::Bool(b)) => req.settings.follow_redirects = Some(*b),
        _ => {}
    }
    // v4 has `settingSendCookies`; v5 has `settings.cookies.send`.
    let send_cookies = setting("settingSendCookies").or_else(|| {
        node.value
            .get("settings")
            .and_then(|s| s.get("cookies"))
            .and_then(|c| c.get("send"))
    });
    if let Some(Value::Bool(false)) = send_cookies {
        req.settings.use_cookies = Some(false);
    }
    unsupported(node, warnings);
    Ok(req)
}

/// The WebSocket request at `node` (a v4 `websocket_request`, or a v5 item whose id starts
/// `ws-req`): URL, query, headers, auth and settings as for a request, and each of
/// `payloads` (v4 `websocket_payload`s: `value`, and `mode` `application/json` or
/// `text/plain`) as a saved message. Empty payloads are left out.
pub(crate) fn read_websocket(
    node: &Node<'_>,
    payloads: &[Node<'_>],
    warnings: &mut Vec<Warning>,
) -> Result<Request> {
    let mut req = read(node, warnings)?;
    req.protocol = Protocol::WebSocket;
    req.method = "GET".to_string();
    req.body = Body::None;
    for payload in payloads {
        payload.object()?;
        let value = text(payload, "value", warnings)?;
        if value.trim().is_empty() {
            continue;
        }
        let kind = match payload.opt_str("mode")? {
            Some(mode) if mode.contains("json") => MessageKind::Json,
            _ => MessageKind::Text,
        };
        req.messages.push(WebSocketMessage::new(kind, value));
    }
    Ok(req)
}

/// Environment `data` as variables: nested objects flattened to `a.b` keys (as `{{ _.a.b }}`
/// reads them), other values as their JSON text.
pub(crate) fn variables(data: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Vec<Variable>> {
    /// Adds the variables of `node` (its value at key `prefix`) to `out`.
    fn walk(prefix: &str, node: &Node<'_>, out: &mut Vec<Variable>, w: &mut Vec<Warning>) {
        match node.value {
            Value::Object(o) => {
                for k in o.keys() {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    if let Some(child) = node.get(k) {
                        walk(&key, &child, out, w);
                    }
                }
            }
            other => out.push(Variable {
                key: prefix.to_string(),
                value: match other {
                    Value::String(s) => convert(s, &node.path(), w),
                    Value::Null => String::new(),
                    v => v.to_string(),
                },
                ..Variable::default()
            }),
        }
    }
    data.object()?;
    let mut out = Vec::new();
    walk("", data, &mut out, warnings);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabled_parameters_join_the_url() {
        let params = vec![
            KeyValue::new("a", "1"),
            KeyValue {
                enabled: false,
                ..KeyValue::new("b", "2")
            },
            KeyValue::new("flag", ""),
        ];
        assert_eq!(with_query("http://x/p", &params), "http://x/p?a=1&flag");
        assert_eq!(
            with_query("http://x/p?z=0", &params[..1]),
            "http://x/p?z=0&a=1"
        );
    }
}
