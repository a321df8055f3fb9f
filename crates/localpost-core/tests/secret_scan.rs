//! The secret scanner over a real Postman file: every planted secret is reported with its place
//! and kind and nothing ordinary is; moving them puts each value in the real OS keychain (as a
//! vault secret limited to the request's host, or as a secret variable), leaves
//! `{{vault:name}}` in its place, and a store written afterwards holds none of them.

use std::path::PathBuf;

use localpost_core::formats::postman;
use localpost_core::secrets::{self, SecretKind, VaultSecrets};
use localpost_core::store::{ImportBundle, NodeImport, Store};
use localpost_core::vault::{Keychain, OsKeychain, Vault};

/// Planted secrets; the collection's basic-auth password (`c0ll-pa55word`) is not among them:
/// credentials typed into auth settings are sealed at rest instead.
const SECRETS: &[&str] = &[
    "var-secret-7731",
    "hunter-2-basic",
    "AKIAQ3EGUWNZRXW7YB2K",
    "q-key-4412",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.Xk3mR8vQz2LpN7tY5wB1cD9fG4hJ6kM0sA",
    "Zx9Qm2Lr7TvB4nW8kJ3pY6sD1fH5gA0c",
];

fn bundle() -> ImportBundle {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/scan/leaky.postman_collection.json");
    let parsed = postman::read_file(&path).expect("fixture parses");
    let collection = parsed.collection().expect("a collection").clone();
    ImportBundle {
        collections: vec![collection],
        ..ImportBundle::default()
    }
}

fn keychain() -> OsKeychain {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    OsKeychain::new(format!("localpost-test-scan-{nanos}"))
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn every_planted_secret_is_found_in_its_place_and_nothing_else() {
    let found: Vec<(String, SecretKind)> = secrets::scan(&bundle())
        .into_iter()
        .map(|f| (f.place, f.kind))
        .collect();
    let want = [
        ("Leaky › variables.client_secret", SecretKind::Credential),
        // Named with a credential word inside (issue 13): it was missed before.
        ("Leaky › variables.basicPassword", SecretKind::Credential),
        ("Leaky › variables.ticket", SecretKind::AwsAccessKey),
        ("Leaky/Orders/Create › url", SecretKind::Credential),
        (
            "Leaky/Orders/Create › params.api_key",
            SecretKind::Credential,
        ),
        (
            "Leaky/Orders/Create › headers.Authorization",
            SecretKind::Jwt,
        ),
        ("Leaky/Orders/Create › body", SecretKind::HighEntropy),
    ];
    let want: Vec<(String, SecretKind)> = want.iter().map(|(p, k)| (p.to_string(), *k)).collect();
    assert_eq!(found, want);
    // Lengths, never values.
    let text = format!("{:?}", secrets::scan(&bundle()));
    for secret in SECRETS {
        assert!(!text.contains(secret), "a finding shows {secret}");
    }
}

#[test]
fn moved_secrets_live_in_the_keychain_and_never_reach_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let sealer = std::sync::Arc::new(Vault::new(keychain.clone()));
    let store = Store::open(dir.path().join("localpost.db"))
        .expect("store opens")
        .with_sealer(sealer);
    let workspace = store.create_workspace("Scan").expect("workspace").id;
    let vault = VaultSecrets::new(&store, &keychain);

    let mut bundle = bundle();
    let moved = secrets::move_to_vault(&vault, &mut bundle).expect("moved");
    assert_eq!(moved.len(), 7);
    assert!(secrets::scan(&bundle).is_empty(), "nothing left to find");

    // The URL and the params held the same key: one vault secret, referenced twice.
    let NodeImport::Folder { children, .. } = &bundle.collections[0].children[0] else {
        panic!("Orders is a folder");
    };
    let NodeImport::Request(create) = &children[0] else {
        panic!("Create is a request");
    };
    let name = "leaky_orders_create_url";
    assert_eq!(
        create.url,
        format!("https://shop.example.com/orders?api_key={{{{vault:{name}}}}}&page=2")
    );
    assert_eq!(create.params[0].value, format!("{{{{vault:{name}}}}}"));
    assert!(create.headers[0].value.starts_with("Bearer {{vault:"));

    // Each value is in the keychain, limited to the request's host where it had one.
    let entries = vault.list().expect("list");
    let entry = entries.iter().find(|e| e.name == name).expect("entry");
    assert_eq!(entry.domains, vec!["shop.example.com".to_string()]);
    let stored = keychain
        .get(&format!("vault:{name}"))
        .expect("keychain read")
        .expect("value");
    assert_eq!(stored.expose_str(), Some("q-key-4412"));
    // Variables became secret variables; storing the bundle stashes them in the keychain.
    let vars = &bundle.collections[0].collection.variables;
    let plain = ["baseUrl", "tokenUrl", "nextPageToken"];
    assert!(
        vars.iter()
            .all(|v| v.secret != plain.contains(&v.key.as_str())),
        "{vars:?}"
    );
    let stashed = secrets::stash_bundle(&keychain, &mut bundle).expect("stash");
    store.import(workspace, &bundle).expect("stored");

    drop(store);
    for file in std::fs::read_dir(dir.path()).expect("dir") {
        let path = file.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        for secret in SECRETS {
            assert!(
                !contains(&bytes, secret),
                "{} holds {secret}",
                path.display()
            );
        }
    }

    // Clean the test keychain up.
    let store = Store::open(dir.path().join("localpost.db")).expect("reopen");
    let vault = VaultSecrets::new(&store, &keychain);
    secrets::undo_move(&vault, &moved);
    assert!(vault.list().expect("list").is_empty());
    stashed.forget(&keychain);
}

#[test]
fn an_import_moves_only_the_findings_picked_from_its_preview() {
    use localpost_core::formats::postman::{Options, SecretMoves};

    let dir = tempfile::tempdir().expect("temp dir");
    let keychain = keychain();
    let store = Store::open(dir.path().join("localpost.db"))
        .expect("store opens")
        .with_sealer(std::sync::Arc::new(Vault::new(keychain.clone())));
    let workspace = store.create_workspace("Scan").expect("workspace").id;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/scan/leaky.postman_collection.json");
    let files = vec![postman::read_file(&path).expect("fixture parses")];

    let preview = postman::scan(&files);
    assert_eq!(preview.len(), 7);
    let picked = "Leaky/Orders/Create › headers.Authorization".to_string();
    assert!(preview.iter().any(|f| f.place == picked));
    let options = Options {
        move_secrets: SecretMoves::Only(vec![picked.clone()]),
        ..Options::default()
    };
    let to = postman::Destination {
        store: &store,
        keychain: &keychain,
        workspace,
    };
    let report = postman::import_with(&to, files, options).expect("imported");
    assert_eq!(report.moved.len(), 1);
    assert_eq!(report.moved[0].finding.place, picked);
    assert_eq!(report.secrets.len(), 6, "the rest are still reported");
    assert!(report.secrets.iter().all(|f| f.place != picked));
    let vault = VaultSecrets::new(&store, &keychain);
    let names: Vec<String> = vault
        .list()
        .expect("list")
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, vec!["leaky_orders_create_headers_authorization"]);
    secrets::undo_move(&vault, &report.moved);
}
