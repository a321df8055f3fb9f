//! The token endpoint: a form POST sent through the engine, and its answer read as [`Tokens`].

use base64::Engine as _;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::super::super::{Header, HttpError, PreparedBody, PreparedRequest, Result, headers};
use super::ClientAuth;
use crate::vault::Secret;

/// Tokens as a token endpoint issued them. `Debug` shows no token.
#[derive(Debug, Clone)]
pub struct Tokens {
    /// `access_token`.
    pub access_token: Secret,
    /// `token_type` (usually `Bearer`); empty if the endpoint gave none.
    pub token_type: String,
    /// `refresh_token`, if one was issued.
    pub refresh_token: Option<Secret>,
    /// `expires_in`, seconds.
    pub expires_in: Option<u64>,
    /// `scope` granted, if the endpoint said.
    pub scope: Option<String>,
}

/// The token endpoint URL in `text`, checked; `field` names the parameter it came from.
pub(crate) fn endpoint(text: &str, field: &'static str) -> Result<Url> {
    let url = Url::parse(text).map_err(|_| HttpError::InvalidAuth {
        field: format!("auth.{field}"),
        reason: if text.is_empty() {
            "is empty".into()
        } else {
            format!("{text:?} is not a URL")
        },
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(HttpError::InvalidAuth {
            field: format!("auth.{field}"),
            reason: format!("{text:?} is not an http(s) URL"),
        });
    }
    Ok(url)
}

/// POSTs `form` (plus client authentication) to `url` and reads the tokens from the answer.
pub(crate) async fn request(
    at: &super::TokenEndpoint<'_>,
    url: Url,
    mut form: Vec<(&'static str, String)>,
    cancel: &CancellationToken,
) -> Result<Tokens> {
    let (engine, config, settings) = (at.engine, at.config, at.settings);
    let secret = String::from_utf8_lossy(config.client_secret.expose()).into_owned();
    let mut request_headers = vec![
        Header::new("Content-Type", "application/x-www-form-urlencoded"),
        Header::new("Accept", "application/json"),
    ];
    match config.client_auth {
        ClientAuth::Header if !secret.is_empty() => {
            let pair = format!("{}:{secret}", config.client_id);
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            request_headers.push(Header::sensitive(
                "Authorization",
                format!("Basic {encoded}"),
            ));
        }
        _ => {
            if !config.client_id.is_empty() {
                form.push(("client_id", config.client_id.clone()));
            }
            if !secret.is_empty() {
                form.push(("client_secret", secret));
            }
        }
    }
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
        .into_bytes();
    let body = PreparedBody::Bytes(body);
    headers::add_automatic(&mut request_headers, None, &body);
    let shown = url[..url::Position::AfterPath].to_string();
    let prepared = PreparedRequest {
        method: "POST".into(),
        url,
        headers: request_headers,
        body,
        settings: settings.clone(),
        messages: None,
        grpc: None,
        emits: None,
        socketio: None,
        unresolved: Vec::new(),
        sensitive_query: Vec::new(),
        redact: Vec::new(),
        hidden: Vec::new(),
        challenge: None,
        signer: None,
    };
    let exchange = engine.send(&prepared, cancel).await?;
    let status = exchange.response.status;
    let bytes = exchange.response.body.content.to_bytes();
    let is_form = exchange.response.headers.iter().any(|h| {
        h.is_named("content-type") && h.value.contains("application/x-www-form-urlencoded")
    });
    read(status, &bytes, is_form).map_err(|reason| HttpError::TokenEndpoint { url: shown, reason })
}

/// Tokens from a token endpoint's answer, or why there are none: the endpoint's `error` and
/// `error_description`, or what is wrong with the answer (never its body, which may hold a
/// token).
fn read(status: u16, body: &[u8], is_form: bool) -> std::result::Result<Tokens, String> {
    let fields: serde_json::Map<String, serde_json::Value> = if is_form {
        url::form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned())))
            .collect()
    } else {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => {
                return Err(format!(
                    "HTTP {status}, and the answer is not a JSON object"
                ));
            }
        }
    };
    let text = |key: &str| match fields.get(key) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(error) = text("error") {
        return Err(match text("error_description") {
            Some(description) => format!("{error}: {description}"),
            None => error,
        });
    }
    if !(200..300).contains(&status) {
        return Err(format!("HTTP {status}"));
    }
    let access_token = text("access_token").ok_or("the answer holds no access_token")?;
    Ok(Tokens {
        access_token: Secret::from(access_token),
        token_type: text("token_type").unwrap_or_default(),
        refresh_token: text("refresh_token").map(Secret::from),
        expires_in: text("expires_in").and_then(|s| s.parse().ok()),
        scope: text("scope"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_read_from_json_and_form_answers() {
        let t = read(
            200,
            br#"{"access_token":"at","token_type":"Bearer","expires_in":3600,"refresh_token":"rt"}"#,
            false,
        )
        .expect("tokens");
        assert_eq!(t.access_token.expose_str(), Some("at"));
        assert_eq!(t.expires_in, Some(3600));
        assert_eq!(
            t.refresh_token
                .and_then(|r| r.expose_str().map(str::to_string)),
            Some("rt".into())
        );
        let t = read(200, b"access_token=gh&scope=repo&token_type=bearer", true).expect("form");
        assert_eq!(t.scope.as_deref(), Some("repo"));
    }

    #[test]
    fn endpoint_errors_become_their_code_and_description() {
        let e = read(
            400,
            br#"{"error":"invalid_grant","error_description":"code expired"}"#,
            false,
        );
        assert_eq!(e.err().as_deref(), Some("invalid_grant: code expired"));
        let e = read(500, b"<html>oops access_token=leak</html>", false);
        assert_eq!(
            e.err().as_deref(),
            Some("HTTP 500, and the answer is not a JSON object")
        );
        let e = read(200, br#"{"token":"x"}"#, false);
        assert_eq!(e.err().as_deref(), Some("the answer holds no access_token"));
    }

    #[test]
    fn endpoints_must_be_http_urls() {
        let e = endpoint("", "accessTokenUrl").expect_err("empty");
        assert_eq!(e.to_string(), "auth.accessTokenUrl: is empty");
        let e = endpoint("ftp://h/t", "accessTokenUrl").expect_err("scheme");
        assert!(e.to_string().contains("not an http(s) URL"), "{e}");
    }
}
