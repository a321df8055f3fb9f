//! AWS Signature V4: the server rebuilds the canonical request from what it received (header
//! or presigned query), derives the signing key and compares, as AWS does. The published
//! test-suite vectors are checked by the unit tests of `src/http/auth/awsv4.rs`.

use localpost_core::model::{AuthMode, Body, KeyValue, RawLanguage};
use localpost_core::template::{Scope, Variables};
use serde_json::json;

use super::server::Recorded;
use super::verify::*;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// Verifies `r` as an AWS service would, with the secret key it knows.
fn verify(r: &Recorded) -> Result<(), String> {
    let (path, query) = r.target.split_once('?').unwrap_or((&r.target, ""));
    let query_pairs = pairs(query, false);
    let (credential, signed, signature, amz_date, presigned) =
        if let Some(h) = r.header("authorization") {
            let rest = h.strip_prefix("AWS4-HMAC-SHA256 ").ok_or("not SigV4")?;
            let field = |name: &str| {
                rest.split(", ")
                    .find_map(|p| p.strip_prefix(name))
                    .map(str::to_string)
                    .ok_or(format!("no {name}"))
            };
            (
                field("Credential=")?,
                field("SignedHeaders=")?,
                field("Signature=")?,
                r.header("x-amz-date").ok_or("no x-amz-date")?.to_string(),
                false,
            )
        } else {
            let q = |name: &str| {
                get(&query_pairs, name)
                    .map(str::to_string)
                    .ok_or(format!("no {name}"))
            };
            if q("X-Amz-Algorithm")? != "AWS4-HMAC-SHA256" {
                return Err("bad algorithm".into());
            }
            (
                q("X-Amz-Credential")?,
                q("X-Amz-SignedHeaders")?,
                q("X-Amz-Signature")?,
                q("X-Amz-Date")?,
                true,
            )
        };
    let scope: Vec<&str> = credential.split('/').collect();
    let [_, date, region, service, "aws4_request"] = scope[..] else {
        return Err(format!("bad credential {credential}"));
    };
    if !amz_date.starts_with(date) || amz_date.len() != 16 {
        return Err(format!("bad date {amz_date}"));
    }

    let s3 = service == "s3";
    let uri: Vec<String> = path
        .split('/')
        .map(|seg| {
            let once = pct(&unpct(seg, false));
            if s3 { once } else { pct(&once) }
        })
        .collect();
    let mut q: Vec<String> = query_pairs
        .iter()
        .filter(|(k, _)| k != "X-Amz-Signature")
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect();
    q.sort();
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let values: Vec<String> = r
            .all(name)
            .iter()
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if values.is_empty() {
            return Err(format!("signed header {name} not received"));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let body_hash = hex(&sha256(&r.body));
    let payload = if presigned {
        if s3 {
            "UNSIGNED-PAYLOAD".to_string()
        } else {
            body_hash
        }
    } else {
        match r.header("x-amz-content-sha256") {
            Some(h) if h != body_hash => {
                return Err("x-amz-content-sha256 is not the body's".into());
            }
            Some(h) => h.to_string(),
            None => body_hash,
        }
    };
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed}\n{payload}",
        r.method,
        uri.join("/"),
        q.join("&")
    );
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{date}/{region}/{service}/aws4_request\n{}",
        hex(&sha256(canonical.as_bytes()))
    );
    let mut key = format!("AWS4{SECRET}").into_bytes();
    for part in [date, region, service, "aws4_request"] {
        key = hmac(ring::hmac::HMAC_SHA256, &key, part.as_bytes());
    }
    let expected = hex(&hmac(ring::hmac::HMAC_SHA256, &key, to_sign.as_bytes()));
    if expected == signature {
        Ok(())
    } else {
        Err(format!("bad signature for canonical request:\n{canonical}"))
    }
}

fn params(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut p = vec![
        ("accessKey".to_string(), "AKIDEXAMPLE".to_string()),
        ("secretKey".to_string(), SECRET.to_string()),
    ];
    p.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string())),
    );
    p
}

fn awsv4(extra: &[(&str, &str)]) -> localpost_core::model::Auth {
    let p = params(extra);
    let refs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    auth(AuthMode::Awsv4, &refs)
}

#[tokio::test]
async fn header_signing_covers_the_body_the_session_token_and_rendered_params() {
    let server = verifying_server(verify);
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "region", "eu-west-3");
    let ex = send_with("POST", &server.url("/prod/items?b=2&a=1"), &vars, |r| {
        r.headers = vec![KeyValue::new("X-Amz-Date", "19700101T000000Z")];
        r.body = Body::Raw {
            text: r#"{"name": "widget"}"#.into(),
            language: RawLanguage::Json,
        };
        r.auth = awsv4(&[("region", "{{region}}"), ("sessionToken", "tok/en+=")]);
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    let authz = hit.header("authorization").expect("authorization");
    assert!(
        authz.contains("/eu-west-3/execute-api/aws4_request"),
        "{authz}"
    );
    assert!(
        authz.contains("SignedHeaders=accept;accept-encoding;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"),
        "{authz}"
    );
    assert_eq!(
        hit.all("x-amz-date").len(),
        1,
        "the hand-made date is replaced"
    );
    assert_eq!(hit.header("x-amz-security-token"), Some("tok/en+="));
    let shown = |name: &str| {
        ex.request
            .headers
            .iter()
            .find(|h| h.is_named(name))
            .expect(name)
            .clone()
    };
    assert_eq!(shown("authorization").value, "***");
    assert_eq!(shown("x-amz-security-token").value, "***");
    assert!(!shown("x-amz-content-sha256").is_sensitive);
}

#[tokio::test]
async fn presigned_query_is_verified_and_its_signature_masked() {
    let server = verifying_server(verify);
    let ex = send_with(
        "GET",
        &server.url("/bucket/key.txt?versionId=3"),
        &Variables::new(),
        |r| {
            let mut a = awsv4(&[("service", "s3"), ("sessionToken", "session")]);
            set(&mut a, "addAuthDataToQuery", json!(true));
            r.auth = a;
        },
    )
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    assert!(hit.header("authorization").is_none());
    assert!(hit.target.contains("X-Amz-Expires=86400"), "{}", hit.target);
    assert!(
        hit.target.contains("X-Amz-SignedHeaders=host"),
        "{}",
        hit.target
    );
    assert!(
        ex.request.url.contains("X-Amz-Signature=***"),
        "{}",
        ex.request.url
    );
    assert!(
        ex.request.url.contains("X-Amz-Security-Token=***"),
        "{}",
        ex.request.url
    );
}

#[tokio::test]
async fn encoded_paths_and_file_bodies_are_signed_as_sent() {
    let server = verifying_server(verify);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("payload.bin");
    std::fs::write(&file, b"\x00\x01 file bytes read at send time").expect("write");
    let ex = send_with(
        "PUT",
        &server.url("/a b/%C3%A9/x"),
        &Variables::new(),
        |r| {
            r.body = Body::Binary {
                path: file.to_string_lossy().into_owned(),
            };
            r.auth = awsv4(&[("service", "lambda")]);
        },
    )
    .await
    .expect("sent");
    assert_verified(&ex);
    let hit = server.hit();
    assert_eq!(
        hit.header("x-amz-content-sha256"),
        Some(hex(&sha256(&hit.body)).as_str())
    );
}

#[tokio::test]
async fn s3_always_sends_the_payload_hash() {
    let server = verifying_server(verify);
    let ex = send_with("GET", &server.url("/o"), &Variables::new(), |r| {
        r.auth = awsv4(&[("service", "s3")]);
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    assert_eq!(
        server.hit().header("x-amz-content-sha256"),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
}

#[tokio::test]
async fn the_verifier_refuses_a_signature_made_with_another_secret() {
    let server = verifying_server(verify);
    let ex = send_with("GET", &server.url("/w"), &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Awsv4,
            &[
                ("accessKey", "AKIDEXAMPLE"),
                ("secretKey", "not-the-secret"),
            ],
        );
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 401);
}
