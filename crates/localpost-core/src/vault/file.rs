//! A vault file sealed with a passphrase: the explicit alternative when no OS keychain exists.
//!
//! Never a silent fallback: the user chooses it and types the passphrase. The file holds
//! `LPVAULT1`, a 16-byte random salt, the PBKDF2 iteration count (u32, big-endian), a 12-byte
//! nonce and the AES-256-GCM sealed JSON map of accounts to base64 values. The key is derived
//! with PBKDF2-HMAC-SHA256 from the passphrase and salt. Every change rewrites the whole file
//! under a fresh nonce, through a temporary file renamed over the old one, so a crash leaves
//! the old or the new file, never half of one.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::pbkdf2;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use super::{Keychain, Result, Secret, VaultError};

const MAGIC: &[u8; 8] = b"LPVAULT1";
const SALT_LEN: usize = 16;
const HEADER: usize = MAGIC.len() + SALT_LEN + 4 + NONCE_LEN;
const AAD: &[u8] = b"localpost vault file v1";

/// PBKDF2 iterations for new files (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const DEFAULT_ITERATIONS: u32 = 600_000;

type Entries = BTreeMap<String, Zeroizing<Vec<u8>>>;

/// Secrets kept in a passphrase-sealed file instead of the OS keychain.
pub struct FileKeychain {
    path: PathBuf,
    salt: [u8; SALT_LEN],
    iterations: u32,
    key: Zeroizing<[u8; 32]>,
    entries: Mutex<Entries>,
}

impl std::fmt::Debug for FileKeychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileKeychain")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn io_error(path: &Path, e: std::io::Error) -> VaultError {
    VaultError::File {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn derive(passphrase: &Secret, salt: &[u8], iterations: u32) -> Result<Zeroizing<[u8; 32]>> {
    let rounds = NonZeroU32::new(iterations).ok_or(VaultError::BadKey)?;
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        salt,
        passphrase.expose(),
        key.as_mut(),
    );
    Ok(key)
}

impl FileKeychain {
    /// Opens the vault file at `path` with `passphrase`, creating an empty one (with
    /// [`DEFAULT_ITERATIONS`]) if there is none. A wrong passphrase is
    /// [`VaultError::WrongPassphrase`].
    pub fn open(path: impl AsRef<Path>, passphrase: &Secret) -> Result<FileKeychain> {
        FileKeychain::open_with(path, passphrase, DEFAULT_ITERATIONS)
    }

    /// Like [`FileKeychain::open`], with the iteration count used if the file is created.
    pub fn open_with(
        path: impl AsRef<Path>,
        passphrase: &Secret,
        iterations: u32,
    ) -> Result<FileKeychain> {
        let path = path.as_ref().to_path_buf();
        if passphrase.expose().is_empty() {
            return Err(VaultError::WrongPassphrase { path });
        }
        match std::fs::read(&path) {
            Ok(bytes) => FileKeychain::read(path, &bytes, passphrase),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut salt = [0u8; SALT_LEN];
                SystemRandom::new()
                    .fill(&mut salt)
                    .map_err(|_| VaultError::Random)?;
                let vault = FileKeychain {
                    key: derive(passphrase, &salt, iterations)?,
                    path,
                    salt,
                    iterations,
                    entries: Mutex::new(Entries::new()),
                };
                vault.save(&Entries::new())?;
                Ok(vault)
            }
            Err(e) => Err(io_error(&path, e)),
        }
    }

    fn read(path: PathBuf, bytes: &[u8], passphrase: &Secret) -> Result<FileKeychain> {
        let corrupt = |why: &str| VaultError::File {
            path: path.clone(),
            reason: format!("not a Localpost vault file ({why})"),
        };
        if bytes.len() < HEADER + AES_256_GCM.tag_len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(corrupt("bad header"));
        }
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[8..8 + SALT_LEN]);
        let mut count = [0u8; 4];
        count.copy_from_slice(&bytes[24..28]);
        let iterations = u32::from_be_bytes(count);
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&bytes[28..HEADER]);
        let key = derive(passphrase, &salt, iterations)?;
        let aead = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, key.as_ref()).map_err(|_| VaultError::BadKey)?,
        );
        let mut body = Zeroizing::new(bytes[HEADER..].to_vec());
        let plain = aead
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(AAD),
                &mut body,
            )
            .map_err(|_| VaultError::WrongPassphrase { path: path.clone() })?;
        let map: BTreeMap<String, String> =
            serde_json::from_slice(plain).map_err(|_| corrupt("bad contents"))?;
        let mut entries = Entries::new();
        for (account, value) in map {
            let value = Zeroizing::new(value);
            let bytes = STANDARD
                .decode(value.as_bytes())
                .map_err(|_| corrupt("bad value encoding"))?;
            entries.insert(account, Zeroizing::new(bytes));
        }
        Ok(FileKeychain {
            path,
            salt,
            iterations,
            key,
            entries: Mutex::new(entries),
        })
    }

    /// Seals `entries` and replaces the file with them.
    fn save(&self, entries: &Entries) -> Result<()> {
        let map: BTreeMap<&str, Zeroizing<String>> = entries
            .iter()
            .map(|(k, v)| (k.as_str(), Zeroizing::new(STANDARD.encode(v.as_slice()))))
            .collect();
        let plain: BTreeMap<&str, &str> = map.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let body = Zeroizing::new(serde_json::to_vec(&plain).map_err(|_| VaultError::BadKey)?);
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| VaultError::Random)?;
        let aead = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, self.key.as_ref()).map_err(|_| VaultError::BadKey)?,
        );
        let mut sealed = body.to_vec();
        aead.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(AAD),
            &mut sealed,
        )
        .map_err(|_| VaultError::Random)?;
        let mut out = Vec::with_capacity(HEADER + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&self.iterations.to_be_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        let tmp = self.path.with_extension("tmp");
        std::fs::write(&tmp, &out).map_err(|e| io_error(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| io_error(&self.path, e))
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        // Entries are only replaced whole after a successful save: a poisoned lock still
        // holds a consistent map.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Keychain for FileKeychain {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        Ok(self.entries().get(account).map(|v| Secret::new(v.to_vec())))
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        let mut entries = self.entries();
        let mut next = entries.clone();
        next.insert(account.into(), Zeroizing::new(secret.expose().to_vec()));
        self.save(&next)?;
        *entries = next;
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<bool> {
        let mut entries = self.entries();
        if !entries.contains_key(account) {
            return Ok(false);
        }
        let mut next = entries.clone();
        next.remove(account);
        self.save(&next)?;
        *entries = next;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: u32 = 1_000;

    #[test]
    fn keeps_secrets_across_reopens_and_never_in_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.lpv");
        let pass = Secret::from("correct horse battery staple");
        let kc = FileKeychain::open_with(&path, &pass, FAST).unwrap();
        kc.set("vault:token", &Secret::from("tok-7f3a9c")).unwrap();
        kc.set("data-key", &Secret::new(vec![0u8, 1, 2, 255]))
            .unwrap();
        assert!(kc.delete("data-key").unwrap());
        assert!(!kc.delete("data-key").unwrap());
        drop(kc);

        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"tok-7f"));
        assert!(
            !bytes.windows(5).any(|w| w == b"vault"),
            "account names are sealed too"
        );

        let again = FileKeychain::open(&path, &pass).unwrap();
        assert_eq!(again.iterations, FAST, "the file's own count is used");
        assert_eq!(
            again.get("vault:token").unwrap().unwrap().expose_str(),
            Some("tok-7f3a9c")
        );
        assert!(again.get("data-key").unwrap().is_none());
    }

    #[test]
    fn a_wrong_passphrase_or_a_damaged_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.lpv");
        FileKeychain::open_with(&path, &Secret::from("right"), FAST)
            .unwrap()
            .set("a", &Secret::from("b"))
            .unwrap();
        let err = FileKeychain::open(&path, &Secret::from("wrong")).unwrap_err();
        assert!(matches!(err, VaultError::WrongPassphrase { .. }), "{err}");
        assert!(err.to_string().contains("wrong passphrase"), "{err}");
        assert!(!err.to_string().contains("right"));

        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(FileKeychain::open(&path, &Secret::from("right")).is_err());
        std::fs::write(&path, b"hello").unwrap();
        let err = FileKeychain::open(&path, &Secret::from("right")).unwrap_err();
        assert!(
            err.to_string().contains("not a Localpost vault file"),
            "{err}"
        );
        assert!(FileKeychain::open(dir.path().join("new.lpv"), &Secret::from("")).is_err());
    }

    #[test]
    fn the_vault_seals_with_a_data_key_kept_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.lpv");
        let pass = Secret::from("pw");
        let sealed = {
            let kc = FileKeychain::open_with(&path, &pass, FAST).unwrap();
            super::super::Vault::new(kc).seal(b"body", "ctx").unwrap()
        };
        let kc = FileKeychain::open(&path, &pass).unwrap();
        assert_eq!(
            super::super::Vault::new(kc).open(&sealed, "ctx").unwrap(),
            b"body"
        );
    }
}
