//! OAuth 2.0: using an access token, and obtaining one.
//!
//! [`apply`](self) adds the token in force (`accessToken`, usually a `{{vault:…}}` reference to
//! a token kept in the OS keychain) to the `Authorization` header with `headerPrefix` (default
//! `Bearer`), or to the query as `access_token` (`addTokenTo: queryParams`), as Postman does.
//! An empty token adds nothing.
//!
//! [`obtain_token`] runs a grant (client credentials, password, authorization code with or
//! without PKCE) from a rendered [`Config`], and [`refresh`] trades a refresh token for new
//! tokens. Token requests are sent by the [`Engine`] with the request's [`Settings`], so they
//! obey the same TLS, proxy and timeout settings; an endpoint's `error` and
//! `error_description` become [`HttpError::TokenEndpoint`]. For the authorization code grants
//! the caller opens the browser at the URL it is handed, and the code comes back to a
//! loopback listener on 127.0.0.1 (RFC 8252), its `state` checked.
//!
//! Not here: where tokens are kept. [`crate::send::oauth2`] stores obtained tokens in the
//! keychain and points the auth at them.

mod config;
mod loopback;
mod token;

pub use config::{ChallengeMethod, ClientAuth, Config, Grant};
pub use token::Tokens;

use base64::Engine as _;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::super::build::Renderer;
use super::super::{Engine, HttpError, Result, Settings};
use super::set_header;
use crate::model::Auth;
use crate::vault::Secret;

/// Where and how tokens are asked for: the grant's settings, and the engine and HTTP settings
/// the endpoints are reached with.
pub struct TokenEndpoint<'a> {
    /// Sends the token requests.
    pub engine: &'a Engine,
    /// The grant and its settings.
    pub config: &'a Config,
    /// TLS, proxy and timeout for the endpoints.
    pub settings: &'a Settings,
}

impl TokenEndpoint<'_> {
    /// Obtains tokens with the grant the config names.
    ///
    /// For the authorization code grants, `browser` is called once with the authorisation
    /// URL (the caller opens it, or prints it) while a loopback listener waits up to five
    /// minutes for the redirect; otherwise it is not called. Fails with
    /// [`HttpError::InvalidAuth`] naming a missing or malformed setting,
    /// [`HttpError::Authorization`] when the user or server refuses or `state` does not match,
    /// and [`HttpError::TokenEndpoint`] when no token is issued.
    pub async fn obtain(
        &self,
        browser: impl FnOnce(&Url) + Send,
        cancel: &CancellationToken,
    ) -> Result<Tokens> {
        let config = self.config;
        let token_url = token::endpoint(&config.access_token_url, "accessTokenUrl")?;
        let scope = || (!config.scope.is_empty()).then(|| ("scope", config.scope.clone()));
        let form: Vec<(&'static str, String)> = match config.grant {
            Grant::ClientCredentials => {
                [Some(("grant_type", "client_credentials".into())), scope()]
                    .into_iter()
                    .flatten()
                    .collect()
            }
            Grant::Password => {
                let password = String::from_utf8_lossy(config.password.expose()).into_owned();
                [
                    Some(("grant_type", "password".into())),
                    Some(("username", config.username.clone())),
                    Some(("password", password)),
                    scope(),
                ]
                .into_iter()
                .flatten()
                .collect()
            }
            Grant::AuthorizationCode | Grant::AuthorizationCodeWithPkce => {
                return self.authorization_code(token_url, browser, cancel).await;
            }
        };
        token::request(self, token_url, form, cancel).await
    }

    /// Trades `refresh_token` for new tokens at `refreshTokenUrl` (else `accessTokenUrl`).
    /// The answer may carry no new refresh token: the caller keeps the old one then.
    pub async fn refresh(
        &self,
        refresh_token: &Secret,
        cancel: &CancellationToken,
    ) -> Result<Tokens> {
        let config = self.config;
        let url = if config.refresh_token_url.is_empty() {
            token::endpoint(&config.access_token_url, "accessTokenUrl")?
        } else {
            token::endpoint(&config.refresh_token_url, "refreshTokenUrl")?
        };
        let mut form = vec![
            ("grant_type", "refresh_token".to_string()),
            (
                "refresh_token",
                String::from_utf8_lossy(refresh_token.expose()).into_owned(),
            ),
        ];
        if !config.scope.is_empty() {
            form.push(("scope", config.scope.clone()));
        }
        token::request(self, url, form, cancel).await
    }

    /// The authorization code grant: browser, loopback redirect, then the code exchange.
    async fn authorization_code(
        &self,
        token_url: Url,
        browser: impl FnOnce(&Url) + Send,
        cancel: &CancellationToken,
    ) -> Result<Tokens> {
        let config = self.config;
        let mut auth_url = token::endpoint(&config.auth_url, "authUrl")?;
        let loopback = loopback::Loopback::bind(&config.redirect_uri).await?;
        let redirect_uri = loopback.redirect_uri();
        let state = if config.state.is_empty() {
            random_text()?
        } else {
            config.state.clone()
        };
        let pkce = config.grant == Grant::AuthorizationCodeWithPkce;
        let verifier = match config.code_verifier.expose_str() {
            Some(v) if !v.is_empty() => v.to_string(),
            _ => format!("{}{}", random_text()?, random_text()?),
        };
        {
            let mut query = auth_url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &config.client_id)
                .append_pair("redirect_uri", &redirect_uri);
            if !config.scope.is_empty() {
                query.append_pair("scope", &config.scope);
            }
            query.append_pair("state", &state);
            if pkce {
                let (challenge, method) = match config.challenge_method {
                    ChallengeMethod::S256 => (s256(&verifier), "S256"),
                    ChallengeMethod::Plain => (verifier.clone(), "plain"),
                };
                query
                    .append_pair("code_challenge", &challenge)
                    .append_pair("code_challenge_method", method);
            }
        }
        browser(&auth_url);
        let code = loopback.wait(&state, cancel).await?;
        let mut form = vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code),
            ("redirect_uri", redirect_uri),
        ];
        if pkce {
            form.push(("code_verifier", verifier));
        }
        token::request(self, token_url, form, cancel).await
    }
}

/// The S256 code challenge of `verifier`: base64url(SHA-256), unpadded (RFC 7636 §4.2).
fn s256(verifier: &str) -> String {
    let hash = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash.as_ref())
}

/// 32 random bytes as unpadded base64url (43 characters), for `state` and PKCE verifiers.
fn random_text() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| HttpError::Client {
        reason: format!("no random numbers for OAuth 2.0: {e}"),
    })?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Adds the access token to the request.
pub(crate) fn apply(auth: &Auth, r: &mut Renderer<'_>, target: super::Target<'_>) -> Result<()> {
    let super::Target {
        headers,
        address,
        sensitive_query,
    } = target;
    let mut param = |key: &str| {
        let raw = auth.param(key).unwrap_or_default();
        r.render(raw, || format!("auth.{key}"))
    };
    let token = param("accessToken");
    if token.is_empty() {
        return Ok(());
    }
    let place = param("addTokenTo");
    if place.eq_ignore_ascii_case("queryParams") {
        address.replace_param("access_token", &token);
        sensitive_query.push("access_token".into());
        return Ok(());
    }
    let prefix = match auth.param("headerPrefix") {
        None => "Bearer".to_string(),
        Some(_) => param("headerPrefix"),
    };
    let value = if prefix.trim().is_empty() {
        token
    } else {
        format!("{} {token}", prefix.trim())
    };
    set_header(headers, "Authorization", value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn random_text_is_a_valid_pkce_verifier() {
        let v = random_text().expect("random");
        assert_eq!(v.len(), 43);
        assert!(
            v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }
}
