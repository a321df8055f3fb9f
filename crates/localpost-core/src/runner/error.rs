//! What stops a run before or while it runs (failures inside it are results, not errors).

use std::path::PathBuf;

/// Why a run could not start or go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The collection, a request, folder or environment could not be read.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A file given to the run could not be imported.
    #[error(transparent)]
    Import(#[from] crate::formats::postman::ImportError),
    /// A variable given to the run could not be saved in the throwaway store.
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),
    /// A `--folder` names no folder of the collection.
    #[error("unable to find a folder or request: {name}")]
    UnknownFolder {
        /// The name given.
        name: String,
    },
    /// A file holds no collection.
    #[error("{path}: not a collection")]
    NotACollection {
        /// The file.
        path: PathBuf,
    },
    /// An iteration data file could not be read.
    #[error("{path}: {reason}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its place.
        reason: String,
    },
    /// A cookie jar or client certificate list given to the run could not be read.
    #[error("{path}: {reason}")]
    Input {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its place.
        reason: String,
    },
    /// The throwaway store could not be made.
    #[error("cannot make a temporary store: {0}")]
    Scratch(#[source] std::io::Error),
    /// The script sandbox could not start.
    #[error(transparent)]
    Script(#[from] crate::script::ScriptError),
}

/// The result type of this module.
pub type Result<T> = std::result::Result<T, RunError>;
