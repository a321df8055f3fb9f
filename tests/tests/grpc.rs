//! gRPC requests made in the window (issue 14), against the loopback tonic server by
//! reflection: the New request dialog makes a gRPC request, Load methods lists the server's
//! methods, the unary method's example message is invoked and its reply and status OK show; a
//! bidirectional call takes two messages from the composer, their replies arrive, and End
//! streaming ends it OK. Each leaves a screenshot of the gRPC view for reviewers
//! (`tests/artifacts/screens/grpc-unary.png`, `grpc-bidirectional.png`).
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch, screens};

use crate::grpc_server::GrpcServer;

#[tokio::test]
async fn a_grpc_request_made_in_the_app_invokes_a_unary_method_by_reflection() {
    let name = "a_grpc_request_made_in_the_app_invokes_a_unary_method_by_reflection";
    if let Err(e) = unary(name).await {
        panic!("{e}");
    }
}

#[tokio::test]
async fn a_bidirectional_grpc_call_takes_messages_from_the_composer_until_end_streaming() {
    let name = "a_bidirectional_grpc_call_takes_messages_from_the_composer_until_end_streaming";
    if let Err(e) = bidirectional(name).await {
        panic!("{e}");
    }
}

async fn unary(name: &str) -> Result<()> {
    let server = GrpcServer::start();
    let scratch = Scratch::new("grpc-unary")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            create_call(&client, &server.url(), "test.echo.Echo/Unary").await?;
            ui::click(&client, &hook("tab-grpc-message")).await?;
            ui::click(&client, &hook("grpc-use-example")).await?;
            ui::wait_until("the example message", || async {
                let text = ui::value(&ui::wait_for(&client, &hook("grpc-message")).await?).await?;
                Ok((text.contains("\"text\"") && text.contains("\"note\"")).then_some(()))
            })
            .await?;
            ui::click(&client, &hook("invoke")).await?;
            ui::wait_for_text(&client, &hook("grpc-status-code"), "0 OK").await?;
            message(&client, "received", "\"index\"").await?;
            ui::wait_for(&client, &hook("invoke")).await?;
            client.set_window_size(1400, 900).await?;
            screens::capture(&client, "grpc-unary").await?;
            Ok(())
        })
        .await?;
    if server.calls("/test.echo.Echo/Unary") != 1 {
        return Err(HarnessError::Unexpected(format!(
            "the server answered {} unary calls",
            server.calls("/test.echo.Echo/Unary")
        )));
    }
    Ok(())
}

async fn bidirectional(name: &str) -> Result<()> {
    let server = GrpcServer::start();
    let scratch = Scratch::new("grpc-bidi")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            create_call(&client, &server.url(), "test.echo.Echo/Chat").await?;
            ui::click(&client, &hook("invoke")).await?;
            ui::wait_for(&client, &hook("cancel-call")).await?;
            for text in ["one", "two"] {
                let composer = ui::wait_for(&client, &hook("ws-compose-text")).await?;
                ui::replace_text(&composer, &format!("{{\"text\": \"{text}\"}}")).await?;
                ui::press_ctrl(&composer, &fantoccini::key::Key::Enter.to_string()).await?;
                message(&client, "received", &format!("echo {text}")).await?;
            }
            client.set_window_size(1400, 900).await?;
            screens::capture(&client, "grpc-bidirectional").await?;
            ui::click(&client, &hook("grpc-end-stream")).await?;
            ui::wait_for_text(&client, &hook("grpc-status-code"), "0 OK").await?;
            ui::wait_for(&client, &hook("invoke")).await?;
            Ok(())
        })
        .await?;
    if server.calls("/test.echo.Echo/Chat") != 1 {
        return Err(HarnessError::Unexpected(format!(
            "the server answered {} Chat calls",
            server.calls("/test.echo.Echo/Chat")
        )));
    }
    Ok(())
}

/// Creates collection "Calls" and, from its row's New request, gRPC request "Echo" at `url`,
/// lists its methods by reflection and picks `method`.
async fn create_call(client: &Client, url: &str, method: &str) -> Result<()> {
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
    ui::type_and_enter(&prompt, "Calls").await?;
    let row = ui::wait_for_row(client, "tree-collection", "Calls").await?;
    ui::click_row_action(client, &row, "add-request").await?;
    ui::click(client, &hook("prompt-grpc")).await?;
    let input = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&input, "Echo").await?;
    ui::wait_for_value(client, &hook("request-name"), "Echo").await?;
    ui::wait_for_text(client, &hook("request-protocol"), "gRPC").await?;
    let field = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&field, url).await?;
    ui::click(client, &hook("grpc-refresh")).await?;
    ui::wait_for_text(client, &hook("grpc-methods-status"), "6 methods").await?;
    ui::select(client, &hook("grpc-method"), method).await?;
    ui::wait_for_value(client, &hook("grpc-method"), method).await?;
    Ok(())
}

/// Waits for a timeline row of `direction` whose text holds `text` (read in the page, as the
/// WebSocket test does).
async fn message(client: &Client, direction: &str, text: &str) -> Result<()> {
    let selector = format!("{}[data-direction=\"{direction}\"]", hook("ws-frame"));
    let script = "return [...document.querySelectorAll(arguments[0])]\
                  .map((row) => row.textContent).join('\\n');";
    let found = ui::wait_until(&format!("a {direction} message with {text:?}"), || async {
        let rows = client
            .execute(script, vec![serde_json::json!(selector)])
            .await?;
        Ok(rows.as_str().filter(|rows| rows.contains(text)).map(|_| ()))
    })
    .await;
    if found.is_err() {
        let all = client
            .execute(script, vec![serde_json::json!(hook("ws-frame"))])
            .await?;
        return Err(HarnessError::Unexpected(format!(
            "no {direction} message with {text:?}; the timeline holds: {all}"
        )));
    }
    Ok(())
}
