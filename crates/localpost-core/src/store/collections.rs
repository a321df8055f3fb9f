//! Collections: create, list, rename, update, delete, reorder.

use rusqlite::{Connection, Row};

use super::codec::{column, encode, encode_variables, name};
use super::{Result, Store, StoreError, order, rows, workspaces};
use crate::model::{Collection, CollectionId, WorkspaceId};

const COLUMNS: &str =
    "id, workspace_id, name, position, description, auth, scripts, variables, settings, extra";
const SIBLINGS: &str = "SELECT id FROM collections WHERE workspace_id = ?1 ORDER BY position, id";

fn from_row(row: &Row<'_>) -> Result<Collection> {
    let id: i64 = row.get(0)?;
    Ok(Collection {
        id: CollectionId(id),
        workspace_id: WorkspaceId(row.get(1)?),
        name: row.get(2)?,
        position: row.get(3)?,
        description: row.get(4)?,
        auth: column(row, 5, "collections", id, "auth")?,
        scripts: column(row, 6, "collections", id, "scripts")?,
        variables: column(row, 7, "collections", id, "variables")?,
        settings: column(row, 8, "collections", id, "settings")?,
        extra: column(row, 9, "collections", id, "extra")?,
    })
}

pub(crate) fn get(conn: &Connection, id: CollectionId) -> Result<Collection> {
    let sql = format!("SELECT {COLUMNS} FROM collections WHERE id = ?1");
    rows::by_id(conn, &sql, "collection", id.0, from_row)
}

pub(crate) fn list(conn: &Connection, workspace: WorkspaceId) -> Result<Vec<Collection>> {
    let sql =
        format!("SELECT {COLUMNS} FROM collections WHERE workspace_id = ?1 ORDER BY position, id");
    rows::all(conn, &sql, [workspace.0], from_row)
}

fn workspace_of(conn: &Connection, id: CollectionId) -> Result<WorkspaceId> {
    Ok(get(conn, id)?.workspace_id)
}

/// Deletes collection `id` in the caller's transaction.
pub(crate) fn delete(tx: &rusqlite::Transaction<'_>, id: CollectionId) -> Result<()> {
    let workspace = workspace_of(tx, id)?;
    tx.execute("DELETE FROM collections WHERE id = ?1", [id.0])?;
    let rest = order::sibling_ids(tx, SIBLINGS, &[&workspace.0])?;
    order::renumber(tx, "collections", &rest)
}

impl Store {
    /// The collections of a workspace, in order.
    pub fn collections(&self, workspace: WorkspaceId) -> Result<Vec<Collection>> {
        let conn = self.lock();
        workspaces::get(&conn, workspace)?;
        let colls = list(&conn, workspace)?;
        drop(conn);
        colls
            .into_iter()
            .map(|c| self.opened_collection(c))
            .collect()
    }

    /// One collection.
    pub fn collection(&self, id: CollectionId) -> Result<Collection> {
        let coll = get(&self.lock(), id)?;
        self.opened_collection(coll)
    }

    /// `coll` with its sealed credentials opened.
    fn opened_collection(&self, mut coll: Collection) -> Result<Collection> {
        self.open_auth(&mut coll.auth, "collections", coll.id.0)?;
        self.open_settings(&mut coll.settings, "collections", coll.id.0)?;
        Ok(coll)
    }

    /// Creates an empty collection after the workspace's last one.
    pub fn create_collection(&self, workspace: WorkspaceId, coll_name: &str) -> Result<Collection> {
        let coll_name = name("collection", coll_name)?;
        self.write(|tx| {
            workspaces::get(tx, workspace)?;
            tx.execute(
                "INSERT INTO collections (workspace_id, name, position)
                 VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0)
                                  FROM collections WHERE workspace_id = ?1))",
                (workspace.0, &coll_name),
            )?;
            get(tx, CollectionId(tx.last_insert_rowid()))
        })
    }

    /// Renames a collection.
    pub fn rename_collection(&self, id: CollectionId, new_name: &str) -> Result<Collection> {
        let new_name = name("collection", new_name)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE collections SET name = ?1, updated_at = unixepoch() WHERE id = ?2",
                (&new_name, id.0),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "collection",
                    id: id.0,
                });
            }
            get(tx, id)
        })
        .and_then(|c| self.opened_collection(c))
    }

    /// Saves a collection's editable fields (name, description, auth, scripts, variables,
    /// settings, extra). Its workspace and position change only through moves.
    pub fn update_collection(&self, coll: &Collection) -> Result<Collection> {
        let coll_name = name("collection", &coll.name)?;
        let (auth, scripts, variables, settings, extra) = (
            encode(&self.seal_auth(&coll.auth)?)?,
            encode(&coll.scripts)?,
            encode_variables(&coll.variables)?,
            encode(&self.seal_settings(&coll.settings)?)?,
            encode(&coll.extra)?,
        );
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE collections SET name = ?1, description = ?2, auth = ?3, scripts = ?4,
                        variables = ?5, settings = ?6, extra = ?7, updated_at = unixepoch()
                 WHERE id = ?8",
                (
                    &coll_name,
                    &coll.description,
                    &auth,
                    &scripts,
                    &variables,
                    &settings,
                    &extra,
                    coll.id.0,
                ),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "collection",
                    id: coll.id.0,
                });
            }
            get(tx, coll.id)
        })
        .and_then(|c| self.opened_collection(c))
    }

    /// Replaces a collection's auth, default settings and scripts, leaving the rest alone.
    pub fn set_collection_settings(
        &self,
        id: CollectionId,
        parent: &crate::model::ParentSettings,
    ) -> Result<Collection> {
        let mut coll = self.collection(id)?;
        coll.auth = parent.auth.clone();
        coll.settings = parent.settings.clone();
        coll.scripts = parent.scripts.clone();
        self.update_collection(&coll)
    }

    /// Replaces a collection's name and Markdown description, leaving the rest alone.
    pub fn set_collection_overview(
        &self,
        id: CollectionId,
        new_name: &str,
        description: &str,
    ) -> Result<Collection> {
        let mut coll = self.collection(id)?;
        coll.name = new_name.to_owned();
        coll.description = description.to_owned();
        self.update_collection(&coll)
    }

    /// Deletes a collection with everything in it.
    pub fn delete_collection(&self, id: CollectionId) -> Result<()> {
        self.write(|tx| delete(tx, id))
    }

    /// Moves a collection to `index` among its workspace's collections.
    pub fn move_collection(&self, id: CollectionId, index: usize) -> Result<()> {
        self.write(|tx| {
            let workspace = workspace_of(tx, id)?;
            let siblings = order::sibling_ids(tx, SIBLINGS, &[&workspace.0])?;
            order::place(tx, "collections", siblings, id.0, index)
        })
    }
}
