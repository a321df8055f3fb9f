//! Nothing leaves the machine unless the user sent it: the desktop app and the CLI, traced with
//! `strace` across all their processes, connect to and send datagrams to loopback only.
//!
//! The desktop run covers start-up, importing a file of each format (a data dump among them)
//! and a pasted cURL command, exporting a collection, creating a
//! request whose test script calls `pm.sendRequest` and sets a visualization (whose template
//! names a remote image), sending it to a loopback server, its Tests, Timing, Visualize and Code
//! views, the cookie manager, a collection run in the Runner, an environment with a secret
//! variable, a vault secret, the preferences, the history, an OAuth 2.0 token from a loopback
//! provider, HTML, image and PDF previews (the HTML names remote scripts, styles, fonts, images
//! and frames, by address and by name), and a minute of idle in which an update check,
//! telemetry, a crash reporter or a remote font would show. The CLI run walks every feature path
//! (imports of each format, exports, snippets, the vault, classification, cookies, history, an
//! OAuth 2.0 token, a send whose scripts call `pm.sendRequest`, a collection run), each command
//! traced on its own. A connection or datagram to any address beyond loopback, or to a DNS port
//! on any address, fails the test; so does a request the loopback server did not expect. Run
//! through `scripts/e2e.sh`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fantoccini::Client;
use localpost_core::model::{Auth, AuthMode, NewRequest, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::egress;
use localpost_e2e::session::{AppSession, app_binary, cli_binary};
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result};

#[tokio::test]
async fn the_desktop_app_talks_to_loopback_only() {
    if let Err(e) = desktop_egress("the_desktop_app_talks_to_loopback_only").await {
        panic!("{e}");
    }
}

async fn desktop_egress(name: &str) -> Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let data = tmp.path().join("data");
    let open = std::env::join_paths(IMPORTS.iter().map(|f| fixture(f)))
        .map_err(|e| HarnessError::Setup(e.to_string()))?;
    let save = tmp.path().join("exported.postman_collection.json");
    let (wrapper, log) = egress::traced_wrapper(tmp.path(), &app_binary()?)?;
    let (port, hits) = loopback_server()?;
    seed(&data, port)?;
    let driver = TauriDriver::start(
        name,
        &[
            ("LOCALPOST_DATA_DIR", data.as_os_str()),
            ("LOCALPOST_TEST_OPEN_FILE", open.as_os_str()),
            ("LOCALPOST_TEST_SAVE_FILE", save.as_os_str()),
        ],
    )?;
    let session = AppSession::start_app(&driver, name, &wrapper).await?;
    let client = session.client();
    session.run(use_the_app(client, port, hits.clone())).await?;
    drop(driver);
    check_log(&log, name)?;
    // The send (its script's call and its own), the run (the same two), the token, and the
    // three previewed bodies: nothing else, and none of the preview's own references.
    hits.expect(&[
        "/ping",
        "/side",
        "/ping",
        "/side",
        "/token",
        "/page.html",
        "/image.png",
        "/doc.pdf",
    ])
}

/// Requests made in the store before the app starts: one whose OAuth 2.0 token comes from the
/// loopback provider, and three whose bodies the app previews.
fn seed(data: &Path, port: u16) -> Result<()> {
    let setup = |e: localpost_core::store::StoreError| HarnessError::Setup(e.to_string());
    let store = Store::open_dir(data).map_err(setup)?;
    let ws = store.ensure_workspace().map_err(setup)?;
    let coll = store.create_collection(ws.id, "Seeded").map_err(setup)?;
    let base = format!("http://127.0.0.1:{port}");
    let mut token = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "Token").url(format!("{base}/data")),
        )
        .map_err(setup)?;
    token.auth = Auth::with_params(
        AuthMode::Oauth2,
        &[
            ("grant_type", "client_credentials"),
            ("accessTokenUrl", &format!("{base}/token")),
            ("clientId", "app"),
            ("client_authentication", "body"),
        ],
    );
    store.update_request(&token).map_err(setup)?;
    for (name, path) in [
        ("Page", "/page.html"),
        ("Image", "/image.png"),
        ("Doc", "/doc.pdf"),
    ] {
        store
            .create_request(
                NewRequest::new(Parent::Collection(coll.id), name).url(format!("{base}{path}")),
            )
            .map_err(setup)?;
    }
    Ok(())
}

/// The files the app imports, one of each format, in the order the open dialog answers them.
const IMPORTS: [&str; 7] = [
    "tests/fixtures/postman/full.postman_collection.json",
    "tests/fixtures/postman/dev.postman_environment.json",
    "crates/localpost-core/tests/fixtures/openapi/petstore-3.0.yaml",
    "crates/localpost-core/tests/fixtures/insomnia/export-v4.json",
    "crates/localpost-core/tests/fixtures/insomnia/collection-v5.yaml",
    "crates/localpost-core/tests/fixtures/har/browser.har",
    "crates/localpost-core/tests/fixtures/dump/postman-export.zip",
];

/// With the import dialog's preview shown: keeps both where a collection is already there,
/// imports, checks it worked and closes the dialog.
async fn commit_import(client: &Client) -> Result<()> {
    ui::wait_for(client, &hook("import-preview")).await?;
    if let Ok(copy) = client
        .find(fantoccini::Locator::Css(&hook("import-copy")))
        .await
    {
        copy.click().await?;
    }
    click(client, "import-commit").await?;
    let result = ui::wait_for(client, &hook("import-result")).await?;
    if client
        .find(fantoccini::Locator::Css(&hook("import-error")))
        .await
        .is_ok()
    {
        return Err(HarnessError::Unexpected(format!(
            "an import failed: {}",
            ui::text_content(&result).await?
        )));
    }
    click(client, "import-close").await
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

/// Opens a manager with `open`, waits for `close` and closes it.
async fn open_and_close(client: &Client, open: &str, close: &str) -> Result<()> {
    click(client, open).await?;
    click(client, close).await
}

/// Walks the app's features (see the module notes), then stays idle for a minute.
async fn use_the_app(client: Client, port: u16, hits: Hits) -> Result<()> {
    // Once the workspace is loaded (its classification says what it keeps), import a file of
    // each format (the native dialog answered in turn by LOCALPOST_TEST_OPEN_FILE), then a
    // pasted cURL command.
    ui::wait_for_text_containing(&client, &hook("classification-keeps"), "Internal").await?;
    for _ in IMPORTS {
        click(&client, "import").await?;
        click(&client, "import-choose").await?;
        commit_import(&client).await?;
    }
    click(&client, "import").await?;
    ui::wait_for(&client, &hook("import-text"))
        .await?
        .send_keys("curl -X POST https://api.example.com/x -d a=1")
        .await?;
    click(&client, "import-paste").await?;
    commit_import(&client).await?;
    // Export it (LOCALPOST_TEST_SAVE_FILE).
    ui::click_row_action_of(&client, "tree-collection", "Fixture Store API", "export").await?;
    click(&client, "export-save").await?;
    ui::wait_for_text_containing(&client, &hook("export-path"), "exported").await?;
    click(&client, "export-close").await?;

    ui::click(&client, &hook("new-collection")).await?;
    ui::type_and_enter(
        &ui::wait_for(&client, &hook("prompt-input")).await?,
        "Traced",
    )
    .await?;
    ui::click_row_action_of(&client, "tree-collection", "Traced", "add-request").await?;
    ui::type_and_enter(&ui::wait_for(&client, &hook("prompt-input")).await?, "Ping").await?;
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::replace_text(&url, &format!("http://127.0.0.1:{port}/ping")).await?;
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
    // A test script that calls pm.sendRequest and sets a visualization.
    click(&client, "tab-scripts").await?;
    click(&client, "script-test-phase").await?;
    let editor = ui::wait_for(&client, &hook("script-test")).await?;
    editor.click().await?;
    editor
        .send_keys(&format!(
            "pm.sendRequest('http://127.0.0.1:{port}/side', () => {{}}); \
             pm.test('ok', () => pm.response.to.have.status(200)); \
             pm.visualizer.set('<p>{{{{x}}}}</p><img src=\"http://{REMOTE}/v.png\">', {{x: 1}});"
        ))
        .await?;
    // Saved, so that the collection run below runs it too (runs use saved requests).
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
    click(&client, "send").await?;
    ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
    for tab in [
        "response-tab-tests",
        "response-tab-timing",
        "response-tab-visualize",
    ] {
        click(&client, tab).await?;
    }
    ui::wait_for(&client, &hook("visualizer-frame")).await?;
    click(&client, "open-code").await?;
    ui::wait_for(&client, &hook("code-text")).await?;
    ui::press(&client, fantoccini::key::Key::Escape).await?;
    // The cookie manager.
    open_and_close(&client, "open-cookies", "cookies-close").await?;
    // A collection run in the Runner, from the collection's row (scrolled into view: the
    // imported collection's tree fills the sidebar).
    ui::click_row_action_of(&client, "tree-collection", "Traced", "run").await?;
    click(&client, "runner-run").await?;
    ui::wait_for_text_containing(&client, &hook("runner-status"), "Run finished").await?;
    environment_and_vault(&client, port).await?;
    preferences_and_history(&client).await?;
    oauth_token(&client, &hits).await?;
    previews(&client).await?;
    tokio::time::sleep(Duration::from_secs(60)).await;
    Ok(())
}

/// An environment with a plain and a secret variable (the secret goes to the keychain), and a
/// vault secret.
async fn environment_and_vault(client: &Client, port: u16) -> Result<()> {
    click(client, "manage-environments").await?;
    click(client, "new-environment").await?;
    ui::type_and_enter(
        &ui::wait_for(client, &hook("prompt-input")).await?,
        "Traced env",
    )
    .await?;
    ui::wait_for_row(client, "environment-row", "Traced env").await?;
    ui::wait_for(client, &hook("variable-key"))
        .await?
        .send_keys("base")
        .await?;
    nth(client, "variable-value", 0)
        .await?
        .send_keys(&format!("http://127.0.0.1:{port}"))
        .await?;
    nth(client, "variable-key", 1)
        .await?
        .send_keys("token")
        .await?;
    nth(client, "variable-secret", 1).await?.click().await?;
    nth(client, "variable-value", 1)
        .await?
        .send_keys("s3cret-value")
        .await?;
    click(client, "save-variables").await?;
    ui::wait_for_text(client, &hook("variables-status"), "Variables saved").await?;

    click(client, "open-vault").await?;
    ui::wait_for(client, &hook("vault-new-name"))
        .await?
        .send_keys("traced_key")
        .await?;
    ui::wait_for(client, &hook("vault-new-value"))
        .await?
        .send_keys("vault-value")
        .await?;
    let domains = ui::wait_for(client, &hook("vault-new-domains")).await?;
    ui::type_and_enter(&domains, "127.0.0.1").await?;
    ui::wait_for_text(client, &hook("vault-status"), "Secret “traced_key” saved").await?;
    click(client, "vault-close").await
}

/// A preference changed and saved (the dark theme), then the history's first entry opened.
async fn preferences_and_history(client: &Client) -> Result<()> {
    click(client, "open-preferences").await?;
    click(client, "pref-theme-dark").await?;
    ui::wait_for_text(client, &hook("pref-status"), "Preferences saved").await?;
    click(client, "preferences-close").await?;
    ui::wait_for_text_containing(client, &hook("history-entry"), "Ping").await?;
    click(client, "history-entry").await?;
    ui::wait_for(client, &hook("history-viewer")).await?;
    click(client, "history-close").await
}

/// The seeded request's OAuth 2.0 token, from the loopback provider (client credentials).
async fn oauth_token(client: &Client, hits: &Hits) -> Result<()> {
    open_request(client, "Token").await?;
    click(client, "tab-auth").await?;
    click(client, "oauth2-get-token").await?;
    ui::wait_until("the token request at the loopback provider", || async {
        Ok(hits.seen().iter().any(|p| p == "/token").then_some(()))
    })
    .await
}

/// Each seeded body sent and previewed: an image (shown at once), a PDF, and an HTML page that
/// names remote resources the sandboxed preview must not fetch.
async fn previews(client: &Client) -> Result<()> {
    for (name, hook_id) in [
        ("Image", "response-preview"),
        ("Doc", "response-preview"),
        ("Page", "response-preview-frame"),
    ] {
        open_request(client, name).await?;
        click(client, "send").await?;
        ui::wait_for_text(client, &hook("response-status"), "200 OK").await?;
        if name != "Image" {
            click(client, "body-view-preview").await?;
        }
        ui::wait_for(client, &hook(hook_id)).await?;
        // Long enough for a frame to load what its document names.
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Ok(())
}

/// Opens request `name` from the tree, finding its row again if the virtualised tree replaced
/// it while it scrolled into view.
async fn open_request(client: &Client, name: &str) -> Result<()> {
    let mut tries = 0;
    loop {
        let row = ui::wait_for_row(client, "tree-request", name).await?;
        match row.click().await {
            Ok(()) => break,
            Err(e) if tries >= 3 => return Err(e.into()),
            Err(_) => tries += 1,
        }
    }
    ui::wait_for_value(client, &hook("request-name"), name).await
}

/// The `index`th element (from 0) with hook `id`, once there is one.
async fn nth(client: &Client, id: &str, index: usize) -> Result<fantoccini::elements::Element> {
    let selector = hook(id);
    ui::wait_until(&format!("{selector} number {}", index + 1), || async {
        let all = client.find_all(fantoccini::Locator::Css(&selector)).await?;
        Ok(all.into_iter().nth(index))
    })
    .await
}

/// Fails listing every non-loopback destination in the trace; also fails if the trace saw no
/// inet socket at all (WebDriver itself talks to the app over loopback, so a working trace has
/// some).
fn check_log(log: &Path, name: &str) -> Result<()> {
    let mut text = String::new();
    // strace writes the log as it goes; give it a moment to finish after the app exits.
    for _ in 0..50 {
        text = std::fs::read_to_string(log).unwrap_or_default();
        if !text.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let kept = localpost_e2e::artifacts_dir().join(format!("{name}-strace.log"));
    let _ = std::fs::create_dir_all(localpost_e2e::artifacts_dir());
    let _ = std::fs::write(&kept, &text);
    if egress::inet_lines(&text) == 0 {
        return Err(HarnessError::Unexpected(format!(
            "the trace saw no inet socket at all; is strace following the app? (log: {})",
            kept.display()
        )));
    }
    let remote = egress::remote_lines(&text);
    if !remote.is_empty() {
        return Err(HarnessError::Unexpected(format!(
            "traffic left the machine ({} lines, log: {}):\n{}",
            remote.len(),
            kept.display(),
            remote.join("\n")
        )));
    }
    Ok(())
}

/// A CLI command's trace: no destination beyond loopback; and where the command sends
/// (`expects_inet`), the trace saw its sockets, so it is known to follow them.
fn check_cli_log(log: &Path, name: &str, expects_inet: bool) -> Result<()> {
    if expects_inet {
        return check_log(log, name);
    }
    // strace creates its log even when the command makes no call it traces.
    let Ok(text) = std::fs::read_to_string(log) else {
        return Err(HarnessError::Unexpected(format!(
            "no trace of {name}; is strace running?"
        )));
    };
    let remote = egress::remote_lines(&text);
    if !remote.is_empty() {
        let kept = localpost_e2e::artifacts_dir().join(format!("{name}-strace.log"));
        let _ = std::fs::create_dir_all(localpost_e2e::artifacts_dir());
        let _ = std::fs::write(&kept, &text);
        return Err(HarnessError::Unexpected(format!(
            "traffic left the machine ({} lines, log: {}):\n{}",
            remote.len(),
            kept.display(),
            remote.join("\n")
        )));
    }
    Ok(())
}

/// A TEST-NET-3 address (RFC 5737): remote, and never answered. The previewed HTML and the
/// visualizer's template name it; a connection to it would fail the trace check.
const REMOTE: &str = "203.0.113.9";

/// The paths the loopback server saw, in order.
#[derive(Clone, Default)]
struct Hits(Arc<Mutex<Vec<String>>>);

impl Hits {
    fn seen(&self) -> Vec<String> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Fails unless the server saw exactly `expected`, in any order.
    fn expect(&self, expected: &[&str]) -> Result<()> {
        let mut seen = self.seen();
        let mut want: Vec<String> = expected.iter().map(|p| (*p).to_owned()).collect();
        seen.sort();
        want.sort();
        if seen == want {
            Ok(())
        } else {
            Err(HarnessError::Unexpected(format!(
                "the loopback server saw {seen:?}, not {want:?}"
            )))
        }
    }
}

/// An HTTP server on loopback for as long as the test runs, recording each request's path:
/// `/token` answers an OAuth 2.0 token, `/page.html` an HTML page full of remote references,
/// `/image.png` and `/doc.pdf` an image and a PDF; anything else `ok`.
fn loopback_server() -> Result<(u16, Hits)> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(HarnessError::io("cannot bind a loopback port"))?;
    let port = listener
        .local_addr()
        .map_err(HarnessError::io("cannot read the bound port"))?
        .port();
    let hits = Hits::default();
    let seen = hits.0.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 8192];
            let n = stream.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let path = head
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .split('?')
                .next()
                .unwrap_or("")
                .to_owned();
            let (kind, body) = reply(&path);
            if let Ok(mut v) = seen.lock() {
                v.push(path);
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    Ok((port, hits))
}

/// The media type and body the loopback server answers `path` with.
fn reply(path: &str) -> (&'static str, Vec<u8>) {
    match path {
        "/token" => (
            "application/json",
            br#"{"access_token":"at-traced","token_type":"Bearer","expires_in":300}"#.to_vec(),
        ),
        "/page.html" => ("text/html; charset=utf-8", format!(
            "<!doctype html><html><head>\
             <link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Roboto\">\
             <link rel=\"stylesheet\" href=\"http://{REMOTE}/style.css\">\
             <script src=\"http://{REMOTE}/app.js\"></script>\
             <style>@font-face {{ font-family: X; src: url(http://{REMOTE}/x.woff2); }} \
             body {{ font-family: X; background: url(https://example.com/bg.png); }}</style>\
             </head><body><h1>Traced page</h1>\
             <img src=\"http://{REMOTE}/pixel.png\"><img src=\"https://example.com/p.png\">\
             <iframe src=\"http://{REMOTE}/frame\"></iframe>\
             <form action=\"http://{REMOTE}/post\"></form>\
             <script>fetch('http://{REMOTE}/beacon'); new Image().src = 'https://example.org/i';</script>\
             </body></html>"
        ).into_bytes()),
        "/image.png" => ("image/png", PNG.to_vec()),
        "/doc.pdf" => ("application/pdf", PDF.as_bytes().to_vec()),
        _ => ("text/plain", b"ok".to_vec()),
    }
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A one-page PDF whose page links to a remote address.
const PDF: &str = "%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >> endobj
4 0 obj << /Type /Annot /Subtype /Link /Rect [0 0 200 200] /A << /S /URI /URI (http://203.0.113.9/pdf) >> >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

/// A fixture of the repository, by its path from the repository root.
fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn the_cli_talks_to_loopback_only() {
    if let Err(e) = cli_egress("the_cli_talks_to_loopback_only") {
        panic!("{e}");
    }
}

/// Every feature path of the CLI under `strace`: imports of each format, exports, snippets,
/// environments, the vault, classification, cookies and history, a send whose scripts call
/// `pm.sendRequest`, and a collection run (from a file, with a script's `pm.sendRequest` and
/// all reports). Each command's trace must show loopback only.
fn cli_egress(name: &str) -> Result<()> {
    egress::which_strace()?;
    let cli = cli_binary()?;
    let tmp = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let (port, hits) = loopback_server()?;
    let request_id = {
        let store = Store::open_dir(tmp.path()).map_err(|e| HarnessError::Setup(e.to_string()))?;
        let setup = |e: localpost_core::store::StoreError| HarnessError::Setup(e.to_string());
        let ws = store.ensure_workspace().map_err(setup)?;
        let coll = store.create_collection(ws.id, "C").map_err(setup)?;
        let mut req = store
            .create_request(
                NewRequest::new(Parent::Collection(coll.id), "ping")
                    .url(format!("http://127.0.0.1:{port}/ping")),
            )
            .map_err(setup)?;
        // Scripts run under the watch too: the sandbox boots, a pm.sendRequest goes out.
        req.scripts.pre_request = format!(
            "pm.sendRequest('http://127.0.0.1:{port}/side', (err, res) => pm.test('side', () => pm.expect(res.text()).to.equal('ok')));"
        );
        req.scripts.test = "pm.test('ok', () => pm.response.to.have.status(200));".into();
        let id = store.update_request(&req).map_err(setup)?.id;
        let mut token = store
            .create_request(
                NewRequest::new(Parent::Collection(coll.id), "tok")
                    .url(format!("http://127.0.0.1:{port}/data")),
            )
            .map_err(setup)?;
        token.auth = Auth::with_params(
            AuthMode::Oauth2,
            &[
                ("grant_type", "client_credentials"),
                ("accessTokenUrl", &format!("http://127.0.0.1:{port}/token")),
                ("clientId", "app"),
                ("client_authentication", "body"),
            ],
        );
        store.update_request(&token).map_err(setup)?;
        id
    };
    // A collection file for `run`: two requests, a script's pm.sendRequest.
    let run_file = tmp.path().join("run.postman_collection.json");
    let item = |n: u32| {
        serde_json::json!({
            "name": format!("r{n}"),
            "request": {"method": "GET", "url": format!("http://127.0.0.1:{port}/run/{n}")},
            "event": [{"listen": "test", "script": {"exec": [
                format!("pm.sendRequest('http://127.0.0.1:{port}/run-side', () => {{}});"),
                "pm.test('ok', () => pm.response.to.have.status(200));",
            ]}}],
        })
    };
    let collection = serde_json::json!({
        "info": {"name": "Run", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [item(1), item(2)],
    });
    std::fs::write(&run_file, collection.to_string())
        .map_err(|e| HarnessError::Setup(e.to_string()))?;
    let out = |file: &str| tmp.path().join(file).display().to_string();
    let id = request_id.to_string();
    let commands: Vec<Vec<String>> = [
        vec!["list"],
        vec![
            "import",
            &fixture("tests/fixtures/postman/full.postman_collection.json"),
        ],
        vec![
            "import",
            &fixture("tests/fixtures/postman/dev.postman_environment.json"),
        ],
        vec![
            "import",
            &fixture("crates/localpost-core/tests/fixtures/openapi/petstore-3.0.yaml"),
        ],
        vec![
            "import",
            &fixture("crates/localpost-core/tests/fixtures/insomnia/export-v4.json"),
        ],
        vec![
            "import",
            &fixture("crates/localpost-core/tests/fixtures/insomnia/collection-v5.yaml"),
        ],
        vec![
            "import",
            &fixture("crates/localpost-core/tests/fixtures/har/browser.har"),
        ],
        vec![
            "import",
            &fixture("crates/localpost-core/tests/fixtures/dump/postman-export.zip"),
        ],
        vec![
            "import",
            "--curl",
            "curl -X POST https://api.example.com/x -d a=1",
        ],
        vec!["export", "collection", "C", "--output", &out("c.json")],
        vec!["export", "dump", "--output", &out("dump.zip")],
        vec!["export", "request", &id, "--as", "curl"],
        vec!["workspace", "classify", "1", "restricted"],
        vec!["workspace", "classify", "1", "internal"],
        vec!["vault", "set", "traced_key", "--domain", "127.0.0.1"],
        vec!["vault", "list"],
        vec!["vault", "rotate-key"],
        vec!["vault", "rm", "traced_key"],
        vec!["auth", "token", "C/tok"],
        vec!["send", &id],
        vec!["cookies", "list"],
        vec!["history", "list"],
        vec![
            "run",
            &run_file.display().to_string(),
            "-r",
            "cli,json",
            "--reporter-json-export",
            &out("report.json"),
        ],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect();
    for (i, args) in commands.iter().enumerate() {
        let log = tmp.path().join(format!("egress-{i}.log"));
        // `vault set` reads the value from standard input.
        let mut child = Command::new("strace")
            .args(egress::strace_args(&log))
            .arg(&cli)
            .arg("--data-dir")
            .arg(tmp.path())
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(HarnessError::io("cannot run localpost under strace"))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(b"vault-value\n");
        }
        let status = child
            .wait()
            .map_err(HarnessError::io("cannot wait for localpost under strace"))?;
        if !status.success() {
            return Err(HarnessError::Unexpected(format!(
                "localpost {} failed under strace: {status}",
                args.join(" ")
            )));
        }
        check_cli_log(
            &log,
            &format!("{name}-{i}"),
            matches!(args[0].as_str(), "send" | "run" | "auth"),
        )?;
    }
    // The token, the send (its script's call and its own) and the run (2 requests, 2 scripts'
    // calls).
    hits.expect(&[
        "/token",
        "/side",
        "/ping",
        "/run/1",
        "/run-side",
        "/run/2",
        "/run-side",
    ])
}
