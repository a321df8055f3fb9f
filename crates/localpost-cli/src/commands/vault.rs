//! `localpost vault set|list|rm`: vault secrets, values in the OS keychain; `vault rotate-key`
//! and `vault wipe-sealed`: the data key that seals credentials at rest.

use std::io::{IsTerminal, Read, Write};

use localpost_core::secrets::{self, VaultSecrets};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Secret, Vault};

use crate::cli::VaultCommand;
use crate::exit::Failure;

/// Runs one vault subcommand against the OS keychain.
pub fn run(
    store: &Store,
    service: &str,
    cmd: &VaultCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let keychain = OsKeychain::new(service);
    let vault = VaultSecrets::new(store, &keychain);
    match cmd {
        VaultCommand::Set { name, domains } => {
            let value = read_value(name)?;
            vault.set(name, &value, domains)?;
            writeln!(out, "stored vault secret {name} in the OS keychain")?;
        }
        VaultCommand::List => {
            let entries = vault.list()?;
            if entries.is_empty() {
                writeln!(out, "no vault secrets")?;
            }
            for entry in entries {
                if entry.domains.is_empty() {
                    writeln!(out, "{}", entry.name)?;
                } else {
                    writeln!(out, "{}\t{}", entry.name, entry.domains.join(", "))?;
                }
            }
        }
        VaultCommand::Rm { name } => {
            vault.remove(name)?;
            writeln!(out, "removed vault secret {name}")?;
        }
        VaultCommand::RotateKey => {
            let count = secrets::rotate_data_key(store, &Vault::new(keychain.clone()))?;
            writeln!(out, "rotated the data key; re-sealed {}", values(count))?;
        }
        VaultCommand::WipeSealed { yes } => {
            if !yes {
                return Err(Failure::usage(
                    "wipe-sealed empties every sealed credential for good; pass --yes to confirm",
                ));
            }
            let count = store.wipe_sealed()?;
            writeln!(out, "emptied {}", values(count))?;
        }
    }
    Ok(())
}

/// `1 sealed value`, `3 sealed values`.
fn values(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{count} sealed value{s}")
}

/// The secret's value: a hidden prompt on a terminal, else all of standard input without its
/// final line break.
fn read_value(name: &str) -> Result<Secret, Failure> {
    let stdin = std::io::stdin();
    let mut value = if stdin.is_terminal() {
        rpassword::prompt_password(format!("value for {name}: "))
            .map_err(|e| Failure::usage(format!("cannot read the value: {e}")))?
    } else {
        let mut text = String::new();
        stdin.lock().read_to_string(&mut text).map_err(|e| {
            Failure::usage(format!("cannot read the value from standard input: {e}"))
        })?;
        text
    };
    if value.ends_with('\n') {
        value.pop();
        if value.ends_with('\r') {
            value.pop();
        }
    }
    if value.is_empty() {
        return Err(Failure::usage("the value is empty; nothing stored"));
    }
    Ok(Secret::from(value))
}
