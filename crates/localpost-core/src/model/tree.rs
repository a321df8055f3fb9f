//! The containers: workspaces, collections, folders and environments, and the sidebar tree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    Auth, Classification, CollectionId, EnvironmentId, Extra, FolderId, Protocol, RequestId,
    RequestSettings, Scripts, Variable, WorkspaceId,
};

/// A workspace: the top of everything a user keeps together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Workspace {
    /// Row id.
    pub id: WorkspaceId,
    /// Display name.
    pub name: String,
    /// Place among workspaces, from 0.
    #[ts(type = "number")]
    pub position: i64,
    /// The environment whose variables are in force, if any.
    pub active_environment_id: Option<EnvironmentId>,
    /// Global variables of this workspace.
    pub globals: Vec<Variable>,
    /// How sensitive its data is: what history keeps, whether examples may be exported.
    #[serde(default)]
    pub classification: Classification,
}

/// What a collection or folder passes down to the requests under it, as its settings dialog
/// edits it: auth, default settings and scripts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParentSettings {
    /// Auth the requests inherit.
    pub auth: Auth,
    /// Default settings.
    pub settings: RequestSettings,
    /// Pre-request and test scripts, run around each request under it.
    pub scripts: Scripts,
}

/// A collection of folders and requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Collection {
    /// Row id.
    pub id: CollectionId,
    /// Workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// Display name.
    pub name: String,
    /// Place among the workspace's collections, from 0.
    #[ts(type = "number")]
    pub position: i64,
    /// Markdown description.
    pub description: String,
    /// Authorisation inherited by its items.
    pub auth: Auth,
    /// Scripts run around each of its requests.
    pub scripts: Scripts,
    /// Collection variables.
    pub variables: Vec<Variable>,
    /// Default settings for its requests.
    pub settings: RequestSettings,
    /// Fields kept verbatim from an import.
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// A folder inside a collection, possibly inside another folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Folder {
    /// Row id.
    pub id: FolderId,
    /// Collection it belongs to.
    pub collection_id: CollectionId,
    /// Folder holding it, or `None` at the collection's top level.
    pub parent_id: Option<FolderId>,
    /// Display name.
    pub name: String,
    /// Place among its siblings (folders and requests), from 0.
    #[ts(type = "number")]
    pub position: i64,
    /// Markdown description.
    pub description: String,
    /// Authorisation inherited by its items.
    pub auth: Auth,
    /// Scripts run around each of its requests.
    pub scripts: Scripts,
    /// Folder variables (kept for Postman fidelity; Postman does not resolve them).
    pub variables: Vec<Variable>,
    /// Default settings for its requests.
    pub settings: RequestSettings,
    /// Fields kept verbatim from an import.
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// An environment: a named set of variables, one of which may be active per workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Environment {
    /// Row id.
    pub id: EnvironmentId,
    /// Workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// Display name.
    pub name: String,
    /// Place among the workspace's environments, from 0.
    #[ts(type = "number")]
    pub position: i64,
    /// Its variables.
    pub variables: Vec<Variable>,
    /// Fields kept verbatim from an import, by format (`{"postman": {…}}`).
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// Where a folder or request lives: at a collection's top level or inside a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
#[ts(export)]
pub enum Parent {
    /// Top level of a collection.
    Collection(CollectionId),
    /// Inside a folder.
    Folder(FolderId),
}

/// What is needed to create a folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewFolder {
    /// Where the folder goes; it is appended after its siblings.
    pub parent: Parent,
    /// Display name.
    pub name: String,
}

/// One node of the sidebar tree: a folder with its children, or a request summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum TreeNode {
    /// A folder and its children in order.
    #[serde(rename_all = "camelCase")]
    Folder {
        /// Folder id.
        id: FolderId,
        /// Display name.
        name: String,
        /// Children in order.
        children: Vec<TreeNode>,
    },
    /// A request summary.
    #[serde(rename_all = "camelCase")]
    Request {
        /// Request id.
        id: RequestId,
        /// Display name.
        name: String,
        /// Method token.
        method: String,
        /// The URL as written (with its `{{variables}}`), for the sidebar's filter.
        url: String,
        /// HTTP or WebSocket (the sidebar badges a WebSocket request `WS`); HTTP is not
        /// written.
        #[serde(default, skip_serializing_if = "Protocol::is_http")]
        #[ts(optional, as = "Option<Protocol>")]
        protocol: Protocol,
    },
}

/// A collection and its tree, for the sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CollectionTree {
    /// Collection id.
    pub id: CollectionId,
    /// Display name.
    pub name: String,
    /// Top-level children in order.
    pub children: Vec<TreeNode>,
}

/// A workspace with its collections' trees and its environments, for the sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceTree {
    /// The workspace.
    pub workspace: Workspace,
    /// Its collections in order.
    pub collections: Vec<CollectionTree>,
    /// Its environments in order.
    pub environments: Vec<Environment>,
}
