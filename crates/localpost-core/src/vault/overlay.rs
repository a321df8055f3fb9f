//! [`Overlay`]: values held in memory for one run, in front of a real keychain.

use std::collections::HashMap;

use super::{Keychain, Result, Secret};

/// A keychain that answers from an in-memory map first and asks `inner` for the rest.
///
/// For CI, where there is no OS keychain: the CLI's `--vault-var NAME=VALUE` and
/// `LOCALPOST_VAULT_<NAME>` values stand in for (and override) keychain entries. The map lives
/// only as long as the overlay, as [`Secret`]s (zeroed on drop); it is never written anywhere.
/// Writes and deletes go to `inner` untouched, so an overlay value is never persisted.
pub struct Overlay<'k, K: Keychain + ?Sized> {
    inner: &'k K,
    values: HashMap<String, Secret>,
}

impl<'k, K: Keychain + ?Sized> Overlay<'k, K> {
    /// An overlay with no values of its own over `inner`.
    pub fn new(inner: &'k K) -> Self {
        Overlay {
            inner,
            values: HashMap::new(),
        }
    }

    /// Answers `get(account)` with `value` from now on, whatever `inner` holds.
    pub fn insert(&mut self, account: impl Into<String>, value: Secret) {
        self.values.insert(account.into(), value);
    }
}

impl<K: Keychain + ?Sized> std::fmt::Debug for Overlay<'_, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut accounts: Vec<&str> = self.values.keys().map(String::as_str).collect();
        accounts.sort_unstable();
        f.debug_struct("Overlay")
            .field("accounts", &accounts)
            .finish_non_exhaustive()
    }
}

impl<K: Keychain + ?Sized> Keychain for Overlay<'_, K> {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        match self.values.get(account) {
            Some(value) => Ok(Some(value.clone())),
            None => self.inner.get(account),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        self.inner.set(account, secret)
    }

    fn delete(&self, account: &str) -> Result<bool> {
        self.inner.delete(account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::VaultError;

    /// A keychain that is not there, as on a CI runner.
    struct Absent;

    impl Keychain for Absent {
        fn get(&self, _: &str) -> Result<Option<Secret>> {
            Err(VaultError::Unavailable {
                reason: "none here".into(),
            })
        }
        fn set(&self, _: &str, _: &Secret) -> Result<()> {
            self.get("").map(|_| ())
        }
        fn delete(&self, _: &str) -> Result<bool> {
            self.get("").map(|_| false)
        }
    }

    #[test]
    fn answers_from_memory_first_and_never_prints_values() {
        let mut overlay = Overlay::new(&Absent);
        overlay.insert("vault:token", Secret::from("ci-value-93f1"));
        let got = overlay.get("vault:token").expect("from memory");
        assert_eq!(
            got.and_then(|s| s.expose_str().map(str::to_string))
                .as_deref(),
            Some("ci-value-93f1")
        );
        assert!(matches!(
            overlay.get("vault:other"),
            Err(VaultError::Unavailable { .. })
        ));
        let debug = format!("{overlay:?}");
        assert!(!debug.contains("ci-value-93f1"), "{debug}");
        assert!(debug.contains("vault:token"), "{debug}");
    }
}
