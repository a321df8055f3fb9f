//! [`Context`]: a stored request with what it inherits and the variables in force.

use std::time::Duration;

use super::files::FileAccess;
use super::{Result, SendError};
use crate::http::{self, Inheritance, PreparedRequest};
use crate::model::{
    Collection, Environment, EnvironmentId, Folder, Request, RequestId, Variable, Workspace,
};
use crate::secrets;
use crate::store::Store;
use crate::template::{Scope, Variables};
use crate::vault::{Keychain, Overlay, Secret};

/// How to prepare a stored request.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The environment whose variables apply; `None` takes the workspace's active one (if any).
    pub environment: Option<EnvironmentId>,
    /// Variables set on top of the environment's (the CLI's `--env-var KEY=VALUE`), in order;
    /// a later one replaces an earlier one of the same name.
    pub overrides: Vec<(String, String)>,
    /// Values of vault secrets given for this send only (the CLI's `--vault-var NAME=VALUE`
    /// and `LOCALPOST_VAULT_<NAME>`), by name: they stand in for the keychain's value, which
    /// is then not read. The store's domain limits of that name still apply. Never written.
    pub vault: Vec<(String, Secret)>,
    /// Each script's time limit (the CLI's `--timeout-script`), over the settings'
    /// `scriptTimeoutMs`; `None` takes those, else the sandbox's default.
    pub script_timeout: Option<Duration>,
    /// The settings a request falls back on where neither it, its folders nor its collection
    /// set one: [`http::Settings::default`] for a lone send; a run's `--timeout-request`, `-k`,
    /// `--ignore-redirects`, client certificates and extra CA certificates.
    pub settings: http::Settings,
    /// Where relative file paths of a body resolve, and whether files outside may be read.
    pub files: FileAccess,
    /// Sends the request's draft (its unsaved edits in the app) when it has one, rather than
    /// the request as saved: the app sends what the user sees. The CLI and collection runs
    /// send saved requests.
    pub draft: bool,
    /// Headers set on the request as sent, over its own of the same name (after its scripts
    /// ran): a reconnecting event stream's `Last-Event-ID`.
    pub headers: Vec<(String, String)>,
}

impl Options {
    /// Default options whose [`Options::settings`] are the stored preferences' over
    /// Localpost's defaults ([`http::Settings::from_preferences`]): what the app's sends and
    /// runs use, and what the CLI's transport flags go over.
    pub fn preferred(store: &Store) -> Result<Options> {
        let prefs = store.preferences()?;
        Ok(Options {
            settings: http::Settings::from_preferences(&prefs)?,
            files: FileAccess::of_app(&prefs.files),
            ..Options::default()
        })
    }
}

/// A stored request with everything its variables and inheritance come from, read at once.
#[derive(Debug, Clone)]
pub struct Context {
    /// The request.
    pub request: Request,
    /// The folders holding it, nearest first; empty at the collection's top level.
    pub folders: Vec<Folder>,
    /// Its collection.
    pub collection: Collection,
    /// The collection's workspace, whose globals apply.
    pub workspace: Workspace,
    /// The environment in force, if any.
    pub environment: Option<Environment>,
}

impl Context {
    /// Reads request `id` and its folders, collection and workspace, and the environment
    /// `environment` (else the workspace's active one). Fails with a `NotFound` store error
    /// naming whichever is missing.
    pub fn load(
        store: &Store,
        id: RequestId,
        environment: Option<EnvironmentId>,
    ) -> Result<Context> {
        Context::of(store, store.request(id)?, environment)
    }

    /// [`Context::load`] of the request `options` asks for: its draft when
    /// [`Options::draft`] is set and it has one, else as saved.
    pub fn load_for(store: &Store, id: RequestId, options: &Options) -> Result<Context> {
        let request = match options.draft {
            true => store.request_as_edited(id)?,
            false => store.request(id)?,
        };
        Context::of(store, request, options.environment)
    }

    /// The context of `request`, read from the store with its folders, collection and
    /// workspace.
    fn of(store: &Store, request: Request, environment: Option<EnvironmentId>) -> Result<Context> {
        let folders = match request.folder_id {
            Some(folder) => store.folder_ancestry(folder)?,
            None => Vec::new(),
        };
        let collection = store.collection(request.collection_id)?;
        let workspace = store.workspace(collection.workspace_id)?;
        let environment = match environment.or(workspace.active_environment_id) {
            Some(env) => Some(store.environment(env)?),
            None => None,
        };
        Ok(Context {
            request,
            folders,
            collection,
            workspace,
            environment,
        })
    }

    /// Reads the values of secret variables (globals, collection, environment) back from
    /// `keychain`, so that rendering uses them. The keychain is asked only when a secret is in
    /// play; a missing entry is an error naming the variable. A secret whose key `overrides`
    /// set (the CLI's `--env-var`) is not read at all: that is how CI without a keychain gives
    /// a secret variable its value.
    pub fn reveal_secrets<K: Keychain>(
        &mut self,
        keychain: &K,
        overrides: &[(String, String)],
    ) -> Result<()> {
        let overridden = |key: &str| overrides.iter().any(|(k, _)| k == key);
        let mut scopes: Vec<&mut Vec<crate::model::Variable>> =
            vec![&mut self.workspace.globals, &mut self.collection.variables];
        if let Some(env) = self.environment.as_mut() {
            scopes.push(&mut env.variables);
        }
        for var in scopes.into_iter().flatten() {
            if var.secret && overridden(&var.key) {
                var.secret_ref = None;
                var.value.clear();
            }
        }
        let needs = |vars: &[crate::model::Variable]| {
            vars.iter().any(|v| v.secret && v.secret_ref.is_some())
        };
        if needs(&self.workspace.globals) {
            self.workspace.globals = secrets::reveal(keychain, &self.workspace.globals)?;
        }
        if needs(&self.collection.variables) {
            self.collection.variables = secrets::reveal(keychain, &self.collection.variables)?;
        }
        if let Some(env) = self.environment.as_mut()
            && needs(&env.variables)
        {
            env.variables = secrets::reveal(keychain, &env.variables)?;
        }
        for folder in &mut self.folders {
            for var in &mut folder.variables {
                if var.secret && overridden(&var.key) {
                    var.secret_ref = None;
                    var.value.clear();
                }
            }
            if needs(&folder.variables) {
                folder.variables = secrets::reveal(keychain, &folder.variables)?;
            }
        }
        Ok(())
    }

    /// The variables in force, lowest precedence first: the workspace's globals, the
    /// collection's variables, the folders' (outermost first, so the nearest folder wins; an
    /// Insomnia request group's environment is imported as one), the environment's, then
    /// `overrides` (in the environment scope, replacing its value of the same name, as
    /// newman's `--env-var` does).
    pub fn variables(&self, overrides: &[(String, String)]) -> Variables {
        let mut vars = Variables::new()
            .with(Scope::Globals, &self.workspace.globals)
            .with(Scope::Collection, &self.collection.variables);
        for folder in self.folders.iter().rev() {
            vars.extend(Scope::Collection, &folder.variables);
        }
        if let Some(env) = &self.environment {
            vars.extend(Scope::Environment, &env.variables);
        }
        for (key, value) in overrides {
            vars.set(Scope::Environment, key, value);
        }
        vars
    }

    /// Whether the workspace's cookie jar is used: the request's `useCookies` (Postman's
    /// `disableCookies`, inverted), else its nearest folder's, else its collection's, else yes.
    pub fn uses_cookies(&self) -> bool {
        std::iter::once(&self.request.settings)
            .chain(self.folders.iter().map(|f| &f.settings))
            .chain(std::iter::once(&self.collection.settings))
            .find_map(|s| s.use_cookies)
            .unwrap_or(true)
    }

    /// Auth and settings inherited through the folders, then the collection.
    pub fn inheritance(&self) -> Inheritance<'_> {
        Inheritance::from_parents(&self.folders, &self.collection)
    }

    /// The values of the secret variables in force (globals, collection, environment, and an
    /// override of a secret variable's name), once revealed: hidden wherever the request is
    /// shown or recorded.
    pub(crate) fn secret_values(&self, overrides: &[(String, String)]) -> Vec<Secret> {
        let mut scopes = vec![&self.workspace.globals, &self.collection.variables];
        scopes.extend(self.folders.iter().map(|f| &f.variables));
        if let Some(env) = &self.environment {
            scopes.push(&env.variables);
        }
        let secret: Vec<&Variable> = scopes
            .into_iter()
            .flatten()
            .filter(|v| v.secret && v.enabled)
            .collect();
        let mut values: Vec<Secret> = secret
            .iter()
            .filter(|v| !v.value.is_empty())
            .map(|v| Secret::from(v.value.as_str()))
            .collect();
        for (key, value) in overrides {
            if !value.is_empty() && secret.iter().any(|v| v.key == *key) {
                values.push(Secret::from(value.as_str()));
            }
        }
        values
    }

    /// The request rendered and built, ready for [`http::Engine::send`].
    pub fn prepare(&self, overrides: &[(String, String)]) -> http::Result<PreparedRequest> {
        self.prepare_over(overrides, &http::Settings::default())
    }

    /// [`Context::prepare`] with `app` as the settings at the top of the inheritance chain.
    pub(crate) fn prepare_over(
        &self,
        overrides: &[(String, String)],
        app: &http::Settings,
    ) -> http::Result<PreparedRequest> {
        let inheritance = self.inheritance().app_settings(app.clone());
        http::prepare(&self.request, &self.variables(overrides), &inheritance)
    }
}

/// Loads stored request `id` ([`Context::load`]), reads its secret variables from `keychain`
/// ([`Context::reveal_secrets`]), prepares it ([`Context::prepare`]) and substitutes its
/// `{{vault:NAME}}` tokens within each secret's domain limits (see the `send::vault` module
/// notes): a secret limited to other domains fails the send with
/// [`SecretsError::DomainNotAllowed`](crate::secrets::SecretsError::DomainNotAllowed); an unknown
/// name stays unresolved. [`Options::vault`] values stand in for the keychain's.
pub fn prepare_with<K: Keychain>(
    store: &Store,
    keychain: &K,
    id: RequestId,
    options: &Options,
) -> Result<PreparedRequest> {
    load_and_prepare(store, keychain, id, options).map(|(_, prepared)| prepared)
}

/// [`prepare_with`], also returning the [`Context`] it loaded.
pub(crate) fn load_and_prepare<K: Keychain>(
    store: &Store,
    keychain: &K,
    id: RequestId,
    options: &Options,
) -> Result<(Context, PreparedRequest)> {
    let context = load_revealed(store, keychain, id, options)?;
    let prepared = prepare_loaded(store, keychain, &context, options)?;
    Ok((context, prepared))
}

/// Loads stored request `id` and reads its secret variables from `keychain`.
pub(crate) fn load_revealed<K: Keychain>(
    store: &Store,
    keychain: &K,
    id: RequestId,
    options: &Options,
) -> Result<Context> {
    let mut context = Context::load_for(store, id, options)?;
    context.reveal_secrets(keychain, &options.overrides)?;
    Ok(context)
}

/// Prepares a loaded `context` (secrets revealed) and substitutes its vault secrets. (A
/// send's scripts' local variables come last in `options.overrides`, above every scope.)
pub(crate) fn prepare_loaded<K: Keychain>(
    store: &Store,
    keychain: &K,
    context: &Context,
    options: &Options,
) -> Result<PreparedRequest> {
    let overrides = &options.overrides;
    let hidden = context.secret_values(overrides);
    let first = context
        .prepare_over(overrides, &options.settings)
        .map_err(|e| {
            let text = e.to_string();
            let scrubbed = super::vault::scrub(text.clone(), &hidden);
            match scrubbed == text {
                true => SendError::from(e),
                false => SendError::InvalidWithSecrets { reason: scrubbed },
            }
        })?;
    let mut layered = Overlay::new(keychain);
    for (name, value) in &options.vault {
        layered.insert(secrets::account(name), value.clone());
    }
    let mut prepared = super::vault::substitute(store, &layered, context, overrides, first)?;
    super::vault::mark_sensitive(&mut prepared, &hidden);
    prepared.hidden = hidden;
    for (name, value) in &options.headers {
        prepared
            .headers
            .retain(|h| !h.name.eq_ignore_ascii_case(name));
        prepared.headers.push(http::Header::new(name, value));
    }
    options.files.resolve(&mut prepared.body)?;
    options.files.resolve_messages(&mut prepared.messages)?;
    options.files.resolve_grpc(&mut prepared.grpc)?;
    options.files.resolve_settings(&mut prepared.settings)?;
    Ok(prepared)
}

/// [`prepare_with`] without a keychain: a request that uses a secret variable fails with a
/// message saying so, rather than sending an empty value in its place.
pub fn prepare(store: &Store, id: RequestId, options: &Options) -> Result<PreparedRequest> {
    prepare_with(store, &NoKeychain, id, options)
}

/// Stands in for a keychain where none was given.
struct NoKeychain;

impl Keychain for NoKeychain {
    fn get(&self, _: &str) -> crate::vault::Result<Option<crate::vault::Secret>> {
        Err(crate::vault::VaultError::Unavailable {
            reason: "this send was not given access to it".into(),
        })
    }
    fn set(&self, _: &str, _: &crate::vault::Secret) -> crate::vault::Result<()> {
        self.get("").map(|_| ())
    }
    fn delete(&self, _: &str) -> crate::vault::Result<bool> {
        self.get("").map(|_| false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Auth, AuthMode, AuthParam, NewFolder, NewRequest, Parent, Variable};
    use crate::send::SendError;
    use crate::store::StoreError;

    fn var(key: &str, value: &str) -> Variable {
        Variable {
            key: key.into(),
            value: value.into(),
            ..Variable::default()
        }
    }

    fn bearer(token: &str) -> Auth {
        Auth {
            mode: AuthMode::Bearer,
            params: vec![AuthParam {
                key: "token".into(),
                value: token.into(),
                kind: "string".into(),
            }],
        }
    }

    /// Workspace "W" (globals a, b, c, d) > collection "C" (variables b, c, d; bearer auth) >
    /// folder "F" > folder "G" > request `GET http://{{a}}.{{b}}.{{c}}.{{d}}/`, with
    /// environments "Active" (c, d; active) and "Other" (c=other).
    struct Setup {
        _dir: tempfile::TempDir,
        store: Store,
        request: RequestId,
        other: EnvironmentId,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_dir(dir.path()).expect("store opens");
        let ws = store.create_workspace("W").expect("workspace");
        store
            .set_globals(
                ws.id,
                &[var("a", "g"), var("b", "g"), var("c", "g"), var("d", "g")],
            )
            .expect("globals");
        let mut coll = store.create_collection(ws.id, "C").expect("collection");
        coll.variables = vec![var("b", "coll"), var("c", "coll"), var("d", "coll")];
        coll.auth = bearer("{{d}}");
        let coll = store.update_collection(&coll).expect("saved");
        let f = store
            .create_folder(NewFolder {
                parent: Parent::Collection(coll.id),
                name: "F".into(),
            })
            .expect("folder");
        let g = store
            .create_folder(NewFolder {
                parent: Parent::Folder(f.id),
                name: "G".into(),
            })
            .expect("folder");
        let req = store
            .create_request(
                NewRequest::new(Parent::Folder(g.id), "R").url("http://{{a}}.{{b}}.{{c}}.{{d}}/"),
            )
            .expect("request");
        let active = store
            .create_environment(ws.id, "Active", &[var("c", "env"), var("d", "env")])
            .expect("environment");
        let other = store
            .create_environment(ws.id, "Other", &[var("c", "other")])
            .expect("environment");
        store
            .set_active_environment(ws.id, Some(active.id))
            .expect("active");
        Setup {
            _dir: dir,
            store,
            request: req.id,
            other: other.id,
        }
    }

    fn authorization(prepared: &PreparedRequest) -> Option<&str> {
        prepared
            .headers
            .iter()
            .find(|h| h.is_named("authorization"))
            .map(|h| h.value.as_str())
    }

    #[test]
    fn globals_then_collection_then_active_environment_then_overrides() {
        let s = setup();
        let options = Options {
            environment: None,
            overrides: vec![("d".into(), "cli".into())],
            ..Options::default()
        };
        let prepared = prepare(&s.store, s.request, &options).expect("prepares");
        assert_eq!(prepared.url.as_str(), "http://g.coll.env.cli/");
        assert!(prepared.unresolved.is_empty());
    }

    /// Issue 10: folder variables (an Insomnia request group's environment) resolve, the
    /// nearest folder first, over the collection's and under the environment's.
    #[test]
    fn folder_variables_sit_between_collection_and_environment_nearest_first() {
        let s = setup();
        let context = Context::load(&s.store, s.request, None).expect("loads");
        let (g, f) = (&context.folders[0], &context.folders[1]);
        let mut outer = f.clone();
        outer.variables = vec![var("a", "outer"), var("b", "outer"), var("c", "outer")];
        s.store.update_folder(&outer).expect("saved");
        let mut inner = g.clone();
        inner.variables = vec![var("b", "inner")];
        s.store.update_folder(&inner).expect("saved");
        let prepared = prepare(&s.store, s.request, &Options::default()).expect("prepares");
        // a: folder F over globals; b: nearest folder G over F and the collection; c and d:
        // the environment over every folder.
        assert_eq!(prepared.url.as_str(), "http://outer.inner.env.env/");
    }

    #[test]
    fn a_chosen_environment_replaces_the_active_one() {
        let s = setup();
        let options = Options {
            environment: Some(s.other),
            ..Options::default()
        };
        let prepared = prepare(&s.store, s.request, &options).expect("prepares");
        assert_eq!(prepared.url.as_str(), "http://g.coll.other.coll/");
    }

    #[test]
    fn auth_is_inherited_through_both_folders_from_the_collection() {
        let s = setup();
        let context = Context::load(&s.store, s.request, None).expect("loads");
        assert_eq!(
            context
                .folders
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>(),
            ["G", "F"]
        );
        let prepared = context.prepare(&[]).expect("prepares");
        assert_eq!(authorization(&prepared), Some("Bearer env"));
    }

    #[test]
    fn a_missing_request_is_a_store_not_found() {
        let s = setup();
        let err = prepare(&s.store, RequestId(999), &Options::default()).expect_err("fails");
        assert!(
            matches!(err, SendError::Store(StoreError::NotFound { .. })),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "request 999 not found");
    }

    #[test]
    fn an_invalid_request_is_an_http_error() {
        let s = setup();
        let mut request = s.store.request(s.request).expect("request");
        request.method = "G T".into();
        s.store.update_request(&request).expect("saved");
        let err = prepare(&s.store, s.request, &Options::default()).expect_err("fails");
        assert!(matches!(err, SendError::Http(_)), "{err:?}");
    }
}
