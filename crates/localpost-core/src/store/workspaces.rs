//! Workspaces: create, list, rename, delete, reorder; their globals and active environment.

use rusqlite::{OptionalExtension, Row, Transaction};

use super::codec::{column, encode_variables, name};
use super::examples::Scope;
use super::{Result, Store, StoreError, order, rows};
use crate::model::{Classification, EnvironmentId, Variable, Workspace, WorkspaceId};

const COLUMNS: &str = "id, name, position, active_environment_id, globals, classification";
const SIBLINGS: &str = "SELECT id FROM workspaces ORDER BY position, id";

fn from_row(row: &Row<'_>) -> Result<Workspace> {
    let id: i64 = row.get(0)?;
    Ok(Workspace {
        id: WorkspaceId(id),
        name: row.get(1)?,
        position: row.get(2)?,
        active_environment_id: row.get::<_, Option<i64>>(3)?.map(EnvironmentId),
        globals: column(row, 4, "workspaces", id, "globals")?,
        classification: classification(row, 5, id)?,
    })
}

fn classification(row: &Row<'_>, index: usize, id: i64) -> Result<Classification> {
    let text: String = row.get(index)?;
    Classification::parse(&text).ok_or_else(|| StoreError::Corrupt {
        table: "workspaces",
        id,
        column: "classification",
        reason: format!("unknown classification {text:?}"),
    })
}

pub(crate) fn get(tx: &rusqlite::Connection, id: WorkspaceId) -> Result<Workspace> {
    let sql = format!("SELECT {COLUMNS} FROM workspaces WHERE id = ?1");
    rows::by_id(tx, &sql, "workspace", id.0, from_row)
}

/// Deletes workspace `id` in the caller's transaction.
pub(crate) fn delete(tx: &Transaction<'_>, id: WorkspaceId) -> Result<()> {
    let n = tx.execute("DELETE FROM workspaces WHERE id = ?1", [id.0])?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "workspace",
            id: id.0,
        });
    }
    let rest = order::sibling_ids(tx, SIBLINGS, &[])?;
    order::renumber(tx, "workspaces", &rest)
}

fn touch(tx: &Transaction<'_>, id: WorkspaceId) -> Result<()> {
    let n = tx.execute(
        "UPDATE workspaces SET updated_at = unixepoch() WHERE id = ?1",
        [id.0],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound {
            what: "workspace",
            id: id.0,
        });
    }
    Ok(())
}

impl Store {
    /// All workspaces in order.
    pub fn workspaces(&self) -> Result<Vec<Workspace>> {
        let sql = format!("SELECT {COLUMNS} FROM workspaces ORDER BY position, id");
        rows::all(&self.lock(), &sql, [], from_row)
    }

    /// One workspace.
    pub fn workspace(&self, id: WorkspaceId) -> Result<Workspace> {
        get(&self.lock(), id)
    }

    /// Creates a workspace after the last one.
    pub fn create_workspace(&self, workspace_name: &str) -> Result<Workspace> {
        let workspace_name = name("workspace", workspace_name)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO workspaces (name, position)
                 VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM workspaces))",
                [&workspace_name],
            )?;
            get(tx, WorkspaceId(tx.last_insert_rowid()))
        })
    }

    /// The first workspace, creating one named "My Workspace" in an empty store. The look and
    /// the creation are one write transaction, so processes opening a new store at once
    /// (the app and the CLI, or parallel CLI runs) end up with one workspace, not one each.
    pub fn ensure_workspace(&self) -> Result<Workspace> {
        if let Some(ws) = self.workspaces()?.into_iter().next() {
            return Ok(ws);
        }
        self.write(|tx| {
            let first: Option<i64> = tx
                .query_row(
                    "SELECT id FROM workspaces ORDER BY position, id LIMIT 1",
                    [],
                    |row| row.get(0),
                )
                .optional()?;
            let id = match first {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO workspaces (name, position) VALUES ('My Workspace', 0)",
                        [],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            get(tx, WorkspaceId(id))
        })
    }

    /// Renames a workspace.
    pub fn rename_workspace(&self, id: WorkspaceId, new_name: &str) -> Result<Workspace> {
        let new_name = name("workspace", new_name)?;
        self.write(|tx| {
            touch(tx, id)?;
            tx.execute(
                "UPDATE workspaces SET name = ?1 WHERE id = ?2",
                (&new_name, id.0),
            )?;
            get(tx, id)
        })
    }

    /// Deletes a workspace with all its collections and environments.
    pub fn delete_workspace(&self, id: WorkspaceId) -> Result<()> {
        self.write(|tx| delete(tx, id))
    }

    /// Moves a workspace to `index` among workspaces.
    pub fn move_workspace(&self, id: WorkspaceId, index: usize) -> Result<()> {
        self.write(|tx| {
            touch(tx, id)?;
            let siblings = order::sibling_ids(tx, SIBLINGS, &[])?;
            order::place(tx, "workspaces", siblings, id.0, index)
        })
    }

    /// Replaces a workspace's globals.
    pub fn set_globals(&self, id: WorkspaceId, globals: &[Variable]) -> Result<Workspace> {
        let json = encode_variables(globals)?;
        self.write(|tx| {
            touch(tx, id)?;
            tx.execute(
                "UPDATE workspaces SET globals = ?1 WHERE id = ?2",
                (&json, id.0),
            )?;
            get(tx, id)
        })
    }

    /// Sets how sensitive the workspace's data is. Its requests' saved examples are sealed or
    /// opened to suit the new class in the same transaction (so moving to or from `public`
    /// needs the data key, [`StoreError::NoSealer`] or [`StoreError::Unsealable`] otherwise, and
    /// then nothing changes). Moving to `restricted` also cuts the history already recorded
    /// down to what `restricted` keeps (method, the URL's origin, status, sizes, timings) and
    /// past runs to their counts and timings, and drops its cached GraphQL schemas, then
    /// checkpoints the WAL so the old rows survive neither there nor (with `secure_delete`) in
    /// the file's free pages. Otherwise history keeps the form it was written in; later sends
    /// follow the new class.
    pub fn set_classification(
        &self,
        id: WorkspaceId,
        classification: Classification,
    ) -> Result<Workspace> {
        let workspace = self.write(|tx| {
            touch(tx, id)?;
            tx.execute(
                "UPDATE workspaces SET classification = ?1 WHERE id = ?2",
                (classification.as_str(), id.0),
            )?;
            super::examples::conform(self, tx, Scope::Workspace(id.0), classification)?;
            if classification == Classification::Restricted {
                super::history::restrict(tx, id.0)?;
                super::graphql_schemas::restrict(tx, id.0)?;
                // Past runs keep their counts and timings only.
                tx.execute(
                    "UPDATE runs SET detail = NULL, storage = 'none' WHERE workspace_id = ?1",
                    [id.0],
                )?;
            }
            get(tx, id)
        })?;
        if classification == Classification::Restricted {
            self.checkpoint();
        }
        Ok(workspace)
    }

    /// Makes an environment of the workspace active, or none.
    pub fn set_active_environment(
        &self,
        id: WorkspaceId,
        environment: Option<EnvironmentId>,
    ) -> Result<Workspace> {
        self.write(|tx| {
            touch(tx, id)?;
            if let Some(env) = environment {
                let owner: Option<i64> = tx
                    .query_row(
                        "SELECT workspace_id FROM environments WHERE id = ?1",
                        [env.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                if owner != Some(id.0) {
                    return Err(StoreError::NotFound {
                        what: "environment",
                        id: env.0,
                    });
                }
            }
            tx.execute(
                "UPDATE workspaces SET active_environment_id = ?1 WHERE id = ?2",
                (environment.map(|e| e.0), id.0),
            )?;
            get(tx, id)
        })
    }
}
