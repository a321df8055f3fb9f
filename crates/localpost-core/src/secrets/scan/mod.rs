//! The secret scanner: plain-text secrets in what is being imported or exported.
//!
//! [`scan`] lists every JWT, bearer or basic credential, AWS access key id, private key, long
//! high-entropy value and plainly typed credential (a `password` variable, an `api_key` query
//! parameter) found in variables, headers, query and path parameters, URLs, bodies and the
//! non-credential auth settings of an [`ImportBundle`] (credentials typed into auth settings are
//! sealed at rest and withheld from exports already), each [`Finding`] naming its place
//! (`Users/Create › headers.Authorization`) and kind, never its value. [`move_to_vault`] moves
//! them out: a variable becomes a secret variable (its value goes to the keychain when the
//! bundle is stored), any other value is replaced, span by span, with `{{vault:name}}` and the
//! value stored as a vault secret limited to the request's host when that is known.
//!
//! Scripts, descriptions and saved example responses are not scanned: a vault reference cannot
//! replace text inside them without changing what they mean.

mod detect;
mod walk;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

pub use detect::SecretKind;

use self::detect::{Field, detect};
use self::walk::{Site, Slot, extras, walk};
use super::{Result, VaultSecrets};
use crate::store::ImportBundle;
use crate::vault::{Keychain, Secret};

/// One secret-looking value: where, what kind, how long. Never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Finding {
    /// Where it is: the item path and the field, e.g. `Shop/Orders/Create › auth.password`.
    pub place: String,
    /// What it looks like.
    pub kind: SecretKind,
    /// Its length in characters.
    pub length: usize,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({} characters)",
            self.place,
            self.kind.label(),
            self.length
        )
    }
}

/// Where a finding went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Moved {
    /// The finding.
    pub finding: Finding,
    /// The vault secret whose `{{vault:name}}` now stands in its place; `None` when a variable
    /// was made secret instead.
    pub vault_name: Option<String>,
    /// This finding created the vault secret (the same value found again reuses it).
    pub is_new: bool,
}

/// Every secret-looking value in `bundle`, in document order.
pub fn scan(bundle: &ImportBundle) -> Vec<Finding> {
    // The walk hands out mutable slots (for `move_to_vault`); scanning works on a copy.
    scan_in_place(&mut bundle.clone())
}

/// [`scan`] without the copy, for a caller that holds `bundle` mutably anyway: the walk
/// changes nothing.
pub(crate) fn scan_in_place(bundle: &mut ImportBundle) -> Vec<Finding> {
    let mut findings = Vec::new();
    walk(bundle, &mut |site| {
        for (kind, length) in hits_of(&site) {
            findings.push(Finding {
                place: site.place.clone(),
                kind,
                length,
            });
        }
    });
    findings
}

/// Moves every finding of `bundle` out of plain text (see the module docs) and reports each.
///
/// Vault secrets are written at once; call [`undo_move`] with the result if storing the bundle then
/// fails, so no vault secret outlives a failed import.
pub fn move_to_vault<K: Keychain>(
    vault: &VaultSecrets<'_, K>,
    bundle: &mut ImportBundle,
) -> Result<Vec<Moved>> {
    move_to_vault_where(vault, bundle, |_| true)
}

/// [`move_to_vault`] for the findings whose place `chosen` accepts; the others stay.
pub fn move_to_vault_where<K: Keychain>(
    vault: &VaultSecrets<'_, K>,
    bundle: &mut ImportBundle,
    chosen: impl Fn(&str) -> bool,
) -> Result<Vec<Moved>> {
    let mut names = Names {
        taken: vault.list()?.into_iter().map(|e| e.name).collect(),
        by_value: HashMap::new(),
    };
    let mut moved = Vec::new();
    let mut failure = None;
    walk(bundle, &mut |site| {
        if failure.is_some() || !chosen(&site.place) {
            return;
        }
        if let Err(e) = move_site(vault, site, &mut names, &mut moved) {
            failure = Some(e);
        }
    });
    if let Some(e) = failure {
        undo_move(vault, &moved);
        return Err(e);
    }
    // Verbatim-kept members may repeat a moved value (an imported URL object's `raw`).
    extras(bundle, &mut |extra| {
        for (value, name) in &names.by_value {
            scrub(extra, value, &format!("{{{{vault:{name}}}}}"));
        }
    });
    Ok(moved)
}

/// Removes the vault secrets a [`move_to_vault`] created. Best effort: failures are ignored,
/// the import that needed them having already failed.
pub fn undo_move<K: Keychain>(vault: &VaultSecrets<'_, K>, moved: &[Moved]) {
    let created = moved.iter().filter(|m| m.is_new);
    for name in created.filter_map(|m| m.vault_name.as_deref()) {
        let _ = vault.remove(name);
    }
}

/// The kinds and lengths found at one site.
fn hits_of(site: &Site<'_>) -> Vec<(SecretKind, usize)> {
    match &site.slot {
        Slot::Variable(var) => variable_hit(var).into_iter().collect(),
        Slot::Text(text) => detect(text, site.field)
            .into_iter()
            .map(|h| (h.kind, text[h.start..h.end].chars().count()))
            .collect(),
    }
}

/// A plain variable holding a secret: named as a credential, or its value looks like one.
fn variable_hit(var: &crate::model::Variable) -> Option<(SecretKind, usize)> {
    if var.secret {
        return None;
    }
    let field = if detect::is_credential_name(&var.key) {
        Field::Credential
    } else {
        Field::Text
    };
    detect(&var.value, field)
        .first()
        .map(|h| (h.kind, var.value.chars().count()))
}

/// Vault names in use, and the name each value moved in this run went to (the same value found
/// twice, say in the URL and in the params, becomes one vault secret).
struct Names {
    taken: HashSet<String>,
    by_value: HashMap<String, String>,
}

fn move_site<K: Keychain>(
    vault: &VaultSecrets<'_, K>,
    site: Site<'_>,
    names: &mut Names,
    moved: &mut Vec<Moved>,
) -> Result<()> {
    let Site {
        place,
        field,
        slot,
        host,
    } = site;
    match slot {
        Slot::Variable(var) => {
            if let Some((kind, length)) = variable_hit(var) {
                var.secret = true;
                moved.push(Moved {
                    finding: Finding {
                        place,
                        kind,
                        length,
                    },
                    vault_name: None,
                    is_new: false,
                });
            }
        }
        Slot::Text(text) => {
            let hits = detect(text, field);
            // Right to left, so earlier spans keep their offsets.
            for hit in hits.into_iter().rev() {
                let value = text[hit.start..hit.end].to_string();
                let length = value.chars().count();
                let (name, is_new) = match names.by_value.get(&value) {
                    Some(name) => (name.clone(), false),
                    None => (unique_name(&place, &mut names.taken), true),
                };
                if is_new {
                    let domains: Vec<String> = host.iter().cloned().collect();
                    vault.set(&name, &Secret::from(value.clone()), &domains)?;
                    names.by_value.insert(value, name.clone());
                }
                text.replace_range(hit.start..hit.end, &format!("{{{{vault:{name}}}}}"));
                moved.push(Moved {
                    finding: Finding {
                        place: place.clone(),
                        kind: hit.kind,
                        length,
                    },
                    vault_name: Some(name),
                    is_new,
                });
            }
        }
    }
    Ok(())
}

/// Replaces `value` with `reference` in every string inside `extra`.
fn scrub(extra: &mut crate::model::Extra, value: &str, reference: &str) {
    fn in_value(v: &mut serde_json::Value, value: &str, reference: &str) {
        match v {
            serde_json::Value::String(s) if s.contains(value) => {
                *s = s.replace(value, reference);
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|i| in_value(i, value, reference));
            }
            serde_json::Value::Object(map) => {
                map.values_mut().for_each(|i| in_value(i, value, reference));
            }
            _ => {}
        }
    }
    extra
        .values_mut()
        .for_each(|v| in_value(v, value, reference));
}

/// A vault name from a place (`Shop/Orders/Create › auth.password` →
/// `shop_orders_create_auth_password`), unique among `taken`.
fn unique_name(place: &str, taken: &mut HashSet<String>) -> String {
    let mut base = String::new();
    for c in place.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('_') && !base.is_empty() {
            base.push('_');
        }
    }
    let base = base.trim_end_matches('_');
    let base: String = if base.is_empty() {
        "secret".into()
    } else {
        base.chars().take(60).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_slugs_made_unique() {
        let mut taken = HashSet::from(["shop_create_auth_password".to_string()]);
        assert_eq!(
            unique_name("Shop/Create › auth.password", &mut taken),
            "shop_create_auth_password_2"
        );
        assert_eq!(
            unique_name("Shop/Create › auth.password", &mut taken),
            "shop_create_auth_password_3"
        );
        assert_eq!(unique_name("››", &mut taken), "secret");
        assert_eq!(unique_name("Ünï/Çø", &mut taken), "n");
    }
}
