//! A Socket.IO request made in the window (issue 14), against socket.io's own server
//! (`bench/socketio-server.js`, Node): the New request dialog makes it a Socket.IO request, an
//! auth payload is set on its Auth payload tab, Connect opens the session and connects the
//! namespace (the server's welcome shows the payload), the composer emits `echo` with two
//! arguments (seen echoed) and `ask` with Ack (its acknowledgement shows, matched to the emit),
//! and Disconnect leaves the namespace.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use fantoccini::Client;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

use crate::sio_server::SocketIoServer;

#[tokio::test]
async fn a_socketio_request_made_in_the_app_emits_with_an_ack_and_disconnects() {
    let name = "a_socketio_request_made_in_the_app_emits_with_an_ack_and_disconnects";
    if let Err(e) = session(name).await {
        panic!("{e}");
    }
}

async fn session(name: &str) -> Result<()> {
    let server = SocketIoServer::start();
    let scratch = Scratch::new("socketio")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let app = AppSession::start(&driver, name).await?;
    let client = app.client();
    app.run(async {
        create_request(&client).await?;
        let url = ui::wait_for(&client, &hook("request-url")).await?;
        ui::replace_text(&url, &server.url("/")).await?;

        ui::click(&client, &hook("tab-sio-auth-payload")).await?;
        ui::type_into(
            &client,
            &hook("sio-auth-payload-text"),
            r#"{"user": "ada"}"#,
        )
        .await?;

        ui::click(&client, &hook("connect")).await?;
        ui::wait_for_text(&client, &hook("ws-state"), "open").await?;
        moment(&client, "connected", "", "connected /").await?;
        moment(
            &client,
            "event",
            "received",
            r#"welcome{"authorization":null,"auth":{"user":"ada"}"#,
        )
        .await?;

        let event = ui::wait_for(&client, &hook("sio-compose-event")).await?;
        event.send_keys("echo").await?;
        choose_json(&client).await?;
        ui::type_into(&client, &hook("ws-compose-text"), r#"["hi", 2]"#).await?;
        ui::click(&client, &hook("sio-compose-spread")).await?;
        ui::click(&client, &hook("ws-compose-send")).await?;
        moment(&client, "event", "received", r#"echo"hi", 2"#).await?;

        let event = ui::wait_for(&client, &hook("sio-compose-event")).await?;
        ui::replace_text(&event, "ask").await?;
        ui::click(&client, &hook("sio-compose-spread")).await?;
        ui::click(&client, &hook("sio-compose-ack")).await?;
        let text = ui::wait_for(&client, &hook("ws-compose-text")).await?;
        ui::replace_text(&text, "42").await?;
        ui::press_ctrl(&text, &fantoccini::key::Key::Enter.to_string()).await?;
        moment(&client, "event", "sent", "askasks ack #0, answered42").await?;
        moment(&client, "ack", "received", r#"ack #0 (ask)"answer", 42"#).await?;

        ui::click(&client, &hook("disconnect")).await?;
        ui::wait_for_text(&client, &hook("ws-state"), "closed").await?;
        ui::wait_for_text_containing(&client, &hook("ws-status"), "Closed by you").await?;
        moment(&client, "disconnected", "", "disconnected / (by you)").await?;
        ui::wait_for(&client, &hook("connect")).await?;
        Ok(())
    })
    .await
}

/// Creates collection "Realtime" and, from its row's New request, Socket.IO request "Chat".
async fn create_request(client: &Client) -> Result<()> {
    ui::click(client, &hook("new-collection")).await?;
    let prompt = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&prompt, "Realtime").await?;
    let row = ui::wait_for_row(client, "tree-collection", "Realtime").await?;
    ui::click_row_action(client, &row, "add-request").await?;
    ui::click(client, &hook("prompt-socketio")).await?;
    let input = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&input, "Chat").await?;
    ui::wait_for_value(client, &hook("request-name"), "Chat").await?;
    ui::wait_for_text(client, &hook("request-protocol"), "SIO").await?;
    ui::wait_for_row(client, "tree-request", "Chat").await?;
    Ok(())
}

/// Picks JSON as the composer's argument kind.
async fn choose_json(client: &Client) -> Result<()> {
    let script = "const s = document.querySelector(arguments[0]); s.value = 'json'; \
                  s.dispatchEvent(new Event('change', {bubbles: true}));";
    client
        .execute(script, vec![serde_json::json!(hook("ws-compose-kind"))])
        .await?;
    Ok(())
}

/// Waits for a timeline row of `kind` (and `direction`, when not empty) whose text, its
/// whitespace removed, holds `text` (whitespace removed too).
async fn moment(client: &Client, kind: &str, direction: &str, text: &str) -> Result<()> {
    let mut selector = format!("{}[data-kind=\"{kind}\"]", hook("sio-moment"));
    if !direction.is_empty() {
        selector.push_str(&format!("[data-direction=\"{direction}\"]"));
    }
    let script = "return [...document.querySelectorAll(arguments[0])]\
                  .map((row) => row.textContent.replace(/\\s+/g, '')).join('\\n');";
    let wanted: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let found = ui::wait_until(&format!("a {kind} moment with {text:?}"), || async {
        let rows = client
            .execute(script, vec![serde_json::json!(selector)])
            .await?;
        Ok(rows
            .as_str()
            .filter(|rows| rows.contains(&wanted))
            .map(|_| ()))
    })
    .await;
    if found.is_err() {
        let all = client
            .execute(script, vec![serde_json::json!(hook("sio-moment"))])
            .await?;
        return Err(HarnessError::Unexpected(format!(
            "no {kind} moment with {text:?}; the timeline holds: {all}"
        )));
    }
    Ok(())
}
