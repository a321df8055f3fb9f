//! The desktop app end to end, over WebDriver: what a user creates in the window is in the store
//! file, and is there again after the app restarts.
//!
//! Needs a display, a session bus and `tauri-driver`; run through `scripts/e2e.sh` (or
//! `make test`), which also builds the app. Sessions run one at a time (the driver holds a lock,
//! and the script passes `--test-threads=1`).

use std::path::Path;

use fantoccini::Client;
use localpost_core::model::TreeNode;
use localpost_core::store::{FILE_NAME, Store};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

const COLLECTION: &str = "E2E Collection";
const REQUEST: &str = "Echo";
const METHOD: &str = "POST";
const URL: &str = "http://127.0.0.1:9/echo";

#[tokio::test]
async fn request_saved_in_the_window_survives_a_restart() {
    let name = "request_saved_in_the_window_survives_a_restart";
    if let Err(e) = saved_request_survives_restart(name).await {
        panic!("{e}");
    }
}

async fn saved_request_survives_restart(name: &str) -> Result<()> {
    let scratch = Scratch::new("desktop")?;
    let data = &scratch.data;
    let driver = TauriDriver::start(name, &scratch.env())?;

    let first = AppSession::start(&driver, name).await?;
    let client = first.client();
    first.run(create_and_save_request(client)).await?;

    check_store(data.path())?;

    let second = AppSession::start(&driver, name).await?;
    let client = second.client();
    second.run(reopen_request(client)).await
}

/// Creates a collection and a request in it, edits method and URL, saves with Ctrl+S.
async fn create_and_save_request(client: Client) -> Result<()> {
    ui::new_request(&client, COLLECTION, REQUEST).await?;
    let method = ui::wait_for(&client, &hook("request-method")).await?;
    ui::replace_text(&method, METHOD).await?;
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::replace_text(&url, URL).await?;
    ui::wait_for_text(&client, &hook("save-status"), "Unsaved changes").await?;
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
    Ok(())
}

/// In a fresh app on the same data: the tree shows both, and the request opens as saved.
async fn reopen_request(client: Client) -> Result<()> {
    ui::wait_for_row(&client, "tree-collection", COLLECTION).await?;
    let request = ui::wait_for_row(&client, "tree-request", REQUEST).await?;
    request.click().await?;
    ui::wait_for_value(&client, &hook("request-name"), REQUEST).await?;
    ui::wait_for_value(&client, &hook("request-url"), URL).await?;
    ui::wait_for_value(&client, &hook("request-method"), METHOD).await?;
    Ok(())
}

/// The SQLite file itself holds the collection and the request, with method and URL.
fn check_store(data: &Path) -> Result<()> {
    let unexpected = |what: String| HarnessError::Unexpected(what);
    let store = Store::open(data.join(FILE_NAME)).map_err(|e| unexpected(format!("store: {e}")))?;
    let workspaces = store
        .workspaces()
        .map_err(|e| unexpected(format!("store: {e}")))?;
    let mut found = Vec::new();
    for ws in &workspaces {
        let tree = store
            .tree(ws.id)
            .map_err(|e| unexpected(format!("store: {e}")))?;
        for coll in tree.collections.iter().filter(|c| c.name == COLLECTION) {
            for node in &coll.children {
                if let TreeNode::Request { id, name, .. } = node
                    && name == REQUEST
                {
                    found.push(*id);
                }
            }
        }
    }
    let [id] = found[..] else {
        return Err(unexpected(format!(
            "expected one request {REQUEST:?} in collection {COLLECTION:?} in the store, \
             found {}",
            found.len()
        )));
    };
    let request = store
        .request(id)
        .map_err(|e| unexpected(format!("store: {e}")))?;
    if request.method != METHOD || request.url != URL {
        return Err(unexpected(format!(
            "stored request is {} {}, expected {METHOD} {URL}",
            request.method, request.url
        )));
    }
    Ok(())
}
