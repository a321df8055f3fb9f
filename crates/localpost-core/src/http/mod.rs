//! The HTTP engine: the only code in Localpost that opens network connections.
//!
//! Sending is two steps, as in Hurl's runner. [`prepare`] turns a stored
//! [`model::Request`](crate::model::Request), the [`Variables`](crate::template::Variables) in
//! force and what it inherits ([`Inheritance`]) into a [`PreparedRequest`]: every `{{variable}}`
//! rendered (unresolved ones left as written and listed in [`Unresolved`]), the URL built and
//! encoded, headers, body and auth applied, [`Settings`] resolved. Nothing touches the disk or
//! the network yet. [`Engine::send`] then reads any files the body names, sends the request
//! with reqwest and returns an [`Exchange`]: the [`SentRequest`] and the [`Response`] as plain
//! data (serde + ts-rs), or an [`HttpError`] naming the field or address that failed.
//!
//! ```no_run
//! # async fn demo(request: &localpost_core::model::Request) -> localpost_core::http::Result<()> {
//! use localpost_core::http::{self, Engine, Inheritance};
//! use localpost_core::template::Variables;
//! use tokio_util::sync::CancellationToken;
//!
//! let prepared = http::prepare(request, &Variables::new(), &Inheritance::new())?;
//! let exchange = Engine::new().send(&prepared, &CancellationToken::new()).await?;
//! println!("{} {}", exchange.response.status, exchange.response.reason);
//! # Ok(()) }
//! ```
//!
//! `{{vault:…}}` tokens are left unresolved here: [`crate::send`] substitutes them, within each
//! secret's domain limits.
//!
//! Auth: basic, bearer and API key are applied by [`prepare`]; OAuth 1.0, AWS Signature V4,
//! Hawk, Akamai EdgeGrid and JWT have their parameters rendered by [`prepare`] and are signed
//! by [`Engine::send`] once the body is read, so the signature covers the bytes sent. Digest and
//! NTLM answer the server's challenge inside [`Engine::send`]; [`oauth2`] obtains OAuth 2.0
//! tokens through the engine.
//!
//! The transport (clients per settings, TLS material, proxies, per-phase [`Timings`], redirects
//! one hop at a time) is private: `client`, `tls`, `proxy`, `timing`, `redirect`.
//!
//! WebSocket requests open with [`Engine::converse`] ([`websocket`]); gRPC requests are called
//! with [`Engine::grpc_call`] ([`grpc`]), over the same clients.
//!
//! Cookies: every client carries one provider that forwards to the jar a send runs with
//! ([`with_jar`], [`CookieJar`]); [`crate::send`] gives each send its workspace's jar.
//!
//! Not here yet: scripts, and streaming uploads (file bodies are read into memory). An auth
//! type Postman does not define is [`HttpError::UnsupportedAuth`].

mod address;
mod auth;
mod body;
mod build;
mod certificate;
mod client;
mod cookies;
mod error;
pub mod event_stream;
mod exchange;
pub mod grpc;
mod headers;
mod inheritance;
pub mod live;
mod multipart;
mod prepared;
mod proxy;
mod redirect;
mod response;
mod saved;
mod send;
mod settings;
pub mod socketio;
mod timing;
mod tls;
pub mod websocket;

pub(crate) use auth::parsers as auth_parsers;
pub(crate) use cookies::set_by as response_cookies;

pub(crate) use address::encoded_forms;
pub use auth::oauth2;
pub use build::prepare;
pub use certificate::PeerCertificate;
pub use cookies::{CookieJar, ResponseCookie, with_jar};
pub use error::{HttpError, Result};
pub use exchange::{Content, Exchange, Payload, Response, SENT_BODY_LIMIT, SentRequest, Timings};
pub use headers::{ACCEPT_ENCODING, USER_AGENT};
pub use inheritance::Inheritance;
pub use prepared::{
    Header, Part, PartContent, PreparedBody, PreparedEmit, PreparedGrpc, PreparedMessage,
    PreparedRequest, PreparedSocketIo, Unresolved,
};
pub use saved::{
    BodyChunk, CHUNK_LIMIT, SavedBodyError, check as check_saved_body, read_all as read_saved_body,
    read_chunk, read_head as read_saved_head, save as save_body,
};
pub use send::{BodySink, BodyWatch, Engine, Options, Watch};
pub use settings::{ClientCertificate, HttpVersion, Identity, Proxy, Settings};
