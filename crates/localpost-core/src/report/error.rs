//! What stops a report from being written.

use std::path::PathBuf;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A report file, or the temporary file beside it, could not be made, written or renamed
    /// into place.
    #[error("{}: cannot write the report: {source}", path.display())]
    File {
        /// The report's file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A report written to a stream (the terminal) could not be written.
    #[error("cannot write output: {0}")]
    Write(#[source] std::io::Error),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, ReportError>;
