//! A request's draft (the app's unsaved edits) against real parts: a real SQLite file and its
//! WAL, sealed with a data key in the real OS keychain (run inside `scripts/test-session.sh`).
//! A draft survives a restart, is saved into its request or discarded, goes with its request,
//! keeps typed credentials sealed in every class of workspace, and is what the app sends.

use crate::recorded;

use localpost_core::model::{
    Auth, AuthMode, Classification, KeyValue, NewFolder, NodeId, Parent, ProxyMode, ProxySettings,
    Request,
};
use localpost_core::send::{self, Options};
use localpost_core::store::{Store, StoreError};
use recorded::{Desk, contains};

const PASSWORD: &str = "draft-pw-7c1e2a";
const PROXY_PASSWORD: &str = "draft-proxy-pw-03bd9f";

/// Request `req` with an edited URL and header: a draft without secrets.
fn edited(req: &Request) -> Request {
    let mut draft = req.clone();
    draft.url = "http://127.0.0.1:9/edited".into();
    draft.method = "POST".into();
    draft.name = "Edited name".into();
    draft.headers.push(KeyValue::new("X-Draft", "yes"));
    draft
}

fn drafts_in_file(store: &Store) -> i64 {
    let conn = rusqlite::Connection::open(store.path()).expect("raw connection");
    conn.query_row("SELECT COUNT(*) FROM drafts", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_draft_is_kept_apart_from_its_request_and_survives_a_restart() {
    let mut desk = Desk::new("drafts-keep", Classification::Internal);
    let req = desk.request("Get", "http://127.0.0.1:9/saved", |_| {});
    assert_eq!(desk.store.draft(req.id).expect("read"), None);

    desk.store.save_draft(&edited(&req)).expect("draft kept");
    // The request itself is unchanged; the draft reads back as edited.
    assert_eq!(desk.store.request(req.id).expect("request"), req);
    let draft = desk.store.draft(req.id).expect("read").expect("a draft");
    assert_eq!(draft, edited(&req));

    // A restart (a new store on the same file) gives the draft back.
    desk.reopen();
    assert_eq!(
        desk.store.draft(req.id).expect("read"),
        Some(edited(&req)),
        "after a restart"
    );
    assert_eq!(
        desk.store.request_as_edited(req.id).expect("as edited"),
        edited(&req)
    );
    let heads = desk.store.draft_heads(desk.workspace.id).expect("heads");
    assert_eq!(heads.len(), 1);
    assert_eq!(
        (
            heads[0].request_id,
            heads[0].name.as_str(),
            heads[0].method.as_str()
        ),
        (req.id, "Edited name", "POST")
    );

    // A later draft replaces the earlier one: one row per request.
    let mut again = edited(&req);
    again.url = "http://127.0.0.1:9/again".into();
    desk.store.save_draft(&again).expect("replaced");
    assert_eq!(drafts_in_file(&desk.store), 1);
    assert_eq!(desk.store.draft(req.id).expect("read"), Some(again));
}

#[test]
fn saving_writes_the_draft_into_the_request_and_discarding_drops_it() {
    let desk = Desk::new("drafts-save", Classification::Public);
    let req = desk.request("Get", "http://127.0.0.1:9/saved", |_| {});

    desk.store.save_draft(&edited(&req)).expect("draft kept");
    let saved = desk.store.save_request(&edited(&req)).expect("saved");
    assert_eq!(saved.url, "http://127.0.0.1:9/edited");
    assert_eq!(
        desk.store.request(req.id).expect("request").name,
        "Edited name"
    );
    assert_eq!(
        desk.store.draft(req.id).expect("read"),
        None,
        "dropped on save"
    );

    let mut other = saved.clone();
    other.url = "http://127.0.0.1:9/never-saved".into();
    desk.store.save_draft(&other).expect("draft kept");
    assert!(desk.store.discard_draft(req.id).expect("discarded"));
    assert!(!desk.store.discard_draft(req.id).expect("nothing left"));
    assert_eq!(
        desk.store.request_as_edited(req.id).expect("as saved"),
        saved
    );

    // update_request (an OAuth 2 token stored, a script) leaves a draft alone.
    desk.store.save_draft(&other).expect("draft kept");
    desk.store.update_request(&saved).expect("updated");
    assert_eq!(desk.store.draft(req.id).expect("read"), Some(other));

    // A draft may hold an empty name while the user types; saving it is refused, and the
    // draft stays.
    let mut nameless = saved.clone();
    nameless.name = "  ".into();
    desk.store.save_draft(&nameless).expect("kept while typing");
    let err = desk.store.save_request(&nameless).expect_err("refused");
    assert!(matches!(err, StoreError::EmptyName { .. }), "{err:?}");
    assert!(desk.store.draft(req.id).expect("read").is_some());
}

#[test]
fn a_draft_goes_with_its_request_folder_collection_or_workspace() {
    let desk = Desk::new("drafts-cascade", Classification::Internal);
    let store = &desk.store;
    let alone = desk.request("Alone", "http://127.0.0.1:9/a", |_| {});
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(desk.collection),
            name: "F".into(),
        })
        .expect("folder");
    let inner = store
        .create_request(localpost_core::model::NewRequest::new(
            Parent::Folder(folder.id),
            "Inner",
        ))
        .expect("request");
    for req in [&alone, &inner] {
        store.save_draft(&edited(req)).expect("draft");
    }
    assert_eq!(drafts_in_file(store), 2);

    store
        .delete_node(NodeId::Request(alone.id))
        .expect("deleted");
    assert_eq!(drafts_in_file(store), 1);
    let err = store.save_draft(&edited(&alone)).expect_err("request gone");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");

    store
        .delete_node(NodeId::Folder(folder.id))
        .expect("deleted");
    assert_eq!(drafts_in_file(store), 0, "with the folder holding it");

    let kept = desk.request("Kept", "http://127.0.0.1:9/k", |_| {});
    store.save_draft(&edited(&kept)).expect("draft");
    store.delete_collection(desk.collection).expect("deleted");
    assert_eq!(drafts_in_file(store), 0, "with its collection");

    let coll = store
        .create_collection(desk.workspace.id, "D")
        .expect("collection");
    let last = store
        .create_request(localpost_core::model::NewRequest::new(
            Parent::Collection(coll.id),
            "Last",
        ))
        .expect("request");
    store.save_draft(&edited(&last)).expect("draft");
    store.delete_workspace(desk.workspace.id).expect("deleted");
    assert_eq!(drafts_in_file(store), 0, "with its workspace");
}

/// A draft holding a typed password and a proxy password.
fn with_secrets(req: &Request) -> Request {
    let mut draft = req.clone();
    draft.auth = Auth::with_params(
        AuthMode::Basic,
        &[("username", "ada"), ("password", PASSWORD)],
    );
    draft.settings.proxy = Some(ProxySettings {
        mode: ProxyMode::Custom,
        url: "http://127.0.0.1:3128".into(),
        username: "proxy-user".into(),
        password: PROXY_PASSWORD.into(),
        no_proxy: String::new(),
    });
    draft
}

#[test]
fn a_drafts_credentials_are_sealed_in_every_class_and_read_back_whole() {
    for class in [
        Classification::Restricted,
        Classification::Internal,
        Classification::Public,
    ] {
        let mut desk = Desk::new("drafts-sealed", class);
        let req = desk.request("Login", "http://127.0.0.1:9/login", |_| {});
        desk.store
            .save_draft(&with_secrets(&req))
            .expect("draft kept");
        for marker in [PASSWORD, PROXY_PASSWORD] {
            assert!(
                !desk.at_rest().iter().any(|(_, b)| contains(b, marker)),
                "{class}: {marker} at rest"
            );
        }
        desk.reopen();
        let draft = desk.store.draft(req.id).expect("opens").expect("a draft");
        assert_eq!(draft.auth.param("password"), Some(PASSWORD), "{class}");
        let proxy = draft.settings.proxy.expect("proxy");
        assert_eq!(proxy.password, PROXY_PASSWORD, "{class}");
        // The request itself never held them.
        assert_eq!(desk.store.request(req.id).expect("request").auth, req.auth);
    }
}

#[test]
fn without_the_key_a_draft_is_not_written_plain_and_a_lost_key_can_be_wiped() {
    let desk = Desk::new("drafts-nokey", Classification::Internal);
    let req = desk.request("Login", "http://127.0.0.1:9/login", |_| {});

    let bare = Store::open(desk.store.path()).expect("store opens");
    let err = bare
        .save_draft(&with_secrets(&req))
        .expect_err("no plain credential");
    assert!(matches!(err, StoreError::NoSealer { .. }), "{err:?}");
    assert_eq!(
        bare.draft(req.id).expect("read"),
        None,
        "nothing was written"
    );

    desk.store
        .save_draft(&with_secrets(&req))
        .expect("draft kept");
    let err = bare.draft(req.id).expect_err("cannot open");
    assert!(
        matches!(
            err,
            StoreError::Unsealable {
                table: "drafts",
                ..
            }
        ),
        "{err:?}"
    );
    // Wiping sealed values empties the draft's two and keeps the rest of it.
    assert_eq!(bare.wipe_sealed().expect("wiped"), 2);
    let draft = bare
        .draft(req.id)
        .expect("readable")
        .expect("still a draft");
    assert_eq!(draft.auth.param("password"), Some(""));
    assert_eq!(draft.auth.param("username"), Some("ada"));
    assert_eq!(draft.settings.proxy.expect("proxy").password, "");
}

#[test]
fn the_app_sends_the_draft_and_the_cli_the_saved_request() {
    let desk = Desk::new("drafts-send", Classification::Internal);
    let req = desk.request("Get", "http://127.0.0.1:9/saved", |_| {});
    desk.store.save_draft(&edited(&req)).expect("draft kept");

    let app = Options {
        draft: true,
        ..Options::default()
    };
    let prepared = send::prepare(&desk.store, req.id, &app).expect("prepared");
    assert_eq!(prepared.url.as_str(), "http://127.0.0.1:9/edited");
    assert_eq!(prepared.method, "POST");

    let saved = send::prepare(&desk.store, req.id, &Options::default()).expect("prepared");
    assert_eq!(saved.url.as_str(), "http://127.0.0.1:9/saved");
    assert_eq!(saved.method, "GET");
}
