//! The vault's error type. No variant ever carries a secret value.

/// What went wrong with the keychain or with sealing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// No usable keychain: no Secret Service on the session bus, or the platform has none.
    #[error(
        "the OS keychain is not available ({reason}); on Linux start a Secret Service such as gnome-keyring and unlock it"
    )]
    Unavailable {
        /// The keychain's own words.
        reason: String,
    },
    /// The keychain is there but locked or refused access.
    #[error("the OS keychain refused access to {account} ({reason}); unlock it and try again")]
    Locked {
        /// The entry asked for.
        account: String,
        /// The keychain's own words.
        reason: String,
    },
    /// Any other keychain failure.
    #[error("keychain entry {account}: {reason}")]
    Keychain {
        /// The entry asked for.
        account: String,
        /// The keychain's own words.
        reason: String,
    },
    /// The data key in the keychain is not one this version wrote.
    #[error("the data key in the keychain is malformed; sealed data cannot be opened")]
    BadKey,
    /// A sealed value was opened with another key than the one that sealed it.
    #[error(
        "sealed data was written with data key {found}, but the keychain holds key {current}; sealed data cannot be opened"
    )]
    WrongKey {
        /// The key id in the sealed value.
        found: u32,
        /// The key id in the keychain.
        current: u32,
    },
    /// A sealed value failed authentication: corrupt, truncated or moved to another field.
    #[error("sealed data for {context} is corrupt or was tampered with")]
    Tampered {
        /// The context it was opened in.
        context: String,
    },
    /// The vault file's passphrase is wrong (or the file was altered).
    #[error("wrong passphrase for vault file {path}, or the file was altered")]
    WrongPassphrase {
        /// The vault file.
        path: std::path::PathBuf,
    },
    /// The vault file cannot be read or written.
    #[error("vault file {path}: {reason}")]
    File {
        /// The vault file.
        path: std::path::PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The random source failed.
    #[error("the system random source failed")]
    Random,
}

/// The vault's result type.
pub type Result<T> = std::result::Result<T, VaultError>;
