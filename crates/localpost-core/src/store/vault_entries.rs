//! Names and domain limits of vault secrets (their values are in the keychain, not here).

use rusqlite::Row;

use super::codec::{column, encode};
use super::{Result, Store};
use crate::model::VaultEntry;

fn from_row(row: &Row<'_>) -> Result<VaultEntry> {
    let id: i64 = row.get(0)?;
    Ok(VaultEntry {
        name: row.get(1)?,
        domains: column(row, 2, "vault_entries", id, "domains")?,
    })
}

impl Store {
    /// Every vault entry, by name.
    pub fn vault_entries(&self) -> Result<Vec<VaultEntry>> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached("SELECT id, name, domains FROM vault_entries ORDER BY name")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(from_row(row)?);
        }
        Ok(out)
    }

    /// One vault entry, if it exists.
    pub fn vault_entry(&self, name: &str) -> Result<Option<VaultEntry>> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached("SELECT id, name, domains FROM vault_entries WHERE name = ?1")?;
        let mut rows = stmt.query([name])?;
        match rows.next()? {
            Some(row) => Ok(Some(from_row(row)?)),
            None => Ok(None),
        }
    }

    /// Creates or replaces a vault entry.
    pub fn put_vault_entry(&self, entry: &VaultEntry) -> Result<()> {
        let domains = encode(&entry.domains)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO vault_entries (name, domains) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET domains = excluded.domains,
                                                  updated_at = unixepoch()",
                (&entry.name, &domains),
            )?;
            Ok(())
        })
    }

    /// Removes a vault entry; `false` if there was none.
    pub fn delete_vault_entry(&self, name: &str) -> Result<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM vault_entries WHERE name = ?1", [name])? > 0))
    }
}
