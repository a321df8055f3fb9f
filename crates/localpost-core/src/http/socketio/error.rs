//! Why a Socket.IO conversation could not start.

use std::time::Duration;

use super::super::HttpError;
use super::super::websocket::WebSocketError;

/// A Socket.IO failure: the WebSocket under it, or what the server sent. Like [`HttpError`],
/// no variant carries a header value, an auth parameter or an event's arguments.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SocketIoError {
    /// The WebSocket could not be opened (refused, TLS, the handshake refused, …).
    #[error(transparent)]
    WebSocket(#[from] WebSocketError),
    /// A frame that is not an Engine.IO or Socket.IO packet, or breaks the protocol.
    #[error("socket.io packet {packet:?}: {reason}")]
    Packet {
        /// The packet (at most 120 characters of it).
        packet: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server did not do its part in time.
    #[error("the server did not {what} within {} ms", after.as_millis())]
    NoAnswer {
        /// What it did not do.
        what: &'static str,
        /// The time it had.
        after: Duration,
    },
    /// The request is not a Socket.IO request.
    #[error("{url} is not a Socket.IO request")]
    NotSocketIo {
        /// The URL, without any password.
        url: String,
    },
    /// An event's argument is not what its kind says (JSON that does not parse, a file).
    #[error("the argument of event {event:?}: {reason}")]
    Argument {
        /// The event's name.
        event: String,
        /// What is wrong.
        reason: String,
    },
    /// The request's `auth` payload is not a JSON object.
    #[error("the auth payload: {reason}")]
    Auth {
        /// What is wrong.
        reason: String,
    },
    /// The connection ended before the session opened.
    #[error("{reason}")]
    Ended {
        /// What happened.
        reason: String,
    },
}

impl From<HttpError> for SocketIoError {
    fn from(e: HttpError) -> Self {
        SocketIoError::WebSocket(WebSocketError::Http(e))
    }
}

/// Results of the Socket.IO module.
pub type Result<T> = std::result::Result<T, SocketIoError>;
