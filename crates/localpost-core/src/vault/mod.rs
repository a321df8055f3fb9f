//! The vault: secrets in the OS keychain, and sealing of sensitive data kept in SQLite.
//!
//! [`Secret`] carries a secret value through the program: its `Debug` and `Display` print `***`,
//! it never implements `Serialize`, and its memory is zeroed on drop. [`Keychain`] is where
//! secrets rest: [`OsKeychain`] is the platform store (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows) through the `keyring` crate. [`Vault`] holds the
//! per-installation data key in the keychain and seals values with AES-256-GCM (`ring`) so that
//! sensitive data written to SQLite is unreadable without it. Where no keychain exists, the
//! user may choose [`FileKeychain`] instead: a file sealed with a key derived from a passphrase.
//! [`KeychainChoice`] is the app's keychain: the OS one, or a vault file the user unlocked.
//! [`Overlay`] puts values held in memory for one run (the CLI's `--vault-var`) in front of a
//! keychain. [`MemoryKeychain`] holds nothing but what a run puts in it, for throwaway stores.
//!
//! This module owns keys and sealing. It does not decide *what* is sensitive (the store and its
//! callers do), and it never writes plain text anywhere.

mod choice;
mod error;
mod file;
mod keychain;
mod memory;
mod overlay;
mod seal;
mod secret;

pub use choice::{KeychainChoice, KeychainStatus};
pub use error::{Result, VaultError};
pub use file::{DEFAULT_ITERATIONS, FileKeychain};
pub use keychain::{Keychain, OsKeychain, SERVICE};
pub use memory::MemoryKeychain;
pub use overlay::Overlay;
pub use seal::{DataKey, KEY_ACCOUNT, NEXT_KEY_ACCOUNT};
pub use secret::Secret;

/// Sealing and unsealing with the installation's data key, which lives in a [`Keychain`].
///
/// The key is read once and kept. A value sealed with another key id makes the vault read the
/// keychain again (another process may have rotated the key), also trying the key a rotation
/// left under [`NEXT_KEY_ACCOUNT`] if it stopped half-way.
pub struct Vault<K: Keychain> {
    keychain: K,
    key: std::sync::RwLock<Option<std::sync::Arc<DataKey>>>,
}

impl<K: Keychain> std::fmt::Debug for Vault<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").finish_non_exhaustive()
    }
}

impl<K: Keychain> Vault<K> {
    /// A vault over `keychain`. Nothing is read until the first seal or open.
    pub fn new(keychain: K) -> Self {
        Vault {
            keychain,
            key: std::sync::RwLock::new(None),
        }
    }

    /// The keychain behind this vault.
    pub fn keychain(&self) -> &K {
        &self.keychain
    }

    /// The data key, created and stored in the keychain on first use.
    pub fn data_key(&self) -> Result<std::sync::Arc<DataKey>> {
        if let Some(key) = self.cached() {
            return Ok(key);
        }
        let key = match self.keychain.get(KEY_ACCOUNT)? {
            Some(stored) => DataKey::from_stored(&stored)?,
            None => self.create_key()?,
        };
        let key = std::sync::Arc::new(key);
        *self.key.write().unwrap_or_else(|e| e.into_inner()) = Some(key.clone());
        Ok(key)
    }

    /// Creates and stores the data key, or takes the one another process stored meanwhile.
    /// Creation is serialised across processes by a lock file, so two first runs at once (the
    /// app and the CLI) cannot each store a key and go on sealing with the one that lost.
    fn create_key(&self) -> Result<DataKey> {
        let _lock = creation_lock();
        if let Some(stored) = self.keychain.get(KEY_ACCOUNT)? {
            return DataKey::from_stored(&stored);
        }
        let key = DataKey::generate()?;
        self.keychain.set(KEY_ACCOUNT, &key.to_stored())?;
        Ok(key)
    }

    fn cached(&self) -> Option<std::sync::Arc<DataKey>> {
        self.key.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Seals `plaintext`; `context` (e.g. `items/42/auth`) is authenticated, so a sealed value
    /// cannot be moved to another field unnoticed.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Result<Vec<u8>> {
        self.data_key()?.seal(plaintext, context)
    }

    /// Opens a value sealed by [`Vault::seal`] with the same `context`.
    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Vec<u8>> {
        match self.data_key()?.open(sealed, context) {
            Err(VaultError::WrongKey { found, current }) => {
                // Rotated since we read it, perhaps by another process: read the keychain again.
                *self.key.write().unwrap_or_else(|e| e.into_inner()) = None;
                let key = self.data_key()?;
                if key.id() == found {
                    return key.open(sealed, context);
                }
                if let Some(stored) = self.keychain.get(NEXT_KEY_ACCOUNT)? {
                    let next = DataKey::from_stored(&stored)?;
                    if next.id() == found {
                        return next.open(sealed, context);
                    }
                }
                Err(VaultError::WrongKey { found, current })
            }
            other => other,
        }
    }

    /// The key a rotation cut short left waiting under [`NEXT_KEY_ACCOUNT`], if any.
    pub fn pending_key(&self) -> Result<Option<DataKey>> {
        self.keychain
            .get(NEXT_KEY_ACCOUNT)?
            .map(|stored| DataKey::from_stored(&stored))
            .transpose()
    }

    /// Forgets the key a rotation cut short left waiting, once nothing is sealed with it.
    pub fn forget_pending_key(&self) -> Result<()> {
        self.keychain.delete(NEXT_KEY_ACCOUNT)?;
        Ok(())
    }

    /// Replaces the data key with a fresh one. `reseal` gets the old and the new key and must
    /// move every sealed value to the new one, all or nothing (one store transaction); only
    /// then does the keychain's key change. The new key waits under [`NEXT_KEY_ACCOUNT`]
    /// meanwhile, so a rotation cut short after `reseal` committed loses nothing.
    pub fn rotate<T, E: From<VaultError>>(
        &self,
        reseal: impl FnOnce(&DataKey, &DataKey) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let old = self.data_key()?;
        let new = DataKey::generate()?;
        self.keychain.set(NEXT_KEY_ACCOUNT, &new.to_stored())?;
        let value = match reseal(&old, &new) {
            Ok(value) => value,
            Err(e) => {
                let _ = self.keychain.delete(NEXT_KEY_ACCOUNT);
                return Err(e);
            }
        };
        self.keychain.set(KEY_ACCOUNT, &new.to_stored())?;
        self.keychain.delete(NEXT_KEY_ACCOUNT)?;
        *self.key.write().unwrap_or_else(|e| e.into_inner()) = Some(std::sync::Arc::new(new));
        Ok(value)
    }
}

/// Holds the data-key creation lock (`localpost-data-key.lock` in `$XDG_RUNTIME_DIR`, else the
/// temporary directory) until dropped. Best effort: where no lock file can be made, creation
/// goes on unlocked, as a single process always could.
fn creation_lock() -> Option<std::fs::File> {
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("localpost-data-key.lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::{Arc, Barrier, Mutex};
    use std::time::Duration;

    /// An in-memory keychain slow enough that two first uses overlap.
    #[derive(Default)]
    struct Slow(Mutex<HashMap<String, Vec<u8>>>);

    impl Keychain for Slow {
        fn get(&self, account: &str) -> Result<Option<Secret>> {
            let found = self.0.lock().expect("map").get(account).cloned();
            std::thread::sleep(Duration::from_millis(30));
            Ok(found.map(Secret::new))
        }
        fn set(&self, account: &str, secret: &Secret) -> Result<()> {
            std::thread::sleep(Duration::from_millis(30));
            let value = secret.expose().to_vec();
            self.0.lock().expect("map").insert(account.into(), value);
            Ok(())
        }
        fn delete(&self, account: &str) -> Result<bool> {
            Ok(self.0.lock().expect("map").remove(account).is_some())
        }
    }

    #[test]
    fn simultaneous_first_uses_agree_on_one_data_key() {
        let keychain = Arc::new(Slow::default());
        let start = Arc::new(Barrier::new(4));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (keychain, start) = (Arc::clone(&keychain), Arc::clone(&start));
                std::thread::spawn(move || {
                    let vault = Vault::new(keychain);
                    start.wait();
                    vault.data_key().expect("data key").id()
                })
            })
            .collect();
        let ids: Vec<u32> = threads
            .into_iter()
            .map(|t| t.join().expect("thread"))
            .collect();
        let stored = Vault::new(Arc::clone(&keychain))
            .data_key()
            .expect("stored");
        assert!(ids.iter().all(|id| *id == stored.id()), "{ids:?}");
    }
}
