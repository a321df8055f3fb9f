//! The keychain an app session uses: the OS keychain, or a vault file the user chose and
//! unlocked instead because there is no OS keychain.
//!
//! The switch is explicit and one way for the session: [`KeychainChoice::unlock_file`] is only
//! called after the user typed a passphrase; nothing here falls back on its own.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use serde::Serialize;
use ts_rs::TS;

use super::{FileKeychain, Keychain, OsKeychain, Result, Secret};

/// Account read to find out whether the OS keychain answers; it is never written.
const PROBE: &str = "localpost-probe";

/// Which keychain holds secrets now, for the UI's banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum KeychainStatus {
    /// The OS keychain answers.
    Os,
    /// A passphrase-sealed vault file, unlocked this session.
    File {
        /// The file.
        path: String,
    },
    /// No usable keychain: secrets cannot be kept until the user unlocks a vault file.
    Unavailable {
        /// Why, in the keychain's words (never a secret).
        reason: String,
        /// Where the vault file is (or would be created).
        path: String,
        /// Whether that file exists already (unlock) or would be created.
        exists: bool,
    },
}

/// The OS keychain, unless the user unlocked a vault file in its place.
pub struct KeychainChoice {
    os: OsKeychain,
    path: PathBuf,
    file: RwLock<Option<FileKeychain>>,
}

impl std::fmt::Debug for KeychainChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeychainChoice")
            .field("os", &self.os)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl KeychainChoice {
    /// The OS keychain `os`, with the vault file at `path` as the alternative.
    pub fn new(os: OsKeychain, path: impl AsRef<Path>) -> Self {
        KeychainChoice {
            os,
            path: path.as_ref().to_path_buf(),
            file: RwLock::new(None),
        }
    }

    /// Which keychain is in use; asks the OS keychain (one read of a probe entry) when no
    /// vault file is unlocked.
    pub fn status(&self) -> KeychainStatus {
        if self.read().is_some() {
            return KeychainStatus::File {
                path: self.path.display().to_string(),
            };
        }
        // A keychain that cannot even say it has no such entry cannot keep secrets either.
        match self.os.get(PROBE) {
            Ok(_) => KeychainStatus::Os,
            Err(e) => KeychainStatus::Unavailable {
                reason: e.to_string(),
                path: self.path.display().to_string(),
                exists: self.path.exists(),
            },
        }
    }

    /// Opens (or creates) the vault file with `passphrase` and keeps secrets there from now
    /// on. A wrong passphrase leaves the choice as it was.
    pub fn unlock_file(&self, passphrase: &Secret) -> Result<()> {
        let file = FileKeychain::open(&self.path, passphrase)?;
        *self.file.write().unwrap_or_else(|e| e.into_inner()) = Some(file);
        Ok(())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<FileKeychain>> {
        self.file.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Keychain for KeychainChoice {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        match self.read().as_ref() {
            Some(file) => file.get(account),
            None => self.os.get(account),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        match self.read().as_ref() {
            Some(file) => file.set(account, secret),
            None => self.os.set(account, secret),
        }
    }

    fn delete(&self, account: &str) -> Result<bool> {
        match self.read().as_ref() {
            Some(file) => file.delete(account),
            None => self.os.delete(account),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlocked_file_takes_every_secret_and_a_wrong_passphrase_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vault.lpvault");
        let os = OsKeychain::new("localpost-choice-test-never-written");
        let choice = KeychainChoice::new(os, &path);
        let pass = Secret::from("correct horse");
        FileKeychain::open_with(&path, &pass, 1000).expect("created");
        let wrong = choice.unlock_file(&Secret::from("wrong"));
        assert!(matches!(
            wrong,
            Err(crate::vault::VaultError::WrongPassphrase { .. })
        ));
        choice.unlock_file(&pass).expect("unlocks");
        assert_eq!(
            choice.status(),
            KeychainStatus::File {
                path: path.display().to_string()
            }
        );
        choice.set("a", &Secret::from("v")).expect("set");
        let got = choice.get("a").expect("get").expect("present");
        assert_eq!(got.expose(), b"v");
        assert!(choice.delete("a").expect("delete"));
    }
}
