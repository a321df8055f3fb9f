//! Hawk: the server parses the `Hawk` header, rebuilds the normalised string from the request
//! line and `Host`, checks the payload hash against the body and the MAC with the key.

use localpost_core::model::{AuthMode, Body, RawLanguage};
use localpost_core::template::{Scope, Variables};

use super::server::Recorded;
use super::verify::*;

const KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

fn verify(r: &Recorded, sha1: bool) -> Result<(), String> {
    let h = r.header("authorization").ok_or("no authorization")?;
    let attrs = quoted_params(h.strip_prefix("Hawk ").ok_or("not Hawk")?);
    let attr = |k: &str| get(&attrs, k).unwrap_or_default().to_string();
    if attr("id") != "dh37fgj492je" {
        return Err(format!("unknown id {}", attr("id")));
    }
    let (digest, mac_alg) = if sha1 {
        (
            &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        )
    } else {
        (&ring::digest::SHA256, ring::hmac::HMAC_SHA256)
    };
    let hash = attr("hash");
    if !hash.is_empty() {
        let media = r
            .header("content-type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        let mut payload = format!("hawk.1.payload\n{media}\n").into_bytes();
        payload.extend_from_slice(&r.body);
        payload.push(b'\n');
        if hash != b64(ring::digest::digest(digest, &payload).as_ref()) {
            return Err("payload hash mismatch".into());
        }
    }
    let host_header = r.header("host").ok_or("no host")?;
    let (host, port) = host_header.rsplit_once(':').unwrap_or((host_header, "80"));
    let mut normalized = format!(
        "hawk.1.header\n{}\n{}\n{}\n{}\n{host}\n{port}\n{hash}\n{}\n",
        attr("ts"),
        attr("nonce"),
        r.method,
        r.target,
        attr("ext").replace('\\', "\\\\").replace('\n', "\\n")
    );
    if !attr("app").is_empty() {
        normalized.push_str(&format!("{}\n{}\n", attr("app"), attr("dlg")));
    }
    let mac = b64(&hmac(mac_alg, KEY.as_bytes(), normalized.as_bytes()));
    if mac == attr("mac") {
        Ok(())
    } else {
        Err(format!("bad mac over {normalized:?}"))
    }
}

fn hawk(extra: &[(&str, &str)]) -> localpost_core::model::Auth {
    let mut p = vec![("authId", "dh37fgj492je"), ("authKey", KEY)];
    p.extend_from_slice(extra);
    auth(AuthMode::Hawk, &p)
}

#[tokio::test]
async fn mac_with_payload_hash_app_and_delegation_is_verified() {
    let server = verifying_server(|r| verify(r, false));
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "ext", "some \"quoted\" app data");
    let ex = send_with("POST", &server.url("/resource/1?b=1&a=2"), &vars, |r| {
        r.body = Body::Raw {
            text: "Thank you for flying Hawk".into(),
            language: RawLanguage::Text,
        };
        r.auth = hawk(&[
            ("extraData", "{{ext}}"),
            ("app", "my-app"),
            ("delegation", "dlg-1"),
            ("includePayloadHash", "true"),
        ]);
    })
    .await
    .expect("sent");
    assert_verified(&ex);
    let header = server
        .hit()
        .header("authorization")
        .expect("header")
        .to_string();
    assert!(header.contains(", hash=\""), "{header}");
    assert!(
        header.contains("ext=\"some \\\"quoted\\\" app data\""),
        "{header}"
    );
    assert!(
        header.ends_with(", app=\"my-app\", dlg=\"dlg-1\""),
        "{header}"
    );
    let nonce = get(&quoted_params(&header[5..]), "nonce")
        .expect("nonce")
        .to_string();
    assert_eq!(nonce.len(), 6, "a generated nonce has Postman's length");
}

#[tokio::test]
async fn sha1_with_a_fixed_timestamp_and_nonce_is_verified() {
    let server = verifying_server(|r| verify(r, true));
    let ex = send_with("GET", &server.url("/r"), &Variables::new(), |r| {
        r.auth = hawk(&[
            ("algorithm", "sha1"),
            ("timestamp", "1353832234"),
            ("nonce", "j4h3g2"),
        ]);
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
        header.starts_with("Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", mac=\""),
        "{header}"
    );
}

#[tokio::test]
async fn an_unknown_algorithm_is_an_error_naming_the_field() {
    let server = super::server::Server::start(|_| super::server::Reply::text("ok")).allow_no_hits();
    let e = send_with("GET", &server.url("/"), &Variables::new(), |r| {
        r.auth = hawk(&[("algorithm", "md5")]);
    })
    .await
    .expect_err("bad algorithm");
    assert_eq!(
        e.to_string(),
        "auth.algorithm: unknown Hawk algorithm \"md5\" (expected sha256 or sha1)"
    );
}

#[tokio::test]
async fn the_verifier_refuses_a_mac_made_with_another_key() {
    let server = verifying_server(|r| verify(r, false));
    let ex = send_with("GET", &server.url("/w"), &Variables::new(), |r| {
        r.auth = auth(
            AuthMode::Hawk,
            &[("authId", "dh37fgj492je"), ("authKey", "other")],
        );
    })
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 401);
}
