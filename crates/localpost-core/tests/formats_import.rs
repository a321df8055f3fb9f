//! Importing the issue-5 formats into a real store (a temporary SQLite file, the test
//! session's keychain): everything lands in one transaction, a failure midway leaves the file
//! as it was, and a Postman collection imported again is replaced or copied only when asked.
//! Run inside `scripts/test-session.sh` (the dump's secret variable goes to the keychain).

use std::path::PathBuf;
use std::sync::Arc;

use localpost_core::formats::postman::{self, Format, ImportError};
use localpost_core::formats::{self, OnDuplicate, Parsed, dump};
use localpost_core::model::{Collection, CollectionId, WorkspaceId};
use localpost_core::store::{CollectionImport, Store};
use localpost_core::vault::{OsKeychain, Vault};

struct Scratch {
    dir: tempfile::TempDir,
    store: Store,
    workspace: WorkspaceId,
    keychain: OsKeychain,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_nanos();
        let keychain = OsKeychain::new(format!("localpost-test-formats-{nanos}"));
        // Credentials in auth are sealed at rest with a data key kept in the keychain.
        let store = Store::open(dir.path().join("localpost.db"))
            .expect("store opens")
            .with_sealer(Arc::new(Vault::new(keychain.clone())));
        let workspace = store.create_workspace("Imports").expect("workspace").id;
        Scratch {
            dir,
            store,
            workspace,
            keychain,
        }
    }

    fn import(
        &self,
        files: Vec<Parsed>,
        on: OnDuplicate,
    ) -> Result<formats::ImportReport, ImportError> {
        let options = postman::Options {
            on_duplicate: Some(on),
            ..postman::Options::default()
        };
        let to = formats::postman::Destination {
            store: &self.store,
            keychain: &self.keychain,
            workspace: self.workspace,
        };
        formats::import_into(&to, files, options)
    }

    fn names(&self) -> Vec<String> {
        let store = Store::open(self.dir.path().join("localpost.db"))
            .expect("reopens")
            .with_sealer(Arc::new(Vault::new(self.keychain.clone())));
        store
            .collections(self.workspace)
            .expect("collections")
            .into_iter()
            .map(|c| c.name)
            .collect()
    }
}

fn fixture(rel: &str) -> Vec<Parsed> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    let bytes = std::fs::read(&path).expect("fixture readable");
    formats::parse_any(rel, &bytes).expect("fixture parses")
}

/// A collection the store refuses (a blank name), to make an import fail after others.
fn refused() -> Parsed {
    let mut coll = fixture("har/browser.har")
        .remove(0)
        .collection()
        .expect("coll")
        .clone();
    coll.collection.name = "  ".into();
    let CollectionImport {
        collection,
        children,
    } = coll;
    Parsed::from_collection(
        "refused",
        Format::Har,
        CollectionImport {
            collection,
            children,
        },
        Vec::new(),
    )
}

#[test]
fn every_format_imports_with_ids_and_counts() {
    let s = Scratch::new();
    let mut files = fixture("openapi/petstore-3.0.yaml");
    files.extend(fixture("insomnia/export-v4.json"));
    files.extend(fixture("har/browser.har"));
    files.extend(fixture("insomnia/collection-v5.yaml"));
    let report = s.import(files, OnDuplicate::Ask).expect("imports");
    let got: Vec<(String, usize, usize)> = report
        .collections
        .iter()
        .map(|c| (c.name.clone(), c.folders, c.requests))
        .collect();
    assert_eq!(
        got,
        [
            ("Kennel Registry".to_string(), 2, 6),
            ("Photo Service".to_string(), 1, 8),
            ("Checkout flow".to_string(), 0, 4),
            ("Weather Desk".to_string(), 1, 2),
        ]
    );
    let envs: Vec<&str> = report
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(envs, ["Production", "Staging", "Iceland"]);
    let stored = s
        .store
        .collection(report.collections[0].id)
        .expect("stored");
    assert_eq!(stored.variables[0].value, "https://eu-west.kennel.test/v4");
    assert!(report.warnings.iter().any(|w| w.path == "resources[13]"));
}

#[test]
fn a_failure_midway_leaves_the_store_untouched() {
    let s = Scratch::new();
    let mut files = fixture("openapi/swagger-2.0.json");
    files.extend(fixture("insomnia/export-v4.json"));
    files.push(refused());
    let e = s
        .import(files, OnDuplicate::Ask)
        .expect_err("blank name refused");
    assert!(e.to_string().contains("name"), "{e}");
    assert!(s.names().is_empty(), "nothing written: {:?}", s.names());
    assert!(
        s.store
            .tree(s.workspace)
            .expect("tree")
            .environments
            .is_empty()
    );
}

#[test]
fn a_known_postman_id_needs_a_choice() {
    let s = Scratch::new();
    s.import(fixture("openapi/swagger-2.0.json"), OnDuplicate::Ask)
        .expect("first");
    let first = s
        .import(fixture("dump/postman-export.zip"), OnDuplicate::Ask)
        .expect("dump");
    let original = first.collections[0].id;
    s.import(fixture("har/browser.har"), OnDuplicate::Ask)
        .expect("third");

    let e = s
        .import(fixture("dump/postman-export.zip"), OnDuplicate::Ask)
        .expect_err("asks");
    assert_eq!(
        e.to_string(),
        format!(
            "collection Harbour Tides (postman id 6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11) is already \
             in this workspace as collection {original}: choose to replace it or to import it as \
             a copy"
        )
    );
    assert_eq!(
        s.names(),
        ["Library Loans", "Harbour Tides", "Checkout flow"]
    );

    // Replacing fails midway: the old collection stays.
    let mut files = fixture("dump/postman-export.zip");
    files.push(refused());
    s.import(files, OnDuplicate::Replace)
        .expect_err("blank name");
    assert_eq!(
        s.names(),
        ["Library Loans", "Harbour Tides", "Checkout flow"]
    );
    assert!(s.store.collection(original).is_ok());

    let replaced = s
        .import(fixture("dump/postman-export.zip"), OnDuplicate::Replace)
        .expect("replaces");
    let new = replaced.collections[0].id;
    assert_ne!(new, original);
    assert!(s.store.collection(original).is_err(), "old one deleted");
    assert_eq!(
        s.names(),
        ["Library Loans", "Harbour Tides", "Checkout flow"]
    );
    let position = |id: CollectionId| -> Collection { s.store.collection(id).expect("there") };
    assert_eq!(position(new).position, 1);

    let copied = s
        .import(fixture("dump/postman-export.zip"), OnDuplicate::Copy)
        .expect("copies");
    assert_eq!(
        s.names(),
        [
            "Library Loans",
            "Harbour Tides",
            "Checkout flow",
            "Harbour Tides"
        ]
    );
    let copy = s.store.collection(copied.collections[0].id).expect("copy");
    let id = copy.extra["postman"]["info"]["_postman_id"]
        .as_str()
        .expect("id");
    assert_ne!(id, "6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11");
    assert_eq!(
        s.store
            .collection_by_postman_id(s.workspace, "6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11")
            .expect("query"),
        Some(new)
    );
}

#[test]
fn a_dump_exports_and_reads_back_with_secrets_withheld() {
    let s = Scratch::new();
    s.import(fixture("dump/postman-export.zip"), OnDuplicate::Ask)
        .expect("dump");
    s.import(fixture("dump/legacy.postman_dump"), OnDuplicate::Ask)
        .expect("legacy");
    let (bytes, report) = dump::export_dump(&s.store, s.workspace).expect("exports");
    assert_eq!(report.withheld.len(), 1);
    assert_eq!(report.withheld[0].key, "tideKey");
    assert_eq!(
        report.withheld[0].path,
        "collection/6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11.json: variable[1]"
    );
    let back = formats::parse_any("again.zip", &bytes).expect("reads back");
    let names: Vec<String> = back
        .iter()
        .map(|p| match (p.collection(), p.environment(), p.globals()) {
            (Some(c), _, _) => format!("collection {}", c.collection.name),
            (_, Some(e), _) => format!("environment {}", e.name),
            (_, _, Some(g)) => format!("globals {}", g.len()),
            _ => "?".into(),
        })
        .collect();
    assert_eq!(
        names,
        [
            "collection Harbour Tides",
            "collection Lighthouse Log",
            "environment Fjord",
            "environment Coast Guard",
            "globals 1"
        ]
    );
    let tides = back[0].collection().expect("collection");
    let secret = &tides.collection.variables[1];
    assert_eq!(
        (secret.key.as_str(), secret.value.as_str()),
        ("tideKey", "")
    );
    assert!(
        back.iter().all(|p| p.warnings.is_empty()),
        "{:?}",
        back[0].warnings
    );
}
