//! [`Cookie`]: a cookie of a jar as plain data, for the CLI, the UI and the store.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CookieError, Result};
use crate::model::{CookieId, WorkspaceId};

/// A cookie in a workspace's jar.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cookie {
    /// Row id; `None` for a cookie not stored yet.
    pub id: Option<CookieId>,
    /// Name.
    pub name: String,
    /// Value (in the clear: it is sealed only at rest).
    pub value: String,
    /// Domain, without a leading dot.
    pub domain: String,
    /// Sent to exactly `domain` only, not to its subdomains (no `Domain` attribute was set).
    pub host_only: bool,
    /// Path it is sent under.
    pub path: String,
    /// Expiry in Unix seconds; `None` for a session cookie (kept until deleted).
    #[ts(type = "number | null")]
    pub expires: Option<i64>,
    /// Sent over secure connections only (loopback counts as secure).
    pub secure: bool,
    /// Hidden from scripts.
    pub http_only: bool,
    /// `Strict`, `Lax` or `None`, as set; kept and shown, not enforced (a client sends no
    /// cross-site requests).
    pub same_site: Option<String>,
}

impl fmt::Debug for Cookie {
    // The value may be a session token: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cookie")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("value", &"***")
            .field("domain", &self.domain)
            .field("host_only", &self.host_only)
            .field("path", &self.path)
            .field("expires", &self.expires)
            .finish_non_exhaustive()
    }
}

impl Cookie {
    /// A session cookie for exactly `domain` with path `/`.
    pub fn new(
        name: impl Into<String>,
        value: impl Into<String>,
        domain: impl Into<String>,
    ) -> Cookie {
        Cookie {
            id: None,
            name: name.into(),
            value: value.into(),
            domain: domain.into(),
            host_only: true,
            path: "/".into(),
            expires: None,
            secure: false,
            http_only: false,
            same_site: None,
        }
    }

    /// Whether it has expired by `now` (Unix seconds).
    pub fn is_expired_at(&self, now: i64) -> bool {
        self.expires.is_some_and(|t| t <= now)
    }

    /// The cookie as a user typed it, checked and normalised: domain lower-cased without a
    /// leading dot, path starting with `/`, no separators or controls in name or value.
    pub(crate) fn normalised(&self) -> Result<Cookie> {
        let invalid = |reason| CookieError::Invalid {
            name: self.name.clone(),
            reason,
        };
        let name = self.name.trim();
        if name.is_empty() {
            return Err(invalid("the name is empty"));
        }
        let bad = |c: char| c.is_control() || matches!(c, ';' | ',' | ' ' | '=' | '"');
        if name.chars().any(bad) {
            return Err(invalid("the name holds a separator or control character"));
        }
        if self.value.chars().any(|c| c.is_control() || c == ';') {
            return Err(invalid("the value holds ';' or a control character"));
        }
        let domain = self
            .domain
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase();
        if domain.is_empty() || domain.contains(['/', ' ', ';']) {
            return Err(invalid("the domain must be a host name"));
        }
        let path = match self.path.trim() {
            "" => "/".to_string(),
            p if p.starts_with('/') => p.to_string(),
            _ => return Err(invalid("the path must start with '/'")),
        };
        let same_site = match self.same_site.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match s.to_ascii_lowercase().as_str() {
                "strict" => Some("Strict".to_string()),
                "lax" => Some("Lax".to_string()),
                "none" => Some("None".to_string()),
                _ => return Err(invalid("SameSite must be Strict, Lax or None")),
            },
        };
        Ok(Cookie {
            name: name.to_string(),
            domain,
            path,
            same_site,
            ..self.clone()
        })
    }

    /// Sealing context of its value: a sealed value cannot be moved to another cookie.
    pub(crate) fn context(workspace: WorkspaceId, domain: &str, path: &str, name: &str) -> String {
        crate::store::cookie_context(workspace, domain, path, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_cookies_are_normalised_or_refused() {
        let mut c = Cookie::new(" sid ", "v", ".Example.COM");
        c.path = String::new();
        c.same_site = Some("lax".into());
        let n = c.normalised().expect("valid");
        assert_eq!(
            (n.name.as_str(), n.domain.as_str(), n.path.as_str()),
            ("sid", "example.com", "/")
        );
        assert_eq!(n.same_site.as_deref(), Some("Lax"));
        assert!(Cookie::new("a;b", "v", "x").normalised().is_err());
        assert!(Cookie::new("a", "v;w", "x").normalised().is_err());
        assert!(Cookie::new("a", "v", "").normalised().is_err());
        let mut p = Cookie::new("a", "v", "x");
        p.path = "api".into();
        assert!(p.normalised().is_err());
        assert!(!format!("{:?}", Cookie::new("a", "topsecret", "x")).contains("topsecret"));
    }
}
