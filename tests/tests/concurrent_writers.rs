//! The app and the CLI writing one store at once (issue 13): with the app open on a data
//! directory, four threads run `localpost import --as-copy` again and again (two each at
//! least) for as long as the window creates requests. Every import succeeds, every request the
//! window makes lands, and afterwards the store holds all of it: one collection per import and
//! each request the window made. The
//! real app, the real binary, one real SQLite file in WAL mode, the session's keychain (both
//! seal with the same data key).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use fantoccini::Client;
use localpost_core::model::TreeNode;
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::{AppSession, cli_binary};
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result};

const PROCESSES: usize = 4;
const MIN_IMPORTS_EACH: usize = 2;
const APP_REQUESTS: usize = 6;

#[tokio::test]
async fn the_app_and_the_cli_write_one_store_at_once() {
    let name = "the_app_and_the_cli_write_one_store_at_once";
    if let Err(e) = app_and_cli(name).await {
        panic!("{e}");
    }
}

async fn app_and_cli(name: &str) -> Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let data = tmp.path().join("data");
    let driver = TauriDriver::start(name, &[("LOCALPOST_DATA_DIR", data.as_os_str())])?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    let cli = cli_binary()?;
    let dir = data.clone();
    let done = Arc::new(AtomicBool::new(false));
    let imported = Arc::new(AtomicUsize::new(0));
    let (stop, count) = (done.clone(), imported.clone());
    session
        .run(async move {
            // The app is up and has its store open (and migrated) before the CLI starts.
            ui::wait_for_text_containing(&client, &hook("classification-keeps"), "Internal")
                .await?;
            ui::new_request(&client, "App side", "app 0").await?;
            let writers: Vec<_> = (0..PROCESSES)
                .map(|p| {
                    let cli = cli.clone();
                    let dir = dir.clone();
                    let (stop, count) = (stop.clone(), count.clone());
                    std::thread::spawn(move || imports(&cli, &dir, p, &stop, &count))
                })
                .collect();
            let made = make_requests(&client).await;
            stop.store(true, Ordering::SeqCst);
            for writer in writers {
                writer
                    .join()
                    .map_err(|_| HarnessError::Unexpected("an import thread panicked".into()))??;
            }
            made
        })
        .await?;
    drop(driver);
    check_store(&data, imported.load(Ordering::SeqCst))
}

/// Imports by thread `p`, one after another, until `stop` (and at least `MIN_IMPORTS_EACH`),
/// each counted in `count`; the first that fails fails the test with its stderr.
fn imports(
    cli: &Path,
    data: &Path,
    p: usize,
    stop: &AtomicBool,
    count: &AtomicUsize,
) -> Result<()> {
    let collection = fixture("tests/fixtures/postman/full.postman_collection.json");
    let mut i = 0;
    while i < MIN_IMPORTS_EACH || !stop.load(Ordering::SeqCst) {
        let out: Output = Command::new(cli)
            .arg("--data-dir")
            .arg(data)
            .arg("import")
            .arg("--as-copy")
            .arg(&collection)
            .stdin(Stdio::null())
            .output()
            .map_err(HarnessError::io("cannot run localpost import"))?;
        if !out.status.success() {
            return Err(HarnessError::Unexpected(format!(
                "import {i} of process {p} failed beside the open app ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        count.fetch_add(1, Ordering::SeqCst);
        i += 1;
    }
    Ok(())
}

/// While the imports run, the window adds requests `app 1`… to collection "App side", each
/// created and renamed in the store.
async fn make_requests(client: &Client) -> Result<()> {
    for n in 1..APP_REQUESTS {
        let row = ui::wait_for_row(client, "tree-collection", "App side").await?;
        ui::click_row_action(client, &row, "add-request").await?;
        let name = format!("app {n}");
        ui::type_and_enter(&ui::wait_for(client, &hook("prompt-input")).await?, &name).await?;
        ui::wait_for_value(client, &hook("request-name"), &name).await?;
        ui::wait_for_row(client, "tree-request", &name).await?;
    }
    Ok(())
}

/// The store after both: every import's collection, and the window's requests in order.
fn check_store(data: &Path, imports: usize) -> Result<()> {
    let check = |e: localpost_core::store::StoreError| HarnessError::Unexpected(e.to_string());
    let store = Store::open_dir(data).map_err(check)?;
    let ws = store.ensure_workspace().map_err(check)?;
    let tree = store.tree(ws.id).map_err(check)?;
    let imported = tree
        .collections
        .iter()
        .filter(|c| c.name == "Fixture Store API")
        .count();
    if imported != imports || imports < PROCESSES * MIN_IMPORTS_EACH {
        return Err(HarnessError::Unexpected(format!(
            "the store holds {imported} imported collections after {imports} imports"
        )));
    }
    let app_side: Vec<&str> = tree
        .collections
        .iter()
        .find(|c| c.name == "App side")
        .map(|c| {
            c.children
                .iter()
                .filter_map(|n| match n {
                    TreeNode::Request { name, .. } => Some(name.as_str()),
                    TreeNode::Folder { .. } => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<String> = (0..APP_REQUESTS).map(|n| format!("app {n}")).collect();
    if app_side != expected {
        return Err(HarnessError::Unexpected(format!(
            "the window's requests in the store are {app_side:?}, not {expected:?}"
        )));
    }
    Ok(())
}

/// A fixture of the repository, by its path from the repository root.
fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}
