//! Explicit, stable ordering of siblings: positions are 0..n with no gaps after every write.

use rusqlite::{Transaction, params_from_iter};

use super::Result;

/// Ids of the rows selected by `sql` (which must select `id` ordered by position).
pub(crate) fn sibling_ids(
    tx: &Transaction<'_>,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let ids = stmt
        .query_map(params_from_iter(args.iter()), |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// Puts `id` at `index` (clamped to the end) among `siblings` and rewrites every position.
///
/// `siblings` may or may not already contain `id`; `table` is one of our own table names.
pub(crate) fn place(
    tx: &Transaction<'_>,
    table: &'static str,
    mut siblings: Vec<i64>,
    id: i64,
    index: usize,
) -> Result<()> {
    siblings.retain(|s| *s != id);
    let index = index.min(siblings.len());
    siblings.insert(index, id);
    renumber(tx, table, &siblings)
}

/// Rewrites positions so that `ids` are 0..n in the given order.
pub(crate) fn renumber(tx: &Transaction<'_>, table: &'static str, ids: &[i64]) -> Result<()> {
    let sql = format!("UPDATE {table} SET position = ?1 WHERE id = ?2 AND position IS NOT ?1");
    let mut stmt = tx.prepare_cached(&sql)?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute((position as i64, id))?;
    }
    Ok(())
}
