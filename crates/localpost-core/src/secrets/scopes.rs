//! Saving a scope's variables (an environment, a workspace's globals, a collection) with their
//! secrets in the OS keychain, and reading one secret back for the UI.
//!
//! [`ScopeSecrets`] is what an editor calls: it takes the variables as edited (a secret's value
//! newly typed, or left empty to keep the stored one) and runs [`stash_variables`] then the
//! store write, undoing the stash with [`Stashed::forget`] if the write fails. It also
//! duplicates and deletes environments so that each secret has its own keychain entry and no
//! entry outlives its variable (deletes remove keychain entries best-effort: one the keychain
//! refuses is retried on the next delete, and reported as a warning meanwhile). It does not decide what is secret (the user does) and never
//! returns more than one secret value at a time.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::variables::{Stashed, account, new_ref, reveal_one, stash_variables};
use super::{Result, SecretsError};
use crate::model::{
    Collection, CollectionId, Environment, EnvironmentId, Folder, FolderId, Variable, Workspace,
    WorkspaceId,
};
use crate::model::{NodeId, RequestId};
use crate::store::{SecretRefMap, Store, StoreError, Subtree};
use crate::vault::{Keychain, Secret};

/// Which scope a variable belongs to, for [`ScopeSecrets::reveal_variable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum VariableScope {
    /// A workspace's globals.
    Globals {
        /// The workspace.
        id: WorkspaceId,
    },
    /// An environment's variables.
    Environment {
        /// The environment.
        id: EnvironmentId,
    },
    /// A collection's variables.
    Collection {
        /// The collection.
        id: CollectionId,
    },
    /// A folder's variables.
    Folder {
        /// The folder.
        id: FolderId,
    },
}

/// A collection, folder or request: what the sidebar duplicates, and the copy it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
#[ts(export)]
pub enum Duplicable {
    /// A collection with everything in it.
    Collection(CollectionId),
    /// A folder with everything in it.
    Folder(FolderId),
    /// A request.
    Request(RequestId),
}

/// Variables of one store whose secret values live in one keychain.
pub struct ScopeSecrets<'a, K: Keychain> {
    store: &'a Store,
    keychain: &'a K,
}

impl<'a, K: Keychain> ScopeSecrets<'a, K> {
    /// Scopes kept in `store`, their secret values in `keychain`.
    pub fn new(store: &'a Store, keychain: &'a K) -> Self {
        ScopeSecrets { store, keychain }
    }

    /// Replaces an environment's variables as edited (see [`ScopeSecrets`]).
    pub fn set_environment_variables(
        &self,
        id: EnvironmentId,
        variables: Vec<Variable>,
    ) -> Result<Environment> {
        let previous = self.store.environment(id)?.variables;
        self.save(&previous, variables, |next| {
            self.store.set_environment_variables(id, next)
        })
    }

    /// Replaces a workspace's globals as edited.
    pub fn set_globals(&self, id: WorkspaceId, variables: Vec<Variable>) -> Result<Workspace> {
        let previous = self.store.workspace(id)?.globals;
        self.save(&previous, variables, |next| {
            self.store.set_globals(id, next)
        })
    }

    /// Saves a collection whose variables are as edited.
    pub fn update_collection(&self, mut coll: Collection) -> Result<Collection> {
        let previous = self.store.collection(coll.id)?.variables;
        let variables = std::mem::take(&mut coll.variables);
        self.save(&previous, variables, |next| {
            coll.variables = next.to_vec();
            self.store.update_collection(&coll)
        })
    }

    /// Saves a folder whose variables are as edited.
    pub fn update_folder(&self, mut folder: Folder) -> Result<Folder> {
        let previous = self.store.folder(folder.id)?.variables;
        let variables = std::mem::take(&mut folder.variables);
        self.save(&previous, variables, |next| {
            folder.variables = next.to_vec();
            self.store.update_folder(&folder)
        })
    }

    /// Copies an environment under a new name; its secrets get keychain entries of their own,
    /// so editing or deleting one copy leaves the other's values alone.
    pub fn duplicate_environment(&self, id: EnvironmentId, new_name: &str) -> Result<Environment> {
        let source = self.store.environment(id)?;
        let mut variables = super::reveal(self.keychain, &source.variables)?;
        for var in &mut variables {
            var.secret_ref = None;
        }
        let stashed = stash_variables(self.keychain, &[], &mut variables)?;
        let created = self
            .store
            .create_environment(source.workspace_id, new_name, &variables);
        self.finish(stashed, created)
    }

    /// Copies a collection, or a folder with everything in it, or a request, next to the
    /// original (see `store::Store::duplicate_node`). Each secret variable of the copy gets a
    /// keychain entry of its own holding the original's value, made before the store write and
    /// removed again if that write fails, so editing or deleting one copy leaves the other's
    /// values alone. A secret whose value the keychain lost fails the whole copy
    /// ([`SecretsError::MissingValue`]) rather than copying it empty.
    pub fn duplicate(&self, original: Duplicable) -> Result<Duplicable> {
        let subtree = match original {
            Duplicable::Collection(id) => Subtree::Collection(id),
            Duplicable::Folder(id) => Subtree::Node(NodeId::Folder(id)),
            Duplicable::Request(id) => Subtree::Node(NodeId::Request(id)),
        };
        let mut stashed = Stashed::default();
        let mut refs = SecretRefMap::new();
        let copied = (|| {
            for (key, old) in self.store.secret_variables(subtree)? {
                if refs.contains_key(&old) {
                    continue;
                }
                let value = self
                    .keychain
                    .get(&account(&old))?
                    .ok_or(SecretsError::MissingValue { name: key })?;
                let new = new_ref()?;
                self.keychain.set(&account(&new), &value)?;
                stashed.created.push(account(&new));
                refs.insert(old, new);
            }
            Ok::<_, SecretsError>(())
        })();
        if let Err(e) = copied {
            stashed.forget(self.keychain);
            return Err(e);
        }
        let node = |node: NodeId| {
            self.store
                .duplicate_node(node, &refs)
                .map(|copy| match copy {
                    NodeId::Folder(id) => Duplicable::Folder(id),
                    NodeId::Request(id) => Duplicable::Request(id),
                })
        };
        let written = match original {
            Duplicable::Collection(id) => self
                .store
                .duplicate_collection(id, &refs)
                .map(Duplicable::Collection),
            Duplicable::Folder(id) => node(NodeId::Folder(id)),
            Duplicable::Request(id) => node(NodeId::Request(id)),
        };
        self.finish(stashed, written)
    }

    /// Deletes a workspace, collection, folder or request with everything below it, then the
    /// keychain entries of the secret variables that were there. The store write comes first:
    /// if it fails, every value is still in place.
    ///
    /// Removing the keychain entries is best-effort: once the store delete has committed, the
    /// delete has happened, so a keychain that fails (locked, unreachable) does not fail it.
    /// The entries it could not remove stay noted in the store and are retried on the next
    /// delete ([`ScopeSecrets::remove_orphans`]); the returned warnings say so, for the caller
    /// to show. An empty list means everything is gone.
    pub fn delete(&self, subtree: Subtree) -> Result<Vec<String>> {
        let orphans = self.store.delete_subtree(subtree)?;
        Ok(self.remove(orphans))
    }

    /// Deletes an environment and then its secrets' keychain entries, best-effort as
    /// [`ScopeSecrets::delete`].
    pub fn delete_environment(&self, id: EnvironmentId) -> Result<Vec<String>> {
        self.delete(Subtree::Environment(id))
    }

    /// Tries again to remove the keychain entries of deleted secret variables that an earlier
    /// delete left behind. Returns warnings for those still there.
    pub fn remove_orphans(&self) -> Vec<String> {
        match self.store.orphan_secret_refs() {
            Ok(orphans) => self.remove(orphans),
            Err(e) => vec![format!(
                "cannot list the keychain entries left by earlier deletes: {e}"
            )],
        }
    }

    /// Removes the keychain entries of `orphans` and forgets those that are gone.
    fn remove(&self, orphans: Vec<String>) -> Vec<String> {
        let mut gone = Vec::new();
        let mut failed: Option<(usize, String)> = None;
        for secret_ref in orphans {
            match self.keychain.delete(&account(&secret_ref)) {
                Ok(_) => gone.push(secret_ref),
                Err(e) => {
                    let (count, _) = failed.get_or_insert_with(|| (0, e.to_string()));
                    *count += 1;
                }
            }
        }
        let mut warnings = Vec::new();
        if let Some((count, first)) = failed {
            let entries = if count == 1 { "entry" } else { "entries" };
            warnings.push(format!(
                "{count} keychain {entries} of deleted secret variables could not be removed \
                 ({first}); Localpost tries again on the next delete"
            ));
        }
        if !gone.is_empty()
            && let Err(e) = self.store.forget_orphan_secret_refs(&gone)
        {
            warnings.push(format!(
                "removed keychain entries could not be struck from the store ({e})"
            ));
        }
        warnings
    }

    /// The stored value of the secret variable `key` of a scope (the first of that key).
    ///
    /// `VariableNotFound` when the scope has no secret of that key, `MissingValue` when the
    /// keychain lost its value.
    pub fn reveal_variable(&self, scope: VariableScope, key: &str) -> Result<Secret> {
        let variables = match scope {
            VariableScope::Globals { id } => self.store.workspace(id)?.globals,
            VariableScope::Environment { id } => self.store.environment(id)?.variables,
            VariableScope::Collection { id } => self.store.collection(id)?.variables,
            VariableScope::Folder { id } => self.store.folder(id)?.variables,
        };
        let var = variables
            .iter()
            .find(|v| v.secret && v.key == key)
            .ok_or_else(|| SecretsError::VariableNotFound { key: key.into() })?;
        reveal_one(self.keychain, var)
    }

    /// Stashes `next` against `previous`, writes it, and forgets the stash if the write fails.
    fn save<T>(
        &self,
        previous: &[Variable],
        mut next: Vec<Variable>,
        write: impl FnOnce(&[Variable]) -> std::result::Result<T, StoreError>,
    ) -> Result<T> {
        keep_known_refs(previous, &mut next);
        let stashed = stash_variables(self.keychain, previous, &mut next)?;
        let written = write(&next);
        self.finish(stashed, written)
    }

    fn finish<T>(
        &self,
        stashed: Stashed,
        written: std::result::Result<T, StoreError>,
    ) -> Result<T> {
        match written {
            Ok(value) => Ok(value),
            Err(e) => {
                stashed.forget(self.keychain);
                Err(e.into())
            }
        }
    }
}

/// Drops `secret_ref`s the scope did not have before, and repeats of one: a reference coming
/// from the editor may only point at this scope's own entries, once, never at another scope's.
fn keep_known_refs(previous: &[Variable], next: &mut [Variable]) {
    let known: HashSet<&str> = previous
        .iter()
        .filter_map(|v| v.secret_ref.as_deref())
        .collect();
    let mut seen = HashSet::new();
    for var in next.iter_mut() {
        let keep = var
            .secret_ref
            .as_deref()
            .is_some_and(|r| known.contains(r) && seen.insert(r.to_string()));
        if !keep {
            var.secret_ref = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str, secret_ref: Option<&str>) -> Variable {
        Variable {
            key: key.into(),
            secret: true,
            secret_ref: secret_ref.map(Into::into),
            ..Variable::default()
        }
    }

    #[test]
    fn only_the_scopes_own_references_are_kept_once() {
        let previous = [var("a", Some("r1")), var("b", Some("r2"))];
        let mut next = vec![
            var("a", Some("r1")),
            var("copy", Some("r1")),
            var("other", Some("elsewhere")),
            var("b", Some("r2")),
        ];
        keep_known_refs(&previous, &mut next);
        let refs: Vec<_> = next.iter().map(|v| v.secret_ref.as_deref()).collect();
        assert_eq!(refs, [Some("r1"), None, None, Some("r2")]);
    }

    #[test]
    fn variable_scopes_serialise_with_a_kind_tag() {
        let json = serde_json::to_value(VariableScope::Environment {
            id: EnvironmentId(3),
        })
        .expect("serialises");
        assert_eq!(json, serde_json::json!({"kind": "environment", "id": 3}));
    }
}
