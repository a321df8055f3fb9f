//! File formats other tools write: reading them into the [`model`](crate::model) and writing the
//! model back out.
//!
//! [`postman`] reads Postman collections (v1, v2.0, v2.1), environments and globals, and writes
//! v2.1 collections, environments and globals. [`curl`] reads curl command lines (bash, cmd and
//! PowerShell quoting) into requests, imported through the same [`postman::import`] as a
//! [`postman::Format::Curl`] collection. [`snippets`] writes a request as a curl, HTTPie,
//! Python, JavaScript, Go, Rust, Java, C# or PowerShell snippet. Each format keeps what the
//! model does not hold in the `extra` maps of the values it creates, under the format's own key
//! (`extra["postman"]`), so that exporting an import gives the file back. This module does not
//! know SQL: imports are written through [`Store::import`](crate::store::Store::import) in one
//! transaction.

pub mod curl;
pub mod postman;
pub mod snippets;

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
            | ReadError::NotText { file }
            | ReadError::Curl { file, .. }
            | ReadError::Postman { file, .. } => file,
        }
    }
}

/// Reads one file of any format here, chosen by its content: curl commands (the first word is
/// `curl`) become a collection named after the file's stem, anything else is read as a Postman
/// collection, environment or globals file. Nothing is written: pass the result to
/// [`postman::import`].
pub fn import(bytes: &[u8], file_name: &str) -> Result<postman::Parsed, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let file = file_name.to_string();
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotText { file: file.clone() })?;
    if curl::is_curl(text) {
        let stem = Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| file.clone());
        return match curl::parse(text) {
            Ok(parsed) => Ok(parsed.into_import(file_name, &stem)),
            Err(source) => Err(ReadError::Curl { file, source }),
        };
    }
    postman::parse(file_name, text).map_err(|source| ReadError::Postman {
        file,
        source: Box::new(source),
    })
}

/// Reads the file at `path` and [`import`]s it under its file name.
pub fn import_file(path: &Path) -> Result<postman::Parsed, ReadError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        file: name.clone(),
        source,
    })?;
    import(&bytes, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_chooses_by_content() {
        let curl = import(b"curl -X POST https://api.test/x -d a=1", "login.sh").expect("curl");
        assert_eq!(curl.format, postman::Format::Curl);
        assert_eq!(
            curl.collection().map(|c| c.collection.name.as_str()),
            Some("login")
        );
        let json = br#"{"info": {"name": "Users"}, "item": []}"#;
        let coll = import(json, "users.json").expect("postman");
        assert_eq!(coll.format, postman::Format::CollectionV21);
        let env = import(br#"{"name": "dev", "values": []}"#, "dev.json").expect("env");
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
