//! The HTTP engine's error type: what failed, where, and why. No variant ever carries a header
//! value, an auth parameter or a body: only names, paths and URLs (with any password removed).

use std::path::PathBuf;
use std::time::Duration;

/// What went wrong preparing or sending a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// The method is not an HTTP token.
    #[error(
        "invalid method {method:?}: a method is one word of letters, digits and !#$%&'*+-.^_`|~"
    )]
    InvalidMethod {
        /// The method after rendering.
        method: String,
    },
    /// The URL cannot be parsed or is not `http`/`https`.
    #[error("invalid URL {url:?}: {reason}{}", unresolved_hint(.unresolved))]
    InvalidUrl {
        /// The URL after rendering (and after the scheme default was added).
        url: String,
        /// What is wrong with it.
        reason: String,
        /// Variables left unresolved in it, the likely cause.
        unresolved: Vec<String>,
    },
    /// A header name is not an HTTP token.
    #[error("invalid header name {name:?}")]
    InvalidHeaderName {
        /// The name after rendering.
        name: String,
    },
    /// A header value holds a line break or another control character. The value is not shown.
    #[error("header {name}: invalid value ({reason})")]
    InvalidHeaderValue {
        /// The header's name.
        name: String,
        /// What is wrong with the value.
        reason: &'static str,
    },
    /// The GraphQL variables are not a JSON object.
    #[error("GraphQL variables: {reason}")]
    InvalidGraphqlVariables {
        /// The JSON parser's words, or why the value is not an object.
        reason: String,
    },
    /// A setting has a value this version does not know.
    #[error("setting {field}: unknown value {value:?} (expected {expected})")]
    InvalidSetting {
        /// The setting's name.
        field: &'static str,
        /// The value found.
        value: String,
        /// The values that are accepted.
        expected: &'static str,
    },
    /// The request uses an authorisation scheme this version cannot sign yet.
    #[error("{mode} auth is not supported yet")]
    UnsupportedAuth {
        /// The scheme's name, as Postman spells it.
        mode: String,
    },
    /// The server's authentication challenge (digest, NTLM) cannot be answered.
    #[error("cannot answer the {scheme} challenge from {origin}: {reason}")]
    AuthChallenge {
        /// `digest` or `ntlm`.
        scheme: &'static str,
        /// Scheme, host and port.
        origin: String,
        /// What is wrong with the challenge.
        reason: String,
    },
    /// An OAuth 2.0 token endpoint refused to issue a token, or answered something that is not
    /// a token.
    #[error("OAuth 2.0 token request to {url} failed: {reason}")]
    TokenEndpoint {
        /// The token endpoint, without query.
        url: String,
        /// The endpoint's `error` code and `error_description`, or what was wrong with its answer.
        reason: String,
    },
    /// The OAuth 2.0 authorisation step (the browser round trip) did not give a code.
    #[error("OAuth 2.0 authorization failed: {reason}")]
    Authorization {
        /// The server's `error` and `error_description`, a state mismatch, or a time-out.
        reason: String,
    },
    /// An auth parameter has a value the scheme cannot use (unknown algorithm, unparseable key,
    /// invalid JSON). The message names the field and never shows its value.
    #[error("{field}: {reason}")]
    InvalidAuth {
        /// The parameter, as `auth.<key>` (`auth.privateKey`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A file to send cannot be read.
    #[error("{field}: cannot read file {}: {reason}", path.display())]
    File {
        /// Which body field: `body (binary)` or `form part "name"`.
        field: String,
        /// The path after rendering.
        path: PathBuf,
        /// Why it cannot be read.
        reason: String,
    },
    /// Nothing listens at the address.
    #[error("connection refused by {origin}")]
    ConnectionRefused {
        /// Scheme, host and port.
        origin: String,
    },
    /// The host name does not resolve.
    #[error("cannot resolve host {host}: {reason}")]
    Dns {
        /// The host.
        host: String,
        /// The resolver's words.
        reason: String,
    },
    /// The TLS handshake failed (certificate, protocol, or not a TLS server).
    #[error("cannot establish TLS with {origin}: {reason}")]
    Tls {
        /// Scheme, host and port.
        origin: String,
        /// rustls's words.
        reason: String,
    },
    /// No complete response within the timeout.
    #[error("request to {origin} timed out after {} ms", after.as_millis())]
    Timeout {
        /// Scheme, host and port.
        origin: String,
        /// The timeout that elapsed.
        after: Duration,
    },
    /// The redirect chain was longer than allowed.
    #[error("too many redirects from {url} (the limit is {max})")]
    TooManyRedirects {
        /// The URL first requested.
        url: String,
        /// The limit in force.
        max: u32,
    },
    /// The caller cancelled the request.
    #[error("request cancelled")]
    Cancelled,
    /// A WebSocket request was handed to [`super::Engine::send`]: it opens a socket with
    /// [`super::Engine::converse`] instead.
    #[error("{url} is a WebSocket request: it is opened, not sent as one HTTP request")]
    WebSocketRequest {
        /// The URL, `ws://` or `wss://`, without any password.
        url: String,
    },
    /// A gRPC request was handed to [`super::Engine::send`]: it is called with
    /// [`super::Engine::grpc_call`] instead.
    #[error("{url} is a gRPC request: it is called, not sent as one HTTP request")]
    GrpcRequest {
        /// The URL, `grpc://` or `grpcs://`, without any password.
        url: String,
    },
    /// A Socket.IO request was handed to [`super::Engine::send`]: its session is opened with
    /// [`super::Engine::socket_io`] instead.
    #[error("{url} is a Socket.IO request: it is opened, not sent as one HTTP request")]
    SocketIoRequest {
        /// The URL, without any password.
        url: String,
    },
    /// The response body could not be decoded with its `Content-Encoding`.
    #[error("cannot decode the response body ({encoding}): {reason}")]
    Decode {
        /// The content coding.
        encoding: String,
        /// The decoder's words.
        reason: String,
    },
    /// A large response body could not be saved to a temporary file.
    #[error("cannot save the response body under {}: {reason}", dir.display())]
    BodyFile {
        /// The directory bodies are saved in.
        dir: PathBuf,
        /// Why.
        reason: String,
    },
    /// A certificate, key or CA file named in the settings cannot be read or used. The
    /// passphrase is never shown.
    #[error("{field}: cannot use {}: {reason}", path.display())]
    CertificateFile {
        /// The setting: `settings.clientCertificates[0].pfx`, `settings.caCertificates`, …
        field: String,
        /// The path after rendering.
        path: PathBuf,
        /// What is wrong: no such file, wrong passphrase, no PEM certificate in it, …
        reason: String,
    },
    /// The proxy setting cannot be used.
    #[error("settings.proxy.url {url:?}: {reason}")]
    Proxy {
        /// The proxy URL after rendering, without any password.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be set up (no TLS roots, say).
    #[error("cannot set up the HTTP client: {reason}")]
    Client {
        /// Why.
        reason: String,
    },
    /// Any other transport failure: reset, closed early, protocol error.
    #[error("request to {origin} failed: {reason}")]
    Transport {
        /// Scheme, host and port.
        origin: String,
        /// The innermost cause.
        reason: String,
    },
}

impl HttpError {
    /// Whether the network failed the request (nothing listened, the name did not resolve,
    /// the connection broke, or no answer came in time), as opposed to the request, its
    /// settings or its files being wrong. An event stream cut this way is opened again, as a
    /// browser's EventSource does after a network error.
    pub fn is_network(&self) -> bool {
        matches!(
            self,
            HttpError::ConnectionRefused { .. }
                | HttpError::Dns { .. }
                | HttpError::Timeout { .. }
                | HttpError::Transport { .. }
        )
    }
}

/// The HTTP engine's result type.
pub type Result<T> = std::result::Result<T, HttpError>;

fn unresolved_hint(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" (unresolved variables: {})", names.join(", "))
    }
}

/// An `io::Error` in lower case, the way our messages read.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a directory".into(),
        _ => lower_first(&e.to_string()),
    }
}

/// `s` with its first letter in lower case, unless it starts an acronym (`TLS`, `HTTP`).
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => a
            .to_lowercase()
            .chain(std::iter::once(b))
            .chain(chars)
            .collect(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place_and_hint_at_unresolved_variables() {
        let e = HttpError::InvalidUrl {
            url: "http://{{base}}/users".into(),
            reason: "invalid domain character".into(),
            unresolved: vec!["base".into()],
        };
        assert_eq!(
            e.to_string(),
            "invalid URL \"http://{{base}}/users\": invalid domain character \
             (unresolved variables: base)"
        );
        let e = HttpError::Timeout {
            origin: "http://127.0.0.1:9".into(),
            after: Duration::from_millis(250),
        };
        assert_eq!(
            e.to_string(),
            "request to http://127.0.0.1:9 timed out after 250 ms"
        );
    }

    #[test]
    fn lower_first_keeps_acronyms() {
        assert_eq!(lower_first("Connection reset"), "connection reset");
        assert_eq!(lower_first("TLS alert"), "TLS alert");
        assert_eq!(lower_first(""), "");
    }
}
