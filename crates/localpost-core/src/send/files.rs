//! [`FileAccess`]: where the files a send reads (a form-data file, a binary body's file, and in
//! the app the certificate files of its settings) are looked for, and whether one outside that
//! directory may be read (newman's `--working-dir` and `--no-insecure-file-read`; Postman's
//! working directory, with the files the user chose in the app's dialog).
//!
//! Paths are resolved and checked here, before the send; the engine reads them. This module
//! does not read files (it asks the file system where a path really leads, so that a link
//! inside the working directory cannot lead a send outside it).

use std::path::{Component, Path, PathBuf};

use crate::http::{
    HttpError, Identity, PartContent, PreparedBody, PreparedGrpc, PreparedMessage, Settings,
};
use crate::model::{FileReads, ProtoSource};

/// newman's message for a file outside the working directory.
const OUTSIDE: &str = "PPERM: insecure file access outside working directory";

/// What the app adds to a refusal: how the user can allow the file.
const APP_HINT: &str = "choose the file with \"Choose file…\" beside its field, move it into \
    the working directory, or allow reading outside it in Preferences → Files";

/// Where relative file paths resolve, and whether files outside may be read.
///
/// The default resolves against the process's current directory and reads any file, as a
/// lone send does.
#[derive(Debug, Clone, Default)]
pub struct FileAccess {
    /// The directory relative paths resolve against; `None` for the current directory.
    pub working_dir: Option<PathBuf>,
    /// Refuse files outside the working directory (after `..` and links are resolved). With
    /// no working directory, every file is outside.
    pub is_outside_refused: bool,
    /// Files read wherever they are (those the user chose in the app's file dialog).
    pub allowed: Vec<PathBuf>,
    /// Check the certificate files of the settings too (the CA file, client certificates and
    /// keys), as the app does; newman does not.
    pub is_certificates_checked: bool,
    /// Said after the reason of a refusal: how to allow the file.
    pub hint: Option<String>,
}

impl FileAccess {
    /// What the app's sends and runs read, after the user's [`FileReads`].
    pub fn of_app(reads: &FileReads) -> FileAccess {
        FileAccess {
            working_dir: reads.working_dir.as_ref().map(PathBuf::from),
            is_outside_refused: !reads.read_outside,
            allowed: reads.chosen.iter().map(PathBuf::from).collect(),
            is_certificates_checked: true,
            hint: Some(APP_HINT.to_owned()),
        }
    }

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

    /// Resolves the files of a WebSocket request's binary messages in place, as body files.
    pub(crate) fn resolve_messages(
        &self,
        messages: &mut Option<Vec<PreparedMessage>>,
    ) -> Result<(), HttpError> {
        if self.working_dir.is_none() && !self.is_outside_refused {
            return Ok(());
        }
        for (index, message) in messages.iter_mut().flatten().enumerate() {
            if let PreparedMessage::Binary(path) = message {
                self.resolve_one(path, format!("message {}", index + 1))?;
            }
        }
        Ok(())
    }

    /// Resolves the `.proto` files and import paths of a gRPC request in place, as body files.
    pub(crate) fn resolve_grpc(&self, grpc: &mut Option<PreparedGrpc>) -> Result<(), HttpError> {
        if self.working_dir.is_none() && !self.is_outside_refused {
            return Ok(());
        }
        if let Some(PreparedGrpc {
            source:
                ProtoSource::Files {
                    files,
                    import_paths,
                },
            ..
        }) = grpc
        {
            for (index, file) in files.iter_mut().enumerate() {
                let mut path = PathBuf::from(&*file);
                self.resolve_one(&mut path, format!("proto file {}", index + 1))?;
                *file = path.display().to_string();
            }
            for (index, dir) in import_paths.iter_mut().enumerate() {
                let mut path = PathBuf::from(&*dir);
                self.resolve_one(&mut path, format!("import path {}", index + 1))?;
                *dir = path.display().to_string();
            }
        }
        Ok(())
    }

    /// Checks (and, relative ones, resolves) the certificate files of `settings` when
    /// [`FileAccess::is_certificates_checked`]; a refused one is an [`HttpError::File`].
    pub(crate) fn resolve_settings(&self, settings: &mut Settings) -> Result<(), HttpError> {
        if !self.is_certificates_checked {
            return Ok(());
        }
        if let Some(ca) = &mut settings.ca_certificates {
            self.resolve_one(ca, "CA certificates".into())?;
        }
        for cert in &mut settings.client_certificates {
            let field = format!("client certificate for {}", cert.host);
            match &mut cert.identity {
                Identity::Pem { cert, key, .. } => {
                    self.resolve_one(cert, field.clone())?;
                    if !key.as_os_str().is_empty() {
                        self.resolve_one(key, format!("{field} (key)"))?;
                    }
                }
                Identity::Pkcs12 { file, .. } => self.resolve_one(file, field)?,
            }
        }
        Ok(())
    }

    fn resolve_one(&self, path: &mut PathBuf, field: String) -> Result<(), HttpError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let dir = normalise(&cwd.join(self.working_dir.as_deref().unwrap_or(Path::new(""))));
        let resolved = normalise(&dir.join(&*path));
        if self.is_outside_refused {
            let inside = self.working_dir.is_some() && within(&resolved, &dir);
            let allowed = self
                .allowed
                .iter()
                .any(|a| same_file(&normalise(&cwd.join(a)), &resolved));
            if !inside && !allowed {
                let reason = match &self.hint {
                    Some(hint) => format!("{OUTSIDE} ({hint})"),
                    None => OUTSIDE.to_owned(),
                };
                return Err(HttpError::File {
                    field,
                    path: path.clone(),
                    reason,
                });
            }
        }
        *path = resolved;
        Ok(())
    }
}

/// Whether `path` is inside `dir`, both as written and where links lead (a path that does not
/// exist yet is judged as written; the send then fails to read it).
fn within(path: &Path, dir: &Path) -> bool {
    if !path.starts_with(dir) {
        return false;
    }
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(real), Ok(real_dir)) => real.starts_with(real_dir),
        (Err(_), _) => true,
        (Ok(_), Err(_)) => false,
    }
}

/// Whether `a` and `b` name the same file, as written or where links lead.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(x), Ok(y)) if x == y
        )
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
            ..FileAccess::default()
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

    #[test]
    fn a_link_inside_the_working_dir_cannot_lead_outside() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("work");
        std::fs::create_dir(&dir).expect("dir");
        std::fs::write(root.path().join("secret"), "s").expect("secret");
        std::fs::write(dir.join("plain"), "p").expect("plain");
        std::os::unix::fs::symlink(root.path().join("secret"), dir.join("link")).expect("link");
        let access = access(dir.to_str().expect("UTF-8"), true);
        access
            .resolve(&mut PreparedBody::File("plain".into()))
            .expect("a file inside");
        let e = access
            .resolve(&mut PreparedBody::File("link".into()))
            .expect_err("the link leads outside");
        assert!(e.to_string().contains("outside working directory"), "{e}");
    }

    #[test]
    fn the_app_reads_the_working_dir_and_chosen_files_only() {
        let root = tempfile::tempdir().expect("temp dir");
        let chosen = root.path().join("chosen.bin");
        let other = root.path().join("other.bin");
        let reads = FileReads {
            working_dir: None,
            read_outside: false,
            chosen: vec![chosen.to_string_lossy().into_owned()],
        };
        let app = FileAccess::of_app(&reads);
        app.resolve(&mut PreparedBody::File(chosen.clone()))
            .expect("a chosen file");
        let e = app
            .resolve(&mut PreparedBody::File(other.clone()))
            .expect_err("not chosen, and no working directory");
        assert!(e.to_string().contains("Preferences → Files"), "{e}");
        let e = app
            .resolve(&mut PreparedBody::File("relative.bin".into()))
            .expect_err("no working directory to resolve against");
        assert!(e.to_string().contains("relative.bin"), "{e}");
        let open = FileAccess::of_app(&FileReads {
            read_outside: true,
            ..reads
        });
        open.resolve(&mut PreparedBody::File(other))
            .expect("reading outside allowed");
    }

    #[test]
    fn the_app_checks_certificate_files_and_newman_does_not() {
        let mut settings = Settings {
            ca_certificates: Some("/etc/ssl/private/ca.pem".into()),
            ..Settings::default()
        };
        let app = FileAccess::of_app(&FileReads {
            working_dir: Some("/work/dir".into()),
            ..FileReads::default()
        });
        let e = app
            .resolve_settings(&mut settings.clone())
            .expect_err("outside");
        assert!(
            e.to_string()
                .starts_with("CA certificates: cannot read file"),
            "{e}"
        );
        let newman = access("/work/dir", true);
        newman
            .resolve_settings(&mut settings)
            .expect("newman's rule is for bodies only");
        assert_eq!(
            settings.ca_certificates.as_deref(),
            Some(Path::new("/etc/ssl/private/ca.pem"))
        );
    }

    #[test]
    fn websocket_message_files_follow_the_same_rule() {
        let mut messages = Some(vec![
            PreparedMessage::Text("hi".into()),
            PreparedMessage::Binary("../secret.bin".into()),
        ]);
        let e = access("/work/dir", true)
            .resolve_messages(&mut messages.clone())
            .expect_err("outside");
        assert!(
            e.to_string().starts_with("message 2: cannot read file"),
            "{e}"
        );
        access("/work/dir", false)
            .resolve_messages(&mut messages)
            .expect("allowed");
        assert!(matches!(
            &messages.as_deref().unwrap_or_default()[1],
            PreparedMessage::Binary(p) if p == Path::new("/work/secret.bin")
        ));
    }
}
