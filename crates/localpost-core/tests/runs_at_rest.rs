//! Past runs against real parts: a collection run against a loopback server, recorded in a
//! real SQLite file, sealed with a data key from the real OS keychain (run inside
//! `scripts/test-session.sh`), kept as each workspace's classification says. The grep tests
//! read the bytes of the file and its WAL.

use crate::recorded;
use crate::server;

use localpost_core::model::Classification;
use localpost_core::runner::{Options, Run};
use localpost_core::runs::{Kept, Outcome, Runs};
use recorded::{Desk, contains};
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

/// The URL's path and the tests' names come from the iteration data, never stored: only a
/// kept result can hold them.
const URL_MARKER: &str = "URL-MARKER-5d1e7a";
const TEST_MARKER: &str = "TEST-MARKER-77aa01";
const NAME: &str = "Get thing";

/// Runs one request (a passing and a failing test) twice and records the run.
async fn run_and_record(desk: &Desk, server: &Server) -> localpost_core::runs::Record {
    desk.request(NAME, &server.url("/{{path}}"), |r| {
        r.scripts.test = "const label = pm.iterationData.get('label');\n\
             pm.test(label + ' ok', () => pm.response.to.have.status(200));\n\
             pm.test(label + ' bad', () => pm.expect(1).to.equal(2));"
            .into();
    });
    let worker = localpost_core::script::Worker::start(Default::default());
    let mut options = Options::new(desk.collection);
    options.iterations = Some(2);
    let row = serde_json::json!({"path": URL_MARKER, "label": TEST_MARKER});
    options.data = vec![row.as_object().expect("object").clone()];
    // Runs::record lists each request: the run keeps them.
    let result = Run::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(&worker)
        .keep_executions(true)
        .run(&options, &mut |_| {}, &CancellationToken::new())
        .await
        .expect("ran");
    // History keeps the URL in every class; the run's own record is what is under test.
    desk.store
        .clear_history(desk.workspace.id)
        .expect("cleared");
    Runs::new(&desk.store, &desk.vault)
        .record(
            (desk.workspace.id, desk.workspace.classification),
            desk.collection,
            &result,
            false,
        )
        .expect("recorded")
}

fn ok_server() -> Server {
    Server::start(|_| Reply::text("{}"))
}

fn at_rest_holds(desk: &Desk, marker: &str) -> bool {
    let files = desk.at_rest();
    assert!(!files.is_empty());
    files.iter().any(|(_, bytes)| contains(bytes, marker))
}

fn checkpoint(desk: &Desk) {
    // Deleted history rows may linger in free pages; vacuum so that only live data is scanned.
    let conn = rusqlite::Connection::open(desk.store.path()).expect("opens");
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("vacuumed");
}

#[tokio::test]
async fn a_restricted_workspace_keeps_only_counts_and_timings() {
    let server = ok_server();
    let desk = Desk::new("runs-restricted", Classification::Restricted);
    let record = run_and_record(&desk, &server).await;
    assert_eq!(record.kept, Kept::Summary);
    assert_eq!((record.counts.iterations, record.counts.requests), (2, 2));
    assert_eq!((record.counts.passed, record.counts.failed), (2, 2));
    assert_eq!(record.counts.failed_requests, 2);

    let runs = Runs::new(&desk.store, &desk.vault);
    let detail = runs.show(record.id).expect("shown");
    assert!(detail.steps.is_empty(), "{:?}", detail.steps);
    assert_eq!(
        detail.record.collection_name, "C",
        "read from the collection"
    );

    checkpoint(&desk);
    for marker in [URL_MARKER, TEST_MARKER] {
        assert!(!at_rest_holds(&desk, marker), "the store holds {marker}");
    }
}

#[tokio::test]
async fn an_internal_workspace_keeps_results_sealed() {
    let server = ok_server();
    let desk = Desk::new("runs-internal", Classification::Internal);
    let record = run_and_record(&desk, &server).await;
    assert_eq!(record.kept, Kept::Sealed);
    checkpoint(&desk);
    for marker in [URL_MARKER, TEST_MARKER] {
        assert!(!at_rest_holds(&desk, marker), "the store holds {marker}");
    }

    let detail = Runs::new(&desk.store, &desk.vault)
        .show(record.id)
        .expect("shown");
    assert_eq!(detail.steps.len(), 2);
    let step = &detail.steps[1];
    assert_eq!((step.iteration, step.name.as_str()), (1, NAME));
    assert!(step.url.contains(URL_MARKER), "{}", step.url);
    assert_eq!((step.method.as_str(), step.status), ("GET", Some(200)));
    let outcomes: Vec<_> = step.checks.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, [Outcome::Passed, Outcome::Failed]);
    assert_eq!(step.checks[0].name, format!("{TEST_MARKER} ok"));
    let message = step.checks[1].message.as_deref().unwrap_or_default();
    assert!(message.contains("expected 1 to equal 2"), "{message}");
}

#[tokio::test]
async fn a_public_workspace_keeps_results_plain_and_runs_can_be_deleted() {
    let server = ok_server();
    let desk = Desk::new("runs-public", Classification::Public);
    let first = run_and_record(&desk, &server).await;
    assert_eq!(first.kept, Kept::Plain);
    checkpoint(&desk);
    assert!(at_rest_holds(&desk, URL_MARKER));
    assert!(at_rest_holds(&desk, TEST_MARKER));

    let runs = Runs::new(&desk.store, &desk.vault);
    assert_eq!(runs.show(first.id).expect("shown").steps.len(), 2);
    let list = runs.list(desk.workspace.id).expect("listed");
    assert_eq!(list, std::slice::from_ref(&first));
    assert_eq!(runs.delete(&[first.id]).expect("deleted"), 1);
    assert!(runs.list(desk.workspace.id).expect("listed").is_empty());
}

#[tokio::test]
async fn a_lost_key_leaves_sealed_runs_with_their_counts() {
    let server = ok_server();
    let desk = Desk::new("runs-wipe", Classification::Internal);
    let record = run_and_record(&desk, &server).await;
    assert!(desk.store.wipe_sealed().expect("wiped") >= 1);
    let detail = Runs::new(&desk.store, &desk.vault)
        .show(record.id)
        .expect("shown");
    assert_eq!(detail.record.kept, Kept::Summary);
    assert!(detail.steps.is_empty());
    assert_eq!(detail.record.counts, record.counts);
}

#[tokio::test]
async fn a_request_without_a_response_keeps_its_method_and_masked_url() {
    let desk = Desk::new("runs-refused", Classification::Public);
    // Port 9 (discard) is closed on loopback: the connection is refused.
    desk.request("Down", "http://user:hunter2@127.0.0.1:9/down", |r| {
        r.method = "POST".into();
    });
    let mut progress = Vec::new();
    let (record, _) = Runs::new(&desk.store, &desk.vault)
        .run_and_record(
            &Run::new(&desk.store, &desk.vault, &desk.engine),
            &Options::new(desk.collection),
            &mut |p| progress.push(p),
            &CancellationToken::new(),
        )
        .await
        .expect("ran");
    assert_eq!(record.counts.errors, 1);
    let detail = Runs::new(&desk.store, &desk.vault)
        .show(record.id)
        .expect("shown");
    let step = &detail.steps[0];
    assert!(step.error.is_some(), "{step:?}");
    assert_eq!(step.method, "POST");
    assert!(step.url.contains("127.0.0.1:9/down"), "{}", step.url);
    assert!(!step.url.contains("hunter2"), "{}", step.url);
    // The live step is the same as the stored one.
    assert!(progress.iter().any(
        |p| matches!(p, localpost_core::runs::Progress::Step { step: live } if **live == *step)
    ));
}

#[tokio::test]
async fn a_script_that_loops_is_stopped_with_its_place_and_the_run_goes_on() {
    let server = ok_server();
    let desk = Desk::new("runs-loop", Classification::Public);
    desk.request("Loops", &server.url("/loop"), |r| {
        r.scripts.test = "pm.test('before', () => {});\nwhile (true) {}".into();
    });
    desk.request("After", &server.url("/after"), |_| {});
    let worker = localpost_core::script::Worker::start(localpost_core::script::Limits {
        timeout: std::time::Duration::from_millis(300),
        ..Default::default()
    });
    let (record, _) = Runs::new(&desk.store, &desk.vault)
        .run_and_record(
            &Run::new(&desk.store, &desk.vault, &desk.engine).scripts(&worker),
            &Options::new(desk.collection),
            &mut |_| {},
            &CancellationToken::new(),
        )
        .await
        .expect("ran");
    let detail = Runs::new(&desk.store, &desk.vault)
        .show(record.id)
        .expect("shown");
    let names: Vec<_> = detail.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Loops", "After"], "the run goes on");
    let error = detail.steps[0]
        .checks
        .iter()
        .find(|c| c.outcome == Outcome::Error)
        .expect("the loop is an error");
    assert_eq!(error.name, "C / Loops · test");
    let message = error.message.as_deref().unwrap_or_default();
    assert!(message.contains("time limit (300 ms)"), "{message}");
    assert_eq!(detail.steps[1].status, Some(200));
    assert_eq!(record.counts.errors, 1);
}

#[tokio::test]
async fn moving_a_workspace_to_restricted_cuts_its_past_runs_to_counts() {
    let server = ok_server();
    let desk = Desk::new("runs-reclassify", Classification::Public);
    let record = run_and_record(&desk, &server).await;
    assert_eq!(record.kept, Kept::Plain);
    assert!(
        at_rest_holds(&desk, TEST_MARKER),
        "kept plainly before the move"
    );
    desk.store
        .set_classification(desk.workspace.id, Classification::Restricted)
        .expect("reclassified");
    // No vacuum here: secure_delete and the move's checkpoint must be enough.
    for marker in [URL_MARKER, TEST_MARKER] {
        assert!(!at_rest_holds(&desk, marker), "the store holds {marker}");
    }
    let detail = Runs::new(&desk.store, &desk.vault)
        .show(record.id)
        .expect("shown");
    assert!(detail.steps.is_empty(), "{:?}", detail.steps);
    assert_eq!(detail.record.counts.passed, 2);
}
