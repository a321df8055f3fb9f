//! The WebSocket commands (issue 14) on a real store under Tauri's mock runtime, against the
//! loopback echo server: `open_websocket` streams the handshake and every frame over its
//! channel while `send_websocket_message` and `close_websocket` reach the open connection by
//! its id; it resolves with how it ended. Arguments from the webview are bounded as every
//! command's are, and a connection that is not open is `notFound`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use localpost_core::model::{
    MessageKind, NewRequest, Parent, Request, RequestId, WebSocketMessage,
};
use localpost_core::send::SendId;
use localpost_desktop::commands::websocket::{
    SocketEvent, SocketOutcome, close_websocket, open_websocket, send_websocket_message,
};
use localpost_desktop::error::UiError;
use localpost_desktop::limits;
use localpost_desktop::state::AppState;
use tauri::Manager;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::test::MockRuntime;

use crate::ws_server::EchoServer;

struct App {
    app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl App {
    fn new() -> App {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let state = AppState::open_in(dir.path(), "localpost-websocket-commands-test".into())
            .expect("the store opens");
        let app = tauri::test::mock_app();
        app.manage(state);
        App { app, _dir: dir }
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// A WebSocket request at `url` whose one saved message is `hello`.
    fn socket(&self, url: &str) -> Request {
        let store = &self.state().store;
        let workspace = store.create_workspace("Team").expect("workspace");
        let collection = store
            .create_collection(workspace.id, "Chat")
            .expect("collection");
        let mut request = store
            .create_request(
                NewRequest::new(Parent::Collection(collection.id), "Echo")
                    .url(url)
                    .websocket(),
            )
            .expect("request");
        request.messages = vec![WebSocketMessage::new(MessageKind::Text, "hello")];
        store.update_request(&request).expect("saved")
    }
}

/// What the channel heard, as JSON.
type Heard = Arc<Mutex<Vec<serde_json::Value>>>;

fn channel(heard: &Heard) -> Channel<SocketEvent> {
    let heard = Arc::clone(heard);
    Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            let value = serde_json::from_str(&json).expect("an event as JSON");
            heard.lock().expect("heard").push(value);
        }
        Ok(())
    })
}

/// The frames of every batch heard, in order.
fn frames_of(heard: &[serde_json::Value]) -> Vec<serde_json::Value> {
    heard
        .iter()
        .filter(|e| e["kind"] == "frames")
        .flat_map(|e| e["frames"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Waits (at most 5 s) until a received text frame holds `text`.
async fn echoed(heard: &Heard, text: &str) {
    for _ in 0..500 {
        let found = frames_of(&heard.lock().expect("heard"))
            .iter()
            .any(|f| f["direction"] == "received" && f["data"]["text"] == text);
        if found {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no echo of {text:?}: {:?}", heard.lock().expect("heard"));
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}

#[test]
fn a_connection_streams_its_frames_takes_typed_messages_and_closes_with_the_given_code() {
    let server = EchoServer::start();
    let app = App::new();
    let request = app.socket(&server.url("/chat"));
    let heard: Heard = Arc::default();
    let id = SendId("ws-1".into());
    let outcome = block_on(async {
        let opening = open_websocket(app.state(), request.id, id.clone(), channel(&heard));
        let talking = async {
            echoed(&heard, "hello").await;
            let typed = WebSocketMessage::new(MessageKind::Json, r#"{"typed":true}"#);
            send_websocket_message(app.state(), id.clone(), typed)
                .await
                .expect("sent");
            echoed(&heard, r#"{"typed":true}"#).await;
            let closing = close_websocket(app.state(), id.clone(), 4001, "bye".into()).await;
            assert_eq!(closing.ok(), Some(true), "it was open");
        };
        let (outcome, ()) = tokio::join!(opening, talking);
        outcome
    })
    .expect("the command ran");

    match outcome {
        SocketOutcome::Ended { end, frames, .. } => {
            let end = serde_json::to_value(&end).expect("json");
            assert_eq!(end["how"], "closed");
            assert_eq!(end["by"], "client");
            assert_eq!(end["code"], 4001);
            assert_eq!(end["reason"], "bye");
            assert!(frames >= 5, "{frames}");
        }
        SocketOutcome::Error { error } => panic!("{error:?}"),
    }
    let heard = heard.lock().expect("heard");
    assert_eq!(heard[0]["kind"], "opened", "the handshake first: {heard:?}");
    assert_eq!(heard[0]["handshake"]["status"], 101);
    let frames = frames_of(&heard);
    let close = frames
        .iter()
        .find(|f| f["kind"] == "close" && f["direction"] == "sent");
    assert_eq!(close.map(|f| &f["code"]), Some(&serde_json::json!(4001)));
    assert_eq!(server.seen().close_codes, vec![4001]);
    assert!(app.state().sockets.is_empty(), "unregistered when it ended");
}

#[test]
fn a_refused_handshake_is_the_outcome_and_nothing_stays_open() {
    let server = EchoServer::refusing(403);
    let app = App::new();
    let request = app.socket(&server.url("/"));
    let heard: Heard = Arc::default();
    let outcome = block_on(open_websocket(
        app.state(),
        request.id,
        SendId("ws-2".into()),
        channel(&heard),
    ))
    .expect("the command ran");
    match outcome {
        SocketOutcome::Error { error } => {
            assert_eq!(error.kind, "http");
            assert!(error.message.contains("403"), "{}", error.message);
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(heard.lock().expect("heard").is_empty());
    assert!(app.state().sockets.is_empty());
}

fn refused<T: std::fmt::Debug>(result: Result<T, UiError>, kind: &str, place: Option<&str>) {
    let e = result.expect_err("refused");
    assert_eq!(
        (e.kind.as_str(), e.place.as_deref()),
        (kind, place),
        "{e:?}"
    );
}

#[test]
fn arguments_are_bounded_and_a_connection_that_is_not_open_is_not_found() {
    let app = App::new();
    let long = SendId("s".repeat(limits::ID + 1));
    let heard: Heard = Arc::default();
    refused(
        block_on(open_websocket(
            app.state(),
            RequestId(1),
            long.clone(),
            channel(&heard),
        )),
        "invalid",
        Some("connectionId"),
    );
    let message = WebSocketMessage::new(MessageKind::Text, "hi");
    refused(
        block_on(send_websocket_message(
            app.state(),
            long.clone(),
            message.clone(),
        )),
        "invalid",
        Some("connectionId"),
    );
    let huge = WebSocketMessage::new(MessageKind::Text, "x".repeat(limits::VALUE + 1));
    refused(
        block_on(send_websocket_message(
            app.state(),
            SendId("a".into()),
            huge,
        )),
        "invalid",
        Some("message.content"),
    );
    refused(
        block_on(send_websocket_message(
            app.state(),
            SendId("a".into()),
            message,
        )),
        "notFound",
        None,
    );
    refused(
        block_on(close_websocket(
            app.state(),
            SendId("a".into()),
            1000,
            "r".repeat(2000),
        )),
        "invalid",
        Some("reason"),
    );
    refused(
        block_on(close_websocket(
            app.state(),
            SendId("a".into()),
            1005,
            String::new(),
        )),
        "invalid",
        None,
    );
    let closed = block_on(close_websocket(
        app.state(),
        SendId("a".into()),
        1000,
        String::new(),
    ));
    assert_eq!(closed.ok(), Some(false), "nothing was open");
    // Opening a request that does not exist fails as its outcome, naming it.
    let outcome = block_on(open_websocket(
        app.state(),
        RequestId(999),
        SendId("ws-3".into()),
        channel(&heard),
    ))
    .expect("the command ran");
    assert!(
        matches!(outcome, SocketOutcome::Error { .. }),
        "{outcome:?}"
    );
}

/// Thousands of frames reach the window in a few timed batches, all of them counted: one
/// channel message per frame queued more work in the webview than it could do.
#[test]
fn frames_reach_the_window_in_batches_and_none_is_lost_from_the_count() {
    let server = EchoServer::start();
    let app = App::new();
    let mut request = app.socket(&server.url("/burst"));
    request.messages = (0..3_000)
        .map(|i| WebSocketMessage::new(MessageKind::Text, format!("m{i}")))
        .chain([WebSocketMessage::new(MessageKind::Text, "close")])
        .collect();
    let request = app.state().store.update_request(&request).expect("saved");
    let heard: Heard = Arc::default();
    let outcome = block_on(open_websocket(
        app.state(),
        request.id,
        SendId("ws-burst".into()),
        channel(&heard),
    ))
    .expect("the command ran");
    let SocketOutcome::Ended { frames, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert!(frames > 6_000, "{frames}");
    let heard = heard.lock().expect("heard");
    let batches: Vec<&serde_json::Value> = heard.iter().filter(|e| e["kind"] == "frames").collect();
    let skipped: u64 = batches.iter().filter_map(|e| e["skipped"].as_u64()).sum();
    assert_eq!(
        frames_of(&heard).len() as u64 + skipped,
        frames,
        "every frame is in a batch or counted as skipped"
    );
    assert!(
        batches.len() < 100,
        "{} batches for {frames} frames",
        batches.len()
    );
}
