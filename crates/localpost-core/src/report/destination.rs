//! [`Destination`]: a report file written whole or not at all, and where newman puts one.
//!
//! A report is written to a temporary file beside its path and renamed onto it when complete,
//! so a run that stops (an error, a crash) never leaves half a report where the old one was.
//! Reports that must list every request ([`json`](super::json), [`html`](super::html)) spool
//! them to a second temporary file beside it ([`Spool`]) as the run goes, and copy them in at
//! the end: memory stays flat however long the run.

use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::NamedTempFile;

use super::{ReportError, Result};

/// A report file being written. Dropped without [`Destination::commit`], it leaves nothing.
#[derive(Debug)]
pub struct Destination {
    path: PathBuf,
    file: BufWriter<NamedTempFile>,
}

impl Destination {
    /// Starts writing the report that will be at `path` (its directory made if missing).
    pub fn create(path: &Path) -> Result<Destination> {
        let dir = directory_of(path, true)?;
        let file = temp_in(path, &dir, "part")?;
        Ok(Destination {
            path: path.to_owned(),
            file: BufWriter::new(file),
        })
    }

    /// Where the report will be.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A temporary file beside the report, for what is written before the report's start is
    /// known.
    pub fn spool(&self) -> Result<Spool> {
        let dir = directory_of(&self.path, false)?;
        let file = temp_in(&self.path, &dir, "spool")?;
        Ok(Spool {
            path: self.path.clone(),
            file: BufWriter::new(file),
            is_empty: true,
        })
    }

    /// The error of an I/O failure on this report.
    pub(crate) fn error(&self, source: io::Error) -> ReportError {
        ReportError::File {
            path: self.path.clone(),
            source,
        }
    }

    /// Copies what `spool` holds into the report.
    pub fn append(&mut self, spool: Spool) -> Result<()> {
        let mut file = spool
            .file
            .into_inner()
            .map_err(|e| self.error(e.into_error()))?;
        file.rewind().map_err(|e| self.error(e))?;
        io::copy(&mut file, &mut self.file).map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Puts the complete report in place (replacing any file there) and gives its path.
    pub fn commit(self) -> Result<PathBuf> {
        let Destination { path, file } = self;
        let error = |source| ReportError::File {
            path: path.clone(),
            source,
        };
        let file = file.into_inner().map_err(|e| error(e.into_error()))?;
        file.as_file().sync_all().map_err(error)?;
        file.persist(&path).map_err(|e| error(e.error))?;
        Ok(path)
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A temporary file beside a report, deleted when dropped.
#[derive(Debug)]
pub struct Spool {
    path: PathBuf,
    file: BufWriter<NamedTempFile>,
    is_empty: bool,
}

impl Spool {
    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.is_empty
    }

    /// The error of an I/O failure on this spool's report.
    pub(crate) fn error(&self, source: io::Error) -> ReportError {
        ReportError::File {
            path: self.path.clone(),
            source,
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.is_empty &= buf.is_empty();
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The directory `path` goes in, made if `make`.
fn directory_of(path: &Path, make: bool) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    if make {
        std::fs::create_dir_all(&dir).map_err(|source| ReportError::File {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(dir)
}

/// A hidden temporary file in `dir` named after `path`: `.report.json.part-XXXXXX`.
fn temp_in(path: &Path, dir: &Path, kind: &str) -> Result<NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (prefix, suffix) = (format!(".{name}."), format!(".{kind}"));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(&suffix);
    // A report is an ordinary file (0666 less the umask, as newman's), not a private one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(dir)
        .map_err(|source| ReportError::File {
            path: path.to_owned(),
            source,
        })
}

/// Where newman writes a report: `given`, or inside it when it is a directory, or else
/// `newman/newman-run-report-<time>.<extension>`, `<time>` being the UTC time as
/// `2026-12-06-05-14-14-123-0` (newman's ISO time with each run of non-digits made `-`).
pub fn export_path(given: Option<&Path>, extension: &str, now: SystemTime) -> PathBuf {
    let name = format!("newman-run-report-{}.{extension}", timestamp(now));
    match given {
        Some(path) if path.is_dir() => path.join(name),
        Some(path) => path.to_owned(),
        None => Path::new("newman").join(name),
    }
}

/// newman's file timestamp: `2026-12-06-05-14-14-123-0`.
fn timestamp(now: SystemTime) -> String {
    let t = time::OffsetDateTime::from(now);
    format!(
        "{:04}-{:02}-{:02}-{:02}-{:02}-{:02}-{:03}-0",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn newmans_default_name() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_millis(1_796_534_054_123);
        let path = export_path(None, "xml", at);
        assert_eq!(
            path,
            Path::new("newman/newman-run-report-2026-12-06-05-14-14-123-0.xml")
        );
    }

    #[test]
    fn a_report_appears_whole_on_commit_and_not_at_all_when_dropped() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out/report.txt");
        let mut report = Destination::create(&path).expect("created");
        let mut spool = report.spool().expect("spool");
        write!(spool, "middle").expect("spooled");
        write!(report, "start ").expect("written");
        report.append(spool).expect("appended");
        assert!(!path.exists(), "nothing in place before commit");
        report.commit().expect("committed");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "start middle"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("out"))
                .expect("ls")
                .count(),
            1
        );

        let other = dir.path().join("out/dropped.txt");
        let mut dropped = Destination::create(&other).expect("created");
        write!(dropped, "half").expect("written");
        drop(dropped);
        assert!(!other.exists());
        assert_eq!(
            std::fs::read_dir(dir.path().join("out"))
                .expect("ls")
                .count(),
            1
        );
    }
}
