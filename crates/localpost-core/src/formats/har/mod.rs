//! HTTP archives (HAR 1.2, as browsers' developer tools save them) as a collection: one request
//! per `log.entries[]` entry, named `METHOD path`, with the response saved as an example.
//!
//! Kept: the method, the URL as recorded (its query as rows, from `queryString` or the URL),
//! headers, and `postData` (its `params` as a form when it has them, else its `text` as a raw
//! body). Left out on purpose: HTTP/2 pseudo-headers (`:authority`), headers the client sets
//! itself (`Host`, `Content-Length`, `Connection`, …) and `cookies[]` when a `Cookie` header
//! already carries them (else they become one). A response body recorded in base64 is kept when
//! it is text; otherwise the example has no body and a warning says so.

use base64::Engine as _;
use serde_json::Value;

use super::Parsed;
use super::node::Node;
use super::{Format, ImportError, Warning, error::Result};
use crate::model::{
    Body, Collection, CollectionId, Example, FormPart, FormValue, KeyValue, RawLanguage, Request,
    RequestSettings, Scripts, WorkspaceId,
};
use crate::store::{CollectionImport, NodeImport};

/// Headers the client computes itself, never copied from a recording.
const DROPPED: [&str; 8] = [
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "upgrade",
    "te",
    "proxy-connection",
];

/// Reads the archive; its collection is named after `log.pages[0].title`, else `name`.
pub fn read(source: &str, value: &Value, name: &str) -> Result<Parsed> {
    let root = Node::root(value);
    let log = root.require("log", "an object")?;
    log.object()?;
    if let Some(version) = log.opt_str("version")?
        && !version.starts_with('1')
    {
        return Err(ImportError::UnsupportedVersion {
            path: log.path_of("version"),
            found: version.to_string(),
        });
    }
    let mut warnings = Vec::new();
    let mut children = Vec::new();
    for entry in log.require("entries", "an array")?.array()? {
        entry.object()?;
        let request = entry.require("request", "an object")?;
        let mut req = read_request(&request, &mut warnings)?;
        if let Some(response) = entry.get("response") {
            req.examples.push(read_response(&response, &mut warnings)?);
        }
        children.push(NodeImport::Request(req));
    }
    let title = log
        .opt_array("pages")?
        .first()
        .map(|p| p.opt_str("title"))
        .transpose()?
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(name);
    let collection = Collection {
        id: CollectionId(0),
        workspace_id: WorkspaceId(0),
        name: if title.trim().is_empty() {
            "HAR import"
        } else {
            title
        }
        .to_string(),
        position: 0,
        description: String::new(),
        auth: Default::default(),
        scripts: Scripts::default(),
        variables: Vec::new(),
        settings: RequestSettings::default(),
        extra: Default::default(),
    };
    Ok(Parsed::from_collection(
        source,
        Format::Har,
        CollectionImport {
            collection,
            children,
        },
        warnings,
    ))
}

/// `[{name, value}]` rows of member `key`.
fn pairs(node: &Node<'_>, key: &str) -> Result<Vec<KeyValue>> {
    let mut out = Vec::new();
    for row in node.opt_array(key)? {
        row.object()?;
        let name = row.require("name", "a string")?.str()?;
        let value = row.opt_str("value")?.unwrap_or_default();
        out.push(KeyValue::new(name, value));
    }
    Ok(out)
}

/// The path of a URL (`/a/b` of `https://h/a/b?q`), for the request's name.
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("/")
}

fn read_request(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Request> {
    node.object()?;
    let method = node.require("method", "a string")?.str()?;
    let url = node.require("url", "a string")?.str()?;
    let mut req = Request::unsaved(method, url);
    req.name = format!("{method} {}", path_of(url));
    req.params = pairs(node, "queryString")?;
    if req.params.is_empty()
        && let Ok(parsed) = url::Url::parse(url)
    {
        req.params = parsed
            .query_pairs()
            .map(|(k, v)| KeyValue::new(k, v))
            .collect();
    }
    let mut headers = pairs(node, "headers")?;
    headers.retain(|h| {
        !h.key.starts_with(':') && !DROPPED.contains(&h.key.to_ascii_lowercase().as_str())
    });
    let has_cookie = headers.iter().any(|h| h.key.eq_ignore_ascii_case("cookie"));
    let cookies = pairs(node, "cookies")?;
    if !has_cookie && !cookies.is_empty() {
        let value = cookies
            .iter()
            .map(|c| format!("{}={}", c.key, c.value))
            .collect::<Vec<_>>()
            .join("; ");
        headers.push(KeyValue::new("Cookie", value));
    }
    req.headers = headers;
    if let Some(post) = node.get("postData") {
        req.body = read_body(&post, warnings)?;
    }
    Ok(req)
}

fn read_body(post: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Body> {
    post.object()?;
    let mime = post.opt_str("mimeType")?.unwrap_or_default();
    let params = post.opt_array("params")?;
    if !params.is_empty() {
        if mime.starts_with("multipart/") {
            let mut parts = Vec::new();
            for p in &params {
                let key = p.require("name", "a string")?.str()?.to_string();
                let value = match p.opt_str("fileName")? {
                    Some(file) => {
                        warnings.push(Warning::new(
                            p.path(),
                            format!(
                                "the file {file} of part {key} was not recorded; choose it again"
                            ),
                        ));
                        FormValue::File { paths: Vec::new() }
                    }
                    None => FormValue::Text {
                        value: p.opt_str("value")?.unwrap_or_default().to_string(),
                    },
                };
                parts.push(FormPart {
                    key,
                    value,
                    content_type: p.opt_str("contentType")?.map(str::to_string),
                    enabled: true,
                    description: String::new(),
                    extra: Default::default(),
                });
            }
            return Ok(Body::Multipart { parts });
        }
        return Ok(Body::Urlencoded {
            fields: pairs(post, "params")?,
        });
    }
    let text = post.opt_str("text")?.unwrap_or_default().to_string();
    let language = if mime.contains("json") {
        RawLanguage::Json
    } else if mime.contains("xml") {
        RawLanguage::Xml
    } else if mime.starts_with("text/html") {
        RawLanguage::Html
    } else if mime.contains("javascript") {
        RawLanguage::Javascript
    } else {
        RawLanguage::Text
    };
    Ok(Body::Raw { text, language })
}

fn read_response(node: &Node<'_>, warnings: &mut Vec<Warning>) -> Result<Example> {
    node.object()?;
    let code = node
        .value
        .get("status")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let status = node.opt_str("statusText")?.unwrap_or_default().to_string();
    let mut headers = pairs(node, "headers")?;
    headers.retain(|h| !h.key.starts_with(':'));
    let mut body = String::new();
    let mut mime = String::new();
    if let Some(content) = node.get("content") {
        content.object()?;
        mime = content.opt_str("mimeType")?.unwrap_or_default().to_string();
        let text = content.opt_str("text")?.unwrap_or_default();
        if content.opt_str("encoding")? == Some("base64") {
            match base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            {
                Some(decoded) => body = decoded,
                None => warnings.push(Warning::new(
                    content.path_of("text"),
                    "binary response body is not kept",
                )),
            }
        } else {
            body = text.to_string();
        }
    }
    let preview_language = if mime.contains("json") {
        "json"
    } else if mime.contains("xml") {
        "xml"
    } else if mime.contains("html") {
        "html"
    } else {
        "text"
    };
    Ok(Example {
        name: if status.is_empty() {
            code.to_string()
        } else {
            format!("{code} {status}")
        },
        code: u16::try_from(code).unwrap_or(0),
        status,
        headers,
        body,
        preview_language: preview_language.into(),
        ..Example::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_use_the_path() {
        assert_eq!(path_of("https://h.test/a/b?c=1#x"), "/a/b");
        assert_eq!(path_of("https://h.test"), "/");
        assert_eq!(path_of("/rel?x"), "/rel");
    }
}
