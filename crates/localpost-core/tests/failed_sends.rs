//! Sends that get no response are recorded in history too (issue 3): a refused connection (a
//! port bound then let go), a timeout and a cancel against a slow loopback server, and a
//! request that cannot be built, each leave one entry with its failure's kind and message in
//! place of the status. Real SQLite file, real OS keychain (run inside
//! `scripts/test-session.sh`).

use crate::recorded;
use crate::server;

use std::time::Duration;

use localpost_core::history::{FailureKind, History, Kept};
use localpost_core::http::HttpError;
use localpost_core::model::{Classification, KeyValue, Request};
use localpost_core::send::{Options, SendError, Sender};
use recorded::Desk;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

const TAG: &str = "TAG-MARKER-0f4c2d";

/// A loopback address nothing listens on: a port bound, then let go.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}/things")
}

fn tagged(desk: &Desk, name: &str, url: &str, edit: impl FnOnce(&mut Request)) -> Request {
    desk.request(name, url, |r| {
        r.method = "POST".into();
        r.headers.push(KeyValue {
            key: "X-Tag".into(),
            value: TAG.into(),
            ..KeyValue::default()
        });
        edit(r);
    })
}

async fn send_err(desk: &Desk, req: &Request, cancel: &CancellationToken) -> SendError {
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .send(req.id, &Options::default(), cancel)
        .await
        .expect_err("no response")
}

/// The workspace's only history entry, shown.
fn only_entry(desk: &Desk) -> localpost_core::history::Detail {
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1, "one entry per send");
    history.show(list[0].id).expect("show")
}

#[tokio::test]
async fn a_refused_connection_is_recorded_with_the_request_as_it_would_have_gone() {
    let desk = Desk::new("fail-refused", Classification::Internal);
    let req = tagged(&desk, "Refused", &refused_url(), |_| {});
    let err = send_err(&desk, &req, &CancellationToken::new()).await;
    assert!(
        matches!(err, SendError::Http(HttpError::ConnectionRefused { .. })),
        "{err:?}"
    );

    let detail = only_entry(&desk);
    let entry = &detail.entry;
    assert_eq!((entry.method.as_str(), entry.status), ("POST", 0));
    assert_eq!(entry.request_name, "Refused");
    assert_eq!(entry.request_id, Some(req.id));
    let failure = entry.failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Refused);
    assert_eq!(failure.message, err.to_string());
    assert!(!failure.is_cancelled());
    assert_eq!(entry.kept, Kept::Sealed);
    let sent = detail.request.expect("the request is kept");
    assert!(
        sent.headers
            .iter()
            .any(|h| h.name == "X-Tag" && h.value == TAG)
    );
    assert!(detail.response.is_none());

    // Search finds it by its failure.
    let history = History::new(&desk.store, &desk.vault);
    for text in ["refused", "connection refused"] {
        assert_eq!(
            history
                .list(desk.workspace.id, Some(text), 10)
                .expect("search")
                .len(),
            1,
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_timeout_is_recorded_as_one() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(3)));
    let desk = Desk::new("fail-timeout", Classification::Public);
    let req = tagged(&desk, "Slow", &server.url("/slow"), |r| {
        r.settings.timeout_ms = Some(300);
    });
    let err = send_err(&desk, &req, &CancellationToken::new()).await;
    assert!(
        matches!(err, SendError::Http(HttpError::Timeout { .. })),
        "{err:?}"
    );
    let detail = only_entry(&desk);
    let failure = detail.entry.failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Timeout);
    assert!(
        failure.message.contains("timed out after 300 ms"),
        "{failure:?}"
    );
    assert!(detail.entry.total_ms >= 250.0, "{}", detail.entry.total_ms);
    assert_eq!(detail.entry.kept, Kept::Plain);
    assert!(detail.request.is_some());
    server.hit();
}

#[tokio::test]
async fn a_cancelled_send_is_recorded_as_cancelled_not_failed() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(5)));
    let desk = Desk::new("fail-cancel", Classification::Internal);
    let req = tagged(&desk, "Cancelled", &server.url("/slow"), |_| {});
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        trigger.cancel();
    });
    let err = send_err(&desk, &req, &cancel).await;
    assert!(
        matches!(err, SendError::Http(HttpError::Cancelled)),
        "{err:?}"
    );
    let detail = only_entry(&desk);
    let failure = detail.entry.failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Cancelled);
    assert!(failure.is_cancelled());
    assert_eq!(failure.message, "request cancelled");
    assert_eq!(detail.entry.status, 0);
    server.hit();
}

#[tokio::test]
async fn a_restricted_workspace_records_the_failure_but_not_the_request() {
    let desk = Desk::new("fail-restricted", Classification::Restricted);
    let req = tagged(&desk, "Refused", &refused_url(), |_| {});
    send_err(&desk, &req, &CancellationToken::new()).await;
    let detail = only_entry(&desk);
    assert_eq!(detail.entry.kept, Kept::Summary);
    assert!(detail.request.is_none() && detail.response.is_none());
    assert_eq!(
        detail.entry.failure.as_ref().map(|f| f.kind),
        Some(FailureKind::Refused)
    );
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_recorded_with_what_is_known() {
    let desk = Desk::new("fail-invalid", Classification::Internal);
    let req = tagged(&desk, "Broken", "http://{{nowhere}}:notaport/x", |_| {});
    let err = send_err(&desk, &req, &CancellationToken::new()).await;
    let detail = only_entry(&desk);
    let entry = &detail.entry;
    assert_eq!(entry.method, "POST");
    assert_eq!(entry.url, "http://{{nowhere}}:notaport/x");
    let failure = entry.failure.as_ref().expect("a failure");
    assert_eq!(failure.kind, FailureKind::Invalid);
    assert_eq!(failure.message, err.to_string());
    assert_eq!(entry.kept, Kept::Summary, "nothing was built to keep");
    assert!(detail.request.is_none());
}
