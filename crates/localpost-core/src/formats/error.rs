//! What can go wrong reading a file of any format (every importer shares this error).

use std::path::PathBuf;

use crate::secrets::SecretsError;
use crate::store::StoreError;

/// Why a file could not be imported. Nothing is written when any file fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A failure inside one file, with the file named.
    #[error("{}: {source}", file.display())]
    InFile {
        /// The file.
        file: PathBuf,
        /// What went wrong in it.
        #[source]
        source: Box<ImportError>,
    },
    /// The text is not JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The YAML cannot be read as a whole, with no one place to blame (an alias bomb past the
    /// repetition limit, nesting past the recursion limit).
    #[error("invalid YAML: {message}")]
    YamlDocument {
        /// What the parser refused.
        message: String,
    },
    /// The text is not YAML.
    #[error("invalid YAML at line {line}, column {column}: {message}")]
    Yaml {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A ZIP archive (a Postman data dump) could not be read or written.
    #[error("{entry}: {message}")]
    Archive {
        /// The entry of the archive (`archive.json`, `collection/<id>.json`), or `(archive)`.
        entry: String,
        /// What went wrong.
        message: String,
    },
    /// The document names a version of its format this version does not read.
    #[error("{path}: unsupported version {found}")]
    UnsupportedVersion {
        /// Where the version is named (`openapi`, `swagger`, `log.version`).
        path: String,
        /// The version.
        found: String,
    },
    /// The file is none of the formats [`crate::formats::parse_any`] reads.
    #[error(
        "not a file Localpost can import (expected a Postman collection, environment, globals or \
         data dump, an OpenAPI or Swagger description, an Insomnia export, a HAR file or curl \
         commands)"
    )]
    UnknownFormat,
    /// A collection with the same Postman id is already in the workspace, and the import was
    /// not told whether to replace it or to import a copy.
    #[error(
        "collection {name} (postman id {postman_id}) is already in this workspace as \
         collection {existing}: choose to replace it or to import it as a copy"
    )]
    Duplicate {
        /// The imported collection's name.
        name: String,
        /// Its `info._postman_id`.
        postman_id: String,
        /// The collection already there.
        existing: crate::model::CollectionId,
    },
    /// The JSON is not shaped as the format requires.
    #[error("{path}: expected {expected}, found {found}")]
    Shape {
        /// Where, as a JSON path such as `item[3].item[0].request.url.query[2]`.
        path: String,
        /// What the format allows there.
        expected: &'static str,
        /// What the file has there (`a string`, `null`, …).
        found: &'static str,
    },
    /// The collection names a schema this version does not read.
    #[error("{path}: unsupported collection schema {found}")]
    UnsupportedSchema {
        /// Where the schema is named (`info.schema`).
        path: String,
        /// The schema.
        found: String,
    },
    /// The JSON is none of the Postman formats.
    #[error(
        "not a Postman collection, environment or globals file (expected `info` and `item`, \
         `values`, or `requests`)"
    )]
    Unrecognised,
    /// curl commands that do not parse.
    #[error(transparent)]
    Curl(#[from] crate::formats::curl::CurlError),
    /// Writing the import failed; nothing was written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A secret variable's value could not be put in the OS keychain; nothing was written.
    #[error("cannot keep the import's secret variables: {0}")]
    Secrets(#[from] SecretsError),
}

impl ImportError {
    /// This error, naming `file` as where it happened.
    pub fn in_file(self, file: impl Into<PathBuf>) -> ImportError {
        match self {
            e @ (ImportError::Read { .. } | ImportError::InFile { .. }) => e,
            e => ImportError::InFile {
                file: file.into(),
                source: Box::new(e),
            },
        }
    }

    /// A JSON syntax error, with its line and column.
    pub(crate) fn json(e: &serde_json::Error) -> ImportError {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        ImportError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

impl ImportError {
    /// A YAML error in `source`, with its line and column: where the parser stopped, or for a
    /// duplicate key (which the parser places at its mapping's start) the line of the second
    /// one. An error with no place (a limit) says so rather than "line 0".
    pub(crate) fn yaml(e: &serde_yaml_ng::Error, source: &str) -> ImportError {
        let text = e.to_string();
        let message = match text.find(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let Some(location) = e.location() else {
            return ImportError::YamlDocument { message };
        };
        let (line, column) = duplicate_key_place(&message, source, location.line())
            .unwrap_or((location.line(), location.column()));
        ImportError::Yaml {
            line,
            column,
            message,
        }
    }
}

/// For "duplicate entry with key \"K\"" reported at the mapping starting on line `from`: the line
/// and column of the second `K:` at the indentation of the first, from there on.
fn duplicate_key_place(message: &str, source: &str, from: usize) -> Option<(usize, usize)> {
    const SAYS: &str = "duplicate entry with key \"";
    let key = message[message.find(SAYS)? + SAYS.len()..].strip_suffix('"')?;
    let mut first_indent = None;
    for (index, line) in source.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let named = trimmed
            .strip_prefix(key)
            .or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            })
            .is_some_and(|rest| rest.trim_start().starts_with(':'));
        if !named {
            continue;
        }
        match first_indent {
            None => first_indent = Some(indent),
            Some(first) if first == indent => return Some((index + 1, indent + 1)),
            Some(_) => {}
        }
    }
    None
}

/// The result type of reading Postman files.
pub type Result<T> = std::result::Result<T, ImportError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_give_line_and_column_once() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,\n  \"b\" 2\n}")
            .expect_err("invalid");
        assert_eq!(
            ImportError::json(&e).to_string(),
            "invalid JSON at line 3, column 7: expected `:`"
        );
    }
}
