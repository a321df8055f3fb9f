//! Where secrets rest: the OS keychain, behind a small trait.

use super::{Result, Secret, VaultError};

/// A place that keeps named secrets. Accounts are names within the application's service.
pub trait Keychain: Send + Sync {
    /// The secret stored under `account`, or `None` if there is none.
    fn get(&self, account: &str) -> Result<Option<Secret>>;
    /// Stores (or replaces) the secret under `account`.
    fn set(&self, account: &str, secret: &Secret) -> Result<()>;
    /// Removes the secret under `account`; `false` if there was none.
    fn delete(&self, account: &str) -> Result<bool>;
}

/// A shared keychain is a keychain: the app hands one to its sealer and its commands alike.
impl<K: Keychain + ?Sized> Keychain for std::sync::Arc<K> {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        (**self).get(account)
    }
    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        (**self).set(account, secret)
    }
    fn delete(&self, account: &str) -> Result<bool> {
        (**self).delete(account)
    }
}

/// The platform keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
/// Windows), with every entry under one service name.
#[derive(Debug, Clone)]
pub struct OsKeychain {
    service: String,
}

/// Service name of Localpost's entries in the OS keychain.
pub const SERVICE: &str = "dev.localpost.app";

impl Default for OsKeychain {
    fn default() -> Self {
        OsKeychain::new(SERVICE)
    }
}

impl OsKeychain {
    /// Entries under `service` (tests use a throwaway service name).
    pub fn new(service: impl Into<String>) -> Self {
        OsKeychain {
            service: service.into(),
        }
    }

    /// The service name entries are kept under.
    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, account).map_err(|e| classify(account, e))
    }
}

/// Turns a keyring error into a message that says what to do; never includes a secret.
fn classify(account: &str, error: keyring::Error) -> VaultError {
    match error {
        keyring::Error::NoDefaultStore => VaultError::Unavailable {
            reason: match keyring::Entry::store_status() {
                Err(e) => e.to_string(),
                Ok(()) => "no default credential store".into(),
            },
        },
        keyring::Error::NoStorageAccess(e) => VaultError::Locked {
            account: account.into(),
            reason: e.to_string(),
        },
        keyring::Error::PlatformFailure(e) => {
            let reason = e.to_string();
            if reason.contains("ServiceUnknown") || reason.contains("org.freedesktop.secrets") {
                VaultError::Unavailable { reason }
            } else {
                VaultError::Keychain {
                    account: account.into(),
                    reason,
                }
            }
        }
        other => VaultError::Keychain {
            account: account.into(),
            reason: other.to_string(),
        },
    }
}

impl Keychain for OsKeychain {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        match self.entry(account)?.get_secret() {
            Ok(bytes) => Ok(Some(Secret::new(bytes))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(account, e)),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        self.entry(account)?
            .set_secret(secret.expose())
            .map_err(|e| classify(account, e))
    }

    fn delete(&self, account: &str) -> Result<bool> {
        match self.entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(classify(account, e)),
        }
    }
}
