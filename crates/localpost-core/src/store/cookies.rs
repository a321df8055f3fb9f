//! Cookie jars: one per workspace, one row per cookie (domain, path and name are its key).
//!
//! Values arrive sealed ([`CookieRow::sealed_value`]): this file never sees a cookie's value in
//! the clear. Matching and expiry rules live in [`crate::cookies`].

use rusqlite::Row;

use super::{Result, Store, StoreError, rows};
use crate::model::{CookieId, WorkspaceId};

/// A cookie as stored. `expires` is Unix seconds (`None`: a session cookie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieRow {
    /// Row id (ignored when writing).
    pub id: CookieId,
    /// The jar's workspace.
    pub workspace_id: WorkspaceId,
    /// Cookie name.
    pub name: String,
    /// Domain, without a leading dot.
    pub domain: String,
    /// Sent only to exactly `domain` (no `Domain` attribute was given), not its subdomains.
    pub host_only: bool,
    /// Path.
    pub path: String,
    /// The value, sealed by the vault.
    pub sealed_value: Vec<u8>,
    /// Expiry in Unix seconds; `None` for a session cookie.
    pub expires: Option<i64>,
    /// Sent over secure connections only.
    pub secure: bool,
    /// Hidden from scripts.
    pub http_only: bool,
    /// `Strict`, `Lax` or `None`, as set.
    pub same_site: Option<String>,
}

const COLUMNS: &str =
    "id, workspace_id, name, domain, host_only, path, value, expires, secure, http_only, same_site";

fn from_row(row: &Row<'_>) -> Result<CookieRow> {
    Ok(CookieRow {
        id: CookieId(row.get(0)?),
        workspace_id: WorkspaceId(row.get(1)?),
        name: row.get(2)?,
        domain: row.get(3)?,
        host_only: row.get(4)?,
        path: row.get(5)?,
        sealed_value: row.get(6)?,
        expires: row.get(7)?,
        secure: row.get(8)?,
        http_only: row.get(9)?,
        same_site: row.get(10)?,
    })
}

fn upsert(tx: &rusqlite::Transaction<'_>, c: &CookieRow) -> Result<CookieId> {
    tx.execute(
        "INSERT INTO cookies
             (workspace_id, name, domain, host_only, path, value, expires, secure, http_only, same_site)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (workspace_id, domain, path, name) DO UPDATE SET
             host_only = excluded.host_only, value = excluded.value, expires = excluded.expires,
             secure = excluded.secure, http_only = excluded.http_only,
             same_site = excluded.same_site, updated_at = unixepoch()",
        rusqlite::params![
            c.workspace_id.0,
            c.name,
            c.domain,
            c.host_only,
            c.path,
            c.sealed_value,
            c.expires,
            c.secure,
            c.http_only,
            c.same_site
        ],
    )?;
    let id = tx.query_row(
        "SELECT id FROM cookies WHERE workspace_id = ?1 AND domain = ?2 AND path = ?3 AND name = ?4",
        (c.workspace_id.0, &c.domain, &c.path, &c.name),
        |r| r.get(0),
    )?;
    Ok(CookieId(id))
}

/// The context a cookie's value is sealed for: a sealed value cannot move to another cookie.
pub(crate) fn value_context(
    workspace: WorkspaceId,
    domain: &str,
    path: &str,
    name: &str,
) -> String {
    format!("cookies/{workspace}/{domain}/{path}/{name}")
}

/// Replaces every sealed value with `blob(context, sealed)`, deleting the cookie when it gives
/// `None` (key rotation and the wipe of sealed data, in their transaction). Returns how many.
pub(crate) fn rewrite_sealed(
    tx: &rusqlite::Transaction<'_>,
    blob: &super::sealing::BlobRewrite<'_>,
) -> Result<usize> {
    let sql = format!("SELECT {COLUMNS} FROM cookies");
    let all = rows::all(tx, &sql, [], from_row)?;
    for c in &all {
        let context = value_context(c.workspace_id, &c.domain, &c.path, &c.name);
        match blob(&context, &c.sealed_value)? {
            Some(value) => tx.execute(
                "UPDATE cookies SET value = ?1 WHERE id = ?2",
                (value, c.id.0),
            )?,
            None => tx.execute("DELETE FROM cookies WHERE id = ?1", [c.id.0])?,
        };
    }
    Ok(all.len())
}

impl Store {
    /// The cookies of a workspace's jar, by domain, path and name.
    pub fn cookies(&self, workspace: WorkspaceId) -> Result<Vec<CookieRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM cookies WHERE workspace_id = ?1 ORDER BY domain, path, name"
        );
        rows::all(&self.lock(), &sql, [workspace.0], from_row)
    }

    /// One cookie.
    pub fn cookie(&self, id: CookieId) -> Result<CookieRow> {
        let sql = format!("SELECT {COLUMNS} FROM cookies WHERE id = ?1");
        rows::by_id(&self.lock(), &sql, "cookie", id.0, from_row)
    }

    /// Adds a cookie, or replaces the one with the same domain, path and name.
    pub fn put_cookie(&self, cookie: &CookieRow) -> Result<CookieId> {
        self.write(|tx| upsert(tx, cookie))
    }

    /// Replaces cookie `id` with `cookie` (which may have a new domain, path or name; one that
    /// already had those is replaced too).
    pub fn replace_cookie(&self, id: CookieId, cookie: &CookieRow) -> Result<CookieId> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM cookies WHERE id = ?1", [id.0])?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "cookie",
                    id: id.0,
                });
            }
            upsert(tx, cookie)
        })
    }

    /// Writes what one send changed in a jar at once: `put` are added or replaced, `gone`
    /// (domain, path, name) are removed.
    pub fn update_cookies(
        &self,
        workspace: WorkspaceId,
        put: &[CookieRow],
        gone: &[(String, String, String)],
    ) -> Result<()> {
        self.write(|tx| {
            for cookie in put {
                upsert(tx, cookie)?;
            }
            for (domain, path, name) in gone {
                tx.execute(
                    "DELETE FROM cookies
                     WHERE workspace_id = ?1 AND domain = ?2 AND path = ?3 AND name = ?4",
                    (workspace.0, domain, path, name),
                )?;
            }
            Ok(())
        })
    }

    /// Removes a cookie.
    pub fn delete_cookie(&self, id: CookieId) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM cookies WHERE id = ?1", [id.0])?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "cookie",
                    id: id.0,
                });
            }
            Ok(())
        })
    }

    /// Empties a workspace's jar; returns how many cookies went.
    pub fn clear_cookies(&self, workspace: WorkspaceId) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute("DELETE FROM cookies WHERE workspace_id = ?1", [workspace.0])?)
        })
    }
}
