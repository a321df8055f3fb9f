//! `localpost send` of a GraphQL subscription against a loopback `graphql-transport-ws` server:
//! each `next` payload is printed as a line of JSON as it arrives, until `complete` or `--for`.

use std::process::Output;

use assert_cmd::Command;
use localpost_core::model::{Body, NewRequest, Parent};
use localpost_core::store::Store;

use crate::graphql_ws_server::{GraphqlWsServer, Mode};

/// A data directory with workspace W, collection API and a GraphQL request `Added` at `url`
/// running a subscription.
fn data_dir(url: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(home.path().join("data")).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    let mut req = store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Added").url(url))
        .expect("request");
    req.method = "POST".into();
    req.body = Body::Graphql {
        query: "subscription { countryAdded { name } }".into(),
        variables: String::new(),
        operation_name: None,
    };
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
        .env(
            "LOCALPOST_KEYCHAIN_SERVICE",
            "localpost-test-graphql-subscription",
        )
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("it ran")
}

#[test]
fn each_next_payload_is_printed_as_json_until_the_server_completes() {
    let server = GraphqlWsServer::start(Mode::Countries);
    let home = data_dir(&server.url("/graphql"));
    let out = send(&home, &["API/Added"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        concat!(
            r#"{"data":{"countryAdded":{"name":"France"}}}"#,
            "\n",
            r#"{"data":{"countryAdded":{"name":"Japan"}}}"#,
            "\n",
            r#"{"data":{"countryAdded":{"name":"Peru"}}}"#,
            "\n",
        )
    );
    assert_eq!(server.seen().subscriptions.len(), 1);
}

#[test]
fn for_a_duration_the_client_completes_and_an_error_exits_1() {
    let server = GraphqlWsServer::start(Mode::Endless);
    let home = data_dir(&server.url("/graphql"));
    let out = send(&home, &["API/Added", "--for", "300ms"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines[0]["data"]["countryAdded"]["name"], "C1");
    assert_eq!(server.seen().completes, 1);

    let failing = GraphqlWsServer::start(Mode::Fails);
    let home = data_dir(&failing.url("/graphql"));
    let out = send(&home, &["API/Added"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Cannot query field"), "{stderr}");
    assert!(stderr.contains("the subscription failed"), "{stderr}");
}
