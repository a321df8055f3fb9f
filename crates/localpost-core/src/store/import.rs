//! Writing a whole import at once: collections with their folder/request trees, environments
//! and globals, in one transaction, so that a failure anywhere leaves nothing behind.
//!
//! This module does not parse any file format (`formats` does): it takes model values and
//! gives them rows, positions and ids.

use rusqlite::Transaction;

use super::codec::{encode, encode_variables, imported_name};
use super::{Result, Store, StoreError, environments, order, workspaces};
use crate::model::{
    Collection, CollectionId, EnvironmentId, Example, Extra, Folder, Request, Variable, WorkspaceId,
};

/// Gives the `examples` column text of a request: sealed or plain as the workspace's class
/// says (`Store::encode_examples`).
type EncodeExamples<'a> = dyn Fn(&[Example]) -> Result<String> + 'a;

/// Everything one import writes.
///
/// The ids, parents and positions inside the model values are ignored: the store assigns
/// them, in the order given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportBundle {
    /// Collections, each appended after the workspace's last one.
    pub collections: Vec<CollectionImport>,
    /// Environments, each appended after the workspace's last one.
    pub environments: Vec<EnvironmentImport>,
    /// Global variables: each replaces the workspace global of the same key, in place, or is
    /// appended after them.
    pub globals: Vec<Variable>,
}

/// A collection and its tree.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionImport {
    /// The collection's fields (its id, workspace and position are ignored).
    pub collection: Collection,
    /// Its top-level folders and requests, in order.
    pub children: Vec<NodeImport>,
}

/// A folder with its children, or a request.
// Requests are most of any import tree, so the Request variant is the common size; boxing it
// would add an allocation per request to save space on the few folders.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum NodeImport {
    /// A folder (its id, collection, parent and position are ignored).
    Folder {
        /// The folder's fields.
        folder: Folder,
        /// Its children, in order.
        children: Vec<NodeImport>,
    },
    /// A request (its id, collection, folder and position are ignored).
    Request(Request),
}

/// An environment to create.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnvironmentImport {
    /// Display name.
    pub name: String,
    /// Its variables.
    pub variables: Vec<Variable>,
    /// Fields kept verbatim from the file.
    pub extra: Extra,
}

/// The ids an import created, in the order of its bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedIds {
    /// One per [`ImportBundle::collections`].
    pub collections: Vec<CollectionId>,
    /// One per [`ImportBundle::environments`].
    pub environments: Vec<EnvironmentId>,
}

fn insert_collection(
    tx: &Transaction<'_>,
    workspace: WorkspaceId,
    coll: &Collection,
) -> Result<CollectionId> {
    let coll_name = imported_name("collection", &coll.name)?;
    tx.execute(
        "INSERT INTO collections (workspace_id, name, position, description, auth, scripts,
                                  variables, settings, extra)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0)
                          FROM collections WHERE workspace_id = ?1), ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            workspace.0,
            &coll_name,
            &coll.description,
            encode(&coll.auth)?,
            encode(&coll.scripts)?,
            encode_variables(&coll.variables)?,
            encode(&coll.settings)?,
            encode(&coll.extra)?,
        ),
    )?;
    Ok(CollectionId(tx.last_insert_rowid()))
}

/// Where an imported folder or request goes: its collection, parent folder and position.
#[derive(Clone, Copy)]
struct Place {
    collection: CollectionId,
    parent: Option<i64>,
    position: i64,
}

fn insert_folder(tx: &Transaction<'_>, at: Place, folder: &Folder) -> Result<i64> {
    let Place {
        collection,
        parent,
        position,
    } = at;
    let folder_name = imported_name("folder", &folder.name)?;
    tx.execute(
        "INSERT INTO items (collection_id, parent_id, kind, name, position, description, auth,
                            scripts, variables, settings, extra)
         VALUES (?1, ?2, 'folder', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            collection.0,
            parent,
            &folder_name,
            position,
            &folder.description,
            encode(&folder.auth)?,
            encode(&folder.scripts)?,
            encode_variables(&folder.variables)?,
            encode(&folder.settings)?,
            encode(&folder.extra)?,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_request(
    tx: &Transaction<'_>,
    at: Place,
    request: &Request,
    examples: &EncodeExamples<'_>,
) -> Result<()> {
    let Place {
        collection,
        parent,
        position,
    } = at;
    let request_name = imported_name("request", &request.name)?;
    let method = match request.method.trim() {
        "" => "GET".to_string(),
        m => m.to_string(),
    };
    tx.execute(
        "INSERT INTO items (collection_id, parent_id, kind, name, position, method, url,
                            description, params, path_variables, headers, body, auth, scripts,
                            settings, examples, extra, variables, protocol, messages, grpc,
                            socketio)
         VALUES (?1, ?2, 'request', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                 ?16, ?17, ?18, ?19, ?20, ?21)",
        rusqlite::params![
            collection.0,
            parent,
            &request_name,
            position,
            &method,
            &request.url,
            &request.description,
            encode(&request.params)?,
            encode(&request.path_variables)?,
            encode(&request.headers)?,
            encode(&request.body)?,
            encode(&request.auth)?,
            encode(&request.scripts)?,
            encode(&request.settings)?,
            examples(&request.examples)?,
            encode(&request.extra)?,
            encode_variables(&request.variables)?,
            super::items::protocol_text(request.protocol),
            encode(&request.messages)?,
            encode(&request.grpc)?,
            encode(&request.socketio)?,
        ],
    )?;
    Ok(())
}

/// Inserts `nodes` under `under` (a collection, and a folder or its top level), in order.
fn insert_nodes(
    tx: &Transaction<'_>,
    under: (CollectionId, Option<i64>),
    nodes: &[NodeImport],
    examples: &EncodeExamples<'_>,
) -> Result<()> {
    let (collection, parent) = under;
    for (position, node) in nodes.iter().enumerate() {
        let at = Place {
            collection,
            parent,
            position: position as i64,
        };
        match node {
            NodeImport::Folder { folder, children } => {
                let id = insert_folder(tx, at, folder)?;
                insert_nodes(tx, (collection, Some(id)), children, examples)?;
            }
            NodeImport::Request(request) => insert_request(tx, at, request, examples)?,
        }
    }
    Ok(())
}

/// `current` with each of `imported` replacing the variable of the same key, else appended.
fn merge_globals(mut current: Vec<Variable>, imported: &[Variable]) -> Vec<Variable> {
    for var in imported {
        match current.iter_mut().find(|v| v.key == var.key) {
            Some(existing) => *existing = var.clone(),
            None => current.push(var.clone()),
        }
    }
    current
}

/// Deletes collection `old` of `workspace` and puts `new` where it was.
fn replace_collection(
    tx: &Transaction<'_>,
    workspace: WorkspaceId,
    old: CollectionId,
    new: CollectionId,
) -> Result<()> {
    let siblings = order::sibling_ids(
        tx,
        "SELECT id FROM collections WHERE workspace_id = ?1 ORDER BY position, id",
        &[&workspace.0],
    )?;
    let index = siblings
        .iter()
        .position(|id| *id == old.0)
        .ok_or(super::StoreError::NotFound {
            what: "collection",
            id: old.0,
        })?;
    tx.execute("DELETE FROM collections WHERE id = ?1", [old.0])?;
    let rest: Vec<i64> = siblings.into_iter().filter(|id| *id != old.0).collect();
    order::place(tx, "collections", rest, new.0, index)
}

impl Store {
    /// The collection of `workspace` imported from a Postman file with this `info._postman_id`,
    /// if any (the first one, by position).
    pub fn collection_by_postman_id(
        &self,
        workspace: WorkspaceId,
        postman_id: &str,
    ) -> Result<Option<CollectionId>> {
        by_postman_id(&self.lock(), workspace, postman_id)
    }

    /// Writes `bundle` into `workspace` in one transaction: every collection with its whole
    /// tree, every environment, the globals. Auth credentials are sealed, and so are saved
    /// examples unless the workspace is `public`. On any failure (an empty name, say, or no
    /// data key to seal with) nothing is written.
    pub fn import(&self, workspace: WorkspaceId, bundle: &ImportBundle) -> Result<ImportedIds> {
        self.import_replacing(workspace, bundle, &[], false)
    }

    /// [`Store::import`], where the collection at index `i` of the bundle takes the place of
    /// collection `replace[i]` when that is `Some`: the old one is deleted with its tree and
    /// the new one takes its position, in the same transaction as the rest.
    ///
    /// With `unique`, a collection not replacing one must not share its Postman id with a
    /// collection of the workspace: checked inside the transaction, so that of two writers
    /// importing the same collection at once, the second fails with
    /// [`StoreError::DuplicateCollection`] as it would have one moment later.
    pub fn import_replacing(
        &self,
        workspace: WorkspaceId,
        bundle: &ImportBundle,
        replace: &[Option<CollectionId>],
        unique: bool,
    ) -> Result<ImportedIds> {
        let bundle = &self.sealed_bundle(bundle)?;
        self.write(|tx| {
            let ws = workspaces::get(tx, workspace)?;
            let class = ws.classification;
            let examples = |list: &[Example]| self.encode_examples(list, class);
            let mut ids = ImportedIds::default();
            for (i, coll) in bundle.collections.iter().enumerate() {
                if unique && replace.get(i).copied().flatten().is_none() {
                    refuse_duplicate(tx, workspace, &coll.collection)?;
                }
                let id = insert_collection(tx, workspace, &coll.collection)?;
                insert_nodes(tx, (id, None), &coll.children, &examples)?;
                if let Some(Some(old)) = replace.get(i) {
                    replace_collection(tx, workspace, *old, id)?;
                }
                ids.collections.push(id);
            }
            for env in &bundle.environments {
                let env_name = imported_name("environment", &env.name)?;
                let created =
                    environments::insert(tx, workspace, &env_name, &env.variables, &env.extra)?;
                ids.environments.push(created.id);
            }
            if !bundle.globals.is_empty() {
                let globals = merge_globals(ws.globals, &bundle.globals);
                tx.execute(
                    "UPDATE workspaces SET globals = ?1, updated_at = unixepoch() WHERE id = ?2",
                    (encode_variables(&globals)?, workspace.0),
                )?;
            }
            Ok(ids)
        })
    }
}

/// Fails with [`StoreError::DuplicateCollection`] when `collection`'s Postman id is already
/// that of a collection in `workspace`.
fn refuse_duplicate(
    tx: &Transaction,
    workspace: WorkspaceId,
    collection: &Collection,
) -> Result<()> {
    let Some(postman_id) = collection
        .extra
        .get("postman")
        .and_then(|p| p.get("info"))
        .and_then(|i| i.get("_postman_id"))
        .and_then(|v| v.as_str())
    else {
        return Ok(());
    };
    match by_postman_id(tx, workspace, postman_id)? {
        Some(existing) => Err(StoreError::DuplicateCollection {
            name: collection.name.clone(),
            postman_id: postman_id.to_owned(),
            existing,
        }),
        None => Ok(()),
    }
}

/// The first collection of `workspace` imported with Postman id `postman_id`, if any.
fn by_postman_id(
    conn: &rusqlite::Connection,
    workspace: WorkspaceId,
    postman_id: &str,
) -> Result<Option<CollectionId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM collections WHERE workspace_id = ?1
           AND json_extract(extra, '$.postman.info._postman_id') = ?2
         ORDER BY position, id LIMIT 1",
    )?;
    let mut rows = stmt.query((workspace.0, postman_id))?;
    match rows.next()? {
        Some(row) => Ok(Some(CollectionId(row.get(0)?))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str, value: &str) -> Variable {
        Variable {
            key: key.into(),
            value: value.into(),
            ..Variable::default()
        }
    }

    #[test]
    fn imported_globals_replace_their_key_in_place_and_append_the_rest() {
        let merged = merge_globals(
            vec![var("a", "1"), var("b", "2")],
            &[var("b", "two"), var("c", "3")],
        );
        assert_eq!(merged, vec![var("a", "1"), var("b", "two"), var("c", "3")]);
    }
}
