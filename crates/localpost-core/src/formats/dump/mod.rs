//! Postman data dumps: the ZIP Postman's "Export data" writes (`archive.json`, an index of
//! ids, with `collection/<id>.json` and `environment/<id>.json`; we also read and write
//! `globals/<id>.json`), and the legacy Chrome-app dump (`{version: 1, collections,
//! environments, globals}`).
//!
//! [`read_zip`] and [`read_legacy`] give one [`Parsed`](super::Parsed) per file,
//! each read by [`postman`](super::postman); [`export_dump`] writes a workspace. Not here:
//! Postman's other dump members (header presets, …) are named in warnings.

mod read;
mod write;

pub use read::{read_legacy, read_zip};
pub use write::export_dump;

use crate::store::StoreError;

/// Why a dump could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DumpError {
    /// Reading the workspace failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the archive failed.
    #[error("cannot write the archive: {0}")]
    Zip(String),
}

impl From<zip::result::ZipError> for DumpError {
    fn from(e: zip::result::ZipError) -> DumpError {
        DumpError::Zip(e.to_string())
    }
}

/// The result type of writing dumps.
pub type Result<T> = std::result::Result<T, DumpError>;
