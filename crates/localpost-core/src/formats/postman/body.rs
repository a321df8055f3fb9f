//! A request's `body`: modes raw, urlencoded, formdata, file and graphql, with their `options`.
//!
//! `options` and `disabled` are kept as they were read (the raw language, which the model holds,
//! is written into `options.raw.language` when it changes). A body in a mode the model does not
//! have is kept whole and written back as it was, with a warning: it is not sent.

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{
    Obj, append_rest, from_extra, put_description, put_disabled, put_list, put_text,
    take_description, take_disabled, take_list, take_text, text_of, to_extra,
};
use super::node::Node;
use super::report::Warning;
use super::rows::{read_rows, write_row};
use crate::model::{Body, FormPart, FormValue, RawLanguage};

/// Reads member `body` of a request object.
pub(crate) fn read(
    request: &Node<'_>,
    rest: &mut Obj,
    warnings: &mut Vec<Warning>,
) -> Result<Body> {
    let Some(node) = request.get("body") else {
        return Ok(Body::None);
    };
    if node.value.is_null() {
        return Ok(Body::None);
    }
    let mut hint = node.object()?.clone();
    rest.shift_remove("body");
    let mode = node.opt_str("mode")?;
    let body = match mode {
        Some("raw") => Body::Raw {
            text: take_text(&node, &mut hint, "raw")?,
            language: language_of(hint.get("options")),
        },
        Some("urlencoded") => Body::Urlencoded {
            fields: read_rows(&take_list(&node, &mut hint, "urlencoded")?.unwrap_or_default())?,
        },
        Some("formdata") => Body::Multipart {
            parts: take_list(&node, &mut hint, "formdata")?
                .unwrap_or_default()
                .iter()
                .map(read_part)
                .collect::<Result<_>>()?,
        },
        Some("file") => Body::Binary {
            path: read_member(&node, &mut hint, "file", |file, file_rest| {
                take_text(file, file_rest, "src")
            })?
            .unwrap_or_default(),
        },
        Some("graphql") => {
            read_member(&node, &mut hint, "graphql", read_graphql)?.unwrap_or(Body::Graphql {
                query: String::new(),
                variables: String::new(),
                operation_name: None,
            })
        }
        Some(other) => {
            warnings.push(Warning::new(
                node.path(),
                format!("body mode {other:?} is not supported: kept for export, not sent"),
            ));
            rest.insert("body".into(), Value::Object(hint));
            return Ok(Body::None);
        }
        None => {
            rest.insert("body".into(), Value::Object(hint));
            return Ok(Body::None);
        }
    };
    hint.shift_remove("mode");
    if !hint.is_empty() {
        rest.insert("body".into(), Value::Object(hint));
    }
    Ok(body)
}

/// Reads object member `key` of `node` with `read`, leaving what it does not take (if
/// anything) in place of the member in `hint`. `None` when the member is missing or null.
fn read_member<'a, T>(
    node: &Node<'a>,
    hint: &mut Obj,
    key: &str,
    read: impl FnOnce(&Node<'a>, &mut Obj) -> Result<T>,
) -> Result<Option<T>> {
    let Some(member) = node.get(key) else {
        return Ok(None);
    };
    if member.value.is_null() {
        return Ok(None);
    }
    let mut member_rest = member.object()?.clone();
    let value = read(&member, &mut member_rest)?;
    hint.shift_remove(key);
    if !member_rest.is_empty() {
        hint.insert(key.into(), Value::Object(member_rest));
    }
    Ok(Some(value))
}

fn read_graphql(node: &Node<'_>, rest: &mut Obj) -> Result<Body> {
    let query = take_text(node, rest, "query")?;
    let variables = match node.get("variables") {
        Some(v) if v.value.is_object() || v.value.is_array() => v.value.to_string(),
        _ => take_text(node, rest, "variables")?,
    };
    let operation_name = take_text(node, rest, "operationName")?;
    Ok(Body::Graphql {
        query,
        variables,
        operation_name: (!operation_name.is_empty()).then_some(operation_name),
    })
}

/// The raw language `options.raw.language` names; text when none or unknown.
fn language_of(options: Option<&Value>) -> RawLanguage {
    let name = options
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(Value::as_str);
    match name {
        Some("json") => RawLanguage::Json,
        Some("xml") => RawLanguage::Xml,
        Some("html") => RawLanguage::Html,
        Some("javascript") => RawLanguage::Javascript,
        _ => RawLanguage::Text,
    }
}

fn language_name(language: &RawLanguage) -> &'static str {
    match language {
        RawLanguage::Text => "text",
        RawLanguage::Json => "json",
        RawLanguage::Xml => "xml",
        RawLanguage::Html => "html",
        RawLanguage::Javascript => "javascript",
    }
}

fn read_part(node: &Node<'_>) -> Result<FormPart> {
    let mut rest = node.object()?.clone();
    let key = take_text(node, &mut rest, "key")?;
    let value = match node.opt_str("type")? {
        Some("file") => {
            rest.shift_remove("type");
            FormValue::File {
                paths: read_src(node, &mut rest)?,
            }
        }
        kind => {
            if kind == Some("text") {
                rest.shift_remove("type");
            }
            FormValue::Text {
                value: take_text(node, &mut rest, "value")?,
            }
        }
    };
    let content_type = take_text(node, &mut rest, "contentType")?;
    let description = take_description(node, &mut rest, "description")?;
    let enabled = take_disabled(node, &mut rest)?;
    Ok(FormPart {
        key,
        value,
        content_type: (!content_type.is_empty()).then_some(content_type),
        enabled,
        description,
        extra: to_extra(rest),
    })
}

/// Paths a file part names in `src`: a string, an array of strings, or `null`.
fn paths_of(src: &Value) -> Option<Vec<String>> {
    match src {
        Value::Null => Some(Vec::new()),
        Value::String(s) if s.is_empty() => Some(Vec::new()),
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items.iter().map(|i| i.as_str().map(String::from)).collect(),
        _ => None,
    }
}

/// Reads `src`; a form the writer would not choose (`null`, `""`, a one-path array) stays as a
/// hint.
fn read_src(node: &Node<'_>, rest: &mut Obj) -> Result<Vec<String>> {
    let Some(src) = node.get("src") else {
        return Ok(Vec::new());
    };
    let paths = paths_of(src.value).ok_or_else(|| src.error("a string or an array of strings"))?;
    let default_form = match paths.as_slice() {
        [one] => src.value.as_str() == Some(one),
        [] => false,
        _ => true,
    };
    if default_form {
        rest.shift_remove("src");
    }
    Ok(paths)
}

fn write_part(part: &FormPart) -> Value {
    let mut hints = from_extra(&part.extra);
    let mut out = Obj::new();
    put_text(&mut out, &mut hints, "key", &part.key, true);
    match &part.value {
        FormValue::Text { value } => {
            put_text(&mut out, &mut hints, "value", value, true);
            out.insert("type".into(), json!("text"));
        }
        FormValue::File { paths } => {
            let hint = hints.shift_remove("src");
            let src = match (hint, paths.as_slice()) {
                (Some(h), _) if paths_of(&h).as_ref() == Some(paths) => Some(h),
                (_, []) => None,
                (_, [one]) => Some(json!(one)),
                (_, many) => Some(json!(many)),
            };
            if let Some(src) = src {
                out.insert("src".into(), src);
            }
            out.insert("type".into(), json!("file"));
        }
    }
    let content_type = part.content_type.as_deref().unwrap_or_default();
    put_text(&mut out, &mut hints, "contentType", content_type, false);
    put_description(&mut out, &mut hints, "description", &part.description);
    put_disabled(&mut out, &mut hints, part.enabled);
    append_rest(&mut out, hints);
    Value::Object(out)
}

/// Writes member `body` from the model and its hint.
pub(crate) fn write(out: &mut Obj, hints: &mut Obj, body: &Body) {
    let hint = hints.shift_remove("body");
    let mut b = match (body, hint) {
        (Body::None, Some(hint)) => {
            out.insert("body".into(), hint);
            return;
        }
        (Body::None, None) => return,
        (_, Some(Value::Object(o))) => o,
        (_, _) => Obj::new(),
    };
    let mut o = Obj::new();
    match body {
        Body::None => {}
        Body::Raw { text, language } => {
            o.insert("mode".into(), json!("raw"));
            put_text(&mut o, &mut b, "raw", text, true);
            put_options(&mut o, &mut b, language);
        }
        Body::Urlencoded { fields } => {
            o.insert("mode".into(), json!("urlencoded"));
            put_list(
                &mut o,
                &mut b,
                "urlencoded",
                fields.iter().map(write_row).collect(),
            );
        }
        Body::Multipart { parts } => {
            o.insert("mode".into(), json!("formdata"));
            put_list(
                &mut o,
                &mut b,
                "formdata",
                parts.iter().map(write_part).collect(),
            );
        }
        Body::Binary { path } => {
            o.insert("mode".into(), json!("file"));
            let mut file = take_object(&mut b, "file");
            let mut f = Obj::new();
            put_text(&mut f, &mut file, "src", path, false);
            append_rest(&mut f, file);
            o.insert("file".into(), Value::Object(f));
        }
        Body::Graphql {
            query,
            variables,
            operation_name,
        } => {
            o.insert("mode".into(), json!("graphql"));
            let mut hint = take_object(&mut b, "graphql");
            let mut g = Obj::new();
            put_text(&mut g, &mut hint, "query", query, true);
            match hint.shift_remove("variables") {
                Some(h) if json_text(&h) == *variables => {
                    g.insert("variables".into(), h);
                }
                _ if !variables.is_empty() => {
                    g.insert("variables".into(), json!(variables));
                }
                _ => {}
            }
            let operation = operation_name.as_deref().unwrap_or_default();
            put_text(&mut g, &mut hint, "operationName", operation, false);
            append_rest(&mut g, hint);
            o.insert("graphql".into(), Value::Object(g));
        }
    }
    append_rest(&mut o, b);
    out.insert("body".into(), Value::Object(o));
}

/// Object member `key` taken out of `hints`; empty when missing or not an object.
fn take_object(hints: &mut Obj, key: &str) -> Obj {
    match hints.shift_remove(key) {
        Some(Value::Object(o)) => o,
        _ => Obj::new(),
    }
}

/// GraphQL variables as the model holds them: text as is, JSON values as compact JSON.
fn json_text(value: &Value) -> String {
    text_of(value).unwrap_or_else(|| value.to_string())
}

/// Writes `options`, with `options.raw.language` set to `language` when the hint says
/// otherwise.
fn put_options(o: &mut Obj, hints: &mut Obj, language: &RawLanguage) {
    let hint = hints.shift_remove("options");
    match hint {
        Some(h) if language_of(Some(&h)) == *language => {
            o.insert("options".into(), h);
        }
        Some(Value::Object(mut opts)) => {
            let raw = opts.entry("raw").or_insert_with(|| json!({}));
            if !raw.is_object() {
                *raw = json!({});
            }
            if let Some(raw) = raw.as_object_mut() {
                raw.insert("language".into(), json!(language_name(language)));
            }
            o.insert("options".into(), Value::Object(opts));
        }
        _ if *language != RawLanguage::Text => {
            let name = language_name(language);
            o.insert("options".into(), json!({"raw": {"language": name}}));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(body: Value) -> (Body, Value, Vec<Warning>) {
        let request = json!({ "body": body });
        let node = Node::root(&request);
        let mut rest = request.as_object().cloned().unwrap_or_default();
        let mut warnings = Vec::new();
        let model = read(&node, &mut rest, &mut warnings).expect("valid body");
        let mut out = Obj::new();
        write(&mut out, &mut rest, &model);
        (
            model,
            out.shift_remove("body").unwrap_or(Value::Null),
            warnings,
        )
    }

    #[test]
    fn every_mode_comes_back_as_read() {
        for body in [
            json!({"mode": "raw", "raw": "{\"a\":1}", "options": {"raw": {"language": "json"}}}),
            json!({"mode": "raw", "raw": "", "disabled": true}),
            json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1", "type": "text"}]}),
            json!({"mode": "formdata", "formdata": [
                {"key": "t", "value": "v", "type": "text", "contentType": "text/plain"},
                {"key": "f", "src": "/tmp/a.png", "type": "file"},
                {"key": "g", "src": ["/tmp/b", "/tmp/c"], "type": "file", "disabled": true},
                {"key": "h", "src": ["/tmp/d"], "type": "file"},
                {"key": "i", "src": null, "type": "file"}
            ]}),
            json!({"mode": "file", "file": {"src": "/tmp/upload.bin"}}),
            json!({"mode": "graphql", "graphql": {"query": "{ me }", "variables": "{\"x\":1}"}}),
            json!({"mode": "graphql", "graphql": {"query": "q", "variables": {"x": 1},
                                                  "operationName": "Op"}}),
            json!({}),
        ] {
            let (_, back, warnings) = round_trip(body.clone());
            assert_eq!(back, body);
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    #[test]
    fn an_unknown_mode_is_kept_whole_with_a_warning() {
        let body = json!({"mode": "binary-stream", "stream": "x"});
        let (model, back, warnings) = round_trip(body.clone());
        assert_eq!((model, back), (Body::None, body));
        assert_eq!(
            warnings[0].message,
            "body mode \"binary-stream\" is not supported: kept for export, not sent"
        );
    }

    #[test]
    fn a_changed_language_is_written_into_the_options() {
        let mut out = Obj::new();
        let mut hints = Obj::new();
        hints.insert(
            "body".into(),
            json!({"options": {"raw": {"language": "json"}, "x": 1}}),
        );
        let body = Body::Raw {
            text: "<a/>".into(),
            language: RawLanguage::Xml,
        };
        write(&mut out, &mut hints, &body);
        assert_eq!(
            out["body"],
            json!({"mode": "raw", "raw": "<a/>", "options": {"raw": {"language": "xml"}, "x": 1}})
        );
    }
}
