//! Import and export in the window, end to end: a Postman fixture imported through the Import
//! dialog by keyboard alone (Ctrl+O, Enter to choose, Enter to import the preview), a curl command pasted into the Import dialog, the
//! imported collection exported to a file whose JSON is checked (its secret withheld), and a
//! curl command pasted into the URL bar taking over the open request.
//!
//! Native file dialogs cannot be driven over WebDriver. In debug builds the shell answers them
//! from `LOCALPOST_TEST_OPEN_FILE` and `LOCALPOST_TEST_SAVE_FILE` (`src-tauri/src/dialog.rs`),
//! so the tests set those and drive everything else as a user would: the same commands, core
//! importers and exporters run as with a real dialog. Dropping files on the window is an OS
//! drag that WebKitWebDriver cannot synthesise; its command (`preview_import_dropped`) shares
//! the preview and commit exercised here. Duplicates and moving secrets: `import_preview.rs`.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use crate::server;

use std::path::{Path, PathBuf};

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result};
use serde_json::{Value, json};
use server::{Reply, Server};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/postman")
        .join(name)
}

fn unexpected(message: String) -> HarnessError {
    HarnessError::Unexpected(message)
}

#[tokio::test]
async fn import_by_keyboard_then_export_the_collection() {
    let name = "import_by_keyboard_then_export_the_collection";
    if let Err(e) = import_then_export(name).await {
        panic!("{e}");
    }
}

async fn import_then_export(name: &str) -> Result<()> {
    let data = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let out = data.path().join("exported.postman_collection.json");
    let open = fixture("full.postman_collection.json");
    let driver = TauriDriver::start(
        name,
        &[
            ("LOCALPOST_DATA_DIR", data.path().as_os_str()),
            ("LOCALPOST_TEST_OPEN_FILE", open.as_os_str()),
            ("LOCALPOST_TEST_SAVE_FILE", out.as_os_str()),
        ],
    )?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for(&client, &hook("new-collection")).await?;
            // Keyboard only: Ctrl+O opens the dialog with focus on "Choose file…"; Enter picks.
            let body = client.find(Locator::Css("body")).await?;
            ui::press_ctrl(&body, "o").await?;
            let choose = ui::wait_for(&client, &hook("import-choose")).await?;
            let focused = client.active_element().await?;
            if focused.attr("data-testid").await?.as_deref() != Some("import-choose") {
                return Err(unexpected("Ctrl+O did not focus Choose file…".into()));
            }
            drop(choose);
            ui::press(&client, Key::Enter).await?;
            // The preview comes first, focus on Import (no duplicate to answer); Enter imports.
            ui::wait_for_text_containing(&client, &hook("import-preview"), "Fixture Store API")
                .await?;
            let focused = client.active_element().await?;
            if focused.attr("data-testid").await?.as_deref() != Some("import-commit") {
                return Err(unexpected("the preview did not focus Import".into()));
            }
            ui::press(&client, Key::Enter).await?;
            let result =
                ui::wait_for_text_containing(&client, &hook("import-result"), "Fixture Store API")
                    .await?;
            if !result.contains("collection v2.1") {
                return Err(unexpected(format!("import report reads {result:?}")));
            }
            // Pasted curl commands become a collection of their own.
            let text = ui::wait_for(&client, &hook("import-text")).await?;
            text.send_keys("curl -X DELETE https://api.test/items/7")
                .await?;
            ui::click(&client, &hook("import-paste")).await?;
            ui::wait_for_text_containing(&client, &hook("import-preview"), "Pasted").await?;
            ui::click(&client, &hook("import-commit")).await?;
            ui::wait_for_text_containing(&client, &hook("import-result"), "Pasted").await?;
            // Escape closes the dialog; the tree shows both collections.
            ui::press(&client, Key::Escape).await?;
            ui::wait_for_row(&client, "tree-collection", "Pasted").await?;
            let row = ui::wait_for_row(&client, "tree-collection", "Fixture Store API").await?;

            ui::click_row_action(&client, &row, "export").await?;
            ui::click(&client, &hook("export-save")).await?;
            ui::wait_for_text_containing(&client, &hook("export-path"), "exported.postman").await?;
            ui::wait_for_text_containing(&client, &hook("export-withheld"), "apiSecret").await?;
            Ok(())
        })
        .await?;
    check_exported(&out)
}

/// The file holds the collection as v2.1 JSON, its secret variable written empty.
fn check_exported(path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| unexpected(format!("cannot read {}: {e}", path.display())))?;
    let json: Value = serde_json::from_str(&text)
        .map_err(|e| unexpected(format!("exported file is not JSON: {e}")))?;
    let schema = json["info"]["schema"].as_str().unwrap_or_default();
    if json["info"]["name"] != "Fixture Store API" || !schema.contains("v2.1") {
        return Err(unexpected(format!("exported info reads {}", json["info"])));
    }
    let names: Vec<&str> = json["item"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["name"].as_str()).collect())
        .unwrap_or_default();
    if names.first() != Some(&"Accounts") || names.len() != 7 {
        return Err(unexpected(format!("exported items are {names:?}")));
    }
    let secret = json["variable"]
        .as_array()
        .and_then(|vars| vars.iter().find(|v| v["key"] == "apiSecret"));
    match secret {
        Some(v) if v["value"] == "" && v["type"] == "secret" => Ok(()),
        other => Err(unexpected(format!("apiSecret exported as {other:?}"))),
    }
}

#[tokio::test]
async fn curl_paste_copy_save_and_preview() {
    let name = "curl_paste_copy_save_and_preview";
    let server = Server::start(|req| match req.target.as_str() {
        "/page" => Reply::text(page(req.header("host").unwrap_or_default()))
            .header("Content-Type", "text/html; charset=utf-8"),
        _ => Reply::bytes(BINARY.to_vec()).header("Content-Type", "application/octet-stream"),
    });
    if let Err(e) = paste_copy_save_preview(name, &server).await {
        panic!("{e}");
    }
    let hits = server.hits();
    let first = hits.first().expect("the pasted request was sent");
    assert_eq!(first.method, "PUT");
    assert_eq!(first.target, "/things");
    assert_eq!(first.header("x-token"), Some("abc"));
    assert_eq!(first.text(), r#"{"a":1}"#);
    let targets: Vec<&str> = hits.iter().map(|h| h.target.as_str()).collect();
    // No /beacon: the previewed page could not reach the network.
    assert_eq!(targets, ["/things", "/page"]);
}

const BINARY: &[u8] = b"\x89PNG\r\n\x1a\n\x00\xffbytes";

/// A page whose script would post a message to the window if it ran, and whose image would
/// reach the server at `host` if the preview allowed network access.
fn page(host: &str) -> String {
    format!(
        "<p id=\"static\">Hello preview</p>\
         <img src=\"http://{host}/beacon\" alt=\"\">\
         <script>parent.postMessage('script-ran', '*')</script>"
    )
}

async fn paste_copy_save_preview(name: &str, server: &Server) -> Result<()> {
    let data = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let saved = data.path().join("body.bin");
    let driver = TauriDriver::start(
        name,
        &[
            ("LOCALPOST_DATA_DIR", data.path().as_os_str()),
            ("LOCALPOST_TEST_SAVE_FILE", saved.as_os_str()),
        ],
    )?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    let command = format!(
        "curl -X PUT '{}' -H 'X-Token: abc' -H 'Content-Type: application/json' -d '{{\"a\":1}}'",
        server.url("/things")
    );
    session
        .run(async {
            new_request(&client).await?;
            // An empty request is taken over at once.
            paste_into_url(&client, &command).await?;
            ui::wait_for_value(&client, &hook("request-method"), "PUT").await?;
            ui::wait_for_value(&client, &hook("request-url"), &server.url("/things")).await?;
            ui::click(&client, &hook("tab-headers")).await?;
            ui::wait_for_value(&client, &hook("header-key"), "X-Token").await?;
            // Taken over as unsaved edits (the request's draft): Ctrl+S saves them.
            ui::wait_for_text(&client, &hook("save-status"), "Unsaved changes").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::press_ctrl(&url, "s").await?;
            ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
            // A request with a URL asks first.
            paste_into_url(&client, "curl -X PATCH https://other.test/").await?;
            ui::wait_for(&client, &hook("confirm-ok")).await?;
            ui::press(&client, Key::Escape).await?;
            ui::wait_for_value(&client, &hook("request-method"), "PUT").await?;

            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
            copy_as_curl(&client).await?;
            ui::click(&client, &hook("save-body")).await?;
            ui::wait_for_text_containing(
                &client,
                &hook("response-action-status"),
                "Saved the body",
            )
            .await?;
            let bytes =
                std::fs::read(&saved).map_err(|e| unexpected(format!("no saved body: {e}")))?;
            if bytes != BINARY {
                return Err(unexpected(format!("saved body is {bytes:?}")));
            }

            ui::click(&client, &hook("response-tab-timing")).await?;
            ui::wait_for_text_containing(&client, &hook("response-timing"), "Total").await?;
            ui::click(&client, &hook("response-tab-body")).await?;
            preview_html(&client, &server.url("/page")).await
        })
        .await
}

async fn new_request(client: &Client) -> Result<()> {
    ui::click(client, &hook("new-collection")).await?;
    ui::type_and_enter(&ui::wait_for(client, &hook("prompt-input")).await?, "Paste").await?;
    let collection = ui::wait_for_row(client, "tree-collection", "Paste").await?;
    ui::click_row_action(client, &collection, "add-request").await?;
    ui::type_and_enter(
        &ui::wait_for(client, &hook("prompt-input")).await?,
        "Pasted",
    )
    .await?;
    ui::wait_for_value(client, &hook("request-name"), "Pasted").await
}

/// Pastes `text` into the URL field. WebDriver has no clipboard, so the script dispatches the
/// paste event a Ctrl+V would, carrying the text.
async fn paste_into_url(client: &Client, text: &str) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    let script = r#"
        const [el, text] = arguments;
        const data = new DataTransfer();
        data.setData('text/plain', text);
        let ev = null;
        try { ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }); } catch (e) {}
        if (!ev || !ev.clipboardData) {
            ev = new Event('paste', { bubbles: true, cancelable: true });
            Object.defineProperty(ev, 'clipboardData', { value: data });
        }
        el.focus();
        el.dispatchEvent(ev);
        return ev.defaultPrevented;
    "#;
    let element = serde_json::to_value(&url).map_err(|e| unexpected(e.to_string()))?;
    let args = vec![element, json!(text)];
    let prevented = client.execute(script, args).await?;
    if prevented != json!(true) {
        return Err(unexpected(
            "the URL field did not take the curl command".into(),
        ));
    }
    Ok(())
}

/// Copy as cURL hands the clipboard the request as it will be sent. The clipboard itself is
/// not readable over WebDriver, so `writeText` is replaced by a recorder first.
async fn copy_as_curl(client: &Client) -> Result<()> {
    let record = "Object.defineProperty(navigator, 'clipboard', { configurable: true, \
        value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } });";
    client.execute(record, vec![]).await?;
    ui::click(client, &hook("copy-curl")).await?;
    ui::wait_for_text_containing(client, &hook("response-action-status"), "Copied").await?;
    let copied = client
        .execute("return window.__copied ?? null", vec![])
        .await?;
    let copied = copied.as_str().unwrap_or_default();
    for needle in ["curl", "PUT", "/things", "X-Token: abc", "{\"a\":1}"] {
        if !copied.contains(needle) {
            return Err(unexpected(format!("copied {copied:?}, missing {needle:?}")));
        }
    }
    Ok(())
}

/// The HTML response shows in a frame with an empty sandbox, under the preview's policy, and
/// its script did not run (it would have posted a message to the window).
async fn preview_html(client: &Client, url: &str) -> Result<()> {
    let listen = "window.__messages = []; \
        window.addEventListener('message', (e) => window.__messages.push(String(e.data)));";
    client.execute(listen, vec![]).await?;
    let field = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&field, url).await?;
    ui::click(client, &hook("send")).await?;
    // The new response first: the last one's view buttons go when the send starts.
    ui::wait_for_text_containing(client, &hook("response-body"), "Hello preview").await?;
    ui::click(client, &hook("body-view-preview")).await?;
    let frame = ui::wait_for(client, &hook("response-preview-frame")).await?;
    if frame.attr("sandbox").await?.as_deref() != Some("") {
        return Err(unexpected("the preview frame is not sandboxed".into()));
    }
    let srcdoc = frame.attr("srcdoc").await?.unwrap_or_default();
    let policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
    if !srcdoc.contains(policy) || !srcdoc.contains("Hello preview") {
        return Err(unexpected(format!("the preview document is {srcdoc:?}")));
    }
    // Give a script that could run the time to run.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let messages = client.execute("return window.__messages", vec![]).await?;
    if messages != json!([]) {
        return Err(unexpected(format!(
            "the previewed page's script ran: {messages}"
        )));
    }
    Ok(())
}
