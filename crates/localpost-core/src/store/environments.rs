//! Environments: create, list, rename, duplicate, update variables, delete, reorder.

use rusqlite::{Connection, Row};

use super::codec::{column, encode, encode_variables, name};
use super::{Result, Store, order, rows, workspaces};
use crate::model::{Environment, EnvironmentId, Extra, Variable, WorkspaceId};

const COLUMNS: &str = "id, workspace_id, name, position, variables, extra";
const SIBLINGS: &str = "SELECT id FROM environments WHERE workspace_id = ?1 ORDER BY position, id";

fn from_row(row: &Row<'_>) -> Result<Environment> {
    let id: i64 = row.get(0)?;
    Ok(Environment {
        id: EnvironmentId(id),
        workspace_id: WorkspaceId(row.get(1)?),
        name: row.get(2)?,
        position: row.get(3)?,
        variables: column(row, 4, "environments", id, "variables")?,
        extra: column(row, 5, "environments", id, "extra")?,
    })
}

pub(crate) fn get(conn: &Connection, id: EnvironmentId) -> Result<Environment> {
    let sql = format!("SELECT {COLUMNS} FROM environments WHERE id = ?1");
    rows::by_id(conn, &sql, "environment", id.0, from_row)
}

pub(crate) fn list(conn: &Connection, workspace: WorkspaceId) -> Result<Vec<Environment>> {
    let sql =
        format!("SELECT {COLUMNS} FROM environments WHERE workspace_id = ?1 ORDER BY position, id");
    rows::all(conn, &sql, [workspace.0], from_row)
}

/// Appends an environment to the workspace's list.
pub(crate) fn insert(
    conn: &Connection,
    workspace: WorkspaceId,
    env_name: &str,
    variables: &[Variable],
    extra: &Extra,
) -> Result<Environment> {
    conn.execute(
        "INSERT INTO environments (workspace_id, name, position, variables, extra)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0)
                          FROM environments WHERE workspace_id = ?1), ?3, ?4)",
        (
            workspace.0,
            env_name,
            encode_variables(variables)?,
            encode(extra)?,
        ),
    )?;
    get(conn, EnvironmentId(conn.last_insert_rowid()))
}

/// Deletes environment `id` in the caller's transaction.
pub(crate) fn delete(tx: &rusqlite::Transaction<'_>, id: EnvironmentId) -> Result<()> {
    let env = get(tx, id)?;
    tx.execute("DELETE FROM environments WHERE id = ?1", [id.0])?;
    let rest = order::sibling_ids(tx, SIBLINGS, &[&env.workspace_id.0])?;
    order::renumber(tx, "environments", &rest)
}

impl Store {
    /// The environments of a workspace, in order.
    pub fn environments(&self, workspace: WorkspaceId) -> Result<Vec<Environment>> {
        let conn = self.lock();
        workspaces::get(&conn, workspace)?;
        list(&conn, workspace)
    }

    /// One environment.
    pub fn environment(&self, id: EnvironmentId) -> Result<Environment> {
        get(&self.lock(), id)
    }

    /// Creates an environment with the given variables after the workspace's last one.
    pub fn create_environment(
        &self,
        workspace: WorkspaceId,
        env_name: &str,
        variables: &[Variable],
    ) -> Result<Environment> {
        let env_name = name("environment", env_name)?;
        self.write(|tx| {
            workspaces::get(tx, workspace)?;
            insert(tx, workspace, &env_name, variables, &Extra::new())
        })
    }

    /// Copies an environment's variables under a new name, placed last. Fields kept from an
    /// import (such as a Postman id) stay with the original.
    pub fn duplicate_environment(&self, id: EnvironmentId, new_name: &str) -> Result<Environment> {
        let new_name = name("environment", new_name)?;
        self.write(|tx| {
            let source = get(tx, id)?;
            insert(
                tx,
                source.workspace_id,
                &new_name,
                &source.variables,
                &Extra::new(),
            )
        })
    }

    /// Renames an environment.
    pub fn rename_environment(&self, id: EnvironmentId, new_name: &str) -> Result<Environment> {
        let new_name = name("environment", new_name)?;
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE environments SET name = ?1, updated_at = unixepoch() WHERE id = ?2",
                (&new_name, id.0),
            )?;
            get(tx, id)
        })
    }

    /// Replaces an environment's variables.
    pub fn set_environment_variables(
        &self,
        id: EnvironmentId,
        variables: &[Variable],
    ) -> Result<Environment> {
        let json = encode_variables(variables)?;
        self.write(|tx| {
            get(tx, id)?;
            tx.execute(
                "UPDATE environments SET variables = ?1, updated_at = unixepoch() WHERE id = ?2",
                (&json, id.0),
            )?;
            get(tx, id)
        })
    }

    /// Deletes an environment; a workspace that had it active then has none.
    pub fn delete_environment(&self, id: EnvironmentId) -> Result<()> {
        self.write(|tx| delete(tx, id))
    }

    /// Moves an environment to `index` among its workspace's environments.
    pub fn move_environment(&self, id: EnvironmentId, index: usize) -> Result<()> {
        self.write(|tx| {
            let env = get(tx, id)?;
            let siblings = order::sibling_ids(tx, SIBLINGS, &[&env.workspace_id.0])?;
            order::place(tx, "environments", siblings, id.0, index)
        })
    }
}
