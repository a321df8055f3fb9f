//! History's error type. No variant carries request or response data.

use crate::store::StoreError;
use crate::vault::VaultError;

/// What went wrong recording or reading history.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An entry could not be sealed or opened with the installation's data key.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// A stored entry cannot be read back.
    #[error("history entry {id}: {part} cannot be read: {reason}")]
    Corrupt {
        /// The entry.
        id: i64,
        /// `request` or `response`.
        part: &'static str,
        /// What is wrong.
        reason: String,
    },
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, HistoryError>;
