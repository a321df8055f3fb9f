//! `make bench`: gRPC unary calls through Localpost's engine beside a plain tonic client, on
//! loopback, in one run, against the same in-process tonic server (tests/grpc_server).
//!
//! 300 unary calls of `test.echo.Echo/Unary` with a small message, after 20 warm-up calls:
//!
//! - Localpost: a stored-shape request prepared and called through the engine
//!   (`Engine::grpc_call`): its `.proto` files compiled by protox, the JSON message encoded
//!   through prost-reflect, the call on the engine's pooled HTTP/2 client, the reply decoded
//!   to JSON. Timed whole, and the exchange alone (the reply's recorded time minus the
//!   request's).
//! - Plain: tonic's own client (a `Channel` connected once, `ProstCodec`, generated-style
//!   prost structs), timed per call.
//!
//! - Localpost without the descriptor cache (emptied before each call: the files compiled
//!   every time, as before the cache), and listing methods by reflection asked each time
//!   against the kept descriptors.
//!
//! Reported as p50/p99 and ratios (Localpost / plain). Not a test: it asserts only that the
//! replies came back.

#[path = "../tests/grpc_server/mod.rs"]
mod grpc_server;

use std::time::Instant;

use grpc_server::{EchoReply, EchoRequest, GrpcServer, fixtures};
use localpost_core::http::grpc::{CallOptions, Direction};
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::{
    GrpcCall, MessageKind, ProtoSource, Protocol, Request, WebSocketMessage,
};
use localpost_core::template::Variables;
use tokio_util::sync::CancellationToken;

const CALLS: usize = 300;
const WARMUP: usize = 20;
const TEXT: &str = "0123456789abcdef0123456789abcdef";

fn request(url: &str) -> Request {
    let dir = fixtures();
    let mut r = Request::unsaved("", url);
    r.protocol = Protocol::Grpc;
    r.grpc = GrpcCall {
        method: "test.echo.Echo/Unary".into(),
        source: ProtoSource::Files {
            files: vec![dir.join("protos/echo.proto").display().to_string()],
            import_paths: vec![
                dir.join("protos").display().to_string(),
                dir.join("vendor").display().to_string(),
            ],
        },
    };
    r.messages = vec![WebSocketMessage::new(
        MessageKind::Json,
        format!(r#"{{"text": "{TEXT}", "count": 1}}"#),
    )];
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

/// (whole call, exchange) per call, in ms, through Localpost's engine; with `uncached`, the
/// engine's descriptor cache is emptied before each call, so the `.proto` files are compiled
/// every time (as every call did before the cache).
async fn localpost(engine: &Engine, url: &str, uncached: bool) -> (Vec<f64>, Vec<f64>) {
    let stored = request(url);
    let vars = Variables::new();
    let cancel = CancellationToken::new();
    let (mut whole, mut exchange) = (Vec::new(), Vec::new());
    for i in 0..CALLS + WARMUP {
        let start = Instant::now();
        let prepared = http::prepare(&stored, &vars, &Inheritance::new()).expect("prepare");
        if uncached {
            engine.grpc_forget(&prepared).expect("a gRPC request");
        }
        let call = engine
            .grpc_call(&prepared, CallOptions::default(), &cancel)
            .await
            .expect("call");
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        assert!(call.status.is_ok(), "{:?}", call.status);
        let sent = call
            .messages
            .iter()
            .find(|m| m.direction == Direction::Sent);
        let reply = call.received().next();
        let (Some(sent), Some(reply)) = (sent, reply) else {
            panic!("no reply: {:?}", call.messages)
        };
        if i >= WARMUP {
            whole.push(elapsed);
            exchange.push(reply.at_ms - sent.at_ms);
        }
    }
    (whole, exchange)
}

/// Listing a request's methods by reflection, in ms: (the server asked each time, the kept
/// descriptors), 100 of each.
async fn list_by_reflection(engine: &Engine, url: &str) -> (Vec<f64>, Vec<f64>) {
    let mut stored = request(url);
    stored.grpc.source = ProtoSource::Reflection;
    let prepared = http::prepare(&stored, &Variables::new(), &Inheritance::new()).expect("prepare");
    let cancel = CancellationToken::new();
    let (mut asked, mut kept) = (Vec::new(), Vec::new());
    for _ in 0..100 {
        for (forget, out) in [(true, &mut asked), (false, &mut kept)] {
            if forget {
                engine.grpc_forget(&prepared).expect("a gRPC request");
            }
            let start = Instant::now();
            let methods = engine
                .grpc_methods(&prepared, &cancel)
                .await
                .expect("methods");
            assert_eq!(methods.len(), 6);
            out.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    (asked, kept)
}

/// Per call, in ms, with tonic's client.
async fn plain(url: &str) -> Vec<f64> {
    let endpoint = url.replacen("grpc://", "http://", 1);
    let channel = tonic::transport::Channel::from_shared(endpoint)
        .expect("endpoint")
        .connect()
        .await
        .expect("connect");
    let mut client = tonic::client::Grpc::new(channel);
    let path = tonic::codegen::http::uri::PathAndQuery::from_static("/test.echo.Echo/Unary");
    let mut ms = Vec::new();
    for i in 0..CALLS + WARMUP {
        let start = Instant::now();
        client.ready().await.expect("ready");
        let reply: tonic::Response<EchoReply> = client
            .unary(
                tonic::Request::new(EchoRequest {
                    text: TEXT.into(),
                    count: 1,
                    ..Default::default()
                }),
                path.clone(),
                tonic_prost::ProstCodec::default(),
            )
            .await
            .expect("call");
        assert_eq!(reply.get_ref().text, TEXT);
        if i >= WARMUP {
            ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    ms
}

fn main() {
    let server = GrpcServer::start();
    let url = server.url();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let engine = Engine::new();
    let (compiled, _) = rt.block_on(localpost(&engine, &url, true));
    let listed = rt.block_on(list_by_reflection(&engine, &url));
    let (whole, exchange) = rt.block_on(localpost(&engine, &url, false));
    let plain = rt.block_on(plain(&url));

    println!(
        "gRPC engine vs plain tonic client, loopback unary calls, {CALLS} calls (after {WARMUP} warm-up)"
    );
    let (p50, p99) = summary(plain);
    let (o50, o99) = summary(whole);
    println!(
        "  whole call localpost p50 {o50:.3} ms p99 {o99:.3} ms (prepare, descriptors kept, JSON, call)"
    );
    println!("             plain     p50 {p50:.3} ms p99 {p99:.3} ms");
    println!(
        "             ratio     p50 {:.2}x p99 {:.2}x (localpost / plain)",
        o50 / p50,
        o99 / p99
    );
    let (c50, c99) = summary(compiled);
    println!(
        "  no cache   localpost p50 {c50:.3} ms p99 {c99:.3} ms (the .proto files compiled on every call)"
    );
    println!(
        "             ratio     p50 {:.2}x p99 {:.2}x (no cache / cached: the cache saves that much)",
        c50 / o50,
        c99 / o99
    );
    let ((r50, r99), (k50, k99)) = (summary(listed.0), summary(listed.1));
    println!(
        "  list methods by reflection: asked each time p50 {r50:.3} ms p99 {r99:.3} ms, kept p50 {k50:.3} ms p99 {k99:.3} ms ({:.0}x at p50)",
        r50 / k50
    );
    let (e50, e99) = summary(exchange);
    println!(
        "  exchange   localpost p50 {e50:.3} ms p99 {e99:.3} ms (request sent to reply decoded)"
    );
    println!(
        "             ratio     p50 {:.2}x p99 {:.2}x (localpost / plain whole call)",
        e50 / p50,
        e99 / p99
    );
}
