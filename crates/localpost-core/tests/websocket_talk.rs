//! A WebSocket conversation the caller talks in while it is open, against a loopback echo
//! server: typed messages (text and a file's bytes) go out after the saved ones and their
//! echoes come back, the handshake is heard before any frame, pings and pongs are frames, and
//! the caller closes with a code and reason of its own. Through the store (with the real
//! keychain, inside `scripts/test-session.sh`), typed messages are rendered with the
//! request's variables and the whole conversation is one history entry.

use std::time::Duration;

use crate::fixture::Fixture;
use crate::recorded::Desk;
use crate::ws_server::EchoServer;

use localpost_core::history::{History, Kept};
use localpost_core::http::websocket::{
    Conversation, Converse, Direction, End, Frame, FrameKind, Order, Side, WebSocketError,
};
use localpost_core::http::{self, Content, Engine, Inheritance};
use localpost_core::model::{
    Classification, MessageKind, Protocol, Request, Variable, WebSocketMessage,
};
use localpost_core::send::{Options, SendError, SendId, Sender, Sockets, Talking};
use localpost_core::template::Variables;
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

fn text(t: &str) -> WebSocketMessage {
    WebSocketMessage::new(MessageKind::Text, t)
}

/// What the watchers heard: the handshake's status, then each frame.
enum Heard {
    Opened(u16),
    Frame(Frame),
}

fn watchers(converse: &mut Converse) -> mpsc::UnboundedReceiver<Heard> {
    let (tell, heard) = mpsc::unbounded_channel();
    let on_open = tell.clone();
    converse.opened = Some(Box::new(move |h| {
        let _ = on_open.send(Heard::Opened(h.status));
    }));
    converse.watch = Some(Box::new(move |f| {
        let _ = tell.send(Heard::Frame(f.clone()));
    }));
    heard
}

/// Waits (at most 5 s) for a received frame of `kind`, returning its text.
async fn received(heard: &mut mpsc::UnboundedReceiver<Heard>, kind: FrameKind) -> String {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match heard.recv().await {
                Some(Heard::Frame(f)) if f.direction == Direction::Received && f.kind == kind => {
                    return match f.data {
                        Content::Text { text } => text,
                        Content::Base64 { base64 } => format!("base64:{base64}"),
                    };
                }
                Some(_) => {}
                None => panic!("the conversation ended before a {kind:?} frame"),
            }
        }
    })
    .await
    .expect("a frame within 5 s")
}

/// A prepared request whose only message is `message`, as the send layer makes for a typed one.
fn typed(req: &Request, vars: &Variables, message: WebSocketMessage) -> http::PreparedRequest {
    let mut one = req.clone();
    one.messages = vec![message];
    http::prepare(&one, vars, &Inheritance::new()).expect("prepares")
}

async fn order_send(
    orders: &mpsc::UnboundedSender<Order>,
    request: http::PreparedRequest,
) -> Result<(), WebSocketError> {
    let (done, went) = oneshot::channel();
    let order = Order::Send {
        request: Box::new(request),
        done,
    };
    orders.send(order).expect("the conversation hears orders");
    went.await.expect("an answer")
}

fn transcript(c: &Conversation) -> Vec<(Direction, FrameKind, String, Option<u16>)> {
    c.frames
        .iter()
        .map(|f| {
            let shown = match &f.data {
                Content::Text { text } => text.clone(),
                Content::Base64 { .. } => format!("{} bytes", f.size),
            };
            (f.direction, f.kind, shown, f.code)
        })
        .collect()
}

#[tokio::test]
async fn typed_messages_go_out_while_open_and_the_caller_closes_with_its_code_and_reason() {
    let server = EchoServer::start();
    let fx = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typed.bin");
    std::fs::write(&file, [1u8, 2, 3, 250]).unwrap();
    let req = fx.request("GET", &server.url("/talk"), |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = vec![text("saved")];
    });
    let vars = Variables::new();
    let prepared = http::prepare(&req, &vars, &Inheritance::new()).unwrap();
    let mut converse = Converse::default();
    let mut heard = watchers(&mut converse);
    let (orders, listened) = mpsc::unbounded_channel();
    converse.orders = Some(listened);
    let engine = Engine::new();
    let cancel = CancellationToken::new();
    let conversing = engine.converse(&prepared, converse, &cancel);

    let talking = async {
        match heard.recv().await {
            Some(Heard::Opened(status)) => assert_eq!(status, 101, "the handshake comes first"),
            _ => panic!("expected the handshake before any frame"),
        }
        assert_eq!(received(&mut heard, FrameKind::Text).await, "saved");
        order_send(&orders, typed(&req, &vars, text("typed one")))
            .await
            .expect("sent");
        assert_eq!(received(&mut heard, FrameKind::Text).await, "typed one");
        let binary = WebSocketMessage::new(MessageKind::Binary, file.to_string_lossy());
        order_send(&orders, typed(&req, &vars, binary))
            .await
            .expect("sent");
        assert_eq!(
            received(&mut heard, FrameKind::Binary).await,
            "base64:AQID+g=="
        );
        // A file that cannot be read fails that message only.
        let missing = WebSocketMessage::new(MessageKind::Binary, "/nonexistent/frame.bin");
        let err = order_send(&orders, typed(&req, &vars, missing))
            .await
            .unwrap_err();
        assert!(matches!(err, WebSocketError::MessageFile { .. }), "{err:?}");
        // The server pings after echoing "ping": both are frames, as is the pong answering it.
        order_send(&orders, typed(&req, &vars, text("ping")))
            .await
            .expect("sent");
        received(&mut heard, FrameKind::Ping).await;
        orders
            .send(Order::Close {
                code: 4001,
                reason: "done here".into(),
            })
            .expect("heard");
    };
    let (conversation, ()) = tokio::join!(conversing, talking);
    let c = conversation.expect("opened");

    assert_eq!(
        c.end,
        End::Closed {
            by: Side::Client,
            code: Some(4001),
            reason: "done here".into()
        }
    );
    let t = transcript(&c);
    use Direction::{Received as In, Sent as Out};
    let expected_start = [
        (Out, FrameKind::Text, "saved".to_string(), None),
        (In, FrameKind::Text, "saved".to_string(), None),
        (Out, FrameKind::Text, "typed one".to_string(), None),
        (In, FrameKind::Text, "typed one".to_string(), None),
        (Out, FrameKind::Binary, "4 bytes".to_string(), None),
        (In, FrameKind::Binary, "4 bytes".to_string(), None),
        (Out, FrameKind::Text, "ping".to_string(), None),
        (In, FrameKind::Text, "ping".to_string(), None),
        (In, FrameKind::Ping, "hb".to_string(), None),
        (Out, FrameKind::Pong, "hb".to_string(), None),
        (Out, FrameKind::Close, "done here".to_string(), Some(4001)),
    ];
    assert_eq!(&t[..expected_start.len()], &expected_start, "{t:#?}");
    // The server's answer to the close, within the grace period.
    assert_eq!(
        t.last().map(|f| (f.0, f.1, f.3)),
        Some((In, FrameKind::Close, Some(4001))),
        "{t:#?}"
    );
    let seen = server.seen();
    assert_eq!(seen.close_codes, vec![4001]);
    assert_eq!(seen.pongs, 1);
    assert_eq!(seen.messages, 4, "saved, typed, binary, ping");
}

#[tokio::test]
async fn orders_after_the_server_closed_are_answered_with_closed() {
    let server = EchoServer::start();
    let fx = Fixture::new();
    let req = fx.request("GET", &server.url("/"), |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = vec![text("close")];
    });
    let vars = Variables::new();
    let prepared = http::prepare(&req, &vars, &Inheritance::new()).unwrap();
    let (orders, listened) = mpsc::unbounded_channel();
    let converse = Converse {
        orders: Some(listened),
        ..Converse::default()
    };
    let c = Engine::new()
        .converse(&prepared, converse, &CancellationToken::new())
        .await
        .expect("opened");
    assert!(matches!(
        c.end,
        End::Closed {
            by: Side::Server,
            code: Some(4000),
            ..
        }
    ));
    // The conversation is over: an order sent now is never carried out.
    let (done, went) = oneshot::channel();
    let sent = orders.send(Order::Send {
        request: Box::new(typed(&req, &vars, text("late"))),
        done,
    });
    assert!(sent.is_err() || went.await.is_err());
}

/// Through the store: `Sockets` reaches a `Sender::talk` under way; a typed message is
/// rendered with the workspace's variables; the close is the caller's; one history entry
/// holds the whole conversation, sealed as the workspace's classification says.
#[tokio::test]
async fn a_conversation_talked_in_through_sockets_is_rendered_and_recorded_whole() {
    let server = EchoServer::start();
    let desk = Desk::new("ws-talk", Classification::Internal);
    desk.store
        .set_globals(
            desk.workspace.id,
            &[Variable {
                key: "who".into(),
                value: "TALK-MARKER-91c2".into(),
                ..Variable::default()
            }],
        )
        .expect("globals");
    let req = desk.request("Talk", &server.url("/"), |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = vec![text("hello")];
    });
    let sockets = Sockets::new();
    let id = SendId("conn-1".into());
    let (socket, talk) = sockets.start(id.clone()).expect("registers");
    let mut converse = Converse::default();
    let mut heard = watchers(&mut converse);
    let talking = Talking {
        converse,
        talk: Some(talk),
    };
    let sender = Sender::new(&desk.store, &desk.vault, &desk.engine);
    let options = Options::default();
    let conversing = sender.talk(req.id, &options, talking, socket.token());
    let caller = async {
        assert_eq!(received(&mut heard, FrameKind::Text).await, "hello");
        sockets
            .send(&id, text("hi {{who}}"))
            .await
            .expect("typed message sent");
        assert_eq!(
            received(&mut heard, FrameKind::Text).await,
            "hi TALK-MARKER-91c2"
        );
        assert!(
            sockets
                .close(&id, 4002, "bye".into())
                .expect("a valid close")
        );
    };
    let (done, ()) = tokio::join!(conversing, caller);
    let done = done.expect("conversed");
    drop(socket);
    assert!(sockets.is_empty());
    assert!(matches!(
        sockets.send(&id, text("after")).await,
        Err(SendError::NotOpen { .. })
    ));
    assert_eq!(
        done.conversation.end,
        End::Closed {
            by: Side::Client,
            code: Some(4002),
            reason: "bye".into()
        }
    );
    let history = History::new(&desk.store, &desk.vault);
    let list = history.list(desk.workspace.id, None, 10).expect("list");
    assert_eq!(list.len(), 1, "one entry for the whole conversation");
    let detail = history.show(list[0].id).expect("show");
    assert_eq!(detail.entry.kept, Kept::Sealed);
    let frames = detail.response.expect("frames").body.text.expect("text");
    assert!(frames.contains("hi TALK-MARKER-91c2"), "{frames}");
    assert!(frames.contains("\"code\":4002"), "{frames}");
    assert!(
        !desk
            .at_rest()
            .iter()
            .any(|(_, b)| crate::recorded::contains(b, "hi TALK-MARKER")),
        "the typed message is sealed at rest"
    );
}
