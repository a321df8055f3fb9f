//! The app's open tabs per workspace, on a real SQLite file: kept in order with the active
//! one across a restart, cleaned of what no longer exists or moved away, and gone with what
//! they show.

use localpost_core::model::{NewFolder, NewRequest, NodeId, OpenTabs, Parent, TabTarget};
use localpost_core::store::{Store, StoreError};

#[test]
fn tabs_come_back_after_a_restart_in_order_with_the_active_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let other = store.create_workspace("Other").expect("workspace");
    let coll = store.create_collection(ws.id, "C").expect("collection");
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "F".into(),
        })
        .expect("folder");
    let a = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "A"))
        .expect("request");
    let b = store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "B"))
        .expect("request");
    assert_eq!(store.tabs(ws.id).expect("read"), OpenTabs::default());

    let tabs = OpenTabs {
        tabs: vec![
            TabTarget::Request(b.id),
            TabTarget::Collection(coll.id),
            TabTarget::Folder(folder.id),
            TabTarget::Request(a.id),
        ],
        active: Some(3),
    };
    store.set_tabs(ws.id, &tabs).expect("kept");
    drop(store);

    let store = Store::open_dir(dir.path()).expect("store reopens");
    assert_eq!(store.tabs(ws.id).expect("read"), tabs, "after a restart");
    assert_eq!(store.tabs(other.id).expect("read"), OpenTabs::default());

    // Duplicates and targets of another workspace are left out; the active index follows.
    let foreign = store
        .create_collection(other.id, "Foreign")
        .expect("collection");
    store
        .set_tabs(
            ws.id,
            &OpenTabs {
                tabs: vec![
                    TabTarget::Collection(foreign.id),
                    TabTarget::Request(a.id),
                    TabTarget::Request(a.id),
                    TabTarget::Request(localpost_core::model::RequestId(999_999)),
                    TabTarget::Request(b.id),
                    // A folder's id named as a request is not that request.
                    TabTarget::Request(localpost_core::model::RequestId(folder.id.0)),
                ],
                active: Some(4),
            },
        )
        .expect("kept");
    assert_eq!(
        store.tabs(ws.id).expect("read"),
        OpenTabs {
            tabs: vec![TabTarget::Request(a.id), TabTarget::Request(b.id)],
            active: Some(1),
        }
    );
    let err = store
        .set_tabs(localpost_core::model::WorkspaceId(999_999), &tabs)
        .expect_err("no such workspace");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

#[test]
fn a_tab_goes_with_what_it_shows_or_when_that_moves_away() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let other = store.create_workspace("Other").expect("workspace");
    let coll = store.create_collection(ws.id, "C").expect("collection");
    let elsewhere = store.create_collection(other.id, "E").expect("collection");
    let make = |name: &str| {
        store
            .create_request(NewRequest::new(Parent::Collection(coll.id), name))
            .expect("request")
    };
    let (a, b, c) = (make("A"), make("B"), make("C"));
    store
        .set_tabs(
            ws.id,
            &OpenTabs {
                tabs: vec![
                    TabTarget::Request(a.id),
                    TabTarget::Request(b.id),
                    TabTarget::Request(c.id),
                    TabTarget::Collection(coll.id),
                ],
                active: Some(1),
            },
        )
        .expect("kept");

    store.delete_node(NodeId::Request(b.id)).expect("deleted");
    assert_eq!(
        store.tabs(ws.id).expect("read"),
        OpenTabs {
            tabs: vec![
                TabTarget::Request(a.id),
                TabTarget::Request(c.id),
                TabTarget::Collection(coll.id)
            ],
            active: None,
        },
        "the active tab's request was deleted"
    );

    store
        .move_node(NodeId::Request(c.id), Parent::Collection(elsewhere.id), 0)
        .expect("moved");
    assert_eq!(
        store.tabs(ws.id).expect("read").tabs,
        vec![TabTarget::Request(a.id), TabTarget::Collection(coll.id)],
        "moved to another workspace"
    );

    store.delete_collection(coll.id).expect("deleted");
    assert_eq!(store.tabs(ws.id).expect("read"), OpenTabs::default());
}
