//! gRPC calls the caller talks in while the request stream is open, and the engine's
//! descriptor cache, against the loopback tonic server (tests/grpc_server): typed messages go
//! after the saved ones on a bidirectional and a client-streaming call and their replies come
//! back in order; the caller ends the stream and the call ends OK; a message after the end is
//! refused; a cancel ends an open call CANCELLED. Listing and calling ask reflection once, and
//! compile `.proto` files (on disk or embedded) once until one changes or the source is
//! forgotten. Through the store (the real keychain, inside `scripts/test-session.sh`), typed
//! messages are rendered with the request's variables and the whole call is one history entry.

use std::time::Duration;

use crate::grpc_server::{GrpcServer, fixtures, grpc_request as request, proto_files_in};
use crate::recorded::Desk;

use localpost_core::history::History;
use localpost_core::http::grpc::{CallOptions, Direction, GrpcError, Message, Order};
use localpost_core::http::{self, Engine, Inheritance, PreparedRequest};
use localpost_core::model::{
    Classification, GrpcCall, MessageKind, ProtoSource, ProtoText, Protocol, Request,
    WebSocketMessage,
};
use localpost_core::send::{Calls, GrpcTalking, Options, SendError, SendId, Sender};
use localpost_core::template::Variables;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

const REFLECTION: &str = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";

fn prepare(req: &Request) -> PreparedRequest {
    http::prepare(req, &Variables::new(), &Inheritance::new()).expect("prepares")
}

/// The order to send `json` on a call of `req`.
fn order(req: &Request, json: &str) -> (Order, oneshot::Receiver<Result<(), GrpcError>>) {
    let mut one = req.clone();
    one.messages = vec![WebSocketMessage::new(MessageKind::Json, json)];
    let (done, went) = oneshot::channel();
    let order = Order::Send {
        request: Box::new(prepare(&one)),
        done,
    };
    (order, went)
}

/// A watcher that tells each message as it goes or comes.
fn watched() -> (CallOptions, mpsc::UnboundedReceiver<Message>) {
    let (tell, heard) = mpsc::unbounded_channel();
    let options = CallOptions {
        watch: Some(Box::new(move |m: &Message| {
            let _ = tell.send(m.clone());
        })),
        ..CallOptions::default()
    };
    (options, heard)
}

/// Waits (at most 5 s) for the next received message, returning its `text` field.
async fn reply(heard: &mut mpsc::UnboundedReceiver<Message>) -> String {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let m = heard.recv().await.expect("the call is still going");
            if m.direction == Direction::Received {
                let v: Value = serde_json::from_str(&m.json).expect("JSON");
                return v["text"].as_str().unwrap_or_default().to_string();
            }
        }
    })
    .await
    .expect("a reply within 5 s")
}

#[tokio::test]
async fn a_bidirectional_call_takes_typed_messages_until_the_caller_ends_the_stream() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Chat",
        proto_files_in(&fixtures()),
        &[r#"{"text": "saved"}"#],
    );
    let prepared = prepare(&req);
    let engine = Engine::new();
    let (mut options, mut heard) = watched();
    let (orders, ordered) = mpsc::unbounded_channel();
    options.orders = Some(ordered);
    let cancel = CancellationToken::new();
    let calling = engine.grpc_call(&prepared, options, &cancel);
    let talking = async {
        assert_eq!(reply(&mut heard).await, "echo saved");
        for text in ["two", "three"] {
            let (o, went) = order(&req, &format!(r#"{{"text": "{text}"}}"#));
            orders.send(o).expect("the call hears");
            went.await.expect("answered").expect("it went");
            assert_eq!(reply(&mut heard).await, format!("echo {text}"));
        }
        orders.send(Order::End).expect("the call hears");
        // After the end, nothing more can go.
        let (o, went) = order(&req, r#"{"text": "late"}"#);
        let _ = orders.send(o);
        if let Ok(answer) = went.await {
            assert!(matches!(answer, Err(GrpcError::StreamEnded)), "{answer:?}");
        }
    };
    let (call, ()) = tokio::join!(calling, talking);
    let call = call.expect("called");
    assert!(call.status.is_ok(), "{:?}", call.status);
    let order: Vec<(Direction, String)> = call
        .messages
        .iter()
        .map(|m| {
            let v: Value = serde_json::from_str(&m.json).unwrap();
            (
                m.direction,
                v["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    use Direction::{Received as R, Sent as S};
    let expected = [
        (S, "saved"),
        (R, "echo saved"),
        (S, "two"),
        (R, "echo two"),
        (S, "three"),
        (R, "echo three"),
    ]
    .map(|(d, t)| (d, t.to_string()));
    assert_eq!(order, expected);
}

#[tokio::test]
async fn a_client_streaming_call_answers_once_the_stream_ends_and_a_bad_message_is_refused() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Collect",
        proto_files_in(&fixtures()),
        &[r#"{"text": "a"}"#],
    );
    let engine = Engine::new();
    let (orders, ordered) = mpsc::unbounded_channel();
    let options = CallOptions {
        orders: Some(ordered),
        ..CallOptions::default()
    };
    let cancel = CancellationToken::new();
    let prepared = prepare(&req);
    let calling = engine.grpc_call(&prepared, options, &cancel);
    let talking = async {
        let (o, went) = order(&req, r#"{"text": 5}"#);
        orders.send(o).unwrap();
        let refused = went.await.expect("answered");
        assert!(
            matches!(refused, Err(GrpcError::InvalidMessage { index: 1, .. })),
            "{refused:?}"
        );
        let (o, went) = order(&req, r#"{"text": "b"}"#);
        orders.send(o).unwrap();
        went.await.unwrap().expect("it went");
        orders.send(Order::End).unwrap();
    };
    let (call, ()) = tokio::join!(calling, talking);
    let call = call.expect("called");
    assert!(call.status.is_ok(), "{:?}", call.status);
    let reply: Value =
        serde_json::from_str(&call.received().next().expect("a reply").json).unwrap();
    assert_eq!(reply["text"], "a+b");
    assert_eq!(reply["index"], 2);
}

#[tokio::test]
async fn a_cancel_ends_an_open_call_cancelled() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Chat",
        proto_files_in(&fixtures()),
        &[r#"{"text": "hello"}"#],
    );
    let engine = Engine::new();
    let (mut options, mut heard) = watched();
    let (_orders, ordered) = mpsc::unbounded_channel();
    options.orders = Some(ordered);
    let cancel = CancellationToken::new();
    let prepared = prepare(&req);
    let calling = engine.grpc_call(&prepared, options, &cancel);
    let cancelling = async {
        assert_eq!(reply(&mut heard).await, "echo hello");
        cancel.cancel();
    };
    let (call, ()) = tokio::time::timeout(Duration::from_secs(5), async {
        tokio::join!(calling, cancelling)
    })
    .await
    .expect("the cancel ends it at once");
    let call = call.expect("called");
    assert_eq!(call.status.name, "CANCELLED");
    assert_eq!(call.received().count(), 1);
}

#[tokio::test]
async fn reflection_is_asked_once_for_listing_template_and_calls_until_forgotten() {
    let server = GrpcServer::start();
    let req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        ProtoSource::Reflection,
        &[r#"{"text": "hi"}"#],
    );
    let prepared = prepare(&req);
    let engine = Engine::new();
    let cancel = CancellationToken::new();
    let methods = engine.grpc_methods(&prepared, &cancel).await.unwrap();
    assert_eq!(methods.len(), 6);
    let asked = server.calls(REFLECTION);
    assert!(asked > 0);
    engine.grpc_methods(&prepared, &cancel).await.unwrap();
    let template = engine
        .grpc_template(&prepared, "test.echo.Echo/Unary", &cancel)
        .await
        .unwrap();
    assert!(template.contains("\"text\""), "{template}");
    for _ in 0..3 {
        let call = engine
            .grpc_call(&prepared, CallOptions::default(), &cancel)
            .await
            .unwrap();
        assert!(call.status.is_ok());
    }
    assert_eq!(
        server.calls(REFLECTION),
        asked,
        "the kept descriptors were used"
    );
    assert_eq!(server.calls("/test.echo.Echo/Unary"), 3);
    assert_eq!(engine.grpc_cache().misses(), 1);

    // Another server on another port is another source.
    let other = GrpcServer::start();
    let elsewhere = prepare(&request(
        &other.url(),
        "test.echo.Echo/Unary",
        ProtoSource::Reflection,
        &["{}"],
    ));
    engine.grpc_methods(&elsewhere, &cancel).await.unwrap();
    assert!(other.calls(REFLECTION) > 0);

    assert_eq!(engine.grpc_forget(&prepared).unwrap(), 1);
    engine.grpc_methods(&prepared, &cancel).await.unwrap();
    assert!(
        server.calls(REFLECTION) > asked,
        "asked again after Refresh"
    );
}

#[tokio::test]
async fn proto_files_are_compiled_again_only_when_one_changes() {
    let server = GrpcServer::start();
    // A copy of the fixtures, so the test can change a file.
    let dir = tempfile::tempdir().unwrap();
    for sub in ["protos", "vendor/common"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for file in ["protos/echo.proto", "vendor/common/note.proto"] {
        std::fs::copy(fixtures().join(file), dir.path().join(file)).unwrap();
    }
    let req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        proto_files_in(dir.path()),
        &[r#"{"text": "hi"}"#],
    );
    let prepared = prepare(&req);
    let engine = Engine::new();
    let cancel = CancellationToken::new();
    engine.grpc_methods(&prepared, &cancel).await.unwrap();
    engine
        .grpc_call(&prepared, CallOptions::default(), &cancel)
        .await
        .unwrap();
    assert_eq!(engine.grpc_cache().misses(), 1, "compiled once");

    // The imported file changes (a field added): compiled again, and the new field is there.
    let note = dir.path().join("vendor/common/note.proto");
    let text = std::fs::read_to_string(&note).unwrap();
    let changed = text.replacen("Level level = 2;", "Level level = 2;\n  string tag = 3;", 1);
    assert_ne!(text, changed, "the fixture has the field this test extends");
    std::fs::write(&note, changed).unwrap();
    let pool = engine.grpc_descriptors(&prepared, &cancel).await.unwrap();
    assert_eq!(engine.grpc_cache().misses(), 2, "compiled again");
    let note = pool.get_message_by_name("common.Note").unwrap();
    assert!(note.get_field_by_name("tag").is_some());
}

#[tokio::test]
async fn embedded_proto_files_are_compiled_once_and_again_when_their_text_changes() {
    let server = GrpcServer::start();
    let text = |path: &str| std::fs::read_to_string(fixtures().join(path)).unwrap();
    let embedded = |note: String| ProtoSource::Embedded {
        files: vec![
            ProtoText {
                path: "echo.proto".into(),
                text: text("protos/echo.proto"),
            },
            ProtoText {
                path: "common/note.proto".into(),
                text: note,
            },
        ],
        entries: vec!["echo.proto".into()],
        import_paths: vec![String::new()],
    };
    let note = text("vendor/common/note.proto");
    let req = request(
        &server.url(),
        "test.echo.Echo/Unary",
        embedded(note.clone()),
        &[r#"{"text": "hi"}"#],
    );
    let engine = Engine::new();
    let cancel = CancellationToken::new();
    let prepared = prepare(&req);
    assert_eq!(
        engine.grpc_methods(&prepared, &cancel).await.unwrap().len(),
        6
    );
    let call = engine
        .grpc_call(&prepared, CallOptions::default(), &cancel)
        .await
        .unwrap();
    assert!(call.status.is_ok(), "{:?}", call.status);
    assert_eq!(engine.grpc_cache().misses(), 1, "compiled once");

    let changed = note.replacen("Level level = 2;", "Level level = 2;\n  string tag = 3;", 1);
    let other = request(
        &server.url(),
        "test.echo.Echo/Unary",
        embedded(changed),
        &["{}"],
    );
    let pool = engine
        .grpc_descriptors(&prepare(&other), &cancel)
        .await
        .unwrap();
    assert_eq!(
        engine.grpc_cache().misses(),
        2,
        "another text, another compile"
    );
    let note = pool.get_message_by_name("common.Note").unwrap();
    assert!(note.get_field_by_name("tag").is_some());
}

fn stored(desk: &Desk, url: &str) -> Request {
    desk.request("Chat", url, |r| {
        r.protocol = Protocol::Grpc;
        r.grpc = GrpcCall {
            method: "test.echo.Echo/Chat".into(),
            source: ProtoSource::Reflection,
        };
        r.messages = vec![WebSocketMessage::new(
            MessageKind::Json,
            r#"{"text": "first"}"#,
        )];
    })
}

#[tokio::test]
async fn typed_messages_are_rendered_and_the_call_is_one_history_entry() {
    let server = GrpcServer::start();
    let desk = Desk::new("grpc-talk", Classification::Public);
    let req = stored(&desk, &server.url());
    let calls = Calls::new();
    let id = SendId("call-1".into());
    let (open, talk) = calls.start(id.clone()).unwrap();
    assert!(matches!(
        calls.start(id.clone()),
        Err(SendError::DuplicateSend { .. })
    ));
    let (mut call, mut heard) = watched();
    call.orders = None;
    let talking = GrpcTalking {
        call,
        talk: Some(talk),
    };
    let options = Options {
        overrides: vec![("who".into(), "world".into())],
        ..Options::default()
    };
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine);
    let calling = sender.grpc_talk(req.id, &options, talking, open.token());
    let talking = async {
        assert_eq!(reply(&mut heard).await, "echo first");
        calls
            .send(&id, r#"{"text": "hello {{who}}"}"#.into())
            .await
            .expect("it went");
        assert_eq!(reply(&mut heard).await, "echo hello world");
        let refused = calls.send(&id, "not json".into()).await;
        assert!(matches!(refused, Err(SendError::Grpc(_))), "{refused:?}");
        assert!(calls.end(&id));
    };
    let (done, ()) = tokio::join!(calling, talking);
    let done = done.expect("called");
    drop(open);
    assert!(calls.is_empty());
    assert!(!calls.end(&id), "nothing open");
    assert!(matches!(
        calls.send(&id, "{}".into()).await,
        Err(SendError::NotOpen { .. })
    ));
    assert!(done.call.status.is_ok());
    assert_eq!(done.call.messages.len(), 4);

    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).unwrap();
    assert_eq!(list.len(), 1);
    let detail = history.show(list[0].id).unwrap();
    let transcript = detail.response.expect("response").body.text.expect("text");
    assert!(transcript.contains("hello world"), "{transcript}");
    // Four messages and the status.
    assert_eq!(transcript.lines().count(), 5, "{transcript}");
}

#[tokio::test]
async fn cancelling_all_calls_ends_an_open_one() {
    let server = GrpcServer::start();
    let desk = Desk::new("grpc-cancel-all", Classification::Public);
    let req = stored(&desk, &server.url());
    let calls = Calls::new();
    let (open, talk) = calls.start(SendId("c".into())).unwrap();
    let talking = GrpcTalking {
        call: CallOptions::default(),
        talk: Some(talk),
    };
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine);
    let options = Options::default();
    let calling = sender.grpc_talk(req.id, &options, talking, open.token());
    let closing = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(calls.cancel_all(), 1);
    };
    let (done, ()) = tokio::time::timeout(Duration::from_secs(5), async {
        tokio::join!(calling, closing)
    })
    .await
    .expect("ended");
    assert_eq!(done.expect("called").call.status.name, "CANCELLED");
}
