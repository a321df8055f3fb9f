//! `script::Worker` (issue 10): sessions run side by side, each in a sandbox of its own, and a
//! session's sandbox is never handed to another.

use std::time::Duration;

use localpost_core::script::{AsyncHost, Execution, Item, Limits, Listen, Worker};
use serde_json::{Value, json};
use tokio::sync::oneshot;

fn execution(source: &str) -> Execution {
    Execution {
        listen: Listen::PreRequest,
        source: source.into(),
        context: json!({"request": {"url": "http://127.0.0.1/", "method": "GET"}}),
        cursor: json!({}),
        item: Item::default(),
        timeout: None,
    }
}

/// Answers pm.sendRequest once `release` fires.
struct Slow(Option<oneshot::Receiver<()>>);

impl AsyncHost for Slow {
    async fn send_request(&mut self, _: Value) -> Result<Value, String> {
        if let Some(release) = self.0.take() {
            let _ = release.await;
        }
        Ok(json!({"code": 200, "status": "OK", "header": [], "body": "late"}))
    }
    async fn cookie_store(&mut self, _: String, _: Vec<Value>) -> Result<Value, String> {
        Err("no jar".into())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_waiting_on_send_request_does_not_hold_up_another() {
    let worker = Worker::start(Limits::default());
    let (release, wait) = oneshot::channel();
    let slow = worker.session();
    let waiting = tokio::spawn(async move {
        let mut host = Slow(Some(wait));
        slow.execute(
            execution("pm.sendRequest('http://127.0.0.1/slow', (e, r) => pm.test('slow', () => pm.expect(r.text()).to.equal('late')));"),
            &mut host,
        )
        .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let quick = worker.session();
    let outcome = tokio::time::timeout(
        Duration::from_secs(20),
        quick.execute(execution("pm.test('quick', () => {});"), &mut Slow(None)),
    )
    .await
    .expect("the second session is not held up")
    .expect("it runs");
    assert_eq!(outcome.assertions[0].name, "quick");
    assert!(
        !waiting.is_finished(),
        "the first still waits for its response"
    );
    let _ = release.send(());
    let slow = waiting.await.expect("joined").expect("it runs");
    assert!(slow.assertions[0].passed, "{:?}", slow.assertions);
}

#[tokio::test]
async fn each_session_gets_a_fresh_sandbox() {
    fresh_sandboxes(Worker::start(Limits::default())).await;
}

/// A lazy worker (the desktop app's) boots its first sandbox for the first session, then
/// behaves as one started ahead.
#[tokio::test]
async fn a_lazy_worker_boots_for_the_first_session_then_keeps_them_fresh() {
    fresh_sandboxes(Worker::lazy(Limits::default())).await;
}

async fn fresh_sandboxes(worker: Worker) {
    for _ in 0..3 {
        let session = worker.session();
        let out = session
            .execute(
                execution(
                    "pm.test('clean', () => pm.expect(({}).tampered).to.equal(undefined));\n\
                     Object.prototype.tampered = true;",
                ),
                &mut Slow(None),
            )
            .await
            .expect("it runs");
        assert!(out.assertions[0].passed, "{:?}", out.assertions);
        drop(session);
    }
}
