//! Insomnia's `authentication` objects as our auth: basic, bearer, apikey, digest, oauth1,
//! oauth2, ntlm, hawk and iam (AWS Signature V4); other types become a warning.

use serde_json::Value;

use super::template::convert;
use crate::formats::Warning;
use crate::formats::node::Node;
use crate::model::{Auth, AuthMode, AuthParam};

/// Insomnia's name of each parameter, and ours, per type.
fn renames(kind: &str) -> Option<(AuthMode, &'static [(&'static str, &'static str)])> {
    Some(match kind {
        "basic" => (
            AuthMode::Basic,
            &[("username", "username"), ("password", "password")],
        ),
        "bearer" => (AuthMode::Bearer, &[("token", "token")]),
        "digest" => (
            AuthMode::Digest,
            &[("username", "username"), ("password", "password")],
        ),
        "ntlm" => (
            AuthMode::Ntlm,
            &[
                ("username", "username"),
                ("password", "password"),
                ("domain", "domain"),
                ("workstation", "workstation"),
            ],
        ),
        "oauth1" => (
            AuthMode::Oauth1,
            &[
                ("consumerKey", "consumerKey"),
                ("consumerSecret", "consumerSecret"),
                ("tokenKey", "token"),
                ("tokenSecret", "tokenSecret"),
                ("signatureMethod", "signatureMethod"),
                ("privateKey", "privateKey"),
                ("version", "version"),
                ("nonce", "nonce"),
                ("timestamp", "timestamp"),
                ("callback", "callback"),
                ("realm", "realm"),
                ("verifier", "verifier"),
            ],
        ),
        "oauth2" => (
            AuthMode::Oauth2,
            &[
                ("grantType", "grant_type"),
                ("authorizationUrl", "authUrl"),
                ("accessTokenUrl", "accessTokenUrl"),
                ("clientId", "clientId"),
                ("clientSecret", "clientSecret"),
                ("scope", "scope"),
                ("state", "state"),
                ("redirectUrl", "redirect_uri"),
                ("username", "username"),
                ("password", "password"),
                ("audience", "audience"),
                ("tokenPrefix", "headerPrefix"),
                ("accessToken", "accessToken"),
            ],
        ),
        "hawk" => (
            AuthMode::Hawk,
            &[
                ("id", "authId"),
                ("key", "authKey"),
                ("algorithm", "algorithm"),
                ("ext", "extraData"),
                ("validatePayload", "includePayloadHash"),
            ],
        ),
        "iam" => (
            AuthMode::Awsv4,
            &[
                ("accessKeyId", "accessKey"),
                ("secretAccessKey", "secretKey"),
                ("region", "region"),
                ("service", "service"),
                ("sessionToken", "sessionToken"),
            ],
        ),
        _ => return None,
    })
}

/// Insomnia's OAuth 2.0 grant names as Postman's.
fn grant(value: &str) -> &str {
    match value {
        "password" => "password_credentials",
        other => other,
    }
}

/// The auth of member `authentication` of `owner`: inherit when missing or empty.
pub(crate) fn read(owner: &Node<'_>, warnings: &mut Vec<Warning>) -> Auth {
    let Some(node) = owner.get("authentication") else {
        return Auth::inherit();
    };
    let Some(object) = node.value.as_object().filter(|o| !o.is_empty()) else {
        return Auth::inherit();
    };
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if object.get("disabled").and_then(Value::as_bool) == Some(true) || kind == "none" {
        return Auth {
            mode: AuthMode::None,
            params: Vec::new(),
        };
    }
    let param = |key: &str, value: String| AuthParam {
        key: key.into(),
        value: Value::String(value),
        kind: "string".into(),
    };
    if kind == "apikey" {
        let place = match object.get("addTo").and_then(Value::as_str) {
            Some("queryParams") => "query",
            Some("cookie") => {
                warnings.push(Warning::new(
                    node.path_of("addTo"),
                    "an API key in a cookie is not supported; sent as a header",
                ));
                "header"
            }
            _ => "header",
        };
        let text = |key: &str| {
            let value = object.get(key).and_then(Value::as_str).unwrap_or_default();
            convert(value, &node.path_of(key), &mut Vec::new())
        };
        return Auth {
            mode: AuthMode::Apikey,
            params: vec![
                param("key", text("key")),
                param("value", text("value")),
                param("in", place.into()),
            ],
        };
    }
    let Some((mode, names)) = renames(kind) else {
        warnings.push(Warning::new(
            node.path(),
            format!("authentication type {kind:?} is not supported; no auth set"),
        ));
        return Auth::inherit();
    };
    let mut params = Vec::new();
    for (theirs, ours) in names {
        let Some(value) = object.get(*theirs) else {
            continue;
        };
        let value = match value {
            Value::String(s) => {
                let s = convert(s, &node.path_of(theirs), warnings);
                Value::String(if *ours == "grant_type" {
                    grant(&s).into()
                } else {
                    s
                })
            }
            other => other.clone(),
        };
        params.push(AuthParam {
            key: (*ours).into(),
            kind: match &value {
                Value::Bool(_) => "boolean",
                _ => "string",
            }
            .into(),
            value,
        });
    }
    if kind == "bearer"
        && let Some(prefix) = object.get("prefix").and_then(Value::as_str)
        && !prefix.is_empty()
        && prefix != "Bearer"
    {
        warnings.push(Warning::new(
            node.path_of("prefix"),
            format!("bearer prefix {prefix:?} is not supported; Bearer is sent"),
        ));
    }
    let known: Vec<&str> = names.iter().map(|(t, _)| *t).collect();
    for key in object.keys() {
        if !known.contains(&key.as_str())
            && !matches!(key.as_str(), "type" | "disabled" | "prefix" | "addTo")
            && !object[key].is_null()
            && object[key] != Value::String(String::new())
        {
            warnings.push(Warning::new(
                node.path_of(key),
                format!("{kind} setting {key} is not imported"),
            ));
        }
    }
    Auth { mode, params }
}
