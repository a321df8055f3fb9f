//! OAuth 2.0 tokens kept in the real OS keychain (run inside `scripts/test-session.sh`): a
//! token obtained for a stored request lands in the keychain as a vault secret, the auth that
//! asked for it (here a folder's, inherited) references it, SQLite never holds it, and the
//! request then sends it; a refresh replaces it.

use crate::fixture;
use crate::oauth2_server;
use crate::server;

use fixture::Fixture;
use localpost_core::http::Engine;
use localpost_core::model::{Auth, AuthMode, NewFolder, Parent};
use localpost_core::send::{self, Options};
use localpost_core::vault::{Keychain, OsKeychain};
use oauth2_server::{CLIENT_ID, CLIENT_SECRET, Provider};
use tokio_util::sync::CancellationToken;

fn keychain() -> OsKeychain {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    OsKeychain::new(format!(
        "localpost-test-oauth2-{}-{nanos}",
        std::process::id()
    ))
}

#[tokio::test]
async fn obtained_tokens_live_in_the_keychain_and_the_auth_references_them() {
    let (provider, server) = Provider::start();
    let fx = Fixture::new();
    let kc = keychain();
    let mut folder = fx
        .store
        .create_folder(NewFolder {
            parent: Parent::Collection(fx.collection.id),
            name: "API".into(),
        })
        .expect("folder");
    folder.auth = Auth::with_params(
        AuthMode::Oauth2,
        &[
            ("grant_type", "client_credentials"),
            ("accessTokenUrl", &server.url("/token")),
            ("clientId", CLIENT_ID),
            ("clientSecret", CLIENT_SECRET),
            ("addTokenTo", "header"),
        ],
    );
    let folder = fx.store.update_folder(&folder).expect("saved");
    let req = fx.request_in(
        Parent::Folder(folder.id),
        "GET",
        &server.url("/resource"),
        |_| {},
    );

    let engine = Engine::new();
    let cancel = CancellationToken::new();
    let stored = send::oauth2::TokenKeeper {
        store: &fx.store,
        keychain: &kc,
        engine: &engine,
    }
    .obtain(
        req.id,
        &Options::default(),
        |_| panic!("no browser for client credentials"),
        &cancel,
    )
    .await
    .expect("obtained");
    let access = format!("oauth2.folder-{}.access", folder.id);
    assert_eq!(stored.access_secret, access);
    assert_eq!(
        stored.refresh_secret,
        Some(format!("oauth2.folder-{}.refresh", folder.id))
    );

    let value = kc
        .get(&format!("vault:{access}"))
        .expect("keychain readable")
        .expect("the token is in the keychain");
    let token = value.expose_str().expect("utf-8").to_string();
    assert!(provider.accepts(&token));
    let folder = fx.store.folder(folder.id).expect("folder");
    assert_eq!(
        folder.auth.param("accessToken"),
        Some(format!("{{{{vault:{access}}}}}").as_str())
    );
    assert_eq!(
        fx.store
            .vault_entry(&access)
            .expect("entry")
            .expect("entry")
            .domains,
        ["127.0.0.1"]
    );
    let dir = fx.store.path().parent().expect("store dir");
    for file in std::fs::read_dir(dir).expect("store dir").flatten() {
        let bytes = std::fs::read(file.path()).unwrap_or_default();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token must not be in {}",
            file.path().display()
        );
    }

    let prepared = send::prepare_with(&fx.store, &kc, req.id, &Options::default()).expect("ok");
    let ex = engine.send(&prepared, &cancel).await.expect("sent");
    assert_eq!(ex.response.status, 200);

    let refreshed = send::oauth2::TokenKeeper {
        store: &fx.store,
        keychain: &kc,
        engine: &engine,
    }
    .refresh(req.id, &Options::default(), &cancel)
    .await
    .expect("refreshed");
    assert_eq!(refreshed.access_secret, access);
    let new = kc
        .get(&format!("vault:{access}"))
        .expect("read")
        .expect("value");
    assert_ne!(new.expose_str(), Some(token.as_str()));
    assert!(provider.accepts(new.expose_str().expect("utf-8")));
    let _ = kc.delete(&format!("vault:{access}"));
    let _ = kc.delete(&format!("vault:oauth2.folder-{}.refresh", folder.id));
}

#[tokio::test]
async fn a_request_without_oauth2_is_refused_by_name() {
    let server = server::Server::start(|_| server::Reply::status(200)).allow_no_hits();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| {
        r.auth = Auth::with_params(AuthMode::Bearer, &[("token", "t")]);
    });
    let e = send::oauth2::TokenKeeper {
        store: &fx.store,
        keychain: &keychain(),
        engine: &Engine::new(),
    }
    .obtain(
        req.id,
        &Options::default(),
        |_| {},
        &CancellationToken::new(),
    )
    .await
    .expect_err("not oauth2");
    assert_eq!(
        e.to_string(),
        "auth.type: request \"r\" does not use OAuth 2.0 (its auth in force is another scheme)"
    );
}
