//! Nothing leaves the machine unless the user sent it: the desktop app and the CLI, traced with
//! `strace` across all their processes, connect to and send datagrams to loopback only.
//!
//! The desktop run covers start-up, importing a collection file and exporting it, creating a
//! request whose test script calls `pm.sendRequest` and sets a visualization, sending it to a
//! loopback server, its Tests, Timing, Visualize and Code views, the cookie and vault managers,
//! a collection run in the Runner, and several idle seconds in which an update
//! check, telemetry, a crash reporter or a remote font would show. The CLI run
//! walks every feature path (imports of each format, exports, snippets, the vault,
//! classification, cookies, history, a send whose scripts call `pm.sendRequest`, a collection
//! run), each command traced on its own. Run through `scripts/e2e.sh`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::Client;
use localpost_core::model::{NewRequest, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::egress;
use localpost_e2e::session::{AppSession, app_binary};
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
    let open = PathBuf::from(fixture(
        "tests/fixtures/postman/full.postman_collection.json",
    ));
    let save = tmp.path().join("exported.postman_collection.json");
    let (wrapper, log) = egress::traced_wrapper(tmp.path(), &app_binary()?)?;
    let driver = TauriDriver::start(
        name,
        &[
            ("LOCALPOST_DATA_DIR", data.as_os_str()),
            ("LOCALPOST_TEST_OPEN_FILE", open.as_os_str()),
            ("LOCALPOST_TEST_SAVE_FILE", save.as_os_str()),
        ],
    )?;
    let (port, hits) = loopback_server()?;
    let session = AppSession::start_app(&driver, name, &wrapper).await?;
    let client = session.client();
    session.run(use_the_app(client, port)).await?;
    drop(driver);
    check_log(&log, name)?;
    // The send (its script's call and its own), then the run (the same two).
    let seen = hits.load(Ordering::SeqCst);
    if seen != 4 {
        return Err(HarnessError::Unexpected(format!(
            "the loopback server saw {seen} requests, not the send's 2 and the run's 2"
        )));
    }
    Ok(())
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    Ok(ui::wait_for(client, &hook(hook_id)).await?.click().await?)
}

/// Opens a manager with `open`, waits for `close` and closes it.
async fn open_and_close(client: &Client, open: &str, close: &str) -> Result<()> {
    click(client, open).await?;
    click(client, close).await
}

/// Walks the app's features (see the module notes), then stays idle for a while.
async fn use_the_app(client: Client, port: u16) -> Result<()> {
    // Once the workspace is loaded (its classification says what it keeps), import a
    // collection file (the native dialog answered by LOCALPOST_TEST_OPEN_FILE).
    ui::wait_for_text_containing(&client, &hook("classification-keeps"), "Internal").await?;
    click(&client, "import").await?;
    click(&client, "import-choose").await?;
    ui::wait_for_text_containing(&client, &hook("import-preview"), "Fixture Store API").await?;
    click(&client, "import-commit").await?;
    ui::wait_for_text_containing(&client, &hook("import-result"), "Fixture Store API").await?;
    click(&client, "import-close").await?;
    // Export it (LOCALPOST_TEST_SAVE_FILE).
    let imported = ui::wait_for_row(&client, "tree-collection", "Fixture Store API").await?;
    ui::click_row_action(&client, &imported, "export").await?;
    click(&client, "export-save").await?;
    ui::wait_for_text_containing(&client, &hook("export-path"), "exported").await?;
    click(&client, "export-close").await?;

    ui::wait_for(&client, &hook("new-collection"))
        .await?
        .click()
        .await?;
    ui::type_and_enter(
        &ui::wait_for(&client, &hook("prompt-input")).await?,
        "Traced",
    )
    .await?;
    let collection = ui::wait_for_row(&client, "tree-collection", "Traced").await?;
    ui::click_row_action(&client, &collection, "add-request").await?;
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
             pm.visualizer.set('<p>{{{{x}}}}</p>', {{x: 1}});"
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
    // The managers.
    open_and_close(&client, "open-cookies", "cookies-close").await?;
    open_and_close(&client, "open-vault", "vault-close").await?;
    // A collection run in the Runner, from the collection's row (scrolled into view: the
    // imported collection's tree fills the sidebar).
    let traced = ui::wait_for_row(&client, "tree-collection", "Traced").await?;
    let arg = serde_json::to_value(&traced).map_err(|e| HarnessError::Setup(e.to_string()))?;
    client
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
        .await?;
    ui::click_row_action(&client, &traced, "run").await?;
    click(&client, "runner-run").await?;
    ui::wait_for_text_containing(&client, &hook("runner-status"), "Run finished").await?;
    tokio::time::sleep(Duration::from_secs(8)).await;
    Ok(())
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

/// The `localpost` binary beside the desktop one.
fn cli_binary() -> Result<PathBuf> {
    let app = app_binary()?;
    let cli = app.with_file_name("localpost");
    if cli.is_file() {
        Ok(cli)
    } else {
        Err(HarnessError::Setup(format!(
            "{} not found; build it with `cargo build -p localpost-cli` (scripts/e2e.sh does)",
            cli.display()
        )))
    }
}

/// An HTTP server on loopback answering `ok` to every request, for as long as the test runs,
/// and counting the requests.
fn loopback_server() -> Result<(u16, Arc<AtomicUsize>)> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(HarnessError::io("cannot bind a loopback port"))?;
    let port = listener
        .local_addr()
        .map_err(HarnessError::io("cannot read the bound port"))?
        .port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            counter.fetch_add(1, Ordering::SeqCst);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        }
    });
    Ok((port, hits))
}

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
        store.update_request(&req).map_err(setup)?.id
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
        vec!["vault", "list"],
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
        let status = Command::new("strace")
            .args(egress::strace_args(&log))
            .arg(&cli)
            .arg("--data-dir")
            .arg(tmp.path())
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(HarnessError::io("cannot run localpost under strace"))?;
        if !status.success() {
            return Err(HarnessError::Unexpected(format!(
                "localpost {} failed under strace: {status}",
                args.join(" ")
            )));
        }
        check_cli_log(
            &log,
            &format!("{name}-{i}"),
            args[0] == "send" || args[0] == "run",
        )?;
    }
    // The send (2: its script's and its own) and the run (2 requests, 2 scripts' calls).
    let seen = hits.load(Ordering::SeqCst);
    if seen != 6 {
        return Err(HarnessError::Unexpected(format!(
            "the loopback server saw {seen} requests, not the send's 2 and the run's 4"
        )));
    }
    Ok(())
}
