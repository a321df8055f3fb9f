//! An in-process WebSocket echo server on 127.0.0.1, port 0, for black-box tests and the
//! bench. It runs on its own thread and runtime; it records every handshake it receives and
//! what it saw of the conversation (pongs, the client's close code).
//!
//! What it does with each frame: echoes text and binary frames; a text `ping` is echoed and
//! followed by a ping of its own (`hb`); a text `close` makes it close with 4000 `asked to`; a
//! text `flood N` is answered with N text frames `flood 0/N` … `flood N-1/N` (not echoed).
//! [`EchoServer::refusing`] answers every handshake with a status instead.
//!
//! Shared with `localpost-cli/tests` and `benches/websocket.rs` through `#[path]`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

/// A handshake as the server received it.
#[derive(Debug, Clone)]
pub struct Handshake {
    /// Path and query, as sent.
    pub target: String,
    /// Headers in order, names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Handshake {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server saw, across connections.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// Every handshake, accepted or refused.
    pub handshakes: Vec<Handshake>,
    /// Pongs received.
    pub pongs: usize,
    /// Close codes the clients sent.
    pub close_codes: Vec<u16>,
    /// Text and binary frames received.
    pub messages: usize,
}

/// A running echo server; stopped when dropped.
pub struct EchoServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl EchoServer {
    /// Starts an echo server.
    pub fn start() -> EchoServer {
        EchoServer::run(None)
    }

    /// Starts a server that answers every handshake with `status`.
    pub fn refusing(status: u16) -> EchoServer {
        EchoServer::run(Some(status))
    }

    fn run(refuse: Option<u16>) -> EchoServer {
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
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve(stream, Arc::clone(&shared), refuse));
                }
            });
        });
        EchoServer {
            addr,
            seen,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `ws://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// What the server saw so far.
    pub fn seen(&self) -> Seen {
        self.seen.lock().expect("seen lock").clone()
    }
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(stream: tokio::net::TcpStream, seen: Arc<Mutex<Seen>>, refuse: Option<u16>) {
    let record = Arc::clone(&seen);
    // The signature is tungstenite's: its error type is a whole response.
    #[allow(clippy::result_large_err)]
    let callback = move |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
        let handshake = Handshake {
            target: req.uri().to_string(),
            headers: req
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        };
        record.lock().expect("seen lock").handshakes.push(handshake);
        match refuse {
            Some(status) => {
                let mut refused = ErrorResponse::new(Some("refused".into()));
                *refused.status_mut() =
                    tokio_tungstenite::tungstenite::http::StatusCode::from_u16(status)
                        .expect("a status code");
                Err(refused)
            }
            None => Ok(resp),
        }
    };
    let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
        return;
    };
    while let Some(Ok(message)) = socket.next().await {
        match message {
            Message::Text(text) if text.as_str() == "close" => {
                seen.lock().expect("seen lock").messages += 1;
                let frame = CloseFrame {
                    code: CloseCode::from(4000),
                    reason: "asked to".into(),
                };
                let _ = socket.close(Some(frame)).await;
            }
            Message::Text(text) if flood_size(&text).is_some() => {
                seen.lock().expect("seen lock").messages += 1;
                let n = flood_size(&text).unwrap_or(0);
                for i in 0..n {
                    if socket
                        .feed(Message::Text(format!("flood {i}/{n}").into()))
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
                let _ = socket.flush().await;
            }
            Message::Text(text) if text.as_str() == "ping" => {
                seen.lock().expect("seen lock").messages += 1;
                let _ = socket.send(Message::Text(text)).await;
                let _ = socket.send(Message::Ping("hb".into())).await;
            }
            Message::Text(_) | Message::Binary(_) => {
                seen.lock().expect("seen lock").messages += 1;
                let _ = socket.send(message).await;
            }
            Message::Pong(_) => seen.lock().expect("seen lock").pongs += 1,
            Message::Close(frame) => {
                if let Some(frame) = frame {
                    let code = u16::from(frame.code);
                    seen.lock().expect("seen lock").close_codes.push(code);
                }
            }
            Message::Ping(_) | Message::Frame(_) => {}
        }
    }
}

/// N of a text `flood N`.
fn flood_size(text: &str) -> Option<usize> {
    text.strip_prefix("flood ")?.parse().ok()
}
