//! History: every send recorded, searchable, capped, and kept as the workspace's
//! [`Classification`] allows.
//!
//! [`History::record`] writes one send: method, URL (credentials already masked by
//! [`SentRequest`](crate::http::SentRequest)), status, sizes and timings always, in plain
//! columns that [`History::list`] searches; the request as sent and the response's headers and
//! body as JSON that is sealed with the installation's data key in an `internal` workspace,
//! plain in a `public` one, and not written at all in a `restricted` one. Past
//! [`Limits`] the oldest entries of the workspace go. [`History::show`] opens one entry.
//!
//! This module does not send ([`crate::send`] calls `record` after each send) and keeps no SQL
//! (the store does) and no cipher (the vault does).

mod error;
mod view;

pub use error::{HistoryError, Result};
pub use view::{Body, Detail, Entry, Kept, Line, Message};

use crate::http::Exchange;
use crate::model::{Classification, HistoryId, Request, WorkspaceId};
use crate::store::{HistoryLimits, HistoryRow, HistoryStorage, Store};
use crate::vault::{Keychain, Vault};

/// How much history each workspace keeps; past either limit the oldest entries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries. Default 1,000.
    pub max_entries: u64,
    /// Most bytes of recorded requests and responses. Default 100 MiB.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 1000,
            max_bytes: 100 * 1024 * 1024,
        }
    }
}

/// Entries [`History::list`] returns at most by default.
pub const DEFAULT_LIST_LIMIT: usize = 200;

/// A workspace's history in the store, sealed and opened through the vault.
#[derive(Debug)]
pub struct History<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
}

fn context(workspace: WorkspaceId, part: &str) -> String {
    crate::store::history_context(workspace, part)
}

impl<'a, K: Keychain> History<'a, K> {
    /// History in `store`, sealed with `vault`'s data key.
    pub fn new(store: &'a Store, vault: &'a Vault<K>) -> Self {
        History { store, vault }
    }

    fn pack(
        &self,
        class: Classification,
        workspace: WorkspaceId,
        part: &str,
        message: &Message,
    ) -> Result<Option<Vec<u8>>> {
        let json = serde_json::to_vec(message).map_err(|e| HistoryError::Corrupt {
            id: 0,
            part: "new entry",
            reason: e.to_string(),
        })?;
        Ok(match class {
            Classification::Restricted => None,
            Classification::Internal => Some(self.vault.seal(&json, &context(workspace, part))?),
            Classification::Public => Some(json),
        })
    }

    /// Records `exchange`, a send of `request` in `workspace` (with its classification) at
    /// `sent_at_ms` (Unix milliseconds), then drops the oldest entries beyond `limits`.
    pub fn record(
        &self,
        workspace: (WorkspaceId, Classification),
        request: &Request,
        exchange: &Exchange,
        sent_at_ms: i64,
        limits: Limits,
    ) -> Result<HistoryId> {
        let (ws, class) = workspace;
        let sent = &exchange.request;
        let got = &exchange.response;
        let request_part = Message::new(&sent.headers, &sent.body);
        let response_part = Message::new(&got.headers, &got.body);
        let row = HistoryRow {
            id: HistoryId(0),
            workspace_id: ws,
            request_id: (request.id.0 > 0).then_some(request.id),
            request_name: request.name.clone(),
            method: sent.method.clone(),
            url: sent.url.clone(),
            status: got.status,
            reason: got.reason.clone(),
            version: got.version.clone(),
            sent_at_ms,
            first_byte_ms: got.timings.first_byte_ms,
            total_ms: got.timings.total_ms,
            body_size: got.body.size,
            raw_size: got.raw_size,
            storage: match class {
                Classification::Restricted => HistoryStorage::None,
                Classification::Internal => HistoryStorage::Sealed,
                Classification::Public => HistoryStorage::Plain,
            },
            request: self.pack(class, ws, "request", &request_part)?,
            response: self.pack(class, ws, "response", &response_part)?,
        };
        let limits = HistoryLimits {
            max_entries: limits.max_entries,
            max_bytes: limits.max_bytes,
        };
        Ok(self.store.add_history(&row, limits)?)
    }

    /// The workspace's entries, newest first, at most `limit`; `search` keeps those whose URL,
    /// method, status or request name contains it.
    pub fn list(
        &self,
        workspace: WorkspaceId,
        search: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        Ok(self
            .store
            .history(workspace, search, limit)?
            .iter()
            .map(Entry::from)
            .collect())
    }

    fn unpack(
        &self,
        row: &HistoryRow,
        part: &'static str,
        blob: Option<&Vec<u8>>,
    ) -> Result<Option<Message>> {
        let Some(blob) = blob else { return Ok(None) };
        let json = match row.storage {
            HistoryStorage::None => return Ok(None),
            HistoryStorage::Sealed => self.vault.open(blob, &context(row.workspace_id, part))?,
            HistoryStorage::Plain => blob.clone(),
        };
        serde_json::from_slice(&json)
            .map(Some)
            .map_err(|e| HistoryError::Corrupt {
                id: row.id.0,
                part,
                reason: e.to_string(),
            })
    }

    /// One entry with the request and response it kept.
    pub fn show(&self, id: HistoryId) -> Result<Detail> {
        let row = self.store.history_entry(id)?;
        Ok(Detail {
            entry: Entry::from(&row),
            request: self.unpack(&row, "request", row.request.as_ref())?,
            response: self.unpack(&row, "response", row.response.as_ref())?,
        })
    }

    /// Removes one entry.
    pub fn delete(&self, id: HistoryId) -> Result<()> {
        Ok(self.store.delete_history_entry(id)?)
    }

    /// Empties the workspace's history; returns how many entries went.
    pub fn clear(&self, workspace: WorkspaceId) -> Result<usize> {
        Ok(self.store.clear_history(workspace)?)
    }
}
