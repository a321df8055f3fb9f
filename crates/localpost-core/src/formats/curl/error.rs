//! [`CurlError`]: why a text could not be read as curl commands, and where.

/// Why `formats::curl::parse` failed. Each variant names the command (from 1, in the order
/// the text holds them) and the place in it: a line and column (from 1) or an option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurlError {
    /// The text holds no command at all (only blanks and comments).
    #[error("no curl command found")]
    Empty,
    /// A quote opened and never closed.
    #[error("command {command}: unterminated {quote} quote opened at line {line}, column {column}")]
    UnterminatedQuote {
        /// Which command, from 1.
        command: usize,
        /// The quote as written (`'`, `"`, `$'`).
        quote: String,
        /// Line of the opening quote, from 1.
        line: usize,
        /// Column of the opening quote, from 1 (in characters).
        column: usize,
    },
    /// A command that does not start with `curl`.
    #[error("command {command}: expected `curl`, found `{found}`")]
    NotCurl {
        /// Which command, from 1.
        command: usize,
        /// The first word found instead.
        found: String,
    },
    /// An option that takes an argument came last.
    #[error("command {command}: option {option} is missing its argument")]
    MissingArgument {
        /// Which command, from 1.
        command: usize,
        /// The option as written (`-H`, `--data`).
        option: String,
    },
    /// An option's argument cannot be used.
    #[error("command {command}: option {option}: {reason}")]
    InvalidArgument {
        /// Which command, from 1.
        command: usize,
        /// The option as written.
        option: String,
        /// What is wrong with it, lower-case.
        reason: String,
    },
    /// A command with no URL.
    #[error("command {command}: no URL")]
    NoUrl {
        /// Which command, from 1.
        command: usize,
    },
}

/// Results of `formats::curl`.
pub type Result<T> = std::result::Result<T, CurlError>;
