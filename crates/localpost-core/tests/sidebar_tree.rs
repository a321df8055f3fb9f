//! What the sidebar does to the tree, against a real SQLite file and the real OS keychain (run
//! under `scripts/test-session.sh`): duplicating a collection, folder or request copies auth
//! (sealed credentials included), scripts, settings and variables, with keychain entries of its
//! own for secret variables; a copy that cannot get its secrets writes nothing; moving a folder
//! into another collection (of another workspace) keeps ids, scripts, auth and secret references.

use crate::postman_files;

use localpost_core::model::{
    Auth, AuthMode, NewFolder, NewRequest, NodeId, Parent, Scripts, TreeNode, Variable,
};
use localpost_core::secrets::{Duplicable, ScopeSecrets, SecretsError, VariableScope};
use localpost_core::vault::Keychain;
use postman_files::Scratch;

const PASSWORD: &str = "pw-dup-5c81a2";

fn secret(key: &str, value: &str) -> Variable {
    Variable {
        key: key.into(),
        value: value.into(),
        secret: true,
        ..Variable::default()
    }
}

fn names(nodes: &[TreeNode]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match n {
            TreeNode::Folder { name, children, .. } => {
                format!("{name}[{}]", names(children).join(","))
            }
            TreeNode::Request { name, .. } => name.clone(),
        })
        .collect()
}

fn scripts(pre: &str, test: &str) -> Scripts {
    Scripts {
        pre_request: pre.into(),
        test: test.into(),
    }
}

/// A collection "API" (secret variable, sealed auth, scripts, settings, a Postman id) holding
/// folder "Users" (scripts, a secret variable) with requests "Me" (sealed basic auth, a secret
/// variable) and "List", then a top-level request "Health".
struct Filled {
    coll: localpost_core::model::Collection,
    folder: localpost_core::model::Folder,
    me: localpost_core::model::Request,
}

fn fill(scratch: &Scratch) -> Filled {
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let mut coll = store
        .create_collection(scratch.workspace, "API")
        .expect("collection");
    coll.variables = vec![secret("collTok", "coll-value-1")];
    coll.auth = Auth::with_params(AuthMode::Bearer, &[("token", "coll-bearer-77")]);
    coll.scripts = scripts("pm.variables.set('c', 1);", "");
    coll.settings.timeout_ms = Some(1234);
    coll.extra.insert(
        "postman".into(),
        serde_json::json!({"info": {"_postman_id": "pm-coll-1", "schema": "v2.1"}}),
    );
    let coll = scopes.update_collection(coll).expect("collection saved");
    let mut folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Users".into(),
        })
        .expect("folder");
    folder.scripts = scripts("", "pm.test('folder', () => {});");
    folder.variables = vec![secret("folderTok", "folder-value-2")];
    let stashed =
        localpost_core::secrets::stash_variables(&scratch.keychain, &[], &mut folder.variables)
            .expect("stashed");
    drop(stashed);
    let folder = store.update_folder(&folder).expect("folder saved");
    let mut me = store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "Me").url("https://x.test/me"))
        .expect("request");
    me.auth = Auth::with_params(
        AuthMode::Basic,
        &[("username", "ada"), ("password", PASSWORD)],
    );
    me.scripts = scripts("", "pm.test('me', () => {});");
    me.variables = vec![secret("reqTok", "req-value-3")];
    me.extra
        .insert("postman".into(), serde_json::json!({"id": "pm-item-me"}));
    let stashed =
        localpost_core::secrets::stash_variables(&scratch.keychain, &[], &mut me.variables)
            .expect("stashed");
    drop(stashed);
    let me = store.update_request(&me).expect("request saved");
    store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "List"))
        .expect("request");
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Health"))
        .expect("request");
    Filled { coll, folder, me }
}

fn value(scratch: &Scratch, variable: &Variable) -> String {
    let secret_ref = variable.secret_ref.as_deref().expect("secret has a ref");
    let value = scratch
        .keychain
        .get(&format!("variable:{secret_ref}"))
        .expect("keychain read")
        .expect("keychain has the value");
    value.expose_str().expect("utf-8").to_string()
}

#[test]
fn a_duplicated_collection_copies_everything_and_owns_its_secrets() {
    let scratch = Scratch::new();
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let filled = fill(&scratch);

    let copy = scopes
        .duplicate(Duplicable::Collection(filled.coll.id))
        .expect("duplicated");
    let Duplicable::Collection(copy_id) = copy else {
        panic!("a collection copy is a collection: {copy:?}");
    };
    let tree = store.tree(scratch.workspace).expect("tree");
    let top: Vec<_> = tree.collections.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(top, ["API", "API copy"]);
    assert_eq!(
        names(&tree.collections[1].children),
        ["Users[Me,List]", "Health"]
    );

    let copied = store.collection(copy_id).expect("copy reads back");
    assert_eq!(
        copied.auth, filled.coll.auth,
        "sealed auth opens in the copy"
    );
    assert_eq!(copied.scripts, filled.coll.scripts);
    assert_eq!(copied.settings, filled.coll.settings);
    assert!(
        copied.extra["postman"]["info"].get("_postman_id").is_none(),
        "the copy is not the imported collection: {:?}",
        copied.extra
    );
    assert_eq!(copied.extra["postman"]["info"]["schema"], "v2.1");
    let (orig_var, copy_var) = (&filled.coll.variables[0], &copied.variables[0]);
    assert_ne!(orig_var.secret_ref, copy_var.secret_ref);
    assert_eq!(value(&scratch, copy_var), "coll-value-1");
    let scope = VariableScope::Collection { id: copy_id };
    let revealed = scopes.reveal_variable(scope, "collTok").expect("reveal");
    assert_eq!(revealed.expose_str().expect("utf-8"), "coll-value-1");

    // The request inside: auth, scripts, its own secret, Postman id dropped.
    let TreeNode::Folder { children, id, .. } = &tree.collections[1].children[0] else {
        panic!("first child is the folder");
    };
    let folder_copy = store.folder(*id).expect("folder copy");
    assert_eq!(folder_copy.scripts, filled.folder.scripts);
    assert_ne!(
        folder_copy.variables[0].secret_ref,
        filled.folder.variables[0].secret_ref
    );
    assert_eq!(value(&scratch, &folder_copy.variables[0]), "folder-value-2");
    let TreeNode::Request { id: me_copy, .. } = &children[0] else {
        panic!("first request is Me");
    };
    let me_copy = store.request(*me_copy).expect("request copy");
    assert_eq!(me_copy.auth, filled.me.auth);
    assert_eq!(me_copy.scripts, filled.me.scripts);
    assert_eq!(me_copy.url, "https://x.test/me");
    assert!(me_copy.extra["postman"].get("id").is_none());
    assert_eq!(value(&scratch, &me_copy.variables[0]), "req-value-3");

    // Deleting the original leaves the copy's secrets in the keychain.
    scopes
        .delete(localpost_core::store::Subtree::Collection(filled.coll.id))
        .expect("deleted");
    assert_eq!(value(&scratch, &copy_var.clone()), "coll-value-1");
    assert_eq!(value(&scratch, &me_copy.variables[0]), "req-value-3");
    let gone = format!(
        "variable:{}",
        filled.me.variables[0].secret_ref.as_deref().expect("ref")
    );
    assert!(scratch.keychain.get(&gone).expect("read").is_none());
    scopes
        .delete(localpost_core::store::Subtree::Collection(copy_id))
        .expect("deleted");
}

#[test]
fn a_duplicated_folder_or_request_lands_after_the_original() {
    let scratch = Scratch::new();
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let filled = fill(&scratch);

    let copy = scopes
        .duplicate(Duplicable::Request(filled.me.id))
        .expect("request duplicated");
    let Duplicable::Request(me_copy) = copy else {
        panic!("a request copy is a request: {copy:?}");
    };
    let copy = scopes
        .duplicate(Duplicable::Folder(filled.folder.id))
        .expect("folder duplicated");
    assert!(matches!(copy, Duplicable::Folder(_)));
    let tree = store.tree(scratch.workspace).expect("tree");
    assert_eq!(
        names(&tree.collections[0].children),
        [
            "Users[Me,Me copy,List]",
            "Users copy[Me,Me copy,List]",
            "Health"
        ]
    );
    let me_copy = store.request(me_copy).expect("copy");
    assert_eq!(me_copy.auth, filled.me.auth);
    assert_ne!(
        me_copy.variables[0].secret_ref,
        filled.me.variables[0].secret_ref
    );
    assert_eq!(value(&scratch, &me_copy.variables[0]), "req-value-3");
    scopes
        .delete(localpost_core::store::Subtree::Collection(filled.coll.id))
        .expect("deleted");
}

#[test]
fn a_copy_whose_secret_is_missing_from_the_keychain_writes_nothing() {
    let scratch = Scratch::new();
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let filled = fill(&scratch);
    let lost = format!(
        "variable:{}",
        filled.me.variables[0].secret_ref.as_deref().expect("ref")
    );
    scratch.keychain.delete(&lost).expect("entry removed");
    let before = store.tree(scratch.workspace).expect("tree");

    let err = scopes
        .duplicate(Duplicable::Folder(filled.folder.id))
        .expect_err("a lost secret stops the copy");
    assert!(
        matches!(&err, SecretsError::MissingValue { name } if name == "reqTok"),
        "{err:?}"
    );
    assert_eq!(store.tree(scratch.workspace).expect("tree"), before);
    scopes
        .delete(localpost_core::store::Subtree::Collection(filled.coll.id))
        .expect("deleted");
}

#[test]
fn a_folder_moved_to_another_workspace_keeps_ids_scripts_auth_and_secrets() {
    let scratch = Scratch::new();
    let store = &scratch.store;
    let scopes = ScopeSecrets::new(store, &scratch.keychain);
    let filled = fill(&scratch);
    let other = store.create_workspace("Other").expect("workspace");
    let target = store.create_collection(other.id, "Target").expect("coll");
    store
        .create_request(NewRequest::new(Parent::Collection(target.id), "Existing"))
        .expect("request");

    store
        .move_node(
            NodeId::Folder(filled.folder.id),
            Parent::Collection(target.id),
            0,
        )
        .expect("moved");

    let tree = store.tree(other.id).expect("tree");
    assert_eq!(
        names(&tree.collections[0].children),
        ["Users[Me,List]", "Existing"]
    );
    let moved = store.request(filled.me.id).expect("same id after the move");
    assert_eq!(moved.collection_id, target.id);
    assert_eq!(moved.folder_id, Some(filled.folder.id));
    assert_eq!(moved.auth, filled.me.auth, "sealed auth still opens");
    assert_eq!(moved.scripts, filled.me.scripts);
    assert_eq!(
        moved.variables[0].secret_ref,
        filled.me.variables[0].secret_ref
    );
    assert_eq!(value(&scratch, &moved.variables[0]), "req-value-3");
    let folder = store.folder(filled.folder.id).expect("folder keeps its id");
    assert_eq!(folder.scripts, filled.folder.scripts);
    let source = store.tree(scratch.workspace).expect("tree");
    assert_eq!(names(&source.collections[0].children), ["Health"]);
    scopes
        .delete(localpost_core::store::Subtree::Workspace(other.id))
        .expect("deleted");
    scopes
        .delete(localpost_core::store::Subtree::Collection(filled.coll.id))
        .expect("deleted");
}
