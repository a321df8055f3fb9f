//! `localpost send` on a Socket.IO request, against socket.io's own server
//! (`bench/socketio-server.js`): each thing that happens is printed as it happens, the saved
//! events go out and their echoes come back, and the server disconnecting ends it (exit 0); a
//! namespace the server refuses fails the send (exit 3) with the server's message.

use std::process::Command;

use localpost_core::model::{MessageKind, NewRequest, Parent, WebSocketMessage};
use localpost_core::store::Store;

use crate::sio_server::SocketIoServer;

/// A store at `data` whose collection "API" holds Socket.IO request `name` to `url`, emitting
/// `events` (name and JSON argument) in order.
fn store_with(data: &std::path::Path, name: &str, url: &str, events: &[(&str, &str)]) {
    let store = Store::open_dir(data).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    let mut request = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), name)
                .url(url)
                .socketio(),
        )
        .expect("request");
    request.messages = events
        .iter()
        .map(|(event, argument)| WebSocketMessage {
            event: (*event).into(),
            ..WebSocketMessage::new(MessageKind::Json, *argument)
        })
        .collect();
    store.update_request(&request).expect("saved");
}

fn send(data: &std::path::Path, request: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_localpost"))
        .args(["--data-dir"])
        .arg(data)
        .args(["send", request, "--no-scripts", "--for", "20s"])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-socketio")
        .output()
        .expect("it ran")
}

#[test]
fn events_are_printed_as_they_happen_until_the_server_disconnects() {
    let server = SocketIoServer::start();
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(
        &data,
        "Chat",
        &server.url("/"),
        &[("echo", r#""hi""#), ("bye", "")],
    );
    let out = send(&data, "API/Chat");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}\n{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}:\n{text}"))
    };
    let order = [
        at("session "),
        at("connected to / as "),
        at(r#"→ event "echo" ["hi"]"#),
        at(r#"← event "echo" ["hi"]"#),
        at("the server disconnected /"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(
        lines.iter().any(|l| l.contains(r#"← event "welcome""#)),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("closed by the server")),
        "{text}"
    );
}

#[test]
fn a_refused_namespace_fails_with_the_servers_message() {
    let server = SocketIoServer::start();
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(&data, "Admin", &server.url("/admin"), &[]);
    let out = send(&data, "API/Admin");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}\n{text}");
    assert!(
        err.contains("the server refused namespace /admin: not authorized"),
        "{err}"
    );
    assert!(
        text.contains(r#"refused /admin: not authorized {"hint":"send auth.token"}"#),
        "{text}"
    );
}
