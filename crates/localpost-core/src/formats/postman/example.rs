//! Saved example responses: a request item's `response[]` entries (`{name, originalRequest,
//! status, code, _postman_previewlanguage, header, cookie, body, …}`).
//!
//! `originalRequest` is kept verbatim (its auth maps converted as a v2.0 request's are), as are
//! cookies, ids and response times; the rest is modelled in [`Example`].

use serde_json::{Value, json};

use super::auth::convert_maps;
use super::error::Result;
use super::fidelity::{Obj, append_rest, from_extra, put_text, take_text, text_of, to_extra};
use super::node::Node;
use super::rows::{read_headers, write_headers};
use crate::model::Example;

/// Reads one `response[]` entry.
pub(crate) fn read(node: &Node<'_>) -> Result<Example> {
    let mut rest = node.object()?.clone();
    let name = take_text(node, &mut rest, "name")?;
    let original_request = rest.shift_remove("originalRequest").map(|mut request| {
        if let Some(auth) = request.get_mut("auth") {
            convert_maps(auth);
        }
        request
    });
    let status = take_text(node, &mut rest, "status")?;
    let code = match node.get("code").and_then(|c| c.value.as_u64()) {
        Some(code) => match u16::try_from(code) {
            Ok(code) => {
                rest.shift_remove("code");
                code
            }
            Err(_) => 0,
        },
        None => 0,
    };
    let preview_language = take_text(node, &mut rest, "_postman_previewlanguage")?;
    let headers = read_headers(node, &mut rest, "header")?;
    let body = match node.get("body") {
        Some(b) if b.value.is_object() || b.value.is_array() => b.value.to_string(),
        _ => take_text(node, &mut rest, "body")?,
    };
    Ok(Example {
        name,
        code,
        status,
        headers,
        body,
        preview_language,
        original_request,
        extra: to_extra(rest),
    })
}

/// Writes one `response[]` entry.
pub(crate) fn write(example: &Example) -> Value {
    let mut hints = from_extra(&example.extra);
    let mut out = Obj::new();
    put_text(&mut out, &mut hints, "name", &example.name, true);
    if let Some(request) = &example.original_request {
        out.insert("originalRequest".into(), request.clone());
    }
    put_text(&mut out, &mut hints, "status", &example.status, false);
    match hints.shift_remove("code") {
        Some(hint) if example.code == 0 => out.insert("code".into(), hint),
        _ if example.code == 0 => None,
        _ => out.insert("code".into(), json!(example.code)),
    };
    let preview = &example.preview_language;
    put_text(
        &mut out,
        &mut hints,
        "_postman_previewlanguage",
        preview,
        false,
    );
    write_headers(&mut out, &mut hints, "header", &example.headers);
    if let Some(cookie) = hints.shift_remove("cookie") {
        out.insert("cookie".into(), cookie);
    }
    match hints.shift_remove("body") {
        Some(h) if text_of(&h).unwrap_or_else(|| h.to_string()) == example.body => {
            out.insert("body".into(), h);
        }
        _ if !example.body.is_empty() => {
            out.insert("body".into(), Value::String(example.body.clone()));
        }
        _ => {}
    }
    append_rest(&mut out, hints);
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_come_back_as_read() {
        for input in [
            json!({
                "id": "ex-1",
                "name": "Created",
                "originalRequest": {"method": "POST", "url": {"raw": "https://x/y"},
                                    "auth": {"type": "bearer", "bearer": [
                                        {"key": "token", "value": "t", "type": "string"}]}},
                "status": "Created",
                "code": 201,
                "_postman_previewlanguage": "json",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "cookie": [],
                "body": "{\"id\":1}",
                "responseTime": null
            }),
            json!({"name": "bare", "status": "", "code": null, "header": null, "body": null,
                   "_postman_previewlanguage": null}),
            json!({"name": "json body", "body": {"ok": true}}),
        ] {
            let example = read(&Node::root(&input)).expect("valid");
            assert_eq!(write(&example), input);
        }
    }

    #[test]
    fn a_v20_original_request_gets_its_auth_as_arrays() {
        let input = json!({"name": "e", "originalRequest": {
            "url": "http://x", "auth": {"type": "basic", "basic": {"username": "u"}}}});
        let example = read(&Node::root(&input)).expect("valid");
        assert_eq!(
            example.original_request.expect("kept")["auth"],
            json!({"type": "basic", "basic": [{"key": "username", "value": "u", "type": "string"}]})
        );
    }
}
