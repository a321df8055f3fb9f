//! `localpost send` of a saved WebSocket request against a loopback echo server: the saved
//! messages go out, every frame is printed, and the exit code says how it went.

use std::process::Output;

use assert_cmd::Command;
use localpost_core::model::{MessageKind, NewRequest, Parent, Protocol, WebSocketMessage};
use localpost_core::store::Store;

use crate::ws_server::EchoServer;

/// A data directory with workspace W, collection API, a WebSocket request `Echo` at `url`
/// sending `messages`, and an HTTP request `Plain`.
fn data_dir(url: &str, messages: &[&str]) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(home.path().join("data")).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    let mut req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Echo").url(url))
        .expect("request");
    req.protocol = Protocol::WebSocket;
    req.messages = messages
        .iter()
        .map(|m| WebSocketMessage::new(MessageKind::Text, *m))
        .collect();
    store.update_request(&req).expect("saved");
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Plain").url("127.0.0.1:9"))
        .expect("request");
    home
}

fn send(home: &tempfile::TempDir, args: &[&str]) -> Output {
    Command::cargo_bin("localpost")
        .expect("binary")
        .arg("--data-dir")
        .arg(home.path().join("data"))
        .arg("send")
        .args(args)
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-websocket")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("it ran")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The lines of the transcript without their times: `→ text 9 B  hello`.
fn frames(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| l.split_once(" ms  ").map(|(_, rest)| rest.to_string()))
        .collect()
}

#[test]
fn the_saved_messages_go_out_and_every_frame_is_printed_until_the_server_closes() {
    let server = EchoServer::start();
    let home = data_dir(&server.url("/chat"), &["hello {{who}}", "close"]);
    let out = send(&home, &["API/Echo", "--env-var", "who=cli"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        frames(&out),
        [
            "→ text 9 B  hello cli",
            "→ text 5 B  close",
            "← text 9 B  hello cli",
            "← close 8 B  4000 asked to",
            "→ close 8 B  4000 asked to",
        ]
    );
    let text = stdout(&out);
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!(
            "{} 101 Switching Protocols: closed by the server (4000 \"asked to\") after 5 frames",
            server.url("/chat")
        )),
        "{text}"
    );
}

#[test]
fn for_a_duration_the_client_answers_pings_then_closes_with_1000() {
    let server = EchoServer::start();
    let home = data_dir(&server.url("/"), &["ping"]);
    let started = std::time::Instant::now();
    let out = send(&home, &["API/Echo", "--for", "300ms"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!(
        frames(&out),
        [
            "→ text 4 B  ping",
            "← text 4 B  ping",
            "← ping 2 B  hb",
            "→ pong 2 B  hb",
            "→ close 0 B  1000",
            "← close 0 B  1000",
        ]
    );
    assert!(
        stdout(&out).contains("closed by the client (1000)"),
        "{}",
        stdout(&out)
    );
    let seen = server.seen();
    assert_eq!((seen.pongs, seen.close_codes), (1, vec![1000]));
}

#[test]
fn json_output_is_the_whole_conversation() {
    let server = EchoServer::start();
    let home = data_dir(&server.url("/"), &["one", "close"]);
    let out = send(&home, &["API/Echo", "--output", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(json["handshake"]["status"], 101);
    assert_eq!(json["frames"].as_array().map(Vec::len), Some(5));
    assert_eq!(json["frames"][2]["direction"], "received");
    assert_eq!(json["frames"][2]["data"]["text"], "one");
    assert_eq!(json["end"]["how"], "closed");
    assert_eq!(json["end"]["by"], "server");
    assert_eq!(json["end"]["code"], 4000);
}

#[test]
fn a_refused_handshake_exits_3_and_for_with_json_on_an_http_request_exits_2() {
    let server = EchoServer::refusing(403);
    let home = data_dir(&server.url("/"), &["hi"]);
    let out = send(&home, &["API/Echo"]);
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("refused the WebSocket handshake with 403 Forbidden"),
        "{err}"
    );

    // On an HTTP request `--for` stops an event stream it prints; JSON output has none.
    let out = send(&home, &["API/Plain", "--for", "1s", "--output", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--for with --output json applies to WebSocket requests"),
        "{err}"
    );
}

/// Issue 14: `localpost run` of a stored collection holding a WebSocket request leaves it out
/// with a warning naming it (newman never sees one), and runs the rest.
#[test]
fn a_run_leaves_a_websocket_request_out_with_a_warning_naming_it() {
    let server = EchoServer::start();
    let home = data_dir(&server.url("/"), &["hello"]);
    let out = Command::cargo_bin("localpost")
        .expect("binary")
        .arg("--data-dir")
        .arg(home.path().join("data"))
        .args(["run", "API", "-x", "--color", "off"])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-websocket")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("it ran");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "warning: left out WebSocket request \"Echo\" (a run sends HTTP requests only)"
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("is a WebSocket request"), "{stdout}");
    // Only Plain was sent (and refused: nothing listens on port 9).
    let squeezed: String = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("│ requests │ 1 │ 1 │"), "{stdout}");
    assert!(stdout.contains("Plain"), "{stdout}");
    assert!(
        server.seen().handshakes.is_empty(),
        "the socket was never opened"
    );
}
