//! Typed row ids, so that a folder id cannot be passed where a request id is expected.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(export, type = "number")]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Id of a [`super::Workspace`].
    WorkspaceId
);
id_type!(
    /// Id of a [`super::Collection`].
    CollectionId
);
id_type!(
    /// Id of a [`super::Folder`]. Folders and requests share one id space.
    FolderId
);
id_type!(
    /// Id of a [`super::Request`]. Folders and requests share one id space.
    RequestId
);
id_type!(
    /// Id of an [`super::Environment`].
    EnvironmentId
);
id_type!(
    /// Id of a cookie in a workspace's jar.
    CookieId
);
id_type!(
    /// Id of a history entry (one send).
    HistoryId
);

/// A folder or a request: the things that can be reordered and moved inside a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
#[ts(export)]
pub enum NodeId {
    /// A folder.
    Folder(FolderId),
    /// A request.
    Request(RequestId),
}

impl NodeId {
    /// The raw row id, shared by folders and requests.
    pub fn raw(self) -> i64 {
        match self {
            NodeId::Folder(id) => id.0,
            NodeId::Request(id) => id.0,
        }
    }
}
