//! Nothing leaves the machine unless the user sent it: the desktop app and the CLI, traced with
//! `strace` across all their processes, connect to and send datagrams to loopback only.
//!
//! The desktop run covers start-up, creating and saving a request, and several idle seconds in
//! which an update check, telemetry, a crash reporter or a remote font would show. The CLI run
//! covers `list` and a `send` to a loopback server. Run through `scripts/e2e.sh`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
    let (wrapper, log) = egress::traced_wrapper(tmp.path(), &app_binary()?)?;
    let driver = TauriDriver::start(name, &[("LOCALPOST_DATA_DIR", data.as_os_str())])?;
    let session = AppSession::start_app(&driver, name, &wrapper).await?;
    let client = session.client();
    session.run(use_the_app(client)).await?;
    drop(driver);
    check_log(&log, name)
}

/// Creates a collection and a request, saves it, then stays idle for a while.
async fn use_the_app(client: Client) -> Result<()> {
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
    ui::replace_text(&url, "https://example.com/not-sent").await?;
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
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

/// An HTTP server on loopback for two connections (a script's `pm.sendRequest`, then the
/// send) that records whether it was hit.
fn one_shot_server() -> Result<(u16, Arc<AtomicBool>, std::thread::JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(HarnessError::io("cannot bind a loopback port"))?;
    let port = listener
        .local_addr()
        .map_err(HarnessError::io("cannot read the bound port"))?
        .port();
    let hit = Arc::new(AtomicBool::new(false));
    let flag = hit.clone();
    let handle = std::thread::spawn(move || {
        for _ in 0..2 {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                flag.store(true, Ordering::SeqCst);
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                );
            }
        }
    });
    Ok((port, hit, handle))
}

#[test]
fn the_cli_talks_to_loopback_only() {
    if let Err(e) = cli_egress("the_cli_talks_to_loopback_only") {
        panic!("{e}");
    }
}

fn cli_egress(name: &str) -> Result<()> {
    egress::which_strace()?;
    let cli = cli_binary()?;
    let tmp = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let (port, hit, server) = one_shot_server()?;
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
    let log = tmp.path().join("egress.log");
    for args in [
        vec!["list".to_string()],
        vec!["send".into(), request_id.to_string()],
    ] {
        let status = Command::new("strace")
            .args(egress::strace_args(&log))
            .arg(&cli)
            .arg("--data-dir")
            .arg(tmp.path())
            .args(&args)
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(HarnessError::io("cannot run localpost under strace"))?;
        if !status.success() {
            return Err(HarnessError::Unexpected(format!(
                "localpost {} failed under strace: {status}",
                args.join(" ")
            )));
        }
        if args[0] == "send" {
            check_log(&log, name)?;
        }
    }
    let _ = server.join();
    if !hit.load(Ordering::SeqCst) {
        return Err(HarnessError::Unexpected(
            "the loopback server was never hit by `localpost send`".into(),
        ));
    }
    Ok(())
}
