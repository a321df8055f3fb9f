//! History as plain data for the CLI and the UI: [`Entry`] in lists, [`Detail`] for one send,
//! [`Failure`] for a send that got no response.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::http::{Content, Payload};
use crate::model::{HistoryId, RequestId, WorkspaceId};
use crate::store::{HistoryFailure, HistoryRow, HistoryStorage};

/// What an entry kept of the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "HistoryKept")]
pub enum Kept {
    /// Status, sizes and timings only (a `restricted` workspace).
    Summary,
    /// Everything, sealed at rest (`internal`).
    Sealed,
    /// Everything, plain at rest (`public`).
    Plain,
}

/// Why a send got no response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "HistoryFailureKind")]
pub enum FailureKind {
    /// The user (or the caller) cancelled it: not a failure of the server or the network.
    Cancelled,
    /// No complete response within the timeout.
    Timeout,
    /// Nothing listened at the address.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake failed.
    Tls,
    /// The request could not be built (an invalid URL or header, a secret the keychain could
    /// not give): it was never sent.
    Invalid,
    /// Any other failure on the way (too many redirects, a broken connection, an undecodable
    /// body).
    Failed,
}

impl FailureKind {
    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Cancelled => "cancelled",
            FailureKind::Timeout => "timeout",
            FailureKind::Refused => "refused",
            FailureKind::Dns => "dns",
            FailureKind::Tls => "tls",
            FailureKind::Invalid => "invalid",
            FailureKind::Failed => "failed",
        }
    }

    /// Reads a name written by [`FailureKind::as_str`]; an unknown one is [`FailureKind::Failed`].
    pub fn parse(name: &str) -> FailureKind {
        [
            FailureKind::Cancelled,
            FailureKind::Timeout,
            FailureKind::Refused,
            FailureKind::Dns,
            FailureKind::Tls,
            FailureKind::Invalid,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
        .unwrap_or(FailureKind::Failed)
    }
}

impl std::fmt::Display for FailureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A send that got no response: what kind of failure, and the error's message (which never
/// holds a header value, a body or a credential).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "HistoryFailure")]
pub struct Failure {
    /// What kind.
    pub kind: FailureKind,
    /// The message, shown in place of the status.
    pub message: String,
}

impl Failure {
    /// Whether the send was cancelled rather than failed.
    pub fn is_cancelled(&self) -> bool {
        self.kind == FailureKind::Cancelled
    }
}

impl From<&HistoryFailure> for Failure {
    fn from(f: &HistoryFailure) -> Failure {
        Failure {
            kind: FailureKind::parse(&f.kind),
            message: f.message.clone(),
        }
    }
}

/// One send in a list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "HistoryEntry")]
pub struct Entry {
    /// Id.
    pub id: HistoryId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// The stored request, while it exists.
    pub request_id: Option<RequestId>,
    /// The request's name when sent.
    pub request_name: String,
    /// Method.
    pub method: String,
    /// URL as sent, credentials masked.
    pub url: String,
    /// Response status; 0 when no response came (`failure` says why).
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// Response HTTP version.
    pub version: String,
    /// When it was sent, Unix milliseconds.
    #[ts(type = "number")]
    pub sent_at_ms: i64,
    /// Milliseconds until the whole response.
    pub total_ms: f64,
    /// Milliseconds until the response headers.
    pub first_byte_ms: f64,
    /// Decoded body size, bytes.
    #[ts(type = "number")]
    pub body_size: u64,
    /// Body size on the wire, bytes.
    #[ts(type = "number")]
    pub raw_size: u64,
    /// What was kept.
    pub kept: Kept,
    /// Why no response came; `None` for a send that got one.
    pub failure: Option<Failure>,
}

impl From<&HistoryRow> for Entry {
    fn from(r: &HistoryRow) -> Entry {
        Entry {
            id: r.id,
            workspace_id: r.workspace_id,
            request_id: r.request_id,
            request_name: r.request_name.clone(),
            method: r.method.clone(),
            url: r.url.clone(),
            status: r.status,
            reason: r.reason.clone(),
            version: r.version.clone(),
            sent_at_ms: r.sent_at_ms,
            total_ms: r.total_ms,
            first_byte_ms: r.first_byte_ms,
            body_size: r.body_size,
            raw_size: r.raw_size,
            kept: match r.storage {
                HistoryStorage::None => Kept::Summary,
                HistoryStorage::Sealed => Kept::Sealed,
                HistoryStorage::Plain => Kept::Plain,
            },
            failure: r.failure.as_ref().map(Failure::from),
        }
    }
}

/// A header line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "HistoryHeader")]
pub struct Line {
    /// Name.
    pub name: String,
    /// Value (credentials were masked before recording).
    pub value: String,
}

/// A body as recorded: its first bytes when it was large or saved to a file.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "HistoryBody")]
pub struct Body {
    /// The bytes as text, when they are UTF-8.
    pub text: Option<String>,
    /// The bytes as base64, when they are not.
    pub base64: Option<String>,
    /// Size of the whole body, bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// Only the first bytes were kept.
    pub is_truncated: bool,
}

impl std::fmt::Debug for Body {
    // The bytes may hold credentials: show their size only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Body({} bytes)", self.size)
    }
}

impl From<&Payload> for Body {
    fn from(p: &Payload) -> Body {
        let (text, base64) = match &p.content {
            Content::Text { text } => (Some(text.clone()), None),
            Content::Base64 { base64 } => (None, Some(base64.clone())),
        };
        Body {
            text,
            base64,
            size: p.size,
            is_truncated: p.is_truncated || p.file.is_some(),
        }
    }
}

/// Headers and body of one side of the exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "HistoryMessage")]
pub struct Message {
    /// Headers in order.
    pub headers: Vec<Line>,
    /// Body.
    pub body: Body,
}

impl Message {
    pub(crate) fn new(headers: &[crate::http::Header], body: &Payload) -> Message {
        Message {
            headers: headers
                .iter()
                .map(|h| Line {
                    name: h.name.clone(),
                    value: h.value.clone(),
                })
                .collect(),
            body: body.into(),
        }
    }
}

/// One send with what was kept of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "HistoryDetail")]
pub struct Detail {
    /// The summary.
    pub entry: Entry,
    /// The request as sent; `None` when the workspace is `restricted`, or the request could not
    /// be built.
    pub request: Option<Message>,
    /// The response's headers and body; `None` when the workspace is `restricted`, or no
    /// response came.
    pub response: Option<Message>,
}
