//! The Socket.IO client against socket.io's own server (`bench/socketio-server.js`): the
//! session opens over the engine's WebSocket with the request's auth, the namespace connects
//! (or is refused with the server's message and data), events go out and come back with their
//! arguments, acknowledgements in both directions, binary attachments, heartbeats answered,
//! and the end by either side.

use std::time::Duration;

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::fixture::Fixture;
use crate::sio_server::SocketIoServer;

use localpost_core::http::socketio::{
    Emit, Happening, SocketIo, SocketIoConversation, SocketIoError,
};
use localpost_core::http::websocket::{Direction, End, Side, WebSocketError};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::{Auth, AuthMode, AuthParam, Protocol};
use localpost_core::template::Variables;

fn emit(event: &str, args: Vec<Value>, ack: bool) -> Emit {
    Emit {
        event: event.into(),
        args,
        ack,
    }
}

async fn talk(
    url: &str,
    edit: impl FnOnce(&mut localpost_core::model::Request),
    options: SocketIo,
) -> Result<SocketIoConversation, SocketIoError> {
    let fx = Fixture::new();
    let req = fx.request("GET", url, |r| {
        r.protocol = Protocol::WebSocket;
        edit(r);
    });
    let prepared = http::prepare(&req, &Variables::default(), &Inheritance::new())
        .map_err(|e| SocketIoError::from(WebSocketError::Http(e)))?;
    Engine::new()
        .socket_io(&prepared, options, &CancellationToken::new())
        .await
}

/// The events received: (name, args).
fn received(c: &SocketIoConversation) -> Vec<(String, Vec<Value>)> {
    c.moments
        .iter()
        .filter_map(|m| match &m.happening {
            Happening::Event {
                direction: Direction::Received,
                event,
                args,
                ..
            } => Some((event.clone(), args.clone())),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn events_go_out_and_come_back_with_acks_and_binary_attachments() {
    let server = SocketIoServer::start();
    let conversation = talk(
        &server.endpoint(),
        |r| {
            r.auth = Auth {
                mode: AuthMode::Bearer,
                params: vec![AuthParam {
                    key: "token".into(),
                    value: "sio-token-1".into(),
                    kind: "string".into(),
                }],
            };
        },
        SocketIo {
            namespace: "/".into(),
            auth: Some(json!({"user": "ada"})),
            emits: vec![
                emit("echo", vec![json!("hi"), json!({"n": 1})], false),
                emit("ask", vec![json!(42)], true),
                emit("send-files", vec![], false),
                emit("quiz", vec![], false),
            ],
            duration: Some(Duration::from_millis(1500)),
            watch: None,
        },
    )
    .await
    .expect("the session opens");

    assert_eq!(conversation.handshake.status, 101);
    let first = &conversation.moments[0].happening;
    assert!(
        matches!(
            first,
            Happening::Opened {
                ping_interval_ms: 300,
                ..
            }
        ),
        "{first:?}"
    );
    assert!(matches!(
        &conversation.moments[1].happening,
        Happening::Connected { namespace, sid: Some(_) } if namespace == "/"
    ));
    let got = received(&conversation);
    assert_eq!(
        got[0],
        (
            "welcome".to_owned(),
            vec![json!({
                "authorization": "Bearer sio-token-1",
                "auth": {"user": "ada"},
                "query": null,
            })]
        ),
        "the handshake carried the request's auth and the connect its auth payload"
    );
    assert!(got.contains(&("echo".to_owned(), vec![json!("hi"), json!({"n": 1})])));
    assert!(got.contains(&(
        "files".to_owned(),
        vec![
            json!({"_binary": "AQID"}),
            json!({"nested": {"_binary": "aGk="}})
        ]
    )));
    // The server's `question` asks for an acknowledgement: it is recorded with its id.
    assert!(conversation.moments.iter().any(|m| matches!(
        &m.happening,
        Happening::Event { direction: Direction::Received, event, ack_id: Some(_), .. } if event == "question"
    )));
    // `ask` was emitted with ack id 1 (its index) and acknowledged.
    assert!(conversation.moments.iter().any(|m| matches!(
        &m.happening,
        Happening::Ack { direction: Direction::Received, id: 1, args, .. } if args == &vec![json!("answer"), json!(42)]
    )));
    assert!(
        conversation.heartbeats >= 2,
        "pings every 300 ms are answered"
    );
    assert!(matches!(
        conversation.moments.last().map(|m| &m.happening),
        Some(Happening::Disconnected {
            by: Side::Client,
            ..
        })
    ));
    assert_eq!(
        conversation.end,
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new()
        }
    );
}

#[tokio::test]
async fn a_namespace_the_server_refuses_says_why_and_one_it_accepts_connects() {
    let server = SocketIoServer::start();
    let refused = talk(
        &server.endpoint(),
        |_| {},
        SocketIo {
            namespace: "/admin".into(),
            auth: Some(json!({"token": "wrong"})),
            ..SocketIo::default()
        },
    )
    .await
    .expect("the session opens");
    assert!(
        refused.moments.iter().any(|m| m.happening
            == Happening::Refused {
                namespace: "/admin".into(),
                message: "not authorized".into(),
                data: Some(json!({"hint": "send auth.token"})),
            }),
        "{:?}",
        refused.moments
    );
    assert!(matches!(
        refused.end,
        End::Closed {
            by: Side::Client,
            ..
        }
    ));

    let accepted = talk(
        &server.endpoint(),
        |_| {},
        SocketIo {
            namespace: "admin".into(),
            auth: Some(json!({"token": "let-me-in"})),
            duration: Some(Duration::from_millis(300)),
            ..SocketIo::default()
        },
    )
    .await
    .expect("the session opens");
    assert_eq!(
        received(&accepted),
        vec![("admin-welcome".to_owned(), vec![json!("/admin")])]
    );
}

#[tokio::test]
async fn the_server_disconnecting_ends_it() {
    let server = SocketIoServer::start();
    let conversation = talk(
        &server.endpoint(),
        |_| {},
        SocketIo {
            emits: vec![emit("bye", vec![], false)],
            ..SocketIo::default()
        },
    )
    .await
    .expect("the session opens");
    assert!(matches!(
        conversation.moments.last().map(|m| &m.happening),
        Some(Happening::Disconnected {
            by: Side::Server,
            ..
        })
    ));
    assert!(matches!(
        conversation.end,
        End::Closed {
            by: Side::Server,
            ..
        }
    ));
}

#[tokio::test]
async fn a_path_socket_io_does_not_serve_fails_before_any_session_naming_the_server() {
    let server = SocketIoServer::start();
    let url = format!(
        "ws://127.0.0.1:{}/elsewhere/?EIO=4&transport=websocket",
        server.port
    );
    // socket.io's server drops an upgrade for a path it does not serve.
    let e = talk(&url, |_| {}, SocketIo::default())
        .await
        .expect_err("nothing answers there");
    let shown = e.to_string();
    assert!(
        shown.contains(&format!("127.0.0.1:{}", server.port)) && shown.contains("closed"),
        "{shown}"
    );
}
