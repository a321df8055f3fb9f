//! gRPC calls in history, against real parts: the loopback tonic server, a real SQLite file
//! and the real OS keychain (run inside `scripts/test-session.sh`). Every message, the status
//! and the trailers are kept as the workspace's classification says, as HTTP exchanges are; a
//! call that could not be made is a failed entry.

use crate::grpc_server::{GrpcServer, fixtures};
use crate::recorded;

use localpost_core::history::{FailureKind, History, Kept};
use localpost_core::http::grpc::CallOptions;
use localpost_core::model::{
    Classification, GrpcCall, KeyValue, MessageKind, ProtoSource, Protocol, Request,
    WebSocketMessage,
};
use localpost_core::send::{Called, Options, SendError, Sender};
use recorded::{Desk, contains};
use tokio_util::sync::CancellationToken;

const MARKER: &str = "GRPC-MARKER-9c04d1";

/// A call of `method` whose message holds `{{marker}}`, given for the send only (so the stored
/// request does not hold the marker).
fn stored(desk: &Desk, url: &str, method: &str) -> Request {
    let dir = fixtures();
    desk.request("Echo call", url, |r| {
        r.protocol = Protocol::Grpc;
        r.grpc = GrpcCall {
            method: method.into(),
            source: ProtoSource::Files {
                files: vec![dir.join("protos/echo.proto").display().to_string()],
                import_paths: vec![
                    dir.join("protos").display().to_string(),
                    dir.join("vendor").display().to_string(),
                ],
            },
        };
        r.headers = vec![KeyValue::new("x-team", "core")];
        r.messages = vec![WebSocketMessage::new(
            MessageKind::Json,
            r#"{"text": "{{marker}}", "count": 2}"#,
        )];
    })
}

async fn call(desk: &Desk, req: &Request) -> Result<Called, SendError> {
    let options = Options {
        overrides: vec![("marker".into(), MARKER.into())],
        ..Options::default()
    };
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .grpc_call(
            req.id,
            &options,
            CallOptions::default(),
            &CancellationToken::new(),
        )
        .await
}

#[tokio::test]
async fn an_internal_workspace_keeps_every_message_and_the_status_sealed() {
    let server = GrpcServer::start();
    let desk = Desk::new("grpc-internal", Classification::Internal);
    let req = stored(&desk, &server.url(), "test.echo.Echo/Count");
    let done = call(&desk, &req).await.expect("called");
    assert!(done.unsaved.is_empty(), "{:?}", done.unsaved);
    assert!(done.call.status.is_ok());
    assert!(
        !desk.at_rest().iter().any(|(_, b)| contains(b, MARKER)),
        "the messages are sealed at rest"
    );

    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(Some(list[0].id), done.history);
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Sealed);
    assert_eq!(
        (detail.entry.status, detail.entry.reason.as_str()),
        (200, "OK")
    );
    assert_eq!(
        detail.entry.url,
        format!("{}/test.echo.Echo/Count", server.url())
    );
    let transcript = detail.response.expect("response").body.text.expect("text");
    let lines: Vec<serde_json::Value> = transcript
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    // The request, two replies, the status.
    assert_eq!(lines.len(), 4, "{transcript}");
    assert_eq!(lines[0]["direction"], "sent");
    assert!(lines[0]["json"].as_str().unwrap().contains(MARKER));
    assert_eq!(lines[2]["direction"], "received");
    assert!(
        lines[2]["json"]
            .as_str()
            .unwrap()
            .contains(&format!("{MARKER} 1"))
    );
    assert_eq!(lines[3]["status"]["name"], "OK");
    let sent = detail.request.expect("request");
    assert!(
        sent.headers
            .iter()
            .any(|h| h.name == "x-team" && h.value == "core"),
        "{:?}",
        sent.headers
    );
}

#[tokio::test]
async fn an_error_status_is_the_entrys_reason_and_a_restricted_workspace_keeps_no_messages() {
    let server = GrpcServer::start();
    let desk = Desk::new("grpc-restricted", Classification::Restricted);
    let req = stored(&desk, &server.url(), "test.echo.Echo/Fail");
    let done = call(&desk, &req).await.expect("called");
    assert_eq!(done.call.status.name, "NOT_FOUND");
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Summary);
    assert_eq!(detail.entry.url, format!("grpc://{}", server.addr()));
    assert_eq!(
        detail.entry.reason, "NOT_FOUND",
        "the status message may echo the request: it is not kept in plain"
    );
    assert!(detail.request.is_none() && detail.response.is_none());
    assert!(!desk.at_rest().iter().any(|(_, b)| contains(b, MARKER)));
}

#[tokio::test]
async fn a_call_that_cannot_be_made_is_a_failed_entry() {
    let desk = Desk::new("grpc-failed", Classification::Public);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let req = stored(
        &desk,
        &format!("grpc://127.0.0.1:{port}"),
        "test.echo.Echo/Unary",
    );
    let err = call(&desk, &req).await.unwrap_err();
    assert!(matches!(err, SendError::Grpc(_)), "{err:?}");
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    let failure = list[0].failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Refused);
    assert_eq!(
        list[0].url,
        format!("grpc://127.0.0.1:{port}/test.echo.Echo/Unary")
    );
}
