//! History: one row per send, newest last, capped per workspace.
//!
//! Method, URL (already masked), status, sizes, timings and, for a send that got no response,
//! its [`HistoryFailure`] are plain columns so that history can be searched with `LIKE`. The request as sent and the response's headers and body arrive
//! as opaque blobs ([`HistoryRow::request`], [`HistoryRow::response`]) that the caller has
//! sealed or not, as [`HistoryStorage`] records; this file never decides or looks inside.

use rusqlite::{Row, Transaction};

use super::{Result, Store, StoreError, rows};
use crate::model::{HistoryId, RequestId, WorkspaceId};

/// In what form an entry's request and response blobs were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryStorage {
    /// Not written at all (a `restricted` workspace).
    None,
    /// Sealed with the installation's data key (`internal`).
    Sealed,
    /// Plain JSON (`public`).
    Plain,
}

impl HistoryStorage {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HistoryStorage::None => "none",
            HistoryStorage::Sealed => "sealed",
            HistoryStorage::Plain => "plain",
        }
    }

    pub(crate) fn parse(text: &str, id: i64) -> Result<HistoryStorage> {
        match text {
            "none" => Ok(HistoryStorage::None),
            "sealed" => Ok(HistoryStorage::Sealed),
            "plain" => Ok(HistoryStorage::Plain),
            other => Err(StoreError::Corrupt {
                table: "history",
                id,
                column: "storage",
                reason: format!("unknown storage {other:?}"),
            }),
        }
    }
}

/// Why a send got no response, as stored: a kind named by the caller (`cancelled`, `timeout`,
/// …) and the error's message. Neither holds request or response data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryFailure {
    /// Short name of the kind of failure.
    pub kind: String,
    /// The error's message, shown in place of the status.
    pub message: String,
}

/// One send as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    /// Row id (ignored when writing).
    pub id: HistoryId,
    /// The workspace the request belongs to.
    pub workspace_id: WorkspaceId,
    /// The stored request sent, while it exists.
    pub request_id: Option<RequestId>,
    /// The request's name when it was sent.
    pub request_name: String,
    /// Method.
    pub method: String,
    /// URL as sent, credentials masked.
    pub url: String,
    /// Response status code; 0 when no response came (see `failure`).
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// HTTP version of the response.
    pub version: String,
    /// When it was sent, in Unix milliseconds.
    pub sent_at_ms: i64,
    /// Milliseconds until the response headers.
    pub first_byte_ms: f64,
    /// Milliseconds until the whole body.
    pub total_ms: f64,
    /// Decoded response body size in bytes.
    pub body_size: u64,
    /// Response body size on the wire in bytes.
    pub raw_size: u64,
    /// Form of the two blobs.
    pub storage: HistoryStorage,
    /// The request as sent (opaque; `None` in lists and when not stored).
    pub request: Option<Vec<u8>>,
    /// The response's headers and body (opaque; `None` in lists and when not stored).
    pub response: Option<Vec<u8>>,
    /// Why no response came; `None` for a send that got one.
    pub failure: Option<HistoryFailure>,
}

/// How much history a workspace keeps: past either limit, the oldest entries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryLimits {
    /// Most entries kept.
    pub max_entries: u64,
    /// Most bytes of stored request and response blobs kept.
    pub max_bytes: u64,
}

const META: &str = "id, workspace_id, request_id, request_name, method, url, status, reason, \
                    version, sent_at, first_byte_ms, total_ms, body_size, raw_size, storage, \
                    error_kind, error";

fn meta(row: &Row<'_>) -> Result<HistoryRow> {
    let id: i64 = row.get(0)?;
    let storage: String = row.get(14)?;
    Ok(HistoryRow {
        id: HistoryId(id),
        workspace_id: WorkspaceId(row.get(1)?),
        request_id: row.get::<_, Option<i64>>(2)?.map(RequestId),
        request_name: row.get(3)?,
        method: row.get(4)?,
        url: row.get(5)?,
        status: row.get(6)?,
        reason: row.get(7)?,
        version: row.get(8)?,
        sent_at_ms: row.get(9)?,
        first_byte_ms: row.get(10)?,
        total_ms: row.get(11)?,
        body_size: row.get::<_, i64>(12)?.max(0) as u64,
        raw_size: row.get::<_, i64>(13)?.max(0) as u64,
        storage: HistoryStorage::parse(&storage, id)?,
        request: None,
        response: None,
        failure: match row.get::<_, Option<String>>(15)? {
            Some(kind) => Some(HistoryFailure {
                kind,
                message: row.get::<_, Option<String>>(16)?.unwrap_or_default(),
            }),
            None => None,
        },
    })
}

fn with_blobs(row: &Row<'_>) -> Result<HistoryRow> {
    let mut entry = meta(row)?;
    entry.request = row.get(17)?;
    entry.response = row.get(18)?;
    Ok(entry)
}

/// `text` as a `LIKE` pattern matching it anywhere, `\` escaping `%`, `_` and itself.
fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The context an entry's `part` (`request` or `response`) is sealed for.
pub(crate) fn blob_context(workspace: WorkspaceId, part: &str) -> String {
    format!("history/{workspace}/{part}")
}

/// Replaces every sealed blob with `blob(context, sealed)`; when it gives `None` the entry keeps
/// its summary only (key rotation and the wipe of sealed data, in their transaction). Returns
/// how many blobs it saw.
pub(crate) fn rewrite_sealed(
    tx: &rusqlite::Transaction<'_>,
    blob: &super::sealing::BlobRewrite<'_>,
) -> Result<usize> {
    let sql = format!("SELECT {META}, request, response FROM history WHERE storage = 'sealed'");
    let all = rows::all(tx, &sql, [], with_blobs)?;
    let mut count = 0;
    for e in &all {
        let mut open = |part: &str, sealed: &Option<Vec<u8>>| -> Result<Option<Vec<u8>>> {
            match sealed {
                Some(bytes) => {
                    count += 1;
                    blob(&blob_context(e.workspace_id, part), bytes)
                }
                None => Ok(None),
            }
        };
        let request = open("request", &e.request)?;
        let response = open("response", &e.response)?;
        if request.is_none() && response.is_none() {
            tx.execute(
                "UPDATE history SET storage = 'none', request = NULL, response = NULL, bytes = 0
                 WHERE id = ?1",
                [e.id.0],
            )?;
        } else {
            tx.execute(
                "UPDATE history SET request = ?1, response = ?2 WHERE id = ?3",
                (request, response, e.id.0),
            )?;
        }
    }
    Ok(count)
}

impl Store {
    /// Records a send, then drops the workspace's oldest entries beyond `limits` (never the
    /// one just written).
    pub fn add_history(&self, entry: &HistoryRow, limits: HistoryLimits) -> Result<HistoryId> {
        let bytes = entry.request.as_ref().map_or(0, Vec::len)
            + entry.response.as_ref().map_or(0, Vec::len);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO history (workspace_id, request_id, request_name, method, url, status,
                     reason, version, sent_at, first_byte_ms, total_ms, body_size, raw_size,
                     storage, request, response, bytes, error_kind, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                         ?18, ?19)",
                rusqlite::params![
                    entry.workspace_id.0,
                    entry.request_id.map(|r| r.0),
                    entry.request_name,
                    entry.method,
                    entry.url,
                    entry.status,
                    entry.reason,
                    entry.version,
                    entry.sent_at_ms,
                    entry.first_byte_ms,
                    entry.total_ms,
                    entry.body_size as i64,
                    entry.raw_size as i64,
                    entry.storage.as_str(),
                    entry.request,
                    entry.response,
                    bytes as i64,
                    entry.failure.as_ref().map(|f| &f.kind),
                    entry.failure.as_ref().map(|f| &f.message),
                ],
            )?;
            let id = tx.last_insert_rowid();
            let ws = entry.workspace_id.0;
            tx.execute(
                "DELETE FROM history WHERE workspace_id = ?1 AND id != ?2 AND id NOT IN
                     (SELECT id FROM history WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?3)",
                (ws, id, limits.max_entries.min(i64::MAX as u64) as i64),
            )?;
            tx.execute(
                "DELETE FROM history WHERE id != ?2 AND id IN
                     (SELECT id FROM (SELECT id, SUM(bytes) OVER (ORDER BY id DESC) AS running
                                      FROM history WHERE workspace_id = ?1)
                      WHERE running > ?3)",
                (ws, id, limits.max_bytes.min(i64::MAX as u64) as i64),
            )?;
            Ok(HistoryId(id))
        })
    }

    /// A workspace's history, newest first, at most `limit` entries, without their blobs.
    /// `search` keeps entries whose URL, method, status, request name, or failure kind or
    /// message contains it (case-insensitive for ASCII).
    pub fn history(
        &self,
        workspace: WorkspaceId,
        search: Option<&str>,
        limit: usize,
    ) -> Result<Vec<HistoryRow>> {
        let limit = limit.min(i64::MAX as usize) as i64;
        let conn = self.lock();
        match search.map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                let sql = format!(
                    "SELECT {META} FROM history WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?2"
                );
                rows::all(&conn, &sql, (workspace.0, limit), meta)
            }
            Some(text) => {
                let sql = format!(
                    "SELECT {META} FROM history WHERE workspace_id = ?1 AND (
                         url LIKE ?2 ESCAPE '\\' OR method LIKE ?2 ESCAPE '\\'
                         OR CAST(status AS TEXT) LIKE ?2 ESCAPE '\\'
                         OR request_name LIKE ?2 ESCAPE '\\'
                         OR error_kind LIKE ?2 ESCAPE '\\' OR error LIKE ?2 ESCAPE '\\')
                     ORDER BY id DESC LIMIT ?3"
                );
                rows::all(
                    &conn,
                    &sql,
                    (workspace.0, contains_pattern(text), limit),
                    meta,
                )
            }
        }
    }

    /// One history entry with its blobs.
    pub fn history_entry(&self, id: HistoryId) -> Result<HistoryRow> {
        let sql = format!("SELECT {META}, request, response FROM history WHERE id = ?1");
        rows::by_id(&self.lock(), &sql, "history entry", id.0, with_blobs)
    }

    /// Removes one history entry.
    pub fn delete_history_entry(&self, id: HistoryId) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM history WHERE id = ?1", [id.0])?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "history entry",
                    id: id.0,
                });
            }
            Ok(())
        })
    }

    /// Empties a workspace's history; returns how many entries went.
    pub fn clear_history(&self, workspace: WorkspaceId) -> Result<usize> {
        let gone = self.write(|tx| {
            Ok(tx.execute("DELETE FROM history WHERE workspace_id = ?1", [workspace.0])?)
        })?;
        self.checkpoint();
        Ok(gone)
    }
}

/// Cuts the workspace's history down to what a `restricted` workspace keeps: no request or
/// response, no request name, the URL's origin only (in the URL column and in a failure's
/// message).
pub(super) fn restrict(tx: &Transaction<'_>, workspace: i64) -> Result<()> {
    let rows: Vec<(i64, String, Option<String>)> = tx
        .prepare("SELECT id, url, error FROM history WHERE workspace_id = ?1")?
        .query_map([workspace], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE history SET request = NULL, response = NULL, storage = 'none', bytes = 0, \
         request_name = '', url = ?2, error = ?3 WHERE id = ?1",
    )?;
    for (id, url, error) in rows {
        let origin = crate::model::restricted_url(&url);
        let error = error.map(|e| {
            if url.is_empty() {
                e
            } else {
                e.replace(&url, &origin)
            }
        });
        update.execute((id, &origin, error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_patterns_escape_like_wildcards() {
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
