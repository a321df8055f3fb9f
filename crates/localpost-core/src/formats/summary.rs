//! What an import would write, before it writes anything: the collections, environments and
//! globals read, the collections already in the workspace (same `_postman_id`) and what the
//! secret scanner finds. An import dialog shows it so the user can choose, for
//! [`parsed::Options`], between replacing and copying a duplicate and which findings to move
//! into the vault. Values are never part of it: a finding has its place, kind and length.

use serde::Serialize;
use ts_rs::TS;

use super::any::duplicates;
use super::parsed::{self, Parsed};
use super::{Format, Warning, error::Result};
use crate::model::{CollectionId, WorkspaceId};
use crate::secrets::Finding;
use crate::store::Store;

/// A collection an import would create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IncomingCollection {
    /// Its name.
    pub name: String,
    /// The format it is read as.
    pub format: Format,
    /// How many folders it holds, at any depth.
    #[ts(type = "number")]
    pub folders: usize,
    /// How many requests it holds, at any depth.
    #[ts(type = "number")]
    pub requests: usize,
}

/// An environment an import would create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IncomingEnvironment {
    /// Its name.
    pub name: String,
    /// How many variables it holds.
    #[ts(type = "number")]
    pub variables: usize,
}

/// An incoming collection whose `_postman_id` is already in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DuplicateCollection {
    /// The incoming collection's name.
    pub name: String,
    /// The collection already there, which a replace deletes.
    pub existing: CollectionId,
    /// Its name (it may have been renamed since the first import).
    pub existing_name: String,
}

/// What an import of some files would do; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ImportSummary")]
pub struct Summary {
    /// Collections, in file order.
    pub collections: Vec<IncomingCollection>,
    /// Environments, in file order.
    pub environments: Vec<IncomingEnvironment>,
    /// Keys of the globals that would be set.
    pub globals: Vec<String>,
    /// Collections already in the workspace, in file order.
    pub duplicates: Vec<DuplicateCollection>,
    /// Plain-text secrets found, in document order; their `place`s are what
    /// [`parsed::SecretMoves::Only`] takes.
    pub findings: Vec<Finding>,
    /// Pieces that will be kept but not used, or not kept, each with its place.
    pub warnings: Vec<Warning>,
}

/// What importing `files` into `workspace` would do. Reads the store (to find duplicates),
/// writes nothing.
pub fn summarize(store: &Store, workspace: WorkspaceId, files: &[Parsed]) -> Result<Summary> {
    let mut summary = Summary::default();
    for file in files {
        summary.warnings.extend(file.warnings.iter().cloned());
        if let Some(coll) = file.collection() {
            let (folders, requests) = parsed::count(&coll.children);
            summary.collections.push(IncomingCollection {
                name: coll.collection.name.clone(),
                format: file.format,
                folders,
                requests,
            });
        } else if let Some(env) = file.environment() {
            summary.environments.push(IncomingEnvironment {
                name: env.name.clone(),
                variables: env.variables.len(),
            });
        } else if let Some(globals) = file.globals() {
            summary
                .globals
                .extend(globals.iter().map(|v| v.key.clone()));
        }
    }
    for duplicate in duplicates(store, workspace, files)?.into_iter().flatten() {
        summary.duplicates.push(DuplicateCollection {
            name: duplicate.name,
            existing_name: store.collection(duplicate.existing)?.name,
            existing: duplicate.existing,
        });
    }
    summary.findings = parsed::scan(files);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import;
    use crate::vault::OsKeychain;

    const USERS: &str = r#"{"info": {"name": "Users", "_postman_id": "6f1c0e4a-0000-4000-8000-000000000001",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Admin", "item": [{"name": "List", "request": {"url": "https://api.test/users",
        "header": [{"key": "Authorization", "value": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlc2lnbmF0dXJl"}]}}]},
        {"name": "Me", "request": "https://api.test/me"}]}"#;

    #[test]
    fn summarizes_what_would_be_written_without_writing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path().join("db")).expect("store");
        let ws = store.create_workspace("Home").expect("workspace");
        let mut files = import(USERS.as_bytes(), "users.json").expect("users");
        files.extend(
            import(
                br#"{"name": "dev", "values": [{"key": "a", "value": "1"}]}"#,
                "dev.json",
            )
            .expect("env"),
        );
        let summary = summarize(&store, ws.id, &files).expect("summary");
        assert_eq!(
            summary.collections,
            [IncomingCollection {
                name: "Users".into(),
                format: Format::CollectionV21,
                folders: 1,
                requests: 2,
            }]
        );
        assert_eq!(summary.environments[0].name, "dev");
        assert_eq!(summary.environments[0].variables, 1);
        assert!(summary.duplicates.is_empty());
        assert_eq!(summary.findings.len(), 1, "{:?}", summary.findings);
        assert!(summary.findings[0].place.contains("Authorization"));
        assert!(store.tree(ws.id).expect("tree").collections.is_empty());
    }

    #[test]
    fn names_the_collection_a_reimport_would_clash_with() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path().join("db")).expect("store");
        let ws = store.create_workspace("Home").expect("workspace");
        let files = import(USERS.as_bytes(), "users.json").expect("users");
        // No secret variables and no moves: the keychain is not touched.
        let keychain = OsKeychain::new("localpost-test-summary");
        let report = parsed::import(&store, &keychain, ws.id, files.clone()).expect("first import");
        let summary = summarize(&store, ws.id, &files).expect("summary");
        assert_eq!(
            summary.duplicates,
            [DuplicateCollection {
                name: "Users".into(),
                existing: report.collections[0].id,
                existing_name: "Users".into(),
            }]
        );
    }
}
