//! History: every send recorded, searchable, capped, and kept as the workspace's
//! [`Classification`] allows.
//!
//! [`History::record`] writes one send: method, URL (credentials already masked by
//! [`SentRequest`](crate::http::SentRequest); only its origin in a `restricted` workspace),
//! request name (none in a `restricted` workspace), status, sizes and timings always, in plain
//! columns that [`History::list`] searches; the request as sent and the response's headers and
//! body as JSON that is sealed with the installation's data key in an `internal` workspace,
//! plain in a `public` one, and not written at all in a `restricted` one. Past
//! [`Limits`] the oldest entries of the workspace go. [`History::show`] opens one entry.
//!
//! A send that got no response is recorded too ([`History::record_failure`]): the request as
//! it would have been sent when it got that far (kept as above), else its method and URL, and
//! a [`Failure`] (kind and message) in place of the status. A cancelled send is
//! [`FailureKind::Cancelled`], told apart from a failure.
//!
//! A WebSocket conversation is one entry too ([`History::record_conversation`]): its
//! handshake as the request and response heads (status 101), its frames as the response body,
//! one JSON object per line (direction, kind, time, size, data, close code), kept as above.
//!
//! A gRPC call is one entry too ([`History::record_call`]): its request head and response
//! metadata, then each message as a JSON line and a last line with status and trailers.
//!
//! This module does not send ([`crate::send`] calls `record` after each send) and keeps no SQL
//! (the store does) and no cipher (the vault does).

mod error;
mod grpc;
mod view;

pub use error::{HistoryError, Result};
pub use view::{Body, Detail, Entry, Failure, FailureKind, Kept, Line, Message};

use crate::http::websocket::Conversation;
use crate::http::{Exchange, Payload, SentRequest};
use crate::model::{Classification, HistoryId, Request, WorkspaceId, restricted_url};
use crate::store::{HistoryFailure, HistoryLimits, HistoryRow, HistoryStorage, Store};
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

/// Bytes of a WebSocket conversation's frames (as JSON lines) kept in its history entry; past
/// it, only the first frames.
pub const TRANSCRIPT_LIMIT: usize = 8 * 1024 * 1024;

/// Entries [`History::list`] returns at most by default.
pub const DEFAULT_LIST_LIMIT: usize = 200;

/// A send that got no response, for [`History::record_failure`].
#[derive(Debug)]
pub struct Attempt<'a> {
    /// The workspace and its classification.
    pub workspace: (WorkspaceId, Classification),
    /// The stored request it was a send of.
    pub request: &'a Request,
    /// The request as it would have gone out (masked); `None` when it could not be built.
    pub sent: Option<&'a SentRequest>,
    /// Why no response came.
    pub failure: Failure,
    /// When it was sent, Unix milliseconds.
    pub sent_at_ms: i64,
    /// Milliseconds from the send until it failed or was cancelled.
    pub elapsed_ms: f64,
}

/// The URL of `request` as typed, with any password it holds masked: what is known of a
/// request that could not be built.
pub(crate) fn typed_url(request: &Request) -> String {
    match url::Url::parse(&request.url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => request.url.clone(),
    }
}

/// The URL and request name a workspace of `class` keeps.
fn kept_names(class: Classification, url: String, name: &str) -> (String, String) {
    match class {
        Classification::Restricted => (restricted_url(&url), String::new()),
        Classification::Internal | Classification::Public => (url, name.to_owned()),
    }
}

fn storage(class: Classification) -> HistoryStorage {
    match class {
        Classification::Restricted => HistoryStorage::None,
        Classification::Internal => HistoryStorage::Sealed,
        Classification::Public => HistoryStorage::Plain,
    }
}

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
        let (url, request_name) = kept_names(class, sent.url.clone(), &request.name);
        let row = HistoryRow {
            id: HistoryId(0),
            workspace_id: ws,
            request_id: (request.id.0 > 0).then_some(request.id),
            request_name,
            method: sent.method.clone(),
            url,
            status: got.status,
            reason: got.reason.clone(),
            version: got.version.clone(),
            sent_at_ms,
            first_byte_ms: got.timings.first_byte_ms,
            total_ms: got.timings.total_ms,
            body_size: got.body.size,
            raw_size: got.raw_size,
            storage: storage(class),
            request: self.pack(class, ws, "request", &request_part)?,
            response: self.pack(class, ws, "response", &response_part)?,
            failure: None,
        };
        self.add(&row, limits)
    }

    /// Records a WebSocket `conversation` of `request` as [`History::record`] records an
    /// exchange: the handshake's request and response heads, and its frames (JSON lines) as
    /// the response body, sealed, plain or left out as the classification says. A
    /// conversation longer than it kept ends with a line `{"notKept": N}`.
    pub fn record_conversation(
        &self,
        workspace: (WorkspaceId, Classification),
        request: &Request,
        conversation: &Conversation,
        sent_at_ms: i64,
        limits: Limits,
    ) -> Result<HistoryId> {
        let (ws, class) = workspace;
        let handshake = &conversation.handshake;
        let sent = &handshake.request;
        let mut lines = Vec::new();
        for frame in &conversation.frames {
            // Plain data of our own: it serialises.
            if let Ok(mut line) = serde_json::to_vec(frame) {
                lines.append(&mut line);
                lines.push(b'\n');
            }
        }
        let left = conversation.frame_count - conversation.frames.len() as u64;
        if left > 0 {
            let note = format!("{{\"notKept\":{left}}}\n");
            lines.extend_from_slice(note.as_bytes());
        }
        let frames = Payload::from_bytes(&lines, TRANSCRIPT_LIMIT);
        let request_part = Message::new(&sent.headers, &sent.body);
        let response_part = Message::new(&handshake.headers, &frames);
        let (url, request_name) = kept_names(class, sent.url.clone(), &request.name);
        let payload = conversation.payload_bytes;
        let row = HistoryRow {
            id: HistoryId(0),
            workspace_id: ws,
            request_id: (request.id.0 > 0).then_some(request.id),
            request_name,
            method: sent.method.clone(),
            url,
            status: handshake.status,
            reason: handshake.reason.clone(),
            version: "HTTP/1.1".into(),
            sent_at_ms,
            first_byte_ms: handshake.ms,
            total_ms: conversation.total_ms,
            body_size: payload,
            raw_size: payload,
            storage: storage(class),
            request: self.pack(class, ws, "request", &request_part)?,
            response: self.pack(class, ws, "response", &response_part)?,
            failure: None,
        };
        self.add(&row, limits)
    }

    /// Records a send that got no response, then drops the oldest entries beyond `limits`.
    /// The status is 0, and the failure's message stands in its place.
    pub fn record_failure(&self, attempt: &Attempt<'_>, limits: Limits) -> Result<HistoryId> {
        let (ws, class) = attempt.workspace;
        let request = match attempt.sent {
            Some(sent) => {
                let part = Message::new(&sent.headers, &sent.body);
                self.pack(class, ws, "request", &part)?
            }
            None => None,
        };
        let full_url = attempt
            .sent
            .map_or_else(|| typed_url(attempt.request), |s| s.url.clone());
        let (url, request_name) = kept_names(class, full_url.clone(), &attempt.request.name);
        // A message may name the URL ("too many redirects from …"): a restricted workspace
        // keeps its origin there too.
        let mut message = attempt.failure.message.clone();
        if class == Classification::Restricted {
            for full in [&full_url, &attempt.request.url] {
                if !full.is_empty() {
                    message = message.replace(full.as_str(), &url);
                }
            }
        }
        let row = HistoryRow {
            id: HistoryId(0),
            workspace_id: ws,
            request_id: (attempt.request.id.0 > 0).then_some(attempt.request.id),
            request_name,
            method: attempt
                .sent
                .map_or_else(|| attempt.request.method.clone(), |s| s.method.clone()),
            url,
            status: 0,
            reason: String::new(),
            version: String::new(),
            sent_at_ms: attempt.sent_at_ms,
            first_byte_ms: 0.0,
            total_ms: attempt.elapsed_ms,
            body_size: 0,
            raw_size: 0,
            storage: match request {
                Some(_) => storage(class),
                None => HistoryStorage::None,
            },
            request,
            response: None,
            failure: Some(HistoryFailure {
                kind: attempt.failure.kind.as_str().into(),
                message,
            }),
        };
        self.add(&row, limits)
    }

    fn add(&self, row: &HistoryRow, limits: Limits) -> Result<HistoryId> {
        let limits = HistoryLimits {
            max_entries: limits.max_entries,
            max_bytes: limits.max_bytes,
        };
        Ok(self.store.add_history(row, limits)?)
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
