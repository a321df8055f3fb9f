//! The cookie jar's error type. No variant carries a cookie's value.

use crate::store::StoreError;
use crate::vault::VaultError;

/// What went wrong reading, editing or saving a cookie jar.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CookieError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value could not be sealed or opened with the installation's data key.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// A cookie given to add or edit is not one a server could set.
    #[error("invalid cookie {name:?}: {reason}")]
    Invalid {
        /// The cookie's name.
        name: String,
        /// What is wrong.
        reason: &'static str,
    },
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, CookieError>;
