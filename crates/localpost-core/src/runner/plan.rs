//! The requests a run visits, in order: the collection's tree (or the folders asked for)
//! flattened, each request with its folder path and the ids `setNextRequest` finds it by.

use std::collections::HashMap;

use serde_json::Value;

use super::{Result, RunError};
use crate::model::{CollectionId, RequestId, TreeNode};
use crate::store::Store;

/// One request of the run.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) request: RequestId,
    pub(crate) name: String,
    /// The id newman gives it: the Postman file's item id, else ours.
    pub(crate) postman_id: String,
    /// The folders holding it, outermost first.
    pub(crate) folders: Vec<String>,
}

/// The requests in order, with newman's `setNextRequest` lookup: ids first, then names, the
/// last item of a name winning.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) steps: Vec<Step>,
    /// The WebSocket requests left out, by folder path and name (`Chat / Echo`): a run sends
    /// HTTP requests only, as newman (which never sees them) does.
    pub(crate) left_out: Vec<String>,
    ids: HashMap<String, usize>,
    names: HashMap<String, usize>,
}

impl Plan {
    /// The requests of `collection` under `folders` (names or ids; all when empty).
    pub(crate) fn of(store: &Store, collection: CollectionId, folders: &[String]) -> Result<Plan> {
        let coll = store.collection(collection)?;
        let tree = store.tree(coll.workspace_id)?;
        let children = tree
            .collections
            .into_iter()
            .find(|c| c.id == collection)
            .map(|c| c.children)
            .unwrap_or_default();
        let mut found = Vec::new();
        if folders.is_empty() {
            flatten(&children, &mut Vec::new(), &mut found);
        } else {
            for wanted in folders {
                let before = found.len();
                find(&children, wanted, &mut Vec::new(), &mut found);
                if found.len() == before {
                    return Err(RunError::UnknownFolder {
                        name: wanted.clone(),
                    });
                }
            }
        }
        let mut steps = Vec::with_capacity(found.len());
        let mut left_out = Vec::new();
        for (request, name, folders) in found {
            let stored = store.request(request)?;
            if stored.is_websocket() {
                let mut path = folders.clone();
                path.push(name);
                left_out.push(path.join(" / "));
                continue;
            }
            let postman_id = stored
                .extra
                .get("postman")
                .and_then(|p| p.get("id"))
                .and_then(Value::as_str)
                .map_or_else(|| request.0.to_string(), str::to_owned);
            steps.push(Step {
                request,
                name,
                postman_id,
                folders,
            });
        }
        let mut plan = Plan {
            steps,
            left_out,
            ids: HashMap::new(),
            names: HashMap::new(),
        };
        for (i, step) in plan.steps.iter().enumerate() {
            plan.ids.insert(step.postman_id.clone(), i);
            plan.ids.insert(step.request.0.to_string(), i);
            plan.names.insert(step.name.clone(), i);
        }
        Ok(plan)
    }

    /// Where `setNextRequest(target)` goes: by id, else by name; `None` if nothing matches.
    pub(crate) fn position_of(&self, target: &str) -> Option<usize> {
        self.ids
            .get(target)
            .or_else(|| self.names.get(target))
            .copied()
    }
}

type Found = Vec<(RequestId, String, Vec<String>)>;

fn flatten(nodes: &[TreeNode], path: &mut Vec<String>, out: &mut Found) {
    for node in nodes {
        match node {
            TreeNode::Folder { name, children, .. } => {
                path.push(name.clone());
                flatten(children, path, out);
                path.pop();
            }
            TreeNode::Request { id, name, .. } => out.push((*id, name.clone(), path.clone())),
        }
    }
}

/// The requests of every folder (or the request) named or numbered `wanted`.
fn find(nodes: &[TreeNode], wanted: &str, path: &mut Vec<String>, out: &mut Found) {
    for node in nodes {
        match node {
            TreeNode::Folder { id, name, children } => {
                path.push(name.clone());
                if name == wanted || id.0.to_string() == wanted {
                    flatten(children, path, out);
                } else {
                    find(children, wanted, path, out);
                }
                path.pop();
            }
            TreeNode::Request { id, name, .. } => {
                if name == wanted || id.0.to_string() == wanted {
                    out.push((*id, name.clone(), path.clone()));
                }
            }
        }
    }
}
