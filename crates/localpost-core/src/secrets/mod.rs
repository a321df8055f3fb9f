//! Secrets that requests use: named vault secrets (`{{vault:name}}`) and secret variables, their
//! values in the OS keychain, their names (and a vault secret's domain limits) in the store.
//!
//! [`VaultSecrets`] keeps the two in step: a value is written to the keychain before its entry
//! is recorded, and removed again if recording fails, so there is never an entry without a
//! value that the user cannot see. [`domains::allows`] decides whether a secret may be sent to a
//! URL. [`ScopeSecrets`] saves a scope's edited variables with their secrets stashed, and
//! reveals one at a time. This module never writes a secret value to SQLite, a log or an error.

mod domains;
mod scan;
mod scopes;
mod variables;

pub use domains::allows;
pub(crate) use scan::scan_in_place;
pub use scan::{Finding, Moved, SecretKind, move_to_vault, move_to_vault_where, scan, undo_move};
pub use scopes::{Duplicable, ScopeSecrets, VariableScope};
pub use variables::{Stashed, reveal, stash_bundle, stash_variables};

use url::Url;

use crate::model::VaultEntry;
use crate::store::{Sealer, Store, StoreError};
use crate::vault::{DataKey, Keychain, Secret, VaultError};

/// What went wrong managing vault secrets. No variant carries a secret value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsError {
    /// The name cannot be used in `{{vault:name}}`.
    #[error("invalid vault secret name {name:?}: use letters, digits, '_', '-' and '.'")]
    InvalidName {
        /// The name given.
        name: String,
    },
    /// No secret of that name.
    #[error("no vault secret named {name:?}")]
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// The scope has no secret variable of that key.
    #[error("no secret variable {key:?} here")]
    VariableNotFound {
        /// The key asked for.
        key: String,
    },
    /// The entry exists but its value is missing from the keychain.
    #[error("secret {name:?} has no value in the OS keychain; set it again")]
    MissingValue {
        /// The name asked for.
        name: String,
    },
    /// The secret is limited to other domains than the request's.
    #[error("vault secret {name:?} may not be sent to {url}: it is limited to {allowed}")]
    DomainNotAllowed {
        /// The secret's name.
        name: String,
        /// Scheme, host and port of the request.
        url: String,
        /// The allowed domains, comma-separated.
        allowed: String,
    },
    /// The keychain failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The secrets module's result type.
pub type Result<T> = std::result::Result<T, SecretsError>;

/// Keychain account of a vault secret's value.
pub(crate) fn account(name: &str) -> String {
    format!("vault:{name}")
}

fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(SecretsError::InvalidName { name: name.into() })
    }
}

/// Replaces the installation's data key with a fresh one and re-seals everything `store` keeps
/// sealed with it, all or nothing. Returns how many values were re-sealed.
///
/// A rotation cut short (the process killed) may have left its new key waiting in the
/// keychain, and the store's values sealed with it (its re-seal committed) or not, and values
/// sealed since with the current key: first every value moves to the current key, and only then
/// is the waiting key forgotten, so no key that seals something is ever lost.
pub fn rotate_data_key<K: Keychain>(
    store: &Store,
    vault: &crate::vault::Vault<K>,
) -> Result<usize> {
    if let Some(pending) = vault.pending_key()? {
        let current = vault.data_key()?;
        store.reseal(&Either(&current, &pending), &*current)?;
        vault.forget_pending_key()?;
    }
    vault.rotate(|old, new| Ok(store.reseal(old, new)?))
}

/// Opens with whichever of two keys sealed a value; seals with the first.
struct Either<'a>(&'a DataKey, &'a DataKey);

impl Sealer for Either<'_> {
    fn seal(&self, plain: &[u8], context: &str) -> crate::vault::Result<Vec<u8>> {
        self.0.seal(plain, context)
    }

    fn open(&self, sealed: &[u8], context: &str) -> crate::vault::Result<Vec<u8>> {
        match self.0.open(sealed, context) {
            Err(crate::vault::VaultError::WrongKey { .. }) => self.1.open(sealed, context),
            other => other,
        }
    }
}

/// Vault secrets over one store and one keychain.
pub struct VaultSecrets<'a, K: Keychain> {
    store: &'a Store,
    keychain: &'a K,
}

impl<'a, K: Keychain> VaultSecrets<'a, K> {
    /// Vault secrets kept in `store` (names) and `keychain` (values).
    pub fn new(store: &'a Store, keychain: &'a K) -> Self {
        VaultSecrets { store, keychain }
    }

    /// Creates or replaces a secret and its domain limits.
    pub fn set(&self, name: &str, value: &Secret, domains: &[String]) -> Result<()> {
        check_name(name)?;
        let existed = self.store.vault_entry(name)?.is_some();
        self.keychain.set(&account(name), value)?;
        let entry = VaultEntry {
            name: name.into(),
            domains: domains.to_vec(),
        };
        if let Err(e) = self.store.put_vault_entry(&entry) {
            if !existed {
                let _ = self.keychain.delete(&account(name));
            }
            return Err(e.into());
        }
        Ok(())
    }

    /// Every secret's name and domains, by name. Values are not read.
    pub fn list(&self) -> Result<Vec<VaultEntry>> {
        Ok(self.store.vault_entries()?)
    }

    /// Replaces a secret's domain limits, leaving its value alone; `NotFound` if there is none.
    pub fn set_domains(&self, name: &str, domains: &[String]) -> Result<VaultEntry> {
        if self.store.vault_entry(name)?.is_none() {
            return Err(SecretsError::NotFound { name: name.into() });
        }
        let entry = VaultEntry {
            name: name.into(),
            domains: domains.to_vec(),
        };
        self.store.put_vault_entry(&entry)?;
        Ok(entry)
    }

    /// The value of one secret, for the vault manager's reveal (one at a time, on request).
    pub fn reveal(&self, name: &str) -> Result<Secret> {
        if self.store.vault_entry(name)?.is_none() {
            return Err(SecretsError::NotFound { name: name.into() });
        }
        self.keychain
            .get(&account(name))?
            .ok_or_else(|| SecretsError::MissingValue { name: name.into() })
    }

    /// Removes a secret; `NotFound` if there is none.
    pub fn remove(&self, name: &str) -> Result<()> {
        if !self.store.delete_vault_entry(name)? {
            return Err(SecretsError::NotFound { name: name.into() });
        }
        self.keychain.delete(&account(name))?;
        Ok(())
    }

    /// The value of a secret for a request to `url`, refused if the secret is limited to other
    /// domains.
    pub fn value_for(&self, name: &str, url: &Url) -> Result<Secret> {
        let entry = self
            .store
            .vault_entry(name)?
            .ok_or_else(|| SecretsError::NotFound { name: name.into() })?;
        check_domains(&entry, url)?;
        self.keychain
            .get(&account(name))?
            .ok_or_else(|| SecretsError::MissingValue { name: name.into() })
    }

    /// The value of `{{vault:name}}` in a request to `url`: `None` when neither the store nor
    /// the keychain knows the name (the token is then left as written, as Postman leaves an
    /// empty vault secret).
    ///
    /// The domain limits recorded in the store apply whichever keychain answers, so a value
    /// standing in for CI ([`crate::vault::Overlay`]) is refused for another host just as the
    /// OS keychain's would be; a value with no store entry has no limits. An entry whose value
    /// is missing is [`SecretsError::MissingValue`], never an empty value.
    pub fn resolve(&self, name: &str, url: &Url) -> Result<Option<Secret>> {
        let entry = self.store.vault_entry(name)?;
        if let Some(entry) = &entry {
            check_domains(entry, url)?;
        }
        match (self.keychain.get(&account(name))?, entry) {
            (Some(value), _) => Ok(Some(value)),
            (None, Some(_)) => Err(SecretsError::MissingValue { name: name.into() }),
            (None, None) => Ok(None),
        }
    }

    /// Fails with [`SecretsError::DomainNotAllowed`] if secret `name` has an entry limited to
    /// domains that do not admit `url`. Reads no value.
    pub fn check(&self, name: &str, url: &Url) -> Result<()> {
        match self.store.vault_entry(name)? {
            Some(entry) => check_domains(&entry, url),
            None => Ok(()),
        }
    }
}

/// Refuses `url` when `entry` is limited to domains that do not admit it.
fn check_domains(entry: &VaultEntry, url: &Url) -> Result<()> {
    if entry.domains.is_empty() || entry.domains.iter().any(|d| allows(d, url)) {
        return Ok(());
    }
    Err(SecretsError::DomainNotAllowed {
        name: entry.name.clone(),
        url: url.origin().ascii_serialization(),
        allowed: entry.domains.join(", "),
    })
}
