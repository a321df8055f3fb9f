//! A request and the parts it is built from: parameters, headers, body, scripts, settings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Auth, CollectionId, Extra, FolderId, Parent, RequestId, Variable};

/// A key/value row: a query parameter, path variable, header or urlencoded field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct KeyValue {
    /// Name.
    pub key: String,
    /// Value, possibly holding `{{variables}}`.
    pub value: String,
    /// Disabled rows are kept but not sent.
    pub enabled: bool,
    /// Free text shown beside the row.
    pub description: String,
    /// Fields of the row kept verbatim from an import, by format (`{"postman": {…}}`).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

impl Default for KeyValue {
    fn default() -> Self {
        KeyValue {
            key: String::new(),
            value: String::new(),
            enabled: true,
            description: String::new(),
            extra: Extra::new(),
        }
    }
}

impl KeyValue {
    /// An enabled row.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: value.into(),
            ..KeyValue::default()
        }
    }
}

/// Language of a raw body; it decides the default `Content-Type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RawLanguage {
    /// `text/plain`.
    #[default]
    Text,
    /// `application/json`.
    Json,
    /// `application/xml`.
    Xml,
    /// `text/html`.
    Html,
    /// `application/javascript`.
    Javascript,
}

/// The value of one multipart part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub enum FormValue {
    /// A text value.
    Text {
        /// The text.
        value: String,
    },
    /// Files read at send time, by path.
    File {
        /// Paths of the files; Postman allows several per part.
        paths: Vec<String>,
    },
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormPart {
    /// Field name.
    pub key: String,
    /// Text or file(s).
    pub value: FormValue,
    /// Explicit content type of the part, if the user set one.
    #[serde(default)]
    pub content_type: Option<String>,
    /// Disabled parts are kept but not sent.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Free text shown beside the part.
    #[serde(default)]
    pub description: String,
    /// Fields of the part kept verbatim from an import, by format (`{"postman": {…}}`).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

fn default_true() -> bool {
    true
}

/// The body of a request, by mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "mode", rename_all = "camelCase")]
#[ts(export)]
pub enum Body {
    /// No body.
    #[default]
    None,
    /// Text in a language.
    Raw {
        /// The text.
        text: String,
        /// Its language.
        #[serde(default)]
        language: RawLanguage,
    },
    /// `application/x-www-form-urlencoded` fields.
    Urlencoded {
        /// The fields in order.
        fields: Vec<KeyValue>,
    },
    /// `multipart/form-data` parts.
    Multipart {
        /// The parts in order.
        parts: Vec<FormPart>,
    },
    /// One file sent as the whole body.
    Binary {
        /// Path of the file, read at send time.
        path: String,
    },
    /// A GraphQL operation, sent as JSON.
    Graphql {
        /// The query document.
        query: String,
        /// Variables as JSON text.
        #[serde(default)]
        variables: String,
        /// Operation to run when the document has several.
        #[serde(default)]
        operation_name: Option<String>,
    },
}

/// Pre-request and test scripts of a request, folder or collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Scripts {
    /// Runs before the request is sent.
    pub pre_request: String,
    /// Runs after the response arrives.
    pub test: String,
}

/// Per-request settings; `None` means "use the collection's or the app's default".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct RequestSettings {
    /// Follow 3xx redirects.
    pub follow_redirects: Option<bool>,
    /// Most redirects to follow.
    pub max_redirects: Option<u32>,
    /// Keep the original method on 301/302 redirects.
    pub follow_original_method: Option<bool>,
    /// Keep the `Authorization` header across redirects to another host.
    pub follow_authorization_header: Option<bool>,
    /// Timeout in milliseconds; 0 means none.
    #[ts(type = "number | null")]
    pub timeout_ms: Option<u64>,
    /// Time limit of each pre-request and test script, in milliseconds (the sandbox's default,
    /// 5000, when no level sets it). Localpost's own: Postman has no such setting.
    #[ts(type = "number | null")]
    pub script_timeout_ms: Option<u64>,
    /// Verify TLS certificates.
    pub verify_tls: Option<bool>,
    /// Use the workspace cookie jar.
    pub use_cookies: Option<bool>,
    /// `http1` or `http2`.
    pub http_version: Option<String>,
    /// Path of a PEM file of CA certificates trusted besides the platform's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub ca_certificates: Option<String>,
    /// Client certificates by host; a level that sets the list replaces its parents' list.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub client_certificates: Option<Vec<super::ClientCertificate>>,
    /// The proxy to send through.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub proxy: Option<super::ProxySettings>,
}

/// A saved example response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Example {
    /// Name of the example.
    pub name: String,
    /// Status code.
    pub code: u16,
    /// Reason phrase.
    pub status: String,
    /// Response headers in order.
    pub headers: Vec<KeyValue>,
    /// Response body as text.
    pub body: String,
    /// Language the body is shown in (`json`, `xml`, `html`, `text`).
    pub preview_language: String,
    /// The request the example was recorded for, verbatim.
    #[ts(type = "unknown")]
    pub original_request: Option<serde_json::Value>,
    /// Fields kept verbatim from an import.
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// What a request speaks: one HTTP exchange, a WebSocket conversation, a gRPC call or a
/// Socket.IO session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Protocol {
    /// An HTTP request and its response.
    #[default]
    Http,
    /// A WebSocket: the URL (`ws://` or `wss://`), headers, query and auth make the opening
    /// handshake; the saved [`WebSocketMessage`]s are sent once it is open. Method and body
    /// are not used.
    WebSocket,
    /// A gRPC call: the URL (`grpc://host:port` plaintext, `grpcs://host:port` TLS) names the
    /// server, [`Request::grpc`] the method and where its descriptors come from, the headers
    /// are the metadata and the enabled JSON [`WebSocketMessage`]s are the request messages
    /// (exactly one for a unary or server-streaming method). Method and body are not used.
    Grpc,
    /// A Socket.IO session: the URL (`http(s)://` or `ws(s)://`) names the server and, by its
    /// path, the namespace (`/` when none); the handshake goes to `/socket.io/` there (or
    /// [`SocketIoSettings::path`]) with
    /// the URL's query, headers and auth. The enabled [`WebSocketMessage`]s with an
    /// [`event`](WebSocketMessage::event) are emitted once the namespace is connected, their
    /// content the event's one argument (or, when [`spread`](WebSocketMessage::spread), its
    /// arguments); [`Request::socketio`] holds the handshake path and the connect's `auth`
    /// payload. Method and body are not used.
    #[serde(rename = "socketio")]
    SocketIo,
}

impl Protocol {
    /// Whether this is [`Protocol::Http`].
    pub fn is_http(&self) -> bool {
        *self == Protocol::Http
    }
}

/// How a saved WebSocket message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum MessageKind {
    /// A text frame.
    #[default]
    Text,
    /// A text frame holding JSON (shown as JSON; sent as written).
    Json,
    /// A binary frame with the bytes of a file, read at send time.
    Binary,
}

/// A message saved with a WebSocket request, sent in order once the socket is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct WebSocketMessage {
    /// What the user calls it in the editor (empty: unnamed, and not written).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub name: String,
    /// Text, JSON or a file's bytes.
    pub kind: MessageKind,
    /// The text (possibly holding `{{variables}}`), or for [`MessageKind::Binary`] the path of
    /// the file.
    pub content: String,
    /// Disabled messages are kept but not sent.
    pub enabled: bool,
    /// For a Socket.IO request, the event emitted (the content is its argument, none when
    /// empty); empty, and not written, otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub event: String,
    /// For a Socket.IO request, whether the server is asked to acknowledge the event.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub ack: bool,
    /// For a Socket.IO request's JSON message, whether its content is a JSON array of the
    /// event's arguments, each item one argument (`["a", 1]` emits two), rather than the one
    /// argument (`["a", 1]` emits one array).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(optional, as = "Option<bool>")]
    pub spread: bool,
}

impl Default for WebSocketMessage {
    fn default() -> Self {
        WebSocketMessage {
            name: String::new(),
            kind: MessageKind::Text,
            content: String::new(),
            enabled: true,
            event: String::new(),
            ack: false,
            spread: false,
        }
    }
}

impl WebSocketMessage {
    /// An enabled message of `kind`.
    pub fn new(kind: MessageKind, content: impl Into<String>) -> Self {
        WebSocketMessage {
            kind,
            content: content.into(),
            ..WebSocketMessage::default()
        }
    }
}

/// A Socket.IO request's own settings, beside its URL and messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct SocketIoSettings {
    /// The Engine.IO endpoint's path on the server (socket.io's `path` option; Postman's
    /// "Handshake path"); empty: `/socket.io/`.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub path: String,
    /// The namespace connect's `auth` payload (socket.io's `auth` option): a JSON object as
    /// text, possibly holding `{{variables}}`; empty: none.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub auth: String,
}

impl SocketIoSettings {
    /// Whether nothing is set (what every request but a customised Socket.IO one has).
    pub fn is_empty(&self) -> bool {
        *self == SocketIoSettings::default()
    }
}

/// Where a gRPC request's service descriptors come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum ProtoSource {
    /// Asked of the server (`grpc.reflection.v1`, else `v1alpha`) when the call is made.
    #[default]
    Reflection,
    /// Compiled from `.proto` files (in Rust, no `protoc`) when the call is made.
    #[serde(rename_all = "camelCase")]
    Files {
        /// The files, as paths (absolute, or relative to an import path).
        files: Vec<String>,
        /// Directories imports are looked up in, in order. A file's own directory is not
        /// searched unless listed.
        #[serde(default)]
        import_paths: Vec<String>,
    },
    /// `.proto` files held in the request itself (an Insomnia export brings its proto files
    /// this way), compiled when the call is made. Their paths are names in a tree of their
    /// own, not on disk.
    #[serde(rename_all = "camelCase")]
    Embedded {
        /// Every file the compile may read: the entries and what they import.
        files: Vec<ProtoText>,
        /// The paths (among `files`) compiled for their services.
        entries: Vec<String>,
        /// Directories of the tree imports are looked up in, in order (`""` is its root,
        /// searched first, as an import path is).
        #[serde(default)]
        import_paths: Vec<String>,
    },
}

/// One `.proto` file of an [`ProtoSource::Embedded`] source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProtoText {
    /// Its path in the source's tree (`/`-separated, relative: `hello.proto`, `api/v1/x.proto`).
    pub path: String,
    /// Its text.
    pub text: String,
}

/// What a gRPC request calls, beside its URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct GrpcCall {
    /// The fully-qualified method, `package.Service/Method` (`package.Service.Method` is read
    /// the same way).
    pub method: String,
    /// Where its descriptors come from.
    pub source: ProtoSource,
}

impl GrpcCall {
    /// Whether nothing is set (what every HTTP and WebSocket request has).
    pub fn is_empty(&self) -> bool {
        *self == GrpcCall::default()
    }
}

/// A stored request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Request {
    /// Row id.
    pub id: RequestId,
    /// Collection the request belongs to.
    pub collection_id: CollectionId,
    /// Folder holding it, or `None` at the collection's top level.
    pub folder_id: Option<FolderId>,
    /// Display name.
    pub name: String,
    /// Place among its siblings (folders and requests), from 0.
    #[ts(type = "number")]
    pub position: i64,
    /// HTTP, WebSocket or gRPC. Older files and imports have none: HTTP, which is not written
    /// either, so HTTP requests serialise as they did before WebSocket requests existed.
    #[serde(default, skip_serializing_if = "Protocol::is_http")]
    #[ts(optional, as = "Option<Protocol>")]
    pub protocol: Protocol,
    /// Any HTTP method token (`GET`, `PURGE`, `PROPFIND`, …).
    pub method: String,
    /// URL as typed, possibly with `{{variables}}` and `:pathVars`.
    pub url: String,
    /// Query parameters.
    pub params: Vec<KeyValue>,
    /// Values of `:pathVar` segments.
    pub path_variables: Vec<KeyValue>,
    /// Headers in order, duplicates allowed.
    pub headers: Vec<KeyValue>,
    /// Body.
    pub body: Body,
    /// Authorisation.
    pub auth: Auth,
    /// Scripts.
    pub scripts: Scripts,
    /// Settings.
    pub settings: RequestSettings,
    /// Markdown description.
    pub description: String,
    /// Saved example responses.
    pub examples: Vec<Example>,
    /// The request item's own variables (kept for Postman fidelity; Postman does not resolve
    /// them). Secret values live in the OS keychain, as for every scope.
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// The messages a WebSocket request sends once open, in order; empty (and not written)
    /// for HTTP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<WebSocketMessage>>")]
    pub messages: Vec<WebSocketMessage>,
    /// A gRPC request's method and descriptor source; empty (and not written) otherwise.
    #[serde(default, skip_serializing_if = "GrpcCall::is_empty")]
    #[ts(optional, as = "Option<GrpcCall>")]
    pub grpc: GrpcCall,
    /// A Socket.IO request's handshake path and auth payload; empty (and not written)
    /// otherwise.
    #[serde(default, skip_serializing_if = "SocketIoSettings::is_empty")]
    #[ts(optional, as = "Option<SocketIoSettings>")]
    pub socketio: SocketIoSettings,
    /// Fields kept verbatim from an import.
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

impl Request {
    /// Whether this is a gRPC request.
    pub fn is_grpc(&self) -> bool {
        self.protocol == Protocol::Grpc
    }

    /// Whether this is a Socket.IO request.
    pub fn is_socketio(&self) -> bool {
        self.protocol == Protocol::SocketIo
    }

    /// Whether this is a WebSocket request.
    pub fn is_websocket(&self) -> bool {
        self.protocol == Protocol::WebSocket
    }

    /// A request not stored yet (its ids are 0) with only a method and URL; everything else
    /// empty. For code that builds one from scratch: importers, snippets, benchmarks, tests.
    pub fn unsaved(method: impl Into<String>, url: impl Into<String>) -> Request {
        Request {
            id: RequestId(0),
            collection_id: CollectionId(0),
            folder_id: None,
            name: String::new(),
            position: 0,
            protocol: Protocol::Http,
            method: method.into(),
            url: url.into(),
            params: Vec::new(),
            path_variables: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            auth: Auth::inherit(),
            scripts: Scripts::default(),
            settings: RequestSettings::default(),
            description: String::new(),
            examples: Vec::new(),
            variables: Vec::new(),
            messages: Vec::new(),
            grpc: GrpcCall::default(),
            socketio: SocketIoSettings::default(),
            extra: Extra::new(),
        }
    }
}

/// What is needed to create a request; everything else starts empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewRequest {
    /// Where the request goes; it is appended after its siblings.
    pub parent: Parent,
    /// Display name.
    pub name: String,
    /// Method; `GET` when empty.
    #[serde(default)]
    pub method: String,
    /// URL.
    #[serde(default)]
    pub url: String,
    /// HTTP (the default), WebSocket or gRPC.
    #[serde(default)]
    #[ts(optional, as = "Option<Protocol>")]
    pub protocol: Protocol,
}

impl NewRequest {
    /// A `GET` request with an empty URL.
    pub fn new(parent: Parent, name: impl Into<String>) -> Self {
        NewRequest {
            parent,
            name: name.into(),
            method: "GET".into(),
            url: String::new(),
            protocol: Protocol::Http,
        }
    }

    /// Makes it a WebSocket request.
    pub fn websocket(mut self) -> Self {
        self.protocol = Protocol::WebSocket;
        self
    }

    /// Makes it a gRPC request.
    pub fn grpc(mut self) -> Self {
        self.protocol = Protocol::Grpc;
        self
    }

    /// Makes it a Socket.IO request.
    pub fn socketio(mut self) -> Self {
        self.protocol = Protocol::SocketIo;
        self
    }

    /// Sets the method.
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = method.into();
        self
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = url.into();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_modes_are_tagged() {
        let body = Body::Raw {
            text: "{}".into(),
            language: RawLanguage::Json,
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["mode"], "raw");
        assert_eq!(json["language"], "json");
        let back: Body = serde_json::from_value(json).unwrap();
        assert_eq!(back, body);
    }
}
