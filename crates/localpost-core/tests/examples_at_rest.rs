//! Saved example responses against real parts (issue 4): a real SQLite file and its WAL, sealed
//! with a data key in the real OS keychain (run inside `scripts/test-session.sh`). In an
//! `internal` or `restricted` workspace an example's body and header values never appear in
//! the bytes of the file or the WAL, yet read back whole; in a `public` one they are plain.

use crate::recorded;

use localpost_core::model::{
    Classification, Example, KeyValue, NewRequest, NodeId, Parent, Request, RequestId,
};
use localpost_core::store::{CollectionImport, ImportBundle, NodeImport, Store, StoreError};
use localpost_core::vault::{KEY_ACCOUNT, Keychain, OsKeychain};
use recorded::{Desk, contains, open_store};

const BODY: &str = "EXAMPLE-BODY-MARKER-5d1a0e";
const HEADER: &str = "EXAMPLE-HEADER-MARKER-c37b92";

fn example() -> Example {
    Example {
        name: "Created".into(),
        code: 201,
        status: "Created".into(),
        headers: vec![KeyValue {
            key: "X-Trace".into(),
            value: HEADER.into(),
            ..KeyValue::default()
        }],
        body: format!("{{\"id\":\"{BODY}\"}}"),
        preview_language: "json".into(),
        ..Example::default()
    }
}

fn with_example(desk: &Desk, name: &str) -> Request {
    desk.request(name, "http://127.0.0.1:9/things", |r| {
        r.examples.push(example())
    })
}

/// Whether the file or its WAL holds `marker`.
fn at_rest(desk: &Desk, marker: &str) -> bool {
    desk.at_rest()
        .iter()
        .any(|(_, bytes)| contains(bytes, marker))
}

/// The `examples` column of `id` as stored, read around the store.
fn raw_examples(desk: &Desk, id: RequestId) -> String {
    let conn = rusqlite::Connection::open(desk.store.path()).expect("raw connection");
    conn.query_row("SELECT examples FROM items WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .expect("row")
}

fn assert_whole(store: &Store, id: RequestId) {
    let read = store.request(id).expect("opens");
    assert_eq!(read.examples, vec![example()]);
}

#[test]
fn a_response_saved_as_an_example_is_appended_and_sealed() {
    for (class, plain) in [
        (Classification::Internal, false),
        (Classification::Public, true),
    ] {
        let desk = Desk::new("save-example", class);
        let req = with_example(&desk, "Create");
        let mut second = example();
        second.name = "Second".into();
        second.body = "SECOND-EXAMPLE-MARKER-9e2f".into();
        let saved = desk
            .store
            .add_example(req.id, second.clone())
            .expect("saved");
        assert_eq!(saved.examples, vec![example(), second.clone()], "{class}");
        assert_eq!(saved.url, req.url);
        assert_eq!(
            at_rest(&desk, "SECOND-EXAMPLE-MARKER-9e2f"),
            plain,
            "{class}"
        );
        let fresh = open_store(desk.dir.path(), desk.service());
        assert_eq!(
            fresh.request(req.id).expect("opens").examples,
            vec![example(), second],
            "{class}"
        );
        let missing = desk.store.add_example(RequestId(987_654), example());
        assert!(
            matches!(missing, Err(StoreError::NotFound { .. })),
            "{missing:?}"
        );
    }
}

#[test]
fn examples_are_sealed_unless_the_workspace_is_public() {
    for (class, plain) in [
        (Classification::Internal, false),
        (Classification::Restricted, false),
        (Classification::Public, true),
    ] {
        let desk = Desk::new("examples", class);
        let req = with_example(&desk, "Create");
        assert_eq!(at_rest(&desk, BODY), plain, "{class}: body");
        assert_eq!(at_rest(&desk, HEADER), plain, "{class}: header");
        assert_eq!(
            raw_examples(&desk, req.id).starts_with("{\"sealed\""),
            !plain
        );
        // The request as saved, and as read back by a fresh store, has them whole.
        assert_eq!(req.examples, vec![example()], "{class}");
        let fresh = open_store(desk.dir.path(), desk.service());
        assert_whole(&fresh, req.id);
    }
}

#[test]
fn a_request_without_examples_needs_no_key() {
    let desk = Desk::new("examples-none", Classification::Internal);
    let bare = Store::open_dir(desk.dir.path()).expect("store opens");
    let req = bare
        .create_request(NewRequest::new(Parent::Collection(desk.collection), "Bare"))
        .expect("created");
    let saved = bare
        .update_request(&req)
        .expect("no examples, nothing to seal");
    assert_eq!(raw_examples(&desk, saved.id), "[]");
}

#[test]
fn without_a_key_examples_are_refused_and_a_lost_key_can_be_wiped() {
    let desk = Desk::new("examples-lost", Classification::Internal);
    let req = with_example(&desk, "Create");

    // A store with no sealer neither writes them plain nor reads them.
    let bare = Store::open_dir(desk.dir.path()).expect("store opens");
    let err = bare.request(req.id).expect_err("sealed");
    assert!(matches!(err, StoreError::Unsealable { .. }), "{err:?}");
    let mut other = bare
        .create_request(NewRequest::new(
            Parent::Collection(desk.collection),
            "Other",
        ))
        .expect("created");
    other.examples.push(example());
    let err = bare.update_request(&other).expect_err("no plain examples");
    assert!(
        matches!(&err, StoreError::NoSealer { field } if field == "items.examples"),
        "{err:?}"
    );
    assert_eq!(raw_examples(&desk, other.id), "[]", "nothing was written");
    assert!(!at_rest(&desk, BODY));
    drop(bare);

    // The key is lost: an error naming the row, then a wipe keeps the request.
    OsKeychain::new(desk.service())
        .delete(KEY_ACCOUNT)
        .expect("key removed");
    let store = open_store(desk.dir.path(), desk.service());
    let message = store.request(req.id).expect_err("lost key").to_string();
    assert!(
        message.starts_with(&format!(
            "items row {}, items.examples: sealed data cannot be opened",
            req.id.0
        )),
        "{message}"
    );
    assert_eq!(store.wipe_sealed().expect("wiped"), 1);
    let kept = store.request(req.id).expect("readable again");
    assert!(kept.examples.is_empty());
    assert_eq!(kept.name, "Create");
    assert_eq!(kept.url, "http://127.0.0.1:9/things");
}

#[test]
fn rotating_the_data_key_keeps_examples_readable() {
    let mut desk = Desk::new("examples-rotate", Classification::Restricted);
    let req = with_example(&desk, "Create");
    let before = raw_examples(&desk, req.id);
    let moved =
        localpost_core::secrets::rotate_data_key(&desk.store, &desk.vault).expect("rotated");
    assert_eq!(moved, 1);
    desk.reopen();
    assert_ne!(raw_examples(&desk, req.id), before, "sealed anew");
    assert_whole(&desk.store, req.id);
    assert!(!at_rest(&desk, BODY) && !at_rest(&desk, HEADER));
}

#[test]
fn reclassifying_a_workspace_seals_or_opens_its_examples() {
    let desk = Desk::new("examples-classify", Classification::Public);
    let req = with_example(&desk, "Create");
    let ws = desk.workspace.id;
    assert!(raw_examples(&desk, req.id).contains(BODY));

    desk.store
        .set_classification(ws, Classification::Internal)
        .expect("internal");
    let sealed = raw_examples(&desk, req.id);
    assert!(sealed.starts_with("{\"sealed\"") && !sealed.contains(BODY));
    assert_whole(&desk.store, req.id);

    // Sealed to sealed: nothing to do.
    desk.store
        .set_classification(ws, Classification::Restricted)
        .expect("restricted");
    assert_eq!(raw_examples(&desk, req.id), sealed);

    // Without the key, opening them for `public` fails whole: the class stays.
    let bare = Store::open_dir(desk.dir.path()).expect("store opens");
    let err = bare
        .set_classification(ws, Classification::Public)
        .expect_err("needs the key");
    assert!(matches!(err, StoreError::Unsealable { .. }), "{err:?}");
    assert_eq!(
        desk.store.workspace(ws).expect("ws").classification,
        Classification::Restricted
    );

    desk.store
        .set_classification(ws, Classification::Public)
        .expect("public");
    assert!(raw_examples(&desk, req.id).contains(BODY));
    assert_whole(&desk.store, req.id);
}

#[test]
fn a_request_moved_to_a_public_workspace_opens_its_examples_and_back() {
    let desk = Desk::new("examples-move", Classification::Internal);
    let req = with_example(&desk, "Create");
    let public = desk.store.create_workspace("Open").expect("workspace");
    desk.store
        .set_classification(public.id, Classification::Public)
        .expect("public");
    let open_coll = desk.store.create_collection(public.id, "O").expect("coll");

    let node = NodeId::Request(req.id);
    desk.store
        .move_node(node, Parent::Collection(open_coll.id), 0)
        .expect("moved");
    assert!(raw_examples(&desk, req.id).contains(BODY));
    assert_whole(&desk.store, req.id);

    desk.store
        .move_node(node, Parent::Collection(desk.collection), 0)
        .expect("moved back");
    assert!(raw_examples(&desk, req.id).starts_with("{\"sealed\""));
    assert_whole(&desk.store, req.id);
}

#[test]
fn imported_examples_are_sealed_too() {
    let desk = Desk::new("examples-import", Classification::Internal);
    let source = with_example(&desk, "Source");
    let bundle = ImportBundle {
        collections: vec![CollectionImport {
            collection: desk.store.collection(desk.collection).expect("collection"),
            children: vec![NodeImport::Request(source)],
        }],
        ..ImportBundle::default()
    };
    let ids = desk
        .store
        .import(desk.workspace.id, &bundle)
        .expect("imported");
    let tree = desk.store.tree(desk.workspace.id).expect("tree");
    let imported = tree
        .collections
        .iter()
        .find(|c| c.id == ids.collections[0])
        .expect("imported collection");
    let localpost_core::model::TreeNode::Request { id, .. } = imported.children[0] else {
        panic!("a request");
    };
    assert!(raw_examples(&desk, id).starts_with("{\"sealed\""));
    assert_whole(&desk.store, id);
    assert!(!at_rest(&desk, BODY) && !at_rest(&desk, HEADER));

    // A store without the key imports nothing at all rather than write them plain.
    let bare = Store::open_dir(desk.dir.path()).expect("store opens");
    let err = bare.import(desk.workspace.id, &bundle).expect_err("no key");
    assert!(matches!(err, StoreError::NoSealer { .. }), "{err:?}");
    assert_eq!(
        bare.tree(desk.workspace.id)
            .expect("tree")
            .collections
            .len(),
        2,
        "nothing was written"
    );
}
