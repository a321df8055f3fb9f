//! GraphQL schemas against real parts: introspection sent through a stored request's send path
//! to a loopback GraphQL server answering from a graphql-js fixture
//! (`fixtures/graphql/README.md`), cached in a real SQLite file and sealed with a data key
//! from the real OS keychain (run inside `scripts/test-session.sh`).

use crate::recorded;
use crate::server;

use localpost_core::graphql::{GraphqlError, Schemas};
use localpost_core::history::History;
use localpost_core::model::{Auth, AuthMode, Body, Classification, Variable};
use localpost_core::send::{Options, SendError, Sender};
use recorded::{Desk, contains};
use server::{Recorded, Reply, Server};
use tokio_util::sync::CancellationToken;

/// The answer graphql-js gives to the introspection query for `fixtures/graphql/schema.graphql`.
const ANSWER: &str = include_str!("fixtures/graphql/introspection.json");
/// A description in the schema: what the cache must not keep in plain text when it seals.
const MARKER: &str = "ISO 3166-1 alpha-2 code";

/// A GraphQL server that answers the introspection query, given the right token, from the
/// fixture; anything else is a 400.
fn graphql_server() -> Server {
    Server::start(|r: &Recorded| {
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
        let is_introspection = body["operationName"] == "IntrospectionQuery"
            && body["query"]
                .as_str()
                .is_some_and(|q| q.contains("__schema"));
        match (
            r.method.as_str(),
            r.header("authorization"),
            is_introspection,
        ) {
            ("POST", Some("Bearer t0ken"), true) => {
                Reply::text(ANSWER).header("Content-Type", "application/json")
            }
            ("POST", Some(_), true) => Reply::status(401).reason("Unauthorized"),
            _ => Reply::status(400),
        }
    })
}

/// A GraphQL request "Countries" whose bearer token comes from a collection variable, with a
/// query and variables of its own (which introspection does not send).
fn countries(desk: &Desk, server: &Server) -> localpost_core::model::Request {
    let mut collection = desk.store.collection(desk.collection).expect("collection");
    collection.variables = vec![Variable {
        key: "token".into(),
        value: "t0ken".into(),
        ..Variable::default()
    }];
    desk.store.update_collection(&collection).expect("saved");
    desk.request("Countries", &server.url("/graphql"), |r| {
        r.method = "GET".into();
        r.auth = Auth::with_params(AuthMode::Bearer, &[("token", "{{token}}")]);
        r.body = Body::Graphql {
            query: "query One($code: ID!) { country(code: $code) { name } }".into(),
            variables: r#"{"code": "FR"}"#.into(),
            operation_name: Some("One".into()),
        };
    })
}

async fn fetch(
    desk: &Desk,
    id: localpost_core::model::RequestId,
) -> Result<localpost_core::graphql::CachedSchema, SendError> {
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .fetch_schema(id, &Options::default(), &CancellationToken::new())
        .await
}

fn data_of_fixture() -> serde_json::Value {
    let answer: serde_json::Value = serde_json::from_str(ANSWER).expect("fixture is JSON");
    answer["data"].clone()
}

#[tokio::test]
async fn introspection_goes_through_the_requests_auth_and_is_cached_sealed() {
    let server = graphql_server();
    let desk = Desk::new("gql-internal", Classification::Internal);
    let req = countries(&desk, &server);

    let schema = fetch(&desk, req.id).await.expect("fetched");
    assert!(schema.is_kept);
    assert!(schema.url.ends_with("/graphql"), "{}", schema.url);
    let data: serde_json::Value = serde_json::from_str(&schema.introspection).expect("JSON");
    assert_eq!(data, data_of_fixture());
    // The request's own query and variables were not sent: the introspection query was, as
    // POST, with the inherited variable's token.
    let hits = server.hits();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].method, "POST");
    assert!(
        !hits[0].text().contains("country(code"),
        "{}",
        hits[0].text()
    );

    // Cached, sealed at rest, and not in history.
    assert_eq!(
        Schemas::new(&desk.store, &desk.vault)
            .cached(req.id)
            .expect("read"),
        Some(schema.clone())
    );
    for (path, bytes) in desk.at_rest() {
        assert!(
            !contains(&bytes, MARKER),
            "{} holds the schema",
            path.display()
        );
    }
    let history = History::new(&desk.store, &desk.vault);
    assert!(
        history
            .list(desk.workspace.id, None, 10)
            .expect("list")
            .is_empty()
    );

    // Moving the workspace to restricted drops the cache.
    desk.store
        .set_classification(desk.workspace.id, Classification::Restricted)
        .expect("restricted");
    let cached = Schemas::new(&desk.store, &desk.vault).cached(req.id);
    assert_eq!(cached.expect("read"), None);
}

#[tokio::test]
async fn a_public_workspace_caches_it_plain_and_a_restricted_one_not_at_all() {
    let server = graphql_server();
    let desk = Desk::new("gql-public", Classification::Public);
    let req = countries(&desk, &server);
    fetch(&desk, req.id).await.expect("fetched");
    let at_rest = desk.at_rest();
    assert!(at_rest.iter().any(|(_, bytes)| contains(bytes, MARKER)));
    // Deleting the request deletes its schema.
    desk.store
        .delete_node(localpost_core::model::NodeId::Request(req.id))
        .expect("deleted");
    assert_eq!(desk.store.graphql_schema(req.id).expect("read"), None);

    let desk = Desk::new("gql-restricted", Classification::Restricted);
    let req = countries(&desk, &server);
    let schema = fetch(&desk, req.id).await.expect("fetched");
    assert!(!schema.is_kept);
    assert!(schema.introspection.contains(MARKER));
    assert_eq!(desk.store.graphql_schema(req.id).expect("read"), None);
}

#[tokio::test]
async fn a_wiped_data_key_drops_sealed_schemas() {
    let server = graphql_server();
    let desk = Desk::new("gql-wipe", Classification::Internal);
    let req = countries(&desk, &server);
    fetch(&desk, req.id).await.expect("fetched");
    assert!(desk.store.graphql_schema(req.id).expect("read").is_some());
    desk.store.wipe_sealed().expect("wiped");
    assert_eq!(desk.store.graphql_schema(req.id).expect("read"), None);
}

#[tokio::test]
async fn each_failure_names_the_request_and_what_failed() {
    let server = Server::start(|r: &Recorded| match r.target.as_str() {
        "/denied" => Reply::status(401).reason("Unauthorized"),
        "/html" => Reply::text("<html>hello</html>"),
        "/disabled" => {
            Reply::text(r#"{"errors":[{"message":"GraphQL introspection is not allowed"}]}"#)
        }
        _ => Reply::text(r#"{"data":{"user":null}}"#),
    });
    let desk = Desk::new("gql-failures", Classification::Internal);
    let cases = [
        (
            "/denied",
            r#"request "/denied": introspection answered HTTP 401 Unauthorized"#,
        ),
        (
            "/html",
            r#"request "/html": introspection answer is not JSON: expected value at line 1 column 1"#,
        ),
        (
            "/disabled",
            r#"request "/disabled": introspection answered with GraphQL errors: GraphQL introspection is not allowed"#,
        ),
        (
            "/other",
            r#"request "/other": introspection answer has no data.__schema"#,
        ),
    ];
    for (path, message) in cases {
        let req = desk.request(path, &server.url(path), |_| {});
        let err = fetch(&desk, req.id).await.expect_err("fails");
        assert!(matches!(err, SendError::Graphql(_)), "{err:?}");
        assert_eq!(err.to_string(), message);
        assert_eq!(desk.store.graphql_schema(req.id).expect("read"), None);
    }

    // No server at all: the send's own message, under the request's name.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let req = desk.request(
        "Gone",
        &format!("http://127.0.0.1:{closed}/graphql"),
        |_| {},
    );
    let err = fetch(&desk, req.id).await.expect_err("fails");
    assert!(
        matches!(&err, SendError::Graphql(GraphqlError::Send { request, .. }) if request == "Gone"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(r#"request "Gone": introspection not sent: "#),
        "{err}"
    );
}
