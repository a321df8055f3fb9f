//! The keychain references of the secret variables under a workspace, collection, folder,
//! request or environment: what must leave the keychain when that part of the store is deleted.
//!
//! [`Store::delete_subtree`] deletes a part and, in the same transaction, notes the references
//! of its secret variables as orphans (`secret_orphans`). The caller removes their keychain
//! entries and then forgets them ([`Store::forget_orphan_secret_refs`]); an entry the keychain
//! could not remove stays noted ([`Store::orphan_secret_refs`]) for a later try. This file does
//! not touch the keychain (`secrets::ScopeSecrets` does).

use rusqlite::Connection;

use super::codec::decode;
use super::rows::all;
use super::{Result, Store, collections, environments, items, workspaces};
use crate::model::{CollectionId, EnvironmentId, NodeId, Variable, WorkspaceId};

/// A part of the store, with everything below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subtree {
    /// A workspace: its globals, environments, collections and their items.
    Workspace(WorkspaceId),
    /// A collection and its items.
    Collection(CollectionId),
    /// A folder with everything in it, or a request.
    Node(NodeId),
    /// An environment.
    Environment(EnvironmentId),
}

/// Items of a workspace, of a collection, and below a node (itself included).
const WORKSPACE_ITEMS: &str = "SELECT 'items', id, variables FROM items WHERE collection_id IN \
                               (SELECT id FROM collections WHERE workspace_id = ?1)";
const COLLECTION_ITEMS: &str = "SELECT 'items', id, variables FROM items WHERE collection_id = ?1";
const NODE_ITEMS: &str = "WITH RECURSIVE below(id) AS (
                              SELECT ?1 UNION ALL
                              SELECT items.id FROM items JOIN below ON items.parent_id = below.id)
                          SELECT 'items', id, variables FROM items WHERE id IN below";

/// The `secret_ref` of every secret variable in `subtree`, at any depth.
fn refs(conn: &Connection, subtree: Subtree) -> Result<Vec<String>> {
    Ok(secret_variables(conn, subtree)?
        .into_iter()
        .map(|(_, secret_ref)| secret_ref)
        .collect())
}

/// The key and `secret_ref` of every stored secret variable in `subtree`, at any depth.
fn secret_variables(conn: &Connection, subtree: Subtree) -> Result<Vec<(String, String)>> {
    let queries: Vec<(String, i64)> = match subtree {
        Subtree::Workspace(id) => vec![
            (
                "SELECT 'workspaces', id, globals FROM workspaces WHERE id = ?1".into(),
                id.0,
            ),
            (
                "SELECT 'environments', id, variables FROM environments WHERE workspace_id = ?1"
                    .into(),
                id.0,
            ),
            (
                "SELECT 'collections', id, variables FROM collections WHERE workspace_id = ?1"
                    .into(),
                id.0,
            ),
            (WORKSPACE_ITEMS.into(), id.0),
        ],
        Subtree::Collection(id) => vec![
            (
                "SELECT 'collections', id, variables FROM collections WHERE id = ?1".into(),
                id.0,
            ),
            (COLLECTION_ITEMS.into(), id.0),
        ],
        Subtree::Node(node) => vec![(NODE_ITEMS.into(), node.raw())],
        Subtree::Environment(id) => vec![(
            "SELECT 'environments', id, variables FROM environments WHERE id = ?1".into(),
            id.0,
        )],
    };
    let mut refs = Vec::new();
    for (sql, id) in queries {
        let rows = all(conn, &sql, [id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for (table, row_id, text) in rows {
            let table = match table.as_str() {
                "workspaces" => "workspaces",
                "environments" => "environments",
                "collections" => "collections",
                _ => "items",
            };
            let vars: Vec<Variable> = decode(table, row_id, "variables", &text)?;
            refs.extend(
                vars.into_iter()
                    .filter(|v| v.secret)
                    .filter_map(|v| Some((v.key, v.secret_ref?))),
            );
        }
    }
    Ok(refs)
}

impl Store {
    /// The `secret_ref` of every secret variable in `subtree`, at any depth.
    pub fn secret_refs(&self, subtree: Subtree) -> Result<Vec<String>> {
        refs(&self.lock(), subtree)
    }

    /// The key and `secret_ref` of every stored secret variable in `subtree`, at any depth
    /// (what a duplicate of it needs keychain entries for).
    pub fn secret_variables(&self, subtree: Subtree) -> Result<Vec<(String, String)>> {
        secret_variables(&self.lock(), subtree)
    }

    /// Deletes `subtree` with everything below it and, in the same transaction, notes the
    /// `secret_ref` of each of its secret variables as an orphan: its keychain entry is now
    /// the caller's to remove. Returns every orphan noted, older ones included.
    pub fn delete_subtree(&self, subtree: Subtree) -> Result<Vec<String>> {
        self.write(|tx| {
            let found = refs(tx, subtree)?;
            match subtree {
                Subtree::Workspace(id) => workspaces::delete(tx, id)?,
                Subtree::Collection(id) => collections::delete(tx, id)?,
                Subtree::Node(node) => items::delete(tx, node)?,
                Subtree::Environment(id) => environments::delete(tx, id)?,
            }
            for secret_ref in &found {
                tx.execute(
                    "INSERT OR IGNORE INTO secret_orphans (secret_ref) VALUES (?1)",
                    [secret_ref],
                )?;
            }
            orphans(tx)
        })
    }

    /// The `secret_ref`s of deleted secret variables whose keychain entries may still be there,
    /// oldest first.
    pub fn orphan_secret_refs(&self) -> Result<Vec<String>> {
        orphans(&self.lock())
    }

    /// Forgets orphans whose keychain entries are gone.
    pub fn forget_orphan_secret_refs(&self, refs: &[String]) -> Result<()> {
        self.write(|tx| {
            for secret_ref in refs {
                tx.execute(
                    "DELETE FROM secret_orphans WHERE secret_ref = ?1",
                    [secret_ref],
                )?;
            }
            Ok(())
        })
    }
}

fn orphans(conn: &Connection) -> Result<Vec<String>> {
    all(
        conn,
        "SELECT secret_ref FROM secret_orphans ORDER BY noted_at, secret_ref",
        [],
        |row| Ok(row.get(0)?),
    )
}
