//! Black-box tests of the store against a real SQLite file on disk.

use localpost_core::model::{
    Auth, AuthMode, AuthParam, Body, KeyValue, NewFolder, NewRequest, NodeId, Parent, RawLanguage,
    TreeNode, Variable,
};
use localpost_core::store::{SCHEMA_VERSION, Store, StoreError};
use tempfile::TempDir;

fn open() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path().join("data")).unwrap();
    (dir, store)
}

/// Names of the children of a tree level, folders suffixed with `/`.
fn names(nodes: &[TreeNode]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match n {
            TreeNode::Folder { name, .. } => format!("{name}/"),
            TreeNode::Request { name, .. } => name.clone(),
        })
        .collect()
}

#[test]
fn creates_the_file_in_wal_mode_with_foreign_keys() {
    let (dir, store) = open();
    let path = dir.path().join("data").join("localpost.db");
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn everything_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (ws_id, req_id) = {
        let store = Store::open_dir(dir.path()).unwrap();
        let ws = store.create_workspace("Team").unwrap();
        let coll = store.create_collection(ws.id, "Users API").unwrap();
        let folder = store
            .create_folder(NewFolder {
                parent: Parent::Collection(coll.id),
                name: "Admin".into(),
            })
            .unwrap();
        let mut req = store
            .create_request(
                NewRequest::new(Parent::Folder(folder.id), "Create user")
                    .method("POST")
                    .url("{{base}}/users"),
            )
            .unwrap();
        req.headers = vec![KeyValue::new("X-Trace", "1"), KeyValue::new("X-Trace", "2")];
        req.body = Body::Raw {
            text: "{\"name\":\"ada\"}".into(),
            language: RawLanguage::Json,
        };
        req.auth = Auth {
            mode: AuthMode::Bearer,
            params: vec![AuthParam {
                key: "token".into(),
                value: "{{token}}".into(),
                kind: "string".into(),
            }],
        };
        store.update_request(&req).unwrap();
        (ws.id, req.id)
    };
    let store = Store::open_dir(dir.path()).unwrap();
    let req = store.request(req_id).unwrap();
    assert_eq!(req.name, "Create user");
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "{{base}}/users");
    assert_eq!(req.headers.len(), 2, "duplicate headers are kept in order");
    assert_eq!(req.headers[1].value, "2");
    assert_eq!(req.auth.param("token"), Some("{{token}}"));
    assert!(matches!(
        req.body,
        Body::Raw {
            language: RawLanguage::Json,
            ..
        }
    ));
    let tree = store.tree(ws_id).unwrap();
    assert_eq!(tree.collections[0].name, "Users API");
    assert_eq!(names(&tree.collections[0].children), ["Admin/"]);
}

#[test]
fn siblings_keep_an_explicit_order_across_folders_and_requests() {
    let (_dir, store) = open();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "C").unwrap();
    let top = Parent::Collection(coll.id);
    let a = store.create_request(NewRequest::new(top, "a")).unwrap();
    let f = store
        .create_folder(NewFolder {
            parent: top,
            name: "f".into(),
        })
        .unwrap();
    let b = store.create_request(NewRequest::new(top, "b")).unwrap();
    let children = |s: &Store| names(&s.tree(ws.id).unwrap().collections[0].children);
    assert_eq!(children(&store), ["a", "f/", "b"]);

    store.move_node(NodeId::Request(b.id), top, 0).unwrap();
    assert_eq!(children(&store), ["b", "a", "f/"]);
    store.move_node(NodeId::Folder(f.id), top, 1).unwrap();
    assert_eq!(children(&store), ["b", "f/", "a"]);
    // An index past the end clamps to the end.
    store.move_node(NodeId::Request(b.id), top, 99).unwrap();
    assert_eq!(children(&store), ["f/", "a", "b"]);

    // Moving into a folder closes the gap it leaves.
    store
        .move_node(NodeId::Request(a.id), Parent::Folder(f.id), 0)
        .unwrap();
    let tree = store.tree(ws.id).unwrap();
    assert_eq!(names(&tree.collections[0].children), ["f/", "b"]);
    assert_eq!(store.request(b.id).unwrap().position, 1);
    match &tree.collections[0].children[0] {
        TreeNode::Folder { children, .. } => assert_eq!(names(children), ["a"]),
        other => panic!("expected the folder first, got {other:?}"),
    }

    // Deleting renumbers the rest.
    store.delete_node(NodeId::Folder(f.id)).unwrap();
    assert_eq!(children(&store), ["b"]);
    assert_eq!(store.request(b.id).unwrap().position, 0);
    assert!(matches!(
        store.request(a.id),
        Err(StoreError::NotFound {
            what: "request",
            ..
        })
    ));
}

#[test]
fn a_folder_cannot_move_inside_itself() {
    let (_dir, store) = open();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "C").unwrap();
    let outer = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "outer".into(),
        })
        .unwrap();
    let inner = store
        .create_folder(NewFolder {
            parent: Parent::Folder(outer.id),
            name: "inner".into(),
        })
        .unwrap();
    for target in [outer.id, inner.id] {
        let err = store
            .move_node(NodeId::Folder(outer.id), Parent::Folder(target), 0)
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidMove { .. }), "{err}");
    }
    assert_eq!(store.folder(inner.id).unwrap().parent_id, Some(outer.id));
}

#[test]
fn moving_to_another_collection_takes_the_subtree_along() {
    let (_dir, store) = open();
    let ws = store.create_workspace("W").unwrap();
    let one = store.create_collection(ws.id, "one").unwrap();
    let two = store.create_collection(ws.id, "two").unwrap();
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(one.id),
            name: "f".into(),
        })
        .unwrap();
    let req = store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "r"))
        .unwrap();
    store
        .move_node(NodeId::Folder(folder.id), Parent::Collection(two.id), 0)
        .unwrap();
    assert_eq!(store.request(req.id).unwrap().collection_id, two.id);
    // Deleting the new collection removes the moved request with it.
    store.delete_collection(two.id).unwrap();
    assert!(store.request(req.id).is_err());
    assert_eq!(store.collections(ws.id).unwrap().len(), 1);
}

#[test]
fn workspaces_and_collections_reorder_rename_and_cascade() {
    let (_dir, store) = open();
    let a = store.create_workspace("A").unwrap();
    let b = store.create_workspace("B").unwrap();
    store.move_workspace(b.id, 0).unwrap();
    let order: Vec<String> = store
        .workspaces()
        .unwrap()
        .into_iter()
        .map(|w| w.name)
        .collect();
    assert_eq!(order, ["B", "A"]);
    assert_eq!(
        store.rename_workspace(a.id, "  Alpha ").unwrap().name,
        "Alpha"
    );
    assert!(matches!(
        store.rename_workspace(a.id, "   "),
        Err(StoreError::EmptyName { what: "workspace" })
    ));

    let c1 = store.create_collection(a.id, "c1").unwrap();
    let c2 = store.create_collection(a.id, "c2").unwrap();
    store.move_collection(c2.id, 0).unwrap();
    let colls: Vec<String> = store
        .collections(a.id)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(colls, ["c2", "c1"]);
    store.rename_collection(c1.id, "first").unwrap();
    let req = store
        .create_request(NewRequest::new(Parent::Collection(c1.id), "r"))
        .unwrap();
    let env = store
        .create_environment(
            a.id,
            "dev",
            &[Variable {
                key: "base".into(),
                ..Variable::default()
            }],
        )
        .unwrap();
    store.set_active_environment(a.id, Some(env.id)).unwrap();

    store.delete_workspace(a.id).unwrap();
    assert!(store.request(req.id).is_err());
    assert!(store.environment(env.id).is_err());
    assert!(store.collection(c1.id).is_err());
    assert_eq!(store.workspaces().unwrap()[0].position, 0);
}

/// Processes opening a new store at once (the app and the CLI, or parallel CLI runs) share
/// one default workspace: the look and the creation are one write. Each thread here has its
/// own connection to the same file, as separate processes would.
#[test]
fn handles_opening_a_new_store_at_once_make_one_default_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    for round in 0..5 {
        let round_dir = path.join(round.to_string());
        let start = std::sync::Arc::new(std::sync::Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (round_dir, start) = (round_dir.clone(), start.clone());
                std::thread::spawn(move || {
                    let store = Store::open_dir(&round_dir).unwrap();
                    start.wait();
                    store.ensure_workspace().unwrap().id
                })
            })
            .collect();
        let ids: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let store = Store::open_dir(&round_dir).unwrap();
        let all = store.workspaces().unwrap();
        assert_eq!(all.len(), 1, "round {round}: {all:?}");
        assert!(
            ids.iter().all(|id| *id == all[0].id),
            "round {round}: {ids:?}"
        );
    }
}

#[test]
fn environments_duplicate_switch_and_clear_when_deleted() {
    let (_dir, store) = open();
    let ws = store.ensure_workspace().unwrap();
    assert_eq!(ws.name, "My Workspace");
    assert_eq!(
        store.ensure_workspace().unwrap().id,
        ws.id,
        "no second default"
    );
    let vars = [Variable {
        key: "base".into(),
        value: "http://127.0.0.1:8080".into(),
        ..Variable::default()
    }];
    let dev = store.create_environment(ws.id, "dev", &vars).unwrap();
    let copy = store.duplicate_environment(dev.id, "dev copy").unwrap();
    assert_eq!(copy.variables, dev.variables);
    assert_eq!(copy.position, 1);
    store.set_active_environment(ws.id, Some(copy.id)).unwrap();
    assert_eq!(
        store.workspace(ws.id).unwrap().active_environment_id,
        Some(copy.id)
    );
    store.delete_environment(copy.id).unwrap();
    assert_eq!(store.workspace(ws.id).unwrap().active_environment_id, None);

    let other = store.create_workspace("other").unwrap();
    let err = store
        .set_active_environment(other.id, Some(dev.id))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "environment",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn corrupt_json_names_the_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "C").unwrap();
    let req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "r"))
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("localpost.db")).unwrap();
    conn.execute(
        "UPDATE items SET headers = '{not json' WHERE id = ?1",
        [req.id.0],
    )
    .unwrap();
    drop(conn);
    let store = Store::open_dir(dir.path()).unwrap();
    let err = store.request(req.id).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "items row {}: column headers holds invalid data",
            req.id
        )),
        "{message}"
    );
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 1));
    assert!(err.to_string().contains("update Localpost"), "{err}");
    // Refused before anything is written: not even the switch to WAL.
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn bad_parents_and_ids_are_not_found() {
    let (_dir, store) = open();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "C").unwrap();
    let req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "r"))
        .unwrap();
    // A request id used as a folder is not a folder.
    let err = store
        .create_request(NewRequest::new(
            Parent::Folder(localpost_core::model::FolderId(req.id.0)),
            "x",
        ))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "folder", .. }),
        "{err}"
    );
    assert!(
        store
            .rename_node(
                NodeId::Folder(localpost_core::model::FolderId(req.id.0)),
                "x"
            )
            .is_err()
    );
    assert!(matches!(
        store.create_collection(localpost_core::model::WorkspaceId(999), "x"),
        Err(StoreError::NotFound {
            what: "workspace",
            id: 999
        })
    ));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, store) = open();
    let ws = store.create_workspace("W").unwrap();
    let coll = store.create_collection(ws.id, "C").unwrap();
    let mut req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "r").url("http://a"))
        .unwrap();
    req.url = "http://b".into();
    req.name = "  ".into();
    assert!(store.update_request(&req).is_err());
    assert_eq!(store.request(req.id).unwrap().url, "http://a");
}

/// Processes opening one new data directory at once (parallel CI jobs, the app and the CLI):
/// the switch to WAL needs the file to itself, and SQLite refuses it at once rather than wait,
/// so each open must wait its turn; all of them open, and the migrations run once.
#[test]
fn many_first_opens_of_one_new_file_at_once_all_succeed() {
    for round in 0..20 {
        let dir = tempfile::tempdir().expect("temp dir");
        let start = std::sync::Arc::new(std::sync::Barrier::new(12));
        let opens: Vec<_> = (0..12)
            .map(|_| {
                let (path, start) = (dir.path().to_path_buf(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open_dir(&path)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for open in opens {
            let opened = open.join().expect("thread");
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
    }
}
