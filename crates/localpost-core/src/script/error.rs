//! [`ScriptError`]: the sandbox itself failed. A script that throws, times out or runs out of
//! memory is not one of these: it gives an [`Outcome`](super::Outcome) with a failure.

/// The sandbox could not boot or broke while running a script.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// postman-sandbox's boot code did not start.
    #[error("the script sandbox did not start: {message}")]
    Boot {
        /// What failed.
        message: String,
    },
    /// The sandbox sent or did something the host does not understand.
    #[error("the script sandbox broke: {message}")]
    Protocol {
        /// What went wrong.
        message: String,
    },
    /// The interpreter was stopped at the time limit.
    #[error("the script was stopped: {message}")]
    Interrupted {
        /// The engine's message.
        message: String,
    },
    /// The interpreter ran out of memory outside any script.
    #[error("the script sandbox ran out of memory")]
    OutOfMemory,
}

/// The script module's result.
pub type Result<T> = std::result::Result<T, ScriptError>;
