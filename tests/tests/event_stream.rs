//! A Server-Sent Events response in the window: its events show as they arrive, while the
//! loopback server still holds the stream open (it sends its second event only once the window
//! shows the first); Cancel stops the stream and its events stay on screen. With Reconnect
//! ticked, a stream the server ends, or the network cuts mid-chunk, is opened again with the
//! last event id as `Last-Event-ID`, and its events follow the earlier ones.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

/// How long the server holds the stream open for the window to show an event.
const HOLD: Duration = Duration::from_secs(30);

#[tokio::test]
async fn an_event_stream_shows_its_events_as_they_arrive() {
    let name = "an_event_stream_shows_its_events_as_they_arrive";
    if let Err(e) = stream_and_stop(name).await {
        panic!("{e}");
    }
}

/// A server that streams `one`, waits to be told, streams `two`, then holds the stream open
/// until the client goes; its thread says what went wrong, if anything.
fn start_server() -> Result<(
    u16,
    mpsc::Sender<()>,
    std::thread::JoinHandle<Option<String>>,
)> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| HarnessError::Setup(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| HarnessError::Setup(e.to_string()))?
        .port();
    let (told, hear) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let (mut stream, _) = match listener.accept() {
            Ok(s) => s,
            Err(e) => return Some(e.to_string()),
        };
        let mut buf = [0u8; 8192];
        let _ = stream.read(&mut buf);
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-cache\r\nConnection: close\r\n\r\n";
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(b"id: 1\nevent: tick\ndata: one\n\n");
        let _ = stream.flush();
        if hear.recv_timeout(HOLD).is_err() {
            return Some(format!("the window showed no event within {HOLD:?}"));
        }
        let _ = stream.write_all(b"id: 2\ndata: two\n\n");
        let _ = stream.flush();
        // Held open until the client stops reading: each write then fails.
        for _ in 0..300 {
            std::thread::sleep(Duration::from_millis(100));
            if stream.write_all(b": keep-alive\n").is_err() {
                return None;
            }
        }
        Some("the stream was never stopped".into())
    });
    Ok((port, told, thread))
}

async fn stream_and_stop(name: &str) -> Result<()> {
    let (port, told, server) = start_server()?;
    let scratch = Scratch::new("event-stream")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "Streams", "Ticks").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &format!("http://127.0.0.1:{port}/events")).await?;
            ui::click(&client, &hook("send")).await?;
            // The first event shows while the send is still under way.
            ui::wait_for_text(&client, &hook("event-stream-count"), "1 event").await?;
            ui::wait_for(&client, &hook("cancel")).await?;
            let _ = told.send(());
            ui::wait_for_text(&client, &hook("event-stream-count"), "2 events").await?;
            ui::wait_for_text(&client, &hook("event-stream-state"), "Open").await?;
            ui::click(&client, &hook("cancel")).await?;
            ui::wait_for_text_containing(&client, &hook("response-error"), "Request cancelled")
                .await?;
            ui::wait_for_text(&client, &hook("event-stream-state"), "Closed").await?;
            check_rows(&client).await
        })
        .await?;
    let outcome = server
        .join()
        .map_err(|_| HarnessError::Unexpected("the server thread panicked".into()))?;
    match outcome {
        Some(why) => Err(HarnessError::Unexpected(why)),
        None => Ok(()),
    }
}

/// The two events, in order, with their type, id and data.
async fn check_rows(client: &Client) -> Result<()> {
    let rows = client.find_all(Locator::Css(&hook("event-row"))).await?;
    let mut texts = Vec::new();
    for row in rows {
        texts.push(row.text().await?);
    }
    let ok = texts.len() == 2
        && texts[0].contains("tick")
        && texts[0].contains("one")
        && texts[1].contains("message")
        && texts[1].contains("two");
    if !ok {
        return Err(HarnessError::Unexpected(format!("event rows: {texts:?}")));
    }
    Ok(())
}

#[tokio::test]
async fn an_ended_stream_reconnects_with_the_last_event_id() {
    let name = "an_ended_stream_reconnects_with_the_last_event_id";
    if let Err(e) = reconnect(name, Stop::Ends).await {
        panic!("{e}");
    }
}

#[tokio::test]
async fn a_stream_the_network_cuts_reconnects_with_the_last_event_id() {
    let name = "a_stream_the_network_cuts_reconnects_with_the_last_event_id";
    if let Err(e) = reconnect(name, Stop::Cut).await {
        panic!("{e}");
    }
}

/// How the resuming server's first stream stops.
#[derive(Clone, Copy)]
enum Stop {
    /// It streams `two` and ends the response: the reconnection resumes from 2.
    Ends,
    /// Its connection drops in the middle of a chunk: the reconnection resumes from 1.
    Cut,
}

/// Chunk `text` for a chunked response.
fn chunk(text: &str) -> Vec<u8> {
    format!("{:x}\r\n{text}\r\n", text.len()).into_bytes()
}

/// The first connection streams `one`, waits to be told, then stops as `stop` says; the second
/// must carry the last event id as `Last-Event-ID`, streams `three` and is held open until
/// the client goes.
fn start_resuming_server(
    stop: Stop,
) -> Result<(
    u16,
    mpsc::Sender<()>,
    std::thread::JoinHandle<Option<String>>,
)> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| HarnessError::Setup(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| HarnessError::Setup(e.to_string()))?
        .port();
    let (told, hear) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-cache\r\nConnection: close\r\n\r\n";
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                       Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";
        let Ok((mut first, _)) = listener.accept() else {
            return Some("no first connection".to_owned());
        };
        let mut buf = [0u8; 8192];
        let _ = first.read(&mut buf);
        let one = "retry: 200\nid: 1\ndata: one\n\n";
        let _ = match stop {
            Stop::Ends => first
                .write_all(head.as_bytes())
                .and_then(|()| first.write_all(one.as_bytes())),
            Stop::Cut => first
                .write_all(chunked.as_bytes())
                .and_then(|()| first.write_all(&chunk(one))),
        };
        let _ = first.flush();
        if hear.recv_timeout(HOLD).is_err() {
            return Some("Reconnect was never ticked".to_owned());
        }
        let resume_from = match stop {
            Stop::Ends => {
                let _ = first.write_all(b"id: 2\ndata: two\n\n");
                "2"
            }
            Stop::Cut => {
                // Half a chunk, then the connection goes: the body is cut, not ended.
                let _ = first.write_all(b"40\r\nid: 2\nda");
                let _ = first.flush();
                "1"
            }
        };
        drop(first);
        let Ok((mut second, _)) = listener.accept() else {
            return Some("no second connection".to_owned());
        };
        let n = second.read(&mut buf).unwrap_or(0);
        let request = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
        if !request.contains(&format!("last-event-id: {resume_from}\r\n")) {
            return Some(format!(
                "the reconnection did not resume from {resume_from}: {request}"
            ));
        }
        let _ = second.write_all(head.as_bytes());
        let _ = second.write_all(b"id: 3\ndata: three\n\n");
        let _ = second.flush();
        for _ in 0..300 {
            std::thread::sleep(Duration::from_millis(100));
            if second.write_all(b": keep-alive\n").is_err() {
                return None;
            }
        }
        Some("the reopened stream was never stopped".into())
    });
    Ok((port, told, thread))
}

async fn reconnect(name: &str, stop: Stop) -> Result<()> {
    let (port, told, server) = start_resuming_server(stop)?;
    let scratch = Scratch::new("event-stream-reconnect")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "Streams", "Resumable").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &format!("http://127.0.0.1:{port}/events")).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text(&client, &hook("event-stream-count"), "1 event").await?;
            ui::click(&client, &hook("event-stream-reconnect")).await?;
            let _ = told.send(());
            ui::wait_for_text(&client, &hook("event-stream-reconnects"), "reopened once").await?;
            // The cut stream's half event is not an event.
            let events = match stop {
                Stop::Ends => "3 events",
                Stop::Cut => "2 events",
            };
            ui::wait_for_text(&client, &hook("event-stream-count"), events).await?;
            ui::click(&client, &hook("cancel")).await?;
            ui::wait_for_text_containing(&client, &hook("response-error"), "Request cancelled")
                .await?;
            Ok(())
        })
        .await?;
    let outcome = server
        .join()
        .map_err(|_| HarnessError::Unexpected("the server thread panicked".into()))?;
    match outcome {
        Some(why) => Err(HarnessError::Unexpected(why)),
        None => Ok(()),
    }
}
