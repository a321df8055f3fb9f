//! Duplicating a collection, or a folder or request with everything under it, in one
//! transaction.
//!
//! A copy is made row by row in SQL, so every column comes along as stored: auth, scripts,
//! settings, variables, saved examples and credentials sealed at rest (their seal is bound to
//! the field, not the row, and the copy stays in the same workspace, hence the same
//! classification). The copy of the top row is named "<name> copy" and placed right after the
//! original; the rows under it keep their names and order. What identifies the original to
//! another tool is dropped from the copy (a Postman collection's `_postman_id`, an item's
//! Postman `id`), as for a duplicated environment, so an export or a run tells them apart.
//!
//! Secret variables keep their values in the OS keychain, not here: the caller gives a map
//! from each original `secret_ref` to the reference of a keychain entry it has made for the
//! copy (`secrets::ScopeSecrets::duplicate`), and the copy's variables point there. A secret
//! the map does not name is copied without a reference (no value), never sharing the
//! original's entry.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::codec::{decode, encode_variables};
use super::{Result, Store, StoreError, collections, items, order};
use crate::model::{CollectionId, FolderId, NodeId, RequestId, Variable};

/// Original `secret_ref` to the copy's.
pub type SecretRefMap = HashMap<String, String>;

const ITEM_SIBLINGS: &str =
    "SELECT id FROM items WHERE collection_id = ?1 AND parent_id IS ?2 ORDER BY position, id";
const COLLECTION_SIBLINGS: &str =
    "SELECT id FROM collections WHERE workspace_id = ?1 ORDER BY position, id";

/// The suffix a duplicate's name gets.
const COPY_SUFFIX: &str = " copy";

/// Points the secret variables of `table` row `id` at the copy's keychain entries.
fn remap_variables(
    tx: &Transaction<'_>,
    table: &'static str,
    id: i64,
    refs: &SecretRefMap,
) -> Result<()> {
    let text: String = tx.query_row(
        &format!("SELECT variables FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?;
    let mut variables: Vec<Variable> = decode(table, id, "variables", &text)?;
    if !variables.iter().any(|v| v.secret_ref.is_some()) {
        return Ok(());
    }
    for var in &mut variables {
        var.secret_ref = var.secret_ref.as_deref().and_then(|r| refs.get(r)).cloned();
    }
    tx.execute(
        &format!("UPDATE {table} SET variables = ?1 WHERE id = ?2"),
        (encode_variables(&variables)?, id),
    )?;
    Ok(())
}

/// Where [`copy_items`] puts a copy: a collection, and a folder in it or its top level.
#[derive(Clone, Copy)]
struct CopyTo {
    collection: i64,
    parent: Option<i64>,
    /// Whether the root's name gets [`COPY_SUFFIX`].
    rename: bool,
}

/// Copies item `root` and everything under it `into` a collection and folder; returns the new
/// id of `root`. Positions are copied; the caller places the new root.
fn copy_items(tx: &Transaction<'_>, root: i64, into: CopyTo, refs: &SecretRefMap) -> Result<i64> {
    let CopyTo {
        collection,
        parent,
        rename,
    } = into;
    let rows = {
        let mut stmt = tx.prepare_cached(
            "WITH RECURSIVE below(id, parent, depth) AS (
                 SELECT id, parent_id, 0 FROM items WHERE id = ?1
                 UNION ALL
                 SELECT items.id, items.parent_id, below.depth + 1
                 FROM items JOIN below ON items.parent_id = below.id
                 WHERE below.depth < 10000
             )
             SELECT id, parent FROM below ORDER BY depth, id",
        )?;
        stmt.query_map([root], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut new_ids: HashMap<i64, i64> = HashMap::with_capacity(rows.len());
    let mut insert = tx.prepare_cached(
        "INSERT INTO items (collection_id, parent_id, kind, name, position, method, url,
                            description, params, path_variables, headers, body, auth, scripts,
                            settings, variables, examples, extra, protocol, messages, grpc,
                            socketio)
         SELECT ?1, ?2, kind, CASE WHEN ?4 THEN name || ?5 ELSE name END, position, method, url,
                description, params, path_variables, headers, body, auth, scripts, settings,
                variables, examples, json_remove(extra, '$.postman.id', '$.postman._postman_id'),
                protocol, messages, grpc, socketio
         FROM items WHERE id = ?3",
    )?;
    for (id, old_parent) in rows {
        let new_parent = if id == root {
            parent
        } else {
            let old = old_parent.ok_or(StoreError::Corrupt {
                table: "items",
                id,
                column: "parent_id",
                reason: "a row below a folder has no parent".into(),
            })?;
            Some(*new_ids.get(&old).ok_or(StoreError::Corrupt {
                table: "items",
                id,
                column: "parent_id",
                reason: "the row's parent was not copied before it".into(),
            })?)
        };
        insert.execute(rusqlite::params![
            collection,
            new_parent,
            id,
            rename && id == root,
            COPY_SUFFIX
        ])?;
        let new_id = tx.last_insert_rowid();
        remap_variables(tx, "items", new_id, refs)?;
        new_ids.insert(id, new_id);
    }
    new_ids.get(&root).copied().ok_or(StoreError::NotFound {
        what: "item",
        id: root,
    })
}

impl Store {
    /// Copies a folder (with everything in it) or a request next to the original; returns
    /// the copy. See the module doc for what is copied and how secrets are handled.
    pub fn duplicate_node(&self, node: NodeId, refs: &SecretRefMap) -> Result<NodeId> {
        self.write(|tx| {
            let items::Place {
                collection, parent, ..
            } = items::place_of(tx, node)?;
            let copy = copy_items(
                tx,
                node.raw(),
                CopyTo {
                    collection,
                    parent,
                    rename: true,
                },
                refs,
            )?;
            let siblings = order::sibling_ids(tx, ITEM_SIBLINGS, &[&collection, &parent])?;
            let after = siblings
                .iter()
                .position(|s| *s == node.raw())
                .map_or(siblings.len(), |i| i + 1);
            order::place(tx, "items", siblings, copy, after)?;
            Ok(match node {
                NodeId::Folder(_) => NodeId::Folder(FolderId(copy)),
                NodeId::Request(_) => NodeId::Request(RequestId(copy)),
            })
        })
    }

    /// Copies a collection with everything in it next to the original; returns the copy's id.
    pub fn duplicate_collection(
        &self,
        id: CollectionId,
        refs: &SecretRefMap,
    ) -> Result<CollectionId> {
        self.write(|tx| {
            let original = collections::get(tx, id)?;
            tx.execute(
                "INSERT INTO collections (workspace_id, name, position, description, auth,
                                          scripts, variables, settings, extra)
                 SELECT workspace_id, name || ?2, position, description, auth, scripts,
                        variables, settings, json_remove(extra, '$.postman.info._postman_id')
                 FROM collections WHERE id = ?1",
                (id.0, COPY_SUFFIX),
            )?;
            let copy = tx.last_insert_rowid();
            remap_variables(tx, "collections", copy, refs)?;
            let top = order::sibling_ids(tx, ITEM_SIBLINGS, &[&id.0, &None::<i64>])?;
            for item in top {
                let into = CopyTo {
                    collection: copy,
                    parent: None,
                    rename: false,
                };
                copy_items(tx, item, into, refs)?;
            }
            let siblings =
                order::sibling_ids(tx, COLLECTION_SIBLINGS, &[&original.workspace_id.0])?;
            let after = siblings
                .iter()
                .position(|s| *s == id.0)
                .map_or(siblings.len(), |i| i + 1);
            order::place(tx, "collections", siblings, copy, after)?;
            Ok(CollectionId(copy))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewFolder, NewRequest, Parent, TreeNode, WorkspaceId};

    fn names(nodes: &[TreeNode]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match n {
                TreeNode::Folder { name, children, .. } => {
                    format!("{name}[{}]", names(children).join(","))
                }
                TreeNode::Request { name, .. } => name.clone(),
            })
            .collect()
    }

    #[test]
    fn a_folder_copy_sits_after_the_original_with_its_subtree_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_dir(dir.path()).expect("open");
        let ws: WorkspaceId = store.create_workspace("W").expect("ws").id;
        let coll = store.create_collection(ws, "C").expect("coll");
        let folder = store
            .create_folder(NewFolder {
                parent: Parent::Collection(coll.id),
                name: "F".into(),
            })
            .expect("folder");
        for name in ["a", "b"] {
            store
                .create_request(NewRequest {
                    parent: Parent::Folder(folder.id),
                    name: name.into(),
                    method: "GET".into(),
                    url: String::new(),
                    protocol: Default::default(),
                })
                .expect("request");
        }
        store
            .create_request(NewRequest {
                parent: Parent::Collection(coll.id),
                name: "last".into(),
                method: "GET".into(),
                url: String::new(),
                protocol: Default::default(),
            })
            .expect("request");
        let copy = store
            .duplicate_node(NodeId::Folder(folder.id), &SecretRefMap::new())
            .expect("duplicate");
        assert_ne!(copy, NodeId::Folder(folder.id));
        let tree = store.tree(ws).expect("tree");
        assert_eq!(
            names(&tree.collections[0].children),
            ["F[a,b]", "F copy[a,b]", "last"]
        );
    }
}
