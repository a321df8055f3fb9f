//! The SQLite store: the one place that knows SQL.
//!
//! [`Store`] owns one connection to one file, in WAL mode with foreign keys on. Every write runs
//! in a transaction; reads of JSON columns that cannot be decoded fail with
//! [`StoreError::Corrupt`] naming the table, row and column rather than falling back to a default.
//! Repository functions are grouped per aggregate (workspaces, collections, the folder/request
//! tree, environments); [`Store::import`] writes a whole [`ImportBundle`] in one transaction.
//! This module does not know about HTTP, scripts, secrets or file formats.

mod codec;
mod collections;
mod cookies;
mod drafts;
mod duplicate;
mod environments;
mod error;
mod examples;
mod graphql_schemas;
mod history;
mod import;
mod items;
mod migrations;
mod order;
mod preferences;
mod rows;
mod runs;
mod sealing;
mod secret_refs;
mod tabs;
mod tree;
mod vault_entries;
mod workspaces;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};

pub use cookies::CookieRow;
pub(crate) use cookies::value_context as cookie_context;
pub use duplicate::SecretRefMap;
pub use error::{Result, StoreError};
pub use graphql_schemas::SchemaRow;
pub(crate) use graphql_schemas::schema_context;
pub(crate) use history::blob_context as history_context;
pub use history::{HistoryFailure, HistoryLimits, HistoryRow, HistoryStorage};
pub use import::{CollectionImport, EnvironmentImport, ImportBundle, ImportedIds, NodeImport};
pub use migrations::SCHEMA_VERSION;
pub(crate) use runs::detail_context as run_context;
pub use runs::{MAX_RUNS, RunRow};
pub use sealing::Sealer;
pub use secret_refs::Subtree;

/// File name of the store inside a data directory.
pub const FILE_NAME: &str = "localpost.db";

/// The platform's default data directory for Localpost (`~/.local/share/localpost` on Linux).
///
/// `None` when the platform has no notion of one (no home directory).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("localpost"))
}

/// An open store. Cheap to share behind an `Arc`; calls are serialised on one connection.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// Seals credentials typed into auth settings (see `sealing`); `None` refuses to store them.
    sealer: Option<std::sync::Arc<dyn Sealer>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// How long opening waits for another process that holds the file (see [`wal_mode`]).
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Turns on WAL and returns the journal mode now in force. On a new file, the switch needs the
/// file to itself, and SQLite answers "database is locked" at once (without its busy handler)
/// while another process is switching or migrating it: so the switch is tried again until
/// that process is done, up to [`OPEN_WAIT`].
fn wal_mode(conn: &Connection) -> rusqlite::Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && started.elapsed() < OPEN_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, creating the directory too.
    pub fn open_dir(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        Store::open(dir.join(FILE_NAME))
    }

    /// Opens (creating if needed) the store file at `path` and migrates it to
    /// [`SCHEMA_VERSION`]. A file from a newer Localpost is refused with
    /// [`StoreError::TooNew`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        // A full disk or a read-only one is named as such, with the file.
        Store::open_at(path).map_err(|e| placed(e, path))
    }

    fn open_at(path: &Path) -> Result<Store> {
        let path = path.to_path_buf();
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(open_err)?;
        // Another process (the app, a CLI run, a parallel CI job) may be writing: wait for it.
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        // A file from a newer Localpost is refused before anything here writes to it.
        migrations::refuse_newer(&conn, &path)?;
        let mode = wal_mode(&conn).map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_err(rusqlite::Error::InvalidQuery));
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // Deleted content is overwritten, not left in free pages (history, reclassified rows).
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(open_err)?;
        migrations::migrate(&mut conn, &path)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
            sealer: None,
        })
    }

    /// Path of the SQLite file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): the problems it
    /// found, none when the file is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let conn = self.lock();
        let mut statement = conn.prepare("PRAGMA integrity_check")?;
        let lines = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.into_iter().filter(|line| line != "ok").collect())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .lock()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction half-applied (rusqlite
        // rolls back on drop), so the connection is still sound: recover it.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Copies the WAL into the file and empties it, after a write that removed what must not
    /// stay on disk (a wipe, a move to `restricted`). Best effort: while another process reads
    /// an older snapshot, SQLite copies what it can and the rest goes at a later checkpoint.
    pub(crate) fn checkpoint(&self) {
        let conn = self.lock();
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Runs `f` in one transaction, committing only if it succeeds. The transaction takes the
    /// write lock at its start (`BEGIN IMMEDIATE`, waiting up to the busy timeout while another
    /// process writes): a deferred one that read first could not take it later, and SQLite
    /// would fail it at once with "database is locked" rather than wait.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let run = || {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run().map_err(|e| placed(e, &self.path))
    }
}

/// `e` with the store's place when it is the disk's fault: full, or not writable.
fn placed(e: StoreError, path: &Path) -> StoreError {
    let code = match &e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
        | StoreError::Open {
            source: rusqlite::Error::SqliteFailure(f, _),
            ..
        } => f.code,
        _ => return e,
    };
    match code {
        rusqlite::ErrorCode::DiskFull => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen => {
            match not_writable(path) {
                Some(reason) => StoreError::NotWritable {
                    path: path.to_path_buf(),
                    reason,
                },
                None => e,
            }
        }
        _ => e,
    }
}

/// Why `path` (or, when it does not exist yet, its directory) cannot be written, if it
/// cannot: what the system says when asked to open it for writing.
fn not_writable(path: &Path) -> Option<String> {
    // Something else in the file's place is not a matter of writing: the open error says it.
    if path.is_dir() {
        return None;
    }
    let attempt = match path.exists() {
        true => std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map(drop),
        false => {
            let dir = path.parent().unwrap_or(Path::new("."));
            tempfile::tempfile_in(dir).map(drop)
        }
    };
    attempt.err().map(|e| e.to_string())
}
