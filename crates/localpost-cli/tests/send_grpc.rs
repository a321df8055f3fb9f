//! `localpost send` of a saved gRPC request against the loopback tonic server: unary and
//! server-streaming calls print each response message as JSON, then the status and trailers;
//! a non-OK status is exit 3; `--list` lists the methods, from .proto files or reflection.

use std::process::Output;

use assert_cmd::Command;
use localpost_core::model::{
    GrpcCall, KeyValue, MessageKind, NewRequest, Parent, ProtoSource, WebSocketMessage,
};
use localpost_core::store::Store;

use crate::grpc_server::{GrpcServer, fixtures};

fn files() -> ProtoSource {
    let dir = fixtures();
    ProtoSource::Files {
        files: vec![dir.join("protos/echo.proto").display().to_string()],
        import_paths: vec![
            dir.join("protos").display().to_string(),
            dir.join("vendor").display().to_string(),
        ],
    }
}

/// A data directory with workspace W, collection API and a gRPC request `Call` of `method`
/// on `url` sending `message`, its descriptors from `source`.
fn data_dir(url: &str, method: &str, source: ProtoSource, message: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(home.path().join("data")).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    let mut req = store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "Call")
                .url(url)
                .grpc(),
        )
        .expect("request");
    req.grpc = GrpcCall {
        method: method.into(),
        source,
    };
    req.headers = vec![KeyValue::new("x-team", "{{team}}")];
    req.messages = vec![WebSocketMessage::new(MessageKind::Json, message)];
    store.update_request(&req).expect("saved");
    home
}

fn send(home: &tempfile::TempDir, args: &[&str]) -> Output {
    Command::cargo_bin("localpost")
        .expect("binary")
        .arg("--data-dir")
        .arg(home.path().join("data"))
        .arg("send")
        .args(args)
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-grpc")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("it ran")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The output with the status line's time replaced by `T`.
fn without_time(text: &str) -> String {
    text.lines()
        .map(|l| match l.rsplit_once(", ") {
            Some((head, tail)) if tail.ends_with(" ms") => format!("{head}, T"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_unary_call_prints_the_response_as_json_then_the_status() {
    let server = GrpcServer::start();
    let home = data_dir(
        &server.url(),
        "test.echo.Echo/Unary",
        files(),
        r#"{"text": "hi", "count": 7}"#,
    );
    let out = send(&home, &["API/Call", "--env-var", "team=cli"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = server.url();
    assert_eq!(
        without_time(&stdout(&out)),
        format!(
            "{{
  \"text\": \"hi\",
  \"index\": 7,
  \"metadata\": [
    \"x-team=cli\"
  ]
}}
{url}/test.echo.Echo/Unary: OK (0), 1 messages received, T"
        )
    );
    assert_eq!(server.calls("/test.echo.Echo/Unary"), 1);
}

#[test]
fn a_server_streaming_call_prints_each_message_then_the_status_and_trailers() {
    let server = GrpcServer::start();
    let home = data_dir(
        &server.url(),
        "test.echo.Echo/Count",
        ProtoSource::Reflection,
        r#"{"text": "fail", "count": 2}"#,
    );
    let out = send(&home, &["API/Call"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a non-OK status fails: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = server.url();
    let text = without_time(&stdout(&out));
    let texts: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("\"text\""))
        .collect();
    assert_eq!(
        texts,
        ["  \"text\": \"fail 0\",", "  \"text\": \"fail 1\","]
    );
    let tail: Vec<&str> = text.lines().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            "x-reason: asked to",
            &*format!(
                "{url}/test.echo.Echo/Count: ABORTED (10) \"stopped after the replies\", 2 messages received, T"
            ),
        ]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the call ended with ABORTED (10)"),
        "{stderr}"
    );
}

#[test]
fn json_output_is_the_whole_call_and_a_deadline_exceeded_is_exit_4() {
    let server = GrpcServer::start();
    let home = data_dir(
        &server.url(),
        "test.echo.Echo/Unary",
        files(),
        r#"{"text": "j"}"#,
    );
    let out = send(&home, &["API/Call", "--output", "json"]);
    assert!(out.status.success());
    let call: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(call["status"]["name"], "OK");
    assert_eq!(call["method"]["shape"], "unary");
    assert_eq!(call["messages"][1]["direction"], "received");

    let store = Store::open_dir(home.path().join("data")).expect("store");
    let tree = store
        .tree(store.workspaces().expect("list")[0].id)
        .expect("tree");
    let localpost_core::model::TreeNode::Request { id, .. } = &tree.collections[0].children[0]
    else {
        panic!("a request")
    };
    let mut req = store.request(*id).expect("request");
    req.grpc.method = "test.echo.Echo/Slow".into();
    req.messages[0].content = r#"{"count": 3000}"#.into();
    req.settings.timeout_ms = Some(100);
    store.update_request(&req).expect("saved");
    drop(store);
    let out = send(&home, &["API/Call"]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("DEADLINE_EXCEEDED (4)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn list_prints_the_methods_from_files_or_reflection() {
    let server = GrpcServer::start();
    let expected = "test.echo.Echo/Unary  unary  test.echo.EchoRequest -> test.echo.EchoReply
test.echo.Echo/Count  server streaming  test.echo.EchoRequest -> test.echo.EchoReply
test.echo.Echo/Collect  client streaming  test.echo.EchoRequest -> test.echo.EchoReply
test.echo.Echo/Chat  bidirectional streaming  test.echo.EchoRequest -> test.echo.EchoReply
test.echo.Echo/Fail  unary  test.echo.EchoRequest -> test.echo.EchoReply
test.echo.Echo/Slow  unary  test.echo.EchoRequest -> test.echo.EchoReply
";
    let home = data_dir(&server.url(), "test.echo.Echo/Unary", files(), "{}");
    let out = send(&home, &["API/Call", "--list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), expected);
    assert_eq!(
        server.calls("/test.echo.Echo/Unary"),
        0,
        "nothing was called"
    );

    let home = data_dir(&server.url(), "", ProtoSource::Reflection, "{}");
    let out = send(&home, &["API/Call", "--list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), expected);
}
