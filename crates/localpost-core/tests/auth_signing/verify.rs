//! Small verifier building blocks shared by the scheme modules: encodings, HMAC, key loading.
#![allow(dead_code)]

use base64::Engine as _;
use localpost_core::http::{Exchange, HttpError};
use localpost_core::model::{Auth, AuthMode, AuthParam, Request};
use localpost_core::template::Variables;
use ring::signature::KeyPair;

use super::fixture::{Fixture, send};
use super::server::{Recorded, Reply, Server};

/// An auth with string parameters.
pub fn auth(mode: AuthMode, params: &[(&str, &str)]) -> Auth {
    Auth::with_params(mode, params)
}

/// Sets a parameter to a JSON value (booleans, as Postman stores them).
pub fn set(auth: &mut Auth, key: &str, value: serde_json::Value) {
    auth.params.retain(|p| p.key != key);
    auth.params.push(AuthParam {
        key: key.into(),
        value,
        kind: "any".into(),
    });
}

/// A server whose handler answers 200 when `verify` accepts the request, else 401 with the
/// reason as the body.
pub fn verifying_server(
    verify: impl Fn(&Recorded) -> Result<(), String> + Send + Sync + 'static,
) -> Server {
    Server::start(move |r| match verify(r) {
        Ok(()) => Reply::text("verified"),
        Err(why) => Reply::text(why).with_status(401),
    })
}

/// Sends `edit`ed request to `url` and returns the exchange.
pub async fn send_with(
    method: &str,
    url: &str,
    vars: &Variables,
    edit: impl FnOnce(&mut Request),
) -> Result<Exchange, HttpError> {
    let fx = Fixture::new();
    let req = fx.request(method, url, edit);
    send(&req, vars).await
}

/// Asserts the server verified the request.
pub fn assert_verified(ex: &Exchange) {
    let body = match &ex.response.body.content {
        localpost_core::http::Content::Text { text } => text.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(ex.response.status, 200, "server refused: {body}");
    assert_eq!(body, "verified");
}

/// RFC 3986 percent-encoding, written out by hand (not the engine's code).
pub fn pct(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding; `+` is a space when `plus` is set (forms).
pub fn unpct(s: &str, plus: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz");
                match u8::from_str_radix(hex, 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `k=v&…` split and decoded (form rules when `plus`).
pub fn pairs(s: &str, plus: bool) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unpct(k, plus), unpct(v, plus))
        })
        .collect()
}

/// HMAC of `data` under `key`.
pub fn hmac(alg: ring::hmac::Algorithm, key: &[u8], data: &[u8]) -> Vec<u8> {
    ring::hmac::sign(&ring::hmac::Key::new(alg, key), data)
        .as_ref()
        .to_vec()
}

pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .to_vec()
}

/// A test key's PEM text.
pub fn key_pem(name: &str) -> String {
    let path = format!(
        "{}/tests/fixture/auth-keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("test key")
}

/// The PKCS #8 DER inside a PEM.
pub fn pkcs8_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM base64")
}

/// The RSA public key (PKCS #1 DER) of the PKCS #8 test key.
pub fn rsa_public() -> Vec<u8> {
    let pair = ring::signature::RsaKeyPair::from_pkcs8(&pkcs8_der(&key_pem("rsa-pkcs8.pem")))
        .expect("RSA test key");
    pair.public().as_ref().to_vec()
}

/// The EC public key (uncompressed point) of a PKCS #8 test key.
pub fn ec_public(name: &str, alg: &'static ring::signature::EcdsaSigningAlgorithm) -> Vec<u8> {
    let rng = ring::rand::SystemRandom::new();
    let pair = ring::signature::EcdsaKeyPair::from_pkcs8(alg, &pkcs8_der(&key_pem(name)), &rng)
        .expect("EC test key");
    pair.public_key().as_ref().to_vec()
}

/// Parses `k="v", k2="v2"` (quoted, comma separated, `\"` escapes) into pairs.
pub fn quoted_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim().trim_start_matches(',').trim().to_string();
        rest = &rest[eq + 1..];
        let mut value = String::new();
        if let Some(stripped) = rest.strip_prefix('"') {
            let mut chars = stripped.char_indices();
            let mut end = stripped.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            value.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            rest = &stripped[end..];
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        out.push((key, value));
    }
    out
}

/// The value of `key` in `pairs`.
pub fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A DER INTEGER holding the unsigned big-endian `bytes`.
fn der_integer(bytes: &[u8]) -> Vec<u8> {
    let first = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len() - 1);
    let mut value = bytes[first..].to_vec();
    if value[0] & 0x80 != 0 {
        value.insert(0, 0);
    }
    let mut out = vec![0x02, value.len() as u8];
    out.extend(value);
    out
}

/// Whether the `openssl` command verifies `sig` (JWS form: `r || s`, 66 bytes each) over
/// `input` with the P-521 test key's public half, ECDSA with SHA-512. An independent
/// verifier: ring has no P-521.
pub fn openssl_verifies_es512(input: &[u8], sig: &[u8]) -> bool {
    if sig.len() != 132 {
        return false;
    }
    let mut body = der_integer(&sig[..66]);
    body.extend(der_integer(&sig[66..]));
    let mut der = vec![0x30, 0x81, body.len() as u8];
    der.extend(body);
    let dir = tempfile::tempdir().expect("temp dir");
    let (data, signature) = (dir.path().join("data"), dir.path().join("sig.der"));
    std::fs::write(&data, input).expect("write data");
    std::fs::write(&signature, der).expect("write signature");
    let public = format!(
        "{}/tests/fixture/auth-keys/ec-p521-public.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    std::process::Command::new("openssl")
        .args(["dgst", "-sha512", "-verify", &public, "-signature"])
        .arg(&signature)
        .arg(&data)
        .output()
        .expect("the openssl command (installed by scripts/install-deps.sh --test)")
        .status
        .success()
}
