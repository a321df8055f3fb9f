//! The past runs' error type. No variant carries request or response data.

use crate::store::StoreError;
use crate::vault::VaultError;

/// What went wrong recording or reading a past run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunsError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The run could not start or go on.
    #[error(transparent)]
    Run(#[from] crate::runner::RunError),
    /// A run's results could not be sealed or opened with the installation's data key.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// A stored run's results cannot be read back.
    #[error("run {id}: its results cannot be read: {reason}")]
    Corrupt {
        /// The run.
        id: i64,
        /// What is wrong.
        reason: String,
    },
    /// No finished run of this session has that id (reports are made from runs of this
    /// session only: past runs keep no full result).
    #[error("run {id}: no full result in memory to report from")]
    NotInMemory {
        /// The run.
        id: i64,
    },
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, RunsError>;
