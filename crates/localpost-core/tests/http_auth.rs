//! Auth as the server sees it: basic, bearer, API key (header and query), inheritance through
//! folders kept in a real store, `noauth` stopping it, and schemes not signed yet.

use crate::fixture;
use crate::server;

use fixture::{Fixture, send};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::{Auth, AuthMode, KeyValue, NewFolder, Parent, Request};
use localpost_core::template::{Scope, Variables};
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

fn auth(mode: AuthMode, params: &[(&str, &str)]) -> Auth {
    Auth::with_params(mode, params)
}

#[tokio::test]
async fn basic_renders_its_params_and_replaces_a_hand_made_header() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/basic"), |r| {
        r.headers = vec![KeyValue::new("authorization", "Bearer stale")];
        r.auth = auth(
            AuthMode::Basic,
            &[("username", "{{user}}"), ("password", "p@ss:w")],
        );
    });
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "user", "ada");
    let ex = send(&req, &vars).await.expect("sent");
    // base64("ada:p@ss:w")
    assert_eq!(
        server.hit().all("authorization"),
        ["Basic YWRhOnBAc3M6dw=="]
    );
    let sent = ex
        .request
        .headers
        .iter()
        .find(|h| h.is_named("authorization"))
        .expect("authorization header");
    assert!(sent.is_sensitive);
    assert!(!format!("{ex:?}").contains("YWRhOnBAc3M6dw"));
}

#[tokio::test]
async fn bearer_sends_its_token_and_nothing_when_the_token_is_empty() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let with = fx.request("GET", &server.url("/b"), |r| {
        r.auth = auth(AuthMode::Bearer, &[("token", "tok-123")]);
    });
    let without = fx.request("GET", &server.url("/b"), |r| {
        r.auth = auth(AuthMode::Bearer, &[("token", "")]);
    });
    send(&with, &Variables::new()).await.expect("sent");
    send(&without, &Variables::new()).await.expect("sent");
    let hits = server.hits();
    assert_eq!(hits[0].all("authorization"), ["Bearer tok-123"]);
    assert!(hits[1].header("authorization").is_none());
}

#[tokio::test]
async fn api_key_goes_in_a_header_or_the_query() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let header = fx.request("GET", &server.url("/k"), |r| {
        r.headers = vec![KeyValue::new("x-api-key", "typed-by-hand")];
        r.auth = auth(
            AuthMode::Apikey,
            &[("key", "X-Api-Key"), ("value", "k1"), ("in", "header")],
        );
    });
    let query = fx.request("GET", &server.url("/k?x=1&api_key=old"), |r| {
        r.auth = auth(
            AuthMode::Apikey,
            &[("key", "api_key"), ("value", "k 2"), ("in", "query")],
        );
    });
    send(&header, &Variables::new()).await.expect("sent");
    send(&query, &Variables::new()).await.expect("sent");
    let hits = server.hits();
    assert_eq!(hits[0].all("x-api-key"), ["k1"]);
    assert_eq!(hits[1].target, "/k?x=1&api_key=k%202");
}

/// Collection (bearer) > Outer folder (inherit) > Inner folder (noauth) > request (inherit).
#[tokio::test]
async fn auth_is_inherited_through_folders_until_noauth() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let mut collection = fx.collection.clone();
    collection.auth = auth(AuthMode::Bearer, &[("token", "{{collToken}}")]);
    let collection = fx.store.update_collection(&collection).expect("saved");
    let outer = fx
        .store
        .create_folder(NewFolder {
            parent: Parent::Collection(collection.id),
            name: "Outer".into(),
        })
        .expect("folder");
    let mut inner = fx
        .store
        .create_folder(NewFolder {
            parent: Parent::Folder(outer.id),
            name: "Inner".into(),
        })
        .expect("folder");
    inner.auth = auth(AuthMode::None, &[]);
    let inner = fx.store.update_folder(&inner).expect("saved");
    let in_outer = fx.request_in(
        Parent::Folder(outer.id),
        "GET",
        &server.url("/outer"),
        |_| {},
    );
    let in_inner = fx.request_in(
        Parent::Folder(inner.id),
        "GET",
        &server.url("/inner"),
        |_| {},
    );

    let mut vars = Variables::new();
    vars.set(Scope::Collection, "collToken", "from-collection");
    for req in [&in_outer, &in_inner] {
        send_inherited(&fx, req, &vars).await;
    }
    let hits = server.hits();
    assert_eq!(hits[0].target, "/outer");
    assert_eq!(hits[0].all("authorization"), ["Bearer from-collection"]);
    assert_eq!(hits[1].target, "/inner");
    assert!(hits[1].header("authorization").is_none(), "{:?}", hits[1]);
}

/// Sends `req` with its real ancestors from the store, as the CLI and the app do.
async fn send_inherited(fx: &Fixture, req: &Request, vars: &Variables) {
    let folders = match req.folder_id {
        Some(folder) => fx.store.folder_ancestry(folder).expect("ancestry"),
        None => Vec::new(),
    };
    let collection = fx.store.collection(req.collection_id).expect("collection");
    let inheritance = Inheritance::from_parents(&folders, &collection);
    let prepared = http::prepare(req, vars, &inheritance).expect("prepares");
    Engine::new()
        .send(&prepared, &CancellationToken::new())
        .await
        .expect("sent");
}

#[tokio::test]
async fn an_auth_type_postman_does_not_define_fails_by_name_and_sends_nothing() {
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/d"), |r| {
        r.auth = auth(AuthMode::Other("mtls".into()), &[("kid", "k")]);
    });
    let e = send(&req, &Variables::new())
        .await
        .expect_err("unsupported");
    assert_eq!(e.to_string(), "mtls auth is not supported yet");
    assert!(server.hits().is_empty());
}
