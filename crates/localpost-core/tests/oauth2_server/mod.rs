//! A loopback OAuth 2.0 provider for black-box tests: `/authorize` (redirects to the client's
//! loopback with a code), `/token` (checks the grant, the client's authentication and the PKCE
//! verifier against the challenge it was sent) and `/resource` (accepts only tokens it issued).
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;

use super::server::{Recorded, Reply, Server};

pub const CLIENT_ID: &str = "localpost-app";
pub const CLIENT_SECRET: &str = "cl!ent-s3cret";
pub const USER: &str = "ada";
pub const PASSWORD: &str = "lovelace-1815";

/// What `/authorize` was asked, kept until the code is exchanged.
#[derive(Debug, Clone)]
struct Pending {
    redirect_uri: String,
    challenge: Option<(String, String)>,
}

/// The provider's state.
#[derive(Default)]
pub struct Provider {
    codes: Mutex<HashMap<String, Pending>>,
    access: Mutex<Vec<String>>,
    refresh: Mutex<Vec<String>>,
    issued: Mutex<usize>,
    /// Sends back this state instead of the client's (a forged redirect).
    pub forge_state: Mutex<bool>,
}

fn form(body: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn error(status: u16, code: &str, description: &str) -> Reply {
    Reply::text(format!(
        "{{\"error\":\"{code}\",\"error_description\":\"{description}\"}}"
    ))
    .with_status(status)
    .header("content-type", "application/json")
}

impl Provider {
    pub fn start() -> (Arc<Provider>, Server) {
        let provider = Arc::new(Provider::default());
        let handler = Arc::clone(&provider);
        (provider, Server::start(move |req| handler.handle(req)))
    }

    /// Whether `token` is an access token this provider issued.
    pub fn accepts(&self, token: &str) -> bool {
        self.access.lock().expect("lock").iter().any(|t| t == token)
    }

    fn handle(&self, req: &Recorded) -> Reply {
        let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
        match path {
            "/authorize" => self.authorize(&form(query.as_bytes())),
            "/token" => self.token(req),
            "/resource" => {
                let bearer = req
                    .header("authorization")
                    .and_then(|a| a.strip_prefix("Bearer "));
                let query_token = form(query.as_bytes()).remove("access_token");
                match bearer.map(str::to_string).or(query_token) {
                    Some(t) if self.accepts(&t) => Reply::text("secret data"),
                    _ => Reply::status(401),
                }
            }
            _ => Reply::status(404),
        }
    }

    fn authorize(&self, q: &HashMap<String, String>) -> Reply {
        if q.get("response_type").map(String::as_str) != Some("code")
            || q.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        {
            return Reply::status(400);
        }
        let Some(redirect_uri) = q.get("redirect_uri") else {
            return Reply::status(400);
        };
        let code = format!("code-{}", self.codes.lock().expect("lock").len());
        let challenge = q.get("code_challenge").map(|c| {
            let method = q
                .get("code_challenge_method")
                .cloned()
                .unwrap_or("plain".into());
            (c.clone(), method)
        });
        self.codes.lock().expect("lock").insert(
            code.clone(),
            Pending {
                redirect_uri: redirect_uri.clone(),
                challenge,
            },
        );
        let state = if *self.forge_state.lock().expect("lock") {
            "forged".to_string()
        } else {
            q.get("state").cloned().unwrap_or_default()
        };
        let location = format!(
            "{redirect_uri}?code={code}&state={}",
            url::form_urlencoded::byte_serialize(state.as_bytes()).collect::<String>()
        );
        Reply::status(302).header("location", &location)
    }

    /// The client id proven by Basic auth or the body; `None` if the secret is wrong.
    fn client(&self, req: &Recorded, f: &HashMap<String, String>) -> Option<String> {
        if let Some(basic) = req
            .header("authorization")
            .and_then(|a| a.strip_prefix("Basic "))
        {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(basic)
                .ok()?;
            let text = String::from_utf8(decoded).ok()?;
            let (id, secret) = text.split_once(':')?;
            return (secret == CLIENT_SECRET).then(|| id.to_string());
        }
        let id = f.get("client_id")?;
        match f.get("client_secret") {
            Some(secret) => (secret == CLIENT_SECRET).then(|| id.clone()),
            // A public client: only for PKCE.
            None => f.contains_key("code_verifier").then(|| id.clone()),
        }
    }

    fn token(&self, req: &Recorded) -> Reply {
        if req.method != "POST"
            || !req
                .header("content-type")
                .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
        {
            return error(400, "invalid_request", "expected a form POST");
        }
        let f = form(&req.body);
        if self.client(req, &f).as_deref() != Some(CLIENT_ID) {
            return error(401, "invalid_client", "client authentication failed");
        }
        let ok = match f.get("grant_type").map(String::as_str) {
            Some("client_credentials") => true,
            Some("password") => {
                f.get("username").map(String::as_str) == Some(USER)
                    && f.get("password").map(String::as_str) == Some(PASSWORD)
            }
            Some("authorization_code") => self.check_code(&f),
            Some("refresh_token") => f
                .get("refresh_token")
                .is_some_and(|t| self.refresh.lock().expect("lock").contains(t)),
            _ => return error(400, "unsupported_grant_type", "unknown grant"),
        };
        if !ok {
            return error(400, "invalid_grant", "the grant was refused");
        }
        let n = {
            let mut issued = self.issued.lock().expect("lock");
            *issued += 1;
            *issued
        };
        let (access, refresh) = (format!("at-{n}-x9"), format!("rt-{n}-y8"));
        self.access.lock().expect("lock").push(access.clone());
        self.refresh.lock().expect("lock").push(refresh.clone());
        Reply::text(format!(
            "{{\"access_token\":\"{access}\",\"token_type\":\"Bearer\",\"expires_in\":3600,\
             \"refresh_token\":\"{refresh}\",\"scope\":\"{}\"}}",
            f.get("scope").cloned().unwrap_or_default()
        ))
        .header("content-type", "application/json")
    }

    /// RFC 7636 §4.6: the verifier must hash (or equal) the challenge sent to `/authorize`.
    fn check_code(&self, f: &HashMap<String, String>) -> bool {
        let Some(pending) = f
            .get("code")
            .and_then(|c| self.codes.lock().expect("lock").remove(c))
        else {
            return false;
        };
        if f.get("redirect_uri") != Some(&pending.redirect_uri) {
            return false;
        }
        match (pending.challenge, f.get("code_verifier")) {
            (None, _) => true,
            (Some((challenge, method)), Some(verifier)) => {
                let computed = if method == "S256" {
                    let hash = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash.as_ref())
                } else {
                    verifier.clone()
                };
                computed == challenge
            }
            (Some(_), None) => false,
        }
    }
}
