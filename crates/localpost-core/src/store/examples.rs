//! Saved example responses, sealed at rest as their workspace's classification says (issue 4).
//!
//! A request's examples (`items.examples`) are response bodies and headers the user saved or
//! imported. In an `internal` or `restricted` workspace ([`Classification::seals_examples`])
//! the whole list is written as one `{"sealed": "<base64>"}` value, sealed with the store's
//! [`Sealer`](super::Sealer) for the context [`CONTEXT`]; in a `public` one it is plain JSON. An
//! empty list is always plain (`[]`): there is nothing to hide, and no key is needed.
//!
//! Writing sealed-class examples without a sealer fails with [`StoreError::NoSealer`] and writes
//! nothing; reading a sealed list that cannot be opened is [`StoreError::Unsealable`] naming the
//! row. A workspace's examples follow it when it is reclassified, and a request's follow it
//! when it moves to a workspace of another class ([`conform`]). [`rewrite_sealed`] serves the
//! wipe of sealed data (the examples go, the request stays) and key rotation.
//!
//! The cryptography is the vault's; this file only decides what is sealed and how it is laid
//! out in the column.

use rusqlite::Connection;
use serde_json::Value;

use super::codec::{decode, encode};
use super::sealing::{BlobRewrite, sealed_bytes, sealed_value};
use super::{Result, Store, StoreError, items, rows};
use crate::model::{Classification, Example, Request, RequestId};
use crate::vault;

/// The context sealed examples are bound to (the associated data of the seal).
pub(crate) const CONTEXT: &str = "items.examples";

/// The `examples` column of one request as it is stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stored {
    /// Plain JSON, already decoded.
    Plain(Vec<Example>),
    /// Sealed bytes, still to open.
    Sealed(Vec<u8>),
}

/// Reads the `examples` column text of `items` row `id`.
pub(crate) fn read(text: &str, id: i64) -> Result<Stored> {
    let value: Value = decode("items", id, "examples", text)?;
    if let Some(bytes) = sealed_bytes(&value) {
        return Ok(Stored::Sealed(bytes));
    }
    serde_json::from_value(value)
        .map(Stored::Plain)
        .map_err(|e| StoreError::Corrupt {
            table: "items",
            id,
            column: "examples",
            reason: e.to_string(),
        })
}

/// The classification of the workspace that item `id` belongs to.
pub(crate) fn class_of_item(conn: &Connection, id: i64) -> Result<Classification> {
    let sql = "SELECT workspaces.id, workspaces.classification
               FROM items JOIN collections ON collections.id = items.collection_id
                          JOIN workspaces ON workspaces.id = collections.workspace_id
               WHERE items.id = ?1";
    rows::by_id(conn, sql, "item", id, parse_class)
}

/// The classification of the workspace that collection `id` belongs to.
pub(crate) fn class_of_collection(conn: &Connection, id: i64) -> Result<Classification> {
    let sql = "SELECT workspaces.id, workspaces.classification
               FROM collections JOIN workspaces ON workspaces.id = collections.workspace_id
               WHERE collections.id = ?1";
    rows::by_id(conn, sql, "collection", id, parse_class)
}

fn parse_class(row: &rusqlite::Row<'_>) -> Result<Classification> {
    let id: i64 = row.get(0)?;
    let text: String = row.get(1)?;
    Classification::parse(&text).ok_or_else(|| StoreError::Corrupt {
        table: "workspaces",
        id,
        column: "classification",
        reason: format!("unknown classification {text:?}"),
    })
}

impl Store {
    /// Appends `example` to request `id`'s examples ("Save as example" on a response), sealed
    /// as its workspace's class says; returns the request as stored. Only the examples column
    /// is written, in one transaction, so unsaved edits elsewhere in the request are not
    /// needed (nor overwritten).
    pub fn add_example(&self, id: RequestId, example: Example) -> Result<Request> {
        self.write(|tx| {
            let mut request = self.opened_request(items::get_request(tx, id)?)?;
            request.examples.push(example);
            let class = class_of_item(tx, id.0)?;
            let column = self.encode_examples(&request.examples, class)?;
            tx.execute(
                "UPDATE items SET examples = ?1, updated_at = unixepoch() WHERE id = ?2",
                (&column, id.0),
            )?;
            Ok(request)
        })
    }

    /// The `examples` column text for `examples` in a workspace of `class`: sealed when the
    /// class seals examples and there are any, plain otherwise.
    pub(crate) fn encode_examples(
        &self,
        examples: &[Example],
        class: Classification,
    ) -> Result<String> {
        if examples.is_empty() || !class.seals_examples() {
            return encode(&examples);
        }
        let sealer = self.sealer.as_ref().ok_or_else(|| StoreError::NoSealer {
            field: CONTEXT.into(),
        })?;
        let json = encode(&examples)?;
        let sealed = sealer
            .seal(json.as_bytes(), CONTEXT)
            .map_err(|source| StoreError::Seal {
                field: CONTEXT.into(),
                source,
            })?;
        encode(&sealed_value(&sealed))
    }

    /// The examples of `items` row `id`, opened if they are sealed.
    pub(crate) fn open_examples(&self, stored: Stored, id: i64) -> Result<Vec<Example>> {
        let bytes = match stored {
            Stored::Plain(examples) => return Ok(examples),
            Stored::Sealed(bytes) => bytes,
        };
        let unsealable = |source| StoreError::Unsealable {
            table: "items",
            id,
            field: CONTEXT.into(),
            source,
        };
        let sealer = self.sealer.as_ref().ok_or_else(|| {
            unsealable(vault::VaultError::Unavailable {
                reason: "this store was opened without the data key".into(),
            })
        })?;
        let plain = sealer.open(&bytes, CONTEXT).map_err(unsealable)?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt {
            table: "items",
            id,
            column: "examples",
            reason: e.to_string(),
        })
    }
}

/// Which requests [`conform`] looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    /// Every request of a workspace.
    Workspace(i64),
    /// An item and everything below it.
    Below(i64),
}

/// Rewrites the examples of the requests in `scope` into the form `class` wants: sealed lists
/// opened when it keeps them plain, plain ones sealed when it seals them. Rows already in the
/// right form are left alone. Returns how many rows changed. Runs in the caller's transaction.
pub(crate) fn conform(
    store: &Store,
    tx: &rusqlite::Transaction<'_>,
    scope: Scope,
    class: Classification,
) -> Result<usize> {
    let (sql, id) = match scope {
        Scope::Workspace(id) => (
            "SELECT id, examples FROM items WHERE kind = 'request' AND collection_id IN
                 (SELECT id FROM collections WHERE workspace_id = ?1)",
            id,
        ),
        Scope::Below(id) => (
            "WITH RECURSIVE below(id) AS (
                 SELECT ?1 UNION ALL
                 SELECT items.id FROM items JOIN below ON items.parent_id = below.id)
             SELECT id, examples FROM items WHERE kind = 'request' AND id IN below",
            id,
        ),
    };
    let found = rows::all(tx, sql, [id], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut changed = 0;
    for (id, text) in found {
        let stored = read(&text, id)?;
        let needs_change = match &stored {
            Stored::Sealed(_) => !class.seals_examples(),
            Stored::Plain(list) => class.seals_examples() && !list.is_empty(),
        };
        if !needs_change {
            continue;
        }
        let examples = store.open_examples(stored, id)?;
        let text = store.encode_examples(&examples, class)?;
        tx.execute("UPDATE items SET examples = ?1 WHERE id = ?2", (&text, id))?;
        changed += 1;
    }
    Ok(changed)
}

/// Replaces every sealed examples list with `blob(CONTEXT, sealed)`, or with an empty plain
/// list when that gives `None` (the wipe after a lost key). Returns how many lists it saw.
pub(crate) fn rewrite_sealed(
    tx: &rusqlite::Transaction<'_>,
    blob: &BlobRewrite<'_>,
) -> Result<usize> {
    let found = rows::all(
        tx,
        "SELECT id, examples FROM items WHERE kind = 'request' AND examples LIKE '{%'",
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )?;
    let mut count = 0;
    for (id, text) in found {
        let Stored::Sealed(bytes) = read(&text, id)? else {
            continue;
        };
        count += 1;
        let text = match blob(CONTEXT, &bytes)? {
            Some(resealed) => encode(&sealed_value(&resealed))?,
            None => "[]".to_string(),
        };
        tx.execute("UPDATE items SET examples = ?1 WHERE id = ?2", (&text, id))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_reads_as_plain_or_sealed() {
        assert_eq!(read("[]", 1).unwrap(), Stored::Plain(Vec::new()));
        let sealed = encode(&sealed_value(b"xyz")).unwrap();
        assert_eq!(read(&sealed, 1).unwrap(), Stored::Sealed(b"xyz".to_vec()));
        let err = read("{\"other\": 1}", 7).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { id: 7, .. }), "{err:?}");
    }
}
