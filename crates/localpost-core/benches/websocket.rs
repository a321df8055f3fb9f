//! `make bench`: WebSocket requests beside a plain tokio-tungstenite client, on loopback, in
//! one run, against the same in-process echo server (tests/ws_server).
//!
//! 1. Round-trip latency: 300 fresh sockets, each sending one 32-byte text message and
//!    waiting for its echo. Localpost: a stored-shape request prepared and conversed through
//!    the engine (handshake on its reqwest client, every frame recorded); the round trip is
//!    the echo's recorded time minus the message's. Plain: `connect_async`, then the time
//!    from `send` to the echo. Also the whole socket (open, message, echo, close) for each.
//! 2. Messages per second: one socket sending 20,000 text messages of 32 bytes, then reading
//!    the 20,000 echoes; rate over the time from the first send to the last echo.
//!
//! Reported as p50/p99 and ratios (Localpost / plain). Not a test: it asserts only that the
//! echoes came back.

#[path = "../tests/ws_server/mod.rs"]
mod ws_server;

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use localpost_core::http::websocket::{Converse, Direction, FrameKind};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::{MessageKind, Protocol, Request, WebSocketMessage};
use localpost_core::template::Variables;
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;
use ws_server::EchoServer;

const SOCKETS: usize = 300;
const WARMUP: usize = 20;
const BURST: usize = 20_000;
const PAYLOAD: &str = "0123456789abcdef0123456789abcdef";

fn request(url: &str, messages: usize) -> Request {
    let mut r = Request::unsaved("GET", url);
    r.protocol = Protocol::WebSocket;
    r.messages = (0..messages)
        .map(|_| WebSocketMessage::new(MessageKind::Text, PAYLOAD))
        .collect();
    // The echo server closes on "close": the conversation ends when the echoes are in.
    r.messages
        .push(WebSocketMessage::new(MessageKind::Text, "close"));
    r
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn summary(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    (percentile(&ms, 0.50), percentile(&ms, 0.99))
}

/// (round trip, whole socket) per socket, in ms, through Localpost's engine.
async fn localpost_latency(engine: &Engine, url: &str) -> (Vec<f64>, Vec<f64>) {
    let stored = request(url, 1);
    let vars = Variables::new();
    let cancel = CancellationToken::new();
    let (mut rtt, mut whole) = (Vec::new(), Vec::new());
    for i in 0..SOCKETS + WARMUP {
        let start = Instant::now();
        let prepared = http::prepare(&stored, &vars, &Inheritance::new()).expect("prepare");
        let c = engine
            .converse(&prepared, Converse::default(), &cancel)
            .await
            .expect("converse");
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        let sent = c.frames.iter().find(|f| f.direction == Direction::Sent);
        let echo = c
            .frames
            .iter()
            .find(|f| f.direction == Direction::Received && f.kind == FrameKind::Text);
        let (Some(sent), Some(echo)) = (sent, echo) else {
            panic!("no echo: {:?}", c.frames)
        };
        if i >= WARMUP {
            rtt.push(echo.at_ms - sent.at_ms);
            whole.push(elapsed);
        }
    }
    (rtt, whole)
}

/// (round trip, whole socket) per socket, in ms, with a plain tokio-tungstenite client.
async fn plain_latency(url: &str) -> (Vec<f64>, Vec<f64>) {
    let (mut rtt, mut whole) = (Vec::new(), Vec::new());
    for i in 0..SOCKETS + WARMUP {
        let start = Instant::now();
        let (mut ws, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("connect");
        let sent = Instant::now();
        ws.send(Message::text(PAYLOAD)).await.expect("send");
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(_))) => break,
                Some(Ok(_)) => continue,
                other => panic!("no echo: {other:?}"),
            }
        }
        let round = sent.elapsed().as_secs_f64() * 1000.0;
        ws.send(Message::text("close")).await.expect("send close");
        while let Some(Ok(_)) = ws.next().await {}
        if i >= WARMUP {
            rtt.push(round);
            whole.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    (rtt, whole)
}

/// Messages per second through Localpost's engine.
async fn localpost_rate(engine: &Engine, url: &str) -> f64 {
    let stored = request(url, BURST);
    let prepared = http::prepare(&stored, &Variables::new(), &Inheritance::new()).expect("prepare");
    let c = engine
        .converse(&prepared, Converse::default(), &CancellationToken::new())
        .await
        .expect("converse");
    let first = c
        .frames
        .iter()
        .find(|f| f.direction == Direction::Sent)
        .map_or(0.0, |f| f.at_ms);
    let echoes: Vec<_> = c
        .frames
        .iter()
        .filter(|f| f.direction == Direction::Received && f.kind == FrameKind::Text)
        .collect();
    assert_eq!(echoes.len(), BURST, "every echo came back");
    let last = echoes.last().map_or(first, |f| f.at_ms);
    BURST as f64 / ((last - first) / 1000.0)
}

/// Messages per second with a plain tokio-tungstenite client.
async fn plain_rate(url: &str) -> f64 {
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("connect");
    let start = Instant::now();
    for _ in 0..BURST {
        ws.feed(Message::text(PAYLOAD)).await.expect("send");
    }
    ws.flush().await.expect("flush");
    let mut echoes = 0;
    while echoes < BURST {
        match ws.next().await {
            Some(Ok(Message::Text(_))) => echoes += 1,
            Some(Ok(_)) => {}
            other => panic!("stopped after {echoes} echoes: {other:?}"),
        }
    }
    let rate = BURST as f64 / start.elapsed().as_secs_f64();
    let _ = ws.send(Message::text("close")).await;
    while let Some(Ok(_)) = ws.next().await {}
    rate
}

fn main() {
    let server = EchoServer::start();
    let url = server.url("/bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let engine = Engine::new();
    let (ours_rtt, ours_whole) = rt.block_on(localpost_latency(&engine, &url));
    let (plain_rtt, plain_whole) = rt.block_on(plain_latency(&url));
    let ours_rate = rt.block_on(localpost_rate(&engine, &url));
    let plain_rate = rt.block_on(plain_rate(&url));
    // Let the server's last close finish before it is dropped.
    std::thread::sleep(Duration::from_millis(50));

    println!(
        "WebSocket engine vs plain tokio-tungstenite, loopback echo, {SOCKETS} sockets (after {WARMUP} warm-up)"
    );
    let (o50, o99) = summary(ours_rtt);
    let (p50, p99) = summary(plain_rtt);
    println!("  round trip   localpost p50 {o50:.3} ms p99 {o99:.3} ms");
    println!("               plain     p50 {p50:.3} ms p99 {p99:.3} ms");
    println!(
        "               ratio     p50 {:.2}x p99 {:.2}x (localpost / plain)",
        o50 / p50,
        o99 / p99
    );
    let (o50, o99) = summary(ours_whole);
    let (p50, p99) = summary(plain_whole);
    println!("  whole socket localpost p50 {o50:.3} ms p99 {o99:.3} ms (open, echo, close)");
    println!("               plain     p50 {p50:.3} ms p99 {p99:.3} ms");
    println!(
        "               ratio     p50 {:.2}x p99 {:.2}x (localpost / plain)",
        o50 / p50,
        o99 / p99
    );
    println!("{BURST} messages of {} bytes on one socket", PAYLOAD.len());
    println!("  localpost {ours_rate:.0} msg/s");
    println!("  plain     {plain_rate:.0} msg/s");
    println!(
        "  ratio     {:.2}x (localpost / plain)",
        ours_rate / plain_rate
    );
}
