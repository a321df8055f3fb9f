//! Exit codes, chosen in one place. Listed in the README.
//!
//! - 0: success; for `send`, a response arrived, whatever its status (a WebSocket opened and
//!   closed with a close frame, whatever its code)
//! - 1: the operation failed (store error, I/O error)
//! - 2: bad usage (clap's own errors, unknown names) or, for `import`, a file that cannot be
//!   used (missing, unreadable, invalid JSON or YAML, wrong shape, unknown format), or a
//!   Postman collection already in the workspace without `--replace`/`--as-copy`: nothing is
//!   imported
//! - 3: `send`: the request failed: it could not be built (invalid URL, method or header,
//!   missing file, auth not supported yet, a vault secret limited to other domains, a
//!   `pm.request` a pre-request script left unreadable) or no
//!   response arrived (connection refused, DNS, TLS, too many redirects, connection lost); for a
//!   WebSocket request, also a refused handshake, an unreadable message file, or a connection
//!   that dropped without a close frame
//!   For a gRPC request, also descriptors that cannot be loaded (a `.proto` error, reflection
//!   refused), an unknown method, a message that is not valid JSON for its type, or a call
//!   that ended with a status other than `OK`
//! - 4: `send`: the request (for a WebSocket, its handshake) timed out; for a gRPC request, the
//!   call ended with `DEADLINE_EXCEEDED`
//! - 5: `send`: a response arrived, but a test failed or a script stopped with an error
//!
//! `run` uses newman's codes instead: 1 when a test failed, a script stopped with an error, a
//! request got no response, or a file or option given cannot be used (0 with `-x`), 2 for
//! arguments clap rejects, 130 when Ctrl-C interrupted it (no report is written).

use std::process::ExitCode;

use localpost_core::formats::postman::ImportError;
use localpost_core::http::HttpError;
use localpost_core::http::grpc::GrpcError;
use localpost_core::http::websocket::WebSocketError;
use localpost_core::secrets::SecretsError;
use localpost_core::send::SendError;
use localpost_core::store::StoreError;

/// A failure with the exit code it maps to.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: u8,
    /// One-line message, without the `error:` prefix.
    pub message: String,
}

impl Failure {
    /// A test failed or a script stopped with an error: exit 5. Everything was printed.
    pub fn scripts(message: impl Into<String>) -> Self {
        Failure {
            code: 5,
            message: message.into(),
        }
    }

    /// Exit with `code` and no message: the reports have said everything.
    pub fn quiet(code: u8) -> Self {
        Failure {
            code,
            message: String::new(),
        }
    }

    /// Bad usage: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// An input file that cannot be used: exit 2, as bad usage.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Failure::usage(message)
    }

    /// The operation failed: exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// The exit code as a process exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure {
            code: 1,
            message: e.to_string(),
        }
    }
}

impl From<SecretsError> for Failure {
    fn from(e: SecretsError) -> Self {
        let code = match e {
            SecretsError::InvalidName { .. } | SecretsError::NotFound { .. } => 2,
            _ => 1,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

impl From<HttpError> for Failure {
    fn from(e: HttpError) -> Self {
        let code = match e {
            HttpError::Timeout { .. } => 4,
            _ => 3,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

impl From<SendError> for Failure {
    fn from(e: SendError) -> Self {
        match e {
            SendError::Store(e) => e.into(),
            SendError::Http(e) => e.into(),
            // A socket that could not open fails as its handshake's request would.
            SendError::WebSocket(WebSocketError::Http(e)) => e.into(),
            SendError::WebSocket(e) => Failure {
                code: 3,
                message: e.to_string(),
            },
            // A call that could not be made fails as a request that could not be built or sent.
            SendError::Grpc(GrpcError::Http(e)) => e.into(),
            SendError::Grpc(e) => Failure {
                code: 3,
                message: e.to_string(),
            },
            // Refused before anything was sent, like a request that cannot be built.
            SendError::Secrets(e @ SecretsError::DomainNotAllowed { .. }) => Failure {
                code: 3,
                message: e.to_string(),
            },
            SendError::Secrets(e) => e.into(),
            e @ (SendError::InvalidWithVault { .. }
            | SendError::InvalidWithSecrets { .. }
            | SendError::ScriptedRequest { .. }) => Failure {
                code: 3,
                message: e.to_string(),
            },
            other => Failure::failed(other.to_string()),
        }
    }
}

impl From<localpost_core::cookies::CookieError> for Failure {
    fn from(e: localpost_core::cookies::CookieError) -> Self {
        use localpost_core::cookies::CookieError;
        match e {
            CookieError::Store(e) => e.into(),
            e @ CookieError::Invalid { .. } => Failure::usage(e.to_string()),
            other => Failure::failed(other.to_string()),
        }
    }
}

impl From<localpost_core::history::HistoryError> for Failure {
    fn from(e: localpost_core::history::HistoryError) -> Self {
        match e {
            localpost_core::history::HistoryError::Store(e) => e.into(),
            other => Failure::failed(other.to_string()),
        }
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(e) => e.into(),
            // The keychain failed, not the file: exit 1 like any other keychain failure.
            e @ ImportError::Secrets(_) => Failure {
                code: 1,
                message: e.to_string(),
            },
            other => Failure::bad_input(other.to_string()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure {
            code: 1,
            message: format!("cannot write output: {e}"),
        }
    }
}
