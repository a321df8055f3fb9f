//! Private keys in PEM and the public-key signatures OAuth 1.0 and JWT make with them.
//!
//! RSA keys may be PKCS #8 (`BEGIN PRIVATE KEY`) or PKCS #1 (`BEGIN RSA PRIVATE KEY`); EC keys
//! must be PKCS #8, as Postman's (`jose.importPKCS8`) must. Signing is ring's, except RSA with
//! SHA-1 (OAuth's `RSA-SHA1`), which ring only verifies: the `rsa` crate signs that, blinded;
//! and ECDSA on P-521 (JWT's ES512), which ring lacks: the `p521` crate signs that
//! (RFC 6979 nonces hedged with fresh randomness).
//! Errors name the field and say what is wrong, never what the key holds.

use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, EcdsaSigningAlgorithm, RsaKeyPair};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;

use super::super::Result;
use super::signer::invalid;

/// An RSA signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rsa {
    /// RSASSA-PKCS1-v1_5 with SHA-1.
    Sha1,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Sha512,
    /// RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt the digest's length).
    Pss256,
    /// RSASSA-PSS with SHA-384.
    Pss384,
    /// RSASSA-PSS with SHA-512.
    Pss512,
}

/// The DER-encoded DigestInfo prefix of a SHA-1 digest (RFC 8017, section 9.2, note 1).
const SHA1_DIGEST_INFO: [u8; 15] = [
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];

/// Parses the PEM in `pem` (the value of `auth.<field>`).
fn parse(field: &str, pem: &str) -> Result<PrivateKeyDer<'static>> {
    let text = pem.trim();
    if text.is_empty() {
        return Err(invalid(field, "a private key is required"));
    }
    // A key kept in a one-line variable often has its line breaks written as `\n`, or lost.
    let text = if !text.contains('\n') && text.contains("\\n") {
        text.replace("\\n", "\n")
    } else if !text.contains('\n') {
        rewrap(text).unwrap_or_else(|| text.to_string())
    } else {
        text.to_string()
    };
    PrivateKeyDer::from_pem_slice(text.as_bytes())
        .map_err(|_| invalid(field, "not a PEM private key (expected BEGIN PRIVATE KEY)"))
}

/// A PEM block written on one line (its line breaks lost) put back on lines: the
/// `-----BEGIN …-----` line, the base64 body in lines of 64, the `-----END …-----` line.
fn rewrap(text: &str) -> Option<String> {
    let rest = text.strip_prefix("-----BEGIN ")?;
    let (label, rest) = rest.split_once("-----")?;
    let (body, footer) = rest.split_once("-----END ")?;
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).ok()?);
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(footer);
    out.push('\n');
    Some(out)
}

/// Signs `message` with the RSA key in `pem`.
pub(super) fn rsa_sign(field: &str, pem: &str, scheme: Rsa, message: &[u8]) -> Result<Vec<u8>> {
    let der = parse(field, pem)?;
    let padding: &'static dyn signature::RsaEncoding = match scheme {
        Rsa::Sha1 => return rsa_sha1(field, &der, message),
        Rsa::Sha256 => &signature::RSA_PKCS1_SHA256,
        Rsa::Sha384 => &signature::RSA_PKCS1_SHA384,
        Rsa::Sha512 => &signature::RSA_PKCS1_SHA512,
        Rsa::Pss256 => &signature::RSA_PSS_SHA256,
        Rsa::Pss384 => &signature::RSA_PSS_SHA384,
        Rsa::Pss512 => &signature::RSA_PSS_SHA512,
    };
    let pair = match &der {
        PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
        PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
        _ => return Err(invalid(field, "not an RSA private key")),
    }
    .map_err(|e| invalid(field, format!("not a usable RSA private key ({e})")))?;
    let mut out = vec![0u8; pair.public().modulus_len()];
    pair.sign(padding, &SystemRandom::new(), message, &mut out)
        .map_err(|_| invalid(field, "the RSA key cannot make this signature"))?;
    Ok(out)
}

/// RSASSA-PKCS1-v1_5 with SHA-1, which ring does not sign.
fn rsa_sha1(field: &str, der: &PrivateKeyDer<'_>, message: &[u8]) -> Result<Vec<u8>> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;

    let key = match der {
        PrivateKeyDer::Pkcs8(k) => rsa::RsaPrivateKey::from_pkcs8_der(k.secret_pkcs8_der())
            .map_err(|_| invalid(field, "not a usable RSA private key")),
        PrivateKeyDer::Pkcs1(k) => rsa::RsaPrivateKey::from_pkcs1_der(k.secret_pkcs1_der())
            .map_err(|_| invalid(field, "not a usable RSA private key")),
        _ => Err(invalid(field, "not an RSA private key")),
    }?;
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, message);
    let scheme = rsa::Pkcs1v15Sign {
        hash_len: Some(digest.as_ref().len()),
        prefix: SHA1_DIGEST_INFO.into(),
    };
    key.sign_with_rng(&mut rsa::rand_core::OsRng, scheme, digest.as_ref())
        .map_err(|_| invalid(field, "the RSA key cannot make this signature"))
}

/// Signs `message` with the EC key in `pem`; the signature is `r || s` (JWS's form).
pub(super) fn ecdsa_sign(
    field: &str,
    pem: &str,
    alg: &'static EcdsaSigningAlgorithm,
    message: &[u8],
) -> Result<Vec<u8>> {
    let der = parse(field, pem)?;
    let PrivateKeyDer::Pkcs8(k) = &der else {
        return Err(invalid(
            field,
            "EC keys must be PKCS #8 (BEGIN PRIVATE KEY); convert with `openssl pkcs8 -topk8 -nocrypt`",
        ));
    };
    let rng = SystemRandom::new();
    let pair = EcdsaKeyPair::from_pkcs8(alg, k.secret_pkcs8_der(), &rng).map_err(|e| {
        invalid(
            field,
            format!("not a usable EC private key for this curve ({e})"),
        )
    })?;
    pair.sign(&rng, message)
        .map(|s| s.as_ref().to_vec())
        .map_err(|_| invalid(field, "the EC key cannot make this signature"))
}

/// Signs `message` with the P-521 key in `pem` using ECDSA with SHA-512 (JWS's ES512); the
/// signature is `r || s`, 66 bytes each.
pub(super) fn ecdsa_p521_sign(field: &str, pem: &str, message: &[u8]) -> Result<Vec<u8>> {
    use p521::ecdsa::signature::Signer as _;
    use p521::pkcs8::DecodePrivateKey as _;
    let der = parse(field, pem)?;
    let PrivateKeyDer::Pkcs8(k) = &der else {
        return Err(invalid(
            field,
            "EC keys must be PKCS #8 (BEGIN PRIVATE KEY); convert with `openssl pkcs8 -topk8 -nocrypt`",
        ));
    };
    let secret = p521::SecretKey::from_pkcs8_der(k.secret_pkcs8_der())
        .map_err(|_| invalid(field, "not a usable EC private key for this curve (P-521)"))?;
    let key = p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes())
        .map_err(|_| invalid(field, "not a usable EC private key for this curve (P-521)"))?;
    let signature: p521::ecdsa::Signature = key
        .try_sign(message)
        .map_err(|_| invalid(field, "the EC key cannot make this signature"))?;
    Ok(signature.to_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unparseable_keys_name_the_field_and_hide_the_value() {
        let e = rsa_sign("privateKey", "not-a-key-s3cr3t", Rsa::Sha256, b"m").expect_err("bad");
        assert_eq!(
            e.to_string(),
            "auth.privateKey: not a PEM private key (expected BEGIN PRIVATE KEY)"
        );
        let e = rsa_sign("privateKey", "  ", Rsa::Sha256, b"m").expect_err("empty");
        assert_eq!(e.to_string(), "auth.privateKey: a private key is required");
    }
}
