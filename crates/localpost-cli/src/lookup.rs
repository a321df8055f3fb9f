//! Finding what the user named on the command line: a workspace, a collection, an environment
//! or a request, by id or by name. Anything not found, or named ambiguously, is a usage error (exit 2).

use localpost_core::model::{
    Collection, CollectionId, Environment, EnvironmentId, Request, RequestId, TreeNode, Workspace,
    WorkspaceTree,
};
use localpost_core::store::{Store, StoreError};

use crate::exit::Failure;

/// The workspace named or numbered `wanted`, else the first one.
pub fn workspace(store: &Store, wanted: Option<&str>) -> Result<Workspace, Failure> {
    let all = store.workspaces()?;
    let found = match wanted {
        None => all.into_iter().next(),
        Some(wanted) => all
            .into_iter()
            .find(|w| w.name == wanted || w.id.to_string() == wanted),
    };
    found.ok_or_else(|| match wanted {
        Some(wanted) => Failure::usage(format!("no workspace named {wanted:?}")),
        None => Failure::usage(format!("no workspaces yet ({})", store.path().display())),
    })
}

/// The environment named or numbered `wanted`, else the workspace's active one (if any).
pub fn environment<'a>(
    tree: &'a WorkspaceTree,
    wanted: Option<&str>,
) -> Result<Option<&'a Environment>, Failure> {
    let envs = &tree.environments;
    match wanted {
        None => Ok(tree
            .workspace
            .active_environment_id
            .and_then(|id| envs.iter().find(|e| e.id == id))),
        Some(wanted) => envs
            .iter()
            .find(|e| e.name == wanted || e.id.to_string() == wanted)
            .map(Some)
            .ok_or_else(|| {
                Failure::usage(format!(
                    "no environment named {wanted:?} in workspace {:?}",
                    tree.workspace.name
                ))
            }),
    }
}

/// The collection with id `wanted` (in any workspace), else the one of that name in `tree`.
pub fn collection(
    store: &Store,
    tree: &WorkspaceTree,
    wanted: &str,
) -> Result<Collection, Failure> {
    if let Ok(id) = wanted.parse::<i64>()
        && let Some(found) = not_found_as_none(store.collection(CollectionId(id)))?
    {
        return Ok(found);
    }
    let ids: Vec<CollectionId> = tree
        .collections
        .iter()
        .filter(|c| c.name == wanted)
        .map(|c| c.id)
        .collect();
    match ids.as_slice() {
        [id] => Ok(store.collection(*id)?),
        [] => Err(Failure::usage(format!(
            "no collection {wanted:?} in workspace {:?} (`localpost list` shows names and ids)",
            tree.workspace.name
        ))),
        _ => Err(Failure::usage(format!(
            "several collections are named {wanted:?}; give the collection's id (`localpost \
             list` shows it)"
        ))),
    }
}

/// The environment with id `wanted` (in any workspace), else the one of that name in `tree`.
pub fn environment_named(
    store: &Store,
    tree: &WorkspaceTree,
    wanted: &str,
) -> Result<Environment, Failure> {
    if let Ok(id) = wanted.parse::<i64>()
        && let Some(found) = not_found_as_none(store.environment(EnvironmentId(id)))?
    {
        return Ok(found);
    }
    let ids: Vec<EnvironmentId> = tree
        .environments
        .iter()
        .filter(|e| e.name == wanted)
        .map(|e| e.id)
        .collect();
    match ids.as_slice() {
        [id] => Ok(store.environment(*id)?),
        [] => Err(Failure::usage(format!(
            "no environment {wanted:?} in workspace {:?} (`localpost list` shows names and ids)",
            tree.workspace.name
        ))),
        _ => Err(Failure::usage(format!(
            "several environments are named {wanted:?}; give the environment's id \
             (`localpost list` shows it)"
        ))),
    }
}

fn not_found_as_none<T>(found: Result<T, StoreError>) -> Result<Option<T>, Failure> {
    match found {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The request with id `wanted`, or at the path `Collection/Folder/…/Request` in `tree`.
pub fn request(store: &Store, tree: &WorkspaceTree, wanted: &str) -> Result<Request, Failure> {
    if let Ok(id) = wanted.parse::<i64>() {
        return store.request(RequestId(id)).map_err(|e| match e {
            StoreError::NotFound { .. } => Failure::usage(format!("no request with id {id}")),
            other => other.into(),
        });
    }
    let not_found = || {
        Failure::usage(format!(
            "no request {wanted:?} in workspace {:?} (give Collection/Folder/Request or an id; \
             `localpost list` shows both)",
            tree.workspace.name
        ))
    };
    let mut segments = wanted.split('/');
    let collection_name = segments.next().unwrap_or_default();
    let collections: Vec<_> = tree
        .collections
        .iter()
        .filter(|c| c.name == collection_name)
        .collect();
    let collection = match collections.as_slice() {
        [] => return Err(not_found()),
        [one] => *one,
        _ => return Err(ambiguous("collections", collection_name)),
    };
    let rest: Vec<&str> = segments.collect();
    let Some((last, folders)) = rest.split_last() else {
        return Err(not_found());
    };
    let mut children = &collection.children;
    for folder in folders {
        let matches: Vec<_> = children
            .iter()
            .filter_map(|n| match n {
                TreeNode::Folder { name, children, .. } if name == folder => Some(children),
                _ => None,
            })
            .collect();
        children = match matches.as_slice() {
            [] => return Err(not_found()),
            [one] => one,
            _ => return Err(ambiguous("folders", folder)),
        };
    }
    let ids: Vec<RequestId> = children
        .iter()
        .filter_map(|n| match n {
            TreeNode::Request { id, name, .. } if name == last => Some(*id),
            _ => None,
        })
        .collect();
    match ids.as_slice() {
        [] => Err(not_found()),
        [id] => Ok(store.request(*id)?),
        _ => Err(ambiguous("requests", last)),
    }
}

fn ambiguous(what: &str, name: &str) -> Failure {
    Failure::usage(format!(
        "several {what} are named {name:?}; give the request's id (`localpost list` shows it)"
    ))
}
