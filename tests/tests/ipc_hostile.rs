//! A compromised webview gets nothing out of the commands (issue 13): called straight through
//! `window.__TAURI_INTERNALS__.invoke`, as script injected into the window would, `save_body`,
//! `open_document` and `preview_document` refuse a file the engine did not save,
//! `save_run_report` takes no path (the one given is ignored: no file appears there), and an
//! oversized name or one with a line break creates nothing. Each rejection is kind `invalid` with the argument as its place.
//!
//! Run through `scripts/e2e.sh ipc_hostile`.

use fantoccini::Client;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use serde_json::{Value, json};

#[tokio::test]
async fn ipc_hostile_arguments_from_the_webview_are_refused() {
    let name = "ipc_hostile_arguments_from_the_webview_are_refused";
    if let Err(e) = run(name).await {
        panic!("{e}");
    }
}

/// Invokes each `[command, args]` of `calls` from the window; returns, for each, `{ok}` or
/// `{err}` (the rejection: a `UiError`, or Tauri's message for arguments it cannot decode).
async fn invoke_all(client: &Client, calls: Value) -> Result<Vec<Value>> {
    let script = r#"
        const [calls, done] = arguments;
        const invoke = window.__TAURI_INTERNALS__.invoke;
        Promise.all(calls.map(([command, args]) =>
            invoke(command, args).then((ok) => ({ ok }), (err) => ({ err }))
        )).then(done);
    "#;
    match client.execute_async(script, vec![calls]).await? {
        Value::Array(outcomes) => Ok(outcomes),
        other => Err(HarnessError::Unexpected(format!(
            "invoke gave {other}, not a list"
        ))),
    }
}

fn expect_invalid(outcome: &Value, place: &str) -> Result<()> {
    let err = &outcome["err"];
    if err["kind"] == json!("invalid") && err["place"] == json!(place) {
        Ok(())
    } else {
        Err(HarnessError::Unexpected(format!(
            "expected a rejection with kind invalid at {place}, got {outcome}"
        )))
    }
}

async fn run(name: &str) -> Result<()> {
    let scratch = Scratch::new("ipc-hostile")?;
    let outside = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let secret = outside.path().join("body-secret");
    std::fs::write(&secret, "private").map_err(|e| HarnessError::Setup(e.to_string()))?;
    let report = outside.path().join("report.json");
    let mut env = scratch.env();
    // Were a save dialog asked, it would answer here: no file may appear.
    let answer = outside.path().join("dialog-answer");
    env.push(("LOCALPOST_TEST_SAVE_FILE", answer.as_os_str()));
    // A confirmation the window asks for is declined, as a user would who did not ask.
    env.push(("LOCALPOST_TEST_CONFIRM", "no".as_ref()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    let secret = secret.display().to_string();
    session
        .run(async {
            ui::wait_for(&client, &hook("empty-new-request")).await?;
            let calls = json!([
                ["save_body", {"content": {"encoding": "text", "text": "x"}, "file": secret, "name": "b.txt"}],
                ["save_body", {"content": {"encoding": "text", "text": "x"}, "file": "/etc/passwd", "name": "b.txt"}],
                ["open_document", {"source": {"kind": "file", "file": "/etc/passwd"}, "options": {}}],
                ["open_document", {"source": {"kind": "file", "file": "/tmp/localpost/../../etc/passwd"}, "options": {}}],
                ["preview_document", {"source": {"kind": "file", "file": "/etc/passwd"}, "options": {}}],
                ["create_workspace", {"name": "w".repeat(2000)}],
                ["create_workspace", {"name": "line\nbreak"}],
                ["save_run_report", {"run": 1, "format": "json", "path": report.display().to_string()}],
                ["list_workspaces", {}],
            ]);
            let outcomes = invoke_all(&client, calls).await?;
            check(&outcomes)?;
            widening_the_file_rules_is_not_the_window_s(&client, &secret).await
        })
        .await?;
    for path in [&report, &answer] {
        if path.exists() {
            return Err(HarnessError::Unexpected(format!(
                "{} was written",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The window cannot widen which files a send reads: `save_preferences` keeps the stored file
/// rules, and `allow_reading_outside` changes nothing unless the user confirms it natively.
async fn widening_the_file_rules_is_not_the_window_s(client: &Client, secret: &str) -> Result<()> {
    let read = invoke_all(client, json!([["get_preferences", {}]])).await?;
    let mut prefs = read[0]["ok"].clone();
    let before = prefs["files"].clone();
    prefs["files"] = json!({"workingDir": "/", "readOutside": true, "chosen": [secret]});
    let calls = json!([
        ["save_preferences", {"preferences": prefs}],
        ["allow_reading_outside", {}],
        ["get_preferences", {}],
    ]);
    let outcomes = invoke_all(client, calls).await?;
    let saved = &outcomes[0]["ok"]["files"];
    let allowed = &outcomes[1]["ok"];
    let after = &outcomes[2]["ok"]["files"];
    if before.is_null() || saved != &before || allowed != &before || after != &before {
        return Err(HarnessError::Unexpected(format!(
            "the file rules moved: before {before}, then {outcomes:?}"
        )));
    }
    Ok(())
}

fn check(outcomes: &[Value]) -> Result<()> {
    if outcomes.len() != 9 {
        return Err(HarnessError::Unexpected(format!("outcomes: {outcomes:?}")));
    }
    let places = [
        (0, "file"),
        (1, "file"),
        (2, "file"),
        (3, "file"),
        (4, "file"),
        (5, "name"),
        (6, "name"),
    ];
    for (i, place) in places {
        expect_invalid(&outcomes[i], place)?;
    }
    // No run of this session has that id: not found, and the path given goes nowhere.
    if outcomes[7]["err"]["kind"] != json!("notFound") {
        return Err(HarnessError::Unexpected(format!(
            "save_run_report: {}",
            outcomes[7]
        )));
    }
    let names: Vec<&str> = outcomes[8]["ok"]
        .as_array()
        .map(|ws| ws.iter().filter_map(|w| w["name"].as_str()).collect())
        .unwrap_or_default();
    if names.is_empty()
        || names
            .iter()
            .any(|n| n.starts_with("www") || n.contains('\n'))
    {
        return Err(HarnessError::Unexpected(format!(
            "workspaces after the refusals: {names:?}"
        )));
    }
    Ok(())
}
