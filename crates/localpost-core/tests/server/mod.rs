//! An in-process HTTP/1.1 server on 127.0.0.1, port 0, for black-box tests (after xh's
//! `tests/server`). It runs on its own thread and runtime, so sync and async tests can use it;
//! it records every request it receives; dropped, it fails the test if it was never hit, unless
//! built with [`Server::allow_no_hits`].
//!
//! Shared with `localpost-cli/tests` through `#[path]`.
#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Method as sent.
    pub method: String,
    /// Path and query, exactly as sent.
    pub target: String,
    /// Headers in order, names in lower case, duplicates kept.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Which TCP connection it came on: 0 for the first accepted, then 1, 2, …
    pub connection: usize,
}

impl Recorded {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    reason: Option<String>,
    headers: Vec<(String, String)>,
    body: Bytes,
    delay: Duration,
}

impl Reply {
    /// `200` with a text body.
    pub fn text(body: impl Into<String>) -> Reply {
        Reply::bytes(body.into().into_bytes())
    }

    /// `200` with a body.
    pub fn bytes(body: impl Into<Bytes>) -> Reply {
        Reply {
            status: 200,
            reason: None,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// A status with an empty body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::bytes(Bytes::new())
        }
    }

    /// Sets the status.
    pub fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// Sets a non-standard reason phrase.
    pub fn reason(mut self, reason: &str) -> Reply {
        self.reason = Some(reason.into());
        self
    }

    /// Adds a header (duplicates allowed).
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits this long before answering.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    hits: Arc<Mutex<Vec<Recorded>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    must_be_hit: bool,
}

impl Server {
    /// Starts a server answering every request with `handler`.
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let handler: Arc<Handler> = Arc::new(handler);
        let hits = Arc::new(Mutex::new(Vec::new()));
        let std_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        std_listener.set_nonblocking(true).expect("non-blocking");
        let addr = std_listener.local_addr().expect("local address");
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let recorded = Arc::clone(&hits);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(std_listener).expect("tokio listener");
                let mut connections = 0usize;
                loop {
                    let stream = tokio::select! {
                        _ = &mut stopped => break,
                        accepted = listener.accept() => match accepted {
                            Ok((stream, _)) => stream,
                            Err(_) => continue,
                        },
                    };
                    let handler = Arc::clone(&handler);
                    let recorded = Arc::clone(&recorded);
                    let connection = connections;
                    connections += 1;
                    tokio::spawn(async move {
                        let service = service_fn(move |req| {
                            let handler = Arc::clone(&handler);
                            let recorded = Arc::clone(&recorded);
                            async move {
                                Ok::<_, Infallible>(
                                    answer(req, &*handler, &recorded, connection).await,
                                )
                            }
                        });
                        // No automatic Date header: outputs stay byte-for-byte comparable.
                        let _ = http1::Builder::new()
                            .auto_date_header(false)
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            });
        });
        Server {
            addr,
            hits,
            stop: Some(stop),
            thread: Some(thread),
            must_be_hit: true,
        }
    }

    /// Does not fail when dropped unhit (for tests that expect no request to arrive).
    pub fn allow_no_hits(mut self) -> Server {
        self.must_be_hit = false;
        self
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far.
    pub fn hits(&self) -> Vec<Recorded> {
        self.hits.lock().expect("hits lock").clone()
    }

    /// The only request received; fails if there were none or several.
    pub fn hit(&self) -> Recorded {
        let hits = self.hits();
        assert_eq!(hits.len(), 1, "expected exactly one request: {hits:#?}");
        hits.into_iter().next().expect("one hit")
    }
}

async fn answer(
    req: hyper::Request<hyper::body::Incoming>,
    handler: &Handler,
    hits: &Mutex<Vec<Recorded>>,
    connection: usize,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
            .collect(),
        body,
        connection,
    };
    let reply = handler(&recorded);
    hits.lock().expect("hits lock").push(recorded);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = hyper::Response::new(Full::new(reply.body));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status).expect("valid status");
    for (k, v) in &reply.headers {
        response.headers_mut().append(
            hyper::header::HeaderName::from_bytes(k.as_bytes()).expect("header name"),
            hyper::header::HeaderValue::from_str(v).expect("header value"),
        );
    }
    if let Some(reason) = reply.reason {
        response.extensions_mut().insert(
            hyper::ext::ReasonPhrase::try_from(reason.into_bytes()).expect("reason phrase"),
        );
    }
    response
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if self.must_be_hit && !std::thread::panicking() {
            assert!(
                !self.hits.lock().expect("hits lock").is_empty(),
                "the test server at {} was never hit",
                self.addr
            );
        }
    }
}
