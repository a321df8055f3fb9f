//! The error of fetching, reading or caching a GraphQL schema.

/// What went wrong fetching a request's schema by introspection, or reading its cache. Each
/// message names the request (`request "Countries"`) and what failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphqlError {
    /// The introspection query got no response (refused, timed out, cancelled, or the request
    /// could not be built); `reason` is the send's message, secrets hidden.
    #[error("request {request:?}: introspection not sent: {reason}")]
    Send {
        /// The request's name.
        request: String,
        /// Why.
        reason: String,
    },
    /// The server answered with a status other than 2xx.
    #[error("request {request:?}: introspection answered HTTP {status}{reason}")]
    Status {
        /// The request's name.
        request: String,
        /// The status code.
        status: u16,
        /// The reason phrase, with a leading space, or empty.
        reason: String,
    },
    /// The answer is not a JSON object.
    #[error("request {request:?}: introspection answer is not JSON: {reason}")]
    NotJson {
        /// The request's name.
        request: String,
        /// The parser's message.
        reason: String,
    },
    /// The answer carries GraphQL `errors` (introspection turned off, say).
    #[error("request {request:?}: introspection answered with GraphQL errors: {messages}")]
    Errors {
        /// The request's name.
        request: String,
        /// The errors' messages, joined with `; `.
        messages: String,
    },
    /// The answer is JSON but holds no `data.__schema`.
    #[error("request {request:?}: introspection answer has no data.__schema")]
    NoSchema {
        /// The request's name.
        request: String,
    },
    /// The answer was saved to a file (it was large) that could not be read back.
    #[error("request {request:?}: introspection answer could not be read: {reason}")]
    Unreadable {
        /// The request's name.
        request: String,
        /// Why.
        reason: String,
    },
    /// The cache could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A cached schema could not be sealed or opened with the data key.
    #[error("request {request}: cached schema cannot be sealed or opened: {source}")]
    Seal {
        /// The request's id.
        request: crate::model::RequestId,
        /// The vault's error.
        #[source]
        source: crate::vault::VaultError,
    },
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, GraphqlError>;
