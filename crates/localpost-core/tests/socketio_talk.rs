//! Socket.IO sessions the caller talks in, against socket.io's own server
//! (`bench/socketio-server.js`): events emitted while connected (with several arguments, and
//! with an acknowledgement matched to its emit), a disconnect of the caller's, the request's
//! own `auth` payload on the namespace's connect and its handshake path. Through the store
//! (with the real keychain, inside `scripts/test-session.sh`), typed events are rendered with
//! the request's variables, as `Sockets` hands them to a running `Sender::socket_io`.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::recorded::Desk;
use crate::sio_server::SocketIoServer;

use localpost_core::http::socketio::{Happening, Moment, SocketIo};
use localpost_core::http::websocket::{Direction, End, Side};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::{
    Classification, MessageKind, Protocol, Request, SocketIoSettings, Variable, WebSocketMessage,
};
use localpost_core::send::{Options, SendError, SendId, Sender, SocketIoTalking, Sockets};
use localpost_core::template::Variables;

/// A message emitting `event` with JSON `content`, its arguments when `spread`.
fn event(name: &str, content: &str, ack: bool, spread: bool) -> WebSocketMessage {
    WebSocketMessage {
        event: name.into(),
        ack,
        spread,
        ..WebSocketMessage::new(MessageKind::Json, content)
    }
}

/// A watcher telling each moment to the returned channel.
fn watcher(socket_io: &mut SocketIo) -> mpsc::UnboundedReceiver<Moment> {
    let (tell, heard) = mpsc::unbounded_channel();
    socket_io.watch = Some(Box::new(move |m: &Moment| {
        let _ = tell.send(m.clone());
    }));
    heard
}

/// Waits (at most 5 s) for the first moment `pick` takes.
async fn next<T>(
    heard: &mut mpsc::UnboundedReceiver<Moment>,
    mut pick: impl FnMut(&Happening) -> Option<T>,
) -> T {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match heard.recv().await {
                Some(m) => {
                    if let Some(found) = pick(&m.happening) {
                        return found;
                    }
                }
                None => panic!("the session ended first"),
            }
        }
    })
    .await
    .expect("within 5 s")
}

/// The arguments of the next received event named `name`.
fn received(name: &'static str) -> impl FnMut(&Happening) -> Option<Vec<Value>> {
    move |h| match h {
        Happening::Event {
            direction: Direction::Received,
            event,
            args,
            ..
        } if event == name => Some(args.clone()),
        _ => None,
    }
}

/// Through the store: the caller emits while connected, typed events rendered with the
/// workspace's variables; several arguments arrive as several; an acknowledgement comes back
/// under the id its emit asked with; an event without a name is refused and the session goes
/// on; the caller's disconnect leaves the namespace and closes with its code.
#[tokio::test]
async fn the_caller_emits_while_connected_sees_its_acks_and_disconnects() {
    let server = SocketIoServer::start();
    let desk = Desk::new("sio-talk", Classification::Internal);
    desk.store
        .set_globals(
            desk.workspace.id,
            &[Variable {
                key: "who".into(),
                value: "ada".into(),
                ..Variable::default()
            }],
        )
        .expect("globals");
    let req = desk.request("Chat", &server.url("/"), |r| {
        r.protocol = Protocol::SocketIo;
        r.messages = vec![event("echo", r#""saved""#, false, false)];
        r.socketio.auth = r#"{"user": "{{who}}"}"#.into();
    });
    let stored = desk.store.request(req.id).expect("read back");
    assert_eq!(
        stored.socketio.auth, r#"{"user": "{{who}}"}"#,
        "kept in the store"
    );
    assert!(stored.messages[0].event == "echo" && !stored.messages[0].spread);
    let sockets = Sockets::new();
    let id = SendId("sio-1".into());
    let (socket, talk) = sockets.start(id.clone()).expect("registers");
    let mut socket_io = SocketIo::default();
    let mut heard = watcher(&mut socket_io);
    let talking = SocketIoTalking {
        socket_io,
        talk: Some(talk),
    };
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine);
    let options = Options::default();
    let session = sender.socket_io(req.id, &options, talking, socket.token());
    let caller = async {
        let welcome = next(&mut heard, received("welcome")).await;
        assert_eq!(
            welcome[0]["auth"],
            json!({"user": "ada"}),
            "the payload, rendered"
        );
        assert_eq!(
            next(&mut heard, received("echo")).await,
            vec![json!("saved")]
        );
        sockets
            .send(
                &id,
                event("echo", r#"["hi {{who}}", 2, {"n": null}]"#, false, true),
            )
            .await
            .expect("emitted");
        assert_eq!(
            next(&mut heard, received("echo")).await,
            vec![json!("hi ada"), json!(2), json!({"n": null})],
            "a spread array is the argument list"
        );
        sockets
            .send(&id, event("ask", r#"{"q": 1}"#, true, false))
            .await
            .expect("emitted");
        let asked = next(&mut heard, |h| match h {
            Happening::Event {
                direction: Direction::Sent,
                event,
                ack_id,
                ..
            } if event == "ask" => Some(*ack_id),
            _ => None,
        })
        .await
        .expect("it asked for an acknowledgement");
        let (acked, args) = next(&mut heard, |h| match h {
            Happening::Ack {
                direction: Direction::Received,
                id,
                args,
                ..
            } => Some((*id, args.clone())),
            _ => None,
        })
        .await;
        assert_eq!(acked, asked, "the ack is matched to its emit");
        assert_eq!(args, vec![json!("answer"), json!({"q": 1})]);
        let nameless = sockets.send(&id, event("", "1", false, false)).await;
        assert!(
            matches!(&nameless, Err(e) if e.to_string().contains("an event needs a name")),
            "{nameless:?}"
        );
        assert!(
            sockets
                .close(&id, 1000, String::new())
                .expect("a valid close")
        );
    };
    let (done, ()) = tokio::join!(session, caller);
    let done = done.expect("the session ran");
    drop(socket);
    assert!(sockets.is_empty());
    assert!(matches!(
        sockets.send(&id, event("echo", "1", false, false)).await,
        Err(SendError::NotOpen { .. })
    ));
    assert_eq!(
        done.conversation.end,
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new()
        }
    );
    let mut rest = Vec::new();
    while let Ok(m) = heard.try_recv() {
        rest.push(m.happening);
    }
    assert!(
        matches!(
            rest.last(),
            Some(Happening::Disconnected {
                by: Side::Client,
                ..
            })
        ),
        "the client left the namespace: {rest:?}"
    );
}

async fn engine_session(request: &Request) -> Vec<Moment> {
    let prepared =
        http::prepare(request, &Variables::default(), &Inheritance::new()).expect("prepares");
    let options = SocketIo {
        duration: Some(Duration::from_millis(400)),
        ..SocketIo::default()
    };
    Engine::new()
        .socket_io(&prepared, options, &CancellationToken::new())
        .await
        .expect("the session opens")
        .moments
}

/// The request's `auth` payload goes on the namespace's connect, and its handshake path is
/// where the session opens (the server at `/custom-path/` answers, `/socket.io/` is another).
#[tokio::test]
async fn the_request_sets_the_auth_payload_and_the_handshake_path() {
    let server = SocketIoServer::start();
    let fx = crate::fixture::Fixture::new();
    let admin = fx.request("GET", &server.url("/admin"), |r| {
        r.protocol = Protocol::SocketIo;
        r.socketio.auth = r#"{"token": "let-me-in"}"#.into();
    });
    let moments = engine_session(&admin).await;
    assert!(
        moments.iter().any(|m| matches!(
            &m.happening,
            Happening::Connected { namespace, .. } if namespace == "/admin"
        )),
        "the auth payload let it in: {moments:?}"
    );

    let custom = fx.request("GET", &server.url("/?x=1"), |r| {
        r.protocol = Protocol::SocketIo;
        r.socketio = SocketIoSettings {
            path: "custom-path/".into(),
            auth: r#"{"user": "grace"}"#.into(),
        };
    });
    let moments = engine_session(&custom).await;
    let welcomed = moments.iter().find_map(|m| match &m.happening {
        Happening::Event { event, args, .. } if event == "custom-welcome" => Some(args.clone()),
        _ => None,
    });
    assert_eq!(
        welcomed,
        Some(vec![json!({"user": "grace"})]),
        "{moments:?}"
    );

    let not_object = fx.request("GET", &server.url("/"), |r| {
        r.protocol = Protocol::SocketIo;
        r.socketio.auth = "[1]".into();
    });
    let prepared =
        http::prepare(&not_object, &Variables::default(), &Inheritance::new()).expect("prepares");
    let e = Engine::new()
        .socket_io(&prepared, SocketIo::default(), &CancellationToken::new())
        .await
        .expect_err("refused before connecting");
    assert_eq!(e.to_string(), "the auth payload: it is not a JSON object");
}
