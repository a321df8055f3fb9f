//! Request bodies (`requestBody.content`, Swagger's `in: body` and `in: formData` parameters)
//! and responses (as saved examples), with their example values: `example`, the first of
//! `examples`, else one generated from the schema.

use serde_json::Value;

use super::operation::{Doc, text};
use super::refs::deref;
use super::sample::{given, sample};
use crate::formats::node::Node;
use crate::formats::{Warning, error::Result};
use crate::model::{Body, Example, FormPart, FormValue, KeyValue, RawLanguage};

/// Whether a media type is JSON (`application/json`, `application/problem+json`, …).
fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or(media).trim();
    media == "application/json" || media.ends_with("+json") || media == "*/*"
}

/// The media type to use of those offered, by preference: JSON, forms, XML, text, the first.
fn pick<'k>(types: impl Iterator<Item = &'k String> + Clone) -> Option<&'k String> {
    let mut all = types.clone();
    let first = all.next();
    let rank = |m: &str| {
        if is_json(m) {
            0
        } else if m.starts_with("application/x-www-form-urlencoded") {
            1
        } else if m.starts_with("multipart/form-data") {
            2
        } else if m.contains("xml") {
            3
        } else if m.starts_with("text/") {
            4
        } else {
            5
        }
    };
    types.min_by_key(|m| rank(m)).or(first)
}

/// The example of a media type object (3.x): `example`, the first `examples` entry's value,
/// else one made from `schema`.
fn media_example(doc: &Doc<'_>, media: &Node<'_>, warnings: &mut Vec<Warning>) -> Value {
    if let Some(v) = media.value.get("example") {
        return v.clone();
    }
    if let Some(examples) = media.get("examples")
        && let Some((name, first)) = examples.value.as_object().and_then(|o| o.iter().next())
    {
        let node = Node::at(first, format!("{}.{name}", examples.path()));
        if let Some(example) = deref(doc.root, node, warnings) {
            if let Some(v) = example.value.get("value") {
                return v.clone();
            }
            if example.value.get("externalValue").is_some() {
                warnings.push(Warning::new(
                    example.path_of("externalValue"),
                    "external example is not fetched; one is generated from the schema",
                ));
            }
        }
    }
    match media.get("schema") {
        Some(schema) => sample(doc.root, &schema, warnings),
        None => Value::Null,
    }
}

/// A body of media type `media` holding `example`; `schema` gives multipart parts' kinds.
fn body_for(doc: &Doc<'_>, media: &str, example: &Value, schema: Option<&Value>) -> Body {
    if is_json(media) {
        return Body::Raw {
            text: serde_json::to_string_pretty(example).unwrap_or_default(),
            language: RawLanguage::Json,
        };
    }
    let fields = || -> Vec<(String, String)> {
        match example {
            Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
            _ => Vec::new(),
        }
    };
    if media.starts_with("application/x-www-form-urlencoded") {
        return Body::Urlencoded {
            fields: fields()
                .into_iter()
                .map(|(k, v)| KeyValue::new(k, v))
                .collect(),
        };
    }
    if media.starts_with("multipart/form-data") {
        let resolved = schema.map(|s| match s.get("$ref").and_then(Value::as_str) {
            Some(r) => super::refs::pointer(doc.root, r).map_or(s, |n| n.value),
            None => s,
        });
        let is_file = |key: &str| {
            resolved
                .and_then(|s| s.get("properties")?.get(key))
                .and_then(|p| p.get("format").or_else(|| p.get("type")))
                .and_then(Value::as_str)
                .is_some_and(|f| matches!(f, "binary" | "file"))
        };
        let parts = fields()
            .into_iter()
            .map(|(key, value)| FormPart {
                value: if is_file(&key) {
                    FormValue::File { paths: Vec::new() }
                } else {
                    FormValue::Text { value }
                },
                key,
                content_type: None,
                enabled: true,
                description: String::new(),
                extra: Default::default(),
            })
            .collect();
        return Body::Multipart { parts };
    }
    let language = if media.contains("xml") {
        RawLanguage::Xml
    } else if media.starts_with("text/html") {
        RawLanguage::Html
    } else if media.starts_with("text/") {
        RawLanguage::Text
    } else {
        return Body::Binary {
            path: String::new(),
        };
    };
    let text = match example {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    Body::Raw { text, language }
}

/// The body of a 3.x operation and its media type.
pub(crate) fn from_v3(
    doc: &Doc<'_>,
    op: &Node<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<(Body, Option<String>)> {
    let Some(request_body) = op.get("requestBody") else {
        return Ok((Body::None, None));
    };
    let Some(request_body) = deref(doc.root, request_body, warnings) else {
        return Ok((Body::None, None));
    };
    let Some(content) = request_body.get("content") else {
        return Ok((Body::None, None));
    };
    let types = content.object()?;
    let Some(media) = pick(types.keys()) else {
        return Ok((Body::None, None));
    };
    let node = Node::at(&types[media], content.path_of(media));
    node.object()?;
    let example = media_example(doc, &node, warnings);
    let body = body_for(doc, media, &example, node.value.get("schema"));
    Ok((body, Some(media.clone())))
}

/// The body of a Swagger 2.0 operation from its `body` or `formData` parameters.
pub(crate) fn from_v2(
    doc: &Doc<'_>,
    op: &Node<'_>,
    params: &[Node<'_>],
    warnings: &mut Vec<Warning>,
) -> Result<(Body, Option<String>)> {
    let consumes: Vec<String> = op
        .value
        .get("consumes")
        .or_else(|| doc.root.get("consumes"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if let Some(param) = params
        .iter()
        .find(|p| p.value.get("in") == Some(&"body".into()))
    {
        let media = pick(consumes.iter())
            .cloned()
            .unwrap_or_else(|| "application/json".into());
        let example = given(param.value)
            .or_else(|| param.get("schema").map(|s| sample(doc.root, &s, warnings)))
            .unwrap_or(Value::Null);
        let body = body_for(doc, &media, &example, param.value.get("schema"));
        return Ok((body, Some(media)));
    }
    let form: Vec<&Node<'_>> = params
        .iter()
        .filter(|p| p.value.get("in") == Some(&"formData".into()))
        .collect();
    if form.is_empty() {
        return Ok((Body::None, None));
    }
    let multipart = consumes.iter().any(|c| c.starts_with("multipart/"))
        || form
            .iter()
            .any(|p| p.value.get("type") == Some(&"file".into()));
    let mut fields = Vec::new();
    let mut parts = Vec::new();
    for p in form {
        let key = p.require("name", "a string")?.str()?.to_string();
        let value = text(&given(p.value).unwrap_or_else(|| sample(doc.root, p, warnings)));
        let enabled = p.value.get("required").and_then(Value::as_bool) == Some(true);
        if multipart {
            let file = p.value.get("type") == Some(&"file".into());
            parts.push(FormPart {
                key,
                value: if file {
                    FormValue::File { paths: Vec::new() }
                } else {
                    FormValue::Text { value }
                },
                content_type: None,
                enabled,
                description: p.opt_str("description")?.unwrap_or_default().to_string(),
                extra: Default::default(),
            });
        } else {
            fields.push(KeyValue {
                enabled,
                description: p.opt_str("description")?.unwrap_or_default().to_string(),
                ..KeyValue::new(key, value)
            });
        }
    }
    Ok(if multipart {
        (
            Body::Multipart { parts },
            Some("multipart/form-data".into()),
        )
    } else {
        (
            Body::Urlencoded { fields },
            Some("application/x-www-form-urlencoded".into()),
        )
    })
}

/// The documented responses with a numeric status, as saved examples.
pub(crate) fn examples(
    doc: &Doc<'_>,
    op: &Node<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Example>> {
    let Some(responses) = op.get("responses") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (code, response) in responses.object()? {
        let Ok(status) = code.parse::<u16>() else {
            continue;
        };
        let node = Node::at(response, responses.path_of(code));
        let Some(node) = deref(doc.root, node, warnings) else {
            continue;
        };
        node.object()?;
        let (media, value) = if doc.v2 {
            let given = node
                .value
                .get("examples")
                .and_then(Value::as_object)
                .and_then(|e| e.iter().next());
            match (given, node.get("schema")) {
                (Some((media, value)), _) => (Some(media.clone()), value.clone()),
                (None, Some(schema)) => (
                    Some("application/json".into()),
                    sample(doc.root, &schema, warnings),
                ),
                (None, None) => (None, Value::Null),
            }
        } else {
            match node.get("content") {
                Some(content) => match pick(content.object()?.keys()) {
                    Some(media) => {
                        let m = Node::at(&content.value[media], content.path_of(media));
                        (Some(media.clone()), media_example(doc, &m, warnings))
                    }
                    None => (None, Value::Null),
                },
                None => (None, Value::Null),
            }
        };
        let (body, language) = match &media {
            Some(m) if is_json(m) => (
                serde_json::to_string_pretty(&value).unwrap_or_default(),
                "json",
            ),
            Some(m) => (
                value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| text(&value)),
                if m.contains("xml") { "xml" } else { "text" },
            ),
            None => (String::new(), "text"),
        };
        out.push(Example {
            name: node
                .opt_str("description")?
                .filter(|d| !d.is_empty())
                .unwrap_or(code)
                .to_string(),
            code: status,
            headers: media
                .map(|m| vec![KeyValue::new("Content-Type", m)])
                .unwrap_or_default(),
            body,
            preview_language: language.into(),
            ..Example::default()
        });
    }
    Ok(out)
}
