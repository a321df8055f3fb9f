//! Digest and NTLM open a WebSocket: a loopback server refuses the first handshake with its
//! challenge and accepts the answer (on the same connection, for NTLM), then echoes. The
//! server is written here over raw TCP, since a WebSocket library's server closes the
//! connection it refuses, and NTLM authenticates the connection.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use localpost_core::http::websocket::{
    Conversation, Converse, Direction, FrameKind, WebSocketError,
};
use localpost_core::http::{self, Content, Engine, Inheritance};
use localpost_core::model::{Auth, AuthMode, MessageKind, Protocol, Request, WebSocketMessage};
use localpost_core::template::Variables;
use md5::Digest as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_util::sync::CancellationToken;

use crate::http_auth_ntlm::{Windows, ntlm, vars};

const REALM: &str = "sockets";
const NONCE: &str = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

/// What a server makes of one handshake.
enum Verdict {
    Accept,
    Refuse(u16, Vec<(String, String)>),
}

/// One handshake as received: its target, headers, and the connection it came on.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    headers: Vec<(String, String)>,
    connection: usize,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Judge = Arc<dyn Fn(&Seen) -> Verdict + Send + Sync>;

/// A loopback server that judges each handshake and echoes on the sockets it accepts.
struct Guarded {
    addr: std::net::SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Guarded {
    fn drop(&mut self) {
        // Dropped inside a test's runtime: stop without blocking it.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Guarded {
    fn start(judge: Judge) -> Guarded {
        let runtime = tokio::runtime::Runtime::new().expect("server runtime");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let mut connection = 0;
            while let Ok((stream, _)) = listener.accept().await {
                connection += 1;
                tokio::spawn(serve(
                    stream,
                    connection,
                    Arc::clone(&judge),
                    Arc::clone(&record),
                ));
            }
        });
        Guarded {
            addr,
            seen,
            runtime: Some(runtime),
        }
    }

    fn url(&self) -> String {
        format!("ws://{}/chat", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}

/// Reads handshakes on `stream` until one is accepted, then echoes its messages.
async fn serve(
    mut stream: tokio::net::TcpStream,
    connection: usize,
    judge: Judge,
    record: Arc<Mutex<Vec<Seen>>>,
) {
    loop {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte).await {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let mut lines = text.split("\r\n");
        let target = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .unwrap_or_default()
            .to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let seen = Seen {
            target,
            headers,
            connection,
        };
        record.lock().expect("lock").push(seen.clone());
        match judge(&seen) {
            Verdict::Refuse(status, extra) => {
                let mut reply = format!("HTTP/1.1 {status} No\r\nContent-Length: 0\r\n");
                for (k, v) in extra {
                    reply.push_str(&format!("{k}: {v}\r\n"));
                }
                reply.push_str("\r\n");
                if stream.write_all(reply.as_bytes()).await.is_err() {
                    return;
                }
            }
            Verdict::Accept => {
                let key = seen.header("sec-websocket-key").unwrap_or_default();
                let reply = format!(
                    "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n\
                     Upgrade: websocket\r\nSec-WebSocket-Accept: {}\r\n\r\n",
                    derive_accept_key(key.as_bytes())
                );
                if stream.write_all(reply.as_bytes()).await.is_err() {
                    return;
                }
                let mut socket = WebSocketStream::from_raw_socket(stream, Role::Server, None).await;
                while let Some(Ok(message)) = socket.next().await {
                    if matches!(message, Message::Text(_)) {
                        let _ = socket.send(message).await;
                    }
                }
                return;
            }
        }
    }
}

fn hex_md5(data: &str) -> String {
    md5::Md5::digest(data.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// RFC 7616 with qop `auth` and MD5, computed here from the password.
fn digest_verdict(seen: &Seen, user: &str, password: &str) -> Verdict {
    let challenge = Verdict::Refuse(
        401,
        vec![(
            "WWW-Authenticate".into(),
            format!("Digest realm=\"{REALM}\", qop=\"auth\", algorithm=MD5, nonce=\"{NONCE}\""),
        )],
    );
    let Some(params) = seen
        .header("authorization")
        .and_then(|a| a.strip_prefix("Digest "))
    else {
        return challenge;
    };
    let param = |key: &str| {
        params.split(',').find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            (k == key).then(|| v.trim_matches('"').to_string())
        })
    };
    let (Some(nc), Some(cnonce), Some(response), Some(uri)) = (
        param("nc"),
        param("cnonce"),
        param("response"),
        param("uri"),
    ) else {
        return challenge;
    };
    let ha1 = hex_md5(&format!("{user}:{REALM}:{password}"));
    let ha2 = hex_md5(&format!("GET:{uri}"));
    let expected = hex_md5(&format!("{ha1}:{NONCE}:{nc}:{cnonce}:auth:{ha2}"));
    if param("username").as_deref() == Some(user) && uri == seen.target && response == expected {
        Verdict::Accept
    } else {
        challenge
    }
}

/// NTLM: NEGOTIATE gets the CHALLENGE; AUTHENTICATE on the same connection is checked.
fn ntlm_verdict(windows: &Windows, negotiated_on: &Mutex<Option<usize>>, seen: &Seen) -> Verdict {
    let denied = Verdict::Refuse(401, vec![("WWW-Authenticate".into(), "NTLM".into())]);
    let Some(token) = seen
        .header("authorization")
        .and_then(|a| a.strip_prefix("NTLM "))
    else {
        return denied;
    };
    let Ok(m) = base64::engine::general_purpose::STANDARD.decode(token) else {
        return denied;
    };
    match m.get(8) {
        Some(1) => {
            *negotiated_on.lock().expect("lock") = Some(seen.connection);
            Verdict::Refuse(
                401,
                vec![(
                    "WWW-Authenticate".into(),
                    format!("NTLM {}", windows.challenge()),
                )],
            )
        }
        Some(3)
            if *negotiated_on.lock().expect("lock") == Some(seen.connection)
                && windows.verify(&m) =>
        {
            Verdict::Accept
        }
        _ => denied,
    }
}

fn socket(url: &str, auth: Auth) -> Request {
    let mut r = Request::unsaved("GET", url);
    r.protocol = Protocol::WebSocket;
    r.auth = auth;
    r.messages = vec![WebSocketMessage::new(MessageKind::Text, "hello")];
    r
}

async fn converse(req: &Request, vars: &Variables) -> Result<Conversation, WebSocketError> {
    let prepared = http::prepare(req, vars, &Inheritance::new())?;
    let options = Converse {
        duration: Some(Duration::from_millis(300)),
        ..Converse::default()
    };
    Engine::new()
        .converse(&prepared, options, &CancellationToken::new())
        .await
}

fn echoed(c: &Conversation) -> Vec<String> {
    c.frames
        .iter()
        .filter(|f| f.direction == Direction::Received && f.kind == FrameKind::Text)
        .filter_map(|f| match &f.data {
            Content::Text { text } => Some(text.clone()),
            Content::Base64 { .. } => None,
        })
        .collect()
}

fn digest_auth(password: &str) -> Auth {
    Auth::with_params(
        AuthMode::Digest,
        &[("username", "mufasa"), ("password", password)],
    )
}

#[tokio::test]
async fn digest_answers_the_handshakes_challenge_and_opens_the_socket() {
    let server = Guarded::start(Arc::new(|seen: &Seen| {
        digest_verdict(seen, "mufasa", "Circle of Life")
    }));
    let c = converse(
        &socket(&server.url(), digest_auth("Circle of Life")),
        &Variables::new(),
    )
    .await
    .expect("opens");
    assert_eq!(echoed(&c), ["hello"]);
    assert_eq!(c.handshake.status, 101);
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "challenged once, then accepted");
    assert!(seen[0].header("authorization").is_none());
    assert!(
        seen[1]
            .header("authorization")
            .is_some_and(|a| a.starts_with("Digest ")),
    );
    // What the conversation shows of the handshake masks the answer.
    let shown = c
        .handshake
        .request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("authorization"))
        .map(|h| h.value.clone())
        .unwrap_or_default();
    assert!(!shown.contains("response="), "{shown}");
}

#[tokio::test]
async fn a_wrong_digest_password_gets_the_servers_refusal() {
    let server = Guarded::start(Arc::new(|seen: &Seen| {
        digest_verdict(seen, "mufasa", "Circle of Life")
    }));
    let err = converse(
        &socket(&server.url(), digest_auth("wrong")),
        &Variables::new(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, WebSocketError::Refused { status: 401, .. }),
        "{err}"
    );
    assert_eq!(server.seen().len(), 2, "one answer, not a loop");
}

#[tokio::test]
async fn ntlm_authenticates_the_connection_the_socket_then_opens_on() {
    let windows = Arc::new(Windows::new("S3cure!pass"));
    let negotiated = Arc::new(Mutex::new(None));
    let judge = {
        let windows = Arc::clone(&windows);
        let negotiated = Arc::clone(&negotiated);
        Arc::new(move |seen: &Seen| ntlm_verdict(&windows, &negotiated, seen))
    };
    let server = Guarded::start(judge);
    let c = converse(&socket(&server.url(), ntlm("S3cure!pass")), &vars())
        .await
        .expect("opens");
    assert_eq!(echoed(&c), ["hello"]);
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "NEGOTIATE, then AUTHENTICATE");
    assert_eq!(
        seen[0].connection, seen[1].connection,
        "both on one connection"
    );
    assert_eq!(seen[1].header("upgrade"), Some("websocket"));

    // A wrong password is the server's 401.
    let err = converse(&socket(&server.url(), ntlm("nope")), &vars())
        .await
        .unwrap_err();
    assert!(
        matches!(err, WebSocketError::Refused { status: 401, .. }),
        "{err}"
    );
}
