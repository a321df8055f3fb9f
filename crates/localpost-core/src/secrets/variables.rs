//! Secret variables: their values live in the OS keychain, the store keeps a reference.
//!
//! [`stash_variables`] runs before variables are written: each secret that holds a value gets
//! a keychain entry (`variable:<ref>`) and is left with an empty value and its `secret_ref`;
//! entries of secrets that were removed (or are no longer secret) are deleted. [`reveal`] does
//! the reverse for the moment a value is needed (sending, or the UI's reveal), and never
//! writes. The store refuses a secret variable that still holds its value, so a path that
//! forgets to stash fails instead of leaking.

use std::collections::HashSet;

use super::{Result, SecretsError};
use crate::model::Variable;
use crate::store::{ImportBundle, NodeImport};
use crate::vault::{Keychain, Secret, VaultError};

/// Keychain account of a secret variable's value.
pub(super) fn account(secret_ref: &str) -> String {
    format!("variable:{secret_ref}")
}

/// A fresh random reference for a new keychain entry.
pub(super) fn new_ref() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| SecretsError::Vault(VaultError::Random))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Keychain entries written by a stash, so a failed store write can undo them.
#[derive(Debug, Default)]
#[must_use = "undo the stash with `forget` if the store write fails"]
pub struct Stashed {
    pub(super) created: Vec<String>,
}

impl Stashed {
    /// Deletes the entries this stash created (after the store write they were for failed).
    pub fn forget<K: Keychain>(self, keychain: &K) {
        for account in self.created {
            let _ = keychain.delete(&account);
        }
    }

    fn merge(&mut self, other: Stashed) {
        self.created.extend(other.created);
    }
}

/// Moves the values of secret variables in `next` into the keychain, and deletes the entries
/// of secrets in `previous` that `next` no longer has. Call it right before storing `next`.
pub fn stash_variables<K: Keychain>(
    keychain: &K,
    previous: &[Variable],
    next: &mut [Variable],
) -> Result<Stashed> {
    let mut stashed = Stashed::default();
    for var in next.iter_mut() {
        if !var.secret {
            // A variable that stopped being secret keeps its value in the store from now on;
            // its old keychain entry goes below.
            var.secret_ref = None;
            continue;
        }
        if var.value.is_empty() {
            continue;
        }
        let secret_ref = match &var.secret_ref {
            Some(r) => r.clone(),
            None => new_ref()?,
        };
        let value = Secret::from(std::mem::take(&mut var.value));
        if let Err(e) = keychain.set(&account(&secret_ref), &value) {
            stashed.forget(keychain);
            return Err(e.into());
        }
        if var.secret_ref.is_none() {
            stashed.created.push(account(&secret_ref));
        }
        var.secret_ref = Some(secret_ref);
    }
    let kept: HashSet<&str> = next
        .iter()
        .filter_map(|v| v.secret_ref.as_deref())
        .collect();
    for old in previous.iter().filter_map(|v| v.secret_ref.as_deref()) {
        if !kept.contains(old) {
            keychain.delete(&account(old))?;
        }
    }
    Ok(stashed)
}

/// Stashes every secret variable of an import (collection, folder, request, environment and
/// global variables) before the bundle is written.
pub fn stash_bundle<K: Keychain>(keychain: &K, bundle: &mut ImportBundle) -> Result<Stashed> {
    fn folders<K: Keychain>(
        keychain: &K,
        items: &mut [NodeImport],
        out: &mut Stashed,
    ) -> Result<()> {
        for item in items {
            match item {
                NodeImport::Folder { folder, children } => {
                    out.merge(stash_variables(keychain, &[], &mut folder.variables)?);
                    folders(keychain, children, out)?;
                }
                NodeImport::Request(request) => {
                    out.merge(stash_variables(keychain, &[], &mut request.variables)?);
                }
            }
        }
        Ok(())
    }
    let mut out = Stashed::default();
    let result = (|| {
        for coll in &mut bundle.collections {
            out.merge(stash_variables(
                keychain,
                &[],
                &mut coll.collection.variables,
            )?);
            folders(keychain, &mut coll.children, &mut out)?;
        }
        for env in &mut bundle.environments {
            out.merge(stash_variables(keychain, &[], &mut env.variables)?);
        }
        out.merge(stash_variables(keychain, &[], &mut bundle.globals)?);
        Ok(())
    })();
    match result {
        Ok(()) => Ok(out),
        Err(e) => {
            out.forget(keychain);
            Err(e)
        }
    }
}

/// Copies of `variables` with each stored secret's value read back from the keychain.
///
/// A secret whose entry is missing is an error naming the variable, never an empty value sent
/// in its place.
pub fn reveal<K: Keychain>(keychain: &K, variables: &[Variable]) -> Result<Vec<Variable>> {
    variables
        .iter()
        .map(|var| {
            let mut out = var.clone();
            if var.secret && var.secret_ref.is_some() {
                let value = reveal_one(keychain, var)?;
                out.value = value.expose_str().unwrap_or_default().to_string();
            }
            Ok(out)
        })
        .collect()
}

/// The value of one variable: a stored secret's from the keychain, any other's as it is.
pub(super) fn reveal_one<K: Keychain>(keychain: &K, var: &Variable) -> Result<Secret> {
    match (var.secret, var.secret_ref.as_deref()) {
        (true, Some(secret_ref)) => {
            keychain
                .get(&account(secret_ref))?
                .ok_or_else(|| SecretsError::MissingValue {
                    name: var.key.clone(),
                })
        }
        _ => Ok(Secret::from(var.value.clone())),
    }
}
