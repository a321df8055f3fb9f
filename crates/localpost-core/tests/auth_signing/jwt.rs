//! JWT bearer: the server splits the token, verifies its signature (HMAC, or RSA / RSA-PSS /
//! ECDSA with ring's public-key verification; ES512 with the `openssl` command, as ring has no
//! P-521) and reads the claims.

use base64::Engine as _;
use localpost_core::model::AuthMode;
use localpost_core::template::{Scope, Variables};
use ring::signature::{self, UnparsedPublicKey};
use serde_json::json;

use super::server::Recorded;
use super::verify::*;

const SECRET: &[u8] = b"a-secret-of-at-least-32-bytes-long!";

fn b64url(s: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|e| e.to_string())
}

/// Verifies `token` and returns its header and claims.
fn verify_token(token: &str) -> Result<(serde_json::Value, serde_json::Value), String> {
    let parts: Vec<&str> = token.split('.').collect();
    let [h, p, s] = parts[..] else {
        return Err("not a compact JWS".into());
    };
    let header: serde_json::Value =
        serde_json::from_slice(&b64url(h)?).map_err(|e| e.to_string())?;
    let claims: serde_json::Value =
        serde_json::from_slice(&b64url(p)?).map_err(|e| e.to_string())?;
    let input = format!("{h}.{p}");
    let sig = b64url(s)?;
    let alg = header["alg"].as_str().ok_or("no alg")?;
    let hs = |a| hmac(a, SECRET, input.as_bytes()) == sig;
    let public = |a: &'static dyn signature::VerificationAlgorithm, key: Vec<u8>| {
        UnparsedPublicKey::new(a, key)
            .verify(input.as_bytes(), &sig)
            .is_ok()
    };
    let ok = match alg {
        "HS256" => hs(ring::hmac::HMAC_SHA256),
        "HS384" => hs(ring::hmac::HMAC_SHA384),
        "HS512" => hs(ring::hmac::HMAC_SHA512),
        "RS256" => public(&signature::RSA_PKCS1_2048_8192_SHA256, rsa_public()),
        "RS384" => public(&signature::RSA_PKCS1_2048_8192_SHA384, rsa_public()),
        "RS512" => public(&signature::RSA_PKCS1_2048_8192_SHA512, rsa_public()),
        "PS256" => public(&signature::RSA_PSS_2048_8192_SHA256, rsa_public()),
        "PS384" => public(&signature::RSA_PSS_2048_8192_SHA384, rsa_public()),
        "PS512" => public(&signature::RSA_PSS_2048_8192_SHA512, rsa_public()),
        "ES256" => public(
            &signature::ECDSA_P256_SHA256_FIXED,
            ec_public(
                "ec-p256-pkcs8.pem",
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            ),
        ),
        "ES384" => public(
            &signature::ECDSA_P384_SHA384_FIXED,
            ec_public(
                "ec-p384-pkcs8.pem",
                &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            ),
        ),
        "ES512" => openssl_verifies_es512(input.as_bytes(), &sig),
        other => return Err(format!("unexpected alg {other}")),
    };
    if ok {
        Ok((header, claims))
    } else {
        Err(format!("bad {alg} signature"))
    }
}

/// The token in `Authorization: Bearer …`, or in the `token` query parameter.
fn verify(r: &Recorded) -> Result<(), String> {
    let token = match r.header("authorization") {
        Some(h) => h
            .strip_prefix("Bearer ")
            .ok_or("no Bearer prefix")?
            .to_string(),
        None => {
            let (_, q) = r.target.split_once('?').ok_or("no query")?;
            get(&pairs(q, false), "jwt")
                .ok_or("no jwt param")?
                .to_string()
        }
    };
    let (_, claims) = verify_token(&token)?;
    if claims["sub"] != "user-42" {
        return Err(format!("unexpected claims {claims}"));
    }
    Ok(())
}

fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(Scope::Environment, "userId", "user-42");
    v
}

#[tokio::test]
async fn every_algorithm_signs_a_token_the_server_verifies() {
    let server = verifying_server(verify);
    let rsa = key_pem("rsa-pkcs8.pem");
    let rsa1 = key_pem("rsa-pkcs1.pem");
    let p256 = key_pem("ec-p256-pkcs8.pem");
    let p384 = key_pem("ec-p384-pkcs8.pem");
    let p521 = key_pem("ec-p521-pkcs8.pem");
    let secret = String::from_utf8_lossy(SECRET).into_owned();
    let cases: [(&str, &str); 12] = [
        ("HS256", &secret),
        ("HS384", &secret),
        ("HS512", &secret),
        ("RS256", &rsa),
        ("RS384", &rsa1),
        ("RS512", &rsa),
        ("PS256", &rsa),
        ("PS384", &rsa1),
        ("PS512", &rsa),
        ("ES256", &p256),
        ("ES384", &p384),
        ("ES512", &p521),
    ];
    for (alg, key) in cases {
        let key_param = if alg.starts_with("HS") {
            "secret"
        } else {
            "privateKey"
        };
        let ex = send_with("GET", &server.url("/jwt"), &vars(), |r| {
            r.auth = auth(
                AuthMode::Jwt,
                &[
                    ("algorithm", alg),
                    (key_param, key),
                    ("payload", r#"{"sub": "{{userId}}", "iat": 1516239022}"#),
                    ("header", r#"{"typ": "JWT", "kid": "k1"}"#),
                ],
            );
        })
        .await
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
        assert_verified(&ex);
    }
    let hits = server.hits();
    let token = hits[0].header("authorization").expect("auth")["Bearer ".len()..].to_string();
    let (header, _) = verify_token(&token).expect("verifies");
    assert_eq!(
        header.to_string(),
        r#"{"typ":"JWT","kid":"k1","alg":"HS256"}"#
    );
}

#[tokio::test]
async fn base64_secret_query_placement_and_prefixes() {
    let server = verifying_server(verify);
    let secret = base64::engine::general_purpose::STANDARD.encode(SECRET);
    let ex = send_with("GET", &server.url("/q?jwt=stale&x=1"), &vars(), |r| {
        let mut a = auth(
            AuthMode::Jwt,
            &[
                ("algorithm", "HS256"),
                ("secret", &secret),
                ("payload", r#"{"sub": "{{userId}}"}"#),
                ("addTokenTo", "queryParam"),
                ("queryParamKey", "jwt"),
            ],
        );
        set(&mut a, "isSecretBase64Encoded", json!(true));
        r.auth = a;
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    assert!(hit.target.starts_with("/q?x=1&jwt=ey"), "{}", hit.target);
    assert!(ex.request.url.ends_with("jwt=***"), "{}", ex.request.url);

    let plain = super::server::Server::start(|_| super::server::Reply::text("ok"));
    for (prefix, expected) in [("", "ey"), ("JWT", "JWT ey")] {
        send_with("GET", &plain.url("/p"), &Variables::new(), |r| {
            r.auth = auth(
                AuthMode::Jwt,
                &[
                    ("algorithm", "HS256"),
                    ("secret", "s"),
                    ("headerPrefix", prefix),
                ],
            );
        })
        .await
        .expect("sent");
        let last = plain.hits().pop().expect("hit");
        let value = last.header("authorization").expect("auth").to_string();
        assert!(value.starts_with(expected), "{prefix:?}: {value}");
    }
}

#[tokio::test]
async fn bad_keys_payloads_and_algorithms_name_the_field() {
    let server = super::server::Server::start(|_| super::server::Reply::text("ok")).allow_no_hits();
    let sec1 = key_pem("ec-p256-sec1.pem");
    let p256 = key_pem("ec-p256-pkcs8.pem");
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[
                ("algorithm", "HS256"),
                ("secret", "s"),
                ("payload", "{\"sub\": hunter2}"),
            ],
            "auth.payload: invalid JSON at line 1 column 9",
        ),
        (
            &[("algorithm", "RS256"), ("privateKey", "hunter2")],
            "auth.privateKey: not a PEM private key (expected BEGIN PRIVATE KEY)",
        ),
        (
            &[("algorithm", "ES256"), ("privateKey", &sec1)],
            "auth.privateKey: EC keys must be PKCS #8 (BEGIN PRIVATE KEY); convert with `openssl pkcs8 -topk8 -nocrypt`",
        ),
        (
            &[("algorithm", "ES512"), ("privateKey", &p256)],
            "auth.privateKey: not a usable EC private key for this curve (P-521)",
        ),
        (
            &[("algorithm", "HS999"), ("secret", "hunter2")],
            "auth.algorithm: unknown JWT algorithm \"HS999\" (expected HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512)",
        ),
        (
            &[("algorithm", "HS256"), ("secret", "")],
            "auth.secret: a secret is required",
        ),
    ];
    for (params, expected) in cases {
        let e = send_with("GET", &server.url("/"), &Variables::new(), |r| {
            r.auth = auth(AuthMode::Jwt, params);
        })
        .await
        .expect_err(expected);
        assert_eq!(e.to_string(), expected);
        assert!(!e.to_string().contains("hunter2"));
    }
}

#[tokio::test]
async fn the_verifier_refuses_a_token_signed_with_another_key() {
    let server = verifying_server(verify);
    let ex = send_with("GET", &server.url("/w"), &vars(), |r| {
        r.auth = auth(
            AuthMode::Jwt,
            &[
                ("algorithm", "HS256"),
                ("secret", "other"),
                ("payload", r#"{"sub": "{{userId}}"}"#),
            ],
        );
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 401);
    // The ES512 check refuses a signature over other bytes, and one made with another key.
    let p521 = key_pem("ec-p521-pkcs8.pem");
    let ex = send_with("GET", &server.url("/w"), &vars(), |r| {
        r.auth = auth(
            AuthMode::Jwt,
            &[
                ("algorithm", "ES512"),
                ("privateKey", &p521),
                ("payload", r#"{"sub": "{{userId}}"}"#),
            ],
        );
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 200);
    let token = server.hits().pop().expect("hit");
    let token = token.header("authorization").expect("auth");
    let token = token.strip_prefix("Bearer ").expect("bearer");
    let (input, sig) = token.rsplit_once('.').expect("compact JWS");
    let sig = b64url(sig).expect("base64url");
    assert!(openssl_verifies_es512(input.as_bytes(), &sig));
    assert!(!openssl_verifies_es512(
        format!("{input}x").as_bytes(),
        &sig
    ));
    let mut flipped = sig.clone();
    flipped[131] ^= 1;
    assert!(!openssl_verifies_es512(input.as_bytes(), &flipped));
}
