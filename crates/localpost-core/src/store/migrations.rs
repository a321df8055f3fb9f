//! Forward-only schema migrations, embedded in the binary and tracked by `PRAGMA user_version`.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError};

/// Each entry migrates from version `index` to `index + 1`. Append only; never edit one that
/// has shipped.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_vault.sql"),
    include_str!("migrations/0003_environment_extra.sql"),
    include_str!("migrations/0004_cookies.sql"),
    include_str!("migrations/0005_history.sql"),
    include_str!("migrations/0006_classification.sql"),
    include_str!("migrations/0007_history_failures.sql"),
    include_str!("migrations/0008_secret_orphans.sql"),
    include_str!("migrations/0009_runs.sql"),
    include_str!("migrations/0010_drafts_tabs.sql"),
    // 0011 was not needed by the work merged beside this one; the files stay in number order.
    include_str!("migrations/0012_preferences.sql"),
    include_str!("migrations/0013_websocket.sql"),
    include_str!("migrations/0014_grpc.sql"),
    include_str!("migrations/0015_graphql_schemas.sql"),
    include_str!("migrations/0016_socketio.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Fails with [`StoreError::TooNew`] when the file was written by a newer Localpost. Reads only.
pub(crate) fn refuse_newer(conn: &Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Brings the file up to [`SCHEMA_VERSION`], one transaction per step.
///
/// Each step takes the write lock first (`BEGIN IMMEDIATE`, waiting up to the busy timeout)
/// and reads the version again under it, so processes opening a new or older file at once (the
/// app and the CLI, parallel CI jobs) apply each step once: the others find it done.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let too_new = |found: i64| StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    };
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(too_new(found));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i64 + 1;
        let step = |conn: &mut Connection| -> rusqlite::Result<i64> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
            if now < version {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", version)?;
            }
            tx.commit()?;
            Ok(now)
        };
        let now = step(conn).map_err(|source| StoreError::Migration { version, source })?;
        if now > SCHEMA_VERSION {
            return Err(too_new(now));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    /// Every earlier version, including an empty file, migrates to the current one.
    #[test]
    fn migrates_from_every_earlier_version() {
        for start in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            let mut conn = Connection::open(&path).unwrap();
            for (i, sql) in MIGRATIONS.iter().take(start as usize).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", i as i64 + 1)
                    .unwrap();
            }
            assert_eq!(version(&conn), start);
            migrate(&mut conn, &path).unwrap();
            assert_eq!(version(&conn), SCHEMA_VERSION, "from version {start}");
            // Migrating again is a no-op.
            migrate(&mut conn, &path).unwrap();
            assert_eq!(version(&conn), SCHEMA_VERSION);
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clash.db");
        let mut conn = Connection::open(&path).unwrap();
        // A table the first migration wants to create already exists: the step fails whole.
        conn.execute_batch("CREATE TABLE environments (x INTEGER)")
            .unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { version: 1, .. }),
            "{err}"
        );
        assert_eq!(version(&conn), 0);
        let workspaces: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'workspaces'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(workspaces, 0, "the failed step must roll back entirely");
    }
}
