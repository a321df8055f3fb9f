//! Passphrase-protected PEM private keys, the two kinds OpenSSL writes and Node (so newman's
//! `--ssl-client-passphrase`) reads:
//!
//! - PKCS#8 `ENCRYPTED PRIVATE KEY` (PBES2 with PBKDF2 or scrypt and AES-CBC or DES-EDE3-CBC:
//!   what `openssl pkcs8 -topk8` and OpenSSL 3's `genpkey -aes256` write);
//! - the legacy `Proc-Type: 4,ENCRYPTED` form with a `DEK-Info` line (`openssl rsa -aes256
//!   -traditional`, `openssl ec -aes256`, OpenSSL 1.x's `genrsa -aes256`): the key derived by
//!   OpenSSL's `EVP_BytesToKey` with MD5, one round, the IV's first 8 bytes as salt.
//!
//! A key that is not encrypted is left to the plain PEM reader.

use aes::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use base64::Engine as _;
use md5::{Digest, Md5};
use rustls::pki_types::PrivateKeyDer;

/// Why an encrypted key could not be read; the caller names the file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum KeyError {
    /// The key is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The passphrase does not decrypt it (or the file is damaged).
    WrongPassphrase,
    /// It is encrypted in a way this reader does not know (the cipher is named).
    Unsupported(String),
    /// The PEM text itself is damaged.
    Malformed(String),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::NeedsPassphrase => {
                f.write_str("the private key is encrypted: give its passphrase")
            }
            KeyError::WrongPassphrase => {
                f.write_str("wrong passphrase for the private key (or a damaged file)")
            }
            KeyError::Unsupported(what) => write!(
                f,
                "the key is encrypted with {what}, which is not supported (convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`)"
            ),
            KeyError::Malformed(why) => write!(f, "not a readable encrypted PEM key ({why})"),
        }
    }
}

/// The key in `pem`, decrypted with `passphrase`; `None` when `pem` holds no encrypted key.
pub(super) fn decrypt(
    pem: &[u8],
    passphrase: Option<&str>,
) -> Option<Result<PrivateKeyDer<'static>, KeyError>> {
    let text = std::str::from_utf8(pem).ok()?;
    if let Some(body) = section(text, "ENCRYPTED PRIVATE KEY") {
        return Some(pkcs8(&body.lines, passphrase));
    }
    ["RSA PRIVATE KEY", "EC PRIVATE KEY"]
        .into_iter()
        .find_map(|label| section(text, label).map(|s| (label, s)))
        .filter(|(_, s)| {
            s.headers
                .iter()
                .any(|(k, v)| k == "Proc-Type" && v == "4,ENCRYPTED")
        })
        .map(|(label, s)| legacy(label, &s, passphrase))
}

/// A PEM section: its headers (`Name: value` lines) and its base64 lines.
struct Section {
    headers: Vec<(String, String)>,
    lines: String,
}

fn section(text: &str, label: &str) -> Option<Section> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    let mut section = Section {
        headers: Vec::new(),
        lines: String::new(),
    };
    for line in text[start..stop].lines().map(str::trim) {
        match line.split_once(':') {
            Some((name, value)) => section
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned())),
            None => section.lines.push_str(line),
        }
    }
    Some(section)
}

fn base64(lines: &str) -> Result<Vec<u8>, KeyError> {
    base64::engine::general_purpose::STANDARD
        .decode(lines)
        .map_err(|e| KeyError::Malformed(format!("bad base64: {e}")))
}

fn pkcs8(lines: &str, passphrase: Option<&str>) -> Result<PrivateKeyDer<'static>, KeyError> {
    use pkcs8::der::Decode;
    let der = base64(lines)?;
    let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&der)
        .map_err(|e| KeyError::Malformed(e.to_string()))?;
    let passphrase = passphrase.ok_or(KeyError::NeedsPassphrase)?;
    let plain = info.decrypt(passphrase).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::AlgorithmParametersInvalid {
            oid,
        })
        | pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::UnsupportedAlgorithm { oid }) => {
            KeyError::Unsupported(format!("the algorithm {oid}"))
        }
        _ => KeyError::WrongPassphrase,
    })?;
    // A wrong passphrase can decrypt to bytes whose padding happens to be valid: they are
    // then not a PrivateKeyInfo.
    pkcs8::PrivateKeyInfoRef::from_der(plain.as_bytes()).map_err(|_| KeyError::WrongPassphrase)?;
    Ok(PrivateKeyDer::Pkcs8(plain.as_bytes().to_vec().into()))
}

fn legacy(
    label: &str,
    section: &Section,
    passphrase: Option<&str>,
) -> Result<PrivateKeyDer<'static>, KeyError> {
    let dek = section
        .headers
        .iter()
        .find(|(k, _)| k == "DEK-Info")
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| KeyError::Malformed("no DEK-Info line".into()))?;
    let (cipher, iv_hex) = dek
        .split_once(',')
        .ok_or_else(|| KeyError::Malformed(format!("DEK-Info {dek:?}")))?;
    let iv = hex(iv_hex.trim()).ok_or_else(|| KeyError::Malformed("bad DEK-Info IV".into()))?;
    let data = base64(&section.lines)?;
    let passphrase = passphrase.ok_or(KeyError::NeedsPassphrase)?;
    let cipher = cipher.trim().to_ascii_uppercase();
    let key_len = match cipher.as_str() {
        "AES-128-CBC" => 16,
        "AES-192-CBC" => 24,
        "AES-256-CBC" => 32,
        "DES-EDE3-CBC" => 24,
        other => return Err(KeyError::Unsupported(other.to_owned())),
    };
    let salt = iv
        .get(..8)
        .ok_or_else(|| KeyError::Malformed("DEK-Info IV too short".into()))?;
    let key = bytes_to_key(passphrase.as_bytes(), salt, key_len);
    let wrong = |_| KeyError::WrongPassphrase;
    let short = |_| KeyError::Malformed("DEK-Info IV of the wrong length".into());
    let plain = match key_len {
        16 if cipher.starts_with("AES") => {
            cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, &iv)
                .map_err(short)?
                .decrypt_padded_vec::<Pkcs7>(&data)
                .map_err(wrong)?
        }
        24 if cipher.starts_with("AES") => {
            cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, &iv)
                .map_err(short)?
                .decrypt_padded_vec::<Pkcs7>(&data)
                .map_err(wrong)?
        }
        32 => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, &iv)
            .map_err(short)?
            .decrypt_padded_vec::<Pkcs7>(&data)
            .map_err(wrong)?,
        _ => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(short)?
            .decrypt_padded_vec::<Pkcs7>(&data)
            .map_err(wrong)?,
    };
    // A wrong passphrase usually fails the padding; when it does not, the bytes are not the
    // DER SEQUENCE a key starts with.
    if plain.first() != Some(&0x30) {
        return Err(KeyError::WrongPassphrase);
    }
    Ok(match label {
        "RSA PRIVATE KEY" => PrivateKeyDer::Pkcs1(plain.into()),
        _ => PrivateKeyDer::Sec1(plain.into()),
    })
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round: D1 = MD5(pass ‖ salt),
/// Di = MD5(Di-1 ‖ pass ‖ salt), concatenated to `len` bytes.
fn bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
    let mut key = Vec::with_capacity(len + 16);
    let mut last: Vec<u8> = Vec::new();
    while key.len() < len {
        let mut md5 = Md5::new();
        md5.update(&last);
        md5.update(passphrase);
        md5.update(salt);
        last = md5.finalize().to_vec();
        key.extend_from_slice(&last);
    }
    key.truncate(len);
    key
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_to_key_matches_openssl() {
        // What `openssl enc -aes-256-cbc -pass pass:pw -S 0102030405060708 -md md5 -P` prints
        // as key= (OpenSSL 3.0.x on this machine; the test calls it when it is installed, and
        // the oracle is then the binary itself rather than this constant).
        let key = bytes_to_key(b"pw", &[1, 2, 3, 4, 5, 6, 7, 8], 32);
        let out = std::process::Command::new("openssl")
            .args([
                "enc",
                "-aes-256-cbc",
                "-pass",
                "pass:pw",
                "-S",
                "0102030405060708",
            ])
            .args(["-md", "md5", "-P"])
            .output()
            .expect("openssl runs (scripts/install-deps.sh installs it)");
        let text = String::from_utf8_lossy(&out.stdout);
        let want = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("key="))
            .expect("openssl prints key=");
        let got: String = key.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(got, want.trim());
    }

    #[test]
    fn keys_that_are_not_encrypted_are_left_alone() {
        assert!(
            decrypt(
                b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                None
            )
            .is_none()
        );
        let plain_rsa = b"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert!(decrypt(plain_rsa, Some("pw")).is_none());
    }
}
