//! OAuth 1.0a (RFC 5849) with Postman's parameters.
//!
//! The signature base string is RFC 5849's, section 3.4.1: the upper-case method, the base
//! URI (scheme and host in lower case, the port only when not the default, the path as sent)
//! and the normalised parameters: the `oauth_*` protocol parameters, the query and, for an
//! `application/x-www-form-urlencoded` body, its fields, each decoded, re-encoded with RFC 3986's
//! unreserved set, sorted by name then value. Signature methods: HMAC-SHA1/256/512 (key
//! `enc(consumerSecret)&enc(tokenSecret)`), RSA-SHA1/256/512 (`privateKey`) and PLAINTEXT.
//!
//! As in Postman: nothing is added without a `consumerKey` (or, except for RSA, a
//! `consumerSecret`); empty parameters are left out of the signature unless
//! `addEmptyParamsToSign`; `timestamp` and `nonce` (11 characters) are generated when empty;
//! `includeBodyHash` adds `oauth_body_hash` for bodies that are not form-encoded. Parameters go
//! to the `Authorization` header (`addParamsToHeader`, values percent-encoded unless
//! `disableHeaderEncoding`), else to the body of a form-encoded POST or PUT, else to the query.
//! `encodeOAuthSign` (a v2.0 collection setting Postman's runtime dropped) is accepted and has no
//! effect: query and body values are always encoded exactly once.

use base64::Engine as _;
use ring::{digest, hmac};

use super::super::Result;
use super::keys::{self, Rsa};
use super::signer::{Message, Params, invalid, now_secs, random_alphanumeric, rfc3986};
use crate::template::Entropy;

/// The protocol parameters Postman removes from the query and body before signing.
const OAUTH_PARAMS: [&str; 10] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// A signature method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Hmac(Hash),
    Rsa(Hash),
    Plaintext,
}

/// The hash behind a signature method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hash {
    Sha1,
    Sha256,
    Sha512,
}

impl Method {
    fn parse(name: &str) -> Option<Method> {
        Some(match name.trim().to_ascii_uppercase().as_str() {
            "" | "HMAC-SHA1" => Method::Hmac(Hash::Sha1),
            "HMAC-SHA256" => Method::Hmac(Hash::Sha256),
            "HMAC-SHA512" => Method::Hmac(Hash::Sha512),
            "RSA-SHA1" => Method::Rsa(Hash::Sha1),
            "RSA-SHA256" => Method::Rsa(Hash::Sha256),
            "RSA-SHA512" => Method::Rsa(Hash::Sha512),
            "PLAINTEXT" => Method::Plaintext,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Method::Hmac(Hash::Sha1) => "HMAC-SHA1",
            Method::Hmac(Hash::Sha256) => "HMAC-SHA256",
            Method::Hmac(Hash::Sha512) => "HMAC-SHA512",
            Method::Rsa(Hash::Sha1) => "RSA-SHA1",
            Method::Rsa(Hash::Sha256) => "RSA-SHA256",
            Method::Rsa(Hash::Sha512) => "RSA-SHA512",
            Method::Plaintext => "PLAINTEXT",
        }
    }
}

/// OAuth 1.0a parameters, rendered.
#[derive(Clone)]
pub(crate) struct Oauth1 {
    consumer_key: String,
    consumer_secret: String,
    token: String,
    token_secret: String,
    private_key: String,
    method: Method,
    timestamp: String,
    nonce: String,
    version: String,
    realm: String,
    callback: String,
    verifier: String,
    include_body_hash: bool,
    add_to_header: bool,
    add_empty: bool,
    disable_header_encoding: bool,
}

impl Oauth1 {
    /// Reads and checks the parameters.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Oauth1> {
        let method = p.text("signatureMethod");
        let method = Method::parse(&method).ok_or_else(|| {
            invalid(
                "signatureMethod",
                format!(
                    "unknown signature method {:?} (expected HMAC-SHA1, HMAC-SHA256, \
                     HMAC-SHA512, RSA-SHA1, RSA-SHA256, RSA-SHA512 or PLAINTEXT)",
                    method.trim()
                ),
            )
        })?;
        Ok(Oauth1 {
            consumer_key: p.text("consumerKey"),
            consumer_secret: p.text("consumerSecret"),
            token: p.text("token"),
            token_secret: p.text("tokenSecret"),
            private_key: p.text("privateKey"),
            method,
            timestamp: p.text("timestamp"),
            nonce: p.text("nonce"),
            version: if p.has("version") {
                p.text("version")
            } else {
                "1.0".into()
            },
            realm: p.text("realm"),
            callback: p.text("callback"),
            verifier: p.text("verifier"),
            include_body_hash: p.flag("includeBodyHash"),
            add_to_header: p.flag("addParamsToHeader"),
            add_empty: p.flag("addEmptyParamsToSign"),
            disable_header_encoding: p.flag("disableHeaderEncoding"),
        })
    }

    /// Signs `m` and places the parameters.
    pub(super) fn sign(&self, m: &mut Message<'_>, entropy: &mut dyn Entropy) -> Result<()> {
        let is_rsa = matches!(self.method, Method::Rsa(_));
        if self.consumer_key.trim().is_empty()
            || (!is_rsa && self.consumer_secret.trim().is_empty())
        {
            return Ok(());
        }
        m.remove_header("Authorization");
        m.replace_query(&OAUTH_PARAMS, &[], &[]);
        let is_form = m.is_form();
        if is_form && let Some(body) = m.body.as_mut() {
            *body = strip_oauth_fields(body);
        }

        let timestamp = match self.timestamp.trim() {
            "" => now_secs(entropy).to_string(),
            t => t.to_string(),
        };
        let nonce = match self.nonce.trim() {
            "" => random_alphanumeric(entropy, 11),
            n => n.to_string(),
        };
        let body_hash = match self.method {
            Method::Hmac(h) | Method::Rsa(h) if self.include_body_hash && !is_form => {
                let alg = match h {
                    Hash::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
                    Hash::Sha256 => &digest::SHA256,
                    Hash::Sha512 => &digest::SHA512,
                };
                base64::engine::general_purpose::STANDARD.encode(digest::digest(alg, m.body()))
            }
            _ => String::new(),
        };
        let mut oauth: Vec<(String, String)> = [
            ("oauth_consumer_key", self.consumer_key.as_str()),
            ("oauth_token", &self.token),
            ("oauth_signature_method", self.method.name()),
            ("oauth_timestamp", &timestamp),
            ("oauth_nonce", &nonce),
            ("oauth_version", &self.version),
            ("oauth_callback", &self.callback),
            ("oauth_verifier", &self.verifier),
            ("oauth_body_hash", &body_hash),
        ]
        .into_iter()
        .filter(|(_, v)| self.add_empty || !v.trim().is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        // Postman never signs an empty body hash, even with `addEmptyParamsToSign`.
        oauth.retain(|(k, v)| k != "oauth_body_hash" || !v.is_empty());

        let mut all = oauth.clone();
        all.extend(m.query_pairs());
        if is_form {
            all.extend(form_pairs(m.body()));
        }
        let base = base_string(m.method, m.url, &all);
        let signature = self.signature(&base)?;
        oauth.push(("oauth_signature".into(), signature));

        let is_put_or_post = m.method.contains("PUT") || m.method.contains("POST");
        if self.method == Method::Plaintext && !self.add_to_header {
            // The signature is the secrets themselves: mask it in the URL or body shown.
            if let Some((_, signature)) = oauth.last() {
                let signature = signature.clone();
                m.hide(&rfc3986(&signature));
                m.hide(&signature);
            }
        }
        if self.add_to_header {
            m.set_header("Authorization", self.header(&oauth), true);
        } else if is_put_or_post && is_form {
            let body = m.body.get_or_insert_with(Vec::new);
            for (k, v) in &oauth {
                if !body.is_empty() {
                    body.push(b'&');
                }
                body.extend_from_slice(format!("{}={}", rfc3986(k), rfc3986(v)).as_bytes());
            }
        } else {
            m.replace_query(&[], &oauth, &["oauth_signature"]);
        }
        Ok(())
    }

    /// The signature of `base`, base64 (PLAINTEXT: the key itself).
    fn signature(&self, base: &str) -> Result<String> {
        let key = format!(
            "{}&{}",
            rfc3986(&self.consumer_secret),
            rfc3986(&self.token_secret)
        );
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        Ok(match self.method {
            Method::Plaintext => key,
            Method::Hmac(h) => {
                let alg = match h {
                    Hash::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                    Hash::Sha256 => hmac::HMAC_SHA256,
                    Hash::Sha512 => hmac::HMAC_SHA512,
                };
                b64(hmac::sign(&hmac::Key::new(alg, key.as_bytes()), base.as_bytes()).as_ref())
            }
            Method::Rsa(h) => {
                let scheme = match h {
                    Hash::Sha1 => Rsa::Sha1,
                    Hash::Sha256 => Rsa::Sha256,
                    Hash::Sha512 => Rsa::Sha512,
                };
                b64(&keys::rsa_sign(
                    "privateKey",
                    &self.private_key,
                    scheme,
                    base.as_bytes(),
                )?)
            }
        })
    }

    /// `OAuth realm="…",oauth_consumer_key="…",…` (the realm only when set).
    fn header(&self, oauth: &[(String, String)]) -> String {
        let enc = |v: &str| {
            if self.disable_header_encoding {
                v.to_string()
            } else {
                rfc3986(v)
            }
        };
        let mut parts = Vec::new();
        if !self.realm.is_empty() {
            parts.push(format!("realm=\"{}\"", enc(&self.realm)));
        }
        parts.extend(oauth.iter().map(|(k, v)| format!("{k}=\"{}\"", enc(v))));
        format!("OAuth {}", parts.join(","))
    }
}

/// RFC 5849 section 3.4.1: `METHOD&enc(base URI)&enc(normalised parameters)`.
pub(super) fn base_string(method: &str, url: &url::Url, params: &[(String, String)]) -> String {
    let scheme = url.scheme().to_ascii_lowercase();
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let uri = match url.port() {
        Some(port) => format!("{scheme}://{host}:{port}{}", url.path()),
        None => format!("{scheme}://{host}{}", url.path()),
    };
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (rfc3986(k), rfc3986(v)))
        .collect();
    encoded.sort();
    let normalised: Vec<String> = encoded.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        rfc3986(&uri),
        rfc3986(&normalised.join("&"))
    )
}

/// The fields of a form-encoded body, decoded.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A form-encoded body without `oauth_*` protocol fields, the others kept as written.
fn strip_oauth_fields(body: &[u8]) -> Vec<u8> {
    let kept: Vec<&[u8]> = body
        .split(|b| *b == b'&')
        .filter(|field| {
            let name = field.split(|b| *b == b'=').next().unwrap_or_default();
            let name: String = url::form_urlencoded::parse(name)
                .map(|(k, _)| k.into_owned())
                .collect();
            !field.is_empty() && !OAUTH_PARAMS.contains(&name.as_str())
        })
        .collect();
    kept.join(&b'&')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn rfc5849_section_3_4_1_base_string() {
        // The request of RFC 5849 section 3.4.1.1, its query and body decoded.
        let url = url::Url::parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b")
            .expect("url");
        let mut all = params(&[
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
        ]);
        all.extend(
            url.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned())),
        );
        all.extend(form_pairs(b"c2&a3=2+q"));
        assert_eq!(
            base_string("POST", &url, &all),
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q\
             %26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_\
             key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m\
             ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk\
             9d7dh3k39sjv7"
        );
    }

    fn signer(method: Method, consumer_secret: &str, token_secret: &str) -> Oauth1 {
        Oauth1 {
            consumer_key: String::new(),
            consumer_secret: consumer_secret.into(),
            token: String::new(),
            token_secret: token_secret.into(),
            private_key: String::new(),
            method,
            timestamp: String::new(),
            nonce: String::new(),
            version: String::new(),
            realm: String::new(),
            callback: String::new(),
            verifier: String::new(),
            include_body_hash: false,
            add_to_header: true,
            add_empty: false,
            disable_header_encoding: false,
        }
    }

    #[test]
    fn rfc5849_section_1_2_signatures() {
        // Temporary credentials request (section 1.2).
        let url = url::Url::parse("https://photos.example.net/initiate").expect("url");
        let all = params(&[
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131200"),
            ("oauth_nonce", "wIjqoS"),
            ("oauth_callback", "http://printer.example.com/ready"),
        ]);
        let s = signer(Method::Hmac(Hash::Sha1), "kd94hf93k423kf44", "");
        let base = base_string("POST", &url, &all);
        assert_eq!(
            s.signature(&base).expect("signs"),
            "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
        );

        // Protected resource request (section 1.2).
        let url =
            url::Url::parse("http://photos.example.net/photos?file=vacation.jpg&size=original")
                .expect("url");
        let mut all = params(&[
            ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
            ("oauth_token", "nnch734d00sl2jdk"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131202"),
            ("oauth_nonce", "chapoH"),
        ]);
        all.extend(
            url.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned())),
        );
        let s = signer(
            Method::Hmac(Hash::Sha1),
            "kd94hf93k423kf44",
            "pfkkdhi9sl3r4s00",
        );
        let base = base_string("GET", &url, &all);
        // The RFC prints MdpQcU8iPSUjWoN5UDK7R8tY1tM=, a known misprint (RFC 5849 errata): the
        // HMAC of its own base string is this value, which every OAuth library agrees on.
        assert_eq!(
            s.signature(&base).expect("signs"),
            "MdpQcU8iPSUjWoN/UDMsK2sui9I="
        );
    }

    #[test]
    fn plaintext_is_the_encoded_key_and_header_encoding_can_be_off() {
        let mut s = signer(Method::Plaintext, "c s", "t&s");
        assert_eq!(s.signature("ignored").expect("signs"), "c%20s&t%26s");
        s.realm = "Photos".into();
        let oauth = params(&[("oauth_consumer_key", "a b")]);
        assert_eq!(
            s.header(&oauth),
            "OAuth realm=\"Photos\",oauth_consumer_key=\"a%20b\""
        );
        s.disable_header_encoding = true;
        assert_eq!(
            s.header(&oauth),
            "OAuth realm=\"Photos\",oauth_consumer_key=\"a b\""
        );
    }

    #[test]
    fn form_bodies_lose_their_oauth_fields() {
        assert_eq!(
            strip_oauth_fields(b"a=1&oauth_nonce=x&oauth%5Fsignature=y&b=2"),
            b"a=1&b=2"
        );
    }
}
