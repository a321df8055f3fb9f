//! [`Engine::subscribe`]: a GraphQL subscription over the `graphql-transport-ws` protocol
//! (the GraphQL over WebSocket protocol of the `graphql-ws` library).
//!
//! The request's URL (`http` becomes `ws`, `https` becomes `wss`) is opened as a WebSocket with
//! the subprotocol `graphql-transport-ws`, on the same client, settings and auth headers as a
//! WebSocket request. Then: `connection_init`, the server's `connection_ack`, one `subscribe`
//! (id `1`) whose payload is the request's GraphQL body (`query`, `variables`,
//! `operationName`), and each `next` heard as it arrives, until the server's `complete` or
//! `error`, a close, the duration, or the caller's cancel. A `ping` is answered with a `pong`.
//! When the subscription ends on the client's side (the duration) the client sends `complete`
//! first; then it closes with 1000. Every frame is recorded as for any WebSocket.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::super::{Engine, Header, HttpError, PreparedBody, PreparedRequest};
use super::converse::{Halves, Sink, close, drain, failed};
use super::open::open;
use super::recorder::{Recorder, Shared, lock};
use super::{Conversation, Direction, End, Result, Side, WebSocketError};

/// The subprotocol spoken.
pub const SUBPROTOCOL: &str = "graphql-transport-ws";

/// The id of the one operation a subscription sends.
const OPERATION_ID: &str = "1";

/// What a subscription's watcher hears, as it happens.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum SubscriptionEvent {
    /// The server acknowledged the connection; the subscription was sent.
    Acknowledged,
    /// A `next` message: one execution result (`{"data": …}` and maybe `errors`).
    #[serde(rename_all = "camelCase")]
    Next {
        /// Milliseconds since the socket opened.
        #[ts(type = "number")]
        at_ms: u64,
        /// The message's payload.
        #[ts(type = "unknown")]
        payload: Value,
    },
    /// An `error` message: the operation failed (its payload, a list of GraphQL errors).
    #[serde(rename_all = "camelCase")]
    Error {
        /// Milliseconds since the socket opened.
        #[ts(type = "number")]
        at_ms: u64,
        /// The errors.
        #[ts(type = "unknown")]
        errors: Value,
    },
    /// The server completed the subscription.
    #[serde(rename_all = "camelCase")]
    Complete {
        /// Milliseconds since the socket opened.
        #[ts(type = "number")]
        at_ms: u64,
    },
}

/// What is told of each subscription event.
pub type SubscriptionWatch = Box<dyn FnMut(&SubscriptionEvent) + Send>;

/// How a subscription runs.
#[derive(Default)]
pub struct Subscribe {
    /// How long to listen from when the socket opened; then the client completes the
    /// operation and closes. `None`: until the server ends it or the caller cancels.
    pub duration: Option<Duration>,
    /// Hears each event.
    pub watch: Option<SubscriptionWatch>,
}

impl std::fmt::Debug for Subscribe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscribe")
            .field("duration", &self.duration)
            .field("watch", &self.watch.is_some())
            .finish()
    }
}

/// The request's GraphQL body as the `subscribe` payload.
fn payload_of(request: &PreparedRequest) -> Result<Value> {
    let not_graphql = || WebSocketError::NotGraphql {
        url: request.redacted_url(),
    };
    let PreparedBody::Bytes(bytes) = &request.body else {
        return Err(not_graphql());
    };
    let value: Value = serde_json::from_slice(bytes).map_err(|_| not_graphql())?;
    match value.get("query") {
        Some(Value::String(_)) => Ok(value),
        _ => Err(not_graphql()),
    }
}

/// `request` as the handshake sends it: no body headers, the subprotocol asked for.
fn handshake_of(request: &PreparedRequest) -> PreparedRequest {
    let mut request = request.clone();
    request.body = PreparedBody::None;
    // A WebSocket handshake: shown and recorded with its ws:// URL.
    request.messages = Some(Vec::new());
    request.headers.retain(|h| {
        !h.is_named("content-type")
            && !h.is_named("content-length")
            && !h.is_named("sec-websocket-protocol")
    });
    request
        .headers
        .push(Header::new("Sec-WebSocket-Protocol", SUBPROTOCOL));
    request
}

impl Engine {
    /// Runs `request`'s GraphQL body as a subscription over `graphql-transport-ws` (see the
    /// module notes) and returns the whole conversation. Fails only when the socket could not
    /// be opened, the server did not take the subprotocol, or the request has no GraphQL body:
    /// what happens after that is in the [`Conversation`]'s frames and end.
    pub async fn subscribe(
        &self,
        request: &PreparedRequest,
        options: Subscribe,
        cancel: &CancellationToken,
    ) -> Result<Conversation> {
        let payload = payload_of(request)?;
        let handshake_request = handshake_of(request);
        let started = Instant::now();
        let (socket, handshake) = tokio::select! {
            biased;
            () = cancel.cancelled() => return Err(HttpError::Cancelled.into()),
            opened = open(self, &handshake_request, started) => opened?,
        };
        let agreed = handshake
            .headers
            .iter()
            .any(|h| h.is_named("sec-websocket-protocol") && h.value.trim() == SUBPROTOCOL);
        if !agreed {
            return Err(WebSocketError::Subprotocol {
                url: handshake.request.url.clone(),
                wanted: SUBPROTOCOL,
            });
        }
        let opened = Instant::now();
        let recorder = Mutex::new(Recorder::new(opened, None, request));
        let deadline = options
            .duration
            .map(|d| tokio::time::Instant::from_std(opened) + d);
        let mut watch = options.watch;
        let end = tokio::select! {
            biased;
            () = cancel.cancelled() => End::Cancelled,
            end = run(socket, payload, deadline, &recorder, &mut watch) => end,
        };
        let recorded = recorder.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(recorded.finish(handshake, end, started.elapsed().as_secs_f64() * 1000.0))
    }
}

/// The client closes with 1000 (normal).
async fn close_normally(
    sink: &mut Sink,
    stream: &mut super::converse::Stream,
    recorder: &Shared<'_>,
) -> End {
    let mut halves = Halves {
        sink,
        stream,
        deadline: None,
        recorder,
    };
    close(&mut halves, 1000, "").await
}

/// Sends `message` as JSON text, recording it.
async fn send(
    sink: &mut Sink,
    recorder: &Shared<'_>,
    message: Value,
) -> std::result::Result<(), End> {
    let message = Message::text(message.to_string());
    lock(recorder).push(Direction::Sent, &message);
    sink.send(message).await.map_err(|e| failed(&e))
}

/// Milliseconds since the socket opened.
fn since(recorder: &Shared<'_>) -> u64 {
    u64::try_from(lock(recorder).opened.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The protocol, from `connection_init` to the end.
async fn run(
    socket: super::open::Socket,
    payload: Value,
    deadline: Option<tokio::time::Instant>,
    recorder: &Shared<'_>,
    watch: &mut Option<SubscriptionWatch>,
) -> End {
    let (mut sink, mut stream) = socket.split();
    let mut hear = |event: SubscriptionEvent| {
        if let Some(watch) = watch.as_mut() {
            watch(&event);
        }
    };
    let init = json!({"type": "connection_init", "payload": {}});
    if let Err(end) = send(&mut sink, recorder, init).await {
        return end;
    }
    loop {
        let next = match deadline {
            Some(at) => match tokio::time::timeout_at(at, stream.next()).await {
                Ok(next) => next,
                Err(_) => {
                    let complete = json!({"id": OPERATION_ID, "type": "complete"});
                    if let Err(end) = send(&mut sink, recorder, complete).await {
                        return end;
                    }
                    return close_normally(&mut sink, &mut stream, recorder).await;
                }
            },
            None => stream.next().await,
        };
        let message = match next {
            None => {
                return End::Failed {
                    reason: "the connection was closed without a close frame".into(),
                };
            }
            Some(Err(e)) => return failed(&e),
            Some(Ok(message)) => message,
        };
        lock(recorder).push(Direction::Received, &message);
        let text = match &message {
            Message::Text(text) => text.as_str().to_owned(),
            Message::Ping(bytes) => {
                lock(recorder).push(Direction::Sent, &Message::Pong(bytes.clone()));
                continue;
            }
            Message::Close(frame) => {
                lock(recorder).push(Direction::Sent, &Message::Close(frame.clone()));
                let (code, reason) = frame.as_ref().map_or((None, String::new()), |f| {
                    (Some(u16::from(f.code)), f.reason.to_string())
                });
                drain(&mut sink, &mut stream).await;
                return End::Closed {
                    by: Side::Server,
                    code,
                    reason,
                };
            }
            _ => continue,
        };
        let Ok(parsed) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let kind = parsed
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let ours = parsed.get("id").and_then(Value::as_str) == Some(OPERATION_ID);
        match kind {
            "connection_ack" => {
                hear(SubscriptionEvent::Acknowledged);
                let subscribe =
                    json!({"id": OPERATION_ID, "type": "subscribe", "payload": payload});
                if let Err(end) = send(&mut sink, recorder, subscribe).await {
                    return end;
                }
            }
            "ping" => {
                if let Err(end) = send(&mut sink, recorder, json!({"type": "pong"})).await {
                    return end;
                }
            }
            "next" if ours => hear(SubscriptionEvent::Next {
                at_ms: since(recorder),
                payload: parsed.get("payload").cloned().unwrap_or(Value::Null),
            }),
            "error" if ours => {
                hear(SubscriptionEvent::Error {
                    at_ms: since(recorder),
                    errors: parsed.get("payload").cloned().unwrap_or(Value::Null),
                });
                return close_normally(&mut sink, &mut stream, recorder).await;
            }
            "complete" if ours => {
                hear(SubscriptionEvent::Complete {
                    at_ms: since(recorder),
                });
                return close_normally(&mut sink, &mut stream, recorder).await;
            }
            _ => {}
        }
    }
}

/// Bytes of a subscription's messages kept in [`to_exchange`]'s body; past it, the first ones.
const EXCHANGE_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// A finished subscription as an HTTP exchange, for a response view: the handshake's request
/// and its `101` answer as the heads, and as the body a JSON array of the server's `next`,
/// `error` and `complete` messages, in order.
pub fn to_exchange(conversation: &Conversation) -> super::super::Exchange {
    let messages: Vec<Value> = conversation
        .frames
        .iter()
        .filter(|f| f.direction == Direction::Received)
        .filter_map(|f| f.data.as_text())
        .filter_map(|t| serde_json::from_str::<Value>(t).ok())
        .filter(|v| matches!(v["type"].as_str(), Some("next" | "error" | "complete")))
        .collect();
    let body = serde_json::to_vec_pretty(&messages).unwrap_or_default();
    let handshake = &conversation.handshake;
    let mut headers = handshake.headers.clone();
    headers.push(Header::new("Content-Type", "application/json"));
    let body_size = body.len() as u64;
    super::super::Exchange {
        request: handshake.request.clone(),
        response: super::super::Response {
            status: handshake.status,
            reason: handshake.reason.clone(),
            version: "HTTP/1.1".into(),
            url: handshake.request.url.clone(),
            remote_address: None,
            headers,
            cookies: Vec::new(),
            body: super::super::Payload::from_bytes(&body, EXCHANGE_BODY_LIMIT),
            raw_size: body_size,
            timings: super::super::Timings {
                first_byte_ms: handshake.ms,
                total_ms: conversation.total_ms,
                ..super::super::Timings::default()
            },
            certificate: None,
        },
    }
}
