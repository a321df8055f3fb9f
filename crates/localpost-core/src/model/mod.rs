//! The data model: workspaces, collections, folders, requests, environments and variables.
//!
//! These are plain serialisable values, shared with the UI through ts-rs bindings. This module
//! owns their shape and their defaults; it does not know how they are stored ([`crate::store`])
//! or sent (later: `http`). Fields that importers meet but we do not model yet are kept verbatim
//! in an `extra` map so that exports can give them back.

mod auth;
mod classification;
mod ids;
mod preferences;
mod request;
mod tabs;
mod transport;
mod tree;
mod variable;
mod vault_entry;

pub(crate) use ids::uuid_v4;

pub use auth::{Auth, AuthMode, AuthParam};
pub use classification::Classification;
pub(crate) use classification::restricted_url;
pub use ids::{
    CollectionId, CookieId, EnvironmentId, FolderId, HistoryId, NodeId, RequestId, RunId,
    WorkspaceId,
};
pub use preferences::{
    CHOSEN_FILES, ChosenFile, DEFAULT_HISTORY_LIMIT, FONT_SIZES, FileReads, Layout, Look, Panes,
    Preferences, SIDEBAR_WIDTHS, SPLITS, Theme,
};
pub use request::{
    Body, Example, FormPart, FormValue, GrpcCall, KeyValue, MessageKind, NewRequest, ProtoSource,
    ProtoText, Protocol, RawLanguage, Request, RequestSettings, Scripts, SocketIoSettings,
    WebSocketMessage,
};
pub use tabs::{DraftHead, OpenTabs, TabTarget};
pub use transport::{ClientCertificate, ProxyMode, ProxySettings};
pub use tree::{
    Collection, CollectionTree, Environment, Folder, NewFolder, Parent, ParentSettings, TreeNode,
    Workspace, WorkspaceTree,
};
pub use variable::Variable;
pub use vault_entry::VaultEntry;

/// Free-form fields kept verbatim from an import, so that an export can give them back.
pub type Extra = serde_json::Map<String, serde_json::Value>;
