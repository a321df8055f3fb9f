//! A named vault secret as the store and the UI see it: never its value.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A vault secret's name and the domains it may be sent to. The value lives in the OS
/// keychain and is referenced as `{{vault:name}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VaultEntry {
    /// Name used in `{{vault:name}}`.
    pub name: String,
    /// Hosts or URL prefixes the secret may be substituted into; empty means any.
    pub domains: Vec<String>,
}
