//! Secrets never rest in the store: after importing Postman files whose variables are typed
//! `secret`, the bytes of the SQLite file and its WAL hold none of the secret values, the OS
//! keychain holds each of them, sending-time reveal gives them back, and exports withhold them.

use crate::postman_files;

use localpost_core::formats::postman;
use localpost_core::secrets;
use localpost_core::store::FILE_NAME;
use localpost_core::vault::Keychain;
use postman_files::{Scratch, json};

/// The values of the variables typed `secret` in a fixture, wherever they are.
fn secret_values(file: &str) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if map.get("type").and_then(|t| t.as_str()) == Some("secret")
                    && let Some(value) = map.get("value").and_then(|v| v.as_str())
                    && !value.is_empty()
                {
                    out.push(value.to_string());
                }
                map.values().for_each(|child| walk(child, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|child| walk(child, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&json(file), &mut out);
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn imported_secret_variables_live_in_the_keychain_only() {
    let files = [
        "dev.postman_environment.json",
        "full.postman_collection.json",
        "legacy.postman_globals.json",
    ];
    let secrets_in_files: Vec<String> = files.iter().flat_map(|f| secret_values(f)).collect();
    assert!(
        secrets_in_files.len() >= 2,
        "the fixtures must hold secrets for this test to mean anything: {secrets_in_files:?}"
    );

    let scratch = Scratch::new();
    let report = scratch.import(&files);

    // Not in the database file or its write-ahead log.
    let dir = scratch
        .store
        .path()
        .parent()
        .expect("store dir")
        .to_path_buf();
    for name in [FILE_NAME.to_string(), format!("{FILE_NAME}-wal")] {
        let bytes = std::fs::read(dir.join(&name)).unwrap_or_default();
        for secret in &secrets_in_files {
            assert!(!contains(&bytes, secret), "{name} holds secret {secret:?}");
        }
    }

    // In the keychain, and revealed for sending.
    let env = scratch
        .store
        .environment(report.environments[0].id)
        .expect("environment");
    let stored = env
        .variables
        .iter()
        .find(|v| v.key == "apiToken")
        .expect("apiToken imported");
    assert!(stored.secret && stored.value.is_empty() && stored.secret_ref.is_some());
    let revealed = secrets::reveal(&scratch.keychain, &env.variables).expect("reveal");
    let token = revealed
        .iter()
        .find(|v| v.key == "apiToken")
        .expect("apiToken");
    assert_eq!(token.value, "dev-secret-token-value");
    let account = format!(
        "variable:{}",
        stored.secret_ref.as_deref().unwrap_or_default()
    );
    assert!(scratch.keychain.get(&account).expect("keychain").is_some());

    // Withheld from every export, and reported as withheld.
    let (env_json, env_report) =
        postman::export_environment(&scratch.store, env.id).expect("export environment");
    let (coll_json, _) =
        postman::export_collection(&scratch.store, report.collections[0].id).expect("export");
    let (globals_json, _) =
        postman::export_globals(&scratch.store, scratch.workspace).expect("export globals");
    for exported in [&env_json, &coll_json, &globals_json] {
        let text = exported.to_string();
        for secret in &secrets_in_files {
            assert!(
                !text.contains(secret.as_str()),
                "an export holds {secret:?}"
            );
        }
    }
    assert!(
        env_report.withheld.iter().any(|w| w.key == "apiToken"),
        "{:?}",
        env_report.withheld
    );
}

#[test]
fn removing_a_secret_variable_removes_its_keychain_entry() {
    let scratch = Scratch::new();
    let report = scratch.import(&["dev.postman_environment.json"]);
    let env = scratch
        .store
        .environment(report.environments[0].id)
        .expect("environment");
    let secret_ref = env
        .variables
        .iter()
        .find_map(|v| v.secret_ref.clone())
        .expect("a stashed secret");
    let account = format!("variable:{secret_ref}");
    assert!(scratch.keychain.get(&account).expect("keychain").is_some());

    let mut next: Vec<_> = env
        .variables
        .iter()
        .filter(|v| !v.secret)
        .cloned()
        .collect();
    let _ = secrets::stash_variables(&scratch.keychain, &env.variables, &mut next).expect("stash");
    scratch
        .store
        .set_environment_variables(env.id, &next)
        .expect("saved");
    assert!(scratch.keychain.get(&account).expect("keychain").is_none());
}
