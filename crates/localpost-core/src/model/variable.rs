//! A variable, as held by collections, environments and globals.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Extra;

/// One variable of a scope (globals, collection, environment).
///
/// `secret` marks a value that belongs in the OS keychain rather than in the store: the store
/// refuses to write a secret variable with a value, and [`crate::secrets::stash_variables`]
/// moves the value to the keychain first, leaving `secret_ref` to find it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Variable {
    /// Name used in `{{key}}` references.
    pub key: String,
    /// The value; empty for a secret whose value lives in the keychain.
    pub value: String,
    /// Disabled variables are kept but skipped during resolution.
    pub enabled: bool,
    /// Whether the value is a secret.
    pub secret: bool,
    /// Free text shown beside the variable.
    pub description: String,
    /// For a secret whose value is in the OS keychain: the id of its keychain entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub secret_ref: Option<String>,
    /// Fields of the variable kept verbatim from an import, by format (`{"postman": {…}}`).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    #[ts(type = "Record<string, unknown>")]
    pub extra: Extra,
}

impl Default for Variable {
    fn default() -> Self {
        Variable {
            key: String::new(),
            value: String::new(),
            enabled: true,
            secret: false,
            description: String::new(),
            secret_ref: None,
            extra: Extra::new(),
        }
    }
}
