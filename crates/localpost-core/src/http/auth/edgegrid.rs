//! Akamai EdgeGrid (`EG1-HMAC-SHA256`), after Akamai's client-auth specification and Postman.
//!
//! Parameters: `accessToken`, `clientToken`, `clientSecret` (nothing is added unless all three
//! are set), `nonce` (a random UUID when empty), `timestamp` (`yyyyMMddTHH:mm:ss+0000`, now when
//! empty), `baseURL` (its host is signed instead of the request's), `headersToSign` (comma
//! separated names) and `maxBodySize` (bytes of a POST body hashed, default 131072, Akamai's).
//!
//! The signing key is `base64(HMAC-SHA256(clientSecret, timestamp))`; the signature is
//! `base64(HMAC-SHA256(key, data))` where data joins with tabs the method, scheme, host, path
//! and query, the canonical headers, the body hash (POST only) and the header up to
//! `signature=`.

use base64::Engine as _;
use ring::{digest, hmac};

use super::super::Result;
use super::signer::{Message, Params, host_header, invalid, uuid};
use crate::template::{Entropy, iso_timestamp};

/// Akamai's default limit on the bytes of a body that are hashed.
const MAX_BODY: usize = 131_072;

/// EdgeGrid parameters, rendered.
#[derive(Clone)]
pub(crate) struct Edgegrid {
    access_token: String,
    client_token: String,
    client_secret: String,
    nonce: String,
    timestamp: String,
    base_url: String,
    headers_to_sign: Vec<String>,
    max_body: usize,
}

impl Edgegrid {
    /// Reads and checks the parameters.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Edgegrid> {
        let max = p.text("maxBodySize");
        let max_body = match max.trim() {
            "" => MAX_BODY,
            n => n.parse::<usize>().map_err(|_| {
                invalid(
                    "maxBodySize",
                    format!("expected a number of bytes, found {n:?}"),
                )
            })?,
        };
        Ok(Edgegrid {
            access_token: p.text("accessToken"),
            client_token: p.text("clientToken"),
            client_secret: p.text("clientSecret"),
            nonce: p.text("nonce"),
            timestamp: p.text("timestamp"),
            base_url: p.text("baseURL"),
            headers_to_sign: p
                .text("headersToSign")
                .split(',')
                .map(|h| h.trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
            max_body,
        })
    }

    /// Signs `m` with an `EG1-HMAC-SHA256` `Authorization` header.
    pub(super) fn sign(&self, m: &mut Message<'_>, entropy: &mut dyn Entropy) -> Result<()> {
        if self.access_token.is_empty()
            || self.client_token.is_empty()
            || self.client_secret.is_empty()
        {
            return Ok(());
        }
        m.remove_header("Authorization");
        let timestamp = match self.timestamp.trim() {
            "" => timestamp(entropy.now_millis()),
            t => t.to_string(),
        };
        let nonce = match self.nonce.trim() {
            "" => uuid(entropy),
            n => n.to_string(),
        };
        let host = match self.base_url.trim() {
            "" => host_header(m.url),
            base => base_host(base),
        };
        let target = match m.url.query() {
            Some(q) => format!("{}?{q}", m.url.path()),
            None => m.url.path().to_string(),
        };
        let headers: Vec<String> = self
            .headers_to_sign
            .iter()
            .filter_map(|name| {
                let value = m.header(name)?.trim();
                (!value.is_empty()).then(|| {
                    format!(
                        "{name}:{}",
                        value.split_whitespace().collect::<Vec<_>>().join(" ")
                    )
                })
            })
            .collect();
        let body = m.body();
        let body_hash = if m.method == "POST" && !body.is_empty() {
            let hashed = &body[..body.len().min(self.max_body)];
            b64(digest::digest(&digest::SHA256, hashed).as_ref())
        } else {
            String::new()
        };
        let auth = format!(
            "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={timestamp};nonce={nonce};",
            self.client_token, self.access_token
        );
        let data = [
            m.method,
            m.url.scheme(),
            &host,
            &target,
            &headers.join("\t"),
            &body_hash,
            &auth,
        ]
        .join("\t");
        let key = b64(hmac_sha256(self.client_secret.as_bytes(), timestamp.as_bytes()).as_ref());
        let signature = b64(hmac_sha256(key.as_bytes(), data.as_bytes()).as_ref());
        m.set_header(
            "Authorization",
            format!("{auth}signature={signature}"),
            true,
        );
        Ok(())
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> hmac::Tag {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The host (and port) of a `baseURL`, with or without a scheme.
fn base_host(base: &str) -> String {
    let with_scheme = if base.contains("://") {
        base.to_string()
    } else {
        format!("https://{base}")
    };
    url::Url::parse(&with_scheme)
        .map(|u| host_header(&u))
        .unwrap_or_else(|_| base.to_string())
}

/// `yyyyMMddTHH:mm:ss+0000` for a Unix time in milliseconds.
fn timestamp(millis: i64) -> String {
    let iso = iso_timestamp(millis);
    format!("{}T{}+0000", iso[..10].replace('-', ""), &iso[11..19])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::auth::signer::tests::Fixed;

    /// The `Authorization` header for a request to Akamai's test host.
    fn akamai(method: &str, target: &str, body: &str) -> String {
        let eg = Edgegrid {
            access_token: "akab-access-token-xxx-xxxxxxxxxxxxxxxx".into(),
            client_token: "akab-client-token-xxx-xxxxxxxxxxxxxxxx".into(),
            client_secret: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=".into(),
            nonce: "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".into(),
            timestamp: "20140321T19:34:21+0000".into(),
            base_url: String::new(),
            headers_to_sign: Vec::new(),
            max_body: MAX_BODY,
        };
        let mut url = url::Url::parse(&format!(
            "https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net{target}"
        ))
        .expect("url");
        let mut headers = Vec::new();
        let mut body = Some(body.as_bytes().to_vec());
        let mut sensitive = Vec::new();
        let mut m = Message {
            method,
            url: &mut url,
            headers: &mut headers,
            body: &mut body,
            sensitive_query: &mut sensitive,
            hidden: &mut Vec::new(),
        };
        eg.sign(&mut m, &mut Fixed(0)).expect("signs");
        let value = &headers[0].value;
        value
            .split("signature=")
            .nth(1)
            .expect("signature")
            .to_string()
    }

    #[test]
    fn akamai_edgegrid_test_data() {
        // Cases of Akamai's published EdgeGrid test data (testdata.json of its client libraries).
        assert_eq!(
            akamai("GET", "/", ""),
            "tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU="
        );
        assert_eq!(
            akamai("GET", "/testapi/v1/t1?p1=1&p2=2", ""),
            "hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA="
        );
        assert_eq!(
            akamai("POST", "/testapi/v1/t3", "datadatadatadatadatadatadatadata"),
            "hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4="
        );
        assert_eq!(
            akamai("POST", "/testapi/v1/t6", ""),
            "1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ="
        );
    }

    #[test]
    fn timestamps_and_nonces_have_akamai_shapes() {
        assert_eq!(timestamp(1_440_938_160_000), "20150830T12:36:00+0000");
        assert_eq!(uuid(&mut Fixed(0)), "00010203-0405-4607-8809-0a0b0c0d0e0f");
        assert_eq!(
            base_host("https://akab-x.luna.akamaiapis.net/"),
            "akab-x.luna.akamaiapis.net"
        );
        assert_eq!(
            base_host("akab-x.luna.akamaiapis.net:8443"),
            "akab-x.luna.akamaiapis.net:8443"
        );
    }
}
