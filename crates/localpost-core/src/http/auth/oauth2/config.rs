//! [`Config`]: an OAuth 2.0 auth's grant settings, rendered with the variables in force.

use super::super::super::build::Renderer;
use super::super::super::{HttpError, Result, Unresolved};
use crate::model::{Auth, AuthMode};
use crate::template::Variables;
use crate::vault::Secret;

/// How a token is obtained (Postman's `grant_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Grant {
    /// `authorization_code`: the user signs in in the browser; the code comes back to a
    /// loopback redirect.
    AuthorizationCode,
    /// `authorization_code_with_pkce`: the same, with a PKCE code challenge (RFC 7636).
    AuthorizationCodeWithPkce,
    /// `client_credentials`: the client's own identity.
    ClientCredentials,
    /// `password_credentials` (or `password`): the resource owner's username and password.
    Password,
}

/// How the client proves its identity to the token endpoint (`client_authentication`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `header`: HTTP Basic with the client id and secret (Postman's default).
    Header,
    /// `body`: `client_id` and `client_secret` in the form body.
    Body,
}

/// PKCE code challenge method (`challengeAlgorithm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeMethod {
    /// `S256`: the challenge is base64url(SHA-256(verifier)) (Postman's default).
    S256,
    /// `plain`: the challenge is the verifier.
    Plain,
}

/// An OAuth 2.0 auth's settings, every parameter rendered. Secrets are [`Secret`]s, so `Debug`
/// shows none.
#[derive(Debug, Clone)]
pub struct Config {
    /// The grant.
    pub grant: Grant,
    /// `accessTokenUrl`: where codes, credentials and refresh tokens are exchanged for tokens.
    pub access_token_url: String,
    /// `authUrl`: where the browser signs the user in (authorization code grants).
    pub auth_url: String,
    /// `clientId`.
    pub client_id: String,
    /// `clientSecret`; empty for a public client.
    pub client_secret: Secret,
    /// `scope`, space-separated; empty sends none.
    pub scope: String,
    /// `state`; empty means a random one per authorisation.
    pub state: String,
    /// `username` (password grant).
    pub username: String,
    /// `password` (password grant).
    pub password: Secret,
    /// `redirect_uri`: must be a loopback `http://127.0.0.1:PORT/PATH` (or `localhost`); empty
    /// means `http://127.0.0.1:<free port>/callback`.
    pub redirect_uri: String,
    /// `code_verifier`; empty means a random one per authorisation.
    pub code_verifier: Secret,
    /// `challengeAlgorithm`.
    pub challenge_method: ChallengeMethod,
    /// `refreshTokenUrl`; empty means the access token URL.
    pub refresh_token_url: String,
    /// `client_authentication`.
    pub client_auth: ClientAuth,
    /// `tokenName`: the user's label for the token.
    pub token_name: String,
    /// Variables left unresolved in these settings, with their place (`auth.clientSecret`).
    pub unresolved: Vec<Unresolved>,
}

impl Config {
    /// Renders the grant settings of `auth` (which must be OAuth 2.0) with `vars`. An unknown
    /// grant, client authentication or challenge method fails naming the field.
    pub fn from_auth(auth: &Auth, vars: &Variables) -> Result<Config> {
        if auth.mode != AuthMode::Oauth2 {
            return Err(HttpError::InvalidAuth {
                field: "auth.type".into(),
                reason: "the auth in force is not OAuth 2.0".into(),
            });
        }
        let mut r = Renderer::new(vars);
        let mut param = |key: &str| {
            let raw = auth.param(key).unwrap_or_default();
            r.render(raw, || format!("auth.{key}")).trim().to_string()
        };
        let grant = match param("grant_type").as_str() {
            "" | "authorization_code" => Grant::AuthorizationCode,
            "authorization_code_with_pkce" => Grant::AuthorizationCodeWithPkce,
            "client_credentials" => Grant::ClientCredentials,
            "password" | "password_credentials" => Grant::Password,
            "implicit" => {
                return Err(HttpError::InvalidAuth {
                    field: "auth.grant_type".into(),
                    reason: "the implicit grant is not supported (OAuth 2.0 security advice \
                             retires it): use authorization_code_with_pkce"
                        .into(),
                });
            }
            other => {
                return Err(HttpError::InvalidAuth {
                    field: "auth.grant_type".into(),
                    reason: format!("unknown grant type {other:?}"),
                });
            }
        };
        let client_auth = match param("client_authentication").as_str() {
            "" | "header" => ClientAuth::Header,
            "body" => ClientAuth::Body,
            other => {
                return Err(HttpError::InvalidAuth {
                    field: "auth.client_authentication".into(),
                    reason: format!("unknown value {other:?} (expected header or body)"),
                });
            }
        };
        let challenge_method = match param("challengeAlgorithm").as_str() {
            "" | "S256" | "s256" => ChallengeMethod::S256,
            "plain" => ChallengeMethod::Plain,
            other => {
                return Err(HttpError::InvalidAuth {
                    field: "auth.challengeAlgorithm".into(),
                    reason: format!("unknown value {other:?} (expected S256 or plain)"),
                });
            }
        };
        let config = Config {
            grant,
            access_token_url: param("accessTokenUrl"),
            auth_url: param("authUrl"),
            client_id: param("clientId"),
            client_secret: Secret::from(param("clientSecret")),
            scope: param("scope"),
            state: param("state"),
            username: param("username"),
            password: Secret::from(param("password")),
            redirect_uri: param("redirect_uri"),
            code_verifier: Secret::from(param("code_verifier")),
            challenge_method,
            refresh_token_url: param("refreshTokenUrl"),
            client_auth,
            token_name: param("tokenName"),
            unresolved: Vec::new(),
        };
        Ok(Config {
            unresolved: r.unresolved,
            ..config
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config> {
        Config::from_auth(
            &Auth::with_params(AuthMode::Oauth2, pairs),
            &Variables::new(),
        )
    }

    #[test]
    fn postman_grant_names_are_understood() {
        for (name, grant) in [
            ("", Grant::AuthorizationCode),
            (
                "authorization_code_with_pkce",
                Grant::AuthorizationCodeWithPkce,
            ),
            ("client_credentials", Grant::ClientCredentials),
            ("password_credentials", Grant::Password),
        ] {
            assert_eq!(config(&[("grant_type", name)]).expect("ok").grant, grant);
        }
    }

    #[test]
    fn bad_values_name_their_field_and_secrets_stay_hidden() {
        let e = config(&[("grant_type", "device")]).expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "auth.grant_type: unknown grant type \"device\""
        );
        let e = config(&[("client_authentication", "jwt")]).expect_err("unknown");
        assert!(e.to_string().starts_with("auth.client_authentication: "));
        let e = config(&[("challengeAlgorithm", "S512")]).expect_err("unknown");
        assert!(e.to_string().starts_with("auth.challengeAlgorithm: "));
        let c = config(&[("clientSecret", "s3cr3t"), ("scope", "a {{b}}")]).expect("ok");
        assert!(!format!("{c:?}").contains("s3cr3t"));
        assert_eq!(c.unresolved[0].place, "auth.scope");
        let e = Config::from_auth(&Auth::inherit(), &Variables::new()).expect_err("not oauth2");
        assert_eq!(
            e.to_string(),
            "auth.type: the auth in force is not OAuth 2.0"
        );
    }
}
