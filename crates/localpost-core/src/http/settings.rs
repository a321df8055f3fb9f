//! Transport settings in force for one send: the request's own, else its folders', else its
//! collection's, else the app's defaults.

use std::time::Duration;

use super::{HttpError, Result};
use crate::model::RequestSettings;

/// Which HTTP version to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HttpVersion {
    /// HTTP/2 when TLS negotiates it (ALPN), else HTTP/1.1. Postman's `auto`.
    #[default]
    Auto,
    /// HTTP/1.1 only.
    Http1,
    /// HTTP/2 only, also over plain `http://` (prior knowledge).
    Http2,
}

impl HttpVersion {
    /// Parses Postman's `protocolVersion` / our `httpVersion`: `auto`, `http1` or `http2`;
    /// empty means `auto`.
    pub fn parse(value: &str) -> Result<HttpVersion> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(HttpVersion::Auto),
            "http1" | "http/1.1" | "http1.1" => Ok(HttpVersion::Http1),
            "http2" | "http/2" => Ok(HttpVersion::Http2),
            _ => Err(HttpError::InvalidSetting {
                field: "httpVersion",
                value: value.into(),
                expected: "auto, http1 or http2",
            }),
        }
    }
}

/// The settings one send uses, every default filled in.
///
/// [`Settings::default`] is the app's default, as in Postman: follow redirects, at most 10, no
/// timeout, verify TLS certificates, HTTP version `auto`. The fields of [`RequestSettings`] that
/// are not here (`follow_original_method`, `follow_authorization_header`, `use_cookies`) are not
/// applied yet: redirects follow reqwest's rules (301/302/303 turn into `GET`, `Authorization`
/// is dropped on a redirect to another host) and there is no cookie jar.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Follow 3xx responses that carry a `Location`.
    pub follow_redirects: bool,
    /// Most redirects followed before failing with `TooManyRedirects`.
    pub max_redirects: u32,
    /// Time allowed from sending to the end of the response body; `None` waits forever.
    pub timeout: Option<Duration>,
    /// Verify the server's TLS certificate and host name.
    pub verify_tls: bool,
    /// HTTP version to speak.
    pub http_version: HttpVersion,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            follow_redirects: true,
            max_redirects: 10,
            timeout: None,
            verify_tls: true,
            http_version: HttpVersion::Auto,
        }
    }
}

impl Settings {
    /// `base` overridden by each layer's set fields, lowest precedence first (collection, then
    /// folders from the top down, then the request). A timeout of 0 ms means none.
    pub fn resolve<'a>(
        base: &Settings,
        layers: impl IntoIterator<Item = &'a RequestSettings>,
    ) -> Result<Settings> {
        let mut out = base.clone();
        for layer in layers {
            if let Some(v) = layer.follow_redirects {
                out.follow_redirects = v;
            }
            if let Some(v) = layer.max_redirects {
                out.max_redirects = v;
            }
            if let Some(ms) = layer.timeout_ms {
                out.timeout = (ms > 0).then(|| Duration::from_millis(ms));
            }
            if let Some(v) = layer.verify_tls {
                out.verify_tls = v;
            }
            if let Some(v) = &layer.http_version {
                out.http_version = HttpVersion::parse(v)?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_layer_wins_and_unset_fields_fall_through() {
        let collection = RequestSettings {
            timeout_ms: Some(5000),
            max_redirects: Some(3),
            ..RequestSettings::default()
        };
        let folder = RequestSettings {
            verify_tls: Some(false),
            timeout_ms: Some(0),
            ..RequestSettings::default()
        };
        let request = RequestSettings {
            follow_redirects: Some(false),
            http_version: Some("http1".into()),
            ..RequestSettings::default()
        };
        let s = Settings::resolve(&Settings::default(), [&collection, &folder, &request])
            .expect("valid settings");
        assert_eq!(
            s,
            Settings {
                follow_redirects: false,
                max_redirects: 3,
                timeout: None,
                verify_tls: false,
                http_version: HttpVersion::Http1,
            }
        );
    }

    #[test]
    fn app_defaults_are_postmans() {
        let s = Settings::resolve(&Settings::default(), []).expect("defaults");
        assert!(s.follow_redirects && s.verify_tls);
        assert_eq!((s.max_redirects, s.timeout), (10, None));
    }

    #[test]
    fn unknown_http_version_names_the_field() {
        let bad = RequestSettings {
            http_version: Some("http9".into()),
            ..RequestSettings::default()
        };
        let e = Settings::resolve(&Settings::default(), [&bad]).expect_err("unknown version");
        assert_eq!(
            e.to_string(),
            "setting httpVersion: unknown value \"http9\" (expected auto, http1 or http2)"
        );
    }
}
