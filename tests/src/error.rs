//! The harness's error type.

use fantoccini::error::{CmdError, NewSessionError};

/// Why an end-to-end step failed.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The environment is not set up for the tests (missing tool, binary or display).
    #[error("{0}")]
    Setup(String),
    /// `tauri-driver` did not come up or refused the session.
    #[error("cannot start a WebDriver session: {0}")]
    Session(Box<NewSessionError>),
    /// A WebDriver command failed.
    #[error("webdriver command failed: {0}")]
    WebDriver(Box<CmdError>),
    /// A condition did not hold in time.
    #[error("timed out after {seconds}s waiting for {what}")]
    Timeout {
        /// What was awaited, in words.
        what: String,
        /// How long.
        seconds: u64,
    },
    /// The app showed something other than what the test expected.
    #[error("{0}")]
    Unexpected(String),
    /// A file or process operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

// Boxed: fantoccini's errors are large, and every step returns this type.
impl From<NewSessionError> for HarnessError {
    fn from(error: NewSessionError) -> Self {
        HarnessError::Session(Box::new(error))
    }
}

impl From<CmdError> for HarnessError {
    fn from(error: CmdError) -> Self {
        HarnessError::WebDriver(Box::new(error))
    }
}

impl HarnessError {
    /// Wraps an I/O error with what was being done, for `map_err`.
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> HarnessError {
        let context = context.into();
        move |source| HarnessError::Io { context, source }
    }
}

/// The harness's result type.
pub type Result<T> = std::result::Result<T, HarnessError>;
