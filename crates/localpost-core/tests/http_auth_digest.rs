//! HTTP Digest against a loopback server that issues its own nonces and checks every answer
//! with its own computation from the password: the 401 challenge and the one retry, each
//! algorithm, auth-int over a body, a pre-filled nonce sent on the first try,
//! `disableRetryRequest`, and a wrong password passed through as the server's 401.

use crate::fixture;
use crate::server;

use std::sync::{Arc, Mutex};

use fixture::{Fixture, send};
use localpost_core::model::{Auth, AuthMode, Body};
use localpost_core::template::{Scope, Variables};
use md5::Digest as _;
use server::{Recorded, Reply, Server};

const REALM: &str = "loopback@localpost";
const PASSWORD: &str = "Circle of Life";

/// A digest-protected resource: `algorithm` and `qop` are what it offers.
struct Protected {
    algorithm: &'static str,
    qop: &'static str,
    /// Asks for the username hashed (RFC 7616 §3.4.4).
    userhash: bool,
    nonces: Mutex<Vec<String>>,
}

impl Protected {
    fn new(algorithm: &'static str, qop: &'static str) -> Arc<Protected> {
        Arc::new(Protected {
            algorithm,
            qop,
            userhash: false,
            nonces: Mutex::new(vec!["prefilled-nonce".into()]),
        })
    }

    fn handle(&self, req: &Recorded) -> Reply {
        match req.header("authorization") {
            Some(auth) if self.verify(req, auth) => Reply::text("welcome"),
            _ => {
                let nonce = {
                    let mut nonces = self.nonces.lock().expect("nonces");
                    let n = format!("nonce-{}", nonces.len());
                    nonces.push(n.clone());
                    n
                };
                let qop = if self.qop.is_empty() {
                    String::new()
                } else {
                    format!(", qop=\"{}\"", self.qop)
                };
                Reply::status(401).header(
                    "www-authenticate",
                    &format!(
                        "Digest realm=\"{REALM}\"{qop}, algorithm={}, nonce=\"{nonce}\", \
                         opaque=\"op-aque\"{}",
                        self.algorithm,
                        if self.userhash { ", userhash=true" } else { "" }
                    ),
                )
            }
        }
    }

    /// Recomputes the response from the password, as RFC 7616 says a server does.
    fn verify(&self, req: &Recorded, header: &str) -> bool {
        let Some(params) = header.strip_prefix("Digest ") else {
            return false;
        };
        let p = |key: &str| -> String {
            params
                .split(", ")
                .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
                .map(|v| v.trim_matches('"').to_string())
                .unwrap_or_default()
        };
        if !self.nonces.lock().expect("nonces").contains(&p("nonce"))
            || p("uri") != req.target
            || p("realm") != REALM
            || !p("algorithm").eq_ignore_ascii_case(self.algorithm)
        {
            return false;
        }
        let name = self.algorithm.to_ascii_uppercase();
        let h = |data: String| -> String {
            let sha = if name.starts_with("SHA-512-256") {
                Some(&ring::digest::SHA512_256)
            } else if name.starts_with("SHA-256") {
                Some(&ring::digest::SHA256)
            } else {
                None
            };
            let bytes: Vec<u8> = match sha {
                Some(alg) => ring::digest::digest(alg, data.as_bytes()).as_ref().to_vec(),
                None => md5::Md5::digest(data.as_bytes()).to_vec(),
            };
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        };
        let username = if self.userhash {
            if p("userhash") != "true" || p("username") != h(format!("Mufasa:{REALM}")) {
                return false;
            }
            "Mufasa".to_string()
        } else {
            p("username")
        };
        let mut ha1 = h(format!("{username}:{REALM}:{PASSWORD}"));
        if self.algorithm.to_ascii_lowercase().ends_with("-sess") {
            ha1 = h(format!("{ha1}:{}:{}", p("nonce"), p("cnonce")));
        }
        let ha2 = if p("qop") == "auth-int" {
            h(format!("{}:{}:{}", req.method, req.target, h(req.text())))
        } else {
            h(format!("{}:{}", req.method, req.target))
        };
        let expected = if p("qop").is_empty() {
            h(format!("{ha1}:{}:{ha2}", p("nonce")))
        } else {
            h(format!(
                "{ha1}:{}:{}:{}:{}:{ha2}",
                p("nonce"),
                p("nc"),
                p("cnonce"),
                p("qop")
            ))
        };
        username == "Mufasa" && p("response") == expected && p("opaque") == "op-aque"
    }
}

fn server(protected: Arc<Protected>) -> Server {
    Server::start(move |req| protected.handle(req))
}

fn digest(extra: &[(&str, &str)]) -> Auth {
    let mut params = vec![("username", "{{user}}"), ("password", PASSWORD)];
    params.extend_from_slice(extra);
    Auth::with_params(AuthMode::Digest, &params)
}

fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(Scope::Environment, "user", "Mufasa");
    v
}

#[tokio::test]
async fn a_401_challenge_is_answered_once_for_every_algorithm() {
    for algorithm in [
        "MD5",
        "MD5-sess",
        "SHA-256",
        "SHA-256-sess",
        "SHA-512-256",
        "SHA-512-256-sess",
    ] {
        let protected = Protected::new(algorithm, "auth");
        let server = server(Arc::clone(&protected));
        let fx = Fixture::new();
        let req = fx.request("GET", &server.url("/dir/index.html?x=1"), |r| {
            r.auth = digest(&[]);
        });
        let ex = send(&req, &vars()).await.expect("sent");
        assert_eq!(ex.response.status, 200, "{algorithm}");
        let hits = server.hits();
        assert_eq!(hits.len(), 2, "{algorithm}: challenge, then answer");
        assert_eq!(hits[0].header("authorization"), None);
        let answer = hits[1].header("authorization").expect("answered");
        assert!(answer.contains("qop=auth, nc=00000001"), "{answer}");
        assert!(answer.contains("opaque=\"op-aque\""), "{answer}");
        let shown = ex
            .request
            .headers
            .iter()
            .find(|h| h.is_named("authorization"))
            .expect("the sent request shows the answer");
        assert!(shown.is_sensitive);
    }
}

#[tokio::test]
async fn a_server_asking_for_userhash_gets_the_hashed_username() {
    let protected = Arc::new(Protected {
        algorithm: "SHA-512-256",
        qop: "auth",
        userhash: true,
        nonces: Mutex::new(Vec::new()),
    });
    let server = server(Arc::clone(&protected));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/doe.json"), |r| r.auth = digest(&[]));
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    let hits = server.hits();
    let answer = hits[1].header("authorization").expect("answered");
    assert!(answer.ends_with(", userhash=true"), "{answer}");
    assert!(!answer.contains("Mufasa"), "{answer}");
}

#[tokio::test]
async fn auth_int_covers_the_body_and_rfc_2069_has_no_qop() {
    let protected = Protected::new("MD5", "auth-int");
    let server = server(Arc::clone(&protected));
    let fx = Fixture::new();
    let req = fx.request("POST", &server.url("/upload"), |r| {
        r.auth = digest(&[("qop", "auth-int")]);
        r.body = Body::Raw {
            text: "{\"name\":\"simba\"}".into(),
            language: Default::default(),
        };
    });
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    assert!(
        server.hits()[1]
            .header("authorization")
            .expect("answer")
            .contains("qop=auth-int")
    );

    let legacy = self::server(Protected::new("MD5", ""));
    let req = fx.request("GET", &legacy.url("/old"), |r| r.auth = digest(&[]));
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    assert!(
        !legacy.hits()[1]
            .header("authorization")
            .expect("answer")
            .contains("qop")
    );
}

#[tokio::test]
async fn a_prefilled_nonce_signs_the_first_try() {
    let server = server(Protected::new("SHA-256", "auth"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/p"), |r| {
        r.auth = digest(&[
            ("realm", REALM),
            ("nonce", "prefilled-nonce"),
            ("algorithm", "SHA-256"),
            ("qop", "auth"),
            ("nonceCount", "00000002"),
            ("clientNonce", "abcdef"),
            ("opaque", "op-aque"),
        ]);
    });
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    let hit = server.hit();
    let answer = hit.header("authorization").expect("signed");
    assert!(
        answer.contains("nc=00000002, cnonce=\"abcdef\""),
        "{answer}"
    );
}

#[tokio::test]
async fn disable_retry_request_passes_the_401_through() {
    let server = server(Protected::new("MD5", "auth"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/p"), |r| {
        r.auth = digest(&[]);
        r.auth.params.push(localpost_core::model::AuthParam {
            key: "disableRetryRequest".into(),
            value: serde_json::Value::Bool(true),
            kind: "boolean".into(),
        });
    });
    let ex = send(&req, &vars()).await.expect("sent");
    assert_eq!(ex.response.status, 401);
    assert_eq!(server.hits().len(), 1);
}

#[tokio::test]
async fn a_wrong_password_gets_the_servers_401_after_one_answer() {
    let server = server(Protected::new("MD5", "auth"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/p"), |r| {
        r.auth = Auth::with_params(
            AuthMode::Digest,
            &[("username", "Mufasa"), ("password", "wrong")],
        );
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.status, 401);
    assert_eq!(server.hits().len(), 2, "one answer, no loop");
}

#[tokio::test]
async fn invalid_params_fail_before_anything_is_sent() {
    let server = server(Protected::new("MD5", "auth")).allow_no_hits();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/p"), |r| {
        r.auth = digest(&[("algorithm", "X")]);
    });
    let e = send(&req, &vars()).await.expect_err("refused");
    assert_eq!(
        e.to_string(),
        "auth.algorithm: unknown digest algorithm \"X\""
    );
    assert!(server.hits().is_empty());
}

#[tokio::test]
async fn a_challenge_with_an_unknown_algorithm_is_a_clear_error() {
    let server = Server::start(|_| {
        Reply::status(401).header(
            "www-authenticate",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1, qop=\"auth\"",
        )
    });
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/p"), |r| r.auth = digest(&[]));
    let e = send(&req, &vars()).await.expect_err("refused");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot answer the digest challenge from {}: unsupported algorithm \"SHA-1\"",
            server.url("")
        )
    );
    assert!(!e.to_string().contains(PASSWORD));
}
