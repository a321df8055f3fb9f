//! [`Engine::grpc_call`], [`Engine::grpc_methods`] and [`Engine::grpc_descriptors`]: the
//! descriptors of a request's source, its JSON messages encoded, the exchange, the response
//! messages decoded to JSON.

use std::sync::Mutex;
use std::time::Instant;

use bytes::Bytes;
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, SerializeOptions};
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::super::auth::{self, Challenge};
use super::super::{Engine, PreparedRequest};
use super::cache::{Key, Reach};
use super::descriptors::{self, find_method};
use super::exchange::{Outbound, exchange, sent_request};
use super::wire;
use super::{Call, Direction, GrpcError, Message, Method, Result, reflection};
use crate::http::PreparedGrpc;
use crate::model::ProtoSource;
use crate::template::SystemEntropy;

/// What is told of each message as it is sent or received (the CLI prints them live).
pub type MessageWatch = Box<dyn FnMut(&Message) + Send>;

/// What the caller of an interactive call asks while the request stream is open.
#[derive(Debug)]
pub enum Order {
    /// Send the one message of `request` (the call's request prepared again with that message
    /// as its only one, so its variables and secrets are rendered and masked as the saved
    /// ones); `done` hears whether it went.
    Send {
        /// The request holding the message.
        request: Box<PreparedRequest>,
        /// Told when it went, or why not (not valid JSON for the type, the stream ended).
        done: oneshot::Sender<Result<()>>,
    },
    /// End the request stream (half-close): the server then ends the call.
    End,
}

/// What is told of the response metadata when it arrives.
pub type OpenedWatch = Box<dyn Fn(&[crate::http::Header]) + Send + Sync>;

/// How a call runs.
#[derive(Default)]
pub struct CallOptions {
    /// Sees each message as it goes.
    pub watch: Option<MessageWatch>,
    /// Hears the response metadata (the server's response headers) as soon as they arrive,
    /// before any response message.
    pub opened: Option<OpenedWatch>,
    /// For a client-streaming or bidirectional method: the caller's [`Order`]s. The saved
    /// messages go first; the request stream then stays open until [`Order::End`] (or the
    /// call ends). `None`: the saved messages, then the stream ends. Ignored for unary and
    /// server-streaming methods.
    pub orders: Option<mpsc::UnboundedReceiver<Order>>,
}

impl std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallOptions")
            .field("watch", &self.watch.is_some())
            .field("opened", &self.opened.is_some())
            .field("orders", &self.orders.is_some())
            .finish()
    }
}

/// The messages of a call so far, in the order they went or came, and who watches them.
struct Log {
    watch: Option<MessageWatch>,
    messages: Vec<Message>,
}

impl Log {
    fn record(log: &Mutex<Log>, message: Message) {
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(watch) = &mut log.watch {
            watch(&message);
        }
        log.messages.push(message);
    }
}

/// `message` as protobuf JSON, fields at their defaults included.
pub(super) fn to_json(message: &DynamicMessage) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let options = SerializeOptions::new().skip_default_fields(false);
    match message.serialize_with_options(&mut serializer, &options) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    }
}

/// Message `index` of a request, from its JSON text (blank is `{}`).
fn from_json(input: &MessageDescriptor, index: usize, text: &str) -> Result<DynamicMessage> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    let mut de = serde_json::Deserializer::from_str(text);
    let invalid = |reason: String| GrpcError::InvalidMessage {
        index,
        type_name: input.full_name().to_string(),
        reason,
    };
    let message =
        DynamicMessage::deserialize(input.clone(), &mut de).map_err(|e| invalid(e.to_string()))?;
    de.end().map_err(|e| invalid(e.to_string()))?;
    Ok(message)
}

/// The descriptors of a gRPC request's source: its files compiled, or the server asked, or the
/// pool the engine kept from the last time (see [`super::cache`]). Asking the server is limited
/// to `service` (and its files) when one is given and the whole list was not kept.
pub(super) async fn descriptors_of(
    engine: &Engine,
    request: &PreparedRequest,
    service: Option<&str>,
    cancel: &CancellationToken,
) -> Result<(DescriptorPool, &'static str)> {
    let grpc = grpc_of(request)?;
    let cache = &engine.descriptors;
    match &grpc.source {
        ProtoSource::Reflection => {
            let name = "server's reflection";
            let whole = cache_key(request, None)?;
            if let Some(pool) = cache.get(&whole) {
                return Ok((pool, name));
            }
            let key = cache_key(request, service)?;
            if let Some(pool) = cache.get(&key) {
                return Ok((pool, name));
            }
            let pool = reflection::pool(engine, request, service, cancel).await?;
            cache.put(key, pool.clone(), Vec::new());
            Ok((pool, name))
        }
        ProtoSource::Files {
            files,
            import_paths,
        } => {
            let key = cache_key(request, None)?;
            if let Some(pool) = cache.get(&key) {
                return Ok((pool, "proto files"));
            }
            let files: Vec<std::path::PathBuf> = files.iter().map(Into::into).collect();
            let imports: Vec<std::path::PathBuf> = import_paths.iter().map(Into::into).collect();
            let (pool, stamps) = compiling(move || descriptors::compile(&files, &imports)).await?;
            cache.put(key, pool.clone(), stamps);
            Ok((pool, "proto files"))
        }
        ProtoSource::Embedded {
            files,
            entries,
            import_paths,
        } => {
            let name = "embedded proto files";
            let key = cache_key(request, None)?;
            if let Some(pool) = cache.get(&key) {
                return Ok((pool, name));
            }
            let (files, entries, imports) = (files.clone(), entries.clone(), import_paths.clone());
            let (pool, _) =
                compiling(move || descriptors::from_texts(&files, &entries, &imports)).await?;
            cache.put(key, pool.clone(), Vec::new());
            Ok((pool, name))
        }
    }
}

/// What the cache keeps request's descriptors under (for reflection, those of `service`).
fn cache_key(request: &PreparedRequest, service: Option<&str>) -> Result<Key> {
    Ok(match &grpc_of(request)?.source {
        ProtoSource::Reflection => Key::Reflection {
            url: request.grpc_url(),
            reach: Reach::of(&request.settings),
            service: service.map(str::to_string),
        },
        ProtoSource::Files {
            files,
            import_paths,
        } => Key::Files {
            files: files.iter().map(Into::into).collect(),
            import_paths: import_paths.iter().map(Into::into).collect(),
        },
        ProtoSource::Embedded {
            files,
            entries,
            import_paths,
        } => Key::Embedded {
            files: files.clone(),
            entries: entries.clone(),
            import_paths: import_paths.clone(),
        },
    })
}

/// Runs a compile on a blocking thread, off the runtime.
async fn compiling<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| GrpcError::Proto {
            file: None,
            line: None,
            column: None,
            reason: e.to_string(),
        })?
}

fn grpc_of(request: &PreparedRequest) -> Result<&PreparedGrpc> {
    request.grpc.as_ref().ok_or_else(|| GrpcError::NotGrpc {
        url: request.redacted_url(),
    })
}

impl Engine {
    /// Every method the source of gRPC request `request` offers (its `.proto` files, or the
    /// server's reflection, which connects).
    pub async fn grpc_methods(
        &self,
        request: &PreparedRequest,
        cancel: &CancellationToken,
    ) -> Result<Vec<Method>> {
        let (pool, _) = descriptors_of(self, request, None, cancel).await?;
        Ok(descriptors::methods(&pool))
    }

    /// Forgets the descriptors kept for gRPC request `request`'s source (for reflection, every
    /// pool of that server), so that the next listing or call compiles or asks again. Returns
    /// how many were dropped.
    pub fn grpc_forget(&self, request: &PreparedRequest) -> Result<usize> {
        Ok(self.descriptors.forget(&cache_key(request, None)?))
    }

    /// The engine's descriptor cache (how many pools it keeps, how many it had to make).
    pub fn grpc_cache(&self) -> &super::Descriptors {
        &self.descriptors
    }

    /// A JSON template of the input type of `method` (`package.Service/Method`) in gRPC
    /// request `request`'s source: every field with a placeholder (see [`super::template`]).
    pub async fn grpc_template(
        &self,
        request: &PreparedRequest,
        method: &str,
        cancel: &CancellationToken,
    ) -> Result<String> {
        let (service, _) = descriptors::split_method(method)?;
        let (pool, source_name) = descriptors_of(self, request, Some(service), cancel).await?;
        let method = find_method(&pool, method, source_name)?;
        super::template(&pool, method.input().full_name())
    }

    /// The descriptors of gRPC request `request`'s source, for [`super::template`].
    pub async fn grpc_descriptors(
        &self,
        request: &PreparedRequest,
        cancel: &CancellationToken,
    ) -> Result<DescriptorPool> {
        Ok(descriptors_of(self, request, None, cancel).await?.0)
    }

    /// Calls the method of gRPC request `request` with its messages and reads every response
    /// until the status. Fails only when the call could not be made (descriptors, method,
    /// messages, connection); a non-OK status is in the [`Call`].
    pub async fn grpc_call(
        &self,
        request: &PreparedRequest,
        options: CallOptions,
        cancel: &CancellationToken,
    ) -> Result<Call> {
        let started = Instant::now();
        grpc_of(request)?;
        // Signing schemes sign the POST without its body, as for a WebSocket handshake; digest
        // and NTLM need a second round trip a call has not.
        match &request.challenge {
            Some(Challenge::Digest(_)) => {
                return Err(GrpcError::ChallengeAuth { scheme: "digest" });
            }
            Some(Challenge::Ntlm(_)) => return Err(GrpcError::ChallengeAuth { scheme: "ntlm" }),
            None => {}
        }
        let (signed, _) = auth::sign(request, None, &mut SystemEntropy)?;
        let request = &*signed;
        let grpc = grpc_of(request)?;
        let (service, _) = descriptors::split_method(&grpc.method)?;
        let (pool, source_name) = descriptors_of(self, request, Some(service), cancel).await?;
        let method = find_method(&pool, &grpc.method, source_name)?;
        let shape = super::Shape::of(&method);
        if shape.is_single_request() && grpc.messages.len() != 1 {
            return Err(GrpcError::MessageCount {
                method: Method::of(&method).name,
                count: grpc.messages.len(),
            });
        }
        let log = Mutex::new(Log {
            watch: options.watch,
            messages: Vec::new(),
        });
        let input = method.input();
        let since = || started.elapsed().as_secs_f64() * 1000.0;
        let mut first = Vec::new();
        for (index, text) in grpc.messages.iter().enumerate() {
            let message = from_json(&input, index, text)?;
            let bytes = message.encode_to_vec();
            wire::frame(&bytes, &mut first);
            let sent = Message {
                direction: Direction::Sent,
                at_ms: since(),
                size: bytes.len() as u64,
                json: request.hide_secrets(to_json(&message)),
            };
            Log::record(&log, sent);
        }
        let path = format!("/{}/{}", method.parent_service().full_name(), method.name());
        let sent = sent_request(request, &path);
        let output = method.output();
        let mut on_message = |bytes: Bytes| -> Result<()> {
            let message = DynamicMessage::decode(output.clone(), bytes.as_ref()).map_err(|e| {
                GrpcError::Protocol {
                    url: request.grpc_url(),
                    reason: format!("a response is not a valid {}: {e}", output.full_name()),
                }
            })?;
            let message = Message {
                direction: Direction::Received,
                at_ms: since(),
                size: bytes.len() as u64,
                json: to_json(&message),
            };
            Log::record(&log, message);
            Ok(())
        };
        let orders = options.orders.filter(|_| !shape.is_single_request());
        let opened = options
            .opened
            .as_deref()
            .map(|o| o as &(dyn Fn(&[_]) + Sync));
        let inbound = match orders {
            None => {
                let out = Outbound {
                    request,
                    path,
                    body: first.into(),
                    cancel,
                    opened,
                };
                exchange(self, out, &mut on_message).await?
            }
            Some(orders) => {
                let (feed, stream) = mpsc::unbounded_channel::<Bytes>();
                let _ = feed.send(Bytes::from(first));
                let body = futures_util::stream::unfold(stream, |mut stream| async move {
                    let bytes = stream.recv().await?;
                    Some((Ok::<_, std::io::Error>(bytes), stream))
                });
                let out = Outbound {
                    request,
                    path,
                    body: reqwest::Body::wrap_stream(body),
                    cancel,
                    opened,
                };
                let exchanging = exchange(self, out, &mut on_message);
                let from = grpc.messages.len();
                let relaying = relay(orders, feed, (&input, from), &log, &since);
                tokio::pin!(exchanging, relaying);
                let mut relayed = false;
                loop {
                    tokio::select! {
                        inbound = &mut exchanging => break inbound?,
                        () = &mut relaying, if !relayed => relayed = true,
                    }
                }
            }
        };
        let messages = log.into_inner().unwrap_or_else(|e| e.into_inner()).messages;
        Ok(Call {
            request: sent,
            method: Method::of(&method),
            headers: inbound.headers,
            messages,
            status: inbound.status,
            trailers: inbound.trailers,
            total_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// Encodes and sends each message the caller orders on the open request stream, until it
/// orders the end (the stream is then closed) or stops ordering.
async fn relay(
    mut orders: mpsc::UnboundedReceiver<Order>,
    feed: mpsc::UnboundedSender<Bytes>,
    (input, mut index): (&MessageDescriptor, usize),
    log: &Mutex<Log>,
    since: &(dyn Fn() -> f64 + Sync),
) {
    let mut feed = Some(feed);
    while let Some(order) = orders.recv().await {
        match order {
            Order::End => feed = None,
            Order::Send { request, done } => {
                let went = (|| {
                    let text = request
                        .grpc
                        .as_ref()
                        .and_then(|g| g.messages.first())
                        .map_or("", String::as_str);
                    let message = from_json(input, index, text)?;
                    let Some(open) = &feed else {
                        return Err(GrpcError::StreamEnded);
                    };
                    let bytes = message.encode_to_vec();
                    let mut framed = Vec::new();
                    wire::frame(&bytes, &mut framed);
                    open.send(Bytes::from(framed))
                        .map_err(|_| GrpcError::StreamEnded)?;
                    index += 1;
                    Log::record(
                        log,
                        Message {
                            direction: Direction::Sent,
                            at_ms: since(),
                            size: bytes.len() as u64,
                            json: request.hide_secrets(to_json(&message)),
                        },
                    );
                    Ok(())
                })();
                let _ = done.send(went);
            }
        }
    }
}
