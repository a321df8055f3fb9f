//! Akamai EdgeGrid: the server parses `EG1-HMAC-SHA256` fields, rebuilds the data to sign from
//! the request (headers to sign, POST body hash up to the size limit) and checks the signature.

use localpost_core::model::{AuthMode, Body, KeyValue, RawLanguage};
use localpost_core::template::{Scope, Variables};

use super::server::Recorded;
use super::verify::*;

const SECRET: &str = "SOMESECRET";

fn verify(
    r: &Recorded,
    signed_headers: &[&str],
    max_body: usize,
    host: Option<&str>,
) -> Result<(), String> {
    let h = r.header("authorization").ok_or("no authorization")?;
    let (prefix, signature) = h.split_once("signature=").ok_or("no signature")?;
    let fields: Vec<(String, String)> = prefix
        .strip_prefix("EG1-HMAC-SHA256 ")
        .ok_or("not EG1")?
        .split(';')
        .filter_map(|f| {
            f.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let timestamp = get(&fields, "timestamp").ok_or("no timestamp")?;
    let canonical: Vec<String> = signed_headers
        .iter()
        .filter_map(|name| {
            r.header(name).map(|v| {
                format!(
                    "{name}:{}",
                    v.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            })
        })
        .collect();
    let body_hash = if r.method == "POST" && !r.body.is_empty() {
        b64(&sha256(&r.body[..r.body.len().min(max_body)]))
    } else {
        String::new()
    };
    let data = [
        r.method.as_str(),
        "http",
        host.unwrap_or(r.header("host").ok_or("no host")?),
        &r.target,
        &canonical.join("\t"),
        &body_hash,
        prefix,
    ]
    .join("\t");
    let key = b64(&hmac(
        ring::hmac::HMAC_SHA256,
        SECRET.as_bytes(),
        timestamp.as_bytes(),
    ));
    let expected = b64(&hmac(
        ring::hmac::HMAC_SHA256,
        key.as_bytes(),
        data.as_bytes(),
    ));
    if expected == signature {
        Ok(())
    } else {
        Err(format!("bad signature over {data:?}"))
    }
}

fn edgegrid(extra: &[(&str, &str)]) -> localpost_core::model::Auth {
    let mut p = vec![
        ("accessToken", "akab-access-token-xxx-xxxxxxxxxxxxxxxx"),
        ("clientToken", "{{clientToken}}"),
        ("clientSecret", SECRET),
    ];
    p.extend_from_slice(extra);
    auth(AuthMode::Edgegrid, &p)
}

fn vars() -> Variables {
    let mut v = Variables::new();
    v.set(
        Scope::Environment,
        "clientToken",
        "akab-client-token-xxx-xxxxxxxxxxxxxxxx",
    );
    v
}

#[tokio::test]
async fn post_with_headers_to_sign_and_a_truncated_body_hash_is_verified() {
    let server = verifying_server(|r| verify(r, &["x-a", "x-b"], 16, None));
    let ex = send_with("POST", &server.url("/billing/v1?x=1"), &vars(), |r| {
        r.headers = vec![
            KeyValue::new("X-A", "  one   two "),
            KeyValue::new("X-B", "b"),
        ];
        r.body = Body::Raw {
            text: "a body longer than sixteen bytes".into(),
            language: RawLanguage::Text,
        };
        r.auth = edgegrid(&[("headersToSign", "X-A, x-b"), ("maxBodySize", "16")]);
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
        header.contains("client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;"),
        "{header}"
    );
    let timestamp = header
        .split("timestamp=")
        .nth(1)
        .expect("ts")
        .split(';')
        .next()
        .expect("ts");
    assert!(
        timestamp.ends_with("+0000") && timestamp.len() == 22,
        "{timestamp}"
    );
}

#[tokio::test]
async fn base_url_host_fixed_nonce_and_timestamp_are_signed() {
    let server =
        verifying_server(|r| verify(r, &[], 131_072, Some("akaa-baseurl.luna.akamaiapis.net")));
    let ex = send_with("GET", &server.url("/"), &vars(), |r| {
        r.auth = edgegrid(&[
            ("baseURL", "https://akaa-baseurl.luna.akamaiapis.net/"),
            ("nonce", "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
            ("timestamp", "20140321T19:34:21+0000"),
        ]);
    })
    .await
    .expect("sent");
    assert_verified(&ex);
}

#[tokio::test]
async fn the_verifier_refuses_a_signature_made_with_another_secret() {
    let server = verifying_server(|r| verify(r, &[], 131_072, None));
    let ex = send_with("GET", &server.url("/w"), &vars(), |r| {
        r.auth = edgegrid(&[]);
        r.auth.params.retain(|p| p.key != "clientSecret");
        r.auth.params.push(localpost_core::model::AuthParam {
            key: "clientSecret".into(),
            value: "other".into(),
            kind: "string".into(),
        });
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 401);
}
