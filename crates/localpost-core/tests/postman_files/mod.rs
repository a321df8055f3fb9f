//! The Postman fixtures in tests/fixtures/postman/ and a store to import them into.
#![allow(dead_code)]

use std::path::PathBuf;

use localpost_core::formats::postman::{self, ImportReport};
use localpost_core::model::WorkspaceId;
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use serde_json::Value;

/// Path of a fixture file.
pub fn path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/postman");
    dir.canonicalize().expect("fixtures dir exists").join(name)
}

/// A fixture parsed as JSON.
pub fn json(name: &str) -> Value {
    let text = std::fs::read_to_string(path(name)).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// A store in a temporary directory with one workspace.
pub struct Scratch {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub workspace: WorkspaceId,
    /// Secret variables go here: a throwaway service in the test session's keyring.
    pub keychain: OsKeychain,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_nanos();
        let keychain = OsKeychain::new(format!("localpost-test-postman-{nanos}"));
        let sealer = std::sync::Arc::new(Vault::new(keychain.clone()));
        let store = Store::open(dir.path().join("localpost.db"))
            .expect("store opens")
            .with_sealer(sealer);
        let workspace = store.create_workspace("Imports").expect("workspace").id;
        Scratch {
            _dir: dir,
            store,
            workspace,
            keychain,
        }
    }

    /// Imports fixtures in one transaction.
    pub fn import(&self, names: &[&str]) -> ImportReport {
        let parsed = names
            .iter()
            .map(|n| postman::read_file(&path(n)).expect("fixture parses"))
            .collect();
        postman::import(&self.store, &self.keychain, self.workspace, parsed)
            .expect("import succeeds")
    }
}

/// The first place where `got` and `want` differ, as a JSON path, or `None` when equal.
/// Object member order does not matter; array order does.
pub fn difference(got: &Value, want: &Value, path: &str) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (key, wv) in w {
                match g.get(key) {
                    None => return Some(format!("{path}.{key}: missing, want {wv}")),
                    Some(gv) => {
                        if let Some(d) = difference(gv, wv, &format!("{path}.{key}")) {
                            return Some(d);
                        }
                    }
                }
            }
            g.keys()
                .find(|k| !w.contains_key(*k))
                .map(|k| format!("{path}.{k}: unexpected {}", g[k]))
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Some(format!("{path}: {} items, want {}", g.len(), w.len()));
            }
            g.iter()
                .zip(w)
                .enumerate()
                .find_map(|(i, (gv, wv))| difference(gv, wv, &format!("{path}[{i}]")))
        }
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, want {want}")),
    }
}

/// Fails with the first difference between `got` and `want`.
pub fn assert_same(got: &Value, want: &Value) {
    if let Some(d) = difference(got, want, "$") {
        panic!("exported JSON differs at {d}");
    }
}

/// Empties the `value` of each entry at `paths` (`item[0].auth.basic[1]`): what an export
/// writes for a secret variable or a credential typed into auth settings.
pub fn withhold(want: &mut Value, paths: &[&str]) {
    for path in paths {
        let mut node = &mut *want;
        for part in path.split('.') {
            let (name, index) = match part.split_once('[') {
                Some((n, i)) => (
                    n,
                    Some(i.trim_end_matches(']').parse::<usize>().expect("index")),
                ),
                None => (part, None),
            };
            node = &mut node[name];
            if let Some(i) = index {
                node = &mut node[i];
            }
        }
        assert!(node.get("value").is_some(), "{path} has a value");
        node["value"] = Value::String(String::new());
    }
}

/// An export report's withheld values as (path, key) pairs.
pub fn withheld_pairs(report: &postman::ExportReport) -> Vec<(&str, &str)> {
    report
        .withheld
        .iter()
        .map(|w| (w.path.as_str(), w.key.as_str()))
        .collect()
}
