//! The app's preferences against real parts: a real SQLite file, a vault over the real OS
//! keychain (run inside `scripts/test-session.sh`), sends to a loopback server. They are the
//! lowest level of request settings (preferences < collection < folder < request), their entry
//! limit caps each workspace's history when a send is recorded, and folder variables (secret
//! ones from the keychain) reach the request.

use crate::recorded;
use crate::server;

use std::time::Duration;

use localpost_core::history::History;
use localpost_core::http::{HttpVersion, Settings};
use localpost_core::model::{
    Classification, NewFolder, NewRequest, Parent, Preferences, ProxyMode, ProxySettings,
    RequestSettings, Variable,
};
use localpost_core::secrets::ScopeSecrets;
use localpost_core::send::{self, Options, SendError, Sender};
use localpost_core::vault::OsKeychain;
use recorded::Desk;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

fn var(key: &str, value: &str, secret: bool) -> Variable {
    Variable {
        key: key.into(),
        value: value.into(),
        secret,
        ..Variable::default()
    }
}

/// The options a send from the app (or `localpost send` without flags) uses.
fn app_options(desk: &Desk) -> Options {
    let prefs = desk.store.preferences().expect("preferences read");
    Options {
        settings: Settings::from_preferences(&prefs).expect("valid preferences"),
        ..Options::default()
    }
}

#[test]
fn settings_come_from_the_request_then_its_folder_then_its_collection_then_the_preferences() {
    let desk = Desk::new("prefs-chain", Classification::Public);
    let prefs = Preferences {
        settings: RequestSettings {
            timeout_ms: Some(1000),
            max_redirects: Some(2),
            verify_tls: Some(false),
            http_version: Some("http1".into()),
            proxy: Some(ProxySettings {
                mode: ProxyMode::None,
                ..ProxySettings::default()
            }),
            ..RequestSettings::default()
        },
        ..Preferences::default()
    };
    desk.store.set_preferences(&prefs).expect("saved");

    let mut coll = desk.store.collection(desk.collection).expect("collection");
    coll.settings.timeout_ms = Some(2000);
    coll.settings.max_redirects = Some(5);
    desk.store.update_collection(&coll).expect("saved");
    let mut folder = desk
        .store
        .create_folder(NewFolder {
            parent: Parent::Collection(desk.collection),
            name: "F".into(),
        })
        .expect("folder");
    folder.settings.timeout_ms = Some(3000);
    desk.store.update_folder(&folder).expect("saved");
    let mut req = desk
        .store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "R").url("http://127.0.0.1:9/"))
        .expect("request");
    req.settings.follow_redirects = Some(false);
    let req = desk.store.update_request(&req).expect("saved");

    let prepared = |desk: &Desk| {
        send::prepare_with(
            &desk.store,
            desk.vault.keychain(),
            req.id,
            &app_options(desk),
        )
        .expect("prepares")
        .settings
    };
    let s = prepared(&desk);
    assert_eq!(s.timeout, Some(Duration::from_millis(3000)), "the folder's");
    assert_eq!(s.max_redirects, 5, "the collection's");
    assert!(!s.verify_tls, "the preferences'");
    assert_eq!(s.http_version, HttpVersion::Http1, "the preferences'");
    assert!(!s.follow_redirects, "the request's own");
    assert!(matches!(s.proxy, localpost_core::http::Proxy::None));

    // The request's own timeout wins over all; with no level setting one, the preferences' is used.
    let mut own = desk.store.request(req.id).expect("request");
    own.settings.timeout_ms = Some(4000);
    desk.store.update_request(&own).expect("saved");
    assert_eq!(prepared(&desk).timeout, Some(Duration::from_millis(4000)));
    own.settings.timeout_ms = None;
    desk.store.update_request(&own).expect("saved");
    folder.settings.timeout_ms = None;
    desk.store.update_folder(&folder).expect("saved");
    coll.settings.timeout_ms = None;
    desk.store.update_collection(&coll).expect("saved");
    assert_eq!(prepared(&desk).timeout, Some(Duration::from_millis(1000)));
    // Without preferences, Localpost's defaults.
    desk.store
        .set_preferences(&Preferences::default())
        .expect("saved");
    let s = prepared(&desk);
    assert_eq!((s.timeout, s.verify_tls), (None, true));
}

#[tokio::test]
async fn a_send_times_out_at_the_preferences_timeout() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(3)));
    let desk = Desk::new("prefs-timeout", Classification::Public);
    let mut prefs = Preferences::default();
    prefs.settings.timeout_ms = Some(300);
    desk.store.set_preferences(&prefs).expect("saved");
    let req = desk.request("Slow", &server.url("/slow"), |_| {});
    let started = std::time::Instant::now();
    let e = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .send(req.id, &app_options(&desk), &CancellationToken::new())
        .await
        .expect_err("times out");
    assert!(
        matches!(
            e,
            SendError::Http(localpost_core::http::HttpError::Timeout { .. })
        ),
        "{e}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.hits().len(), 1, "the request went out");
}

#[tokio::test]
async fn history_keeps_only_the_preferences_number_of_entries() {
    let server = Server::start(|_| Reply::text("ok"));
    let desk = Desk::new("prefs-history", Classification::Internal);
    desk.store
        .set_preferences(&Preferences {
            history_limit: 2,
            ..Preferences::default()
        })
        .expect("saved");
    let req = desk.request("R", &server.url("/"), |_| {});
    for _ in 0..4 {
        desk.send(&req).await;
    }
    let history = History::new(&desk.store, &desk.vault);
    assert_eq!(
        history
            .list(desk.workspace.id, None, 100)
            .expect("list")
            .len(),
        2
    );
    // A failed send is recorded within the same limit.
    let refused = desk.request("Refused", "http://127.0.0.1:9/", |_| {});
    let _ = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .send(refused.id, &Options::default(), &CancellationToken::new())
        .await
        .expect_err("refused");
    let list = history.list(desk.workspace.id, None, 100).expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].status, 0, "the newest, the failure, is kept");
}

#[tokio::test]
async fn folder_variables_and_their_secrets_reach_the_request() {
    let server = Server::start(|_| Reply::text("ok"));
    let desk = Desk::new("prefs-folder-vars", Classification::Internal);
    let folder = desk
        .store
        .create_folder(NewFolder {
            parent: Parent::Collection(desk.collection),
            name: "Admin".into(),
        })
        .expect("folder");
    let mut edited = folder.clone();
    edited.variables = vec![
        var("path", "from-folder", false),
        var("token", "folder-secret-9d1", true),
    ];
    let keychain = OsKeychain::new(desk.service());
    let saved = ScopeSecrets::new(&desk.store, &keychain)
        .update_folder(edited)
        .expect("saved");
    assert_eq!(
        saved.variables[1].value, "",
        "the secret's value is not in the store"
    );
    assert!(!recorded::contains(
        &std::fs::read(desk.store.path()).expect("file"),
        "folder-secret-9d1"
    ));
    let mut req = desk
        .store
        .create_request(
            NewRequest::new(Parent::Folder(folder.id), "R").url(server.url("/{{path}}")),
        )
        .expect("request");
    req.headers
        .push(localpost_core::model::KeyValue::new("X-Token", "{{token}}"));
    let req = desk.store.update_request(&req).expect("saved");
    desk.send(&req).await;
    let hit = server.hit();
    assert_eq!(hit.target, "/from-folder");
    assert_eq!(hit.header("x-token"), Some("folder-secret-9d1"));
}
