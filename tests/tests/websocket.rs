//! A WebSocket request made in the window (issue 14), against the loopback echo server: the
//! New request dialog makes it a WebSocket request, a saved message is added on its Messages
//! tab, Connect shows the handshake, the saved message's Send and a typed message (Ctrl+Enter
//! in the composer) are both echoed in the timeline, and Disconnect shows the close frame. A
//! flood of frames is drawn virtualised in the real layout: only the rows in view, following the
//! newest at the end and staying put when scrolled up.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch, screens};

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

#[tokio::test]
async fn a_flood_of_frames_draws_only_the_rows_in_view_and_follows_the_newest_at_the_end() {
    let name = "a_flood_of_frames_draws_only_the_rows_in_view_and_follows_the_newest_at_the_end";
    if let Err(e) = flood(name).await {
        panic!("{e}");
    }
}

/// The timeline's box as the page lays it out.
struct View {
    /// Frame rows in the DOM.
    drawn: u64,
    /// The text of the rows at least partly in view, top to bottom.
    in_view: Vec<String>,
    /// Whether the box is scrolled to its end.
    at_end: bool,
    scroll_height: f64,
    /// Heights of the header, of a plain row and of the expanded row (0 when none is drawn).
    head: f64,
    row: f64,
    open: f64,
}

const VIEW: &str = "
    const box = document.querySelector(arguments[0]);
    const rows = box ? [...box.querySelectorAll('[data-testid=\"ws-frame\"]')] : [];
    if (rows.length === 0) return null;
    const head = box.querySelector('thead').getBoundingClientRect();
    const bottom = box.getBoundingClientRect().bottom;
    const plain = rows.find((r) => !r.classList.contains('expanded'));
    const open = box.querySelector('tr.expanded');
    return {
      drawn: rows.length,
      inView: rows
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > head.bottom + 1 && b.top < bottom - 1;
        })
        .map((r) => r.textContent.replace(/\\s+/g, ' ').trim()),
      atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 2,
      scrollHeight: box.scrollHeight,
      head: head.height,
      row: plain ? plain.getBoundingClientRect().height : 0,
      open: open ? open.getBoundingClientRect().height : 0,
    };";

/// Waits until the timeline's view satisfies `ok`, described by `what`.
async fn view_until(client: &Client, what: &str, ok: impl Fn(&View) -> bool) -> Result<View> {
    let last = std::cell::RefCell::new(String::from("no rows"));
    let (last_seen, ok) = (&last, &ok);
    let found = ui::wait_until(what, || async move {
        let got = client
            .execute(VIEW, vec![serde_json::json!(hook("ws-rows"))])
            .await?;
        let Some(view) = read_view(&got) else {
            return Ok(None);
        };
        if ok(&view) {
            return Ok(Some(view));
        }
        *last_seen.borrow_mut() = got.to_string();
        Ok(None)
    })
    .await;
    let last = last.into_inner();
    found.map_err(|e| HarnessError::Unexpected(format!("{e}; the timeline's view: {last}")))
}

fn read_view(got: &serde_json::Value) -> Option<View> {
    let number = |key: &str| got.get(key).and_then(serde_json::Value::as_f64);
    Some(View {
        drawn: got.get("drawn")?.as_u64()?,
        in_view: got
            .get("inView")?
            .as_array()?
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        at_end: got.get("atEnd")?.as_bool()?,
        scroll_height: number("scrollHeight")?,
        head: number("head")?,
        row: number("row")?,
        open: number("open")?,
    })
}

/// Whether the last row in view holds `text`.
fn newest_in_view(view: &View, text: &str) -> bool {
    view.in_view.last().is_some_and(|row| row.contains(text))
}

/// Sends `text` from the composer (which keeps what it sent).
async fn compose(client: &Client, text: &str) -> Result<()> {
    let composer = ui::wait_for(client, &hook("ws-compose-text")).await?;
    ui::replace_text(&composer, text).await?;
    ui::press_ctrl(&composer, &fantoccini::key::Key::Enter.to_string()).await
}

/// Scrolls the timeline's box to its top, or to its end when `end`.
async fn scroll_to(client: &Client, end: bool) -> Result<()> {
    client
        .execute(
            "const box = document.querySelector(arguments[0]); \
             box.scrollTop = arguments[1] ? box.scrollHeight : 0;",
            vec![serde_json::json!(hook("ws-rows")), serde_json::json!(end)],
        )
        .await?;
    Ok(())
}

async fn flood(name: &str) -> Result<()> {
    let server = EchoServer::start();
    let scratch = Scratch::new("websocket-flood")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            create_socket(&client).await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/flood")).await?;
            ui::click(&client, &hook("connect")).await?;
            ui::wait_for_text(&client, &hook("ws-state"), "open").await?;

            // 3,000 frames: the newest in view, at the end, and only a window's worth drawn.
            compose(&client, "flood 3000").await?;
            ui::wait_for_text(&client, &hook("ws-frame-count"), "3001 frames").await?;
            let end = view_until(&client, "the newest frame in view at the end", |v| {
                v.at_end && newest_in_view(v, "flood 2999/3000")
            })
            .await?;
            if end.drawn > 100 {
                return Err(HarnessError::Unexpected(format!(
                    "{} of 3,001 rows are drawn; a window's worth was expected",
                    end.drawn
                )));
            }
            // The space standing for the rows not drawn adds up to their real height.
            let laid_out = end.head + 3001.0 * end.row;
            if (end.scroll_height - laid_out).abs() > 2.0 {
                return Err(HarnessError::Unexpected(format!(
                    "the timeline is {} px high; the header and 3,001 rows of {} px make {laid_out}",
                    end.scroll_height, end.row
                )));
            }
            screens::capture(&client, "websocket").await?;

            // Scrolled to the top, it stays there while more frames come.
            scroll_to(&client, false).await?;
            view_until(&client, "the first frame in view", |v| {
                v.in_view.first().is_some_and(|row| row.contains("flood 3000"))
                    && !v.at_end
            })
            .await?;
            compose(&client, "flood 5").await?;
            ui::wait_for_text(&client, &hook("ws-frame-count"), "3007 frames").await?;
            let top = view_until(&client, "the view still at the top", |v| {
                v.in_view.first().is_some_and(|row| row.contains("flood 3000"))
            })
            .await?;
            if top.in_view.iter().any(|row| row.contains("/5")) {
                return Err(HarnessError::Unexpected(format!(
                    "the view jumped to the new frames: {:?}",
                    top.in_view
                )));
            }

            // Back at the end, it follows again.
            scroll_to(&client, true).await?;
            view_until(&client, "the newest frame in view", |v| {
                v.at_end && newest_in_view(v, "flood 4/5")
            })
            .await?;
            compose(&client, "flood 3").await?;
            ui::wait_for_text(&client, &hook("ws-frame-count"), "3011 frames").await?;
            let followed = view_until(&client, "the view following the newest", |v| {
                v.at_end && newest_in_view(v, "flood 2/3")
            })
            .await?;

            // An expanded row keeps its measured height in the total.
            client
                .execute(
                    "const rows = document.querySelectorAll(arguments[0]); \
                     rows[rows.length - 1].querySelector('button').click();",
                    vec![serde_json::json!(hook("ws-frame"))],
                )
                .await?;
            let open = view_until(&client, "the newest frame expanded", |v| v.open > 0.0).await?;
            let laid_out = open.head + 3010.0 * open.row + open.open;
            if (open.scroll_height - laid_out).abs() > 2.0 || open.row != followed.row {
                return Err(HarnessError::Unexpected(format!(
                    "with a row of {} px expanded the timeline is {} px high, not {laid_out}",
                    open.open, open.scroll_height
                )));
            }
            Ok(())
        })
        .await?;
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
