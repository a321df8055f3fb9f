//! File formats other tools write: reading them into the [`model`](crate::model) and writing the
//! model back out.
//!
//! [`postman`] reads Postman collections (v1, v2.0, v2.1), environments and globals, and writes
//! v2.1 collections, environments and globals. [`dump`] reads and writes Postman data dumps (a
//! ZIP of those files, or the legacy JSON dump). [`curl`] reads curl command lines (bash, cmd
//! and PowerShell quoting) into requests. [`openapi`] reads OpenAPI 3.0/3.1 and Swagger 2.0,
//! [`insomnia`] Insomnia v4 exports and v5 collections, [`har`] HTTP archives, all in JSON or
//! YAML. (Writing a request as a code snippet is [`snippets`](crate::snippets)' job: it renders
//! a prepared request, so it sits beside [`send`](crate::send), not among the file formats.)
//!
//! Every reader gives [`Parsed`] values, imported together by [`import_into`] (or
//! [`parsed::import`]) through [`Store::import`](crate::store::Store::import) in one
//! transaction. [`parse_any`] picks the reader from the content (a ZIP, curl commands, or the
//! shape of the JSON or YAML), and [`import_any`] reads and imports one file: the call an
//! import dialog needs when it does not ask first; [`summarize`] says what an import would
//! write (duplicates and plain-text secrets included) without writing, for a dialog that does.
//! Errors are one [`ImportError`] with the place: the line and column of invalid JSON or YAML,
//! the JSON path of a wrong shape (`paths./pets.get.parameters[2]`); what is read but not used
//! becomes a [`Warning`] in the [`ImportReport`].
//!
//! Each format keeps what the model does not hold in the `extra` maps of the values it
//! creates, under the format's own key (`extra["postman"]`), so that exporting an import gives
//! the file back. This module does not know SQL.

mod any;
pub mod curl;
mod detect;
mod document;
pub mod dump;
pub(crate) mod error;
pub mod har;
pub mod insomnia;
pub(crate) mod node;
pub mod openapi;
pub mod parsed;
pub mod postman;
pub(crate) mod report;
mod summary;

pub(crate) use any::resolve_duplicates;
pub use any::{Duplicate, OnDuplicate, duplicates, import_any, import_into, postman_id};
pub use detect::{Kind, kind_of, parse_any, parse_value};
pub use document::parse_document;
pub use error::ImportError;
pub use parsed::Parsed;
pub use report::{
    ExportReport, Format, ImportReport, ImportedCollection, ImportedEnvironment, Warning, Withheld,
};
pub use summary::{
    DuplicateCollection, IncomingCollection, IncomingEnvironment, Summary, summarize,
};

use std::path::Path;

/// Why a file could not be read by [`import`] or [`import_file`]. Each variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read from disk.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than any file an import reads ([`MAX_FILE`]).
    #[error("{file}: {size} bytes is more than an import reads ({} MiB at most)", MAX_FILE >> 20)]
    TooLarge {
        /// The file.
        file: String,
        /// Its size in bytes.
        size: u64,
    },
    /// The bytes are not UTF-8 text, which every format here is.
    #[error("{file}: not a text file")]
    NotText {
        /// The file.
        file: String,
    },
    /// curl commands that do not parse.
    #[error("{file}: {source}")]
    Curl {
        /// The file.
        file: String,
        /// What is wrong, with its command and place.
        #[source]
        source: curl::CurlError,
    },
    /// A Postman file that does not parse (its message holds the JSON path or line).
    #[error("{file}: {source}")]
    Postman {
        /// The file.
        file: String,
        /// What is wrong, with its place (boxed: the error is large).
        #[source]
        source: Box<postman::ImportError>,
    },
}

impl ReadError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Io { file, .. }
            | ReadError::TooLarge { file, .. }
            | ReadError::NotText { file }
            | ReadError::Curl { file, .. }
            | ReadError::Postman { file, .. } => file,
        }
    }
}

/// Reads one file of any format here, chosen by its content ([`parse_any`]): a Postman data
/// dump, curl commands (a collection named after the file's stem), OpenAPI/Swagger, Insomnia,
/// HAR, or a Postman collection, environment or globals file. Nothing is written: pass the
/// result to [`import_into`].
pub fn import(bytes: &[u8], file_name: &str) -> Result<Vec<Parsed>, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let file = file_name.to_string();
    if !bytes.starts_with(b"PK") && std::str::from_utf8(bytes).is_err() {
        return Err(ReadError::NotText { file });
    }
    parse_any(file_name, bytes).map_err(|source| ReadError::Postman {
        file,
        source: Box::new(source),
    })
}

/// The largest file an import reads: 512 MiB (a guard against a wrong or hostile file filling
/// memory; Postman's own exports of large workspaces stay far below it).
pub const MAX_FILE: u64 = 512 << 20;

/// The bytes of the file at `path`, named `file` in errors: refused without reading past
/// [`MAX_FILE`] (also when it grows while read).
pub fn read_limited(path: &Path, file: &str) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io = |source| ReadError::Io {
        file: file.to_string(),
        source,
    };
    let opened = std::fs::File::open(path).map_err(io)?;
    let size = opened.metadata().map_err(io)?.len();
    let too_large = |size| ReadError::TooLarge {
        file: file.to_string(),
        size,
    };
    if size > MAX_FILE {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    opened
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads the file at `path` and [`import`]s it under its file name.
pub fn import_file(path: &Path) -> Result<Vec<Parsed>, ReadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = read_limited(path, &name)?;
    import(&bytes, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_past_the_limit_is_refused_without_being_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("huge.json");
        let file = std::fs::File::create(&path).expect("created");
        // Sparse: no disk is written, the size is what the check reads.
        file.set_len(MAX_FILE + 1).expect("sized");
        let err = import_file(&path).expect_err("too large");
        assert!(
            matches!(err, ReadError::TooLarge { size, .. } if size == MAX_FILE + 1),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "huge.json: {} bytes is more than an import reads (512 MiB at most)",
                MAX_FILE + 1
            )
        );
    }

    #[test]
    fn import_chooses_by_content() {
        let curl = import(b"curl -X POST https://api.test/x -d a=1", "login.sh").expect("curl");
        let curl = &curl[0];
        assert_eq!(curl.format, postman::Format::Curl);
        assert_eq!(
            curl.collection().map(|c| c.collection.name.as_str()),
            Some("login")
        );
        let json = br#"{"info": {"name": "Users"}, "item": []}"#;
        let coll = &import(json, "users.json").expect("postman")[0];
        assert_eq!(coll.format, postman::Format::CollectionV21);
        let env = &import(br#"{"name": "dev", "values": []}"#, "dev.json").expect("env")[0];
        assert_eq!(env.format, postman::Format::Environment);
    }

    #[test]
    fn errors_name_the_file_and_the_place() {
        let e = import(b"{\n  \"info\": ", "broken.json").expect_err("invalid");
        assert_eq!(e.file(), "broken.json");
        assert!(
            e.to_string()
                .starts_with("broken.json: invalid JSON at line 2"),
            "{e}"
        );
        let e = import(b"curl 'https://x", "a.txt").expect_err("quote");
        assert!(e.to_string().contains("unterminated"), "{e}");
        let e = import(&[0xff, 0xfe, 0x00], "blob.bin").expect_err("binary");
        assert_eq!(e.to_string(), "blob.bin: not a text file");
        let e = import_file(Path::new("/nonexistent/x.json")).expect_err("missing");
        assert!(matches!(e, ReadError::Io { .. }));
    }
}
