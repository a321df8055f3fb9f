//! History against real parts: sends to a loopback server recorded in a real SQLite file, sealed
//! with a data key from the real OS keychain (run inside `scripts/test-session.sh`), kept as each
//! workspace's classification says. The grep tests read the bytes of the file and its WAL.

use crate::recorded;
use crate::server;

use localpost_core::history::{History, Kept, Limits};
use localpost_core::model::{Classification, KeyValue};
use localpost_core::script::{Limits as ScriptLimits, Worker};
use localpost_core::send::{Options, Sender};
use recorded::{Desk, contains};
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

const BODY: &str = "BODY-MARKER-3f9e1c";
const COOKIE: &str = "COOKIE-MARKER-a8d2b7";
/// Sent back in a response header (a request's own headers are in the stored request anyway).
const HEADER: &str = "HEADER-MARKER-61c0de";

fn marker_server() -> Server {
    Server::start(|_| {
        Reply::text(format!("{{\"secret\":\"{BODY}\"}}"))
            .with_status(201)
            .header("Set-Cookie", &format!("session={COOKIE}; Path=/"))
            .header("X-Echo", HEADER)
    })
}

async fn send_markers(desk: &Desk, server: &Server) -> localpost_core::send::Sent {
    let req = desk.request("Create thing", &server.url("/things?x=1"), |r| {
        r.method = "POST".into();
        r.headers.push(KeyValue {
            key: "X-Request-Tag".into(),
            value: "tag-1".into(),
            ..KeyValue::default()
        });
    });
    let first = desk.send(&req).await;
    // A second send carries the cookie back: the Cookie header is recorded too.
    let _ = desk.send(&req).await;
    first
}

fn assert_nothing_at_rest(desk: &Desk, markers: &[&str]) {
    let files = desk.at_rest();
    assert!(
        files.len() == 2,
        "expected the file and its WAL: {files:?}",
        files = files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (path, bytes) in files {
        for marker in markers {
            assert!(
                !contains(&bytes, marker),
                "{} holds {marker}",
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn an_internal_workspace_keeps_everything_sealed() {
    let server = marker_server();
    let desk = Desk::new("hist-internal", Classification::Internal);
    let sent = send_markers(&desk, &server).await;
    assert_nothing_at_rest(&desk, &[BODY, COOKIE, HEADER]);

    // Yet it is all there to see.
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(Some(list[1].id), sent.history, "newest first");
    assert!(sent.unsaved.is_empty(), "{:?}", sent.unsaved);
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Sealed);
    assert_eq!(
        (detail.entry.status, detail.entry.method.as_str()),
        (201, "POST")
    );
    assert_eq!(detail.entry.request_name, "Create thing");
    assert!(detail.entry.url.ends_with("/things?x=1"));
    let response = detail.response.expect("response kept");
    assert!(
        response
            .body
            .text
            .as_deref()
            .is_some_and(|t| t.contains(BODY))
    );
    assert!(response.headers.iter().any(|h| h.value.contains(COOKIE)));
    let request = detail.request.expect("request kept");
    assert!(
        request
            .headers
            .iter()
            .any(|h| h.name == "X-Request-Tag" && h.value == "tag-1")
    );
    assert!(
        response
            .headers
            .iter()
            .any(|h| h.name == "x-echo" && h.value == HEADER)
    );
    assert!(
        request
            .headers
            .iter()
            .any(|h| h.name == "Cookie" && h.value.contains(COOKIE))
    );
}

#[tokio::test]
async fn a_restricted_workspace_keeps_no_body_and_no_headers() {
    let server = marker_server();
    let desk = Desk::new("hist-restricted", Classification::Restricted);
    send_markers(&desk, &server).await;
    assert_nothing_at_rest(&desk, &[BODY, COOKIE, HEADER]);
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Summary);
    assert_eq!(detail.entry.status, 201);
    assert_eq!(detail.entry.body_size, (BODY.len() + 13) as u64);
    assert!(detail.entry.total_ms > 0.0);
    assert!(detail.request.is_none() && detail.response.is_none());
}

#[tokio::test]
async fn a_public_workspace_keeps_bodies_plainly_and_cookie_values_still_sealed() {
    let server = Server::start(|r| {
        if r.target == "/login" {
            Reply::text("in").header("Set-Cookie", &format!("session={COOKIE}"))
        } else {
            Reply::text(BODY)
        }
    });
    let desk = Desk::new("hist-public", Classification::Public);
    let login = desk.request("Login", &server.url("/login"), |r| {
        r.settings.use_cookies = Some(true);
    });
    desk.send(&login).await;
    // History of a public workspace keeps headers as they were (the Set-Cookie among them),
    // so only the jar is checked for the cookie here: clear history first.
    History::new(&desk.store, &desk.vault)
        .clear(desk.workspace.id)
        .expect("cleared");
    let page = desk.request("Page", &server.url("/page"), |r| {
        r.settings.use_cookies = Some(false);
    });
    desk.send(&page).await;
    let found = desk
        .at_rest()
        .iter()
        .any(|(_, bytes)| contains(bytes, BODY));
    assert!(found, "a public workspace stores the body plainly");
    let detail = History::new(&desk.store, &desk.vault)
        .show(
            History::new(&desk.store, &desk.vault)
                .list(desk.workspace.id, None, 1)
                .expect("list")[0]
                .id,
        )
        .expect("show");
    assert_eq!(detail.entry.kept, Kept::Plain);
}

#[tokio::test]
async fn history_is_capped_by_entries_and_bytes_and_searchable() {
    let server = Server::start(|r| {
        if r.target.starts_with("/missing") {
            Reply::text("no").with_status(404)
        } else {
            Reply::text("x".repeat(2000))
        }
    });
    let desk = Desk::new("hist-cap", Classification::Public);
    let a = desk.request("List users", &server.url("/users"), |_| {});
    let b = desk.request("Find order", &server.url("/missing/order"), |r| {
        r.method = "DELETE".into()
    });
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine).history_limits(Limits {
        max_entries: 3,
        max_bytes: u64::MAX,
    });
    for req in [&a, &a, &b, &a, &b] {
        sender
            .send(req.id, &Options::default(), &CancellationToken::new())
            .await
            .expect("sent");
    }
    let history = History::new(&desk.store, &desk.vault);
    let ws = desk.workspace.id;
    let all = history.list(ws, None, 100).expect("list");
    let methods: Vec<&str> = all.iter().map(|e| e.method.as_str()).collect();
    assert_eq!(methods, ["DELETE", "GET", "DELETE"], "the three newest");

    let search = |text: &str| -> Vec<String> {
        history
            .list(ws, Some(text), 100)
            .expect("search")
            .into_iter()
            .map(|e| format!("{} {}", e.method, e.status))
            .collect()
    };
    assert_eq!(search("/users"), ["GET 200"]);
    assert_eq!(search("delete"), ["DELETE 404", "DELETE 404"]);
    // The status matches both 404s; the URL would match too if the server's port held "404".
    let by_status = search("404");
    assert_eq!(by_status.iter().filter(|e| *e == "DELETE 404").count(), 2);
    let port_matches = server.url("").contains("404");
    assert_eq!(by_status.len(), if port_matches { 3 } else { 2 });
    assert_eq!(search("find ORDER").len(), 2);
    assert_eq!(search("100%").len(), 0, "LIKE wildcards are literal");

    // A byte cap: each entry holds over 2,000 bytes of body, so 5,000 bytes keep two.
    let small = Sender::new(&desk.store, &desk.vault, &desk.engine).history_limits(Limits {
        max_entries: 100,
        max_bytes: 5_000,
    });
    for _ in 0..3 {
        small
            .send(a.id, &Options::default(), &CancellationToken::new())
            .await
            .expect("sent");
    }
    assert_eq!(history.list(ws, None, 100).expect("list").len(), 2);
    assert_eq!(history.clear(ws).expect("cleared"), 2);
    assert!(history.list(ws, None, 100).expect("list").is_empty());
}

#[test]
fn a_restricted_workspace_exports_collections_without_example_responses() {
    for (class, kept) in [
        (Classification::Restricted, false),
        (Classification::Internal, true),
    ] {
        let desk = Desk::new("export", class);
        desk.request("With example", "http://127.0.0.1:9/", |r| {
            r.examples.push(localpost_core::model::Example {
                name: "ok".into(),
                code: 200,
                body: BODY.into(),
                ..Default::default()
            });
        });
        let (json, report) =
            localpost_core::formats::postman::export_collection(&desk.store, desk.collection)
                .expect("exported");
        let text = json.to_string();
        assert_eq!(text.contains(BODY), kept, "{class}");
        let warned = report
            .warnings
            .iter()
            .any(|w| w.message.contains("example responses withheld"));
        assert_eq!(warned, !kept, "{class}: {:?}", report.warnings);
    }
}

#[tokio::test]
async fn rotating_the_data_key_reseals_cookies_and_history_and_a_wipe_drops_them() {
    let server = marker_server();
    let mut desk = Desk::new("hist-rotate", Classification::Internal);
    send_markers(&desk, &server).await;
    let moved =
        localpost_core::secrets::rotate_data_key(&desk.store, &desk.vault).expect("rotated");
    assert_eq!(moved, 1 + 4, "one cookie, two entries of two blobs");
    // A fresh vault reads the new key from the keychain and opens everything.
    desk.reopen();
    let jar = localpost_core::cookies::Cookies::new(&desk.store, &desk.vault);
    assert_eq!(jar.list(desk.workspace.id).expect("opens")[0].value, COOKIE);
    let history = History::new(&desk.store, &desk.vault);
    let newest = history.list(desk.workspace.id, None, 1).expect("list")[0].id;
    let body = history
        .show(newest)
        .expect("opens")
        .response
        .expect("kept")
        .body;
    assert!(body.text.is_some_and(|t| t.contains(BODY)));
    assert_nothing_at_rest(&desk, &[BODY, COOKIE, HEADER]);

    // Wiping sealed data (a lost key) drops the jar and keeps history's summaries.
    desk.store.wipe_sealed().expect("wiped");
    assert!(jar.list(desk.workspace.id).expect("list").is_empty());
    let detail = history.show(newest).expect("summary left");
    assert_eq!(
        (detail.entry.kept, detail.entry.status),
        (Kept::Summary, 201)
    );
    assert!(detail.response.is_none());
}

/// Every item issue 4 lists, in one `internal` workspace: a secret variable, a vault secret and
/// a password typed into auth (all three sent, as a header and basic auth), a response, and a
/// saved example. None rests in the file or its WAL, and none of the secrets leaves through any
/// export format (Postman collection, environment, globals, data dump).
#[tokio::test]
async fn every_item_issue_4_lists_stays_out_of_the_file_and_the_exports() {
    use localpost_core::formats::{dump, postman};
    use localpost_core::model::{Auth, AuthMode, Example, Variable};
    use localpost_core::secrets::{ScopeSecrets, VaultSecrets};
    use localpost_core::vault::Secret;

    const VARIABLE: &str = "VARIABLE-MARKER-2e8f41";
    const VAULT: &str = "VAULT-MARKER-9b03d7";
    const PASSWORD: &str = "PASSWORD-MARKER-d4a6e0";
    const EXAMPLE: &str = "EXAMPLE-MARKER-71fb3c";

    let server = marker_server();
    let desk = Desk::new("hist-issue4", Classification::Internal);
    let ws = desk.workspace.id;
    let keychain = desk.vault.keychain();
    let scopes = ScopeSecrets::new(&desk.store, keychain);
    let secret_var = Variable {
        key: "apiToken".into(),
        value: VARIABLE.into(),
        secret: true,
        ..Variable::default()
    };
    scopes
        .set_globals(ws, vec![secret_var.clone()])
        .expect("globals");
    let env = desk.store.create_environment(ws, "Dev", &[]).expect("env");
    scopes
        .set_environment_variables(env.id, vec![secret_var])
        .expect("env variables");
    VaultSecrets::new(&desk.store, keychain)
        .set("apiKey", &Secret::new(VAULT), &[])
        .expect("vault secret");
    // The secret variable also sits in the query: the history's URL column is not sealed.
    let req = desk.request("Everything", &server.url("/all?v={{apiToken}}"), |r| {
        for (key, value) in [("X-Var", "{{apiToken}}"), ("X-Vault", "{{vault:apiKey}}")] {
            r.headers.push(KeyValue {
                key: key.into(),
                value: value.into(),
                ..KeyValue::default()
            });
        }
        r.auth = Auth::with_params(
            AuthMode::Basic,
            &[("username", "ada"), ("password", PASSWORD)],
        );
        r.examples.push(Example {
            name: "saved".into(),
            code: 200,
            body: EXAMPLE.into(),
            ..Example::default()
        });
    });
    let sent = desk.send(&req).await;
    assert!(sent.unsaved.is_empty(), "{:?}", sent.unsaved);
    let hit = server.hit();
    assert_eq!(hit.header("x-var"), Some(VARIABLE), "the secrets were sent");
    assert_eq!(hit.header("x-vault"), Some(VAULT));
    assert_eq!(hit.target, format!("/all?v={VARIABLE}"));
    // The request as shown masks the secret variable as it masks vault values.
    let shown = &sent.exchange.request;
    assert!(shown.url.ends_with("/all?v=***"), "{}", shown.url);
    let x_var = shown.headers.iter().find(|h| h.is_named("x-var"));
    assert_eq!(x_var.map(|h| h.value.as_str()), Some("***"));

    let secrets = [VARIABLE, VAULT, PASSWORD];
    let mut markers = secrets.to_vec();
    markers.extend([BODY, HEADER, EXAMPLE]);
    assert_nothing_at_rest(&desk, &markers);

    let (coll, _) = postman::export_collection(&desk.store, desk.collection).expect("collection");
    let (env_json, _) = postman::export_environment(&desk.store, env.id).expect("environment");
    let (globals, _) = postman::export_globals(&desk.store, ws).expect("globals");
    let mut exported: Vec<(String, String)> = vec![
        ("collection".into(), coll.to_string()),
        ("environment".into(), env_json.to_string()),
        ("globals".into(), globals.to_string()),
    ];
    let (zip, _) = dump::export_dump(&desk.store, ws).expect("dump");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).expect("text");
        exported.push((format!("dump {:?}", file.name()), text));
    }
    assert!(exported.len() > 4, "the dump holds files");
    for (name, text) in &exported {
        for secret in secrets {
            assert!(!text.contains(secret), "{name} holds {secret}");
        }
    }
}

/// A pre-request script builds the path and query, so neither is in the stored request: only
/// history could put them on disk.
const PATH_MARKER: &str = "PATH/MARKER/42";
const QUERY_MARKER: &str = "QUERY-MARKER";

async fn send_scripted_path(desk: &Desk, server: &Server) {
    let req = desk.request("NAME-MARKER request", &server.url("/start"), |r| {
        r.scripts.pre_request = "pm.request.url.path = ['PATH', 'MARK' + 'ER', String(6 * 7)];\n\
             pm.request.url.addQueryParams('q=QUERY' + '-MARK' + 'ER');"
            .into();
    });
    let worker = Worker::start(ScriptLimits::default());
    let sent = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(&worker)
        .send(req.id, &Options::default(), &CancellationToken::new())
        .await
        .expect("sent");
    assert!(
        sent.exchange.request.url.contains(PATH_MARKER),
        "{}",
        sent.exchange.request.url
    );
}

fn on_disk(desk: &Desk, marker: &str) -> bool {
    desk.at_rest()
        .iter()
        .any(|(_, bytes)| contains(bytes, marker))
}

#[tokio::test]
async fn a_restricted_workspace_keeps_the_origin_of_a_url_and_no_request_name() {
    let server = marker_server();
    let desk = Desk::new("hist-restricted-url", Classification::Restricted);
    send_scripted_path(&desk, &server).await;
    assert_nothing_at_rest(&desk, &[PATH_MARKER, QUERY_MARKER, BODY, HEADER]);
    let history = History::new(&desk.store, &desk.vault);
    let entry = &history.list(desk.workspace.id, None, 1).expect("list")[0];
    assert_eq!(entry.url, server.url("/").trim_end_matches('/'));
    assert_eq!(entry.request_name, "");
    assert_eq!((entry.method.as_str(), entry.status), ("GET", 201));
    assert_eq!(entry.kept, Kept::Summary);
}

#[tokio::test]
async fn moving_a_workspace_to_restricted_cuts_its_history_in_the_file_and_the_wal() {
    let server = marker_server();
    let desk = Desk::new("hist-reclassify", Classification::Public);
    send_scripted_path(&desk, &server).await;
    // What the move must remove is on disk before it (so the scan below can see it).
    assert!(on_disk(&desk, PATH_MARKER) && on_disk(&desk, BODY));
    desk.store
        .set_classification(desk.workspace.id, Classification::Restricted)
        .expect("reclassified");
    assert_nothing_at_rest(&desk, &[PATH_MARKER, QUERY_MARKER, BODY, HEADER]);
    let history = History::new(&desk.store, &desk.vault);
    let entry = &history.list(desk.workspace.id, None, 1).expect("list")[0];
    assert_eq!(entry.url, server.url("/").trim_end_matches('/'));
    assert_eq!(
        (entry.request_name.as_str(), entry.kept),
        ("", Kept::Summary)
    );
    let detail = history.show(entry.id).expect("show");
    assert!(detail.request.is_none() && detail.response.is_none());
}
