//! [`Classification`]: how sensitive a workspace's data is (issue 4).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How sensitive a workspace's data is, which decides what Localpost keeps of it.
///
/// - `restricted`: of a send, history keeps the method, the URL's origin (scheme, host, port:
///   no path, query or credentials), the status, sizes and timings, and no request name,
///   headers or bodies; collections cannot be exported with example responses. Example
///   responses the user saved or imported are kept (dropping them would lose data), but sealed
///   with the installation's data key.
/// - `internal` (the default): history keeps requests and responses, and requests keep their
///   example responses, sealed with the installation's data key.
/// - `public`: history and example responses are kept as plain text.
///
/// Cookie values are sealed in every class. Changing a workspace's class seals or opens its
/// examples at once; moving it to `restricted` also cuts its history down to what
/// `restricted` keeps. Other history already recorded keeps the form it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Classification {
    /// Never persist response data.
    Restricted,
    /// Persist it sealed.
    #[default]
    Internal,
    /// Persist it plainly.
    Public,
}

impl Classification {
    /// Every class, from most to least sensitive.
    pub const ALL: [Classification; 3] = [
        Classification::Restricted,
        Classification::Internal,
        Classification::Public,
    ];

    /// The name stored and shown: `restricted`, `internal` or `public`.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Restricted => "restricted",
            Classification::Internal => "internal",
            Classification::Public => "public",
        }
    }

    /// Reads a name written by [`Classification::as_str`] (case-insensitive).
    pub fn parse(name: &str) -> Option<Classification> {
        Classification::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

/// What a `restricted` workspace keeps of a URL: its origin (`https://api.example.com:8443`),
/// or nothing when it has none.
pub(crate) fn restricted_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) if parsed.has_host() => match parsed.origin() {
            origin if origin.is_tuple() => origin.ascii_serialization(),
            // A scheme the URL standard gives no origin (grpc://): scheme, host and port.
            _ => format!(
                "{}://{}{}",
                parsed.scheme(),
                parsed.host_str().unwrap_or_default(),
                parsed.port().map(|p| format!(":{p}")).unwrap_or_default()
            ),
        },
        _ => String::new(),
    }
}

impl Classification {
    /// Whether collections may be exported with their example responses. Exporters call this
    /// and withhold examples (with a warning) when it says no.
    pub fn allows_examples(self) -> bool {
        self != Classification::Restricted
    }

    /// Whether saved example responses are sealed at rest (every class but `public`).
    pub fn seals_examples(self) -> bool {
        self != Classification::Public
    }

    /// Whether history may keep response bodies and headers.
    pub fn keeps_bodies(self) -> bool {
        self != Classification::Restricted
    }
}

impl std::fmt::Display for Classification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_internal_is_the_default() {
        for c in Classification::ALL {
            assert_eq!(Classification::parse(c.as_str()), Some(c));
        }
        assert_eq!(
            Classification::parse(" Public "),
            Some(Classification::Public)
        );
        assert_eq!(Classification::parse("secret"), None);
        assert_eq!(Classification::default(), Classification::Internal);
    }
}

#[cfg(test)]
mod restricted_tests {
    use super::restricted_url;

    #[test]
    fn a_restricted_url_is_its_origin_only() {
        assert_eq!(
            restricted_url("https://user:pw@api.example.com:8443/users/7?token=x#f"),
            "https://api.example.com:8443"
        );
        assert_eq!(restricted_url("http://127.0.0.1/a"), "http://127.0.0.1");
        assert_eq!(restricted_url("{{base}}/users"), "");
        assert_eq!(restricted_url("mailto:someone@example.com"), "");
    }
}
