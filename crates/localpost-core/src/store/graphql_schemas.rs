//! The GraphQL schema cached for a request: one row per request, gone with the request.
//!
//! The introspection answer arrives as an opaque blob ([`SchemaRow::schema`]) that the caller
//! has sealed or not, as [`SchemaRow::sealed`] records; this file never decides or looks
//! inside (the `graphql` module does, under the workspace's classification). A move of the
//! workspace to `restricted` drops its cached schemas ([`restrict`]); the wipe of sealed data
//! drops sealed ones and key rotation reseals them ([`rewrite_sealed`]).

use rusqlite::{OptionalExtension, Transaction};

use super::{Result, Store};
use crate::model::RequestId;

/// One cached schema as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaRow {
    /// The request it was fetched for.
    pub request_id: RequestId,
    /// The URL it was fetched from, credentials masked.
    pub url: String,
    /// When it was fetched, Unix milliseconds.
    pub fetched_at_ms: i64,
    /// Whether `schema` is sealed with the installation's data key (else plain JSON).
    pub sealed: bool,
    /// The introspection answer's `data` (opaque here).
    pub schema: Vec<u8>,
}

/// The context a request's cached schema is sealed for.
pub(crate) fn schema_context(request: RequestId) -> String {
    format!("graphql_schemas/{request}")
}

impl Store {
    /// Keeps `row` as request `row.request_id`'s schema, replacing any before it.
    pub fn put_graphql_schema(&self, row: &SchemaRow) -> Result<()> {
        let storage = if row.sealed { "sealed" } else { "plain" };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO graphql_schemas (request_id, url, fetched_at, storage, schema)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (request_id) DO UPDATE SET url = excluded.url,
                     fetched_at = excluded.fetched_at, storage = excluded.storage,
                     schema = excluded.schema",
                (
                    row.request_id.0,
                    &row.url,
                    row.fetched_at_ms,
                    storage,
                    &row.schema,
                ),
            )?;
            Ok(())
        })
    }

    /// Request `id`'s cached schema, `None` when none was kept.
    pub fn graphql_schema(&self, id: RequestId) -> Result<Option<SchemaRow>> {
        let conn = self.lock();
        let row = conn
            .query_row(
                "SELECT url, fetched_at, storage, schema FROM graphql_schemas
                 WHERE request_id = ?1",
                [id.0],
                |row| {
                    Ok(SchemaRow {
                        request_id: id,
                        url: row.get(0)?,
                        fetched_at_ms: row.get(1)?,
                        sealed: row.get::<_, String>(2)? == "sealed",
                        schema: row.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// Forgets request `id`'s cached schema; whether there was one.
    pub fn delete_graphql_schema(&self, id: RequestId) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM graphql_schemas WHERE request_id = ?1", [id.0])?;
            Ok(n > 0)
        })
    }
}

/// Drops the cached schemas of workspace `workspace`'s requests (it moved to `restricted`,
/// which keeps no response bodies). Runs in the caller's transaction.
pub(super) fn restrict(tx: &Transaction<'_>, workspace: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM graphql_schemas WHERE request_id IN
             (SELECT items.id FROM items JOIN collections ON collections.id = items.collection_id
              WHERE collections.workspace_id = ?1)",
        [workspace],
    )?;
    Ok(())
}

/// Replaces every sealed schema with `blob(context, sealed)`, or drops the row when it gives
/// `None` (key rotation and the wipe of sealed data, in their transaction). Returns how many
/// it saw.
pub(crate) fn rewrite_sealed(
    tx: &Transaction<'_>,
    blob: &super::sealing::BlobRewrite<'_>,
) -> Result<usize> {
    let all = super::rows::all(
        tx,
        "SELECT request_id, schema FROM graphql_schemas WHERE storage = 'sealed'",
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?)),
    )?;
    for (id, bytes) in &all {
        match blob(&schema_context(RequestId(*id)), bytes)? {
            Some(resealed) => tx.execute(
                "UPDATE graphql_schemas SET schema = ?1 WHERE request_id = ?2",
                (resealed, id),
            )?,
            None => tx.execute("DELETE FROM graphql_schemas WHERE request_id = ?1", [id])?,
        };
    }
    Ok(all.len())
}
