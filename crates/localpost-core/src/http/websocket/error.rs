//! What can stop a WebSocket from opening.

use super::super::HttpError;

/// Why a WebSocket could not be opened or used. Like [`HttpError`], no variant carries a
/// header value, an auth parameter or a message's text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebSocketError {
    /// The handshake's request could not be built or sent (refused, DNS, TLS, timeout,
    /// cancelled, invalid URL or header, certificate files, …).
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The request is not a WebSocket request.
    #[error("{url} is not a WebSocket request")]
    NotWebSocket {
        /// The URL, without any password.
        url: String,
    },
    /// The server answered the handshake without switching protocols.
    #[error("{url}: the server refused the WebSocket handshake with {status} {reason}")]
    Refused {
        /// The `ws://`/`wss://` URL, masked.
        url: String,
        /// Its status code (not 101).
        status: u16,
        /// Its reason phrase.
        reason: String,
    },
    /// The server switched protocols but its `Sec-WebSocket-Accept` does not match the key.
    #[error("{url}: the server's Sec-WebSocket-Accept does not match the handshake key")]
    BadAccept {
        /// The URL, masked.
        url: String,
    },
    /// A GraphQL subscription was asked of a request without a GraphQL body.
    #[error("{url}: a GraphQL subscription needs a GraphQL body")]
    NotGraphql {
        /// The URL, without any password.
        url: String,
    },
    /// The server opened the socket without agreeing to the subprotocol asked for.
    #[error("{url}: the server did not accept the WebSocket subprotocol {wanted}")]
    Subprotocol {
        /// The `ws://`/`wss://` URL, masked.
        url: String,
        /// The subprotocol asked for.
        wanted: &'static str,
    },
    /// A binary message's file cannot be read. Nothing was sent after the messages before it.
    #[error("messages[{index}]: cannot read file {}: {reason}", path.display())]
    MessageFile {
        /// Position among the enabled messages, from 0.
        index: usize,
        /// The path after rendering.
        path: std::path::PathBuf,
        /// Why.
        reason: String,
    },
    /// The socket is closed (or closed while a message was going out).
    #[error("the WebSocket is closed: {reason}")]
    Closed {
        /// What ended it.
        reason: String,
    },
    /// A client may not close with this code.
    #[error("close code {code} cannot be sent (use 1000 to 1003, 1007 to 1011, or 3000 to 4999)")]
    CloseCode {
        /// The code asked for.
        code: u16,
    },
    /// A close reason is at most 123 bytes.
    #[error("a close reason is at most 123 bytes (this one has {len})")]
    CloseReason {
        /// Its length in bytes.
        len: usize,
    },
    /// A message the caller typed cannot be sent as it is (a Socket.IO event's argument that
    /// is not JSON, …); the conversation goes on.
    #[error("{reason}")]
    Unsendable {
        /// Why, naming the message.
        reason: String,
    },
}

/// The result type of WebSocket conversations.
pub type Result<T> = std::result::Result<T, WebSocketError>;
