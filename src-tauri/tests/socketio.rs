//! The Socket.IO command (issue 14) on a real store under Tauri's mock runtime, against
//! socket.io's own server (`bench/socketio-server.js`): `open_socketio` streams the handshake
//! and the session's moments in batches; `send_websocket_message` emits an event on it (an
//! acknowledgement comes back, matched to its emit) and `close_websocket` leaves the namespace.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use localpost_core::model::{MessageKind, NewRequest, Parent, WebSocketMessage};
use localpost_core::send::SendId;
use localpost_desktop::commands::socketio::{SocketIoEvent, open_socketio};
use localpost_desktop::commands::websocket::{
    SocketOutcome, close_websocket, send_websocket_message,
};
use localpost_desktop::state::AppState;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{Channel, InvokeResponseBody};

use crate::sio_server::SocketIoServer;

type Heard = Arc<Mutex<Vec<Value>>>;

fn channel(heard: &Heard) -> Channel<SocketIoEvent> {
    let heard = Arc::clone(heard);
    Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            let value = serde_json::from_str(&json).expect("an event as JSON");
            heard.lock().expect("heard").push(value);
        }
        Ok(())
    })
}

/// The moments of every batch heard, in order.
fn moments(heard: &Heard) -> Vec<Value> {
    heard
        .lock()
        .expect("heard")
        .iter()
        .filter(|e| e["kind"] == "moments")
        .flat_map(|e| e["moments"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Waits (at most 5 s) for a moment `pick` accepts.
async fn moment(heard: &Heard, pick: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..500 {
        if let Some(found) = moments(heard).into_iter().find(&pick) {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no such moment: {:?}", moments(heard));
}

#[test]
fn a_session_streams_its_moments_takes_emits_with_acks_and_leaves() {
    let server = SocketIoServer::start();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let state = AppState::open_in(dir.path(), "localpost-socketio-commands-test".into())
        .expect("the store opens");
    let app = tauri::test::mock_app();
    app.manage(state);
    let state = || app.state::<AppState>();
    let store = &state().store;
    let workspace = store.create_workspace("Team").expect("workspace");
    let collection = store
        .create_collection(workspace.id, "Chat")
        .expect("collection");
    let mut request = store
        .create_request(
            NewRequest::new(Parent::Collection(collection.id), "Chat")
                .url(server.url("/"))
                .socketio(),
        )
        .expect("request");
    request.socketio.auth = r#"{"user": "ada"}"#.into();
    let request = store.update_request(&request).expect("saved");

    let heard: Heard = Arc::default();
    let id = SendId("sio-1".into());
    let outcome = tauri::async_runtime::block_on(async {
        let opening = open_socketio(state(), request.id, id.clone(), channel(&heard));
        let talking = async {
            let welcome = moment(&heard, |m| m["event"] == "welcome").await;
            assert_eq!(welcome["args"][0]["auth"], json!({"user": "ada"}));
            let ask = WebSocketMessage {
                event: "ask".into(),
                ack: true,
                ..WebSocketMessage::new(MessageKind::Json, "7")
            };
            send_websocket_message(state(), id.clone(), ask)
                .await
                .expect("emitted");
            let sent = moment(&heard, |m| m["kind"] == "event" && m["event"] == "ask").await;
            let ack = moment(&heard, |m| m["kind"] == "ack").await;
            assert_eq!(ack["id"], sent["ackId"], "matched to its emit");
            assert_eq!(ack["args"], json!(["answer", 7]));
            let closing = close_websocket(state(), id.clone(), 1000, String::new()).await;
            assert_eq!(closing.ok(), Some(true), "it was open");
        };
        let (outcome, ()) = tokio::join!(opening, talking);
        outcome
    })
    .expect("the command ran");
    match outcome {
        SocketOutcome::Ended { end, .. } => {
            let end = serde_json::to_value(&end).expect("json");
            assert_eq!(
                (end["how"].clone(), end["by"].clone()),
                (json!("closed"), json!("client"))
            );
        }
        SocketOutcome::Error { error } => panic!("{error:?}"),
    }
    assert_eq!(heard.lock().expect("heard")[0]["kind"], "opened");
    let last = moments(&heard).pop().expect("moments");
    assert_eq!(
        (last["kind"].clone(), last["by"].clone()),
        (json!("disconnected"), json!("client"))
    );
    assert!(state().sockets.is_empty(), "unregistered when it ended");
}
