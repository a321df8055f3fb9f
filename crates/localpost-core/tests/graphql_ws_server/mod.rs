//! An in-process GraphQL over WebSocket server (`graphql-transport-ws`) on 127.0.0.1, port 0,
//! for black-box tests. It runs on its own thread and runtime and records what it saw.
//!
//! Per connection: it accepts the subprotocol when asked (unless built with
//! [`Mode::NoSubprotocol`]), answers `connection_init` with a `ping` then `connection_ack`, and
//! a `subscribe` as its [`Mode`] says: [`Mode::Countries`] sends one `next` per country then
//! `complete`; [`Mode::Endless`] sends a `next` every 50 ms until the client completes;
//! [`Mode::Fails`] sends an `error`.
//!
//! Shared with `localpost-cli/tests` through `#[path]`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::HeaderValue;

/// The countries [`Mode::Countries`] sends, one `next` each.
pub const COUNTRIES: [&str; 3] = ["France", "Japan", "Peru"];

/// What the server does with a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One `next` per country, then `complete`.
    Countries,
    /// A `next` every 50 ms until the client sends `complete`.
    Endless,
    /// An `error`.
    Fails,
    /// Opens the socket without agreeing to the subprotocol.
    NoSubprotocol,
}

/// What the server saw.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// The `Sec-WebSocket-Protocol` and `Authorization` of each handshake.
    pub handshakes: Vec<(Option<String>, Option<String>)>,
    /// Each `subscribe` message's payload.
    pub subscriptions: Vec<Value>,
    /// `pong` messages received.
    pub pongs: usize,
    /// `complete` messages the client sent.
    pub completes: usize,
}

/// A running server; stopped when dropped.
pub struct GraphqlWsServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl GraphqlWsServer {
    pub fn start(mode: Mode) -> GraphqlWsServer {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let std_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        std_listener.set_nonblocking(true).expect("non-blocking");
        let addr = std_listener.local_addr().expect("local address");
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let shared = Arc::clone(&seen);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(std_listener).expect("tokio listener");
                loop {
                    let stream = tokio::select! {
                        _ = &mut stopped => break,
                        accepted = listener.accept() => match accepted {
                            Ok((stream, _)) => stream,
                            Err(_) => continue,
                        },
                    };
                    tokio::spawn(serve(stream, Arc::clone(&shared), mode));
                }
            });
        });
        GraphqlWsServer {
            addr,
            seen,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`: a GraphQL request's URL.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// What the server saw so far.
    pub fn seen(&self) -> Seen {
        self.seen.lock().expect("seen lock").clone()
    }
}

impl Drop for GraphqlWsServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn text(value: Value) -> Message {
    Message::text(value.to_string())
}

async fn serve(stream: tokio::net::TcpStream, seen: Arc<Mutex<Seen>>, mode: Mode) {
    let record = Arc::clone(&seen);
    #[allow(clippy::result_large_err)]
    let callback = move |req: &Request, mut resp: Response| -> Result<Response, ErrorResponse> {
        let header = |name: &str| {
            req.headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let protocol = header("sec-websocket-protocol");
        record
            .lock()
            .expect("seen lock")
            .handshakes
            .push((protocol.clone(), header("authorization")));
        if mode != Mode::NoSubprotocol && protocol.as_deref() == Some("graphql-transport-ws") {
            resp.headers_mut().insert(
                "sec-websocket-protocol",
                HeaderValue::from_static("graphql-transport-ws"),
            );
        }
        Ok(resp)
    };
    let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
        return;
    };
    let mut endless = false;
    let mut sent = 0;
    loop {
        let message = if endless {
            match tokio::time::timeout(Duration::from_millis(50), socket.next()).await {
                Ok(message) => message,
                Err(_) => {
                    sent += 1;
                    let next = json!({"id": "1", "type": "next",
                        "payload": {"data": {"countryAdded": {"name": format!("C{sent}")}}}});
                    if socket.send(text(next)).await.is_err() {
                        return;
                    }
                    continue;
                }
            }
        } else {
            socket.next().await
        };
        let Some(Ok(message)) = message else {
            return;
        };
        let Message::Text(body) = message else {
            continue;
        };
        let Ok(parsed) = serde_json::from_str::<Value>(body.as_str()) else {
            continue;
        };
        match parsed["type"].as_str().unwrap_or_default() {
            "connection_init" => {
                let _ = socket.send(text(json!({"type": "ping"}))).await;
                let _ = socket.send(text(json!({"type": "connection_ack"}))).await;
            }
            "pong" => seen.lock().expect("seen lock").pongs += 1,
            "subscribe" => {
                let id = parsed["id"].clone();
                seen.lock()
                    .expect("seen lock")
                    .subscriptions
                    .push(parsed["payload"].clone());
                match mode {
                    Mode::Countries | Mode::NoSubprotocol => {
                        for name in COUNTRIES {
                            let next = json!({"id": id, "type": "next",
                                "payload": {"data": {"countryAdded": {"name": name}}}});
                            let _ = socket.send(text(next)).await;
                        }
                        let _ = socket
                            .send(text(json!({"id": id, "type": "complete"})))
                            .await;
                    }
                    Mode::Endless => endless = true,
                    Mode::Fails => {
                        let error = json!({"id": id, "type": "error",
                            "payload": [{"message": "Cannot query field \"nope\""}]});
                        let _ = socket.send(text(error)).await;
                    }
                }
            }
            "complete" => {
                seen.lock().expect("seen lock").completes += 1;
                endless = false;
            }
            _ => {}
        }
    }
}
