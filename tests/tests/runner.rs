//! The Runner end to end: a collection seeded in the store file before the app starts (a
//! folder with a request whose tests pass and fail, and a folder with a slow request), run
//! from the window against a loopback server in this process. Two iterations of the first
//! folder show live results with a passing and a failing test under iteration headers; the
//! failures filter, re-running the failed request, stopping a longer run, and the past runs
//! list are each checked against what the server saw, and the saved JSON report against the
//! run. Two shorter tests: a data file that does not parse shows its line, and the Runner is
//! driven by keyboard alone.
//!
//! Run through `scripts/e2e.sh runner` (see `desktop.rs`).

use crate::server;

use std::path::Path;
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_core::model::{NewFolder, NewRequest, Parent};
use localpost_core::store::{FILE_NAME, Store};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const COLLECTION: &str = "Runner E2E";

/// "Get thing"'s tests: one passes, one fails (the server answers id 1).
const TESTS: &str = concat!(
    "pm.test('status is 200', () => pm.response.to.have.status(200));\n",
    "pm.test('id is 2', () => pm.expect(pm.response.json().id).to.equal(2));\n",
);

#[tokio::test]
async fn runner_runs_filters_reruns_stops_and_lists_past_runs() {
    let name = "runner_runs_filters_reruns_stops_and_lists_past_runs";
    let server = Server::start(|hit| {
        let reply = Reply::text(r#"{"id":1}"#).header("Content-Type", "application/json");
        if hit.target == "/slow" {
            reply.delay(Duration::from_millis(700))
        } else {
            reply
        }
    });
    if let Err(e) = run_from_the_window(name, &server).await {
        panic!("{e}");
    }
}

/// A request that only passes.
const HEALTH_TESTS: &str = "pm.test('health ok', () => pm.response.to.be.ok);";

/// The same, naming its test after the iteration's data row.
const HEALTH_DATA_TESTS: &str =
    "pm.test('row ' + pm.iterationData.get('name'), () => pm.response.to.be.ok);";

/// Seeds the collection: folder "Checks" with "Get thing" (a passing and a failing test) and
/// "Health" (a passing test, `health_tests`), folder "Slow" with "Wait".
fn seed(data: &Path, server: &Server, health_tests: &str) -> Result<()> {
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("seed: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let ws = store.ensure_workspace().map_err(fail)?;
    let coll = store.create_collection(ws.id, COLLECTION).map_err(fail)?;
    let folders = [
        (
            "Checks",
            vec![
                ("Get thing", "/thing", TESTS),
                ("Health", "/health", health_tests),
            ],
        ),
        ("Slow", vec![("Wait", "/slow", "")]),
    ];
    for (folder, requests) in folders {
        let folder = store
            .create_folder(NewFolder {
                parent: Parent::Collection(coll.id),
                name: folder.into(),
            })
            .map_err(fail)?;
        for (request, path, tests) in requests {
            let mut req = store
                .create_request(
                    NewRequest::new(Parent::Folder(folder.id), request).url(server.url(path)),
                )
                .map_err(fail)?;
            req.scripts.test = tests.into();
            store.update_request(&req).map_err(fail)?;
        }
    }
    Ok(())
}

async fn run_from_the_window(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("runner")?;
    seed(scratch.data.path(), server, HEALTH_TESTS)?;
    let report = scratch.data.path().join("report.json");
    let mut env = scratch.env();
    env.push(("LOCALPOST_TEST_SAVE_FILE", report.as_os_str()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            // From the collection row's Run action: the Runner opens on it, everything checked.
            let row = ui::wait_for_row(&client, "tree-collection", COLLECTION).await?;
            ui::click_row_action(&client, &row, "run").await?;
            ui::wait_for(&client, &hook("runner")).await?;
            two_iterations_of_checks(&client).await?;
            save_report(&client, &report).await?;
            failures_only_and_rerun(&client, server).await?;
            stop_a_longer_run(&client, server).await?;
            past_runs(&client).await
        })
        .await
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

async fn count(client: &Client, selector: &str) -> Result<usize> {
    Ok(client.find_all(Locator::Css(selector)).await?.len())
}

/// Waits until the past runs list holds `n` runs: a run is listed once it ended.
async fn wait_for_past_runs(client: &Client, n: usize) -> Result<()> {
    ui::wait_until(&format!("{n} past runs"), || async {
        Ok((count(client, &hook("runner-past-run")).await? == n).then_some(()))
    })
    .await
}

fn unexpected(what: String) -> HarnessError {
    HarnessError::Unexpected(what)
}

/// Sets the iterations field (its change lands on Tab, as a user leaves it).
async fn set_number(client: &Client, hook_id: &str, value: &str) -> Result<()> {
    let input = ui::wait_for(client, &hook(hook_id)).await?;
    ui::replace_text(&input, value).await?;
    Ok(input.send_keys(&Key::Tab.to_string()).await?)
}

/// Unchecks folder "Slow", runs 2 iterations, and sees each iteration's result live.
async fn two_iterations_of_checks(client: &Client) -> Result<()> {
    let slow = ui::wait_for_row(client, "runner-item", "Slow").await?;
    slow.find(Locator::Css("input")).await?.click().await?;
    ui::wait_for_text_containing(client, &hook("runner-items"), "2 of 3 selected").await?;
    set_number(client, "runner-iterations", "2").await?;
    click(client, "runner-run").await?;
    ui::wait_for_text_containing(
        client,
        &hook("runner-status"),
        "Run finished: 4 passed, 2 failed",
    )
    .await?;
    let headers = count(client, &hook("runner-iteration")).await?;
    let steps = count(client, &hook("runner-step")).await?;
    if (headers, steps) != (2, 4) {
        return Err(unexpected(format!(
            "expected 2 iteration headers and 4 requests, saw {headers} and {steps}"
        )));
    }
    let step = ui::wait_for_row(client, "runner-step", "Checks / Get thing").await?;
    let text = ui::text_content(&step).await?;
    let passed = ui::wait_for_row(client, "runner-check", "status is 200").await?;
    let failed = ui::wait_for_row(client, "runner-check", "id is 2").await?;
    let outcomes = (
        passed.attr("data-outcome").await?,
        failed.attr("data-outcome").await?,
    );
    let failed_text = ui::text_content(&failed).await?;
    if outcomes != (Some("passed".into()), Some("failed".into()))
        || !failed_text.contains("expected 1 to equal 2")
        || !text.contains("/thing")
        || !text.contains("200")
    {
        return Err(unexpected(format!(
            "checks read {outcomes:?}, {failed_text:?}; the request read {text:?}"
        )));
    }
    Ok(())
}

/// Save report… writes newman's JSON report of the run: 2 iterations, 2 failed tests.
async fn save_report(client: &Client, path: &Path) -> Result<()> {
    click(client, "runner-report-save").await?;
    ui::wait_for_text_containing(client, &hook("runner-status"), "Report saved to").await?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| unexpected(format!("report {}: {e}", path.display())))?;
    let report: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| unexpected(format!("report: {e}")))?;
    let stats = &report["run"]["stats"];
    let seen = (
        stats["iterations"]["total"].as_u64(),
        stats["assertions"]["total"].as_u64(),
        stats["assertions"]["failed"].as_u64(),
        report["run"]["failures"].as_array().map(Vec::len),
    );
    if seen != (Some(2), Some(6), Some(2), Some(2)) {
        return Err(unexpected(format!(
            "the report's iterations, assertions, failed and failures read {seen:?}"
        )));
    }
    Ok(())
}

/// The failures filter keeps the failed turns; re-running them sends only the failed request.
async fn failures_only_and_rerun(client: &Client, server: &Server) -> Result<()> {
    click(client, "runner-failures-only").await?;
    let shown = count(client, &hook("runner-step")).await?;
    let failed = count(
        client,
        "[data-testid=\"runner-step\"][data-failed=\"true\"]",
    )
    .await?;
    if (shown, failed) != (2, 2) || count(client, &hook("runner-iteration")).await? != 2 {
        return Err(unexpected(format!(
            "failures only shows {shown} requests, {failed} failed"
        )));
    }
    click(client, "runner-failures-only").await?;
    let before = server.hits().len();
    ui::wait_for_text_containing(client, &hook("runner-rerun-failed"), "Re-run failed (1)").await?;
    click(client, "runner-rerun-failed").await?;
    wait_for_past_runs(client, 2).await?;
    ui::wait_for_text_containing(client, &hook("runner-status"), "Run finished").await?;
    let targets: Vec<String> = server.hits()[before..]
        .iter()
        .map(|h| h.target.clone())
        .collect();
    if targets != ["/thing", "/thing"] {
        return Err(unexpected(format!(
            "re-running the failed request sent {targets:?}"
        )));
    }
    Ok(())
}

/// Everything, 5 iterations with a delay (15 requests): stopped after the first result, it
/// sends no more.
async fn stop_a_longer_run(client: &Client, server: &Server) -> Result<()> {
    click(client, "runner-select-all").await?;
    ui::wait_for_text_containing(client, &hook("runner-items"), "3 of 3 selected").await?;
    set_number(client, "runner-iterations", "5").await?;
    set_number(client, "runner-delay", "200").await?;
    let before = server.hits().len();
    click(client, "runner-run").await?;
    ui::wait_for(client, &hook("runner-step")).await?;
    click(client, "runner-stop").await?;
    wait_for_past_runs(client, 3).await?;
    ui::wait_for_text_containing(client, &hook("runner-status"), "Run stopped").await?;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let sent = server.hits().len() - before;
    let steps = count(client, &hook("runner-step")).await?;
    if sent >= 15 || steps >= 15 || steps == 0 || sent > steps + 1 {
        return Err(unexpected(format!(
            "a stopped run of 15 requests sent {sent} and showed {steps}"
        )));
    }
    Ok(())
}

/// The three runs are listed, newest first; the stopped one says so; the first opens; runs
/// delete one by one.
async fn past_runs(client: &Client) -> Result<()> {
    let runs = count(client, &hook("runner-past-run")).await?;
    if runs != 3 {
        return Err(unexpected(format!("expected 3 past runs, saw {runs}")));
    }
    let newest = ui::wait_for(client, &hook("runner-past-run")).await?;
    let text = ui::text_content(&newest).await?;
    if !text.contains(COLLECTION) || !text.contains("stopped") {
        return Err(unexpected(format!("the newest past run reads {text:?}")));
    }
    let first = client
        .find_all(Locator::Css(&hook("runner-past-run")))
        .await?;
    let oldest = first
        .last()
        .ok_or_else(|| unexpected("no past run".into()))?;
    oldest.click().await?;
    ui::wait_for_text_containing(client, &hook("runner-past-view"), COLLECTION).await?;
    let steps = count(client, &hook("runner-step")).await?;
    if steps != 4 {
        return Err(unexpected(format!(
            "the first run, reopened, shows {steps} requests"
        )));
    }
    // Deleting the open run goes back to the current one; two are left.
    click(client, "runner-past-delete").await?;
    wait_for_past_runs(client, 2).await?;
    let oldest = client
        .find_all(Locator::Css(&hook("runner-past-delete")))
        .await?;
    oldest
        .last()
        .ok_or_else(|| unexpected("no past run".into()))?
        .click()
        .await?;
    wait_for_past_runs(client, 1).await?;
    if count(client, &hook("runner-past-view")).await? != 0 {
        return Err(unexpected("the deleted run is still shown".into()));
    }
    Ok(())
}

/// A data file that does not parse shows its error with the line, and Run waits for a good
/// one; chosen again once fixed, its rows show and each iteration runs with its row (the
/// dialog is answered by `LOCALPOST_TEST_OPEN_FILE`, as in debug builds only).
#[tokio::test]
async fn runner_previews_a_data_file_or_its_error_with_its_place() {
    let name = "runner_previews_a_data_file_or_its_error_with_its_place";
    let server = Server::start(|_| Reply::text("{}"));
    if let Err(e) = bad_data_file(name, &server).await {
        panic!("{e}");
    }
}

async fn bad_data_file(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("runner-data")?;
    seed(scratch.data.path(), server, HEALTH_DATA_TESTS)?;
    let file = scratch.data.path().join("users.csv");
    std::fs::write(&file, "id,name\n1,\"ada\n2,bob\n")
        .map_err(|e| HarnessError::Setup(format!("data file: {e}")))?;
    let mut env = scratch.env();
    env.push(("LOCALPOST_TEST_OPEN_FILE", file.as_os_str()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            click(&client, "open-runner").await?;
            click(&client, "runner-data-choose").await?;
            let error = ui::wait_for_text_containing(
                &client,
                &hook("runner-data-error"),
                "line 2: a quoted field is not closed",
            )
            .await?;
            let run = ui::wait_for(&client, &hook("runner-run")).await?;
            if !error.contains("users.csv")
                || run.prop("disabled").await?.as_deref() != Some("true")
            {
                return Err(unexpected(format!(
                    "the data error reads {error:?} and Run is not disabled"
                )));
            }
            std::fs::write(&file, "id,name\n1,ada\n2,bob\n")
                .map_err(|e| HarnessError::Setup(format!("data file: {e}")))?;
            click(&client, "runner-data-choose").await?;
            let preview =
                ui::wait_for_text_containing(&client, &hook("runner-data-preview"), "2 rows")
                    .await?;
            ui::wait_for_value(&client, &hook("runner-iterations"), "2").await?;
            if !preview.contains("ada") || !preview.contains("bob") {
                return Err(unexpected(format!("the preview reads {preview:?}")));
            }
            click(&client, "runner-run").await?;
            wait_for_past_runs(&client, 1).await?;
            ui::wait_for_row(&client, "runner-check", "row ada").await?;
            ui::wait_for_row(&client, "runner-check", "row bob").await?;
            Ok(())
        })
        .await
}

/// The Runner by keyboard alone: Tab to the sidebar's Runner button and Enter, type the
/// iterations, Tab to Run and Enter, then Esc stops the run.
#[tokio::test]
async fn runner_by_keyboard_alone() {
    let name = "runner_by_keyboard_alone";
    let server = Server::start(|_| Reply::text("{}").delay(Duration::from_millis(300)));
    if let Err(e) = by_keyboard(name, &server).await {
        panic!("{e}");
    }
}

/// Presses Tab until the element with test id `hook_id` has the focus.
async fn tab_to(client: &Client, hook_id: &str) -> Result<()> {
    for _ in 0..60 {
        let focused = client.active_element().await?;
        if focused.attr("data-testid").await?.as_deref() == Some(hook_id) {
            return Ok(());
        }
        focused.send_keys(&Key::Tab.to_string()).await?;
    }
    Err(unexpected(format!("Tab never reached {hook_id}")))
}

async fn by_keyboard(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("runner-keys")?;
    seed(scratch.data.path(), server, HEALTH_TESTS)?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for_row(&client, "tree-collection", COLLECTION).await?;
            tab_to(&client, "open-runner").await?;
            ui::press(&client, Key::Enter).await?;
            ui::wait_for(&client, &hook("runner")).await?;
            tab_to(&client, "runner-iterations").await?;
            let focused = client.active_element().await?;
            focused.send_keys(&(Key::Control + "a")).await?;
            focused.send_keys("3").await?;
            tab_to(&client, "runner-run").await?;
            ui::press(&client, Key::Enter).await?;
            ui::wait_for(&client, &hook("runner-step")).await?;
            ui::press(&client, Key::Escape).await?;
            wait_for_past_runs(&client, 1).await?;
            ui::wait_for_text_containing(&client, &hook("runner-status"), "Run stopped").await?;
            let steps = count(&client, &hook("runner-step")).await?;
            if !(1..9).contains(&steps) {
                return Err(unexpected(format!(
                    "a run of 9 requests stopped by Esc showed {steps}"
                )));
            }
            Ok(())
        })
        .await
}
