//! The vault against the real OS keychain (Secret Service under gnome-keyring in CI).
//!
//! These tests need an unlocked keychain: `make test` runs them inside a private D-Bus session
//! with gnome-keyring. Without one they fail with the vault's "not available" message; they are
//! never skipped.

use localpost_core::vault::{KEY_ACCOUNT, Keychain, OsKeychain, Secret, Vault};

/// A keychain under a throwaway service name whose entries are removed when dropped.
struct Throwaway {
    keychain: OsKeychain,
    accounts: Vec<&'static str>,
}

impl Throwaway {
    fn new(tag: &str, accounts: &[&'static str]) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        Throwaway {
            keychain: OsKeychain::new(format!(
                "localpost-test-{tag}-{}-{nanos}",
                std::process::id()
            )),
            accounts: accounts.to_vec(),
        }
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        for account in &self.accounts {
            let _ = self.keychain.delete(account);
        }
    }
}

#[test]
fn stores_reads_updates_and_deletes_real_entries() {
    let t = Throwaway::new("crud", &["api-token"]);
    let kc = &t.keychain;
    assert!(
        kc.get("api-token").unwrap().is_none(),
        "fresh service starts empty"
    );
    kc.set("api-token", &Secret::from("first-value")).unwrap();
    assert_eq!(
        kc.get("api-token").unwrap().unwrap().expose_str(),
        Some("first-value")
    );
    kc.set("api-token", &Secret::from("second-value")).unwrap();
    assert_eq!(
        kc.get("api-token").unwrap().unwrap().expose_str(),
        Some("second-value")
    );
    // Another handle on the same service sees the same entry: it really is in the keychain.
    let other = OsKeychain::new(kc.service());
    assert_eq!(
        other.get("api-token").unwrap().unwrap().expose_str(),
        Some("second-value")
    );
    assert!(kc.delete("api-token").unwrap());
    assert!(kc.get("api-token").unwrap().is_none());
    assert!(
        !kc.delete("api-token").unwrap(),
        "deleting twice reports nothing to delete"
    );
}

#[test]
fn the_data_key_is_created_once_and_survives_a_new_vault() {
    let t = Throwaway::new("datakey", &[KEY_ACCOUNT]);
    let sealed = {
        let vault = Vault::new(t.keychain.clone());
        vault
            .seal(b"response body with a token", "history/1/body")
            .unwrap()
    };
    assert!(
        t.keychain.get(KEY_ACCOUNT).unwrap().is_some(),
        "key is in the keychain"
    );
    let vault = Vault::new(OsKeychain::new(t.keychain.service()));
    assert_eq!(
        vault.open(&sealed, "history/1/body").unwrap(),
        b"response body with a token"
    );
}

#[test]
fn losing_the_key_gives_a_clear_error_not_a_crash() {
    let t = Throwaway::new("lostkey", &[KEY_ACCOUNT]);
    let sealed = Vault::new(t.keychain.clone()).seal(b"x", "c").unwrap();
    t.keychain.delete(KEY_ACCOUNT).unwrap();
    let err = Vault::new(t.keychain.clone())
        .open(&sealed, "c")
        .unwrap_err();
    assert!(
        err.to_string().contains("sealed data cannot be opened"),
        "{err}"
    );
}
