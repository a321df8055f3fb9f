//! ASAP: the server splits the bearer token, verifies its signature (ring's RSA and ECDSA
//! verification; ES512 with the `openssl` command) against the service's public key, and
//! checks the claims ASAP requires: `iss`, `sub`, `aud`, a fresh UUID `jti`, `iat` now and
//! `exp` an hour (or `exp` seconds) later, and the `kid` in the header.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use localpost_core::model::AuthMode;
use localpost_core::template::{Scope, Variables};
use ring::signature::{self, UnparsedPublicKey};
use serde_json::{Value, json};

use super::server::Recorded;
use super::verify::*;

fn b64url(s: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|e| e.to_string())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Verifies the token in `Authorization: Bearer …`; returns its header and claims.
fn verify_token(r: &Recorded) -> Result<(Value, Value), String> {
    let token = r
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or("no bearer token")?;
    let parts: Vec<&str> = token.split('.').collect();
    let [h, p, s] = parts[..] else {
        return Err("not a compact JWS".into());
    };
    let header: Value = serde_json::from_slice(&b64url(h)?).map_err(|e| e.to_string())?;
    let claims: Value = serde_json::from_slice(&b64url(p)?).map_err(|e| e.to_string())?;
    let input = format!("{h}.{p}");
    let sig = b64url(s)?;
    let public = |a: &'static dyn signature::VerificationAlgorithm, key: Vec<u8>| {
        UnparsedPublicKey::new(a, key)
            .verify(input.as_bytes(), &sig)
            .is_ok()
    };
    let ok = match header["alg"].as_str().ok_or("no alg")? {
        "RS256" => public(&signature::RSA_PKCS1_2048_8192_SHA256, rsa_public()),
        "PS384" => public(&signature::RSA_PSS_2048_8192_SHA384, rsa_public()),
        "ES256" => public(
            &signature::ECDSA_P256_SHA256_FIXED,
            ec_public(
                "ec-p256-pkcs8.pem",
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            ),
        ),
        "ES512" => openssl_verifies_es512(input.as_bytes(), &sig),
        other => return Err(format!("unexpected alg {other}")),
    };
    if !ok {
        return Err("bad signature".into());
    }
    Ok((header, claims))
}

/// The ASAP rules every token must meet.
fn verify(r: &Recorded) -> Result<(), String> {
    let (header, claims) = verify_token(r)?;
    let object = header.as_object().ok_or("header")?;
    if object.len() != 2 || header["kid"] != "svc/key-1" {
        return Err(format!("header {header}"));
    }
    let jti = claims["jti"].as_str().ok_or("no jti")?;
    let uuid_shape = jti.len() == 36 && jti.as_bytes()[14] == b'4';
    let iat = claims["iat"].as_i64().ok_or("no iat")?;
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    if claims["iss"] != "svc" || claims["aud"].is_null() || !uuid_shape {
        return Err(format!("claims {claims}"));
    }
    if (iat - now()).abs() > 60 || exp <= iat {
        return Err(format!("times {claims}"));
    }
    Ok(())
}

fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(Scope::Environment, "issuer", "svc");
    v
}

/// The claims the server saw in the last token.
fn last_claims(server: &super::server::Server) -> Value {
    let hit = server.hits().pop().expect("hit");
    verify_token(&hit).expect("verified").1
}

#[tokio::test]
async fn tokens_signed_with_each_key_type_pass_the_servers_checks() {
    let server = verifying_server(verify);
    let rsa = key_pem("rsa-pkcs8.pem");
    let p256 = key_pem("ec-p256-pkcs8.pem");
    let p521 = key_pem("ec-p521-pkcs8.pem");
    for (alg, key) in [
        ("", &rsa),
        ("PS384", &rsa),
        ("ES256", &p256),
        ("ES512", &p521),
    ] {
        let ex = send_with("GET", &server.url("/asap"), &vars(), |r| {
            r.auth = auth(
                AuthMode::Asap,
                &[
                    ("alg", alg),
                    ("kid", "svc/key-1"),
                    ("iss", "{{issuer}}"),
                    ("aud", "api"),
                    ("privateKey", key),
                ],
            );
        })
        .await
        .expect("sent");
        assert_verified(&ex);
        let claims = last_claims(&server);
        assert_eq!(claims["sub"], "svc", "{alg}: sub falls back to iss");
        assert_eq!(claims["aud"], "api");
        let lifetime = claims["exp"].as_i64().unwrap_or(0) - claims["iat"].as_i64().unwrap_or(0);
        assert_eq!(lifetime, 3600, "{alg}");
        let sent = ex
            .request
            .headers
            .iter()
            .find(|h| h.is_named("authorization"))
            .expect("sent");
        assert!(sent.is_sensitive);
    }
    // Each token has its own jti.
    let jtis: Vec<Value> = server
        .hits()
        .iter()
        .map(|h| verify_token(h).expect("ok").1["jti"].clone())
        .collect();
    assert!(jtis.iter().enumerate().all(|(i, j)| !jtis[..i].contains(j)));
}

#[tokio::test]
async fn claims_win_over_parameters_and_a_data_uri_key_is_read() {
    let server = verifying_server(verify);
    let rsa = key_pem("rsa-pkcs8.pem");
    let der = base64::engine::general_purpose::STANDARD.encode(pkcs8_der(&rsa));
    let data_uri = format!("data:application/pkcs8;kid=svc%2Fkey-1;base64,{der}");
    // Postman drops a key's line breaks; the engine puts them back.
    let one_line = rsa.replace('\n', "");
    for key in [&data_uri, &one_line] {
        send_with("POST", &server.url("/asap"), &vars(), |r| {
            r.auth = auth(
                AuthMode::Asap,
                &[
                    ("kid", "svc/key-1"),
                    ("iss", "svc"),
                    ("aud", "ignored"),
                    ("sub", "param-sub"),
                    ("exp", "120"),
                    ("privateKey", key),
                    (
                        "claims",
                        r#"{"aud": ["a1", "a2"], "sub": "claim-sub", "tenant": "t-9"}"#,
                    ),
                ],
            );
        })
        .await
        .map(|ex| assert_verified(&ex))
        .expect("sent");
        let claims = last_claims(&server);
        assert_eq!(claims["aud"], json!(["a1", "a2"]));
        assert_eq!(claims["sub"], "claim-sub");
        assert_eq!(claims["tenant"], "t-9");
        let lifetime = claims["exp"].as_i64().unwrap_or(0) - claims["iat"].as_i64().unwrap_or(0);
        assert_eq!(lifetime, 120);
    }
}

#[tokio::test]
async fn missing_claims_bad_keys_and_algorithms_name_the_field() {
    let server = super::server::Server::start(|_| super::server::Reply::text("ok")).allow_no_hits();
    let rsa = key_pem("rsa-pkcs8.pem");
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("iss", "svc"), ("aud", "a"), ("privateKey", &rsa)],
            "auth.kid: required by ASAP",
        ),
        (
            &[("kid", "k"), ("iss", "svc"), ("privateKey", &rsa)],
            "auth.aud: required by ASAP",
        ),
        (
            &[("alg", "HS256"), ("kid", "k"), ("iss", "svc"), ("aud", "a")],
            "auth.alg: unknown ASAP algorithm \"HS256\" (expected RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512)",
        ),
        (
            &[("kid", "k"), ("iss", "s"), ("aud", "a"), ("exp", "soon")],
            "auth.exp: expected a number of seconds",
        ),
        (
            &[
                ("kid", "k"),
                ("iss", "s"),
                ("aud", "a"),
                ("privateKey", "hunter2"),
            ],
            "auth.privateKey: not a PEM private key (expected BEGIN PRIVATE KEY)",
        ),
        (
            &[
                ("kid", "k"),
                ("iss", "s"),
                ("aud", "a"),
                ("privateKey", &rsa),
                ("claims", "{\"sub\": hunter2}"),
            ],
            "auth.claims: invalid JSON at line 1 column 9",
        ),
    ];
    for (params, expected) in cases {
        let e = send_with("GET", &server.url("/"), &Variables::new(), |r| {
            r.auth = auth(AuthMode::Asap, params);
        })
        .await
        .expect_err(expected);
        assert_eq!(e.to_string(), expected);
        assert!(!e.to_string().contains("hunter2"));
    }
}
