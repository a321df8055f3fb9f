//! Saving edited variables with secrets against the real OS keychain: a typed secret value goes
//! to the keychain and never to the store, an empty one keeps the stored value, a removed one
//! takes its entry along, a failed store write leaves no entry behind, and duplicated
//! environments own their secrets.

use crate::postman_files;

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

#[test]
fn deleting_a_folder_or_workspace_takes_its_secrets_out_of_the_keychain() {
    use localpost_core::model::{NewFolder, NewRequest, NodeId, Parent};
    use localpost_core::store::Subtree;

    let scratch = Scratch::new();
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let ws = scratch.workspace;
    let env = store.create_environment(ws, "Dev", &[]).expect("env");
    let env = scopes
        .set_environment_variables(env.id, vec![secret("envTok", "env-9d1")])
        .expect("env saved");
    let globals = scopes
        .set_globals(ws, vec![secret("globTok", "glob-77a")])
        .expect("globals saved")
        .globals;
    let mut coll = store.create_collection(ws, "C").expect("collection");
    coll.variables = vec![secret("collTok", "coll-3c0")];
    let coll = scopes.update_collection(coll).expect("collection saved");
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "F".into(),
        })
        .expect("folder");
    let mut req = store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "R"))
        .expect("request");
    req.variables = vec![secret("reqTok", "req-51e")];
    let stashed =
        localpost_core::secrets::stash_variables(&scratch.keychain, &[], &mut req.variables)
            .expect("stashed");
    let req = store.update_request(&req).expect("request saved");
    drop(stashed);
    let has = |accounts: &[String]| {
        accounts
            .iter()
            .all(|a| scratch.keychain.get(a).expect("read").is_some())
    };
    let (req_acc, coll_acc) = (accounts(&req.variables), accounts(&coll.variables));
    let (env_acc, glob_acc) = (accounts(&env.variables), accounts(&globals));
    assert!(has(&req_acc) && has(&coll_acc) && has(&env_acc) && has(&glob_acc));

    // The folder goes, with the request in it and the request's secret; nothing else.
    scopes
        .delete(Subtree::Node(NodeId::Folder(folder.id)))
        .expect("folder deleted");
    assert_eq!(scratch.keychain.get(&req_acc[0]).expect("read"), None);
    assert!(has(&coll_acc) && has(&env_acc) && has(&glob_acc));

    // The workspace goes with everything else.
    scopes
        .delete(Subtree::Workspace(ws))
        .expect("workspace deleted");
    for account in coll_acc.iter().chain(&env_acc).chain(&glob_acc) {
        assert_eq!(
            scratch.keychain.get(account).expect("read"),
            None,
            "{account}"
        );
    }
}

/// The OS keychain, refusing to delete while `refusing` is set (a locked or unreachable one).
struct Refusing {
    inner: OsKeychain,
    refusing: std::sync::atomic::AtomicBool,
}

impl Keychain for Refusing {
    fn get(&self, account: &str) -> vault::Result<Option<Secret>> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, secret: &Secret) -> vault::Result<()> {
        self.inner.set(account, secret)
    }
    fn delete(&self, account: &str) -> vault::Result<bool> {
        if self.refusing.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(vault::VaultError::Unavailable {
                reason: "the keychain is locked".into(),
            });
        }
        self.inner.delete(account)
    }
}

#[test]
fn a_delete_succeeds_when_the_keychain_fails_and_its_entries_go_on_the_next_one() {
    use std::sync::atomic::Ordering;

    let scratch = Scratch::new();
    let store = &scratch.store;
    let keychain = Refusing {
        inner: scratch.keychain.clone(),
        refusing: std::sync::atomic::AtomicBool::new(false),
    };
    let scopes = ScopeSecrets::new(store, &keychain);
    let mut coll = store
        .create_collection(scratch.workspace, "C")
        .expect("collection");
    coll.variables = vec![secret("collTok", "coll-e81")];
    let coll = scopes.update_collection(coll).expect("saved");
    let env = store
        .create_environment(scratch.workspace, "Dev", &[])
        .expect("env");
    let env = scopes
        .set_environment_variables(env.id, vec![secret("envTok", "env-2b7")])
        .expect("saved");
    let (coll_acc, env_acc) = (accounts(&coll.variables), accounts(&env.variables));

    // The keychain refuses: the delete still happens, with a warning, and the entry waits.
    keychain.refusing.store(true, Ordering::SeqCst);
    let warnings = scopes
        .delete(localpost_core::store::Subtree::Collection(coll.id))
        .expect("the delete happened");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("1 keychain entry of deleted secret variables could not be removed")
            && warnings[0].contains("the keychain is locked")
            && warnings[0].contains("tries again on the next delete"),
        "{}",
        warnings[0]
    );
    assert!(store.collection(coll.id).is_err(), "the collection is gone");
    assert!(scratch.keychain.get(&coll_acc[0]).expect("read").is_some());
    assert_eq!(
        store.orphan_secret_refs().expect("orphans"),
        coll.variables
            .iter()
            .filter_map(|v| v.secret_ref.clone())
            .collect::<Vec<_>>()
    );

    // The keychain is back: the next delete removes its own entry and the one left behind.
    keychain.refusing.store(false, Ordering::SeqCst);
    let warnings = scopes.delete_environment(env.id).expect("deleted");
    assert!(warnings.is_empty(), "{warnings:?}");
    for account in coll_acc.iter().chain(&env_acc) {
        assert_eq!(
            scratch.keychain.get(account).expect("read"),
            None,
            "{account}"
        );
    }
    assert!(store.orphan_secret_refs().expect("orphans").is_empty());
    assert!(scopes.remove_orphans().is_empty());
}
