//! [`MemoryKeychain`]: a keychain that lives and dies with the process.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{Keychain, Result, Secret};

/// A keychain held in memory and never written anywhere, for a throwaway store (a collection
/// run from files): it starts empty, so the only secrets it holds are the ones the run itself
/// put there (the data key, secret variables read from the files given).
#[derive(Debug, Default)]
pub struct MemoryKeychain {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryKeychain {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Keychain for MemoryKeychain {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        Ok(self.entries().get(account).cloned())
    }
    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        self.entries().insert(account.to_owned(), secret.clone());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<bool> {
        Ok(self.entries().remove(account).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_is_set_until_deleted() {
        let keychain = MemoryKeychain::default();
        assert!(keychain.get("a").unwrap().is_none());
        keychain.set("a", &Secret::from("1".to_owned())).unwrap();
        assert_eq!(
            keychain.get("a").unwrap().unwrap().expose_str().unwrap(),
            "1"
        );
        assert!(keychain.delete("a").unwrap());
        assert!(!keychain.delete("a").unwrap());
    }
}
