//! Scripts from the window, end to end: a collection's pre-request script set in its settings
//! dialog and a request's test script typed into its Scripts tab run on Send against a loopback
//! server in this process; the Tests tab counts the passed and failed tests, the Console lists
//! both scripts' lines, and the Visualize tab shows the template the test script set, rendered
//! in its sandboxed frame.
//!
//! The frame's document is served by the app on its own scheme with its own policy, so the
//! template's inline script runs (it reads `pm.getData`), and that policy refuses its `fetch` of
//! the loopback server: the server sees one request, the send's.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use crate::server;

use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

/// The collection's pre-request script: one console line.
const PRE_REQUEST: &str = r#"console.info("collection pre-request for", pm.info.requestName);"#;

/// The request's test script, typed on one line: a passing and a failing test, a console line
/// with an object, and a visualization whose inline script marks the paragraph it rendered with
/// the data `pm.getData` gives it, and with what became of its `fetch` of `leak`.
fn test_script(leak: &str) -> String {
    [
        r#"pm.test("status is 200", () => pm.response.to.have.status(200)); "#,
        r#"pm.test("name is Bob", () => pm.expect(pm.response.json().name).to.equal("Bob")); "#,
        r#"console.log("got", pm.response.json()); "#,
        r#"pm.visualizer.set('<p id="v">Hello {{name}}</p><script>var v = document.getElementById("v"); "#,
        r#"v.dataset.ran = "yes"; pm.getData(function (e, d) { v.dataset.name = d.name; }); "#,
        &format!(r#"fetch("{leak}").then(function () {{ v.dataset.fetch = "sent"; }}, "#),
        r#"function () { v.dataset.fetch = "blocked"; });</script>', pm.response.json());"#,
    ]
    .concat()
}

#[tokio::test]
async fn scripts_show_tests_console_and_visualizer() {
    let name = "scripts_show_tests_console_and_visualizer";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = Server::start(|_| {
        Reply::text(r#"{"name":"Ada"}"#).header("Content-Type", "application/json")
    });
    if let Err(e) = send_with_scripts(name, &server).await {
        panic!("{e}");
    }
}

async fn send_with_scripts(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("scripts")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "Scripts E2E", "Greet").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/user")).await?;
            set_collection_pre_request(&client).await?;

            // The request's test script, in its Scripts tab; Send saves it.
            click(&client, "tab-scripts").await?;
            click(&client, "script-test-phase").await?;
            ui::type_into(
                &client,
                &hook("script-test"),
                &test_script(&server.url("/leak")),
            )
            .await?;
            click(&client, "send").await?;

            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
            ui::wait_for_text_containing(&client, &hook("send-status"), "1 of 2 tests passed")
                .await?;
            check_tests(&client).await?;
            check_console(&client).await?;
            check_visualizer(&client).await
        })
        .await?;
    let hits = server.hits();
    if hits.len() != 1 || hits[0].target != "/user" {
        return Err(HarnessError::Unexpected(format!(
            "expected one send to /user, got {:?}",
            hits.iter().map(|h| &h.target).collect::<Vec<_>>()
        )));
    }
    Ok(())
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

/// Opens the collection's settings (in a tab) from its row, types the pre-request script,
/// saves, and closes the tab with Ctrl+W, back to the request.
async fn set_collection_pre_request(client: &Client) -> Result<()> {
    let row = ui::wait_for_row(client, "tree-collection", "Scripts E2E").await?;
    ui::click_row_action(client, &row, "settings").await?;
    click(client, "collection-tab-scripts").await?;
    ui::type_into(client, &hook("script-pre-request"), PRE_REQUEST).await?;
    click(client, "collection-save").await?;
    ui::wait_for_text(
        client,
        &hook("collection-status"),
        "Collection settings saved",
    )
    .await?;
    // Not on the focused element: that is Save, disabled once saved, which takes no keys.
    let tab = ui::wait_for(client, &hook("collection-tab-scripts")).await?;
    ui::press_ctrl(&tab, "w").await?;
    wait_gone(client, "collection-save").await?;
    ui::wait_for(client, &hook("request-url")).await?;
    Ok(())
}

async fn wait_gone(client: &Client, hook_id: &str) -> Result<()> {
    let selector = hook(hook_id);
    ui::wait_until(&format!("{selector} to go"), || async {
        match client.find(Locator::Css(&selector)).await {
            Ok(_) => Ok(None),
            Err(e) if e.is_no_such_element() => Ok(Some(())),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// The Tests tab reads 1/2; in it, the counts, the passing and failing test with its message.
async fn check_tests(client: &Client) -> Result<()> {
    ui::wait_for_text_containing(client, &hook("response-tab-tests"), "1/2").await?;
    click(client, "response-tab-tests").await?;
    let counts = ui::wait_for_text_containing(client, &hook("test-counts"), "1 passed").await?;
    if !counts.contains("1 failed") || !counts.contains("0 skipped") {
        return Err(HarnessError::Unexpected(format!(
            "test counts read {counts:?}"
        )));
    }
    let passed = ui::wait_for_row(client, "test-row", "status is 200").await?;
    let failed = ui::wait_for_row(client, "test-row", "name is Bob").await?;
    let failed_text = ui::text_content(&failed).await?;
    let outcomes = (
        passed.attr("data-outcome").await?,
        failed.attr("data-outcome").await?,
    );
    if outcomes != (Some("passed".into()), Some("failed".into()))
        || !failed_text.contains("expected 'Ada' to equal 'Bob'")
        || !failed_text.contains("Scripts E2E / Greet · test")
    {
        return Err(HarnessError::Unexpected(format!(
            "tests read {outcomes:?}, failure {failed_text:?}"
        )));
    }
    Ok(())
}

/// The Console lists the collection's line and the request's, each with its script's place.
async fn check_console(client: &Client) -> Result<()> {
    click(client, "response-tab-console").await?;
    let pre = ui::wait_for_row(client, "console-line", "collection pre-request for Greet").await?;
    let log = ui::wait_for_row(client, "console-line", r#"got {"name":"Ada"}"#).await?;
    let pre_text = ui::text_content(&pre).await?;
    let levels = (pre.attr("data-level").await?, log.attr("data-level").await?);
    if levels != (Some("info".into()), Some("log".into()))
        || !pre_text.contains("Scripts E2E · pre-request")
    {
        return Err(HarnessError::Unexpected(format!(
            "console lines read {levels:?}, {pre_text:?}"
        )));
    }
    Ok(())
}

/// The Visualize tab's frame shows the rendered template; the template's inline script ran, read
/// the data, and its `fetch` was refused. The shell's snapshot of the window's first frame is not
/// in it.
async fn check_visualizer(client: &Client) -> Result<()> {
    click(client, "response-tab-visualize").await?;
    let frame = ui::wait_for(client, &hook("visualizer-frame")).await?;
    if frame.attr("sandbox").await?.as_deref() != Some("allow-scripts") {
        return Err(HarnessError::Unexpected(
            "the visualizer frame is not sandboxed to allow-scripts alone".into(),
        ));
    }
    frame.enter_frame().await?;
    let result = async {
        let text = ui::wait_for_text_containing(client, "#v", "Hello Ada").await?;
        let v = ui::wait_for(client, "#v[data-fetch]").await?;
        let marks = (
            v.attr("data-ran").await?,
            v.attr("data-name").await?,
            v.attr("data-fetch").await?,
        );
        let expected = (
            Some("yes".into()),
            Some("Ada".into()),
            Some("blocked".into()),
        );
        if marks != expected || !text.contains("Hello Ada") {
            return Err(HarnessError::Unexpected(format!(
                "the frame read {text:?}; its script left ran, name, fetch = {marks:?}"
            )));
        }
        // The shell's first-frame snapshot (workspaces, tree) is for the main frame only.
        let boot = client
            .execute("return typeof window.__LOCALPOST_BOOT__;", vec![])
            .await?;
        if boot != "undefined" {
            return Err(HarnessError::Unexpected(format!(
                "the visualizer frame has the window's snapshot: {boot}"
            )));
        }
        Ok::<_, HarnessError>(())
    }
    .await;
    client.enter_parent_frame().await?;
    result
}
