//! `{{vault:NAME}}` in a stored request, sent to a loopback server: values from the real
//! keychain (or given for the send) reach every field, domain limits are checked against the
//! URL the request goes to, and no value appears in an error, `Debug` output or a shown URL.

use crate::fixture;
use crate::server;

use fixture::Fixture;
use localpost_core::http::{Engine, PreparedRequest};
use localpost_core::model::{Auth, AuthMode, Body, KeyValue, Request};
use localpost_core::secrets::{SecretsError, VaultSecrets};
use localpost_core::send::{self, Options, SendError};
use localpost_core::vault::{OsKeychain, Secret};
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

const TOKEN: &str = "tok-vault-7c1d2e";
const KEY: &str = "key-vault-0b9a44";

fn keychain(tag: &str) -> OsKeychain {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    OsKeychain::new(format!(
        "localpost-test-vault-send-{tag}-{}-{nanos}",
        std::process::id()
    ))
}

fn prepare(
    fx: &Fixture,
    kc: &OsKeychain,
    req: &Request,
    options: &Options,
) -> send::Result<PreparedRequest> {
    send::prepare_with(&fx.store, kc, req.id, options)
}

fn sync_send(prepared: &PreparedRequest) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime
        .block_on(Engine::new().send(prepared, &CancellationToken::new()))
        .expect("sent");
}

#[test]
fn values_reach_the_url_a_header_the_body_and_auth() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let kc = keychain("fields");
    let vault = VaultSecrets::new(&fx.store, &kc);
    vault.set("token", &Secret::from(TOKEN), &[]).expect("set");
    vault
        .set("key", &Secret::from(KEY), &["127.0.0.1".into()])
        .expect("set");
    let req = fx.request(
        "POST",
        &format!(
            "{}/items/{{{{vault:key}}}}?t={{{{vault:token}}}}",
            server.url("")
        ),
        |r| {
            r.headers = vec![KeyValue::new("X-Key", "k={{vault:key}}")];
            r.body = Body::Raw {
                text: "{\"t\":\"{{vault:token}}\"}".into(),
                language: Default::default(),
            };
            r.auth = Auth::with_params(AuthMode::Bearer, &[("token", "{{bearer}}")]);
        },
    );
    // A variable whose value is a vault token resolves too, as Postman's secure variables do.
    let options = Options {
        overrides: vec![("bearer".into(), "{{vault:token}}".into())],
        ..Options::default()
    };
    let prepared = prepare(&fx, &kc, &req, &options).expect("prepares");
    assert!(prepared.unresolved.is_empty(), "{:?}", prepared.unresolved);
    let x_key = prepared
        .headers
        .iter()
        .find(|h| h.is_named("x-key"))
        .expect("x-key");
    assert!(
        x_key.is_sensitive,
        "a header holding a vault value is masked"
    );
    let shown = format!("{prepared:?} {}", prepared.redacted_url());
    for value in [TOKEN, KEY] {
        assert!(!shown.contains(value), "{value} shown: {shown}");
    }

    sync_send(&prepared);
    let hit = server.hit();
    assert_eq!(hit.target, format!("/items/{KEY}?t={TOKEN}"));
    assert_eq!(hit.header("x-key"), Some(format!("k={KEY}").as_str()));
    assert_eq!(
        hit.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(hit.text(), format!("{{\"t\":\"{TOKEN}\"}}"));
}

#[test]
fn a_secret_limited_to_other_domains_is_refused_and_nothing_is_sent() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let kc = keychain("refused");
    let vault = VaultSecrets::new(&fx.store, &kc);
    vault
        .set("prod", &Secret::from(TOKEN), &["api.example.com".into()])
        .expect("set");
    let port = server.addr().port();
    vault
        .set(
            "local",
            &Secret::from(KEY),
            &[format!("http://127.0.0.1:{port}")],
        )
        .expect("set");

    let refused = fx.request("GET", &server.url("/x"), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{vault:prod}}")];
    });
    let err = prepare(&fx, &kc, &refused, &Options::default()).expect_err("refused");
    assert!(
        matches!(
            err,
            SendError::Secrets(SecretsError::DomainNotAllowed { .. })
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert_eq!(
        msg,
        format!(
            "vault secret \"prod\" may not be sent to http://127.0.0.1:{port}: it is limited to \
             api.example.com"
        )
    );
    assert!(!msg.contains(TOKEN) && !format!("{err:?}").contains(TOKEN));

    // Its own host (scheme, host and port) is allowed.
    let allowed = fx.request("GET", &server.url("/y"), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{vault:local}}")];
    });
    let prepared = prepare(&fx, &kc, &allowed, &Options::default()).expect("allowed");
    sync_send(&prepared);
    let hits = server.hits();
    assert_eq!(hits.len(), 1, "only the allowed request was sent");
    assert_eq!(hits[0].target, "/y");
    assert_eq!(hits[0].header("x-token"), Some(KEY));
}

#[test]
fn a_value_that_moves_the_host_is_checked_against_the_final_url() {
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let fx = Fixture::new();
    let kc = keychain("moved");
    let vault = VaultSecrets::new(&fx.store, &kc);
    vault
        .set("user", &Secret::from("ada@elsewhere.invalid/#"), &[])
        .expect("set");
    vault
        .set("key", &Secret::from(KEY), &["127.0.0.1".into()])
        .expect("set");
    let url = format!("http://{{{{vault:user}}}}@{}/", server.addr());
    let req = fx.request("GET", &url, |r| {
        r.headers = vec![KeyValue::new("X-Key", "{{vault:key}}")];
    });
    let err = prepare(&fx, &kc, &req, &Options::default()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "vault secret \"key\" may not be sent to http://elsewhere.invalid: it is limited to \
         127.0.0.1"
    );
    assert!(server.hits().is_empty());
}

#[test]
fn unknown_names_stay_unresolved_and_a_token_in_the_host_is_refused() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let kc = keychain("unknown");
    let req = fx.request("GET", &server.url("/u"), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{vault:nope}}")];
    });
    let prepared = prepare(&fx, &kc, &req, &Options::default()).expect("prepares");
    let found: Vec<_> = prepared
        .unresolved
        .iter()
        .map(|u| (u.name.as_str(), u.place.as_str()))
        .collect();
    assert_eq!(found, [("vault:nope", "headers[0].value")]);
    sync_send(&prepared);
    assert_eq!(server.hit().header("x-token"), Some("{{vault:nope}}"));

    VaultSecrets::new(&fx.store, &kc)
        .set("host", &Secret::from("127.0.0.1"), &[])
        .expect("set");
    let in_host = fx.request("GET", "http://{{vault:host}}/", |_| {});
    let err = prepare(&fx, &kc, &in_host, &Options::default()).expect_err("host refused");
    let msg = err.to_string();
    assert!(
        msg.starts_with("invalid URL \"http://{{vault:host}}/\""),
        "{msg}"
    );
    assert!(!msg.contains("127.0.0.1"), "{msg}");
}

#[test]
fn values_given_for_the_send_stand_in_for_the_keychain_and_keep_its_domain_limits() {
    let server = Server::start(|_| Reply::text("ok"));
    let fx = Fixture::new();
    let kc = keychain("given");
    let req = fx.request("GET", &server.url("/ci"), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{vault:ci}}")];
    });
    let options = Options {
        vault: vec![("ci".into(), Secret::from(TOKEN))],
        ..Options::default()
    };
    assert!(!format!("{options:?}").contains(TOKEN));
    let prepared = prepare(&fx, &kc, &req, &options).expect("no keychain entry needed");
    sync_send(&prepared);
    assert_eq!(server.hit().header("x-token"), Some(TOKEN));

    // A name the vault limits to other domains stays limited, whatever gives its value.
    VaultSecrets::new(&fx.store, &kc)
        .set("ci", &Secret::from("stored"), &["api.example.com".into()])
        .expect("set");
    let err = prepare(&fx, &kc, &req, &options).expect_err("refused");
    assert!(
        matches!(
            err,
            SendError::Secrets(SecretsError::DomainNotAllowed { .. })
        ),
        "{err:?}"
    );
}

#[test]
fn a_request_made_invalid_by_a_value_fails_without_showing_it() {
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let fx = Fixture::new();
    let kc = keychain("invalid");
    let req = fx.request("GET", &server.url("/"), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{vault:name}}")];
    });
    let options = Options {
        vault: vec![("name".into(), Secret::from("line\nbreak-91ac"))],
        ..Options::default()
    };
    let err = prepare(&fx, &kc, &req, &options).expect_err("invalid header value");
    assert_eq!(
        err.to_string(),
        "the request is invalid with its vault secrets substituted: header X-Token: invalid \
         value (it contains a line break or a control character)"
    );
    assert!(!format!("{err:?}").contains("break-91ac"));
}

/// Sends `prepared` and returns the final response's status.
fn send_status(prepared: &PreparedRequest) -> u16 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime
        .block_on(Engine::new().send(prepared, &CancellationToken::new()))
        .expect("sent")
        .response
        .status
}

#[test]
fn a_redirect_to_another_origin_never_carries_a_vault_value() {
    // Another origin: same host, other port (a domain limit by host alone would not stop it).
    let elsewhere = Server::start(|_| Reply::text("got it"));
    let target = elsewhere.url("/collect");
    let origin = Server::start(move |r| {
        if r.target.starts_with("/hop") {
            Reply::status(302).header("Location", "/start")
        } else {
            Reply::status(307).header("Location", &target)
        }
    });
    let fx = Fixture::new();
    let kc = keychain("redirect");
    VaultSecrets::new(&fx.store, &kc)
        .set("key", &Secret::from(KEY), &["127.0.0.1".into()])
        .expect("set");
    let with_vault = fx.request("POST", &origin.url("/hop"), |r| {
        r.headers = vec![KeyValue::new("X-Key", "{{vault:key}}")];
        r.body = Body::Raw {
            text: "k={{vault:key}}".into(),
            language: Default::default(),
        };
    });
    let prepared = prepare(&fx, &kc, &with_vault, &Options::default()).expect("prepares");
    assert_eq!(
        send_status(&prepared),
        307,
        "the redirect within the origin is followed, the one leaving it is returned as is"
    );
    assert_eq!(
        origin.hits().len(),
        2,
        "/hop then /start on the same origin"
    );
    assert!(
        elsewhere.hits().is_empty(),
        "the other origin received the vault value"
    );

    // Without a vault value the same redirect is followed (so the check above can fail).
    let plain = fx.request("POST", &origin.url("/start"), |r| {
        r.headers = vec![KeyValue::new("X-Key", "plain")];
    });
    let prepared = prepare(&fx, &kc, &plain, &Options::default()).expect("prepares");
    assert_eq!(send_status(&prepared), 200);
    assert_eq!(elsewhere.hit().header("x-key"), Some("plain"));
}
