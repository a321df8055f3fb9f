//! The desktop app's open tabs and the heads of unsaved drafts, as the store keeps them per
//! workspace so that a restart gives them back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CollectionId, FolderId, RequestId};

/// What one tab shows: a request to edit, or a folder or collection opened for its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
#[ts(export)]
pub enum TabTarget {
    /// A request.
    Request(RequestId),
    /// A folder's settings.
    Folder(FolderId),
    /// A collection's settings.
    Collection(CollectionId),
}

/// A workspace's open tabs, in order, and the active one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenTabs {
    /// The tabs, left to right. Each target appears once.
    pub tabs: Vec<TabTarget>,
    /// Index in `tabs` of the active tab; `None` when no tab is open.
    pub active: Option<u32>,
}

/// What the tab bar shows of a request with an unsaved draft: its name and method as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftHead {
    /// The request.
    pub request_id: RequestId,
    /// Its name as edited.
    pub name: String,
    /// Its method as edited.
    pub method: String,
}
