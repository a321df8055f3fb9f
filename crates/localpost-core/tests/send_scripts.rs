//! Scripts around a stored request's send (issue 10): what a pre-request script does reaches
//! the wire, `pm.sendRequest` (callback and promise forms) goes out through the engine,
//! `pm.vault` reads and writes the real keychain within each secret's domain limits, and a
//! secret variable a script sets stays in the keychain, never in the SQLite file;
//! `pm.sendRequest` goes out with the request's own settings, and a `pm.request` left
//! unreadable fails the send rather than sending the request as it was. Real SQLite
//! file, real OS keychain (run inside `scripts/test-session.sh`), loopback server.

use crate::recorded;
use crate::server;

use localpost_core::model::{Classification, Request, Scripts, Variable};
use localpost_core::script::{Limits, Worker};
use localpost_core::secrets::{ScopeSecrets, VaultSecrets};
use localpost_core::send::{Options, Sender, Sent};
use localpost_core::vault::Secret;
use recorded::Desk;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

fn scripted(desk: &Desk, url: &str, pre_request: &str, test: &str) -> Request {
    desk.request("Scripted", url, |r| {
        r.scripts = Scripts {
            pre_request: pre_request.into(),
            test: test.into(),
        };
    })
}

async fn send(desk: &Desk, req: &Request, worker: &Worker) -> Sent {
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(worker)
        .send(req.id, &Options::default(), &CancellationToken::new())
        .await
        .expect("sent")
}

fn outcomes(sent: &Sent) -> Vec<(String, bool, Option<String>)> {
    sent.scripts
        .iter()
        .flat_map(|s| &s.assertions)
        .map(|a| (a.name.clone(), a.passed, a.error.clone()))
        .collect()
}

fn worker() -> Worker {
    Worker::start(Limits::default())
}

#[tokio::test]
async fn a_pre_request_script_changes_what_is_sent_and_send_request_has_both_forms() {
    let server = Server::start(|req| Reply::text(format!("{} {}", req.method, req.target)));
    let desk = Desk::new("scripts-send", Classification::Internal);
    let req = scripted(
        &desk,
        &server.url("/main"),
        "pm.request.headers.upsert({key: 'X-Added', value: 'by script'});\n\
         pm.request.url.addQueryParams('from=pre');\n\
         pm.sendRequest(pm.request.url.getRemote ? 'http://' + pm.request.url.getRemote() + '/side-callback' : '', (err, res) => {\n\
           pm.environment.set('unused', 'x');\n\
           pm.test('callback form', () => pm.expect(res.text()).to.equal('GET /side-callback'));\n\
         });\n\
         pm.sendRequest('http://' + pm.request.url.getRemote() + '/side-promise')\n\
           .then((res) => pm.test('promise form', () => pm.expect(res.text()).to.equal('GET /side-promise')));",
        "pm.test('the main request went out changed', () => pm.expect(pm.response.text()).to.equal('GET /main?from=pre'));",
    );
    let sent = send(&desk, &req, &worker()).await;
    let mut got = outcomes(&sent);
    got.sort();
    assert_eq!(
        got,
        [
            ("callback form".to_owned(), true, None),
            ("promise form".to_owned(), true, None),
            ("the main request went out changed".to_owned(), true, None),
        ]
    );
    let hits = server.hits();
    let main = hits
        .iter()
        .find(|h| h.target.starts_with("/main"))
        .expect("main hit");
    assert_eq!(main.header("x-added"), Some("by script"));
    assert_eq!(hits.len(), 3);
}

#[tokio::test]
async fn pm_vault_reads_and_writes_the_keychain_within_domain_limits() {
    let server = Server::start(|_| Reply::text("ok"));
    let desk = Desk::new("scripts-vault", Classification::Internal);
    let secrets = VaultSecrets::new(&desk.store, desk.vault.keychain());
    secrets
        .set("open", &Secret::from("open-value-1"), &[])
        .expect("set");
    secrets
        .set(
            "elsewhere",
            &Secret::from("elsewhere-value-2"),
            &["api.example.com".into()],
        )
        .expect("set");
    let req = scripted(
        &desk,
        &server.url("/v"),
        "pm.vault.get('open').then((v) => pm.test('get', () => pm.expect(v).to.equal('open-value-1')));\n\
         pm.vault.get('nothing').then((v) => pm.test('missing is undefined', () => pm.expect(v).to.equal(undefined)));\n\
         pm.vault.get('elsewhere').then(() => pm.test('limited', () => {}), (e) => pm.test('limited', () => { throw e; }));\n\
         pm.vault.set('made', 'made-by-script-3').then(() => pm.vault.unset('open'));",
        "",
    );
    let sent = send(&desk, &req, &worker()).await;
    let mut got = outcomes(&sent);
    got.sort();
    assert_eq!(got[0], ("get".to_owned(), true, None));
    assert_eq!(got[1].0, "limited");
    assert!(!got[1].1, "a secret limited to another domain is refused");
    assert!(
        got[1]
            .2
            .as_deref()
            .is_some_and(|e| e.contains("elsewhere") && !e.contains("elsewhere-value-2")),
        "{:?}",
        got[1].2
    );
    assert_eq!(got[2], ("missing is undefined".to_owned(), true, None));
    assert_eq!(
        secrets.reveal("made").expect("made").expose(),
        b"made-by-script-3"
    );
    assert!(secrets.reveal("open").is_err(), "unset removed it");
}

#[tokio::test]
async fn a_secret_variable_set_by_a_script_stays_in_the_keychain() {
    let server = Server::start(|req| Reply::text(req.header("authorization").unwrap_or_default()));
    let desk = Desk::new("scripts-secret-var", Classification::Internal);
    let env = desk
        .store
        .create_environment(desk.workspace.id, "Env", &[])
        .expect("environment");
    let secret = Variable {
        key: "token".into(),
        value: "old-token-value".into(),
        secret: true,
        ..Variable::default()
    };
    ScopeSecrets::new(&desk.store, desk.vault.keychain())
        .set_environment_variables(env.id, vec![secret])
        .expect("saved");
    desk.store
        .set_active_environment(desk.workspace.id, Some(env.id))
        .expect("active");
    let req = desk.request("Token", &server.url("/t"), |r| {
        r.headers.push(localpost_core::model::KeyValue {
            key: "Authorization".into(),
            value: "Bearer {{token}}".into(),
            ..Default::default()
        });
        r.scripts.pre_request = "pm.test('old value seen', () => pm.expect(pm.environment.get('token')).to.equal('old-token-value'));\n\
                                 pm.environment.set('token', ['fresh', 'token', '4f1e'].join('-'));"
            .into();
    });
    let sent = send(&desk, &req, &worker()).await;
    assert_eq!(outcomes(&sent), [("old value seen".to_owned(), true, None)]);
    assert!(sent.unsaved.is_empty(), "{:?}", sent.unsaved);
    assert_eq!(
        server.hits()[0].header("authorization"),
        Some("Bearer fresh-token-4f1e")
    );
    let stored = desk.store.environment(env.id).expect("env");
    assert_eq!(stored.variables[0].value, "", "no plain value in the store");
    assert!(stored.variables[0].secret);
    let db = std::fs::read(desk.dir.path().join("localpost.db")).unwrap_or_default();
    let wal = std::fs::read(desk.dir.path().join("localpost.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(
            !bytes.windows(16).any(|w| w == b"fresh-token-4f1e"),
            "the new value is not in the SQLite file (the script builds it, so its text holds it not)"
        );
    }
}

#[tokio::test]
async fn an_error_on_the_first_line_names_its_own_column() {
    let server = Server::start(|_| Reply::text("ok"));
    let desk = Desk::new("scripts-column", Classification::Internal);
    let req = scripted(&desk, &server.url("/c"), "", "  nope();");
    let sent = send(&desk, &req, &worker()).await;
    let failure = sent.scripts[0].failure.clone().expect("failed");
    assert_eq!(failure.message, "ReferenceError: nope is not defined");
    assert_eq!((failure.line, failure.column), (Some(1), Some(3)));
}

#[tokio::test]
async fn send_request_goes_out_with_the_request_s_own_settings() {
    let server = Server::start(|req| match req.target.as_str() {
        "/moved" => Reply::status(302).header("location", "/elsewhere"),
        _ => Reply::text("followed"),
    });
    let desk = Desk::new("scripts-settings", Classification::Internal);
    let req = desk.request("No redirects", &server.url("/main"), |r| {
        r.settings.follow_redirects = Some(false);
        r.scripts.pre_request = format!(
            "pm.sendRequest('{}', (err, res) => pm.test('not followed', () => pm.expect(res.code).to.equal(302)));",
            server.url("/moved")
        );
    });
    let sent = send(&desk, &req, &worker()).await;
    assert_eq!(outcomes(&sent), [("not followed".to_owned(), true, None)]);
    assert!(
        !server.hits().iter().any(|h| h.target == "/elsewhere"),
        "the redirect was not followed"
    );
}

#[tokio::test]
async fn a_pm_request_left_unreadable_fails_the_send_instead_of_sending_the_old_one() {
    let server = Server::start(|_| Reply::text("ok")).allow_no_hits();
    let desk = Desk::new("scripts-unreadable", Classification::Internal);
    let req = scripted(
        &desk,
        &server.url("/r"),
        "pm.request.headers.add({key: 'X-Fine', value: 'yes'});\n\
         console.log('before');\n\
         pm.request.header = 5;\n\
         pm.request.toJSON = () => ({url: 7, method: []});",
        "",
    );
    let err = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(&worker())
        .send(req.id, &Options::default(), &CancellationToken::new())
        .await
        .expect_err("nothing readable to send");
    assert!(
        matches!(err, localpost_core::send::SendError::ScriptedRequest { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("pm.request"), "{err}");
    assert!(
        server.hits().is_empty(),
        "the old request was not sent instead"
    );
}

#[tokio::test]
async fn the_script_time_limit_comes_from_the_settings_and_the_caller_overrides_it() {
    let server = Server::start(|_| Reply::text("ok"));
    let desk = Desk::new("scripts-time-limit", Classification::Internal);
    let collection = desk.store.collection(desk.collection).expect("read");
    let mut settings = collection.settings.clone();
    settings.script_timeout_ms = Some(300);
    desk.store
        .set_collection_settings(
            desk.collection,
            &localpost_core::model::ParentSettings {
                auth: collection.auth.clone(),
                settings,
                scripts: collection.scripts.clone(),
            },
        )
        .expect("saved");
    let req = scripted(&desk, &server.url("/slow"), "", "while (true) {}");
    let worker = worker();
    // The collection's 300 ms, not the sandbox's default 5000.
    let sent = send(&desk, &req, &worker).await;
    let failure = sent.scripts[0].failure.clone().expect("stopped");
    assert!(failure.message.contains("300 ms"), "{}", failure.message);
    // The request's own setting is nearer than the collection's.
    let mut nearer = desk.store.request(req.id).expect("read");
    nearer.settings.script_timeout_ms = Some(400);
    desk.store.update_request(&nearer).expect("saved");
    let sent = send(&desk, &req, &worker).await;
    let failure = sent.scripts[0].failure.clone().expect("stopped");
    assert!(failure.message.contains("400 ms"), "{}", failure.message);
    // A caller's limit (the CLI's --timeout-script) goes over both.
    let options = Options {
        script_timeout: Some(std::time::Duration::from_millis(200)),
        ..Options::default()
    };
    let sent = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(&worker)
        .send(req.id, &options, &CancellationToken::new())
        .await
        .expect("sent");
    let failure = sent.scripts[0].failure.clone().expect("stopped");
    assert!(failure.message.contains("200 ms"), "{}", failure.message);
}
