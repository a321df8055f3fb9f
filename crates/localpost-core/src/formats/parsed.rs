//! A file any importer read and understood ([`Parsed`]: a collection, an environment or
//! globals, with its warnings), and writing such files into a workspace ([`import`],
//! [`import_with`]), all of them in one transaction. Every reader (Postman, Insomnia, OpenAPI,
//! HAR, curl, data dumps) gives `Parsed` values; none of this is Postman's own.

use super::error::{ImportError, Result};
use super::report::{Format, ImportReport, ImportedCollection, ImportedEnvironment, Warning};
use crate::model::{Variable, WorkspaceId};
use crate::secrets;
use crate::store::{
    CollectionImport, EnvironmentImport, ImportBundle, NodeImport, Store, StoreError,
};
use crate::vault::Keychain;

/// What a file holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Content {
    Collection(Box<CollectionImport>),
    Environment(EnvironmentImport),
    Globals(Vec<Variable>),
}

/// A Postman file read and understood, not yet written anywhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Where it came from (a file name), for reports.
    pub source: String,
    /// The format it was read as.
    pub format: Format,
    /// Pieces kept but not used, with their place.
    pub warnings: Vec<Warning>,
    pub(crate) content: Content,
}

impl Parsed {
    /// The collection it holds, as it will be written.
    pub fn collection(&self) -> Option<&CollectionImport> {
        match &self.content {
            Content::Collection(c) => Some(c),
            _ => None,
        }
    }

    /// The environment it holds, as it will be written.
    pub fn environment(&self) -> Option<&EnvironmentImport> {
        match &self.content {
            Content::Environment(e) => Some(e),
            _ => None,
        }
    }

    /// A collection read from another format (curl commands), so that it can be imported
    /// with Postman files in one transaction by [`import`].
    pub fn from_collection(
        source: &str,
        format: Format,
        collection: CollectionImport,
        mut warnings: Vec<Warning>,
    ) -> Parsed {
        for warning in &mut warnings {
            warning.file = source.to_string();
        }
        Parsed {
            source: source.to_string(),
            format,
            warnings,
            content: Content::Collection(Box::new(collection)),
        }
    }

    /// An environment read from another format (Insomnia), imported with the rest by
    /// [`import`].
    pub fn from_environment(
        source: &str,
        format: Format,
        environment: EnvironmentImport,
    ) -> Parsed {
        Parsed {
            source: source.to_string(),
            format,
            warnings: Vec::new(),
            content: Content::Environment(environment),
        }
    }

    /// The collection it holds, to change before it is written (import as a copy).
    pub(crate) fn collection_mut(&mut self) -> Option<&mut CollectionImport> {
        match &mut self.content {
            Content::Collection(c) => Some(c),
            _ => None,
        }
    }

    /// The globals it holds.
    pub fn globals(&self) -> Option<&[Variable]> {
        match &self.content {
            Content::Globals(g) => Some(g),
            _ => None,
        }
    }
}

/// Folders and requests below `nodes`, at any depth.
pub(crate) fn count(nodes: &[NodeImport]) -> (usize, usize) {
    nodes.iter().fold((0, 0), |(f, r), node| match node {
        NodeImport::Folder { children, .. } => {
            let (cf, cr) = count(children);
            (f + 1 + cf, r + cr)
        }
        NodeImport::Request(_) => (f, r + 1),
    })
}

/// How [`import_with`] treats what it imports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Which plain-text secrets the scanner finds are moved into the vault (or their variables
    /// made secret) before writing; the others are only reported.
    pub move_secrets: SecretMoves,
    /// What to do with a collection whose `_postman_id` is already in the workspace; `None`
    /// adds it beside the other without asking ([`crate::formats::import_into`] treats `None` as
    /// [`OnDuplicate::Ask`](crate::formats::OnDuplicate::Ask)).
    pub on_duplicate: Option<crate::formats::OnDuplicate>,
}

/// Which findings of the secret scanner an import moves into the vault.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "places", rename_all = "camelCase")]
#[ts(export)]
pub enum SecretMoves {
    /// None: they are reported.
    #[default]
    None,
    /// Every one.
    All,
    /// Those at these places (a [`Finding`](secrets::Finding)'s `place`, as a preview listed it).
    Only(Vec<String>),
}

/// What the secret scanner finds in `files`, before anything is written: for a preview that
/// lets the user pick which findings an import moves (see [`SecretMoves::Only`]).
pub fn scan(files: &[Parsed]) -> Vec<secrets::Finding> {
    // `bundle_of` takes the files by value: scan that copy in place rather than copy it again.
    secrets::scan_in_place(&mut bundle_of(files.to_vec()).0)
}

/// The files as one bundle, with their warnings and the formats of the collections.
fn bundle_of(files: Vec<Parsed>) -> (ImportBundle, Vec<Warning>, Vec<Format>) {
    let mut bundle = ImportBundle::default();
    let mut warnings = Vec::new();
    let mut formats = Vec::new();
    for file in files {
        warnings.extend(file.warnings);
        match file.content {
            Content::Collection(c) => {
                formats.push(file.format);
                bundle.collections.push(*c);
            }
            Content::Environment(e) => bundle.environments.push(e),
            Content::Globals(g) => bundle.globals.extend(g),
        }
    }
    (bundle, warnings, formats)
}

/// [`import_with`] default options: secrets found are reported, not moved.
pub fn import<K: Keychain>(
    store: &Store,
    keychain: &K,
    workspace: WorkspaceId,
    files: Vec<Parsed>,
) -> Result<ImportReport> {
    let to = Destination {
        store,
        keychain,
        workspace,
    };
    import_with(&to, files, Options::default())
}

/// Where parsed files are written: a workspace of a store, with the keychain that takes their
/// secrets.
pub struct Destination<'a, K: Keychain> {
    /// The store written.
    pub store: &'a Store,
    /// Takes secret variables and secrets moved to the vault.
    pub keychain: &'a K,
    /// The workspace the collections, environments and globals go to.
    pub workspace: WorkspaceId,
}

impl<K: Keychain> Clone for Destination<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Keychain> Copy for Destination<'_, K> {}

/// Writes every file into `workspace` in one transaction: all of them, or (on any failure)
/// none. Collections and environments are added after the workspace's own; globals replace
/// the workspace globals of the same key and add the others.
///
/// Secret variables (Postman's `type: "secret"`) go to `keychain` first, their values never
/// reaching the store; if the store write then fails, those keychain entries are removed again.
///
/// The secret scanner runs over everything read: findings are listed in the report, or moved
/// to the vault first when `options` say so (and removed from it again if the write fails).
pub fn import_with<K: Keychain>(
    to: &Destination<'_, K>,
    files: Vec<Parsed>,
    options: Options,
) -> Result<ImportReport> {
    let Destination {
        store,
        keychain,
        workspace,
    } = *to;
    let mut files = files;
    let replace = match options.on_duplicate {
        Some(on) => crate::formats::resolve_duplicates(store, workspace, &mut files, on)?,
        None => Vec::new(),
    };
    let (mut bundle, warnings, formats) = bundle_of(files);
    let mut report = ImportReport {
        warnings,
        ..ImportReport::default()
    };
    let vault = secrets::VaultSecrets::new(store, keychain);
    let chosen = |place: &str| match &options.move_secrets {
        SecretMoves::None => false,
        SecretMoves::All => true,
        SecretMoves::Only(places) => places.iter().any(|p| p == place),
    };
    report.moved = secrets::move_to_vault_where(&vault, &mut bundle, chosen)?;
    report.secrets = secrets::scan_in_place(&mut bundle);
    let stashed = match secrets::stash_bundle(keychain, &mut bundle) {
        Ok(stashed) => stashed,
        Err(e) => {
            secrets::undo_move(&vault, &report.moved);
            return Err(e.into());
        }
    };
    let unique = options.on_duplicate == Some(crate::formats::OnDuplicate::Ask);
    let ids = match store.import_replacing(workspace, &bundle, &replace, unique) {
        Ok(ids) => ids,
        Err(e) => {
            stashed.forget(keychain);
            secrets::undo_move(&vault, &report.moved);
            // Another writer imported the same collection after the check above: the same
            // error as if it had been there before.
            return Err(match e {
                StoreError::DuplicateCollection {
                    name,
                    postman_id,
                    existing,
                } => ImportError::Duplicate {
                    name,
                    postman_id,
                    existing,
                },
                e => e.into(),
            });
        }
    };
    for ((id, coll), format) in ids.collections.iter().zip(&bundle.collections).zip(formats) {
        let (folders, requests) = count(&coll.children);
        report.collections.push(ImportedCollection {
            id: *id,
            name: store.collection(*id)?.name,
            format,
            folders,
            requests,
        });
    }
    for (id, env) in ids.environments.iter().zip(&bundle.environments) {
        report.environments.push(ImportedEnvironment {
            id: *id,
            name: store.environment(*id)?.name,
            variables: env.variables.len(),
        });
    }
    report.globals = bundle.globals.iter().map(|v| v.key.clone()).collect();
    Ok(report)
}
