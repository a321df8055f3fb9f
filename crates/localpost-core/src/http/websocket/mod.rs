//! WebSocket requests: the opening handshake and the conversation that follows.
//!
//! [`Engine::converse`](super::Engine::converse) takes a [`PreparedRequest`](super::PreparedRequest)
//! of a WebSocket request (its `ws://` URL already turned into the `http://` of the handshake by
//! [`prepare`](super::prepare), its messages rendered), opens the socket and returns the
//! [`Conversation`]: the [`Handshake`] and every [`Frame`] sent and received, in order, with its
//! time, size and direction, and how it [`End`]ed (close code and reason, who closed).
//!
//! The handshake is an HTTP/1.1 `GET` with `Upgrade: websocket`, sent on the engine's own
//! reqwest client for the request's settings: the same TLS verification, CA and client
//! certificates, proxy, cookie jar and timeout as an HTTP send (the timeout bounds the
//! handshake only). Basic, bearer and API-key auth are in its headers or query as for HTTP;
//! signing schemes sign the `GET`; digest and NTLM answer the server's `401` with a second
//! handshake (NTLM's on the connection its first one authenticated), as an HTTP send does. The
//! frames themselves are tokio-tungstenite's.
//!
//! The saved messages go out in order once the socket is open, while whatever arrives is read
//! and recorded (and shown live to an optional watcher) until the server closes, the
//! connection drops, the caller cancels, or [`Converse::duration`] elapses, when the client
//! closes with 1000 (normal). Pings are answered with pongs (both recorded).
//!
//! While the socket is open, a caller may send further messages and close it with a code
//! and reason of its choosing, through [`Converse::orders`] (see [`Order`]); the frames they
//! make are recorded and watched as the others are.
//!
//! Not here: recording in history ([`crate::send`] does it), rendering typed messages
//! ([`crate::send`] prepares them as it prepares the saved ones), and scripts.
//!
//! [`Engine::subscribe`](super::Engine::subscribe) runs a GraphQL subscription over the same
//! handshake, speaking the `graphql-transport-ws` subprotocol (see `graphql_ws.rs`).

mod converse;
mod error;
mod graphql_ws;
mod open;
mod order;
mod recorder;

pub use converse::{Converse, FrameWatch, OpenWatch};
pub use error::{Result, WebSocketError};
pub use graphql_ws::{SUBPROTOCOL, Subscribe, SubscriptionEvent, SubscriptionWatch, to_exchange};
pub(in crate::http) use open::{Socket, open as open_socket};
pub(in crate::http) use order::next_order;
pub use order::{MAX_CLOSE_REASON, Order, Orders, check_close};
pub(in crate::http) use recorder::Recorder;

use serde::Serialize;
use ts_rs::TS;

use super::{Content, Header, SentRequest};

/// Who sent a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// This client.
    Sent,
    /// The server.
    Received,
}

/// What a frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum FrameKind {
    /// UTF-8 text.
    Text,
    /// Bytes.
    Binary,
    /// A ping (answered with a pong).
    Ping,
    /// A pong.
    Pong,
    /// A close frame, with its code and reason.
    Close,
}

/// One frame sent or received.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Frame {
    /// Sent or received.
    pub direction: Direction,
    /// Text, binary, ping, pong or close.
    pub kind: FrameKind,
    /// Milliseconds since the socket opened.
    pub at_ms: f64,
    /// Payload size in bytes (for a close frame, its reason's).
    #[ts(type = "number")]
    pub size: u64,
    /// The payload: text when UTF-8, else base64; a close frame's reason. Vault values and
    /// secret variables in a sent text read `***`.
    pub data: Content,
    /// A close frame's status code (1000 normal, 1001 going away, …); `None` otherwise or when
    /// the close frame had no code.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub code: Option<u16>,
}

/// The opening handshake as it went.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Handshake {
    /// The `GET` as sent, secrets masked; its URL is `ws://`/`wss://`.
    pub request: SentRequest,
    /// The status the server answered: 101.
    pub status: u16,
    /// Its reason phrase.
    pub reason: String,
    /// The server's headers.
    pub headers: Vec<Header>,
    /// Milliseconds from the start of the send until the socket was open.
    pub ms: f64,
}

/// Which side closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// This client (the duration elapsed).
    Client,
    /// The server.
    Server,
}

/// How a conversation ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "how", rename_all = "camelCase")]
pub enum End {
    /// A close frame was sent or received.
    Closed {
        /// Who closed first.
        by: Side,
        /// Its status code, if it had one.
        code: Option<u16>,
        /// Its reason (may be empty).
        reason: String,
    },
    /// The connection dropped without a close frame, or a frame was invalid.
    Failed {
        /// What happened.
        reason: String,
    },
    /// The caller cancelled; the socket was dropped.
    Cancelled,
}

/// A whole WebSocket conversation, as plain data.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    /// The handshake.
    pub handshake: Handshake,
    /// The frames, in the order they were sent or received: the first [`KEPT_FRAMES`] of
    /// them (the watcher heard every one; a history entry keeps as many as fit its limit).
    pub frames: Vec<Frame>,
    /// How many frames were sent and received in all.
    #[ts(type = "number")]
    pub frame_count: u64,
    /// Their payload bytes in all.
    #[ts(type = "number")]
    pub payload_bytes: u64,
    /// How it ended.
    pub end: End,
    /// Milliseconds from the start of the send to the end.
    pub total_ms: f64,
}

/// Frames a [`Conversation`] keeps in memory; later ones are counted and heard, not kept.
pub const KEPT_FRAMES: usize = 10_000;
