//! OAuth 1.0a: the server rebuilds RFC 5849's signature base string from what it received and
//! checks the signature (HMAC with ring, RSA with ring's public-key verification).

use localpost_core::model::{AuthMode, Body, KeyValue, RawLanguage};
use localpost_core::template::{Scope, Variables};
use ring::signature::{
    RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey,
};
use serde_json::json;

use super::server::Recorded;
use super::verify::*;

/// The secrets the verifier knows, as the service provider would.
#[derive(Clone)]
struct Secrets {
    consumer: &'static str,
    token: &'static str,
}

/// The OAuth parameters of `r`, from the `Authorization` header, else the body, else the query.
fn protocol_params(r: &Recorded) -> Vec<(String, String)> {
    if let Some(h) = r.header("authorization") {
        let rest = h.strip_prefix("OAuth ").unwrap_or(h);
        return quoted_params(rest)
            .into_iter()
            .map(|(k, v)| (k, unpct(&v, false)))
            .collect();
    }
    let (_, query) = r.target.split_once('?').unwrap_or((&r.target, ""));
    let mut found: Vec<(String, String)> = pairs(query, true);
    found.extend(pairs(&r.text(), true));
    found
        .into_iter()
        .filter(|(k, _)| k.starts_with("oauth_"))
        .collect()
}

/// Verifies `r` as an OAuth 1.0a service provider does.
fn verify(r: &Recorded, secrets: &Secrets) -> Result<(), String> {
    let oauth = protocol_params(r);
    let signature = get(&oauth, "oauth_signature").ok_or("no oauth_signature")?;
    let method = get(&oauth, "oauth_signature_method").ok_or("no signature method")?;

    let (path, query) = r.target.split_once('?').unwrap_or((&r.target, ""));
    let mut params: Vec<(String, String)> = pairs(query, true);
    let is_form = r
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        params.extend(pairs(&r.text(), true));
    }
    if r.header("authorization").is_some() {
        params.extend(oauth.iter().filter(|(k, _)| k != "realm").cloned());
    }
    params.retain(|(k, _)| k != "oauth_signature");
    let mut encoded: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect();
    encoded.sort();
    let uri = format!("http://{}{path}", r.header("host").ok_or("no host")?);
    let base = format!("{}&{}&{}", r.method, pct(&uri), pct(&encoded.join("&")));
    let key = format!("{}&{}", pct(secrets.consumer), pct(secrets.token));

    if let Some(hash) = get(&oauth, "oauth_body_hash") {
        let digest = match method {
            "HMAC-SHA1" | "RSA-SHA1" => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            _ => &ring::digest::SHA256,
        };
        if hash != b64(ring::digest::digest(digest, &r.body).as_ref()) {
            return Err("body hash mismatch".into());
        }
    }
    let ok = match method {
        "PLAINTEXT" => signature == key,
        "HMAC-SHA1" => {
            signature
                == b64(&hmac(
                    ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                    key.as_bytes(),
                    base.as_bytes(),
                ))
        }
        "HMAC-SHA256" => {
            signature
                == b64(&hmac(
                    ring::hmac::HMAC_SHA256,
                    key.as_bytes(),
                    base.as_bytes(),
                ))
        }
        "HMAC-SHA512" => {
            signature
                == b64(&hmac(
                    ring::hmac::HMAC_SHA512,
                    key.as_bytes(),
                    base.as_bytes(),
                ))
        }
        "RSA-SHA1" | "RSA-SHA256" => {
            use base64::Engine as _;
            let sig = base64::engine::general_purpose::STANDARD
                .decode(signature)
                .map_err(|e| e.to_string())?;
            let alg: &'static dyn ring::signature::VerificationAlgorithm = if method == "RSA-SHA1" {
                &RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY
            } else {
                &RSA_PKCS1_2048_8192_SHA256
            };
            UnparsedPublicKey::new(alg, rsa_public())
                .verify(base.as_bytes(), &sig)
                .is_ok()
        }
        other => return Err(format!("unexpected method {other}")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("bad signature over {base}"))
    }
}

fn server(secrets: Secrets) -> super::server::Server {
    verifying_server(move |r| verify(r, &secrets))
}

const SECRETS: Secrets = Secrets {
    consumer: "kd94hf93k423kf44",
    token: "pfkkdhi9sl3r4s00",
};

#[tokio::test]
async fn header_signature_with_variables_and_a_realm_is_verified() {
    let server = server(SECRETS);
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "ck", "dpf43f3p2l4k3l03");
    vars.set(Scope::Environment, "cs", SECRETS.consumer);
    let url = server.url("/photos?file=vacation.jpg&size=original&sp=a%20b+c");
    let ex = send_with("GET", &url, &vars, |r| {
        let mut a = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "{{ck}}"),
                ("consumerSecret", "{{cs}}"),
                ("token", "nnch734d00sl2jdk"),
                ("tokenSecret", SECRETS.token),
                ("signatureMethod", "HMAC-SHA1"),
                ("realm", "Photos"),
            ],
        );
        set(&mut a, "addParamsToHeader", json!(true));
        r.auth = a;
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let header = server
        .hit()
        .header("authorization")
        .expect("header")
        .to_string();
    assert!(
        header.starts_with("OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\""),
        "{header}"
    );
    assert!(header.contains("oauth_version=\"1.0\""), "{header}");
    let nonce = get(&quoted_params(&header[6..]), "oauth_nonce")
        .expect("nonce")
        .len();
    assert_eq!(nonce, 11, "a generated nonce has Postman's length");
    let sent = ex
        .request
        .headers
        .iter()
        .find(|h| h.is_named("authorization"))
        .expect("sent");
    assert!(sent.is_sensitive && sent.value == "***");
}

#[tokio::test]
async fn query_signature_is_verified_and_masked_in_the_sent_url() {
    let server = server(SECRETS);
    let url = server.url("/q?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    let ex = send_with("GET", &url, &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "9djdj82h48djs9d2"),
                ("consumerSecret", SECRETS.consumer),
                ("token", "kkk9d7dh3k39sjv7"),
                ("tokenSecret", SECRETS.token),
                ("signatureMethod", "HMAC-SHA256"),
                ("timestamp", "137131201"),
                ("nonce", "7d8f3e4a"),
                ("addParamsToHeader", "false"),
            ],
        );
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    assert!(hit.header("authorization").is_none());
    assert!(
        hit.target
            .contains("oauth_timestamp=137131201&oauth_nonce=7d8f3e4a"),
        "{}",
        hit.target
    );
    assert!(
        ex.request.url.contains("oauth_signature=***"),
        "{}",
        ex.request.url
    );
}

#[tokio::test]
async fn form_body_signature_with_hmac_sha512_is_verified() {
    let server = server(SECRETS);
    let ex = send_with("POST", &server.url("/form?x=1"), &Variables::new(), |r| {
        r.body = Body::Urlencoded {
            fields: vec![
                KeyValue::new(
                    "status",
                    "Hello Ladies + Gentlemen, a signed OAuth request!",
                ),
                KeyValue::new("oauth_nonce", "stale, removed before signing"),
            ],
        };
        r.auth = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "ck"),
                ("consumerSecret", SECRETS.consumer),
                ("tokenSecret", SECRETS.token),
                ("signatureMethod", "HMAC-SHA512"),
            ],
        );
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    let body = hit.text();
    assert!(
        body.starts_with("status=Hello%20Ladies%20%2B%20Gentlemen"),
        "{body}"
    );
    assert_eq!(body.matches("oauth_nonce=").count(), 1, "{body}");
    assert!(body.contains("oauth_signature="), "{body}");
    assert!(!hit.target.contains("oauth_"), "{}", hit.target);
}

#[tokio::test]
async fn plaintext_and_empty_params_follow_postman() {
    let server = server(SECRETS);
    let ex = send_with("GET", &server.url("/p"), &Variables::new(), |r| {
        let mut a = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "ck"),
                ("consumerSecret", SECRETS.consumer),
                ("token", ""),
                ("tokenSecret", SECRETS.token),
                ("signatureMethod", "PLAINTEXT"),
            ],
        );
        set(&mut a, "addParamsToHeader", json!(true));
        set(&mut a, "addEmptyParamsToSign", json!(true));
        r.auth = a;
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let header = server
        .hit()
        .header("authorization")
        .expect("header")
        .to_string();
    assert!(
        header.contains("oauth_token=\"\""),
        "empty params are kept: {header}"
    );
}

#[tokio::test]
async fn rsa_signatures_with_a_body_hash_verify_with_the_public_key() {
    let server = server(Secrets {
        consumer: "",
        token: "",
    });
    for (method, key) in [
        ("RSA-SHA256", "rsa-pkcs8.pem"),
        ("RSA-SHA1", "rsa-pkcs1.pem"),
    ] {
        let ex = send_with("PUT", &server.url("/rsa?a=1"), &Variables::new(), |r| {
            r.body = Body::Raw {
                text: r#"{"x": 1}"#.into(),
                language: RawLanguage::Json,
            };
            let mut a = auth(
                AuthMode::Oauth1,
                &[
                    ("consumerKey", "ck"),
                    ("signatureMethod", method),
                    ("privateKey", &key_pem(key)),
                    ("includeBodyHash", "true"),
                ],
            );
            set(&mut a, "addParamsToHeader", json!(true));
            r.auth = a;
        })
        .await
        .expect("sent");
        assert_verified(&ex);
    }
    for hit in server.hits() {
        assert!(
            hit.header("authorization")
                .expect("header")
                .contains("oauth_body_hash=")
        );
    }
}

#[tokio::test]
async fn a_bad_key_or_method_is_an_error_naming_the_field() {
    let server = super::server::Server::start(|_| super::server::Reply::text("ok")).allow_no_hits();
    let e = send_with("GET", &server.url("/"), &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "ck"),
                ("signatureMethod", "RSA-SHA256"),
                (
                    "privateKey",
                    "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----",
                ),
            ],
        );
    })
    .await
    .expect_err("bad key");
    assert!(e.to_string().starts_with("auth.privateKey: "), "{e}");
    assert!(!e.to_string().contains("c2VjcmV0"), "{e}");
    let e = send_with("GET", &server.url("/"), &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Oauth1,
            &[("consumerKey", "ck"), ("signatureMethod", "MD5")],
        );
    })
    .await
    .expect_err("bad method");
    assert!(
        e.to_string()
            .starts_with("auth.signatureMethod: unknown signature method \"MD5\""),
        "{e}"
    );
    assert!(server.hits().is_empty());
}

#[tokio::test]
async fn nothing_is_added_without_a_consumer_key() {
    let server = super::server::Server::start(|_| super::server::Reply::text("ok"));
    send_with("GET", &server.url("/n"), &Variables::new(), |r| {
        r.auth = auth(AuthMode::Oauth1, &[("consumerSecret", "s")]);
    })
    .await
    .expect("sent");
    let hit = server.hit();
    assert!(hit.header("authorization").is_none());
    assert_eq!(hit.target, "/n");
}

#[tokio::test]
async fn the_verifier_refuses_a_signature_made_with_another_secret() {
    let server = server(SECRETS);
    let ex = send_with("GET", &server.url("/w"), &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Oauth1,
            &[("consumerKey", "ck"), ("consumerSecret", "not-the-secret")],
        );
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 401);
}

#[tokio::test]
async fn a_plaintext_signature_in_the_body_is_masked_in_the_sent_request() {
    let server = server(SECRETS);
    let ex = send_with("POST", &server.url("/pt"), &Variables::new(), |r| {
        r.body = Body::Urlencoded {
            fields: vec![KeyValue::new("a", "1")],
        };
        r.auth = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "ck"),
                ("consumerSecret", SECRETS.consumer),
                ("tokenSecret", SECRETS.token),
                ("signatureMethod", "PLAINTEXT"),
            ],
        );
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    assert!(server.hit().text().contains(SECRETS.consumer));
    let shown = match &ex.request.body.content {
        localpost_core::http::Content::Text { text } => text.clone(),
        other => format!("{other:?}"),
    };
    assert!(shown.contains("oauth_signature=***"), "{shown}");
    assert!(!shown.contains(SECRETS.consumer), "{shown}");
}

#[test]
fn keys_are_parsed_at_send_time_so_unresolved_vault_tokens_prepare() {
    use localpost_core::http::{Inheritance, prepare};
    let fx = super::fixture::Fixture::new();
    let req = fx.request("GET", "http://127.0.0.1:9/", |r| {
        r.auth = auth(
            AuthMode::Oauth1,
            &[
                ("consumerKey", "ck"),
                ("signatureMethod", "RSA-SHA256"),
                ("privateKey", "{{vault:oauth-key}}"),
            ],
        );
    });
    let prepared = prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepares");
    assert_eq!(prepared.unresolved[0].place, "auth.privateKey");
}
