//! Code snippets: a request written as a command or a program in another tool or language.
//!
//! [`render`] writes a [`PreparedRequest`] as one [`Language`]. [`prepare`] builds that
//! request from the store as `localpost send` would, with one difference that matters: secret
//! variables (and `{{vault:…}}` references) are never substituted, so a snippet holds
//! `{{token}}` where the secret would go and can be shared without leaking it. Each language
//! quotes and escapes by its own rules (the `literal` module): quotes, backslashes, `$`, line breaks
//! and non-ASCII text come out as the same bytes on the wire.
//!
//! Left out of every snippet: the headers localpost adds itself (`User-Agent`, `Accept: */*`,
//! `Accept-Encoding`), since each client sends its own. Languages whose header maps hold one
//! value per name (Python, JavaScript, PowerShell) join repeated headers with `, `.
//!
//! This module does not send anything and does not read the files a body names.

mod csharp;
mod go;
mod java;
mod javascript;
mod literal;
mod powershell;
mod python;
mod rust;
mod shell;
mod view;

use crate::http::PreparedRequest;
use crate::model::RequestId;
use crate::send::{self, Context, Options};
use crate::store::Store;

/// A snippet language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// curl, quoted for bash and other POSIX shells.
    Curl,
    /// HTTPie (`http`), quoted for POSIX shells.
    Httpie,
    /// Python with `requests`.
    Python,
    /// JavaScript `fetch` (an ES module: top-level `await`).
    Fetch,
    /// Node.js with axios (an ES module).
    Axios,
    /// Go with `net/http`.
    Go,
    /// Rust with reqwest's blocking client.
    Rust,
    /// Java 11+ `java.net.http.HttpClient`.
    Java,
    /// C# `HttpClient` (top-level statements).
    Csharp,
    /// PowerShell 7 `Invoke-RestMethod`.
    PowerShell,
}

impl Language {
    /// Every language, in the order the CLI lists them.
    pub const ALL: [Language; 10] = [
        Language::Curl,
        Language::Httpie,
        Language::Python,
        Language::Fetch,
        Language::Axios,
        Language::Go,
        Language::Rust,
        Language::Java,
        Language::Csharp,
        Language::PowerShell,
    ];

    /// The short name the CLI takes (`curl`, `python`, `csharp`, …).
    pub fn name(self) -> &'static str {
        match self {
            Language::Curl => "curl",
            Language::Httpie => "httpie",
            Language::Python => "python",
            Language::Fetch => "fetch",
            Language::Axios => "axios",
            Language::Go => "go",
            Language::Rust => "rust",
            Language::Java => "java",
            Language::Csharp => "csharp",
            Language::PowerShell => "powershell",
        }
    }
}

/// `request` written in `language`.
pub fn render(request: &PreparedRequest, language: Language) -> String {
    let v = view::View::from_prepared(request);
    match language {
        Language::Curl => shell::curl(&v),
        Language::Httpie => shell::httpie(&v),
        Language::Python => python::requests(&v),
        Language::Fetch => javascript::fetch(&v),
        Language::Axios => javascript::axios(&v),
        Language::Go => go::net_http(&v),
        Language::Rust => rust::reqwest(&v),
        Language::Java => java::http_client(&v),
        Language::Csharp => csharp::http_client(&v),
        Language::PowerShell => powershell::invoke_rest_method(&v),
    }
}

/// Stored request `id` (its draft when [`Options::draft`] asks and it has one) prepared for a
/// snippet: variables, auth and settings as
/// [`send::prepare`] applies them, except that every variable whose name is secret in any
/// scope is left out, so each `{{secret}}` stays as written (and is listed in
/// [`PreparedRequest::unresolved`]) rather than taking its value, or a lower scope's. The
/// keychain is never asked.
pub fn prepare(store: &Store, id: RequestId, options: &Options) -> send::Result<PreparedRequest> {
    prepare_loaded(Context::load_for(store, id, options)?, options)
}

/// [`prepare`] for a loaded `context` (whose request may hold unsaved edits).
pub(crate) fn prepare_loaded(
    mut context: Context,
    options: &Options,
) -> send::Result<PreparedRequest> {
    // A snippet is one HTTP request; a WebSocket request is a conversation.
    if context.request.is_websocket() {
        return Err(crate::http::HttpError::WebSocketRequest {
            url: crate::history::typed_url(&context.request),
        }
        .into());
    }
    // Nor is a gRPC call (framed protobuf over HTTP/2) one a snippet can write.
    if context.request.is_grpc() {
        return Err(crate::http::HttpError::GrpcRequest {
            url: crate::history::typed_url(&context.request),
        }
        .into());
    }
    // Nor a Socket.IO session.
    if context.request.is_socketio() {
        return Err(crate::http::HttpError::SocketIoRequest {
            url: crate::history::typed_url(&context.request),
        }
        .into());
    }
    let env = context.environment.as_mut().map(|e| &mut e.variables);
    let mut scopes = vec![
        &mut context.workspace.globals,
        &mut context.collection.variables,
    ];
    scopes.extend(env);
    let secret: Vec<String> = scopes
        .iter()
        .flat_map(|vars| vars.iter().filter(|v| v.secret).map(|v| v.key.clone()))
        .collect();
    for vars in scopes {
        vars.retain(|v| !secret.contains(&v.key));
    }
    let overrides: Vec<(String, String)> = options
        .overrides
        .iter()
        .filter(|(k, _)| !secret.contains(k))
        .cloned()
        .collect();
    Ok(context.prepare(&overrides)?)
}
