//! The sidebar view of a workspace: its collections' trees and its environments, in one read.

use std::collections::HashMap;

use super::{Result, Store, StoreError, collections, environments, items, workspaces};
use crate::model::{
    CollectionTree, Folder, FolderId, RequestId, TreeNode, WorkspaceId, WorkspaceTree,
};

/// Deeper than any real tree: a longer parent chain can only be a cycle in a corrupt file.
const MAX_DEPTH: usize = 10_000;

/// A row of the `items` table, as much as the tree needs.
struct Item {
    id: i64,
    parent: Option<i64>,
    kind: String,
    name: String,
    method: String,
    url: String,
    protocol: String,
}

type Children = HashMap<(i64, Option<i64>), Vec<Item>>;

fn build(children: &mut Children, collection: i64, parent: Option<i64>) -> Result<Vec<TreeNode>> {
    let items = children.remove(&(collection, parent)).unwrap_or_default();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(match item.kind.as_str() {
            "folder" => TreeNode::Folder {
                id: FolderId(item.id),
                name: item.name,
                children: build(children, collection, Some(item.id))?,
            },
            "request" => TreeNode::Request {
                protocol: items::protocol_of(&item.protocol, item.id)?,
                id: RequestId(item.id),
                name: item.name,
                method: item.method,
                url: item.url,
            },
            other => {
                return Err(StoreError::Corrupt {
                    table: "items",
                    id: item.id,
                    column: "kind",
                    reason: format!("unknown kind {other:?}"),
                });
            }
        });
    }
    Ok(out)
}

impl Store {
    /// A workspace with its collections' trees (folders and requests in order) and its
    /// environments.
    pub fn tree(&self, workspace: WorkspaceId) -> Result<WorkspaceTree> {
        let conn = self.lock();
        let ws = workspaces::get(&conn, workspace)?;
        let colls = collections::list(&conn, workspace)?;
        let mut stmt = conn.prepare_cached(
            "SELECT items.id, items.collection_id, items.parent_id, items.kind, items.name,
                    items.method, items.url, items.protocol
             FROM items JOIN collections ON collections.id = items.collection_id
             WHERE collections.workspace_id = ?1
             ORDER BY items.position, items.id",
        )?;
        let mut rows = stmt.query([workspace.0])?;
        let mut children = Children::new();
        while let Some(row) = rows.next()? {
            let collection: i64 = row.get(1)?;
            let item = Item {
                id: row.get(0)?,
                parent: row.get(2)?,
                kind: row.get(3)?,
                name: row.get(4)?,
                method: row.get(5)?,
                url: row.get(6)?,
                protocol: row.get(7)?,
            };
            children
                .entry((collection, item.parent))
                .or_default()
                .push(item);
        }
        let mut trees = Vec::with_capacity(colls.len());
        for coll in colls {
            trees.push(CollectionTree {
                id: coll.id,
                children: build(&mut children, coll.id.0, None)?,
                name: coll.name,
            });
        }
        Ok(WorkspaceTree {
            workspace: ws,
            collections: trees,
            environments: environments::list(&conn, workspace)?,
        })
    }

    /// A folder and the folders above it, nearest first: the chain through which a request in
    /// it inherits auth and settings (its collection, from [`Store::collection`], comes last).
    pub fn folder_ancestry(&self, folder: FolderId) -> Result<Vec<Folder>> {
        let conn = self.lock();
        let mut chain: Vec<Folder> = Vec::new();
        let mut next = Some(folder);
        while let Some(id) = next {
            if chain.len() >= MAX_DEPTH {
                return Err(StoreError::Corrupt {
                    table: "items",
                    id: id.0,
                    column: "parent_id",
                    reason: "the folder's parents form a cycle".into(),
                });
            }
            let found = items::get_folder(&conn, id)?;
            next = found.parent_id;
            chain.push(found);
        }
        drop(conn);
        chain.into_iter().map(|f| self.opened_folder(f)).collect()
    }
}
