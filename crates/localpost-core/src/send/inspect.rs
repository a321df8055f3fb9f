//! What the request editor shows about a stored request without sending it: where its auth
//! comes from, and which variables are in scope with their source.
//!
//! Views only: nothing here reads a secret's value. A secret variable or vault secret is
//! listed by name, source and the fact that it is secret, its value left out.

use serde::Serialize;
use ts_rs::TS;

use super::{Context, Result};
use crate::model::{AuthMode, CollectionId, FolderId, RequestId, Variable, VaultEntry};
use crate::store::Store;
use crate::template::NAMES;

/// The level an inherited auth is set on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum AuthOrigin {
    /// A folder holding the request.
    Folder {
        /// The folder.
        id: FolderId,
        /// Its name.
        name: String,
    },
    /// The request's collection.
    Collection {
        /// The collection.
        id: CollectionId,
        /// Its name.
        name: String,
    },
    /// Nothing up the chain sets a scheme: no auth is sent.
    Nowhere,
}

/// What a request set to `inherit` would use, and from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InheritedAuth {
    /// The scheme in force (`noauth` when a level says so, or `inherit` when nothing sets one).
    pub mode: AuthMode,
    /// Where it is set.
    pub origin: AuthOrigin,
}

/// Where a variable in scope comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum VariableSource {
    /// The workspace's globals.
    Globals,
    /// The request's collection.
    Collection,
    /// A folder holding the request (the nearest one that has the variable).
    Folder,
    /// The active environment.
    Environment,
    /// A vault secret, referenced as `{{vault:name}}`.
    Vault,
}

/// One variable a request can reference, as the editor shows it: never a secret's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VariableInScope {
    /// The name inside `{{…}}` (`vault:name` for a vault secret).
    pub key: String,
    /// The scope whose value wins.
    pub source: VariableSource,
    /// Whether the value is secret.
    pub secret: bool,
    /// The value as stored (it may hold `{{…}}` itself); `None` for a secret.
    pub value: Option<String>,
}

/// The variables a request can reference, each once with the scope that wins, plus the names
/// of the dynamic variables (`$guid`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VariablesInScope {
    /// By key, in order of first definition, lowest scope first.
    pub variables: Vec<VariableInScope>,
    /// Dynamic variable names, with their `$`.
    pub dynamic: Vec<String>,
}

impl Context {
    /// What this request would inherit if its own auth said `inherit`.
    pub fn inherited_auth(&self) -> InheritedAuth {
        let inherit = crate::model::Auth::inherit();
        let level = self.inheritance().auth_level(&inherit);
        let folders = self.folders.len();
        let (mode, origin) = match level {
            Some(i) if i < folders => {
                let f = &self.folders[i];
                let origin = AuthOrigin::Folder {
                    id: f.id,
                    name: f.name.clone(),
                };
                (f.auth.mode.clone(), origin)
            }
            Some(_) => {
                let c = &self.collection;
                let origin = AuthOrigin::Collection {
                    id: c.id,
                    name: c.name.clone(),
                };
                (c.auth.mode.clone(), origin)
            }
            None => (AuthMode::Inherit, AuthOrigin::Nowhere),
        };
        InheritedAuth { mode, origin }
    }

    /// The variables in scope (globals < collection < environment, enabled ones only, the
    /// last of a key winning) and then `vault` secrets, values of secrets left out.
    pub fn variables_in_scope(&self, vault: &[VaultEntry]) -> VariablesInScope {
        let mut out: Vec<VariableInScope> = Vec::new();
        let mut add = |source: VariableSource, vars: &[Variable]| {
            for v in vars.iter().filter(|v| v.enabled) {
                let view = VariableInScope {
                    key: v.key.clone(),
                    source,
                    secret: v.secret,
                    value: (!v.secret).then(|| v.value.clone()),
                };
                match out.iter_mut().find(|o| o.key == v.key) {
                    Some(slot) => *slot = view,
                    None => out.push(view),
                }
            }
        };
        add(VariableSource::Globals, &self.workspace.globals);
        add(VariableSource::Collection, &self.collection.variables);
        for folder in self.folders.iter().rev() {
            add(VariableSource::Folder, &folder.variables);
        }
        if let Some(env) = &self.environment {
            add(VariableSource::Environment, &env.variables);
        }
        out.extend(vault.iter().map(|e| VariableInScope {
            key: format!("vault:{}", e.name),
            source: VariableSource::Vault,
            secret: true,
            value: None,
        }));
        VariablesInScope {
            variables: out,
            dynamic: NAMES.iter().map(|n| (*n).to_string()).collect(),
        }
    }
}

/// [`Context::inherited_auth`] of stored request `id`.
pub fn inherited_auth(store: &Store, id: RequestId) -> Result<InheritedAuth> {
    Ok(Context::load(store, id, None)?.inherited_auth())
}

/// [`Context::variables_in_scope`] of stored request `id` with the workspace's active
/// environment and the store's vault secrets.
pub fn variables_in_scope(store: &Store, id: RequestId) -> Result<VariablesInScope> {
    let context = Context::load(store, id, None)?;
    Ok(context.variables_in_scope(&store.vault_entries()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Auth, NewFolder, NewRequest, Parent};

    fn var(key: &str, value: &str, secret: bool) -> Variable {
        Variable {
            key: key.into(),
            value: value.into(),
            secret,
            ..Variable::default()
        }
    }

    struct Setup {
        _dir: tempfile::TempDir,
        store: Store,
        request: RequestId,
        inner: FolderId,
    }

    /// Collection "C" (basic auth; variables a, s secret) > folder "Outer" > folder "Inner" >
    /// request; globals a, g; environment "E" (active) with b.
    fn setup() -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_dir(dir.path()).expect("store");
        let ws = store.create_workspace("W").expect("workspace");
        store
            .set_globals(ws.id, &[var("a", "global", false), var("g", "g", false)])
            .expect("globals");
        let mut coll = store.create_collection(ws.id, "C").expect("collection");
        coll.auth = Auth::with_params(AuthMode::Basic, &[("username", "u")]);
        coll.variables = vec![var("a", "coll", false)];
        let coll = store.update_collection(&coll).expect("saved");
        let outer = store
            .create_folder(NewFolder {
                parent: Parent::Collection(coll.id),
                name: "Outer".into(),
            })
            .expect("folder");
        let inner = store
            .create_folder(NewFolder {
                parent: Parent::Folder(outer.id),
                name: "Inner".into(),
            })
            .expect("folder");
        let request = store
            .create_request(NewRequest::new(Parent::Folder(inner.id), "R"))
            .expect("request");
        let env = store
            .create_environment(ws.id, "E", &[var("b", "env", false)])
            .expect("environment");
        store
            .set_active_environment(ws.id, Some(env.id))
            .expect("active");
        Setup {
            _dir: dir,
            store,
            request: request.id,
            inner: inner.id,
        }
    }

    #[test]
    fn inherited_auth_names_the_collection_then_a_nearer_folder() {
        let s = setup();
        let got = inherited_auth(&s.store, s.request).expect("loads");
        assert_eq!(got.mode, AuthMode::Basic);
        assert!(matches!(got.origin, AuthOrigin::Collection { ref name, .. } if name == "C"));

        let mut folder = s.store.folder(s.inner).expect("folder");
        folder.auth = Auth::with_params(AuthMode::None, &[]);
        s.store.update_folder(&folder).expect("saved");
        let got = inherited_auth(&s.store, s.request).expect("loads");
        assert_eq!(got.mode, AuthMode::None);
        assert!(matches!(got.origin, AuthOrigin::Folder { ref name, .. } if name == "Inner"));
    }

    #[test]
    fn variables_in_scope_take_the_winning_scope_and_hide_secrets() {
        let s = setup();
        let vault = [VaultEntry {
            name: "token".into(),
            domains: vec![],
        }];
        let context = Context::load(&s.store, s.request, None).expect("loads");
        let mut context = context;
        context.collection.variables.push(Variable {
            secret_ref: Some("ref".into()),
            ..var("s", "", true)
        });
        let got = context.variables_in_scope(&vault);
        let summary: Vec<_> = got
            .variables
            .iter()
            .map(|v| (v.key.as_str(), v.source, v.value.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("a", VariableSource::Collection, Some("coll")),
                ("g", VariableSource::Globals, Some("g")),
                ("s", VariableSource::Collection, None),
                ("b", VariableSource::Environment, Some("env")),
                ("vault:token", VariableSource::Vault, None),
            ]
        );
        assert!(got.variables[2].secret && got.variables[4].secret);
        assert!(got.dynamic.iter().any(|n| n == "$guid"));
    }
}
