//! The store's error type.

use std::path::PathBuf;

/// What went wrong reading or writing the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("cannot create data directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The SQLite file could not be opened or configured.
    #[error("cannot open store {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a newer Localpost.
    #[error(
        "store {path} has schema version {found}, newer than this Localpost supports ({supported}); update Localpost to open it"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this binary knows.
        supported: i64,
    },
    /// A migration failed; the file is left at the previous version.
    #[error("migration to schema version {version} failed: {source}")]
    Migration {
        /// The version being migrated to.
        version: i64,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A row holds data this version cannot read.
    #[error("{table} row {id}: column {column} holds invalid data: {reason}")]
    Corrupt {
        /// Table name.
        table: &'static str,
        /// Row id.
        id: i64,
        /// Column name.
        column: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// No row with that id.
    #[error("{what} {id} not found")]
    NotFound {
        /// What was looked up (`request`, `folder`, …).
        what: &'static str,
        /// The id.
        id: i64,
    },
    /// A name was empty or only blanks.
    #[error("{what} name must not be empty")]
    EmptyName {
        /// What was being named.
        what: &'static str,
    },
    /// A move or reorder that would break the tree.
    #[error("cannot move {what} {id}: {reason}")]
    InvalidMove {
        /// What was moved.
        what: &'static str,
        /// Its id.
        id: i64,
        /// Why not.
        reason: &'static str,
    },
    /// A secret variable still held its value on its way into the store.
    #[error(
        "variable {key} is secret: its value must go to the OS keychain, not the store (nothing was written)"
    )]
    PlainSecret {
        /// The variable's name.
        key: String,
    },
    /// A credential typed into auth settings cannot be written plain, and no data key is at
    /// hand to seal it.
    #[error(
        "cannot store {field}: credentials are sealed with the data key in the OS keychain, and none is available (nothing was written)"
    )]
    NoSealer {
        /// The auth field, e.g. `auth.password`.
        field: String,
    },
    /// Sealing (or re-sealing) a credential failed.
    #[error("cannot seal {field}: {source}")]
    Seal {
        /// The auth field.
        field: String,
        /// The vault's error.
        #[source]
        source: crate::vault::VaultError,
    },
    /// A sealed credential cannot be opened: the data key is missing or another one.
    #[error(
        "{table} row {id}, {field}: sealed data cannot be opened ({source}); `localpost vault wipe-sealed` empties sealed fields and keeps the rest"
    )]
    Unsealable {
        /// The table.
        table: &'static str,
        /// The row.
        id: i64,
        /// The auth field.
        field: String,
        /// The vault's error.
        #[source]
        source: crate::vault::VaultError,
    },
    /// A collection meant to be new has the Postman id of one already in the workspace: another
    /// writer imported it after the caller looked. Nothing was written.
    #[error(
        "collection {name} (postman id {postman_id}) is already in this workspace as \
         collection {existing}: choose to replace it or to import it as a copy"
    )]
    DuplicateCollection {
        /// The imported collection's name.
        name: String,
        /// Its `info._postman_id`.
        postman_id: String,
        /// The collection already there.
        existing: crate::model::CollectionId,
    },
    /// The disk holding the store is full: the transaction was rolled back.
    #[error("the disk holding {path} is full: the change was not saved (the store is as it was)")]
    DiskFull {
        /// The store file.
        path: PathBuf,
    },
    /// The store cannot be written (a read-only file system, a file without write
    /// permission).
    #[error(
        "cannot write to the store {path}: {reason}; Localpost needs a writable data directory"
    )]
    NotWritable {
        /// The store file.
        path: PathBuf,
        /// What the system said (`Read-only file system (os error 30)`).
        reason: String,
    },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, StoreError>;
