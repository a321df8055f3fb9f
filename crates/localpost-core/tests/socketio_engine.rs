//! Socket.IO requests against socket.io's own server (`bench/socketio-server.js`): the
//! session opens at `/socket.io/` over the engine's WebSocket with the request's auth, the
//! namespace (the URL's path) connects or is refused with the server's message and data, the
//! saved events go out and come back with their arguments, acknowledgements in both
//! directions, binary attachments, heartbeats answered, the end by either side; and the
//! frames under it are recorded as they went.

use std::time::Duration;

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::fixture::Fixture;
use crate::sio_server::SocketIoServer;

use localpost_core::http::socketio::{Happening, SocketIo, SocketIoConversation, SocketIoError};
use localpost_core::http::websocket::{Direction, End, FrameKind, Side, WebSocketError};
use localpost_core::http::{self, Content, Engine, Inheritance};
use localpost_core::model::{
    Auth, AuthMode, AuthParam, MessageKind, Protocol, Request, WebSocketMessage,
};
use localpost_core::template::Variables;

/// A saved message emitting `event` with `argument` (JSON text; empty: none).
fn emit(event: &str, argument: &str, ack: bool) -> WebSocketMessage {
    WebSocketMessage {
        event: event.into(),
        ack,
        ..WebSocketMessage::new(MessageKind::Json, argument)
    }
}

async fn talk(
    url: &str,
    edit: impl FnOnce(&mut Request),
    options: SocketIo,
) -> Result<SocketIoConversation, SocketIoError> {
    let fx = Fixture::new();
    let req = fx.request("GET", url, |r| {
        r.protocol = Protocol::SocketIo;
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
        &server.url("/?room=7"),
        |r| {
            r.messages = vec![
                emit("echo", r#"{"n": 1}"#, false),
                emit("ask", "42", true),
                emit("send-files", "", false),
                emit("quiz", "", false),
                WebSocketMessage {
                    enabled: false,
                    ..emit("bye", "", false)
                },
                // A message without an event is not emitted.
                WebSocketMessage::new(MessageKind::Text, "no event"),
            ];
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
            auth: Some(json!({"user": "ada"})),
            duration: Some(Duration::from_millis(1500)),
            ..SocketIo::default()
        },
    )
    .await
    .expect("the session opens");

    let handshake = &conversation.conversation.handshake;
    assert_eq!(handshake.status, 101);
    assert!(
        handshake
            .request
            .url
            .ends_with("/socket.io/?room=7&EIO=4&transport=websocket"),
        "{}",
        handshake.request.url
    );
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
                "query": "7",
            })]
        ),
        "the handshake carried the request's auth and query, the connect its auth payload"
    );
    assert!(got.contains(&("echo".to_owned(), vec![json!({"n": 1})])));
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
    // `ask` was emitted with ack id 0 (the first that asked for one) and acknowledged.
    assert!(conversation.moments.iter().any(|m| matches!(
        &m.happening,
        Happening::Ack { direction: Direction::Received, id: 0, args, .. } if args == &vec![json!("answer"), json!(42)]
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
        conversation.conversation.end,
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new()
        }
    );
    // The frames under it are recorded as they went: the connect, then the emits.
    let sent: Vec<String> = conversation
        .conversation
        .frames
        .iter()
        .filter(|f| f.direction == Direction::Sent && f.kind == FrameKind::Text)
        .filter_map(|f| match &f.data {
            Content::Text { text } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(sent[0], r#"40{"user":"ada"}"#);
    assert_eq!(sent[1], r#"42["echo",{"n":1}]"#);
    assert_eq!(sent[2], r#"420["ask",42]"#);
    let pongs = sent.iter().filter(|t| t.as_str() == "3").count();
    assert_eq!(pongs as u64, conversation.heartbeats, "{sent:?}");
    assert_eq!(
        sent.last().map(String::as_str),
        Some("41"),
        "it leaves: {sent:?}"
    );
}

#[tokio::test]
async fn a_namespace_the_server_refuses_says_why_and_one_it_accepts_connects() {
    let server = SocketIoServer::start();
    let refused = talk(
        &server.url("/admin"),
        |_| {},
        SocketIo {
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
        refused.conversation.end,
        End::Closed {
            by: Side::Client,
            ..
        }
    ));

    let accepted = talk(
        &server.url("/admin/"),
        |_| {},
        SocketIo {
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
        &server.url("/"),
        |r| r.messages = vec![emit("bye", "", false)],
        SocketIo::default(),
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
        conversation.conversation.end,
        End::Closed {
            by: Side::Server,
            ..
        }
    ));
}

#[tokio::test]
async fn an_argument_that_is_not_json_fails_before_anything_connects() {
    let server = SocketIoServer::start();
    let e = talk(
        &server.url("/"),
        |r| r.messages = vec![emit("echo", "{not json", false)],
        SocketIo::default(),
    )
    .await
    .expect_err("not JSON");
    assert!(
        e.to_string()
            .starts_with("the argument of event \"echo\": it is not JSON"),
        "{e}"
    );
}

#[tokio::test]
async fn a_server_that_is_not_socket_io_fails_before_any_session_naming_it() {
    // A plain WebSocket echo server: it speaks WebSocket but never opens a session; the
    // client gives up after the request's timeout.
    let server = crate::ws_server::EchoServer::start();
    let e = talk(
        &server.url("/"),
        |r| r.settings.timeout_ms = Some(300),
        SocketIo::default(),
    )
    .await
    .expect_err("no session");
    assert!(
        e.to_string()
            .contains("did not open the Engine.IO session within 300 ms"),
        "{e}"
    );
}

/// A stored Socket.IO request keeps its protocol and events across a reopen of the store, and
/// a session opened through the send layer is recorded in history like a WebSocket
/// conversation: sealed in an internal workspace, its frames readable in the entry.
#[tokio::test]
async fn a_stored_request_keeps_its_events_and_its_session_is_recorded_sealed() {
    use localpost_core::history::{History, Kept};
    use localpost_core::model::Classification;
    use localpost_core::send::{Options, Sender, SocketIoTalking};

    let server = SocketIoServer::start();
    let desk = crate::recorded::Desk::new("sio-history", Classification::Internal);
    let req = desk.request("Chat", &server.url("/"), |r| {
        r.protocol = Protocol::SocketIo;
        r.messages = vec![
            emit("echo", r#""{{marker}}""#, true),
            emit("bye", "", false),
        ];
    });
    let stored = desk.store.request(req.id).expect("read back");
    assert_eq!(stored.protocol, Protocol::SocketIo);
    assert_eq!(stored.messages[0].event, "echo");
    assert!(stored.messages[0].ack);

    let done = Sender::new(&desk.store, &desk.vault, &desk.engine)
        .socket_io(
            req.id,
            &Options {
                overrides: vec![("marker".into(), "SIO-MARKER-91c2".into())],
                ..Options::default()
            },
            SocketIoTalking::default(),
            &CancellationToken::new(),
        )
        .await
        .expect("the session opens");
    assert!(done.unsaved.is_empty(), "{:?}", done.unsaved);
    assert!(matches!(
        done.conversation.end,
        End::Closed {
            by: Side::Server,
            ..
        }
    ));
    // The marker was given for this send only (not stored in the request): only history
    // could put it at rest, and it seals it.
    assert!(
        !desk
            .at_rest()
            .iter()
            .any(|(_, bytes)| crate::recorded::contains(bytes, "SIO-MARKER-91c2")),
        "the frames are sealed at rest"
    );
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1);
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Sealed);
    assert_eq!(detail.entry.status, 101);
    let frames = detail.response.expect("frames").body.text.expect("text");
    assert!(
        frames.contains(r#"420[\"echo\",\"SIO-MARKER-91c2\"]"#),
        "{frames}"
    );
}
