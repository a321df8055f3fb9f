//! Named vault secrets against the real keychain and a real store file.

use localpost_core::secrets::{SecretsError, VaultSecrets};
use localpost_core::store::Store;
use localpost_core::vault::{Keychain, OsKeychain, Secret};
use url::Url;

fn keychain(tag: &str) -> OsKeychain {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    OsKeychain::new(format!(
        "localpost-test-{tag}-{}-{nanos}",
        std::process::id()
    ))
}

#[test]
fn set_list_use_and_remove_with_values_only_in_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let kc = keychain("vault");
    let vault = VaultSecrets::new(&store, &kc);
    let value = "sk_live_4f9a1c0e7d3b2a58";
    vault
        .set(
            "stripe_key",
            &Secret::from(value),
            &["api.stripe.test".into()],
        )
        .unwrap();
    vault
        .set("open", &Secret::from("anywhere-value"), &[])
        .unwrap();

    let names: Vec<String> = vault.list().unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["open", "stripe_key"]);
    let allowed = Url::parse("https://api.stripe.test/v1/charges").unwrap();
    assert_eq!(
        vault
            .value_for("stripe_key", &allowed)
            .unwrap()
            .expose_str(),
        Some(value)
    );
    let elsewhere = Url::parse("https://collector.example/steal").unwrap();
    let err = vault.value_for("stripe_key", &elsewhere).unwrap_err();
    assert!(
        matches!(err, SecretsError::DomainNotAllowed { .. }),
        "{err}"
    );
    assert!(
        !err.to_string().contains(value),
        "errors never hold the value"
    );
    assert!(
        vault.value_for("open", &elsewhere).is_ok(),
        "no domains means anywhere"
    );

    // The value is in the keychain and nowhere in the SQLite file or its WAL.
    assert!(kc.get("vault:stripe_key").unwrap().is_some());
    for file in ["localpost.db", "localpost.db-wal"] {
        let path = dir.path().join(file);
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(
                !bytes.windows(value.len()).any(|w| w == value.as_bytes()),
                "{file} holds the secret"
            );
        }
    }

    vault.remove("stripe_key").unwrap();
    vault.remove("open").unwrap();
    assert!(
        kc.get("vault:stripe_key").unwrap().is_none(),
        "value removed from keychain"
    );
    assert!(matches!(
        vault.remove("stripe_key"),
        Err(SecretsError::NotFound { .. })
    ));
    assert!(vault.list().unwrap().is_empty());
}

#[test]
fn bad_names_are_refused_before_touching_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let kc = keychain("badname");
    let vault = VaultSecrets::new(&store, &kc);
    for name in ["", "has space", "curly}}", "vault:x"] {
        let err = vault.set(name, &Secret::from("v"), &[]).unwrap_err();
        assert!(
            matches!(err, SecretsError::InvalidName { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn domains_change_without_the_value_and_reveal_reads_one_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let kc = keychain("domains");
    let vault = VaultSecrets::new(&store, &kc);
    vault
        .set("api", &Secret::from("v-1"), &["a.test".into()])
        .unwrap();
    let entry = vault.set_domains("api", &["b.test".into()]).unwrap();
    assert_eq!(entry.domains, ["b.test"]);
    assert_eq!(vault.list().unwrap()[0].domains, ["b.test"]);
    assert_eq!(vault.reveal("api").unwrap().expose_str(), Some("v-1"));
    assert!(matches!(
        vault.set_domains("nope", &[]),
        Err(SecretsError::NotFound { .. })
    ));
    assert!(matches!(
        vault.reveal("nope"),
        Err(SecretsError::NotFound { .. })
    ));
    vault.remove("api").unwrap();
}
