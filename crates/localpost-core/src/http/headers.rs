//! Request headers: the user's rows rendered, Postman's automatic headers added, all validated.
//!
//! Disabled rows and rows whose key renders empty are dropped; duplicates are kept in order.
//! Automatic headers are appended only when the user (or auth) set none of that name:
//! `Content-Type` from the body mode, `User-Agent: localpost/<version>`, `Accept: */*` and
//! `Accept-Encoding: gzip, deflate, br, zstd` (the engine decodes exactly these). `Host`,
//! `Content-Length` and `Connection` are left to the HTTP client.

use reqwest::header::{HeaderName, HeaderValue};

use super::build::Renderer;
use super::{Header, HttpError, PreparedBody, Result};
use crate::model::KeyValue;

/// The automatic `User-Agent`.
pub const USER_AGENT: &str = concat!("localpost/", env!("CARGO_PKG_VERSION"));

/// The automatic `Accept-Encoding`: the content codings the engine decodes.
pub const ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";

/// The enabled rows rendered, in order.
pub(crate) fn render(rows: &[KeyValue], r: &mut Renderer<'_>) -> Vec<Header> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, row)| row.enabled) {
        let name = r.render(&row.key, || format!("headers[{i}].key"));
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let value = r.render(&row.value, || format!("headers[{i}].value"));
        out.push(Header::new(name, value));
    }
    out
}

/// Appends the automatic headers the user did not set. A user's `multipart/…` content type
/// without a boundary gets the body's boundary, or the server could not split the parts.
pub(crate) fn add_automatic(
    headers: &mut Vec<Header>,
    content_type: Option<String>,
    body: &PreparedBody,
) {
    let has = |headers: &[Header], name: &str| headers.iter().any(|h| h.is_named(name));
    if let Some(user) = headers.iter_mut().find(|h| h.is_named("content-type")) {
        if let PreparedBody::Multipart { boundary, .. } = body {
            let lower = user.value.to_ascii_lowercase();
            if lower.starts_with("multipart/") && !lower.contains("boundary=") {
                user.value = format!("{}; boundary={boundary}", user.value.trim_end());
            }
        }
    } else if let Some(ct) = content_type {
        headers.push(Header::new("Content-Type", ct));
    }
    if !has(headers, "user-agent") {
        headers.push(Header::new("User-Agent", USER_AGENT));
    }
    if !has(headers, "accept") {
        headers.push(Header::new("Accept", "*/*"));
    }
    if !has(headers, "accept-encoding") {
        headers.push(Header::new("Accept-Encoding", ACCEPT_ENCODING));
    }
}

/// Checks every name is an HTTP token and no value holds a line break or control character.
pub(crate) fn validate(headers: &[Header]) -> Result<()> {
    for h in headers {
        to_pair(h)?;
    }
    Ok(())
}

/// The header as reqwest takes it.
pub(crate) fn to_pair(h: &Header) -> Result<(HeaderName, HeaderValue)> {
    let name =
        HeaderName::from_bytes(h.name.as_bytes()).map_err(|_| HttpError::InvalidHeaderName {
            name: h.name.clone(),
        })?;
    let mut value =
        HeaderValue::from_bytes(h.value.as_bytes()).map_err(|_| HttpError::InvalidHeaderValue {
            name: h.name.clone(),
            reason: "it contains a line break or a control character",
        })?;
    value.set_sensitive(h.is_sensitive);
    Ok((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Variables;

    #[test]
    fn rows_are_rendered_in_order_and_disabled_or_empty_ones_dropped() {
        let vars = Variables::new();
        let mut r = Renderer::new(&vars);
        let mut off = KeyValue::new("X-Off", "1");
        off.enabled = false;
        let rows = [
            KeyValue::new("X-A", "1"),
            off,
            KeyValue::new(" ", "ignored"),
            KeyValue::new("X-A", "2"),
            KeyValue::new("X-B", "{{missing}}"),
        ];
        let out = render(&rows, &mut r);
        let names: Vec<_> = out.iter().map(|h| (&*h.name, &*h.value)).collect();
        assert_eq!(names, [("X-A", "1"), ("X-A", "2"), ("X-B", "{{missing}}")]);
        assert_eq!(r.unresolved[0].place, "headers[4].value");
    }

    #[test]
    fn automatic_headers_yield_to_the_users() {
        let mut headers = vec![
            Header::new("user-agent", "mine"),
            Header::new("Content-Type", "multipart/form-data"),
        ];
        let body = PreparedBody::Multipart {
            boundary: "XYZ".into(),
            parts: Vec::new(),
        };
        add_automatic(&mut headers, Some("ignored".into()), &body);
        let names: Vec<_> = headers.iter().map(|h| (&*h.name, &*h.value)).collect();
        assert_eq!(
            names,
            [
                ("user-agent", "mine"),
                ("Content-Type", "multipart/form-data; boundary=XYZ"),
                ("Accept", "*/*"),
                ("Accept-Encoding", ACCEPT_ENCODING),
            ]
        );
    }

    #[test]
    fn invalid_names_and_values_are_named_but_values_never_shown() {
        let e = validate(&[Header::new("Bad Name", "v")]).expect_err("space in name");
        assert_eq!(e.to_string(), "invalid header name \"Bad Name\"");
        let e = validate(&[Header::sensitive("Authorization", "Bearer se\ncret")])
            .expect_err("line break");
        assert_eq!(
            e.to_string(),
            "header Authorization: invalid value (it contains a line break or a control character)"
        );
        assert!(validate(&[Header::new("X-Utf8", "héllo")]).is_ok());
    }
}
