//! JWT bearer: a JSON Web Token (RFC 7519) signed as a JWS (RFC 7515) on every send.
//!
//! Postman's parameters: `algorithm` (HS256/384/512 with `secret`, base64-decoded first when
//! `isSecretBase64Encoded`; RS256/384/512, PS256/384/512 and ES256/384/512 with a PEM
//! `privateKey`), `payload` (a JSON object; empty means `{}`), `header` (extra JOSE header
//! fields; `alg` is always the chosen algorithm, and nothing else is added), `addTokenTo`
//! (`header`, the default, or `queryParam`), `headerPrefix` (default `Bearer`; empty sends the
//! bare token) and `queryParamKey` (default `token`). The header and payload are written compactly, keys in the order given.

use base64::Engine as _;
use ring::hmac;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING};

use super::super::Result;
use super::keys::{self, Rsa};
use super::signer::{Message, Params, invalid};
use crate::template::Entropy;

/// A JWS algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Algorithm {
    Hs(hmac::Algorithm),
    Rs(Rsa),
    Es256,
    Es384,
    Es512,
}

impl Algorithm {
    /// The algorithm named `name` (`HS256` … `ES512`), exactly as JWS spells it.
    pub(super) fn parse(name: &str) -> Option<Algorithm> {
        Some(match name {
            "HS256" => Algorithm::Hs(hmac::HMAC_SHA256),
            "HS384" => Algorithm::Hs(hmac::HMAC_SHA384),
            "HS512" => Algorithm::Hs(hmac::HMAC_SHA512),
            "RS256" => Algorithm::Rs(Rsa::Sha256),
            "RS384" => Algorithm::Rs(Rsa::Sha384),
            "RS512" => Algorithm::Rs(Rsa::Sha512),
            "PS256" => Algorithm::Rs(Rsa::Pss256),
            "PS384" => Algorithm::Rs(Rsa::Pss384),
            "PS512" => Algorithm::Rs(Rsa::Pss512),
            "ES256" => Algorithm::Es256,
            "ES384" => Algorithm::Es384,
            "ES512" => Algorithm::Es512,
            _ => return None,
        })
    }

    /// The signature of `input` with the PEM `private_key` (the `auth.privateKey` field);
    /// `None` for the HMAC algorithms, which take a secret instead.
    pub(super) fn sign_with_key(self, private_key: &str, input: &[u8]) -> Option<Result<Vec<u8>>> {
        Some(match self {
            Algorithm::Hs(_) => return None,
            Algorithm::Rs(scheme) => keys::rsa_sign("privateKey", private_key, scheme, input),
            Algorithm::Es256 => keys::ecdsa_sign(
                "privateKey",
                private_key,
                &ECDSA_P256_SHA256_FIXED_SIGNING,
                input,
            ),
            Algorithm::Es384 => keys::ecdsa_sign(
                "privateKey",
                private_key,
                &ECDSA_P384_SHA384_FIXED_SIGNING,
                input,
            ),
            Algorithm::Es512 => keys::ecdsa_p521_sign("privateKey", private_key, input),
        })
    }
}

/// The compact JWS of `header` and `payload` (each written compactly, keys in order), its
/// signature made by `sign` over the signing input.
pub(super) fn compact(
    header: &serde_json::Map<String, serde_json::Value>,
    payload: &serde_json::Map<String, serde_json::Value>,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
) -> Result<String> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let to_json =
        |m: &serde_json::Map<String, serde_json::Value>| serde_json::to_vec(m).unwrap_or_default();
    let input = format!("{}.{}", b64(&to_json(header)), b64(&to_json(payload)));
    let signature = sign(input.as_bytes())?;
    Ok(format!("{input}.{}", b64(&signature)))
}

const ALGORITHMS: &str = "HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, \
                          ES384 or ES512";

/// JWT parameters, rendered.
#[derive(Clone)]
pub(crate) struct Jwt {
    name: String,
    algorithm: Algorithm,
    secret: String,
    secret_is_base64: bool,
    private_key: String,
    payload: String,
    header: String,
    in_query: bool,
    prefix: Option<String>,
    query_key: String,
}

impl Jwt {
    /// Reads and checks the parameters.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Jwt> {
        let name = p.text("algorithm").trim().to_string();
        let algorithm = match name.as_str() {
            "" => Algorithm::Hs(hmac::HMAC_SHA256),
            other => Algorithm::parse(other).ok_or_else(|| {
                invalid(
                    "algorithm",
                    format!("unknown JWT algorithm {other:?} (expected {ALGORITHMS})"),
                )
            })?,
        };
        let place = p.text("addTokenTo");
        let in_query = match place.trim() {
            "" | "header" => false,
            "queryParam" => true,
            other => {
                return Err(invalid(
                    "addTokenTo",
                    format!("unknown place {other:?} (expected header or queryParam)"),
                ));
            }
        };
        let query_key = p.text("queryParamKey");
        Ok(Jwt {
            name: if name.is_empty() {
                "HS256".into()
            } else {
                name
            },
            algorithm,
            secret: p.text("secret"),
            secret_is_base64: p.flag("isSecretBase64Encoded"),
            private_key: p.text("privateKey"),
            payload: p.text("payload"),
            header: p.text("header"),
            in_query,
            prefix: p.has("headerPrefix").then(|| p.text("headerPrefix")),
            query_key: if query_key.trim().is_empty() {
                "token".into()
            } else {
                query_key
            },
        })
    }

    /// Signs a token and adds it to `m`.
    pub(super) fn sign(&self, m: &mut Message<'_>, _entropy: &mut dyn Entropy) -> Result<()> {
        let token = self.token()?;
        if self.in_query {
            m.replace_query(
                &[&self.query_key],
                &[(self.query_key.clone(), token)],
                &[&self.query_key],
            );
        } else {
            let value = match self.prefix.as_deref().map(str::trim) {
                None => format!("Bearer {token}"),
                Some("") => token,
                Some(prefix) => format!("{prefix} {token}"),
            };
            m.set_header("Authorization", value, true);
        }
        Ok(())
    }

    /// The compact JWS: `base64url(header).base64url(payload).base64url(signature)`.
    fn token(&self) -> Result<String> {
        let mut header = json_object("header", &self.header)?;
        header.insert("alg".into(), self.name.clone().into());
        let payload = json_object("payload", &self.payload)?;
        compact(&header, &payload, |input| match self.algorithm {
            Algorithm::Hs(alg) => {
                let secret = if self.secret_is_base64 {
                    decode_base64(&self.secret)?
                } else {
                    self.secret.as_bytes().to_vec()
                };
                if secret.is_empty() {
                    return Err(invalid("secret", "a secret is required"));
                }
                Ok(hmac::sign(&hmac::Key::new(alg, &secret), input)
                    .as_ref()
                    .to_vec())
            }
            other => other
                .sign_with_key(&self.private_key, input)
                .unwrap_or_else(|| Err(invalid("algorithm", "no key algorithm"))),
        })
    }
}

/// `text` as a JSON object (empty text is `{}`); the error names `auth.<field>`, not the text.
pub(super) fn json_object(
    field: &str,
    text: &str,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    if text.trim().is_empty() {
        return Ok(serde_json::Map::new());
    }
    match serde_json::from_str(text.trim()) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid(field, "expected a JSON object")),
        Err(e) => Err(invalid(
            field,
            format!("invalid JSON at line {} column {}", e.line(), e.column()),
        )),
    }
}

/// A base64 secret, standard or URL-safe alphabet, padded or not.
fn decode_base64(text: &str) -> Result<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let text = text.trim();
    STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
        .map_err(|_| invalid("secret", "not valid base64 (isSecretBase64Encoded is on)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs256(secret: &str, header: &str, payload: &str) -> Jwt {
        Jwt {
            name: "HS256".into(),
            algorithm: Algorithm::Hs(hmac::HMAC_SHA256),
            secret: secret.into(),
            secret_is_base64: true,
            private_key: String::new(),
            payload: payload.into(),
            header: header.into(),
            in_query: false,
            prefix: None,
            query_key: "token".into(),
        }
    }

    #[test]
    fn rfc7515_appendix_a_1_hs256() {
        // RFC 7515 A.1: its header has a line break the JSON writer does not keep, so this
        // checks the MAC over the RFC's exact signing input with the RFC's key.
        let key = decode_base64(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
        )
        .expect("key");
        let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
                     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), input.as_bytes());
        assert_eq!(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag.as_ref()),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
    }

    #[test]
    fn jwt_io_default_token() {
        // The token jwt.io shows by default: HS256, secret "your-256-bit-secret".
        let mut jwt = hs256(
            "your-256-bit-secret",
            r#"{"typ":"JWT"}"#,
            r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
        );
        jwt.secret_is_base64 = false;
        // `alg` is appended after the user's fields, as Postman's `{...header, alg}` does.
        let token = jwt.token().expect("signs");
        let mut jwt_alg_first = jwt.clone();
        jwt_alg_first.header = r#"{"alg":"x","typ":"JWT"}"#.into();
        assert_eq!(
            jwt_alg_first.token().expect("signs"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
             eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
             SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        );
        assert!(
            token.starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."),
            "{token}"
        );
    }

    #[test]
    fn bad_json_and_algorithms_name_the_field() {
        let jwt = hs256("c2VjcmV0", "", r#"{"sub": "s3cr3t-value""#);
        let e = jwt.token().expect_err("bad payload");
        assert_eq!(
            e.to_string(),
            "auth.payload: invalid JSON at line 1 column 22"
        );
        let jwt = hs256("c2VjcmV0", "[1]", "");
        let e = jwt.token().expect_err("header not an object");
        assert_eq!(e.to_string(), "auth.header: expected a JSON object");
        let jwt = hs256("not base64!", "", "");
        let e = jwt.token().expect_err("bad secret");
        assert!(!e.to_string().contains("not base64!"), "{e}");
    }
}
