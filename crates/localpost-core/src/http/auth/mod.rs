//! Authorisation: which scheme applies (inheritance) and how it signs the request.
//!
//! As in Postman's runtime, an applied scheme replaces what the user set by hand: basic and
//! bearer remove any `Authorization` header before adding theirs, an API key removes headers or
//! query parameters of its name. Bearer and API key with an empty token or key add nothing.
//! Basic, bearer and API key are applied here, at prepare time. OAuth 1.0, AWS Signature V4,
//! Hawk, Akamai EdgeGrid, JWT and ASAP sign the bytes that are sent: [`signer`] renders their
//! parameters at prepare time and [`sign`] signs once the body is read (see `signer.rs`, and one
//! file per scheme). Schemes that answer a server's challenge (digest, NTLM) are rendered here
//! into a [`Challenge`] that the engine answers at send time ([`send`]); OAuth 2.0 adds its
//! access token here and obtains tokens in [`oauth2`]. Other schemes fail with
//! [`HttpError::UnsupportedAuth`] rather than sending an unsigned request.

mod asap;
mod awsv4;
mod digest;
mod edgegrid;
mod hawk;
mod jwt;
mod keys;
mod ntlm;
mod oauth1;

/// The challenge parsers, for the fuzz targets ([`crate::fuzzing`]).
pub(crate) mod parsers {
    pub(crate) use super::digest::parse_challenges as digest_challenges;
    pub(crate) use super::ntlm::Challenge as NtlmChallenge;
}
pub mod oauth2;
mod signer;

use base64::Engine as _;
pub(crate) use signer::{Signer, sign, signer};

use super::address::Address;
use super::build::Renderer;
use super::{Engine, Exchange, Header, HttpError, PreparedRequest, Result};
use crate::model::{Auth, AuthMode};

/// A scheme answered at send time, its parameters rendered.
#[derive(Debug, Clone)]
pub(crate) enum Challenge {
    /// HTTP Digest: answer a `401` (or sign the first try with a pre-filled nonce).
    Digest(digest::Params),
    /// NTLM: a three-message handshake on one connection.
    Ntlm(ntlm::Params),
}

/// The challenge scheme of `auth`, its parameters rendered and checked; `None` for schemes that
/// [`apply`] signs in full.
pub(crate) fn challenge(auth: &Auth, r: &mut Renderer<'_>) -> Result<Option<Challenge>> {
    Ok(match auth.mode {
        AuthMode::Digest => Some(Challenge::Digest(digest::Params::render(auth, r)?)),
        AuthMode::Ntlm => Some(Challenge::Ntlm(ntlm::Params::render(auth, r))),
        _ => None,
    })
}

/// Sends `request`, answering its auth challenge if it has one.
pub(crate) async fn send(engine: &Engine, request: &PreparedRequest) -> Result<Exchange> {
    let Some(challenge) = &request.challenge else {
        return engine.run(request).await;
    };
    // NTLM authenticates a connection: every try goes on one.
    let client = match challenge {
        Challenge::Ntlm(_) => Some(engine.single_connection_client(&request.settings).await?),
        Challenge::Digest(_) => None,
    };
    let run = Run {
        engine,
        client: client.as_ref(),
    };
    answer_with(challenge, request, &run).await
}

/// What answering a challenge needs to see of an attempt: an HTTP exchange, or a WebSocket
/// handshake the server refused or accepted.
pub(crate) trait Answered {
    /// The response's status.
    fn status(&self) -> u16;
    /// The response's headers.
    fn headers(&self) -> &[Header];
}

impl Answered for Exchange {
    fn status(&self) -> u16 {
        self.response.status
    }

    fn headers(&self) -> &[Header] {
        &self.response.headers
    }
}

/// One try of a request whose auth answers a challenge: an HTTP send, or a WebSocket
/// handshake. For NTLM every try must go on one connection.
pub(crate) trait Attempt {
    /// What a try gives.
    type Answer: Answered;
    /// How a try fails.
    type Error: From<HttpError>;
    /// Makes `request` once.
    fn attempt(
        &self,
        request: &PreparedRequest,
    ) -> impl Future<Output = std::result::Result<Self::Answer, Self::Error>> + Send;
}

/// Sends with [`Engine::run_on`] (on `client`) or [`Engine::run`].
struct Run<'a> {
    engine: &'a Engine,
    client: Option<&'a reqwest::Client>,
}

impl Attempt for Run<'_> {
    type Answer = Exchange;
    type Error = HttpError;

    async fn attempt(&self, request: &PreparedRequest) -> Result<Exchange> {
        match self.client {
            Some(client) => self.engine.run_on(client, request).await,
            None => self.engine.run(request).await,
        }
    }
}

/// Makes `request` with `attempt` (a WebSocket handshake, say), answering its challenge scheme
/// as [`send`] does. For NTLM, `attempt` must use one connection for every try (a client from
/// [`Engine::single_connection_client`]).
pub(crate) async fn answer_with<A: Attempt + Sync>(
    challenge: &Challenge,
    request: &PreparedRequest,
    attempt: &A,
) -> std::result::Result<A::Answer, A::Error> {
    match challenge {
        Challenge::Digest(params) => digest::answer_with(request, params, attempt).await,
        Challenge::Ntlm(params) => ntlm::answer_with(request, params, attempt).await,
    }
}

/// Whether a boolean parameter is set (`true`, or the text `"true"`).
fn flag(auth: &Auth, key: &str) -> bool {
    auth.params.iter().any(|p| {
        p.key == key && (p.value.as_bool() == Some(true) || p.value.as_str() == Some("true"))
    })
}

/// `request` with its `Authorization` headers replaced by `value`.
fn authorized(request: &PreparedRequest, value: String) -> PreparedRequest {
    let mut signed = request.clone();
    set_header(&mut signed.headers, "Authorization", value);
    signed
}

/// The scheme in force: the first of `own` and its ancestors (nearest first) that does not say
/// `inherit`. `None` when that is `noauth`, or when everything inherits.
pub(crate) fn effective<'a>(
    own: &'a Auth,
    ancestors: impl IntoIterator<Item = &'a Auth>,
) -> Option<&'a Auth> {
    std::iter::once(own)
        .chain(ancestors)
        .find(|a| a.mode != AuthMode::Inherit)
        .filter(|a| a.mode != AuthMode::None)
}

/// The parts of a request being prepared that auth writes to.
pub(crate) struct Target<'a> {
    pub headers: &'a mut Vec<Header>,
    pub address: &'a mut Address,
    /// Query parameters that carry a secret (masked where the request is shown).
    pub sensitive_query: &'a mut Vec<String>,
}

/// Signs the request with `auth`, rendering its parameters.
pub(crate) fn apply(auth: &Auth, r: &mut Renderer<'_>, target: Target<'_>) -> Result<()> {
    let Target {
        headers,
        address,
        sensitive_query,
    } = target;
    let mut param = |key: &str| {
        let raw = auth.param(key).unwrap_or_default();
        r.render(raw, || format!("auth.{key}"))
    };
    match &auth.mode {
        AuthMode::Inherit | AuthMode::None => {}
        AuthMode::Basic => {
            let credentials = format!("{}:{}", param("username"), param("password"));
            let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
            set_header(headers, "Authorization", format!("Basic {encoded}"));
        }
        AuthMode::Bearer => {
            let token = param("token");
            if !token.is_empty() {
                set_header(headers, "Authorization", format!("Bearer {token}"));
            }
        }
        AuthMode::Apikey => {
            let key = param("key");
            let value = param("value");
            let place = auth.param("in").unwrap_or("header");
            if key.is_empty() {
                return Ok(());
            }
            if place.eq_ignore_ascii_case("query") {
                address.replace_param(&key, &value);
                sensitive_query.push(key);
            } else {
                set_header(headers, &key, value);
            }
        }
        // Answered at send time: see `challenge`.
        AuthMode::Digest | AuthMode::Ntlm => {}
        AuthMode::Oauth2 => oauth2::apply(
            auth,
            r,
            Target {
                headers,
                address,
                sensitive_query,
            },
        )?,
        // Signed at send time, by `signer`.
        AuthMode::Oauth1
        | AuthMode::Awsv4
        | AuthMode::Hawk
        | AuthMode::Edgegrid
        | AuthMode::Jwt
        | AuthMode::Asap => {}
        other => {
            let mode = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_else(|| format!("{other:?}").to_lowercase());
            return Err(HttpError::UnsupportedAuth { mode });
        }
    }
    Ok(())
}

/// Removes every header named `name` and appends a sensitive one.
fn set_header(headers: &mut Vec<Header>, name: &str, value: String) {
    headers.retain(|h| !h.is_named(name));
    headers.push(Header::sensitive(name, value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Variables;

    fn auth(mode: AuthMode, params: &[(&str, &str)]) -> Auth {
        Auth::with_params(mode, params)
    }

    #[test]
    fn inheritance_walks_up_and_noauth_stops_it() {
        let inherit = Auth::inherit();
        let none = auth(AuthMode::None, &[]);
        let bearer = auth(AuthMode::Bearer, &[("token", "t")]);
        assert_eq!(
            effective(&inherit, [&inherit, &bearer]).map(|a| &a.mode),
            Some(&AuthMode::Bearer)
        );
        assert_eq!(effective(&inherit, [&none, &bearer]), None);
        assert_eq!(effective(&inherit, [&inherit]), None);
        assert_eq!(
            effective(&bearer, [&none]).map(|a| &a.mode),
            Some(&AuthMode::Bearer)
        );
    }

    #[test]
    fn a_scheme_postman_does_not_define_is_refused_by_name() {
        let vars = Variables::new();
        let mut r = Renderer::new(&vars);
        let mut address = Address::parse("http://h/").expect("parse");
        let e = apply(
            &auth(AuthMode::Other("mtls".into()), &[]),
            &mut r,
            Target {
                headers: &mut Vec::new(),
                address: &mut address,
                sensitive_query: &mut Vec::new(),
            },
        )
        .expect_err("unsupported");
        assert_eq!(e.to_string(), "mtls auth is not supported yet");
    }
}
