//! Variable scopes and their precedence.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Variable;

/// Where a variable's value came from, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Scope {
    /// Workspace globals.
    Globals,
    /// Collection variables.
    Collection,
    /// The active environment.
    Environment,
    /// The current row of a runner's data file.
    Data,
    /// Set by a script for this run (`pm.variables.set`).
    Local,
}

const SCOPES: [Scope; 5] = [
    Scope::Globals,
    Scope::Collection,
    Scope::Environment,
    Scope::Data,
    Scope::Local,
];

/// Every variable in force, by scope. Lookups take the highest scope that has the key.
///
/// `Debug` prints names only: values may be revealed secrets or vault values.
#[derive(Clone, Default)]
pub struct Variables {
    layers: [Vec<(String, String)>; 5],
}

impl std::fmt::Debug for Variables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("Variables");
        for scope in SCOPES {
            let names: Vec<&str> = self.layers[scope as usize]
                .iter()
                .map(|(k, _)| k.as_str())
                .collect();
            s.field(&format!("{scope:?}"), &names);
        }
        s.finish()
    }
}

impl Variables {
    /// No variables at all.
    pub fn new() -> Self {
        Variables::default()
    }

    /// Adds the enabled variables of one scope, after what that scope already holds.
    pub fn with(mut self, scope: Scope, variables: &[Variable]) -> Self {
        self.extend(scope, variables);
        self
    }

    /// Adds the enabled variables of one scope, after what that scope already holds.
    /// Disabled variables are skipped; among duplicates the last one wins.
    pub fn extend(&mut self, scope: Scope, variables: &[Variable]) {
        let layer = &mut self.layers[scope as usize];
        layer.extend(
            variables
                .iter()
                .filter(|v| v.enabled)
                .map(|v| (v.key.clone(), v.value.clone())),
        );
    }

    /// Sets one variable in a scope, replacing an earlier value of the same key.
    pub fn set(&mut self, scope: Scope, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let layer = &mut self.layers[scope as usize];
        layer.retain(|(k, _)| *k != key);
        layer.push((key, value.into()));
    }

    /// The value of `key` and the scope it came from, highest scope first.
    pub fn get(&self, key: &str) -> Option<(&str, Scope)> {
        SCOPES.iter().rev().find_map(|scope| {
            self.layers[*scope as usize]
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| (v.as_str(), *scope))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str, value: &str, enabled: bool) -> Variable {
        Variable {
            key: key.into(),
            value: value.into(),
            enabled,
            ..Variable::default()
        }
    }

    #[test]
    fn higher_scopes_win_in_postman_order() {
        let mut vars = Variables::new()
            .with(Scope::Local, &[var("a", "local", true)])
            .with(
                Scope::Globals,
                &[var("a", "globals", true), var("g", "g", true)],
            )
            .with(Scope::Environment, &[var("a", "env", true)])
            .with(Scope::Collection, &[var("a", "coll", true)])
            .with(Scope::Data, &[var("a", "data", true)]);
        assert_eq!(vars.get("a"), Some(("local", Scope::Local)));
        assert_eq!(vars.get("g"), Some(("g", Scope::Globals)));
        vars.layers[Scope::Local as usize].clear();
        assert_eq!(vars.get("a"), Some(("data", Scope::Data)));
        vars.layers[Scope::Data as usize].clear();
        assert_eq!(vars.get("a"), Some(("env", Scope::Environment)));
        vars.layers[Scope::Environment as usize].clear();
        assert_eq!(vars.get("a"), Some(("coll", Scope::Collection)));
        assert_eq!(vars.get("missing"), None);
    }

    #[test]
    fn disabled_are_skipped_and_the_last_duplicate_wins() {
        let vars = Variables::new().with(
            Scope::Environment,
            &[
                var("k", "first", true),
                var("k", "second", true),
                var("k", "off", false),
            ],
        );
        assert_eq!(vars.get("k"), Some(("second", Scope::Environment)));
        let only_disabled = Variables::new().with(Scope::Globals, &[var("x", "1", false)]);
        assert_eq!(only_disabled.get("x"), None);
    }

    #[test]
    fn debug_shows_names_not_values() {
        let mut vars = Variables::new();
        vars.set(Scope::Local, "vault:token", "tok-3e8f-value");
        let debug = format!("{vars:?}");
        assert!(debug.contains("vault:token"), "{debug}");
        assert!(!debug.contains("tok-3e8f-value"), "{debug}");
    }

    #[test]
    fn set_replaces_within_a_scope() {
        let mut vars = Variables::new();
        vars.set(Scope::Local, "k", "1");
        vars.set(Scope::Local, "k", "2");
        assert_eq!(vars.get("k"), Some(("2", Scope::Local)));
    }
}
