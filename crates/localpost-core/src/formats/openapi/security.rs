//! Security schemes (`components.securitySchemes`, Swagger's `securityDefinitions`) as auth.
//!
//! http `basic`, `bearer` and `digest`, `apiKey` in a header or the query, and `oauth2` (its
//! first flow, as OAuth 2.0 grant settings) are mapped; values are `{{variables}}`
//! (`{{basicAuthUsername}}`, `{{bearerToken}}`, `{{apiKey}}`, `{{clientId}}`, …) that the
//! collection declares empty. Other schemes (`apiKey` in a cookie, `openIdConnect`, `mutualTLS`,
//! other http schemes) become warnings. Only the first scheme of the first requirement
//! applies; the others are named in a warning.

use serde_json::Value;

use super::refs::deref;
use crate::formats::Warning;
use crate::formats::node::Node;
use crate::model::{Auth, AuthMode, AuthParam};

/// Auth for a `security` requirement list: `[]` or `[{}]` is no auth.
pub(crate) fn for_requirements(
    doc: &Value,
    requirements: &Node<'_>,
    v2: bool,
    warnings: &mut Vec<Warning>,
) -> Auth {
    let Some(list) = requirements.value.as_array() else {
        warnings.push(Warning::new(
            requirements.path(),
            "security is not a list; ignored",
        ));
        return Auth::inherit();
    };
    let Some(Value::Object(first)) = list.first() else {
        return none();
    };
    let mut names = first.iter();
    let Some((name, scopes)) = names.next() else {
        return none();
    };
    let others: Vec<&str> = names
        .map(|(n, _)| n.as_str())
        .chain(
            list.iter()
                .skip(1)
                .filter_map(|r| r.as_object()?.keys().next().map(String::as_str)),
        )
        .collect();
    if !others.is_empty() {
        warnings.push(Warning::new(
            requirements.path(),
            format!(
                "only security scheme {name} is used; not {}",
                others.join(", ")
            ),
        ));
    }
    let key = if v2 {
        "securityDefinitions"
    } else {
        "securitySchemes"
    };
    let container = if v2 {
        doc.get(key)
    } else {
        doc.get("components").and_then(|c| c.get(key))
    };
    let path = if v2 {
        format!("{key}.{name}")
    } else {
        format!("components.{key}.{name}")
    };
    let Some(scheme) = container.and_then(|c| c.get(name)) else {
        warnings.push(Warning::new(
            requirements.path(),
            format!("security scheme {name} is not defined; no auth set"),
        ));
        return Auth::inherit();
    };
    let Some(scheme) = deref(doc, Node::at(scheme, path), warnings) else {
        return Auth::inherit();
    };
    let scopes: Vec<&str> = scopes
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    map(&scheme, &scopes, warnings)
}

fn none() -> Auth {
    Auth {
        mode: AuthMode::None,
        params: Vec::new(),
    }
}

fn text(node: &Node<'_>, key: &str) -> String {
    node.value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn map(scheme: &Node<'_>, scopes: &[&str], warnings: &mut Vec<Warning>) -> Auth {
    let kind = text(scheme, "type");
    let http = text(scheme, "scheme").to_ascii_lowercase();
    let unsupported = |warnings: &mut Vec<Warning>, what: &str| {
        warnings.push(Warning::new(
            scheme.path(),
            format!("security scheme {what} is not supported; no auth set"),
        ));
        Auth::inherit()
    };
    match (kind.as_str(), http.as_str()) {
        ("http", "basic") | ("basic", _) => Auth::with_params(
            AuthMode::Basic,
            &[
                ("username", "{{basicAuthUsername}}"),
                ("password", "{{basicAuthPassword}}"),
            ],
        ),
        ("http", "bearer") => Auth::with_params(AuthMode::Bearer, &[("token", "{{bearerToken}}")]),
        ("http", "digest") => Auth::with_params(
            AuthMode::Digest,
            &[
                ("username", "{{digestAuthUsername}}"),
                ("password", "{{digestAuthPassword}}"),
            ],
        ),
        ("apiKey", _) => {
            let place = text(scheme, "in");
            if place != "header" && place != "query" {
                return unsupported(warnings, &format!("apiKey in {place:?}"));
            }
            Auth::with_params(
                AuthMode::Apikey,
                &[
                    ("key", &text(scheme, "name")),
                    ("value", "{{apiKey}}"),
                    ("in", &place),
                ],
            )
        }
        ("oauth2", _) => oauth2(scheme, scopes),
        ("http", other) => unsupported(warnings, &format!("http {other}")),
        (other, _) => unsupported(warnings, other),
    }
}

/// The first OAuth 2.0 flow as grant settings.
fn oauth2(scheme: &Node<'_>, scopes: &[&str]) -> Auth {
    // 3.x: flows.{implicit, password, clientCredentials, authorizationCode}; 2.0: flow + urls.
    let (flow, settings) = match scheme.value.get("flows").and_then(Value::as_object) {
        Some(flows) => match flows.iter().next() {
            Some((name, settings)) => (name.as_str(), settings),
            None => ("", scheme.value),
        },
        None => (
            scheme
                .value
                .get("flow")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            scheme.value,
        ),
    };
    let grant = match flow {
        "implicit" => "implicit",
        "password" => "password_credentials",
        "clientCredentials" | "application" => "client_credentials",
        _ => "authorization_code",
    };
    let url = |key: &str| {
        settings
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let scope = if scopes.is_empty() {
        settings
            .get("scopes")
            .and_then(Value::as_object)
            .map(|s| s.keys().cloned().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    } else {
        scopes.join(" ")
    };
    let mut params = vec![
        ("grant_type", grant.to_string()),
        ("authUrl", url("authorizationUrl").to_string()),
        ("accessTokenUrl", url("tokenUrl").to_string()),
        ("refreshTokenUrl", url("refreshUrl").to_string()),
        ("clientId", "{{clientId}}".to_string()),
        ("clientSecret", "{{clientSecret}}".to_string()),
        ("scope", scope),
        ("addTokenTo", "header".to_string()),
    ];
    params.retain(|(_, v)| !v.is_empty());
    Auth {
        mode: AuthMode::Oauth2,
        params: params
            .into_iter()
            .map(|(key, value)| AuthParam {
                key: key.into(),
                value: Value::String(value),
                kind: "string".into(),
            })
            .collect(),
    }
}

/// The `{{variables}}` an auth refers to, to declare on the collection.
pub(crate) fn variables(auth: &Auth) -> Vec<String> {
    auth.params
        .iter()
        .filter_map(|p| p.value.as_str())
        .filter_map(|v| v.strip_prefix("{{")?.strip_suffix("}}"))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn schemes_map_to_auth() {
        let doc = json!({"components": {"securitySchemes": {
            "key": {"type": "apiKey", "in": "query", "name": "api_key"},
            "cookie": {"type": "apiKey", "in": "cookie", "name": "sid"},
            "oauth": {"type": "oauth2", "flows": {"clientCredentials": {
                "tokenUrl": "https://auth.test/token", "scopes": {"read": "", "write": ""}}}}}}});
        let mut warnings = Vec::new();
        let req = json!([{"key": []}]);
        let auth = for_requirements(
            &doc,
            &Node::at(&req, "security".into()),
            false,
            &mut warnings,
        );
        assert_eq!(auth.mode, AuthMode::Apikey);
        assert_eq!(auth.param("key"), Some("api_key"));
        assert_eq!(auth.param("in"), Some("query"));
        let req = json!([{"oauth": ["write"]}]);
        let auth = for_requirements(
            &doc,
            &Node::at(&req, "security".into()),
            false,
            &mut warnings,
        );
        assert_eq!(auth.param("grant_type"), Some("client_credentials"));
        assert_eq!(auth.param("scope"), Some("write"));
        assert!(warnings.is_empty());
        let req = json!([{"cookie": []}]);
        let auth = for_requirements(
            &doc,
            &Node::at(&req, "security".into()),
            false,
            &mut warnings,
        );
        assert_eq!(auth, Auth::inherit());
        assert_eq!(
            warnings[0].to_string(),
            "components.securitySchemes.cookie: security scheme apiKey in \"cookie\" is not supported; no auth set"
        );
        let none = for_requirements(
            &doc,
            &Node::at(&json!([]), "s".into()),
            false,
            &mut warnings,
        );
        assert_eq!(none.mode, AuthMode::None);
    }
}
