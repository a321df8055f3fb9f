//! WebSocket requests kept in a real store, opened by the engine against a loopback echo
//! server: the handshake carries headers, query, auth and variables; the saved messages go out
//! in order and the echoes come back with direction, size and time; pings, pongs and close
//! codes are recorded; failures before the socket opens are errors naming their cause. The
//! request's proxy (SOCKS5, HTTP) and CA certificates (`wss://`) apply to the handshake.

use std::time::Duration;

use crate::fixture::Fixture;
use crate::ws_server::EchoServer;

use localpost_core::http::websocket::{
    Conversation, Converse, Direction, End, FrameKind, Side, WebSocketError,
};
use localpost_core::http::{self, Content, Engine, HttpError, Inheritance};
use localpost_core::model::{
    Auth, AuthMode, AuthParam, KeyValue, MessageKind, Protocol, Request, WebSocketMessage,
};
use localpost_core::template::{Scope, Variables};
use tokio_util::sync::CancellationToken;

fn websocket(fx: &Fixture, url: &str, messages: Vec<WebSocketMessage>) -> Request {
    fx.request("GET", url, |r| {
        r.protocol = Protocol::WebSocket;
        r.messages = messages;
    })
}

fn text(t: &str) -> WebSocketMessage {
    WebSocketMessage::new(MessageKind::Text, t)
}

async fn converse(
    req: &Request,
    vars: &Variables,
    duration: Option<Duration>,
) -> Result<Conversation, WebSocketError> {
    let prepared = http::prepare(req, vars, &Inheritance::new())?;
    let options = Converse {
        duration,
        ..Converse::default()
    };
    Engine::new()
        .converse(&prepared, options, &CancellationToken::new())
        .await
}

/// (direction, kind, text) of each frame, binary as its size.
fn transcript(c: &Conversation) -> Vec<(Direction, FrameKind, String)> {
    c.frames
        .iter()
        .map(|f| {
            let shown = match &f.data {
                Content::Text { text } => text.clone(),
                Content::Base64 { .. } => format!("{} bytes", f.size),
            };
            (f.direction, f.kind, shown)
        })
        .collect()
}

#[tokio::test]
async fn saved_messages_go_out_in_order_and_their_echoes_come_back() {
    let server = EchoServer::start();
    let fx = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frame.bin");
    std::fs::write(&file, [0u8, 159, 146, 150, 255]).unwrap();
    let disabled = WebSocketMessage {
        enabled: false,
        ..text("never sent")
    };
    let mut req = websocket(
        &fx,
        &server.url("/chat"),
        vec![
            text("hello {{name}}"),
            disabled,
            WebSocketMessage::new(MessageKind::Json, r#"{"op":"{{op}}"}"#),
            WebSocketMessage::new(MessageKind::Binary, file.to_string_lossy()),
            text("close"),
        ],
    );
    req.params = vec![KeyValue::new("room", "{{room}}")];
    req.headers = vec![KeyValue::new("X-Client", "localpost")];
    req.auth = Auth {
        mode: AuthMode::Bearer,
        params: vec![AuthParam {
            key: "token".into(),
            value: "s3cret-token".into(),
            kind: "string".into(),
        }],
    };
    let req = fx.store.update_request(&req).unwrap();
    let mut vars = Variables::new();
    for (k, v) in [("name", "ada"), ("op", "sub"), ("room", "7")] {
        vars.set(Scope::Environment, k, v);
    }

    let c = converse(&req, &vars, None).await.expect("opens");

    let seen = server.seen();
    let hs = &seen.handshakes[0];
    assert_eq!(hs.target, "/chat?room=7");
    assert_eq!(hs.header("authorization"), Some("Bearer s3cret-token"));
    assert_eq!(hs.header("x-client"), Some("localpost"));
    assert_eq!(hs.header("upgrade"), Some("websocket"));
    assert_eq!(c.handshake.status, 101);
    assert_eq!(
        c.handshake.request.url,
        format!("{}?room=7", server.url("/chat"))
    );
    let auth = c
        .handshake
        .request
        .headers
        .iter()
        .find(|h| h.is_named("authorization"));
    assert_eq!(
        auth.map(|h| h.value.as_str()),
        Some("***"),
        "the token is masked"
    );

    use Direction::{Received, Sent};
    use FrameKind::{Binary, Close, Text};
    let s = |t: &str| t.to_string();
    assert_eq!(
        transcript(&c),
        vec![
            (Sent, Text, s("hello ada")),
            (Sent, Text, s(r#"{"op":"sub"}"#)),
            (Sent, Binary, s("5 bytes")),
            (Sent, Text, s("close")),
            (Received, Text, s("hello ada")),
            (Received, Text, s(r#"{"op":"sub"}"#)),
            (Received, Binary, s("5 bytes")),
            (Received, Close, s("asked to")),
            (Sent, Close, s("asked to")),
        ]
    );
    let received_binary = &c.frames[6];
    assert_eq!(received_binary.data.to_bytes(), [0u8, 159, 146, 150, 255]);
    assert_eq!(c.frames[7].code, Some(4000));
    assert_eq!(
        c.end,
        End::Closed {
            by: Side::Server,
            code: Some(4000),
            reason: "asked to".into()
        }
    );
    // Times run forward from the open.
    assert!(c.frames.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
    assert_eq!(c.frames[0].size, "hello ada".len() as u64);
    assert_eq!(seen.messages, 4, "the disabled message was not sent");
}

#[tokio::test]
async fn pings_are_answered_and_the_client_closes_with_1000_when_the_duration_is_up() {
    let server = EchoServer::start();
    let fx = Fixture::new();
    let req = websocket(&fx, &server.url("/"), vec![text("ping")]);
    let started = std::time::Instant::now();
    let c = converse(&req, &Variables::new(), Some(Duration::from_millis(400)))
        .await
        .expect("opens");
    assert!(started.elapsed() >= Duration::from_millis(400));
    let kinds: Vec<_> = c.frames.iter().map(|f| (f.direction, f.kind)).collect();
    use Direction::{Received, Sent};
    assert_eq!(
        kinds,
        vec![
            (Sent, FrameKind::Text),
            (Received, FrameKind::Text),
            (Received, FrameKind::Ping),
            (Sent, FrameKind::Pong),
            (Sent, FrameKind::Close),
            (Received, FrameKind::Close),
        ]
    );
    assert_eq!(c.frames[4].code, Some(1000));
    assert_eq!(
        c.end,
        End::Closed {
            by: Side::Client,
            code: Some(1000),
            reason: String::new()
        }
    );
    let seen = server.seen();
    assert_eq!(seen.pongs, 1, "the server got its pong");
    assert_eq!(seen.close_codes, vec![1000]);
}

#[tokio::test]
async fn a_refused_handshake_names_the_status() {
    let server = EchoServer::refusing(403);
    let fx = Fixture::new();
    let req = websocket(&fx, &server.url("/no"), vec![text("hi")]);
    let err = converse(&req, &Variables::new(), None).await.unwrap_err();
    assert!(
        matches!(err, WebSocketError::Refused { status: 403, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("403 Forbidden"), "{err}");
    assert_eq!(server.seen().handshakes.len(), 1);
}

#[tokio::test]
async fn nothing_listening_is_connection_refused() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let fx = Fixture::new();
    let req = websocket(&fx, &format!("ws://127.0.0.1:{port}/"), vec![]);
    let err = converse(&req, &Variables::new(), None).await.unwrap_err();
    assert!(
        matches!(
            err,
            WebSocketError::Http(HttpError::ConnectionRefused { .. })
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_missing_message_file_fails_before_anything_connects() {
    let server = EchoServer::start();
    let fx = Fixture::new();
    let req = websocket(
        &fx,
        &server.url("/"),
        vec![
            text("first"),
            WebSocketMessage::new(MessageKind::Binary, "/no/such/file.bin"),
        ],
    );
    let err = converse(&req, &Variables::new(), None).await.unwrap_err();
    assert!(
        matches!(err, WebSocketError::MessageFile { index: 1, .. }),
        "{err:?}"
    );
    assert!(server.seen().handshakes.is_empty(), "nothing connected");
}

#[tokio::test]
async fn http_urls_and_http_sends_are_refused_for_websocket_requests() {
    let fx = Fixture::new();
    let req = websocket(&fx, "http://127.0.0.1:9/", vec![]);
    let err = http::prepare(&req, &Variables::new(), &Inheritance::new()).unwrap_err();
    assert!(err.to_string().contains("ws:// or wss://"), "{err}");

    let req = websocket(&fx, "127.0.0.1:9/x", vec![]);
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).unwrap();
    assert_eq!(
        prepared.websocket_url(),
        "ws://127.0.0.1:9/x",
        "no scheme means ws://"
    );
    let err = Engine::new()
        .send(&prepared, &CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::WebSocketRequest { .. }), "{err:?}");
}

#[tokio::test]
async fn the_handshake_goes_through_the_request_settings_proxy() {
    use crate::proxies::{HttpProxy, Socks5};
    use localpost_core::model::{ProxyMode, ProxySettings};
    let server = EchoServer::start();
    let fx = Fixture::new();
    let proxied = |url: String, user: &str, password: &str| {
        let mut req = websocket(&fx, &server.url("/via"), vec![text("hi"), text("close")]);
        req.settings.proxy = Some(ProxySettings {
            mode: ProxyMode::Custom,
            url,
            username: user.into(),
            password: password.into(),
            no_proxy: String::new(),
        });
        fx.store.update_request(&req).unwrap()
    };

    let socks = Socks5::start("grace", "s0cks-pw");
    let req = proxied(format!("socks5://{}", socks.addr), "grace", "s0cks-pw");
    let c = converse(&req, &Variables::new(), None)
        .await
        .expect("opens");
    assert_eq!(c.frames[2].data.to_bytes(), b"hi", "the echo came back");
    let seen = socks.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].request, format!("CONNECT {}", server.addr()));
    assert!(seen[0].is_allowed);

    // An HTTP proxy gets the handshake as an absolute-URI GET and passes the upgrade on.
    let http = HttpProxy::start("ada", "pr0xy-pw");
    let req = proxied(format!("http://{}", http.addr), "ada", "pr0xy-pw");
    let c = converse(&req, &Variables::new(), None)
        .await
        .expect("opens");
    assert_eq!(c.frames[2].data.to_bytes(), b"hi");
    let seen = http.seen();
    assert_eq!(
        seen[0].request,
        format!("GET http://{}/via HTTP/1.1", server.addr())
    );
    assert!(seen[0].is_allowed);
    assert_eq!(server.seen().handshakes.len(), 2, "both reached the server");
}

/// A one-connection `wss://` echo server on 127.0.0.1 with a certificate `ca` issued; returns
/// its port. Blocking rustls and tungstenite on a thread of its own.
fn wss_echo(ca: &crate::tls_server::Ca) -> u16 {
    use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
    use tokio_tungstenite::tungstenite::{self, Message};
    let issued = ca.issue("localpost wss test", &["localhost", "127.0.0.1"], false);
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.key_der.clone()));
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![issued.der.clone()], key)
            .unwrap(),
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let Ok(conn) = rustls::ServerConnection::new(std::sync::Arc::clone(&config)) else {
                continue;
            };
            let Ok(mut ws) = tungstenite::accept(rustls::StreamOwned::new(conn, tcp)) else {
                continue; // the client refused the certificate
            };
            while let Ok(message) = ws.read() {
                match message {
                    Message::Text(t) if t.as_str() == "close" => {
                        let _ = ws.close(None);
                    }
                    m @ (Message::Text(_) | Message::Binary(_)) => {
                        let _ = ws.send(m);
                    }
                    _ => {}
                }
            }
        }
    });
    port
}

#[tokio::test]
async fn wss_uses_the_request_settings_ca_and_fails_without_it() {
    let ca = crate::tls_server::Ca::new();
    let port = wss_echo(&ca);
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    let fx = Fixture::new();
    let url = format!("wss://localhost:{port}/secure");

    // The platform roots do not know the test CA: the handshake fails, naming TLS.
    let req = websocket(&fx, &url, vec![text("hi")]);
    let err = converse(&req, &Variables::new(), None).await.unwrap_err();
    assert!(
        matches!(err, WebSocketError::Http(HttpError::Tls { .. })),
        "{err:?}"
    );

    // With the CA in the request's settings, it opens and echoes.
    let mut req = websocket(&fx, &url, vec![text("over tls"), text("close")]);
    req.settings.ca_certificates = Some(ca_path.display().to_string());
    let req = fx.store.update_request(&req).unwrap();
    let c = converse(&req, &Variables::new(), None)
        .await
        .expect("opens");
    assert_eq!(c.handshake.request.url, url);
    assert_eq!(c.frames[2].data.to_bytes(), b"over tls");
    assert!(
        matches!(
            c.end,
            End::Closed {
                by: Side::Server,
                ..
            }
        ),
        "{:?}",
        c.end
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echoes_are_read_while_the_messages_are_still_going_out() {
    // Eight 4 MiB messages to an echo server: a client that read nothing until it had sent
    // them all would fill both directions' buffers and wait for ever.
    let server = EchoServer::start();
    let fx = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    std::fs::write(&file, vec![0xA5u8; 4 * 1024 * 1024]).unwrap();
    let mut messages: Vec<_> = (0..8)
        .map(|_| WebSocketMessage::new(MessageKind::Binary, file.to_string_lossy()))
        .collect();
    messages.push(text("close"));
    let req = websocket(&fx, &server.url("/big"), messages);
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).unwrap();
    // Spawned: a conversation's future is Send, so the app can run it on any worker thread.
    let task = tokio::spawn(async move {
        Engine::new()
            .converse(&prepared, Converse::default(), &CancellationToken::new())
            .await
    });
    let c = tokio::time::timeout(Duration::from_secs(60), task)
        .await
        .expect("no deadlock")
        .expect("the task ran")
        .expect("opens");
    let echoed: Vec<u64> = c
        .frames
        .iter()
        .filter(|f| f.direction == Direction::Received && f.kind == FrameKind::Binary)
        .map(|f| f.size)
        .collect();
    assert_eq!(echoed, vec![4 * 1024 * 1024; 8]);
    assert!(
        matches!(
            c.end,
            End::Closed {
                by: Side::Server,
                ..
            }
        ),
        "{:?}",
        c.end
    );
}
