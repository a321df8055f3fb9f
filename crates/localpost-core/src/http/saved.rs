//! Response bodies the engine saved to a file ([`Payload::file`]): reading them a chunk at a
//! time, and saving any body (held or saved) where the user asks.
//!
//! A caller (the desktop UI) names a saved body by the path the [`Payload`] carried; this module
//! accepts only a file directly inside the engine's body directory whose name the engine gave
//! it (`body-…`), so a path cannot be used to read or copy any other file. It does not decide
//! where a body goes: the caller picked the destination.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::Content;

/// Largest chunk [`read_chunk`] returns, in bytes.
pub const CHUNK_LIMIT: usize = 1024 * 1024;

/// Why a saved body could not be read or a body could not be saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SavedBodyError {
    /// The path is not a body the engine saved (outside its directory, or not its name).
    #[error("{} is not a saved response body", file.display())]
    NotSaved {
        /// The path given.
        file: PathBuf,
    },
    /// Reading the saved body failed.
    #[error("cannot read {}: {source}", file.display())]
    Read {
        /// The saved body.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Writing the destination failed.
    #[error("cannot write {}: {source}", file.display())]
    Write {
        /// The destination.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Results of this module.
pub type Result<T> = std::result::Result<T, SavedBodyError>;

/// A part of a saved body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BodyChunk {
    /// The bytes read, as text when they are UTF-8 (a character cut at the end is left for the
    /// next chunk), else base64.
    pub content: Content,
    /// Where the next chunk starts (bytes from the start of the body).
    #[ts(type = "number")]
    pub next: u64,
    /// Whether this chunk reaches the end of the body.
    pub is_last: bool,
}

/// The saved body `file`, checked to be one the engine wrote into `dir`: canonicalised (so
/// `..` and symbolic links are followed to where they lead), directly inside `dir`, named
/// `body-…`, a regular file. Returns the canonical path, which is what [`read_chunk`],
/// [`read_all`] and [`save`] then open. For a caller that must refuse a path before doing
/// anything else (before showing a save dialog, say).
pub fn check(dir: &Path, file: &Path) -> Result<PathBuf> {
    checked(dir, file)
}

fn checked(dir: &Path, file: &Path) -> Result<PathBuf> {
    let not_saved = || SavedBodyError::NotSaved {
        file: file.to_path_buf(),
    };
    let real = file.canonicalize().map_err(|_| not_saved())?;
    let dir = dir.canonicalize().map_err(|_| not_saved())?;
    let named = real
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("body-"));
    if real.parent() == Some(dir.as_path()) && named && real.is_file() {
        Ok(real)
    } else {
        Err(not_saved())
    }
}

/// Reads up to `limit` bytes (at most [`CHUNK_LIMIT`]) of the saved body `file` from `offset`.
/// `dir` is the engine's body directory ([`Options::body_dir`](super::Options::body_dir)).
pub fn read_chunk(dir: &Path, file: &Path, offset: u64, limit: usize) -> Result<BodyChunk> {
    let path = checked(dir, file)?;
    let read_error = |source| SavedBodyError::Read {
        file: path.clone(),
        source,
    };
    let mut f = std::fs::File::open(&path).map_err(read_error)?;
    let size = f.metadata().map_err(read_error)?.len();
    f.seek(SeekFrom::Start(offset)).map_err(read_error)?;
    let mut bytes = Vec::new();
    let limit = limit.min(CHUNK_LIMIT) as u64;
    f.take(limit).read_to_end(&mut bytes).map_err(read_error)?;
    let end = offset + bytes.len() as u64;
    let is_last = end >= size;
    let content = Content::from_bytes(&bytes, !is_last);
    let used = match &content {
        Content::Text { text } => text.len() as u64,
        Content::Base64 { .. } => bytes.len() as u64,
    };
    Ok(BodyChunk {
        content,
        next: offset + used,
        is_last: is_last && used == bytes.len() as u64,
    })
}

/// The whole of the saved body `file` (checked as by [`read_chunk`]), for the viewer, which
/// indexes it in the core: it never goes to the webview whole.
pub fn read_all(dir: &Path, file: &Path) -> Result<Vec<u8>> {
    let path = checked(dir, file)?;
    std::fs::read(&path).map_err(|source| SavedBodyError::Read { file: path, source })
}

/// The first `limit` bytes of the saved body `file` (checked as by [`read_chunk`]), and whether
/// they are the whole of it.
pub fn read_head(dir: &Path, file: &Path, limit: usize) -> Result<(Vec<u8>, bool)> {
    let path = checked(dir, file)?;
    let read_error = |source| SavedBodyError::Read {
        file: path.clone(),
        source,
    };
    let f = std::fs::File::open(&path).map_err(read_error)?;
    let mut bytes = Vec::new();
    // One byte more than asked tells whether there is more.
    f.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    let is_whole = bytes.len() <= limit;
    bytes.truncate(limit);
    Ok((bytes, is_whole))
}

/// Writes a body to `dest`: a copy of the saved body `file` (checked as by [`read_chunk`])
/// when there is one, else the bytes of `content`. Returns the number of bytes written.
pub fn save(dir: &Path, content: &Content, file: Option<&Path>, dest: &Path) -> Result<u64> {
    let write_error = |source| SavedBodyError::Write {
        file: dest.to_path_buf(),
        source,
    };
    match file {
        Some(file) => {
            let source = checked(dir, file)?;
            std::fs::copy(&source, dest).map_err(write_error)
        }
        None => {
            let bytes = content.to_bytes();
            std::fs::write(dest, &bytes).map_err(write_error)?;
            Ok(bytes.len() as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(dir: &Path, bytes: &[u8]) -> PathBuf {
        let path = dir.join("body-test");
        std::fs::write(&path, bytes).expect("write");
        path
    }

    #[test]
    fn chunks_walk_a_saved_body_without_cutting_characters() {
        let dir = tempfile::tempdir().expect("dir");
        let file = saved(dir.path(), "abé".as_bytes());
        let first = read_chunk(dir.path(), &file, 0, 3).expect("chunk");
        assert_eq!(first.content.as_text(), Some("ab"));
        assert_eq!((first.next, first.is_last), (2, false));
        let rest = read_chunk(dir.path(), &file, first.next, 3).expect("chunk");
        assert_eq!(rest.content.as_text(), Some("é"));
        assert_eq!((rest.next, rest.is_last), (4, true));
    }

    #[test]
    fn only_the_engines_files_can_be_read_or_copied() {
        let dir = tempfile::tempdir().expect("dir");
        let other = tempfile::tempdir().expect("dir");
        let outside = saved(other.path(), b"secret");
        let wrong_name = dir.path().join("notes.txt");
        std::fs::write(&wrong_name, b"x").expect("write");
        for file in [
            outside.as_path(),
            wrong_name.as_path(),
            Path::new("/etc/passwd"),
        ] {
            let e = read_chunk(dir.path(), file, 0, 10).expect_err("refused");
            assert!(matches!(e, SavedBodyError::NotSaved { .. }), "{e}");
        }
        let dotdot = dir.path().join("..").join(other.path()).join("body-test");
        assert!(read_chunk(dir.path(), &dotdot, 0, 10).is_err());
        let dest = dir.path().join("out");
        let held = Content::Text { text: "x".into() };
        assert!(save(dir.path(), &held, Some(&outside), &dest).is_err());
        assert!(!dest.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_body_named_link_leading_out_of_the_directory_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let other = tempfile::tempdir().expect("dir");
        let outside = saved(other.path(), b"secret");
        let link = dir.path().join("body-link");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        let e = check(dir.path(), &link).expect_err("refused");
        assert!(matches!(e, SavedBodyError::NotSaved { .. }), "{e}");
        assert!(read_all(dir.path(), &link).is_err());
        let inside = saved(dir.path(), b"kept");
        let real = dir.path().canonicalize().expect("dir").join("body-test");
        assert_eq!(check(dir.path(), &inside).expect("the engine's"), real);
    }

    #[test]
    fn save_copies_a_saved_body_or_writes_the_held_bytes() {
        let dir = tempfile::tempdir().expect("dir");
        let file = saved(dir.path(), b"\x00\x01whole");
        let dest = dir.path().join("copy.bin");
        let head = Content::Text {
            text: "ignored".into(),
        };
        assert_eq!(
            save(dir.path(), &head, Some(&file), &dest).expect("copy"),
            7
        );
        assert_eq!(std::fs::read(&dest).expect("read"), b"\x00\x01whole");
        let binary = Content::Base64 {
            base64: "/wA=".into(),
        };
        assert_eq!(save(dir.path(), &binary, None, &dest).expect("write"), 2);
        assert_eq!(std::fs::read(&dest).expect("read"), [0xff, 0x00]);
    }
}
