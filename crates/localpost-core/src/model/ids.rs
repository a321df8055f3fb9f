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
id_type!(
    /// Id of a past collection run.
    RunId
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

/// A version 4 UUID, lower-case, from 16 random bytes (the version and variant bits are set
/// here). One formatting for every UUID the core makes: `$guid`, EdgeGrid nonces, ASAP `jti`,
/// and the ids of the script sandbox's objects.
pub(crate) fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
