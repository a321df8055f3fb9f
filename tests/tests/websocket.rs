//! A WebSocket request made in the window (issue 14), against the loopback echo server: the
//! New request dialog makes it a WebSocket request, a saved message is added on its Messages
//! tab, Connect shows the handshake, the saved message's Send and a typed message (Ctrl+Enter
//! in the composer) are both echoed in the timeline, and Disconnect shows the close frame.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

use crate::ws_server::EchoServer;

#[tokio::test]
async fn a_websocket_request_made_in_the_app_connects_sends_and_disconnects() {
    let name = "a_websocket_request_made_in_the_app_connects_sends_and_disconnects";
    if let Err(e) = converse(name).await {
        panic!("{e}");
    }
}

async fn converse(name: &str) -> Result<()> {
    let server = EchoServer::start();
    let scratch = Scratch::new("websocket")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            create_socket(&client).await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/chat")).await?;

            // A saved message, not sent on open: its own Send sends it.
            ui::click(&client, &hook("tab-messages")).await?;
            ui::click(&client, &hook("ws-message-add")).await?;
            let content = ui::wait_for(&client, &hook("ws-message-content")).await?;
            content.send_keys("saved hello").await?;
            ui::click(&client, &hook("ws-message-enabled")).await?;

            ui::click(&client, &hook("connect")).await?;
            ui::wait_for_text(&client, &hook("ws-state"), "open").await?;
            ui::wait_for_text_containing(
                &client,
                &hook("ws-handshake-status"),
                "101 Switching Protocols",
            )
            .await?;
            ui::wait_for(&client, &hook("disconnect")).await?;

            ui::click(&client, &hook("ws-message-send")).await?;
            received(&client, "text", "saved hello").await?;

            let composer = ui::wait_for(&client, &hook("ws-compose-text")).await?;
            composer.send_keys("typed hi").await?;
            ui::press_ctrl(&composer, &fantoccini::key::Key::Enter.to_string()).await?;
            received(&client, "text", "typed hi").await?;

            ui::click(&client, &hook("disconnect")).await?;
            ui::wait_for_text(&client, &hook("ws-state"), "closed").await?;
            ui::wait_for_text_containing(&client, &hook("ws-status"), "Closed by you (1000)")
                .await?;
            frame(&client, "sent", "close", "close 1000").await?;
            ui::wait_for(&client, &hook("connect")).await?;
            Ok(())
        })
        .await?;
    let seen = server.seen();
    if seen.messages != 2 || seen.close_codes != [1000] {
        return Err(HarnessError::Unexpected(format!(
            "the server saw {} messages and close codes {:?}",
            seen.messages, seen.close_codes
        )));
    }
    Ok(())
}

/// Creates collection "Sockets" and, from its row's New request, WebSocket request "Echo".
async fn create_socket(client: &Client) -> Result<()> {
    let mut prompt = None;
    for _ in 0..4 {
        ui::click(client, &hook("new-collection")).await?;
        for _ in 0..25 {
            if let Ok(input) = client.find(Locator::Css(&hook("prompt-input"))).await {
                prompt = Some(input);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        if prompt.is_some() {
            break;
        }
    }
    let prompt = match prompt {
        Some(input) => input,
        None => ui::wait_for(client, &hook("prompt-input")).await?,
    };
    ui::type_and_enter(&prompt, "Sockets").await?;
    let row = ui::wait_for_row(client, "tree-collection", "Sockets").await?;
    ui::click_row_action(client, &row, "add-request").await?;
    ui::click(client, &hook("prompt-websocket")).await?;
    let input = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&input, "Echo").await?;
    ui::wait_for_value(client, &hook("request-name"), "Echo").await?;
    ui::wait_for_text(client, &hook("request-protocol"), "WS").await?;
    ui::wait_for_row(client, "tree-request", "Echo").await?;
    Ok(())
}

/// Waits for a received frame of `kind` whose row holds `text`.
async fn received(client: &Client, kind: &str, text: &str) -> Result<()> {
    frame(client, "received", kind, text).await
}

/// Waits for a timeline row of `direction` and `kind` whose text holds `text` (the rows' DOM
/// text, read in the page: WebKitWebDriver's element text is unreliable for table rows).
async fn frame(client: &Client, direction: &str, kind: &str, text: &str) -> Result<()> {
    let selector = format!(
        "{}[data-direction=\"{direction}\"][data-kind=\"{kind}\"]",
        hook("ws-frame")
    );
    let script = "return [...document.querySelectorAll(arguments[0])]\
                  .map((row) => row.textContent).join('\\n');";
    let found = ui::wait_until(
        &format!("a {direction} {kind} frame with {text:?}"),
        || async {
            let rows = client
                .execute(script, vec![serde_json::json!(selector)])
                .await?;
            Ok(rows.as_str().filter(|rows| rows.contains(text)).map(|_| ()))
        },
    )
    .await;
    if found.is_err() {
        let all = client
            .execute(script, vec![serde_json::json!(hook("ws-frame"))])
            .await?;
        return Err(HarnessError::Unexpected(format!(
            "no {direction} {kind} frame with {text:?}; the timeline holds: {all}"
        )));
    }
    Ok(())
}
