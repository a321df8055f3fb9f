//! GraphQL subscriptions over `graphql-transport-ws` against a loopback server
//! (`graphql_ws_server`): the request's auth on the handshake, the subprotocol agreed, each
//! `next` heard as it arrives until `complete`, `error`, the duration or a cancel, and the
//! conversation recorded in history. Run inside `scripts/test-session.sh` (the keychain).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::graphql_ws_server::{COUNTRIES, GraphqlWsServer, Mode};
use crate::recorded::Desk;

use localpost_core::history::History;
use localpost_core::http::live::LiveEvent;
use localpost_core::http::websocket::{
    End, Side, Subscribe, SubscriptionEvent, WebSocketError, to_exchange,
};
use localpost_core::model::{Auth, AuthMode, Body, Classification, Request};
use localpost_core::send::{Options, SendError, Sender};
use tokio_util::sync::CancellationToken;

const QUERY: &str = "subscription Added($continent: ContinentCode) { countryAdded(continent: $continent) { name } }";

fn subscription(desk: &Desk, server: &GraphqlWsServer) -> Request {
    desk.request("Added", &server.url("/graphql"), |r| {
        r.method = "POST".into();
        r.auth = Auth::with_params(AuthMode::Bearer, &[("token", "s3cret")]);
        r.body = Body::Graphql {
            query: QUERY.into(),
            variables: r#"{"continent": "EU"}"#.into(),
            operation_name: Some("Added".into()),
        };
    })
}

type Heard = Arc<Mutex<Vec<SubscriptionEvent>>>;

fn listening(duration: Option<Duration>) -> (Subscribe, Heard) {
    let heard: Heard = Arc::default();
    let into = Arc::clone(&heard);
    let subscribe = Subscribe {
        duration,
        watch: Some(Box::new(move |event| {
            into.lock().expect("heard").push(event.clone())
        })),
    };
    (subscribe, heard)
}

fn names(heard: &Heard) -> Vec<String> {
    heard
        .lock()
        .expect("heard")
        .iter()
        .filter_map(|e| match e {
            SubscriptionEvent::Next { payload, .. } => payload["data"]["countryAdded"]["name"]
                .as_str()
                .map(str::to_owned),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_subscription_hears_each_next_until_the_server_completes() {
    let server = GraphqlWsServer::start(Mode::Countries);
    let desk = Desk::new("gql-sub", Classification::Internal);
    let req = subscription(&desk, &server);
    let (subscribe, heard) = listening(None);
    let done = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .subscribe(
            req.id,
            &Options::default(),
            subscribe,
            &CancellationToken::new(),
        )
        .await
        .expect("subscribed");

    assert_eq!(names(&heard), COUNTRIES);
    let events = heard.lock().expect("heard").clone();
    assert_eq!(events.first(), Some(&SubscriptionEvent::Acknowledged));
    assert!(matches!(
        events.last(),
        Some(SubscriptionEvent::Complete { .. })
    ));
    // The client closed normally once the server completed.
    assert_eq!(
        done.conversation.end,
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new()
        }
    );
    assert!(done.conversation.handshake.request.url.starts_with("ws://"));
    // As the app's response panel shows it: 101, the messages as a JSON array.
    let exchange = to_exchange(&done.conversation);
    assert_eq!(exchange.response.status, 101);
    let body: serde_json::Value =
        serde_json::from_slice(&exchange.response.body.content.to_bytes()).expect("JSON body");
    let types: Vec<&str> = body
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|m| m["type"].as_str())
        .collect();
    assert_eq!(types, ["next", "next", "next", "complete"]);
    // And live, as the event-stream view hears it.
    let live: Vec<LiveEvent> = heard
        .lock()
        .expect("heard")
        .iter()
        .map(LiveEvent::from_subscription)
        .collect();
    assert_eq!(live[0], LiveEvent::Opened { status: 101 });
    assert!(
        matches!(&live[1], LiveEvent::Event { event, .. } if event.event == "next" && event.data == r#"{"data":{"countryAdded":{"name":"France"}}}"#),
        "{:?}",
        live[1]
    );

    let seen = server.seen();
    assert_eq!(
        seen.handshakes,
        [(
            Some("graphql-transport-ws".to_owned()),
            Some("Bearer s3cret".to_owned())
        )]
    );
    assert_eq!(seen.pongs, 1, "the server's ping is answered");
    assert_eq!(seen.subscriptions.len(), 1);
    assert_eq!(seen.subscriptions[0]["query"], QUERY);
    assert_eq!(seen.subscriptions[0]["variables"]["continent"], "EU");
    assert_eq!(seen.subscriptions[0]["operationName"], "Added");

    // Recorded in history as a conversation.
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(Some(list[0].id), done.history);
    assert_eq!(list[0].status, 101);
}

#[tokio::test]
async fn a_subscription_ends_on_an_error_on_the_duration_and_on_a_cancel() {
    let desk = Desk::new("gql-sub-end", Classification::Internal);
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine);

    let failing = GraphqlWsServer::start(Mode::Fails);
    let req = subscription(&desk, &failing);
    let (subscribe, heard) = listening(None);
    sender
        .subscribe(
            req.id,
            &Options::default(),
            subscribe,
            &CancellationToken::new(),
        )
        .await
        .expect("subscribed");
    let last = heard.lock().expect("heard").last().cloned();
    assert!(
        matches!(&last, Some(SubscriptionEvent::Error { errors, .. }) if errors[0]["message"] == "Cannot query field \"nope\""),
        "{last:?}"
    );

    // The duration: the client completes the operation, then closes.
    let endless = GraphqlWsServer::start(Mode::Endless);
    let req = subscription(&desk, &endless);
    let (subscribe, heard) = listening(Some(Duration::from_millis(400)));
    let done = sender
        .subscribe(
            req.id,
            &Options::default(),
            subscribe,
            &CancellationToken::new(),
        )
        .await
        .expect("subscribed");
    assert!(names(&heard).len() >= 2, "{:?}", names(&heard));
    assert!(matches!(
        done.conversation.end,
        End::Closed {
            by: Side::Client,
            ..
        }
    ));
    assert_eq!(endless.seen().completes, 1);

    // A cancel stops it at once.
    let req = subscription(&desk, &endless);
    let cancel = CancellationToken::new();
    let (subscribe, heard) = listening(None);
    let stopper = cancel.clone();
    let watcher = Arc::clone(&heard);
    tokio::spawn(async move {
        while names(&watcher).is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        stopper.cancel();
    });
    let done = tokio::time::timeout(
        Duration::from_secs(10),
        sender.subscribe(req.id, &Options::default(), subscribe, &cancel),
    )
    .await
    .expect("stops")
    .expect("subscribed");
    assert_eq!(done.conversation.end, End::Cancelled);
}

#[tokio::test]
async fn a_server_that_does_not_speak_the_subprotocol_is_an_error() {
    let server = GraphqlWsServer::start(Mode::NoSubprotocol);
    let desk = Desk::new("gql-sub-proto", Classification::Internal);
    let req = subscription(&desk, &server);
    let err = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .subscribe(
            req.id,
            &Options::default(),
            Subscribe::default(),
            &CancellationToken::new(),
        )
        .await
        .expect_err("refused");
    assert!(
        matches!(
            err,
            SendError::WebSocket(WebSocketError::Subprotocol { .. })
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the server did not accept the WebSocket subprotocol graphql-transport-ws",
            server.url("/graphql").replace("http://", "ws://")
        )
    );
}
