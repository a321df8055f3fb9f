//! What can stop a gRPC call before it has a status: descriptors that cannot be loaded, a
//! method that does not exist, a message that is not valid JSON for its type, a server that
//! does not speak gRPC. A call that reaches the server and ends with a non-OK status is not an
//! error: the status is in the [`Call`](super::Call).

use std::path::PathBuf;

use super::super::HttpError;

/// Why a gRPC call, a method listing or a template could not be made. Like [`HttpError`], no
/// variant carries a metadata value, an auth parameter or a message's text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GrpcError {
    /// The request could not be built or sent (refused, DNS, TLS, timeout, cancelled, invalid
    /// URL or metadata, certificate files, …).
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The request is not a gRPC request.
    #[error("{url} is not a gRPC request")]
    NotGrpc {
        /// The URL, without any password.
        url: String,
    },
    /// A `.proto` file does not compile (syntax, unknown type, missing import, …).
    #[error("{}{}: {reason}", file.as_deref().unwrap_or("proto files"), place(*line, *column))]
    Proto {
        /// The file as the compiler names it (relative to its import path), when known.
        file: Option<String>,
        /// Line, from 1, when known.
        line: Option<usize>,
        /// Column, from 1, when known.
        column: Option<usize>,
        /// The compiler's words.
        reason: String,
    },
    /// A `.proto` file or an import path cannot be used as given.
    #[error("{}: {reason}", path.display())]
    ProtoPath {
        /// The path after rendering.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The method is not written `package.Service/Method`.
    #[error("invalid gRPC method {method:?}: write it package.Service/Method")]
    InvalidMethod {
        /// The method as written.
        method: String,
    },
    /// The descriptors have no such service or method.
    #[error("{method}: no such {what} in the {source_name}")]
    UnknownMethod {
        /// The method asked for.
        method: String,
        /// `service` or `method`.
        what: &'static str,
        /// `proto files` or `server's reflection`.
        source_name: &'static str,
    },
    /// No such message type in the descriptors.
    #[error("{name}: no such message type")]
    UnknownMessage {
        /// The type's full name.
        name: String,
    },
    /// A request message is not valid JSON for its type. The text is not shown.
    #[error("messages[{index}]: not a valid {type_name}: {reason}")]
    InvalidMessage {
        /// Position among the enabled messages, from 0.
        index: usize,
        /// The message type's full name.
        type_name: String,
        /// The JSON mapping's words.
        reason: String,
    },
    /// A unary or server-streaming method has one request message.
    #[error("{method} takes one request message; {count} are enabled")]
    MessageCount {
        /// The method.
        method: String,
        /// How many enabled messages the request has.
        count: usize,
    },
    /// Digest and NTLM answer a challenge on a second request, which a call has not.
    #[error(
        "{scheme} auth cannot be used for a gRPC call (use basic, bearer, an API key or metadata)"
    )]
    ChallengeAuth {
        /// `digest` or `ntlm`.
        scheme: &'static str,
    },
    /// The server's reflection failed or is not offered.
    #[error("{url}: server reflection: {reason}")]
    Reflection {
        /// The server's URL, masked.
        url: String,
        /// What the server said, or why its answer could not be read.
        reason: String,
    },
    /// A message was to go on a request stream that has ended (the caller ended it, or the
    /// call is over).
    #[error("the request stream has ended: no more messages can be sent")]
    StreamEnded,
    /// The server answered with something that is not gRPC (an HTTP error, a wrong content
    /// type, a malformed or compressed message).
    #[error("{url}: not a gRPC answer: {reason}")]
    Protocol {
        /// The URL, masked.
        url: String,
        /// What was wrong.
        reason: String,
    },
}

fn place(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// The result type of gRPC calls.
pub type Result<T> = std::result::Result<T, GrpcError>;
