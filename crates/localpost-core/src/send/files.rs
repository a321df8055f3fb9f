//! [`FileAccess`]: where the files a body names (a form-data file, a binary body's file) are
//! looked for, and whether one outside that directory may be read (newman's `--working-dir`
//! and `--no-insecure-file-read`).
//!
//! Paths are resolved and checked here, before the send; the engine reads them. This module
//! does not read files.

use std::path::{Component, Path, PathBuf};

use crate::http::{HttpError, PartContent, PreparedBody};

/// newman's message for a file outside the working directory.
const OUTSIDE: &str = "PPERM: insecure file access outside working directory";

/// Where relative body file paths resolve, and whether files outside may be read.
///
/// The default resolves against the process's current directory and reads any file, as a
/// lone send does.
#[derive(Debug, Clone, Default)]
pub struct FileAccess {
    /// The directory relative paths resolve against; `None` for the current directory.
    pub working_dir: Option<PathBuf>,
    /// Refuse files outside the working directory (after `..` is resolved).
    pub is_outside_refused: bool,
}

impl FileAccess {
    /// Resolves the file paths of `body` in place; a refused file is an
    /// [`HttpError::File`] naming the field and the path, and nothing is sent.
    pub(crate) fn resolve(&self, body: &mut PreparedBody) -> Result<(), HttpError> {
        if self.working_dir.is_none() && !self.is_outside_refused {
            return Ok(());
        }
        match body {
            PreparedBody::File(path) => self.resolve_one(path, "body (binary)".into()),
            PreparedBody::Multipart { parts, .. } => {
                for part in parts {
                    if let PartContent::File(path) = &mut part.content {
                        self.resolve_one(path, format!("form part \"{}\"", part.name))?;
                    }
                }
                Ok(())
            }
            PreparedBody::None | PreparedBody::Bytes(_) => Ok(()),
        }
    }

    fn resolve_one(&self, path: &mut PathBuf, field: String) -> Result<(), HttpError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let dir = normalise(&cwd.join(self.working_dir.as_deref().unwrap_or(Path::new(""))));
        let resolved = normalise(&dir.join(&*path));
        if self.is_outside_refused && !resolved.starts_with(&dir) {
            return Err(HttpError::File {
                field,
                path: path.clone(),
                reason: OUTSIDE.into(),
            });
        }
        *path = resolved;
        Ok(())
    }
}

/// `path` with `.` and `..` resolved lexically, as Node's `path.resolve` does (symbolic links
/// are not followed).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Part;

    fn access(dir: &str, refused: bool) -> FileAccess {
        FileAccess {
            working_dir: Some(dir.into()),
            is_outside_refused: refused,
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_working_dir() {
        let mut body = PreparedBody::File("a/../b.bin".into());
        access("/work/dir", true)
            .resolve(&mut body)
            .expect("inside");
        assert!(matches!(&body, PreparedBody::File(p) if p == Path::new("/work/dir/b.bin")));
    }

    #[test]
    fn a_file_outside_is_refused_only_when_asked() {
        let part = Part {
            name: "avatar".into(),
            content: PartContent::File("../secret.txt".into()),
            content_type: None,
        };
        let mut body = PreparedBody::Multipart {
            boundary: "b".into(),
            parts: vec![part],
        };
        let e = access("/work/dir", true)
            .resolve(&mut body.clone())
            .expect_err("outside");
        assert_eq!(
            e.to_string(),
            "form part \"avatar\": cannot read file ../secret.txt: PPERM: insecure file access \
             outside working directory"
        );
        access("/work/dir", false)
            .resolve(&mut body)
            .expect("allowed");
        let PreparedBody::Multipart { parts, .. } = &body else {
            panic!("still multipart")
        };
        assert!(
            matches!(&parts[0].content, PartContent::File(p) if p == Path::new("/work/secret.txt"))
        );
    }
}
