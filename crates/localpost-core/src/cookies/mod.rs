//! Cookie jars: one per workspace, kept in the store with every value sealed.
//!
//! [`Cookies`] is the jar's API for the CLI and the desktop app: list, add, edit, delete and
//! clear a workspace's cookies, as [`Cookie`] values in the clear. Each value is sealed with the
//! installation's data key ([`crate::vault::Vault`]) before it reaches the store, whatever the
//! workspace's classification. [`Jar`] is a jar in memory for one send: [`Cookies::jar`] loads
//! it, the HTTP engine reads and fills it (domain, host-only, path, expiry and `Secure` rules
//! from the `cookie_store` crate), and [`Cookies::save`] writes back what the send changed.
//!
//! This module does not send anything ([`crate::send`] hands the jar to the engine) and keeps
//! no SQL (the store does) and no cipher (the vault does).

mod error;
mod jar;
mod view;

pub use error::{CookieError, Result};
pub use jar::Jar;
pub use view::Cookie;

use crate::model::{CookieId, WorkspaceId};
use crate::store::{CookieRow, Store};
use crate::vault::{Keychain, Vault};

/// A workspace's cookie jar in the store, read and written through the vault.
#[derive(Debug)]
pub struct Cookies<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
}

impl<'a, K: Keychain> Cookies<'a, K> {
    /// Jars in `store`, their values sealed with `vault`'s data key.
    pub fn new(store: &'a Store, vault: &'a Vault<K>) -> Self {
        Cookies { store, vault }
    }

    fn open(&self, row: CookieRow) -> Result<Cookie> {
        let context = Cookie::context(row.workspace_id, &row.domain, &row.path, &row.name);
        let value = self.vault.open(&row.sealed_value, &context)?;
        Ok(Cookie {
            id: Some(row.id),
            name: row.name,
            value: String::from_utf8_lossy(&value).into_owned(),
            domain: row.domain,
            host_only: row.host_only,
            path: row.path,
            expires: row.expires,
            secure: row.secure,
            http_only: row.http_only,
            same_site: row.same_site,
        })
    }

    fn seal(&self, workspace: WorkspaceId, c: &Cookie) -> Result<CookieRow> {
        let context = Cookie::context(workspace, &c.domain, &c.path, &c.name);
        Ok(CookieRow {
            id: c.id.unwrap_or(CookieId(0)),
            workspace_id: workspace,
            name: c.name.clone(),
            domain: c.domain.clone(),
            host_only: c.host_only,
            path: c.path.clone(),
            sealed_value: self.vault.seal(c.value.as_bytes(), &context)?,
            expires: c.expires,
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site.clone(),
        })
    }

    /// The workspace's cookies with their values, by domain, path and name (expired ones
    /// included until a send or an edit drops them).
    pub fn list(&self, workspace: WorkspaceId) -> Result<Vec<Cookie>> {
        self.store
            .cookies(workspace)?
            .into_iter()
            .map(|row| self.open(row))
            .collect()
    }

    /// Adds a cookie (or replaces the one with its domain, path and name) and returns it as
    /// stored.
    pub fn add(&self, workspace: WorkspaceId, cookie: &Cookie) -> Result<Cookie> {
        let cookie = cookie.normalised()?;
        let id = self.store.put_cookie(&self.seal(workspace, &cookie)?)?;
        self.open(self.store.cookie(id)?)
    }

    /// Replaces cookie `id` with `cookie` (name, domain and path may change too).
    pub fn edit(&self, id: CookieId, cookie: &Cookie) -> Result<Cookie> {
        let workspace = self.store.cookie(id)?.workspace_id;
        let cookie = cookie.normalised()?;
        let id = self
            .store
            .replace_cookie(id, &self.seal(workspace, &cookie)?)?;
        self.open(self.store.cookie(id)?)
    }

    /// Removes cookie `id`.
    pub fn delete(&self, id: CookieId) -> Result<()> {
        Ok(self.store.delete_cookie(id)?)
    }

    /// Empties the workspace's jar; returns how many cookies went.
    pub fn clear(&self, workspace: WorkspaceId) -> Result<usize> {
        Ok(self.store.clear_cookies(workspace)?)
    }

    /// The workspace's jar in memory, for a send.
    pub fn jar(&self, workspace: WorkspaceId) -> Result<Jar> {
        Ok(Jar::new(&self.list(workspace)?))
    }

    /// Writes back what happened to `jar` since [`Cookies::jar`] loaded it.
    pub fn save(&self, workspace: WorkspaceId, jar: &Jar) -> Result<()> {
        let (put, gone) = jar.changes();
        if put.is_empty() && gone.is_empty() {
            return Ok(());
        }
        let rows = put
            .iter()
            .map(|c| self.seal(workspace, c))
            .collect::<Result<Vec<_>>>()?;
        Ok(self.store.update_cookies(workspace, &rows, &gone)?)
    }
}
