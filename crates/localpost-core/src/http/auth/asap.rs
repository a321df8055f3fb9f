//! ASAP (Atlassian service-to-service auth): a short-lived JWT signed with the service's
//! private key on every send, sent as `Authorization: Bearer <token>`.
//!
//! Postman's parameters: `alg` (RS256, the default, to ES512; never HMAC), `kid` (the key id,
//! put in the JOSE header), `iss`, `aud`, `sub` (defaults to the issuer), `exp` (seconds the
//! token lives, default 3600), `privateKey` (PEM PKCS #8, or the ASAP key server's data URI
//! `data:application/pkcs8;kid=<kid>;base64,<DER>`, whose kid must match) and `claims` (a JSON
//! object of extra claims). As in Postman, a claim given in `claims` wins over the parameter of
//! the same name (`iss`, `sub`, `aud`, `kid`, `jti`, `iat`, `exp`, where `exp` is then a
//! timestamp); `jti` is otherwise a fresh UUID and `iat` the current time. The header is
//! `{"alg", "kid"}`; the payload is the claims, then `iat`, `iss`, `sub`, `jti`, `aud`, `exp`.

use base64::Engine as _;
use serde_json::{Map, Value};

use super::super::Result;
use super::jwt::{self, Algorithm};
use super::signer::{Message, Params, invalid, now_secs, uuid};
use crate::template::Entropy;

const ALGORITHMS: &str = "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512";

/// How long a token lives when `exp` is not given, in seconds.
const DEFAULT_LIFETIME: i64 = 3600;

/// ASAP parameters, rendered.
#[derive(Clone)]
pub(crate) struct Asap {
    name: String,
    algorithm: Algorithm,
    kid: String,
    iss: String,
    sub: String,
    aud: String,
    lifetime: i64,
    private_key: String,
    claims: String,
}

impl Asap {
    /// Reads and checks the parameters that do not depend on the claims.
    pub(super) fn read(p: &mut Params<'_, '_, '_>) -> Result<Asap> {
        let name = match p.text("alg").trim() {
            "" => "RS256".to_string(),
            other => other.to_string(),
        };
        let algorithm = Algorithm::parse(&name)
            .filter(|a| !matches!(a, Algorithm::Hs(_)))
            .ok_or_else(|| {
                invalid(
                    "alg",
                    format!("unknown ASAP algorithm {name:?} (expected {ALGORITHMS})"),
                )
            })?;
        let lifetime = match p.text("exp").trim() {
            "" => DEFAULT_LIFETIME,
            text => text
                .parse::<i64>()
                .ok()
                .filter(|s| *s > 0)
                .ok_or_else(|| invalid("exp", "expected a number of seconds"))?,
        };
        Ok(Asap {
            name,
            algorithm,
            kid: p.text("kid").trim().to_string(),
            iss: p.text("iss").trim().to_string(),
            sub: p.text("sub").trim().to_string(),
            aud: p.text("aud").trim().to_string(),
            lifetime,
            private_key: p.text("privateKey"),
            claims: p.text("claims"),
        })
    }

    /// Signs a token and sets `Authorization: Bearer <token>`.
    pub(super) fn sign(&self, m: &mut Message<'_>, entropy: &mut dyn Entropy) -> Result<()> {
        let token = self.token(entropy)?;
        m.set_header("Authorization", format!("Bearer {token}"), true);
        Ok(())
    }

    fn token(&self, entropy: &mut dyn Entropy) -> Result<String> {
        let claims = jwt::json_object("claims", &self.claims)?;
        let text = |key: &str, fallback: &str| match claims.get(key) {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(v) if !v.is_null() && !v.is_string() => v.to_string(),
            _ => fallback.to_string(),
        };
        let iss = text("iss", &self.iss);
        let sub = text("sub", &self.sub);
        let sub = if sub.is_empty() { iss.clone() } else { sub };
        let kid = text("kid", &self.kid);
        for (field, value) in [("kid", &kid), ("iss", &iss)] {
            if value.is_empty() {
                return Err(invalid(field, "required by ASAP"));
            }
        }
        let aud = match claims.get("aud") {
            Some(v @ (Value::Array(_) | Value::String(_))) if v != "" => v.clone(),
            _ if self.aud.is_empty() => return Err(invalid("aud", "required by ASAP")),
            _ => Value::String(self.aud.clone()),
        };
        let iat = match claims.get("iat").and_then(number) {
            Some(iat) => iat,
            None => now_secs(entropy),
        };
        let exp = claims
            .get("exp")
            .and_then(number)
            .unwrap_or(iat + self.lifetime);
        let jti = match claims.get("jti") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => uuid(entropy),
        };
        let key = private_key(&self.private_key, &kid)?;

        let mut header = Map::new();
        header.insert("alg".into(), self.name.clone().into());
        header.insert("kid".into(), kid.into());
        let mut payload = claims;
        for (k, v) in [
            ("iat", Value::from(iat)),
            ("iss", iss.into()),
            ("sub", sub.into()),
            ("jti", jti.into()),
            ("aud", aud),
            ("exp", Value::from(exp)),
        ] {
            payload.insert(k.into(), v);
        }
        jwt::compact(&header, &payload, |input| {
            self.algorithm
                .sign_with_key(&key, input)
                .unwrap_or_else(|| Err(invalid("alg", "ASAP signs with a private key")))
        })
    }
}

/// A whole number of seconds, written as a number or as digits.
fn number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The PEM private key: `text` as given (quotes around it dropped), or the PKCS #8 key of an
/// ASAP data URI, whose `kid` must be `kid`.
fn private_key(text: &str, kid: &str) -> Result<String> {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    let Some(uri) = decoded.strip_prefix("data:application/pkcs8;kid=") else {
        return Ok(text.to_string());
    };
    let malformed = || {
        invalid(
            "privateKey",
            "malformed data URI (expected data:application/pkcs8;kid=<kid>;base64,<key>)",
        )
    };
    let (uri_kid, der) = uri.split_once(";base64,").ok_or_else(malformed)?;
    if uri_kid != kid {
        return Err(invalid(
            "privateKey",
            "the data URI's kid is not the kid parameter",
        ));
    }
    let der: String = der.chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(der)
        .map_err(|_| malformed())?;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    Ok(format!(
        "-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_uris_give_the_key_and_check_its_kid() {
        let pem = private_key(
            "data:application/pkcs8;kid=svc%2Fkey-1;base64,AAEC",
            "svc/key-1",
        )
        .expect("read");
        assert_eq!(
            pem,
            "-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----\n"
        );
        let e = private_key("data:application/pkcs8;kid=other;base64,AAEC", "svc/key-1")
            .expect_err("kid");
        assert_eq!(
            e.to_string(),
            "auth.privateKey: the data URI's kid is not the kid parameter"
        );
        assert_eq!(
            private_key("\"-----BEGIN PRIVATE KEY-----\"", "k").expect("quoted"),
            "-----BEGIN PRIVATE KEY-----"
        );
    }
}
