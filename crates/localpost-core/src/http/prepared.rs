//! A request ready to send: every variable rendered, URL encoded, headers and auth applied.
//!
//! Its `Debug` never shows a secret: sensitive header values, API-key query values, vault values
//! in the URL and body contents are replaced by `***` or a size.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;
use url::Url;

use super::Settings;
use crate::vault::Secret;

/// One header, in the order it is sent.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Header {
    /// Name as written (HTTP/1.1 sends it in lower case; names are case-insensitive).
    pub name: String,
    /// Value.
    pub value: String,
    /// Carries a credential (`Authorization`, `Proxy-Authorization`, an API key): the UI masks
    /// it, `Debug` prints `***`.
    pub is_sensitive: bool,
}

impl Header {
    /// A header that is not a credential.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let is_sensitive = is_credential_header(&name);
        Header {
            name,
            value: value.into(),
            is_sensitive,
        }
    }

    /// A header that carries a credential.
    pub fn sensitive(name: impl Into<String>, value: impl Into<String>) -> Self {
        Header {
            name: name.into(),
            value: value.into(),
            is_sensitive: true,
        }
    }

    /// Whether this header's name is `name`, ignoring case.
    pub fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Headers whose value is a credential whoever set them.
fn is_credential_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization")
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_sensitive {
            write!(f, "{}: ***", self.name)
        } else {
            write!(f, "{}: {:?}", self.name, self.value)
        }
    }
}

/// A `{{variable}}` left as written, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Unresolved {
    /// The variable's name (without braces).
    pub name: String,
    /// The field it was found in: `url`, `params[0].value`, `headers[1].key`, `body`,
    /// `body.fields[2].value`, `body.parts[0].value`, `auth.token`, … (indexes from 0, counting
    /// disabled rows too).
    pub place: String,
}

/// One part of a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct Part {
    /// Field name.
    pub name: String,
    /// Text, or a file read at send time.
    pub content: PartContent,
    /// Content type of the part: the user's, else for files one guessed from the extension.
    pub content_type: Option<String>,
}

/// What a multipart part holds.
#[derive(Clone, PartialEq, Eq)]
pub enum PartContent {
    /// Text.
    Text(String),
    /// A file, read when the request is sent.
    File(PathBuf),
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Part");
        s.field("name", &self.name);
        match &self.content {
            PartContent::Text(t) => s.field("text", &format_args!("{} bytes", t.len())),
            PartContent::File(p) => s.field("file", p),
        };
        s.field("content_type", &self.content_type).finish()
    }
}

/// The body to send. Files are named here and read by [`super::Engine::send`].
#[derive(Clone, PartialEq, Eq)]
pub enum PreparedBody {
    /// No body.
    None,
    /// Bytes ready to send: raw, urlencoded and GraphQL bodies.
    Bytes(Vec<u8>),
    /// `multipart/form-data` parts and the boundary already written into `Content-Type`.
    Multipart {
        /// The boundary between parts.
        boundary: String,
        /// Parts in order.
        parts: Vec<Part>,
    },
    /// One file sent as the whole body.
    File(PathBuf),
}

impl fmt::Debug for PreparedBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PreparedBody::None => f.write_str("None"),
            PreparedBody::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            PreparedBody::Multipart { parts, .. } => {
                f.debug_tuple("Multipart").field(parts).finish()
            }
            PreparedBody::File(p) => f.debug_tuple("File").field(p).finish(),
        }
    }
}

/// A saved WebSocket message ready to send, its `{{variables}}` rendered.
#[derive(Clone, PartialEq, Eq)]
pub enum PreparedMessage {
    /// A text frame (a text or JSON message).
    Text(String),
    /// A binary frame with the bytes of this file, read when it is sent.
    Binary(std::path::PathBuf),
}

impl fmt::Debug for PreparedMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text may hold a vault value: only its length is shown.
        match self {
            PreparedMessage::Text(text) => write!(f, "Text({} bytes)", text.len()),
            PreparedMessage::Binary(path) => f.debug_tuple("Binary").field(path).finish(),
        }
    }
}

/// An event a Socket.IO request emits once its namespace is connected, rendered.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedEmit {
    /// The event's name.
    pub event: String,
    /// Its argument: text, JSON text (parsed when it is sent) or a file; `None` when the
    /// message's content is empty.
    pub argument: Option<(crate::model::MessageKind, String)>,
    /// Whether the server is asked to acknowledge it.
    pub ack: bool,
    /// Whether a JSON argument is the array of the event's arguments rather than one.
    pub spread: bool,
}

/// A Socket.IO request's handshake path and connect payload, rendered.
#[derive(Clone, Default)]
pub struct PreparedSocketIo {
    /// The Engine.IO endpoint's path (`/socket.io/` when the request sets none).
    pub path: String,
    /// The namespace connect's `auth` payload, JSON text (parsed when it is sent); `None`
    /// when the request sets none.
    pub auth: Option<String>,
}

impl fmt::Debug for PreparedSocketIo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The payload may hold a vault value: only its length is shown.
        f.debug_struct("PreparedSocketIo")
            .field("path", &self.path)
            .field("auth", &self.auth.as_ref().map(String::len))
            .finish()
    }
}

impl fmt::Debug for PreparedEmit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The argument may hold a vault value: only its length is shown.
        f.debug_struct("PreparedEmit")
            .field("event", &self.event)
            .field(
                "argument",
                &self.argument.as_ref().map(|(k, a)| (k, a.len())),
            )
            .field("ack", &self.ack)
            .field("spread", &self.spread)
            .finish()
    }
}

/// What a gRPC request calls, its `{{variables}}` rendered.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedGrpc {
    /// `package.Service/Method`.
    pub method: String,
    /// Where the descriptors come from (file paths rendered).
    pub source: crate::model::ProtoSource,
    /// The enabled request messages, JSON text.
    pub messages: Vec<String>,
}

impl fmt::Debug for PreparedGrpc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The messages may hold a vault value: only their sizes are shown.
        let sizes: Vec<usize> = self.messages.iter().map(String::len).collect();
        f.debug_struct("PreparedGrpc")
            .field("method", &self.method)
            .field("source", &self.source)
            .field("message_sizes", &sizes)
            .finish()
    }
}

/// A request ready to send, produced by [`super::prepare`].
#[derive(Clone)]
pub struct PreparedRequest {
    /// Method token, as written (case is kept: `get` is sent as `get`).
    pub method: String,
    /// Final URL, encoded.
    pub url: Url,
    /// Headers in order, duplicates kept, automatic ones included.
    pub headers: Vec<Header>,
    /// Body.
    pub body: PreparedBody,
    /// Transport settings.
    pub settings: Settings,
    /// For a WebSocket request, the messages to send once it is open (its URL is then `http`
    /// or `https` for the handshake: see [`PreparedRequest::websocket_url`]); `None` for HTTP.
    pub messages: Option<Vec<PreparedMessage>>,
    /// For a gRPC request, what it calls (its URL is then `http` or `https`, without a path:
    /// see [`PreparedRequest::grpc_url`]); `None` otherwise.
    pub grpc: Option<PreparedGrpc>,
    /// For a Socket.IO request, the events it emits (its URL is then `http` or `https`, the
    /// namespace its path: see [`PreparedRequest::websocket_url`]); `None` otherwise.
    pub emits: Option<Vec<PreparedEmit>>,
    /// For a Socket.IO request, its handshake path and connect payload; `None` otherwise.
    pub socketio: Option<PreparedSocketIo>,
    /// Variables left unresolved, for the UI to flag.
    pub unresolved: Vec<Unresolved>,
    /// Query keys whose values are credentials (API key in the query); `Debug` hides them.
    pub sensitive_query: Vec<String>,
    /// Vault secret values substituted into the request, hidden wherever its URL is shown.
    /// Signing adds the secrets it writes in the clear (OAuth PLAINTEXT) after the client is
    /// chosen, so only the display is affected.
    pub(crate) redact: Vec<Secret>,
    /// Values of secret variables in this request: hidden wherever vault values are
    /// ([`Self::hide_secrets`]), without the vault's limit on redirects.
    pub(crate) hidden: Vec<Secret>,
    /// A scheme answered at send time (digest, NTLM), its parameters rendered.
    pub(crate) challenge: Option<super::auth::Challenge>,
    /// The scheme that signs the request once its body is read (OAuth 1.0, AWS, Hawk, …).
    pub(crate) signer: Option<super::auth::Signer>,
}

impl PreparedRequest {
    /// Whether vault values were substituted into this request: then redirects stay within its
    /// origin, since a vault secret is limited to domains a redirect could leave.
    pub fn carries_vault_values(&self) -> bool {
        !self.redact.is_empty()
    }

    /// Whether this is a WebSocket request's handshake.
    pub fn is_websocket(&self) -> bool {
        self.messages.is_some()
    }

    /// Whether this is a gRPC request.
    pub fn is_grpc(&self) -> bool {
        self.grpc.is_some()
    }

    /// Whether this is a Socket.IO request.
    pub fn is_socketio(&self) -> bool {
        self.emits.is_some()
    }

    /// The masked server address of a gRPC request as the user knows it, `grpc://host:port`
    /// or `grpcs://host:port` (no trailing slash), else [`Self::redacted_url`].
    pub fn grpc_url(&self) -> String {
        let shown = self.redacted_url();
        if !self.is_grpc() {
            return shown;
        }
        let shown = shown.trim_end_matches('/');
        if let Some(rest) = shown.strip_prefix("https://") {
            format!("grpcs://{rest}")
        } else if let Some(rest) = shown.strip_prefix("http://") {
            format!("grpc://{rest}")
        } else {
            shown.to_string()
        }
    }

    /// The masked URL as the user knows it: `ws://`/`wss://` for a WebSocket or Socket.IO
    /// request, else [`Self::redacted_url`].
    pub fn websocket_url(&self) -> String {
        let shown = self.redacted_url();
        if !self.is_websocket() && !self.is_socketio() {
            return shown;
        }
        if let Some(rest) = shown.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = shown.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            shown
        }
    }

    /// The URL with any password and the values of [`PreparedRequest::sensitive_query`] keys
    /// replaced by `***`, for messages and logs.
    pub fn redacted_url(&self) -> String {
        self.redact_url(&self.url)
    }

    /// `url` (this request's, or where its redirects led) masked as [`Self::redacted_url`]
    /// masks the request's own.
    pub(crate) fn redact_url(&self, original: &Url) -> String {
        let mut url = original.clone();
        if url.password().is_some() {
            // Only fails for URLs that cannot have credentials, which this one has.
            let _ = url.set_password(Some("***"));
        }
        if self.sensitive_query.is_empty() {
            return self.hide_secrets(url.to_string());
        }
        let pairs: Vec<(String, String)> = original
            .query_pairs()
            .map(|(k, v)| {
                let v = if self.sensitive_query.iter().any(|s| *s == k) {
                    "***".to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        self.hide_secrets(url.to_string())
    }

    /// `text` with every vault value and secret variable value in this request (as written,
    /// and percent-encoded as a path or query would carry it) replaced by `***`.
    pub(crate) fn hide_secrets(&self, mut text: String) -> String {
        for secret in self.redact.iter().chain(&self.hidden) {
            let Some(value) = secret.expose_str().filter(|v| !v.is_empty()) else {
                continue;
            };
            for form in super::address::encoded_forms(value) {
                text = text.replace(&form, "***");
            }
        }
        text
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("settings", &self.settings)
            .field("messages", &self.messages)
            .field("unresolved", &self.unresolved)
            .finish()
    }
}
