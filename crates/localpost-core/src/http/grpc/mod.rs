//! gRPC requests: descriptors, method listings, JSON templates and calls of every shape.
//!
//! A gRPC request's descriptors come from `.proto` files compiled in Rust ([`from_files`],
//! protox: no `protoc`) or from the server's reflection service (`grpc.reflection.v1`, else
//! `v1alpha`). [`Engine::grpc_methods`](super::Engine::grpc_methods) lists what a request's
//! source offers, [`template`] writes a JSON skeleton of a message type, and
//! [`Engine::grpc_call`](super::Engine::grpc_call) makes the call: the request messages are
//! JSON turned into protobuf through prost-reflect's dynamic messages, and every response
//! message comes back as JSON, with the response metadata, the [`Status`] and the trailers,
//! in a [`Call`].
//!
//! The call goes over the engine's own reqwest client for the request's settings, forced to
//! HTTP/2 (`grpc://` is HTTP/2 over plain TCP, `grpcs://` over TLS with ALPN `h2`): the same
//! TLS verification, CA and client certificates and proxy as an HTTP send. The headers are
//! the metadata; basic, bearer and API-key auth become metadata as they become headers. The
//! request's timeout is the call's deadline: it is sent as `grpc-timeout` and enforced here,
//! ending the call with `DEADLINE_EXCEEDED` and what had arrived by then.
//!
//! All four shapes are supported. The saved messages are sent in order, at once, and the
//! request stream is then closed (a bidirectional call is not interactive); responses are
//! read as they arrive and shown to an optional watcher.
//!
//! Not here: recording in history ([`crate::send`] does it), compression (a compressed
//! response message is refused), signing schemes and challenge auth (digest, NTLM), and
//! sending messages while the call is open.

mod call;
mod descriptors;
mod error;
mod exchange;
mod reflection;
mod template;
mod wire;

pub use call::{CallOptions, MessageWatch};
pub use descriptors::{from_files, from_texts, methods};
pub use error::{GrpcError, Result};
pub use template::template;

use serde::Serialize;

use super::{Header, SentRequest};

/// The four shapes of a gRPC method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Shape {
    /// One request, one response.
    Unary,
    /// One request, a stream of responses.
    ServerStreaming,
    /// A stream of requests, one response.
    ClientStreaming,
    /// Streams both ways.
    Bidirectional,
}

impl Shape {
    /// Whether the client sends exactly one message.
    pub fn is_single_request(self) -> bool {
        matches!(self, Shape::Unary | Shape::ServerStreaming)
    }

    /// Lower-case words, for listings: `unary`, `server streaming`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Unary => "unary",
            Shape::ServerStreaming => "server streaming",
            Shape::ClientStreaming => "client streaming",
            Shape::Bidirectional => "bidirectional streaming",
        }
    }
}

/// A method a service offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Method {
    /// `package.Service/Method`.
    pub name: String,
    /// The request message type's full name.
    pub input: String,
    /// The response message type's full name.
    pub output: String,
    /// Its shape.
    pub shape: Shape,
}

/// Who sent a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// This client.
    Sent,
    /// The server.
    Received,
}

/// One message of a call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Sent or received.
    pub direction: Direction,
    /// Milliseconds since the call started.
    pub at_ms: f64,
    /// Its protobuf size in bytes.
    pub size: u64,
    /// The message in the protobuf JSON mapping (fields at their defaults included). Vault
    /// values and secret variables in a sent message read `***`.
    pub json: String,
}

/// A call's status: the server's `grpc-status` and `grpc-message`, or one the client gave
/// (`DEADLINE_EXCEEDED` when the deadline passed, a code derived from an HTTP error status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// The code, 0 (`OK`) to 16.
    pub code: u32,
    /// Its name: `OK`, `NOT_FOUND`, …
    pub name: String,
    /// The message (percent-decoded); may be empty.
    pub message: String,
}

impl Status {
    /// A status of `code` with `message`.
    pub fn new(code: u32, message: impl Into<String>) -> Status {
        Status {
            code,
            name: code_name(code).to_string(),
            message: message.into(),
        }
    }

    /// Whether the call succeeded.
    pub fn is_ok(&self) -> bool {
        self.code == 0
    }
}

/// The canonical name of status `code`.
pub fn code_name(code: u32) -> &'static str {
    const NAMES: [&str; 17] = [
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ];
    NAMES.get(code as usize).copied().unwrap_or("UNKNOWN")
}

/// A whole gRPC call, as plain data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// The request as sent: `POST` to `grpc(s)://host:port/package.Service/Method`, with its
    /// metadata (secrets masked). Its body is empty: the messages are in [`Call::messages`].
    pub request: SentRequest,
    /// The method called.
    pub method: Method,
    /// The server's response metadata (its HTTP/2 response headers).
    pub headers: Vec<Header>,
    /// Every message sent and received, in order.
    pub messages: Vec<Message>,
    /// How the call ended.
    pub status: Status,
    /// The server's trailing metadata, without `grpc-status` and `grpc-message`.
    pub trailers: Vec<Header>,
    /// Milliseconds from the start of the call to its status.
    pub total_ms: f64,
}

impl Call {
    /// Bytes of protobuf sent and received.
    pub fn payload_bytes(&self) -> u64 {
        self.messages.iter().map(|m| m.size).sum()
    }

    /// The messages received, in order.
    pub fn received(&self) -> impl Iterator<Item = &Message> {
        self.messages
            .iter()
            .filter(|m| m.direction == Direction::Received)
    }
}
