//! WebSocket conversations in history, against real parts: a loopback echo server, a real
//! SQLite file and the real OS keychain (run inside `scripts/test-session.sh`). Every frame
//! is kept as the workspace's classification says, as HTTP exchanges are.

use crate::recorded;
use crate::ws_server;

use localpost_core::history::{FailureKind, History, Kept};
use localpost_core::http::websocket::{Converse, End, WebSocketError};
use localpost_core::model::{Classification, MessageKind, Protocol, Request, WebSocketMessage};
use localpost_core::send::{Conversed, Options, SendError, Sender};
use recorded::{Desk, contains};
use tokio_util::sync::CancellationToken;
use ws_server::EchoServer;

const MARKER: &str = "WS-MARKER-5b21e7";

/// A socket request sending the marker from a file (so the stored request does not hold it),
/// then asking the server to close.
fn socket(desk: &Desk, url: &str) -> Request {
    let file = desk.dir.path().join("marker.bin");
    std::fs::write(&file, MARKER).expect("marker file");
    desk.request("Echo socket", url, |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = vec![
            WebSocketMessage::new(MessageKind::Binary, file.to_string_lossy()),
            WebSocketMessage::new(MessageKind::Text, "close"),
        ];
    })
}

async fn converse(desk: &Desk, req: &Request) -> Result<Conversed, SendError> {
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .converse(
            req.id,
            &Options::default(),
            Converse::default(),
            &CancellationToken::new(),
        )
        .await
}

fn at_rest(desk: &Desk, marker: &str) -> bool {
    desk.at_rest()
        .iter()
        .any(|(_, bytes)| contains(bytes, marker))
}

#[tokio::test]
async fn an_internal_workspace_keeps_every_frame_sealed() {
    let server = EchoServer::start();
    let desk = Desk::new("ws-internal", Classification::Internal);
    let req = socket(&desk, &server.url("/feed"));
    let done = converse(&desk, &req).await.expect("conversed");
    assert!(done.unsaved.is_empty(), "{:?}", done.unsaved);
    assert!(matches!(done.conversation.end, End::Closed { .. }));
    assert!(!at_rest(&desk, MARKER), "the frames are sealed at rest");

    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(Some(list[0].id), done.history);
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Sealed);
    assert_eq!(detail.entry.status, 101);
    assert_eq!(detail.entry.url, server.url("/feed"));
    assert_eq!(detail.entry.request_name, "Echo socket");
    let frames = detail.response.expect("frames").body.text.expect("text");
    let lines: Vec<serde_json::Value> = frames
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    // Sent marker, sent close, echoed marker, the server's close, the client's answer.
    assert_eq!(lines.len(), 5, "{frames}");
    assert_eq!(lines[0]["direction"], "sent");
    assert_eq!(lines[0]["kind"], "binary");
    assert_eq!(lines[0]["data"]["text"], MARKER);
    assert_eq!(lines[2]["direction"], "received");
    assert_eq!(lines[2]["data"]["text"], MARKER);
    assert_eq!(lines[3]["kind"], "close");
    assert_eq!(lines[3]["code"], 4000);
    assert_eq!(
        detail.entry.body_size, done.conversation.payload_bytes,
        "sizes are the frames' payloads"
    );
}

#[tokio::test]
async fn a_restricted_workspace_keeps_the_origin_and_no_frames() {
    let server = EchoServer::start();
    let desk = Desk::new("ws-restricted", Classification::Restricted);
    let req = socket(&desk, &format!("{}?token={MARKER}", server.url("/feed")));
    converse(&desk, &req).await.expect("conversed");
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Summary);
    assert_eq!(detail.entry.url, format!("ws://{}", server.addr()));
    assert_eq!(detail.entry.request_name, "");
    assert!(detail.request.is_none() && detail.response.is_none());
    // The request itself (its URL) is in the file; history holds nothing of it.
    let entries = rusqlite::Connection::open(desk.dir.path().join("localpost.db"))
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM history WHERE url LIKE ?1",
            [format!("%{MARKER}%")],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(entries, 0);
}

#[tokio::test]
async fn a_public_workspace_keeps_the_frames_plainly() {
    let server = EchoServer::start();
    let desk = Desk::new("ws-public", Classification::Public);
    let req = socket(&desk, &server.url("/"));
    converse(&desk, &req).await.expect("conversed");
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(
        history.show(list[0].id).expect("show").entry.kept,
        Kept::Plain
    );
    assert!(at_rest(&desk, MARKER), "public history is plain");
}

#[tokio::test]
async fn a_refused_handshake_is_recorded_as_a_failed_send() {
    let server = EchoServer::refusing(401);
    let desk = Desk::new("ws-refused", Classification::Internal);
    let req = socket(&desk, &server.url("/"));
    let err = converse(&desk, &req).await.unwrap_err();
    assert!(
        matches!(
            err,
            SendError::WebSocket(WebSocketError::Refused { status: 401, .. })
        ),
        "{err:?}"
    );
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status, 0);
    let failure = list[0].failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Failed);
    assert!(failure.message.contains("401"), "{}", failure.message);
    assert_eq!(list[0].url, server.url("/"));
}

#[tokio::test]
async fn a_vault_value_in_a_message_goes_out_and_reads_as_stars_in_what_was_sent() {
    const VALUE: &str = "VAULT-VALUE-c41d9e";
    let server = EchoServer::start();
    let desk = Desk::new("ws-vault", Classification::Public);
    let req = desk.request("Vault socket", &server.url("/v"), |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = vec![
            WebSocketMessage::new(MessageKind::Text, "auth {{vault:ci}}"),
            WebSocketMessage::new(MessageKind::Text, "close"),
        ];
    });
    let options = Options {
        vault: vec![("ci".into(), localpost_core::vault::Secret::from(VALUE))],
        ..Options::default()
    };
    let done = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .converse(
            req.id,
            &options,
            Converse::default(),
            &CancellationToken::new(),
        )
        .await
        .expect("conversed");
    let texts: Vec<String> = done
        .conversation
        .frames
        .iter()
        .map(|f| {
            format!(
                "{:?} {}",
                f.direction,
                String::from_utf8_lossy(&f.data.to_bytes())
            )
        })
        .collect();
    // The server got the value (its echo carries it back, as an HTTP response body would);
    // what the client shows of what it sent has it masked.
    assert_eq!(texts[0], "Sent auth ***");
    assert_eq!(texts[2], format!("Received auth {VALUE}"));
    // History keeps the sent frame as shown, masked.
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    let detail = history.show(list[0].id).expect("show");
    let frames = detail.response.expect("frames").body.text.expect("text");
    assert!(frames.contains("\"auth ***\""), "{frames}");
}

/// A conversation longer than [`KEPT_FRAMES`] keeps only its first frames in memory, counts
/// them all, hears them all, and its history entry says how many were not kept.
#[tokio::test]
async fn a_long_conversation_keeps_a_bounded_record_and_counts_every_frame() {
    use localpost_core::http::websocket::KEPT_FRAMES;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    let server = EchoServer::start();
    let desk = Desk::new("ws-long", Classification::Public);
    // Each message comes back: twice KEPT_FRAMES frames and more, then the server's close.
    let mut messages: Vec<WebSocketMessage> = (0..KEPT_FRAMES)
        .map(|i| WebSocketMessage::new(MessageKind::Text, format!("m{i}")))
        .collect();
    messages.push(WebSocketMessage::new(MessageKind::Text, "close"));
    let req = desk.request("Chatty", &server.url("/"), |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = messages;
    });
    let heard = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&heard);
    let options = Converse {
        watch: Some(Box::new(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        })),
        ..Converse::default()
    };
    let done = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .converse(
            req.id,
            &Options::default(),
            options,
            &CancellationToken::new(),
        )
        .await
        .expect("conversed");
    let c = &done.conversation;
    assert_eq!(c.frames.len(), KEPT_FRAMES);
    assert!(c.frame_count > 2 * KEPT_FRAMES as u64, "{}", c.frame_count);
    assert_eq!(
        heard.load(Ordering::Relaxed),
        c.frame_count,
        "the watcher heard every frame"
    );
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    let text = history
        .show(list[0].id)
        .expect("show")
        .response
        .expect("frames")
        .body
        .text
        .expect("text");
    let last = text.lines().last().expect("a last line");
    assert_eq!(
        last,
        format!("{{\"notKept\":{}}}", c.frame_count - KEPT_FRAMES as u64)
    );
    assert_eq!(list[0].body_size, c.payload_bytes);
}
