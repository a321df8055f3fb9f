//! Saving what a send's scripts changed in the globals, the collection's variables and the
//! environment, as the app's editors save them.

use super::Context;
use super::scripts::{Changes, apply};
use crate::secrets::ScopeSecrets;
use crate::store::Store;
use crate::vault::Keychain;

/// Saves what the scripts changed in the globals, the collection's variables and the
/// environment, as the app's editors save them (a secret variable's new value goes to the
/// keychain). Returns why a scope could not be saved, for [`Sent::unsaved`](super::Sent::unsaved).
pub(crate) fn save<K: Keychain>(
    store: &Store,
    keychain: &K,
    context: &Context,
    changes: &[Changes; 3],
) -> Vec<String> {
    let secrets = ScopeSecrets::new(store, keychain);
    let mut unsaved = Vec::new();
    if !changes[0].is_empty() {
        let id = context.workspace.id;
        let saved = store.workspace(id).map_err(Into::into).and_then(|ws| {
            let mut vars = ws.globals;
            apply(&mut vars, &changes[0]);
            secrets.set_globals(id, vars).map(|_| ())
        });
        if let Err(e) = saved {
            unsaved.push(format!("globals set by scripts not saved: {e}"));
        }
    }
    if !changes[1].is_empty() {
        let saved = store
            .collection(context.collection.id)
            .map_err(Into::into)
            .and_then(|mut coll| {
                apply(&mut coll.variables, &changes[1]);
                secrets.update_collection(coll).map(|_| ())
            });
        if let Err(e) = saved {
            unsaved.push(format!(
                "collection variables set by scripts not saved: {e}"
            ));
        }
    }
    if let Some(env) = &context.environment
        && !changes[2].is_empty()
    {
        let saved = store.environment(env.id).map_err(Into::into).and_then(|e| {
            let mut vars = e.variables;
            apply(&mut vars, &changes[2]);
            secrets.set_environment_variables(env.id, vars).map(|_| ())
        });
        if let Err(e) = saved {
            unsaved.push(format!(
                "environment variables set by scripts not saved: {e}"
            ));
        }
    }
    unsaved
}
