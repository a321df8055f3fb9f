//! The desktop app's open tabs, per workspace, so that a restart gives them back.
//!
//! [`Store::set_tabs`] replaces a workspace's list whole; [`Store::tabs`] reads it back. A tab
//! goes with what it shows (the foreign keys cascade), and a tab whose request, folder or
//! collection has moved to another workspace is left out when read. What a tab holds (a
//! draft, the response shown) is not kept here.

use rusqlite::{Connection, OptionalExtension};

use super::{Result, Store, rows, workspaces};
use crate::model::{CollectionId, FolderId, OpenTabs, RequestId, TabTarget, WorkspaceId};

/// The workspace `target` belongs to, or `None` when it no longer exists.
fn workspace_of(conn: &Connection, target: TabTarget) -> Result<Option<i64>> {
    let (sql, id, kind) = match target {
        TabTarget::Request(id) => (ITEM_WORKSPACE, id.0, "request"),
        TabTarget::Folder(id) => (ITEM_WORKSPACE, id.0, "folder"),
        TabTarget::Collection(id) => (
            "SELECT workspace_id FROM collections WHERE id = ?1 AND ?2 = 'collection'",
            id.0,
            "collection",
        ),
    };
    Ok(conn.query_row(sql, (id, kind), |r| r.get(0)).optional()?)
}

const ITEM_WORKSPACE: &str = "SELECT collections.workspace_id
     FROM items JOIN collections ON collections.id = items.collection_id
     WHERE items.id = ?1 AND items.kind = ?2";

impl Store {
    /// Replaces the open tabs of `workspace` with `tabs`. Targets that no longer exist, that
    /// belong to another workspace, or that appear twice are left out (the active index
    /// follows); an active index past the end keeps no tab active. Fails with `NotFound` when
    /// the workspace is gone.
    pub fn set_tabs(&self, workspace: WorkspaceId, tabs: &OpenTabs) -> Result<()> {
        self.write(|tx| {
            workspaces::get(tx, workspace)?;
            tx.execute("DELETE FROM tabs WHERE workspace_id = ?1", [workspace.0])?;
            let mut kept: Vec<TabTarget> = Vec::new();
            for (index, target) in tabs.tabs.iter().enumerate() {
                if kept.contains(target) || workspace_of(tx, *target)? != Some(workspace.0) {
                    continue;
                }
                let is_active = tabs.active == Some(index as u32);
                let (item, collection) = match *target {
                    TabTarget::Request(RequestId(id)) | TabTarget::Folder(FolderId(id)) => {
                        (Some(id), None)
                    }
                    TabTarget::Collection(CollectionId(id)) => (None, Some(id)),
                };
                tx.execute(
                    "INSERT INTO tabs (workspace_id, position, item_id, collection_id, active)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    (workspace.0, kept.len() as i64, item, collection, is_active),
                )?;
                kept.push(*target);
            }
            Ok(())
        })
    }

    /// The open tabs of `workspace`, in order, with the active one: none when it has none
    /// (or is gone).
    pub fn tabs(&self, workspace: WorkspaceId) -> Result<OpenTabs> {
        let found = rows::all(
            &self.lock(),
            "SELECT tabs.item_id, items.kind, tabs.collection_id, tabs.active
             FROM tabs LEFT JOIN items ON items.id = tabs.item_id
                       JOIN collections
                         ON collections.id = COALESCE(items.collection_id, tabs.collection_id)
             WHERE tabs.workspace_id = ?1 AND collections.workspace_id = ?1
             ORDER BY tabs.position",
            [workspace.0],
            |row| {
                let item: Option<i64> = row.get(0)?;
                let kind: Option<String> = row.get(1)?;
                let collection: Option<i64> = row.get(2)?;
                let target = match (item, kind.as_deref(), collection) {
                    (Some(id), Some("folder"), _) => TabTarget::Folder(FolderId(id)),
                    (Some(id), _, _) => TabTarget::Request(RequestId(id)),
                    (None, _, id) => TabTarget::Collection(CollectionId(id.unwrap_or_default())),
                };
                Ok((target, row.get::<_, bool>(3)?))
            },
        )?;
        let active = found
            .iter()
            .position(|(_, active)| *active)
            .map(|i| i as u32);
        Ok(OpenTabs {
            tabs: found.into_iter().map(|(target, _)| target).collect(),
            active,
        })
    }
}
