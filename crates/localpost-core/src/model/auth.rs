//! Authorisation settings of a request, folder or collection.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which authorisation scheme applies.
///
/// `Inherit` walks up to the parent folder or collection; `None` stops the walk. Schemes we do
/// not know are kept as `Other` with their name, so an import is never lossy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum AuthMode {
    /// Use the parent's authorisation.
    #[default]
    Inherit,
    /// No authorisation (Postman's `noauth`).
    #[serde(rename = "noauth")]
    None,
    /// HTTP Basic.
    Basic,
    /// Bearer token.
    Bearer,
    /// API key in a header or the query.
    Apikey,
    /// HTTP Digest.
    Digest,
    /// OAuth 1.0a.
    Oauth1,
    /// OAuth 2.0.
    Oauth2,
    /// Hawk.
    Hawk,
    /// AWS Signature V4.
    Awsv4,
    /// NTLM.
    Ntlm,
    /// Akamai EdgeGrid.
    Edgegrid,
    /// JWT bearer.
    Jwt,
    /// ASAP (Atlassian).
    Asap,
    /// A scheme this version does not know, kept by name.
    #[serde(untagged)]
    Other(String),
}

/// One parameter of an authorisation scheme, as Postman v2.1 holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct AuthParam {
    /// Parameter name, e.g. `username`, `token`, `in`.
    pub key: String,
    /// Value: usually a string, sometimes a boolean, number or object (OAuth 2 settings).
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
    /// Postman's declared type (`string`, `boolean`, `any`), kept for round trips.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Authorisation of a request, folder or collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Auth {
    /// The scheme.
    pub mode: AuthMode,
    /// The scheme's parameters in their original order.
    pub params: Vec<AuthParam>,
}

impl Auth {
    /// Authorisation that defers to the parent.
    pub fn inherit() -> Self {
        Auth::default()
    }

    /// A scheme with text parameters, in order (each typed `string`, as Postman writes them).
    pub fn with_params(mode: AuthMode, params: &[(&str, &str)]) -> Self {
        Auth {
            mode,
            params: params
                .iter()
                .map(|(key, value)| AuthParam {
                    key: (*key).into(),
                    value: serde_json::Value::String((*value).into()),
                    kind: "string".into(),
                })
                .collect(),
        }
    }

    /// Whether parameter `key` of this scheme is a credential (a password, token, secret or
    /// private key): such values are sealed at rest and withheld from exports.
    pub fn is_credential(&self, key: &str) -> bool {
        let keys: &[&str] = match &self.mode {
            AuthMode::Inherit | AuthMode::None => &[],
            AuthMode::Basic | AuthMode::Digest | AuthMode::Ntlm => &["password"],
            AuthMode::Bearer => &["token"],
            AuthMode::Apikey => &["value"],
            AuthMode::Oauth1 => &["consumerSecret", "tokenSecret", "privateKey"],
            AuthMode::Oauth2 => &[
                "accessToken",
                "refreshToken",
                "clientSecret",
                "password",
                "id_token",
            ],
            AuthMode::Hawk => &["authKey"],
            AuthMode::Awsv4 => &["secretKey", "sessionToken"],
            AuthMode::Edgegrid => &["accessToken", "clientToken", "clientSecret"],
            AuthMode::Jwt | AuthMode::Asap => &["secret", "privateKey"],
            AuthMode::Other(_) => &[
                "password",
                "token",
                "secret",
                "privateKey",
                "clientSecret",
                "accessToken",
            ],
        };
        keys.contains(&key)
    }

    /// The value of a parameter as text, if set.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.key == key)
            .and_then(|p| p.value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_modes_survive_a_round_trip() {
        let mode: AuthMode = serde_json::from_str("\"mtls-custom\"").unwrap();
        assert_eq!(mode, AuthMode::Other("mtls-custom".into()));
        assert_eq!(serde_json::to_string(&mode).unwrap(), "\"mtls-custom\"");
        let none: AuthMode = serde_json::from_str("\"noauth\"").unwrap();
        assert_eq!(none, AuthMode::None);
    }
}
