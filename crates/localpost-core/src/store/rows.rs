//! Reading rows: the one place that steps through query results.

use rusqlite::{Connection, Params, Row};

use super::{Result, StoreError};

/// Every row `sql` selects, each decoded by `from_row`.
pub(crate) fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    from_row: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

/// The first row `sql` selects, if any.
pub(crate) fn first<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    from_row: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    rows.next()?.map(from_row).transpose()
}

/// The row `sql` selects for `id` (its only parameter), or `NotFound` naming `what`.
pub(crate) fn by_id<T>(
    conn: &Connection,
    sql: &str,
    what: &'static str,
    id: i64,
    from_row: impl Fn(&Row<'_>) -> Result<T>,
) -> Result<T> {
    first(conn, sql, [id], from_row)?.ok_or(StoreError::NotFound { what, id })
}
