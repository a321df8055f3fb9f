//! The keychain references of the secret variables under a workspace, collection, folder or
//! request: what must leave the keychain when that part of the store is deleted.

use super::codec::decode;
use super::rows::all;
use super::{Result, Store};
use crate::model::{CollectionId, NodeId, Variable, WorkspaceId};

/// A part of the store, with everything below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subtree {
    /// A workspace: its globals, environments, collections and their items.
    Workspace(WorkspaceId),
    /// A collection and its items.
    Collection(CollectionId),
    /// A folder with everything in it, or a request.
    Node(NodeId),
}

/// Items of a workspace, of a collection, and below a node (itself included).
const WORKSPACE_ITEMS: &str = "SELECT 'items', id, variables FROM items WHERE collection_id IN \
                               (SELECT id FROM collections WHERE workspace_id = ?1)";
const COLLECTION_ITEMS: &str = "SELECT 'items', id, variables FROM items WHERE collection_id = ?1";
const NODE_ITEMS: &str = "WITH RECURSIVE below(id) AS (
                              SELECT ?1 UNION ALL
                              SELECT items.id FROM items JOIN below ON items.parent_id = below.id)
                          SELECT 'items', id, variables FROM items WHERE id IN below";

impl Store {
    /// The `secret_ref` of every secret variable in `subtree`, at any depth.
    pub fn secret_refs(&self, subtree: Subtree) -> Result<Vec<String>> {
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
        };
        let conn = self.lock();
        let mut refs = Vec::new();
        for (sql, id) in queries {
            let rows = all(&conn, &sql, [id], |row| {
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
                        .filter_map(|v| v.secret_ref),
                );
            }
        }
        Ok(refs)
    }
}
