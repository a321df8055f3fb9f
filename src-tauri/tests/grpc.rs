//! The gRPC commands (issue 14) on a real store under Tauri's mock runtime, against the
//! loopback tonic server: methods and an example message by reflection; `open_grpc_call`
//! streams the response metadata and every message over its channel while
//! `send_grpc_message` and `end_grpc_stream` reach the open call by its id, and resolves with
//! the status and trailers; `cancel_grpc_call` ends it `CANCELLED`. Arguments from the
//! webview are bounded, and a call that is not open is `notFound`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use localpost_core::model::{
    GrpcCall, MessageKind, NewRequest, Parent, ProtoSource, Protocol, Request, RequestId,
    WebSocketMessage,
};
use localpost_core::send::SendId;
use localpost_desktop::commands::grpc::{
    CallEvent, CallOutcome, cancel_grpc_call, end_grpc_stream, grpc_methods, grpc_template,
    open_grpc_call, send_grpc_message,
};
use localpost_desktop::error::UiError;
use localpost_desktop::limits;
use localpost_desktop::state::AppState;
use tauri::Manager;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::test::MockRuntime;

use crate::grpc_server::GrpcServer;

struct App {
    app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl App {
    fn new() -> App {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let state = AppState::open_in(dir.path(), "localpost-grpc-commands-test".into())
            .expect("the store opens");
        let app = tauri::test::mock_app();
        app.manage(state);
        App { app, _dir: dir }
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// A gRPC request calling `method` at `url` by reflection, with one saved message.
    fn call(&self, url: &str, method: &str) -> Request {
        let store = &self.state().store;
        let workspace = store.create_workspace("Team").expect("workspace");
        let collection = store
            .create_collection(workspace.id, "Calls")
            .expect("collection");
        let mut new = NewRequest::new(Parent::Collection(collection.id), "Echo").url(url);
        new.protocol = Protocol::Grpc;
        let mut request = store.create_request(new).expect("request");
        request.grpc = GrpcCall {
            method: method.into(),
            source: ProtoSource::Reflection,
        };
        request.messages = vec![WebSocketMessage::new(
            MessageKind::Json,
            r#"{"text": "one"}"#,
        )];
        store.update_request(&request).expect("saved")
    }
}

type Heard = Arc<Mutex<Vec<serde_json::Value>>>;

fn channel(heard: &Heard) -> Channel<CallEvent> {
    let heard = Arc::clone(heard);
    Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            let value = serde_json::from_str(&json).expect("an event as JSON");
            heard.lock().expect("heard").push(value);
        }
        Ok(())
    })
}

/// The texts of the received messages heard so far, in order.
fn replies(heard: &Heard) -> Vec<String> {
    heard
        .lock()
        .expect("heard")
        .iter()
        .filter(|e| e["kind"] == "messages")
        .flat_map(|e| e["messages"].as_array().cloned().unwrap_or_default())
        .filter(|m| m["direction"] == "received")
        .map(|m| {
            let json: serde_json::Value =
                serde_json::from_str(m["json"].as_str().unwrap_or("{}")).expect("JSON");
            json["text"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

/// Waits (at most 5 s) until `count` replies were heard.
async fn replied(heard: &Heard, count: usize) {
    for _ in 0..500 {
        if replies(heard).len() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("not {count} replies: {:?}", heard.lock().expect("heard"));
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}

#[test]
fn methods_and_an_example_message_come_by_reflection() {
    let server = GrpcServer::start();
    let app = App::new();
    let request = app.call(&server.url(), "test.echo.Echo/Unary");
    let methods = block_on(grpc_methods(app.state(), request.id, false)).expect("listed");
    let chat = methods
        .iter()
        .find(|m| m.name == "test.echo.Echo/Chat")
        .expect("Chat is listed");
    assert_eq!(
        serde_json::to_value(chat.shape).expect("json"),
        "bidirectional"
    );
    let template = block_on(grpc_template(
        app.state(),
        request.id,
        "test.echo.Echo/Unary".into(),
    ))
    .expect("a template");
    let template: serde_json::Value = serde_json::from_str(&template).expect("JSON");
    assert!(template.get("text").is_some() && template.get("note").is_some());
    // Refresh asks the server again.
    let asked = server.calls("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
    block_on(grpc_methods(app.state(), request.id, true)).expect("listed");
    assert!(server.calls("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo") > asked);
}

#[test]
fn a_bidirectional_call_takes_messages_until_its_stream_ends() {
    let server = GrpcServer::start();
    let app = App::new();
    let request = app.call(&server.url(), "test.echo.Echo/Chat");
    let heard: Heard = Arc::default();
    let id = SendId("grpc-1".into());
    let outcome = block_on(async {
        let calling = open_grpc_call(app.state(), request.id, id.clone(), channel(&heard));
        let talking = async {
            replied(&heard, 1).await;
            for (n, text) in ["two", "three"].iter().enumerate() {
                send_grpc_message(app.state(), id.clone(), format!(r#"{{"text": "{text}"}}"#))
                    .await
                    .expect("sent");
                replied(&heard, n + 2).await;
            }
            let refused = send_grpc_message(app.state(), id.clone(), "nope".into()).await;
            assert_eq!(refused.expect_err("not JSON").kind, "grpc");
            assert_eq!(
                end_grpc_stream(app.state(), id.clone()).await.ok(),
                Some(true)
            );
        };
        let (outcome, ()) = tokio::join!(calling, talking);
        outcome
    })
    .expect("the command ran");
    match outcome {
        CallOutcome::Ended {
            status, messages, ..
        } => {
            assert_eq!((status.code, status.name.as_str()), (0, "OK"));
            assert_eq!(messages, 6);
        }
        CallOutcome::Error { error } => panic!("{error:?}"),
    }
    assert_eq!(replies(&heard), ["echo one", "echo two", "echo three"]);
    assert_eq!(
        heard.lock().expect("heard")[0]["kind"],
        "opened",
        "the response metadata first"
    );
    assert!(app.state().calls.is_empty(), "unregistered when it ended");
}

#[test]
fn a_cancelled_call_ends_cancelled() {
    let server = GrpcServer::start();
    let app = App::new();
    let request = app.call(&server.url(), "test.echo.Echo/Chat");
    let heard: Heard = Arc::default();
    let id = SendId("grpc-2".into());
    let outcome = block_on(async {
        let calling = open_grpc_call(app.state(), request.id, id.clone(), channel(&heard));
        let cancelling = async {
            replied(&heard, 1).await;
            assert_eq!(
                cancel_grpc_call(app.state(), id.clone()).await.ok(),
                Some(true)
            );
        };
        let (outcome, ()) = tokio::join!(calling, cancelling);
        outcome
    })
    .expect("the command ran");
    match outcome {
        CallOutcome::Ended { status, .. } => assert_eq!(status.name, "CANCELLED"),
        CallOutcome::Error { error } => panic!("{error:?}"),
    }
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
fn arguments_are_bounded_and_a_call_that_is_not_open_is_not_found() {
    let app = App::new();
    let long = SendId("c".repeat(limits::ID + 1));
    let heard: Heard = Arc::default();
    refused(
        block_on(open_grpc_call(
            app.state(),
            RequestId(1),
            long.clone(),
            channel(&heard),
        )),
        "invalid",
        Some("callId"),
    );
    refused(
        block_on(send_grpc_message(
            app.state(),
            SendId("c".into()),
            "x".repeat(limits::BODY + 1),
        )),
        "invalid",
        Some("message"),
    );
    refused(
        block_on(grpc_template(
            app.state(),
            RequestId(1),
            "m".repeat(limits::NAME + 1),
        )),
        "invalid",
        Some("method"),
    );
    refused(
        block_on(send_grpc_message(
            app.state(),
            SendId("c".into()),
            "{}".into(),
        )),
        "notFound",
        None,
    );
    assert_eq!(
        block_on(end_grpc_stream(app.state(), SendId("c".into()))).ok(),
        Some(false)
    );
    assert_eq!(
        block_on(cancel_grpc_call(app.state(), SendId("c".into()))).ok(),
        Some(false)
    );
}
