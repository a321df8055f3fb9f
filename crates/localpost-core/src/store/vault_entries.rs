//! Names and domain limits of vault secrets (their values are in the keychain, not here).

use rusqlite::Row;

use super::codec::{column, encode};
use super::{Result, Store, rows};
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
        let sql = "SELECT id, name, domains FROM vault_entries ORDER BY name";
        rows::all(&self.lock(), sql, [], from_row)
    }

    /// One vault entry, if it exists.
    pub fn vault_entry(&self, name: &str) -> Result<Option<VaultEntry>> {
        let sql = "SELECT id, name, domains FROM vault_entries WHERE name = ?1";
        rows::first(&self.lock(), sql, [name], from_row)
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
