//! Importing files of any format into a workspace, deciding what happens to a Postman
//! collection that is already there (same `info._postman_id`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::detect::parse_any;
use super::parsed::{self, Parsed};
use super::{ImportError, ImportReport, error::Result};
use crate::model::{CollectionId, WorkspaceId};
use crate::store::{CollectionImport, Store};
use crate::template::{Dynamic, SystemEntropy};
use crate::vault::Keychain;

/// What to do with an imported Postman collection whose `_postman_id` is already in the
/// workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum OnDuplicate {
    /// Fail with [`ImportError::Duplicate`], so that the user can choose.
    #[default]
    Ask,
    /// Delete the collection already there; the import takes its place.
    Replace,
    /// Keep both: the import gets a new `_postman_id`.
    Copy,
}

/// An imported collection that is already in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Duplicate {
    /// The imported collection's name.
    pub name: String,
    /// Its Postman id.
    pub postman_id: String,
    /// The collection already there.
    pub existing: CollectionId,
}

/// The `info._postman_id` a collection was imported with, if any.
pub fn postman_id(collection: &CollectionImport) -> Option<&str> {
    collection
        .collection
        .extra
        .get("postman")?
        .get("info")?
        .get("_postman_id")?
        .as_str()
}

/// The collections of `files` whose Postman id is already in `workspace`, in file order
/// (`None` for the others), so that a caller can ask before importing.
pub fn duplicates(
    store: &Store,
    workspace: WorkspaceId,
    files: &[Parsed],
) -> Result<Vec<Option<Duplicate>>> {
    let mut found = Vec::new();
    for file in files {
        let Some(coll) = file.collection() else {
            continue;
        };
        let existing = match postman_id(coll) {
            Some(id) => store
                .collection_by_postman_id(workspace, id)?
                .map(|existing| Duplicate {
                    name: coll.collection.name.clone(),
                    postman_id: id.to_string(),
                    existing,
                }),
            None => None,
        };
        found.push(existing);
    }
    Ok(found)
}

fn set_new_postman_id(coll: &mut CollectionImport) {
    let id = Dynamic::new(SystemEntropy)
        .value("$guid")
        .unwrap_or_default();
    if let Some(Value::Object(info)) = coll
        .collection
        .extra
        .get_mut("postman")
        .and_then(|p| p.get_mut("info"))
    {
        info.insert("_postman_id".into(), Value::String(id));
    }
}

/// What `on` decides for the collections of `files` already in `workspace`: the collection
/// each one replaces (by position among the files' collections), having given a copy a new
/// `_postman_id`; [`ImportError::Duplicate`] for the first one when `on` is
/// [`OnDuplicate::Ask`].
pub(crate) fn resolve_duplicates(
    store: &Store,
    workspace: WorkspaceId,
    files: &mut [Parsed],
    on: OnDuplicate,
) -> Result<Vec<Option<CollectionId>>> {
    let found = duplicates(store, workspace, files)?;
    let mut replace = Vec::new();
    let mut collections = files.iter_mut().filter_map(Parsed::collection_mut);
    for duplicate in found {
        let coll = collections.next();
        let Some(duplicate) = duplicate else {
            replace.push(None);
            continue;
        };
        match on {
            OnDuplicate::Ask => {
                return Err(ImportError::Duplicate {
                    name: duplicate.name,
                    postman_id: duplicate.postman_id,
                    existing: duplicate.existing,
                });
            }
            OnDuplicate::Replace => replace.push(Some(duplicate.existing)),
            OnDuplicate::Copy => {
                if let Some(coll) = coll {
                    set_new_postman_id(coll);
                }
                replace.push(None);
            }
        }
    }
    Ok(replace)
}

/// Writes `files` into a workspace in one transaction ([`parsed::import_with`]), handling
/// collections already there as `options.on_duplicate` says (`None` is
/// [`OnDuplicate::Ask`]).
pub fn import_into<K: Keychain>(
    to: &parsed::Destination<'_, K>,
    files: Vec<Parsed>,
    options: parsed::Options,
) -> Result<ImportReport> {
    let options = parsed::Options {
        on_duplicate: Some(options.on_duplicate.unwrap_or_default()),
        ..options
    };
    parsed::import_with(to, files, options)
}

/// Reads one file of any format from its bytes ([`parse_any`]) and imports it: the one call
/// the desktop's import dialog needs.
pub fn import_any<K: Keychain>(
    to: &parsed::Destination<'_, K>,
    file_name: &str,
    bytes: &[u8],
    options: parsed::Options,
) -> Result<ImportReport> {
    let files = parse_any(file_name, bytes)?;
    import_into(to, files, options)
}
