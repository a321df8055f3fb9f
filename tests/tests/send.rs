//! Sending from the window, end to end: a request built in the UI (method, header, raw JSON
//! body) goes to a real loopback server in this process, which checks what arrived, and the
//! response panel shows its status, body and headers. Ctrl+Enter sends too, Esc cancels a slow
//! send, and a refused connection shows its error in the panel.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use crate::server;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const BODY: &str = r#"{"name":"Ada"}"#;

#[tokio::test]
async fn send_from_the_window_shows_the_response() {
    let name = "send_from_the_window_shows_the_response";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = start_server();
    if let Err(e) = send_and_read_the_response(name, &server).await {
        panic!("{e}");
    }
}

/// Answers `/slow` after 30 s, anything else at once with `201`, a JSON body counting the
/// requests so far, and an `X-Served-By` header.
fn start_server() -> Server {
    let count = Arc::new(AtomicUsize::new(0));
    Server::start(move |req| {
        if req.target == "/slow" {
            return Reply::text("late").delay(Duration::from_secs(30));
        }
        let n = count.fetch_add(1, Ordering::SeqCst) + 1;
        Reply::text(format!(r#"{{"echo":"hello","n":{n}}}"#))
            .with_status(201)
            .header("Content-Type", "application/json")
            .header("X-Served-By", "loopback")
    })
}

async fn send_and_read_the_response(name: &str, server: &Server) -> Result<()> {
    let refused = closed_port()?;
    let scratch = Scratch::new("send")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            build_request(&client, &server.url("/echo?source=e2e")).await?;

            // Send with the button: the server sees everything the UI set.
            ui::click(&client, &hook("send")).await?;
            check_response(&client, "\"n\": 1").await?;
            check_first_hit(server)?;

            // Ctrl+Enter from the URL field sends again.
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::press_ctrl(&url, &Key::Enter.to_string()).await?;
            check_response(&client, "\"n\": 2").await?;

            // A slow send becomes cancellable; Esc cancels it.
            ui::replace_text(&url, &server.url("/slow")).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for(&client, &hook("cancel")).await?;
            ui::press(&client, Key::Escape).await?;
            ui::wait_for_text_containing(&client, &hook("response-error"), "Request cancelled")
                .await?;
            ui::wait_for(&client, &hook("send")).await?;

            // Nothing listens: the panel names the address.
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &format!("http://127.0.0.1:{refused}/")).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text_containing(
                &client,
                &hook("response-error"),
                &format!("connection refused by http://127.0.0.1:{refused}"),
            )
            .await?;
            Ok(())
        })
        .await?;
    let hits = server.hits();
    if hits.len() != 3 || hits[2].target != "/slow" {
        return Err(HarnessError::Unexpected(format!(
            "expected two sends to /echo and one to /slow, got {:?}",
            hits.iter().map(|h| &h.target).collect::<Vec<_>>()
        )));
    }
    Ok(())
}

/// Creates collection > request, then sets POST, the URL, a header and a raw JSON body through
/// the tabs, by keyboard and pointer as a user would. Nothing is saved: Send sends the edits
/// (the request's draft), as Postman does, and leaves them unsaved.
async fn build_request(client: &Client, url: &str) -> Result<()> {
    ui::new_request(client, "Send", "Echo").await?;

    let method = ui::wait_for(client, &hook("request-method")).await?;
    ui::replace_text(&method, "POST").await?;
    let url_input = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url_input, url).await?;

    // The URL's query shows up in the Params table.
    ui::click(client, &hook("tab-params")).await?;
    ui::wait_for_value(client, &hook("param-key"), "source").await?;

    // The tabs follow the tablist pattern: the arrow keys move between them.
    let params = ui::wait_for(client, &hook("tab-params")).await?;
    params.send_keys(&Key::Right.to_string()).await?;
    ui::wait_for(client, &hook("header-key"))
        .await?
        .send_keys("X-Trace")
        .await?;
    let value = client.find(Locator::Css(&hook("header-value"))).await?;
    value.send_keys("e2e-1").await?;

    ui::wait_for(client, &hook("tab-headers"))
        .await?
        .send_keys(&Key::Right.to_string())
        .await?;
    ui::select(client, &hook("body-mode"), "raw").await?;
    ui::type_into(client, &hook("body-raw"), BODY).await?;
    ui::wait_for_text(client, &hook("save-status"), "Unsaved changes").await
}

/// The panel shows 201 Created, a time, a size, a body holding `needle` and the header.
async fn check_response(client: &Client, needle: &str) -> Result<()> {
    ui::wait_for_text_containing(client, &hook("response-body"), needle).await?;
    ui::wait_for_text(client, &hook("response-status"), "201 Created").await?;
    ui::wait_for_text(client, &hook("save-status"), "Unsaved changes").await?;
    let time = ui::wait_for(client, &hook("response-time"))
        .await?
        .text()
        .await?;
    if !time.trim().ends_with(" ms") {
        return Err(HarnessError::Unexpected(format!(
            "response time reads {time:?}"
        )));
    }
    let size = ui::wait_for(client, &hook("response-size"))
        .await?
        .text()
        .await?;
    if !size.trim().ends_with(" B") {
        return Err(HarnessError::Unexpected(format!(
            "response size reads {size:?}"
        )));
    }
    ui::wait_for_text_containing(client, &hook("response-body"), "\"echo\": \"hello\"").await?;
    ui::click(client, &hook("response-tab-headers")).await?;
    ui::wait_for_text_containing(client, &hook("response-headers"), "x-served-by").await?;
    ui::wait_for_text_containing(client, &hook("response-headers"), "loopback").await?;
    ui::click(client, &hook("response-tab-body")).await?;
    Ok(())
}

/// The first request arrived as built in the window.
fn check_first_hit(server: &Server) -> Result<()> {
    let hits = server.hits();
    let Some(hit) = hits.first() else {
        return Err(HarnessError::Unexpected("the server was not hit".into()));
    };
    let checks = [
        ("method", hit.method.as_str(), "POST"),
        ("target", hit.target.as_str(), "/echo?source=e2e"),
        (
            "x-trace",
            hit.header("x-trace").unwrap_or_default(),
            "e2e-1",
        ),
        (
            "content-type",
            hit.header("content-type").unwrap_or_default(),
            "application/json",
        ),
        ("body", &hit.text(), BODY),
    ];
    for (what, got, want) in checks {
        if got != want {
            return Err(HarnessError::Unexpected(format!(
                "server received {what} {got:?}, expected {want:?}"
            )));
        }
    }
    Ok(())
}

/// A loopback port nothing listens on (bound, then released).
fn closed_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| HarnessError::Setup(format!("cannot bind a loopback port: {e}")))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| HarnessError::Setup(e.to_string()))
}
