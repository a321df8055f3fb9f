//! [`Scratch`]: a throwaway store for a run from files, so that it touches neither the user's
//! data nor their keychain.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Result, RunError};
use crate::formats::postman;
use crate::model::{CollectionId, EnvironmentId, Variable, WorkspaceId};
use crate::secrets::ScopeSecrets;
use crate::store::Store;
use crate::vault::{MemoryKeychain, Vault};

/// The files a run from files reads, and the variables given beside them.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// The Postman collection (v1, v2.0 or v2.1).
    pub collection: PathBuf,
    /// A Postman environment file (newman's `-e`).
    pub environment: Option<PathBuf>,
    /// A Postman globals file (newman's `-g`).
    pub globals: Option<PathBuf>,
    /// Environment variables set or replaced after the file is read (`--env-var`).
    pub env_vars: Vec<(String, String)>,
    /// Globals set or replaced after the file is read (`--global-var`).
    pub global_vars: Vec<(String, String)>,
}

/// A store in a temporary directory (deleted on drop) holding one imported collection, an
/// environment (the file's, else an empty one named `environment`) and globals, with a vault
/// over an empty in-memory keychain.
pub struct Scratch {
    /// The store; drop it before the directory goes.
    pub store: Store,
    /// The vault the store seals with; it holds only what the run put in it.
    pub vault: Vault<Arc<MemoryKeychain>>,
    /// The workspace everything was imported into.
    pub workspace: WorkspaceId,
    /// The collection.
    pub collection: CollectionId,
    /// The environment.
    pub environment: EnvironmentId,
    _dir: tempfile::TempDir,
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scratch")
            .field("collection", &self.collection)
            .finish_non_exhaustive()
    }
}

fn set(variables: &mut Vec<Variable>, given: &[(String, String)]) {
    for (key, value) in given {
        match variables.iter_mut().rev().find(|v| v.key == *key) {
            Some(var) => {
                var.value = value.clone();
                var.enabled = true;
            }
            None => variables.push(Variable {
                key: key.clone(),
                value: value.clone(),
                ..Variable::default()
            }),
        }
    }
}

impl Scratch {
    /// Reads `files` into a new throwaway store. Fails with the file and place of whatever
    /// cannot be read, before anything runs.
    pub fn open(files: &Files) -> Result<Scratch> {
        let mut parsed = vec![postman::read_file(&files.collection)?];
        if parsed[0].collection().is_none() {
            return Err(RunError::NotACollection {
                path: files.collection.clone(),
            });
        }
        for path in files.environment.iter().chain(&files.globals) {
            parsed.push(postman::read_file(path)?);
        }
        let dir = tempfile::Builder::new()
            .prefix("localpost-run-")
            .tempdir()
            .map_err(RunError::Scratch)?;
        let keychain = Arc::new(MemoryKeychain::default());
        let sealer = Arc::new(Vault::new(keychain.clone()));
        let store = Store::open(dir.path().join("run.db"))?.with_sealer(sealer);
        let vault = Vault::new(keychain.clone());
        let workspace = store.create_workspace("Run")?.id;
        let report = postman::import(&store, &keychain, workspace, parsed)?;
        let collection =
            report
                .collections
                .first()
                .map(|c| c.id)
                .ok_or_else(|| RunError::NotACollection {
                    path: files.collection.clone(),
                })?;
        let secrets = ScopeSecrets::new(&store, &keychain);
        let environment = match report.environments.first() {
            Some(env) => env.id,
            None => store.create_environment(workspace, "environment", &[])?.id,
        };
        if !files.env_vars.is_empty() {
            let mut vars = store.environment(environment)?.variables;
            set(&mut vars, &files.env_vars);
            secrets.set_environment_variables(environment, vars)?;
        }
        if !files.global_vars.is_empty() {
            let mut vars = store.workspace(workspace)?.globals;
            set(&mut vars, &files.global_vars);
            secrets.set_globals(workspace, vars)?;
        }
        Ok(Scratch {
            store,
            vault,
            workspace,
            collection,
            environment,
            _dir: dir,
        })
    }
}
