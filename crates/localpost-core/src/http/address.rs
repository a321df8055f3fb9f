//! The URL a request goes to, built the way Postman builds it.
//!
//! - The scheme defaults to `http://` when the URL has none (`localhost:3000/users`).
//! - A path segment `:name` is replaced by the path variable `name`, when one is defined; its
//!   value is percent-encoded except for `/`.
//! - `url` and `params` relate as in Postman, which keeps the two in sync: when the request has
//!   enabled params they are authoritative and replace any query in `url`; otherwise the query in
//!   `url` is sent as written.
//! - Encoding keeps what the user typed: `%` is never re-encoded, so `%20` stays `%20`; spaces,
//!   quotes, `<`, `>`, `#`, non-ASCII text and controls are percent-encoded; in a param value `&`
//!   is encoded too, and in a param key also `=`. A param with an empty value is sent as `key=`.
//! - The fragment (`#…`) is never sent.
//!
//! This module only builds text and parses it with the `url` crate; it does not render variables.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use url::Url;

use super::{HttpError, Result};

/// Encoded in a query parameter value (Postman's set, plus non-ASCII which is always encoded).
const PARAM_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'&')
    .add(b'\'')
    .add(b'<')
    .add(b'>');
/// Encoded in a query parameter key.
const PARAM_KEY: &AsciiSet = &PARAM_VALUE.add(b'=');
/// Encoded in a path variable's value; `/` is kept.
const PATH_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A URL taken apart just enough to apply path variables, params and API-key auth.
#[derive(Debug, Clone)]
pub(crate) struct Address {
    /// `scheme://authority`, as typed (the scheme defaulted).
    base: String,
    /// From the first `/` after the authority, without query or fragment; may be empty.
    path: String,
    /// Query segments (`k=v`, already encoded as they will be sent), in order.
    query: Vec<String>,
}

impl Address {
    /// Splits a rendered URL; only an empty URL fails here, the rest is checked by
    /// [`Address::to_url`].
    pub(crate) fn parse(raw: &str) -> Result<Address> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(HttpError::InvalidUrl {
                url: String::new(),
                reason: "the URL is empty".into(),
                unresolved: Vec::new(),
            });
        }
        let full = if has_scheme(raw) {
            raw.to_string()
        } else {
            format!("http://{raw}")
        };
        let no_fragment = full.split('#').next().unwrap_or_default();
        let (before_query, query) = match no_fragment.split_once('?') {
            Some((before, query)) => (before, Some(query)),
            None => (no_fragment, None),
        };
        let authority_start = before_query.find("://").map_or(0, |i| i + 3);
        let path_start = before_query[authority_start..]
            .find('/')
            .map_or(before_query.len(), |i| authority_start + i);
        Ok(Address {
            base: before_query[..path_start].to_string(),
            path: before_query[path_start..].to_string(),
            query: match query {
                Some(q) if !q.is_empty() => q.split('&').map(str::to_string).collect(),
                _ => Vec::new(),
            },
        })
    }

    /// Replaces each `:name` segment that has a value in `vars` (first match wins).
    pub(crate) fn apply_path_variables(&mut self, vars: &[(String, String)]) {
        if vars.is_empty() {
            return;
        }
        let segments: Vec<String> = self
            .path
            .split('/')
            .map(|segment| {
                let value = segment
                    .strip_prefix(':')
                    .filter(|name| !name.is_empty())
                    .and_then(|name| vars.iter().find(|(k, _)| k == name));
                match value {
                    Some((_, v)) => utf8_percent_encode(v, PATH_VALUE).to_string(),
                    None => segment.to_string(),
                }
            })
            .collect();
        self.path = segments.join("/");
    }

    /// Replaces the query with `params`, encoded.
    pub(crate) fn set_params(&mut self, params: &[(String, String)]) {
        self.query = params.iter().map(|(k, v)| encode_pair(k, v)).collect();
    }

    /// Removes every query parameter named `key` and appends `key=value` (API-key auth).
    pub(crate) fn replace_param(&mut self, key: &str, value: &str) {
        self.query.retain(|segment| {
            let name = segment.split('=').next().unwrap_or_default();
            percent_decode_str(name).decode_utf8_lossy() != key
        });
        self.query.push(encode_pair(key, value));
    }

    /// The text form, before parsing.
    pub(crate) fn to_text(&self) -> String {
        if self.query.is_empty() {
            format!("{}{}", self.base, self.path)
        } else {
            format!("{}{}?{}", self.base, self.path, self.query.join("&"))
        }
    }

    /// Parses the result; the `url` crate percent-encodes what is still invalid and normalises
    /// the host. Only `http` and `https` are accepted.
    pub(crate) fn to_url(&self, unresolved: &[String]) -> Result<Url> {
        let text = self.to_text();
        let invalid = |reason: String| HttpError::InvalidUrl {
            url: redact_userinfo(&text),
            reason,
            unresolved: unresolved.to_vec(),
        };
        // The URL standard reads `http:///x` as host `x`; the user typed no host at all.
        if self.base.ends_with("://") {
            return Err(invalid("no host".into()));
        }
        let url = Url::parse(&text).map_err(|e| invalid(e.to_string()))?;
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(invalid(format!(
                    "unsupported scheme {other:?} (use http or https)"
                )));
            }
        }
        match url.host_str() {
            None | Some("") => return Err(invalid("no host".into())),
            // The URL standard allows braces in a host name; DNS does not, and asking a
            // resolver for `{{host}}` would only leak the request's shape.
            Some(host) if host.contains(['{', '}']) => {
                return Err(invalid(format!("invalid host {host:?}")));
            }
            Some(_) => {}
        }
        Ok(url)
    }
}

/// The forms `value` can take in a URL this module builds: as written, as a path variable (the
/// `url` crate encodes a path the same way), as a query key or value; for hiding it in messages.
pub(crate) fn encoded_forms(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_string()];
    for set in [PATH_VALUE, PARAM_VALUE, PARAM_KEY] {
        let form = utf8_percent_encode(value, set).to_string();
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    // Longest first, so a form that contains another is hidden whole.
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
}

fn encode_pair(key: &str, value: &str) -> String {
    format!(
        "{}={}",
        utf8_percent_encode(key, PARAM_KEY),
        utf8_percent_encode(value, PARAM_VALUE)
    )
}

/// Whether `raw` starts with `scheme://`.
fn has_scheme(raw: &str) -> bool {
    let Some(end) = raw.find("://") else {
        return false;
    };
    let scheme = &raw[..end];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `url` with the password of any `user:password@` replaced by `***`, for messages.
pub(crate) fn redact_userinfo(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let authority = &url[start..end];
    match authority.rfind('@') {
        Some(at) => match authority[..at].split_once(':') {
            Some((user, _password)) => {
                format!("{}{user}:***{}", &url[..start], &url[start + at..])
            }
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    fn build(raw: &str) -> String {
        Address::parse(raw)
            .and_then(|a| a.to_url(&[]))
            .expect("valid")
            .to_string()
    }

    #[test]
    fn scheme_defaults_to_http_and_the_fragment_is_dropped() {
        assert_eq!(
            build("localhost:3000/users#top"),
            "http://localhost:3000/users"
        );
        assert_eq!(build("  https://Example.COM  "), "https://example.com/");
    }

    #[test]
    fn typed_encoding_is_kept_and_invalid_characters_are_encoded() {
        assert_eq!(
            build("http://h/a b/%20x?q=a b&r=%2F&s=é\"<>"),
            "http://h/a%20b/%20x?q=a%20b&r=%2F&s=%C3%A9%22%3C%3E"
        );
        assert_eq!(build("http://h/p?a+b=c+d"), "http://h/p?a+b=c+d");
    }

    #[test]
    fn path_variables_replace_whole_segments_only() {
        let mut a = Address::parse("http://h:8080/users/:id/:missing/x:id/:id").expect("parse");
        a.apply_path_variables(&pairs(&[("id", "4 2/?")]));
        assert_eq!(
            a.to_url(&[]).expect("valid").as_str(),
            "http://h:8080/users/4%202/%3F/:missing/x:id/4%202/%3F"
        );
    }

    #[test]
    fn params_replace_the_query_and_are_encoded_like_postman() {
        let mut a = Address::parse("http://h/p?old=1").expect("parse");
        a.set_params(&pairs(&[("a b", "1&2=3"), ("k=", ""), ("pct", "%41")]));
        assert_eq!(
            a.to_url(&[]).expect("valid").as_str(),
            "http://h/p?a%20b=1%262=3&k%3D=&pct=%41"
        );
    }

    #[test]
    fn replace_param_drops_every_earlier_occurrence() {
        let mut a = Address::parse("http://h/?api%5Fkey=old&x=1&api_key=older").expect("parse");
        a.replace_param("api_key", "new");
        assert_eq!(a.to_text(), "http://h/?x=1&api_key=new");
    }

    #[test]
    fn invalid_urls_name_the_url_without_its_password() {
        let e = Address::parse("http://user:hunter2@{{host}}/x")
            .and_then(|a| a.to_url(&["host".into()]))
            .expect_err("invalid host");
        let msg = e.to_string();
        assert!(!msg.contains("hunter2"), "{msg}");
        assert!(
            msg.starts_with("invalid URL \"http://user:***@{{host}}/x\": "),
            "{msg}"
        );
        assert!(msg.ends_with("(unresolved variables: host)"), "{msg}");
        let e = Address::parse("ftp://h/x")
            .and_then(|a| a.to_url(&[]))
            .expect_err("ftp");
        assert_eq!(
            e.to_string(),
            "invalid URL \"ftp://h/x\": unsupported scheme \"ftp\" (use http or https)"
        );
        let e = Address::parse("http:///users")
            .and_then(|a| a.to_url(&[]))
            .expect_err("no host");
        assert_eq!(e.to_string(), "invalid URL \"http:///users\": no host");
        let e = Address::parse("   ").expect_err("empty");
        assert_eq!(e.to_string(), "invalid URL \"\": the URL is empty");
    }
}
