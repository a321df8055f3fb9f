//! Saving edited variables with secrets against the real OS keychain: a typed secret value goes
//! to the keychain and never to the store, an empty one keeps the stored value, a removed one
//! takes its entry along, a failed store write leaves no entry behind, and duplicated
//! environments own their secrets.

mod postman_files;

use std::sync::Mutex;

use localpost_core::model::{Variable, WorkspaceId};
use localpost_core::secrets::{ScopeSecrets, SecretsError, VariableScope};
use localpost_core::vault::{self, Keychain, OsKeychain, Secret};
use postman_files::Scratch;

fn plain(key: &str, value: &str) -> Variable {
    Variable {
        key: key.into(),
        value: value.into(),
        ..Variable::default()
    }
}

fn secret(key: &str, value: &str) -> Variable {
    Variable {
        secret: true,
        ..plain(key, value)
    }
}

fn revealed(scopes: &ScopeSecrets<'_, OsKeychain>, scope: VariableScope, key: &str) -> String {
    let value = scopes.reveal_variable(scope, key).expect("reveal");
    value.expose_str().expect("utf-8").to_string()
}

/// Accounts of `variables`' secrets in the keychain.
fn accounts(variables: &[Variable]) -> Vec<String> {
    variables
        .iter()
        .filter_map(|v| v.secret_ref.as_deref())
        .map(|r| format!("variable:{r}"))
        .collect()
}

#[test]
fn an_environment_keeps_typed_secrets_in_the_keychain_only() {
    let scratch = Scratch::new();
    let scopes = ScopeSecrets::new(&scratch.store, &scratch.keychain);
    let env = scratch
        .store
        .create_environment(scratch.workspace, "Dev", &[])
        .expect("environment");
    let scope = VariableScope::Environment { id: env.id };

    let saved = scopes
        .set_environment_variables(
            env.id,
            vec![plain("base", "http://x"), secret("token", "first-value")],
        )
        .expect("saved");
    let token = &saved.variables[1];
    assert!(
        token.value.is_empty() && token.secret_ref.is_some(),
        "{token:?}"
    );
    assert_eq!(saved.variables[0].value, "http://x");
    assert_eq!(revealed(&scopes, scope, "token"), "first-value");

    // Left empty: unchanged. Typed again: replaced in the same entry.
    let unchanged = scopes
        .set_environment_variables(env.id, saved.variables.clone())
        .expect("saved");
    assert_eq!(unchanged.variables[1].secret_ref, token.secret_ref);
    assert_eq!(revealed(&scopes, scope, "token"), "first-value");
    let mut edited = unchanged.variables.clone();
    edited[1].value = "second-value".into();
    let replaced = scopes
        .set_environment_variables(env.id, edited)
        .expect("saved");
    assert_eq!(replaced.variables[1].secret_ref, token.secret_ref);
    assert_eq!(revealed(&scopes, scope, "token"), "second-value");

    // Removed: its keychain entry goes too.
    let account = accounts(&replaced.variables).remove(0);
    scopes
        .set_environment_variables(env.id, vec![plain("base", "http://x")])
        .expect("saved");
    assert!(scratch.keychain.get(&account).expect("keychain").is_none());
    assert!(matches!(
        scopes.reveal_variable(scope, "token"),
        Err(SecretsError::VariableNotFound { .. })
    ));
}

#[test]
fn globals_and_collection_variables_stash_their_secrets() {
    let scratch = Scratch::new();
    let scopes = ScopeSecrets::new(&scratch.store, &scratch.keychain);
    let ws = scopes
        .set_globals(scratch.workspace, vec![secret("key", "global-secret")])
        .expect("globals");
    assert!(ws.globals[0].value.is_empty());
    let scope = VariableScope::Globals {
        id: scratch.workspace,
    };
    assert_eq!(revealed(&scopes, scope, "key"), "global-secret");

    let mut coll = scratch
        .store
        .create_collection(scratch.workspace, "API")
        .expect("collection");
    coll.variables = vec![secret("pw", "collection-secret"), plain("v", "1")];
    let stored = scopes.update_collection(coll).expect("collection saved");
    assert!(stored.variables[0].value.is_empty());
    let scope = VariableScope::Collection { id: stored.id };
    assert_eq!(revealed(&scopes, scope, "pw"), "collection-secret");
    // A plain variable is not revealed through this door.
    assert!(matches!(
        scopes.reveal_variable(scope, "v"),
        Err(SecretsError::VariableNotFound { .. })
    ));
    for account in accounts(&stored.variables)
        .into_iter()
        .chain(accounts(&ws.globals))
    {
        let _ = scratch.keychain.delete(&account);
    }
}

/// The OS keychain, remembering every account written.
struct Recording {
    inner: OsKeychain,
    written: Mutex<Vec<String>>,
}

impl Keychain for Recording {
    fn get(&self, account: &str) -> vault::Result<Option<Secret>> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, secret: &Secret) -> vault::Result<()> {
        self.written.lock().expect("lock").push(account.into());
        self.inner.set(account, secret)
    }
    fn delete(&self, account: &str) -> vault::Result<bool> {
        self.inner.delete(account)
    }
}

#[test]
fn a_failed_store_write_leaves_no_keychain_entry() {
    let scratch = Scratch::new();
    let keychain = Recording {
        inner: scratch.keychain.clone(),
        written: Mutex::new(Vec::new()),
    };
    let scopes = ScopeSecrets::new(&scratch.store, &keychain);
    let mut coll = scratch
        .store
        .create_collection(scratch.workspace, "API")
        .expect("collection");
    coll.name = "  ".into(); // the store refuses an empty name after the stash
    coll.variables = vec![secret("pw", "doomed-secret")];
    assert!(scopes.update_collection(coll).is_err());
    let written = keychain.written.lock().expect("lock").clone();
    assert_eq!(written.len(), 1, "the stash wrote the value first");
    assert!(keychain.inner.get(&written[0]).expect("keychain").is_none());
    assert!(matches!(
        scopes.set_globals(WorkspaceId(9999), vec![secret("k", "v")]),
        Err(SecretsError::Store(_))
    ));
}

#[test]
fn a_duplicated_environment_owns_its_secrets() {
    let scratch = Scratch::new();
    let scopes = ScopeSecrets::new(&scratch.store, &scratch.keychain);
    let env = scratch
        .store
        .create_environment(scratch.workspace, "Dev", &[])
        .expect("environment");
    let original = scopes
        .set_environment_variables(env.id, vec![secret("token", "shared-value")])
        .expect("saved");
    let copy = scopes
        .duplicate_environment(env.id, "Dev copy")
        .expect("duplicated");
    assert_eq!(copy.name, "Dev copy");
    assert!(copy.variables[0].value.is_empty());
    assert_ne!(
        copy.variables[0].secret_ref,
        original.variables[0].secret_ref
    );

    scopes.delete_environment(env.id).expect("deleted");
    let gone = accounts(&original.variables).remove(0);
    assert!(scratch.keychain.get(&gone).expect("keychain").is_none());
    let scope = VariableScope::Environment { id: copy.id };
    assert_eq!(revealed(&scopes, scope, "token"), "shared-value");
    scopes.delete_environment(copy.id).expect("deleted");
}
