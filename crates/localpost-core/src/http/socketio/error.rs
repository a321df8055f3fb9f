//! Why a Socket.IO conversation failed.

/// A Socket.IO failure: the WebSocket under it, or what the server sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SocketIoError {
    /// A frame that is not an Engine.IO or Socket.IO packet, or breaks the protocol.
    #[error("socket.io packet {packet:?}: {reason}")]
    Packet {
        /// The packet (at most 120 characters of it).
        packet: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Results of the Socket.IO module.
pub type Result<T> = std::result::Result<T, SocketIoError>;
