//! An in-process gRPC server on 127.0.0.1, port 0, for black-box tests and the bench: tonic's
//! server machinery (framing, status, trailers, `grpc.reflection.v1` and `v1alpha`) serving
//! `tests/fixtures/grpc/protos/echo.proto` over HTTP/2 without TLS (h2c). It runs on its own
//! thread and runtime and counts the calls it answers, by method.
//!
//! [`GrpcServer::start_v1alpha_only`] offers only the older reflection service, so a client
//! must fall back to it; [`GrpcServer::start_tls`] serves over TLS (ALPN `h2`) with the
//! rustls config it is given.
//!
//! Shared with `localpost-cli/tests` and `benches/grpc.rs` through `#[path]`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tonic::codegen::{BoxFuture, BoxStream, Service, http};
use tonic::metadata::{MetadataMap, MetadataValue};
use tonic::server::{
    ClientStreamingService, Grpc, ServerStreamingService, StreamingService, UnaryService,
};
use tonic::{Code, Request, Response, Status, Streaming};
use tonic_prost::ProstCodec;

/// `common.Note`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Note {
    #[prost(string, tag = "1")]
    pub body: String,
    #[prost(int32, tag = "2")]
    pub level: i32,
}

/// `test.echo.EchoRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EchoRequest {
    #[prost(string, tag = "1")]
    pub text: String,
    #[prost(int32, tag = "2")]
    pub count: i32,
    #[prost(message, optional, tag = "3")]
    pub note: Option<Note>,
    #[prost(int64, tag = "4")]
    pub big: i64,
}

/// `test.echo.EchoReply`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EchoReply {
    #[prost(string, tag = "1")]
    pub text: String,
    #[prost(int32, tag = "2")]
    pub index: i32,
    #[prost(string, repeated, tag = "3")]
    pub metadata: Vec<String>,
    #[prost(message, optional, tag = "4")]
    pub note: Option<Note>,
}

/// The fixture directory: `protos/` and `vendor/` are under it.
pub fn fixtures() -> PathBuf {
    // From a crate under crates/ (the core, the CLI) or from src-tauri.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let under_crates = manifest.join("../localpost-core/tests/fixtures/grpc");
    match under_crates.is_dir() {
        true => under_crates,
        false => manifest.join("../crates/localpost-core/tests/fixtures/grpc"),
    }
}

/// The fixture protos under `dir` (a copy of [`fixtures`], or it) as a `.proto` files source:
/// `protos/echo.proto`, with `protos` and `vendor` as import paths.
pub fn proto_files_in(dir: &std::path::Path) -> localpost_core::model::ProtoSource {
    localpost_core::model::ProtoSource::Files {
        files: vec![dir.join("protos/echo.proto").display().to_string()],
        import_paths: vec![
            dir.join("protos").display().to_string(),
            dir.join("vendor").display().to_string(),
        ],
    }
}

/// An unsaved gRPC request of `method` at `url`, its descriptors from `source`, with `messages`
/// (JSON) saved.
pub fn grpc_request(
    url: &str,
    method: &str,
    source: localpost_core::model::ProtoSource,
    messages: &[&str],
) -> localpost_core::model::Request {
    use localpost_core::model::{GrpcCall, MessageKind, Protocol, Request, WebSocketMessage};
    let mut r = Request::unsaved("", url);
    r.protocol = Protocol::Grpc;
    r.grpc = GrpcCall {
        method: method.into(),
        source,
    };
    r.messages = messages
        .iter()
        .map(|m| WebSocketMessage::new(MessageKind::Json, *m))
        .collect();
    r
}

/// echo.proto and its import, compiled, encoded as a `FileDescriptorSet` (for reflection).
fn descriptor_set() -> Vec<u8> {
    let dir = fixtures();
    protox::Compiler::new([dir.join("protos"), dir.join("vendor")])
        .expect("include paths")
        .include_imports(true)
        .open_file("echo.proto")
        .expect("echo.proto compiles")
        .encode_file_descriptor_set()
}

/// A running server; stopped when dropped.
pub struct GrpcServer {
    addr: SocketAddr,
    tls: bool,
    calls: Arc<Mutex<BTreeMap<String, usize>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Reflection {
    Both,
    V1AlphaOnly,
}

impl GrpcServer {
    /// Starts a server with both reflection services.
    pub fn start() -> GrpcServer {
        GrpcServer::run(Reflection::Both, None)
    }

    /// Starts a server whose only reflection service is `grpc.reflection.v1alpha`.
    pub fn start_v1alpha_only() -> GrpcServer {
        GrpcServer::run(Reflection::V1AlphaOnly, None)
    }

    /// Starts a server over TLS with `config` (its ALPN protocols are set to `h2`).
    pub fn start_tls(mut config: rustls::ServerConfig) -> GrpcServer {
        config.alpn_protocols = vec![b"h2".to_vec()];
        GrpcServer::run(Reflection::Both, Some(Arc::new(config)))
    }

    fn run(reflection: Reflection, tls: Option<Arc<rustls::ServerConfig>>) -> GrpcServer {
        let calls = Arc::new(Mutex::new(BTreeMap::new()));
        let std_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        std_listener.set_nonblocking(true).expect("non-blocking");
        let addr = std_listener.local_addr().expect("local address");
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let shared = Arc::clone(&calls);
        let set = descriptor_set();
        let is_tls = tls.is_some();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let v1 = tonic_reflection::server::Builder::configure()
                    .register_encoded_file_descriptor_set(&set)
                    .build_v1()
                    .expect("reflection v1");
                let v1alpha = tonic_reflection::server::Builder::configure()
                    .register_encoded_file_descriptor_set(&set)
                    .build_v1alpha()
                    .expect("reflection v1alpha");
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
                    let calls = Arc::clone(&shared);
                    let v1 = v1.clone();
                    let v1alpha = v1alpha.clone();
                    let service = hyper::service::service_fn(
                        move |req: http::Request<hyper::body::Incoming>| {
                            let calls = Arc::clone(&calls);
                            let mut v1 = v1.clone();
                            let mut v1alpha = v1alpha.clone();
                            async move {
                                let path = req.uri().path().to_string();
                                *calls
                                    .lock()
                                    .expect("calls lock")
                                    .entry(path.clone())
                                    .or_default() += 1;
                                let response = if path.starts_with("/grpc.reflection.v1alpha.") {
                                    v1alpha.call(req).await.unwrap_or_else(|e| match e {})
                                } else if path.starts_with("/grpc.reflection.v1.") {
                                    match reflection {
                                        Reflection::Both => {
                                            v1.call(req).await.unwrap_or_else(|e| match e {})
                                        }
                                        Reflection::V1AlphaOnly => unimplemented_method(),
                                    }
                                } else {
                                    echo(req).await
                                };
                                Ok::<_, Infallible>(response)
                            }
                        },
                    );
                    let tls = tls.clone();
                    tokio::spawn(async move {
                        let builder = hyper::server::conn::http2::Builder::new(
                            hyper_util::rt::TokioExecutor::new(),
                        );
                        match tls {
                            None => {
                                let io = hyper_util::rt::TokioIo::new(stream);
                                let _ = builder.serve_connection(io, service).await;
                            }
                            Some(config) => {
                                let acceptor = tokio_rustls::TlsAcceptor::from(config);
                                let Ok(stream) = acceptor.accept(stream).await else {
                                    return;
                                };
                                let io = hyper_util::rt::TokioIo::new(stream);
                                let _ = builder.serve_connection(io, service).await;
                            }
                        }
                    });
                }
            });
        });
        GrpcServer {
            addr,
            tls: is_tls,
            calls,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `grpc://127.0.0.1:PORT` (`grpcs://` for a TLS server).
    pub fn url(&self) -> String {
        let scheme = if self.tls { "grpcs" } else { "grpc" };
        format!("{scheme}://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many calls of `path` (`/package.Service/Method`) the server answered.
    pub fn calls(&self, path: &str) -> usize {
        self.calls
            .lock()
            .expect("calls lock")
            .get(path)
            .copied()
            .unwrap_or_default()
    }
}

impl Drop for GrpcServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn unimplemented_method() -> http::Response<tonic::body::Body> {
    Status::unimplemented("no such service").into_http()
}

async fn echo(req: http::Request<hyper::body::Incoming>) -> http::Response<tonic::body::Body> {
    let codec = ProstCodec::<EchoReply, EchoRequest>::default();
    let mut grpc = Grpc::new(codec);
    match req.uri().path() {
        "/test.echo.Echo/Unary" => grpc.unary(Unary, req).await,
        "/test.echo.Echo/Count" => grpc.server_streaming(Count, req).await,
        "/test.echo.Echo/Collect" => grpc.client_streaming(Collect, req).await,
        "/test.echo.Echo/Chat" => grpc.streaming(Chat, req).await,
        "/test.echo.Echo/Fail" => grpc.unary(Fail, req).await,
        "/test.echo.Echo/Slow" => grpc.unary(Slow, req).await,
        _ => unimplemented_method(),
    }
}

/// The request's `x-*` metadata and its `authorization`, as `name=value`, sorted.
fn listed(metadata: &MetadataMap) -> Vec<String> {
    let mut out: Vec<String> = metadata
        .clone()
        .into_headers()
        .iter()
        .filter(|(k, _)| k.as_str().starts_with("x-") || k.as_str() == "authorization")
        .map(|(k, v)| format!("{}={}", k, String::from_utf8_lossy(v.as_bytes())))
        .collect();
    out.sort();
    out
}

struct Unary;
impl UnaryService<EchoRequest> for Unary {
    type Response = EchoReply;
    type Future = BoxFuture<Response<EchoReply>, Status>;
    fn call(&mut self, request: Request<EchoRequest>) -> Self::Future {
        Box::pin(async move {
            let metadata = listed(request.metadata());
            let message = request.into_inner();
            let mut response = Response::new(EchoReply {
                text: message.text,
                index: message.count,
                metadata,
                note: message.note,
            });
            response
                .metadata_mut()
                .insert("x-served-by", MetadataValue::from_static("loopback"));
            Ok(response)
        })
    }
}

struct Count;
impl ServerStreamingService<EchoRequest> for Count {
    type Response = EchoReply;
    type ResponseStream = BoxStream<EchoReply>;
    type Future = BoxFuture<Response<BoxStream<EchoReply>>, Status>;
    fn call(&mut self, request: Request<EchoRequest>) -> Self::Future {
        Box::pin(async move {
            let message = request.into_inner();
            let mut items: Vec<Result<EchoReply, Status>> = (0..message.count)
                .map(|index| {
                    Ok(EchoReply {
                        text: format!("{} {index}", message.text),
                        index,
                        ..Default::default()
                    })
                })
                .collect();
            if message.text == "fail" {
                let mut metadata = MetadataMap::new();
                metadata.insert("x-reason", MetadataValue::from_static("asked to"));
                items.push(Err(Status::with_metadata(
                    Code::Aborted,
                    "stopped after the replies",
                    metadata,
                )));
            }
            let stream: BoxStream<EchoReply> = Box::pin(tokio_stream::iter(items));
            Ok(Response::new(stream))
        })
    }
}

struct Collect;
impl ClientStreamingService<EchoRequest> for Collect {
    type Response = EchoReply;
    type Future = BoxFuture<Response<EchoReply>, Status>;
    fn call(&mut self, request: Request<Streaming<EchoRequest>>) -> Self::Future {
        Box::pin(async move {
            let mut stream = request.into_inner();
            let mut texts = Vec::new();
            while let Some(message) = stream.message().await? {
                texts.push(message.text);
            }
            Ok(Response::new(EchoReply {
                text: texts.join("+"),
                index: texts.len() as i32,
                ..Default::default()
            }))
        })
    }
}

struct Chat;
impl StreamingService<EchoRequest> for Chat {
    type Response = EchoReply;
    type ResponseStream = BoxStream<EchoReply>;
    type Future = BoxFuture<Response<BoxStream<EchoReply>>, Status>;
    fn call(&mut self, request: Request<Streaming<EchoRequest>>) -> Self::Future {
        Box::pin(async move {
            let mut stream = request.into_inner();
            let (tx, rx) = tokio::sync::mpsc::channel(16);
            tokio::spawn(async move {
                let mut index = 0;
                while let Ok(Some(message)) = stream.message().await {
                    let reply = EchoReply {
                        text: format!("echo {}", message.text),
                        index,
                        ..Default::default()
                    };
                    index += 1;
                    if tx.send(Ok(reply)).await.is_err() {
                        break;
                    }
                }
            });
            let stream: BoxStream<EchoReply> =
                Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx));
            Ok(Response::new(stream))
        })
    }
}

struct Fail;
impl UnaryService<EchoRequest> for Fail {
    type Response = EchoReply;
    type Future = BoxFuture<Response<EchoReply>, Status>;
    fn call(&mut self, request: Request<EchoRequest>) -> Self::Future {
        Box::pin(async move {
            let who = request.into_inner().text;
            let mut metadata = MetadataMap::new();
            metadata.insert("x-lookup", MetadataValue::from_static("users"));
            Err(Status::with_metadata(
                Code::NotFound,
                format!("no such user: {who}"),
                metadata,
            ))
        })
    }
}

struct Slow;
impl UnaryService<EchoRequest> for Slow {
    type Response = EchoReply;
    type Future = BoxFuture<Response<EchoReply>, Status>;
    fn call(&mut self, request: Request<EchoRequest>) -> Self::Future {
        Box::pin(async move {
            let message = request.into_inner();
            tokio::time::sleep(Duration::from_millis(message.count.max(0) as u64)).await;
            Ok(Response::new(EchoReply {
                text: message.text,
                ..Default::default()
            }))
        })
    }
}
