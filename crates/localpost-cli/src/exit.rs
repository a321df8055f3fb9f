//! Exit codes, chosen in one place. Listed in the README.
//!
//! - 0: success
//! - 1: the operation failed (store error, I/O error)
//! - 2: bad usage (clap's own errors, unknown names)

use std::process::ExitCode;

use localpost_core::secrets::SecretsError;
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
    /// Bad usage: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
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

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure {
            code: 1,
            message: format!("cannot write output: {e}"),
        }
    }
}
