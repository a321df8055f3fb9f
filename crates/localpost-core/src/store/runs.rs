//! Past collection runs: one row per run, its counts and timings in plain columns, its
//! per-request results an opaque blob ([`RunRow::detail`]) that the caller sealed or not, as
//! [`HistoryStorage`] records. Capped per workspace at [`MAX_RUNS`].
//!
//! This file never decides what a class keeps nor looks inside the blob.

use rusqlite::Row;

use super::{HistoryStorage, Result, Store, StoreError, rows};
use crate::model::{CollectionId, RunId, WorkspaceId};

/// Runs a workspace keeps; past it the oldest go.
pub const MAX_RUNS: i64 = 200;

/// One past run as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    /// Its id (ignored when adding).
    pub id: RunId,
    /// The workspace it ran in.
    pub workspace_id: WorkspaceId,
    /// The collection it ran, while it exists.
    pub collection_id: Option<CollectionId>,
    /// The collection's current name, read from `collections` (ignored when adding; empty
    /// once the collection is deleted).
    pub collection_name: String,
    /// Start and end, Unix milliseconds.
    pub started_ms: i64,
    /// See `started_ms`.
    pub completed_ms: i64,
    /// Mean response time in milliseconds.
    pub mean_response_ms: f64,
    /// Counts, in this order: iterations, requests, failed requests, assertions, passed,
    /// failed, skipped, errors.
    pub counts: [u32; 8],
    /// Stopped by the user before its end.
    pub cancelled: bool,
    /// How `detail` was written.
    pub storage: HistoryStorage,
    /// The per-request results, sealed or plain JSON; `None` in lists and when not kept.
    pub detail: Option<Vec<u8>>,
}

const COUNTS: &str = "iterations, requests, failed_requests, assertions, passed, failed, skipped, \
                      errors";

fn meta_sql() -> String {
    format!(
        "SELECT r.id, r.workspace_id, r.collection_id, COALESCE(c.name, ''), r.started_at,
                r.completed_at, r.mean_response_ms, r.cancelled, r.storage, {}
         FROM runs r LEFT JOIN collections c ON c.id = r.collection_id",
        COUNTS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn meta(row: &Row<'_>) -> Result<RunRow> {
    let id: i64 = row.get(0)?;
    let storage: String = row.get(8)?;
    let mut counts = [0u32; 8];
    for (i, count) in counts.iter_mut().enumerate() {
        *count = row.get::<_, i64>(9 + i)?.clamp(0, u32::MAX as i64) as u32;
    }
    Ok(RunRow {
        id: RunId(id),
        workspace_id: WorkspaceId(row.get(1)?),
        collection_id: row.get::<_, Option<i64>>(2)?.map(CollectionId),
        collection_name: row.get(3)?,
        started_ms: row.get(4)?,
        completed_ms: row.get(5)?,
        mean_response_ms: row.get(6)?,
        cancelled: row.get(7)?,
        storage: HistoryStorage::parse(&storage, id).map_err(|_| StoreError::Corrupt {
            table: "runs",
            id,
            column: "storage",
            reason: format!("unknown storage {storage:?}"),
        })?,
        counts,
        detail: None,
    })
}

/// The context a run's detail is sealed for.
pub(crate) fn detail_context(workspace: WorkspaceId) -> String {
    format!("runs/{workspace}/detail")
}

/// Replaces every sealed detail with `blob(context, sealed)`; `None` keeps the run's counts
/// only (key rotation and the wipe of sealed data). Returns how many it saw.
pub(crate) fn rewrite_sealed(
    tx: &rusqlite::Transaction<'_>,
    blob: &super::sealing::BlobRewrite<'_>,
) -> Result<usize> {
    let sealed = rows::all(
        tx,
        "SELECT id, workspace_id, detail FROM runs WHERE storage = 'sealed' AND detail IS NOT NULL",
        [],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                WorkspaceId(row.get(1)?),
                row.get::<_, Vec<u8>>(2)?,
            ))
        },
    )?;
    for (id, workspace, bytes) in &sealed {
        match blob(&detail_context(*workspace), bytes)? {
            Some(new) => tx.execute("UPDATE runs SET detail = ?1 WHERE id = ?2", (new, id))?,
            None => tx.execute(
                "UPDATE runs SET storage = 'none', detail = NULL WHERE id = ?1",
                [id],
            )?,
        };
    }
    Ok(sealed.len())
}

impl Store {
    /// Records a run, then drops the workspace's oldest runs beyond [`MAX_RUNS`].
    pub fn add_run(&self, run: &RunRow) -> Result<RunId> {
        self.write(|tx| {
            let [
                iterations,
                requests,
                failed_requests,
                assertions,
                passed,
                failed,
                skipped,
                errors,
            ] = run.counts;
            tx.execute(
                &format!(
                    "INSERT INTO runs (workspace_id, collection_id, started_at, completed_at,
                         mean_response_ms, cancelled, storage, detail, {COUNTS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                             ?16)"
                ),
                rusqlite::params![
                    run.workspace_id.0,
                    run.collection_id.map(|c| c.0),
                    run.started_ms,
                    run.completed_ms,
                    run.mean_response_ms,
                    run.cancelled,
                    run.storage.as_str(),
                    run.detail,
                    iterations,
                    requests,
                    failed_requests,
                    assertions,
                    passed,
                    failed,
                    skipped,
                    errors,
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "DELETE FROM runs WHERE workspace_id = ?1 AND id NOT IN
                     (SELECT id FROM runs WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?2)",
                (run.workspace_id.0, MAX_RUNS),
            )?;
            Ok(RunId(id))
        })
    }

    /// A workspace's runs, newest first, without their detail.
    pub fn runs(&self, workspace: WorkspaceId) -> Result<Vec<RunRow>> {
        let sql = format!(
            "{} WHERE r.workspace_id = ?1 ORDER BY r.id DESC",
            meta_sql()
        );
        rows::all(&self.lock(), &sql, [workspace.0], meta)
    }

    /// One run with its detail.
    pub fn run(&self, id: RunId) -> Result<RunRow> {
        let sql = format!("{} WHERE r.id = ?1", meta_sql());
        let conn = self.lock();
        let mut row = rows::by_id(&conn, &sql, "run", id.0, meta)?;
        row.detail = rows::first(
            &conn,
            "SELECT detail FROM runs WHERE id = ?1",
            [id.0],
            |r| Ok(r.get::<_, Option<Vec<u8>>>(0)?),
        )?
        .flatten();
        Ok(row)
    }

    /// Removes the runs `ids` (those that exist); returns how many went.
    pub fn delete_runs(&self, ids: &[RunId]) -> Result<usize> {
        self.write(|tx| {
            let mut count = 0;
            for id in ids {
                count += tx.execute("DELETE FROM runs WHERE id = ?1", [id.0])?;
            }
            Ok(count)
        })
    }
}
