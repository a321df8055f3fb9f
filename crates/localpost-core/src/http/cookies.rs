//! The engine's side of cookies: reqwest asks a [`CookieJar`] for the `Cookie` header of each
//! request (redirects included) and hands it every `Set-Cookie` it receives.
//!
//! Clients are pooled per transport settings, but jars are per workspace and a request may
//! turn cookies off, so every client carries the same [`Provider`], which forwards to the jar
//! the current send runs with ([`with_jar`]); a send outside `with_jar` has no jar. reqwest
//! calls the provider while the send's future is polled, so a task-local is the right scope.
//!
//! [`ResponseCookie`] is the plain-data view of the cookies a response set. This module does not
//! decide domain, path or expiry matching (the jar does, see [`crate::cookies`]) and does not
//! store anything.

use std::future::Future;
use std::sync::Arc;

use reqwest::header::HeaderValue;
use serde::Serialize;
use ts_rs::TS;
use url::Url;

use super::Header;

/// A cookie jar the engine can use during a send.
pub trait CookieJar: Send + Sync {
    /// The `Cookie` header value for a request to `url`, if any cookie applies.
    fn header_for(&self, url: &Url) -> Option<String>;
    /// Takes the `Set-Cookie` header values of a response from `url`.
    fn store(&self, set_cookies: &[String], url: &Url);
}

tokio::task_local! {
    static JAR: Arc<dyn CookieJar>;
}

/// Runs `send` (an [`Engine::send`](super::Engine::send) future) with `jar` as the cookie jar;
/// `None` sends no cookies and keeps none.
pub async fn with_jar<F: Future>(jar: Option<Arc<dyn CookieJar>>, send: F) -> F::Output {
    match jar {
        Some(jar) => JAR.scope(jar, send).await,
        None => send.await,
    }
}

/// The `reqwest` cookie provider every client carries: forwards to the jar in scope.
#[derive(Debug, Default)]
pub(crate) struct Provider;

impl reqwest::cookie::CookieStore for Provider {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        let values: Vec<String> = headers
            .filter_map(|h| h.to_str().ok().map(str::to_string))
            .collect();
        if values.is_empty() {
            return;
        }
        let _ = JAR.try_with(|jar| jar.store(&values, url));
    }

    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        let header = JAR.try_with(|jar| jar.header_for(url)).ok().flatten()?;
        let mut value = HeaderValue::from_str(&header).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

/// A cookie a response set, as its `Set-Cookie` header said, with the response that set it
/// (the final one, or a redirect followed on the way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ResponseCookie {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// `Domain` attribute, if given.
    pub domain: Option<String>,
    /// `Path` attribute, if given.
    pub path: Option<String>,
    /// `Expires` attribute as Unix seconds, if given and valid.
    #[ts(type = "number | null")]
    pub expires: Option<i64>,
    /// `Max-Age` attribute in seconds, if given.
    #[ts(type = "number | null")]
    pub max_age: Option<i64>,
    /// `Secure` was set.
    pub secure: bool,
    /// `HttpOnly` was set.
    pub http_only: bool,
    /// `SameSite` attribute (`Strict`, `Lax`, `None`), if given.
    pub same_site: Option<String>,
    /// URL of the response that set it, masked as [`super::Response::url`] is.
    pub url: String,
    /// Status code of the response that set it (a 3xx for a redirect hop).
    pub status: u16,
}

/// The cookies the `Set-Cookie` headers among `headers` set, by the response from `url` with
/// `status`; unparseable ones are skipped.
pub(crate) fn set_by(headers: &[Header], url: &str, status: u16) -> Vec<ResponseCookie> {
    headers
        .iter()
        .filter(|h| h.is_named("set-cookie"))
        .filter_map(|h| cookie::Cookie::parse(h.value.as_str()).ok())
        .map(|c| ResponseCookie {
            name: c.name().to_string(),
            value: c.value().to_string(),
            domain: c.domain().map(str::to_string),
            path: c.path().map(str::to_string),
            expires: c.expires_datetime().map(|t| t.unix_timestamp()),
            max_age: c.max_age().map(|d| d.whole_seconds()),
            secure: c.secure().unwrap_or(false),
            http_only: c.http_only().unwrap_or(false),
            same_site: c.same_site().map(|s| s.to_string()),
            url: url.to_string(),
            status,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_cookie_headers_become_plain_data() {
        let headers = [
            Header::new("Content-Type", "text/plain"),
            Header::new(
                "Set-Cookie",
                "sid=abc; Domain=example.com; Path=/api; Max-Age=60; Secure; HttpOnly; SameSite=Lax",
            ),
            Header::new("set-cookie", "theme=dark"),
            Header::new("Set-Cookie", "=broken"),
        ];
        let cookies = set_by(&headers, "http://a.test/", 200);
        assert_eq!(cookies.len(), 2);
        assert_eq!(cookies[0].name, "sid");
        assert_eq!(cookies[0].domain.as_deref(), Some("example.com"));
        assert_eq!(cookies[0].path.as_deref(), Some("/api"));
        assert_eq!(cookies[0].max_age, Some(60));
        assert!(cookies[0].secure && cookies[0].http_only);
        assert_eq!(cookies[0].same_site.as_deref(), Some("Lax"));
        assert_eq!(cookies[1].value, "dark");
        assert!(!cookies[1].secure);
        assert_eq!(
            (cookies[1].url.as_str(), cookies[1].status),
            ("http://a.test/", 200)
        );
    }
}
