//! The error of preparing or tracking a send of a stored request.

use crate::http::HttpError;
use crate::store::StoreError;

/// What went wrong loading, preparing or registering a send.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The request, its folders, collection, workspace or environment could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request could not be built (invalid URL, header, body, unsupported auth).
    #[error(transparent)]
    Http(#[from] HttpError),
    /// A WebSocket could not be opened (refused handshake, unreadable message file, …).
    #[error(transparent)]
    WebSocket(#[from] crate::http::websocket::WebSocketError),
    /// A gRPC call could not be made (descriptors, method, messages, connection, …). A call
    /// that ends with a non-OK status is not an error.
    #[error(transparent)]
    Grpc(#[from] crate::http::grpc::GrpcError),
    /// A Socket.IO session could not start (an event's argument, the server's open packet, …;
    /// a socket that did not open is [`SendError::WebSocket`]).
    #[error(transparent)]
    SocketIo(crate::http::socketio::SocketIoError),
    /// A secret variable or vault secret could not be read from the OS keychain, or a vault
    /// secret is limited to other domains than the request's.
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),
    /// The request is invalid once its vault secrets are substituted (a value with a line
    /// break in a header, say). The message has every value replaced by `***`.
    #[error("the request is invalid with its vault secrets substituted: {reason}")]
    InvalidWithVault {
        /// The build error's message, values hidden.
        reason: String,
    },
    /// The request is invalid and the build error's message held the value of a secret
    /// variable: the message, with every such value replaced by `***`.
    #[error("{reason}")]
    InvalidWithSecrets {
        /// The build error's message, values hidden.
        reason: String,
    },
    /// The workspace's cookie jar could not be read or saved.
    #[error(transparent)]
    Cookies(#[from] crate::cookies::CookieError),
    /// The send could not be recorded in history.
    #[error(transparent)]
    History(#[from] crate::history::HistoryError),
    /// The script sandbox could not start (a script that fails is not an error of the send:
    /// see [`ScriptResult::failure`](super::ScriptResult::failure)).
    #[error(transparent)]
    Script(#[from] crate::script::ScriptError),
    /// What a pre-request script left in `pm.request` is not a request that can be read (the
    /// reader's message names the member at fault); nothing was sent.
    #[error("the request a pre-request script left in pm.request cannot be sent: {reason}")]
    ScriptedRequest {
        /// Why it cannot be read.
        reason: String,
    },
    /// A pre-request script called `pm.execution.skipRequest()`: the request was not sent.
    /// Carries the scripts that ran (their variable writes were saved).
    #[error("a pre-request script skipped the request (pm.execution.skipRequest)")]
    Skipped {
        /// The pre-request scripts that ran.
        scripts: Vec<super::ScriptResult>,
    },
    /// A GraphQL schema could not be fetched by introspection, read or cached.
    #[error(transparent)]
    Graphql(#[from] crate::graphql::GraphqlError),
    /// A send with this id is already under way.
    #[error("send {id} is already under way")]
    DuplicateSend {
        /// The id given twice.
        id: String,
    },
    /// No WebSocket conversation with this id is open (it ended, or never opened).
    #[error("socket {id} is not open")]
    NotOpen {
        /// The id asked for.
        id: String,
    },
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, SendError>;

impl From<crate::http::socketio::SocketIoError> for SendError {
    fn from(e: crate::http::socketio::SocketIoError) -> Self {
        match e {
            crate::http::socketio::SocketIoError::WebSocket(e) => SendError::WebSocket(e),
            other => SendError::SocketIo(other),
        }
    }
}
