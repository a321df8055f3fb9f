//! `localpost import FILE… [--curl COMMAND] [--workspace NAME] [--replace | --as-copy]`: files
//! of any supported format into a workspace, all or none.
//!
//! Each file's format is detected from its content ([`formats::parse_any`]): a ZIP is a
//! Postman data dump, a file whose first word (after blank lines and `#` comments) is `curl`
//! is curl commands (a collection named after the file), and JSON or YAML is told apart by its
//! shape (Postman, OpenAPI/Swagger, Insomnia, HAR, legacy dump). `--curl` takes commands from
//! the command line (or standard input, `-`). Every input is read before anything is written;
//! if one cannot be read (missing, invalid JSON or YAML, wrong shape, unknown format, a curl
//! command that does not parse), each failure is reported with its place and nothing is
//! imported (exit 2). A Postman collection whose id is already in the workspace stops the
//! import (exit 2) unless `--replace` or `--as-copy` says what to do. Otherwise all files go
//! into the store in one transaction. What was created is printed with its ids on standard
//! output, the warnings on standard error.

use std::io::{Read, Write};
use std::path::Path;

use localpost_core::formats::postman::{self, ImportError, ImportReport};
use localpost_core::formats::{self, OnDuplicate, curl};
use localpost_core::model::Workspace;
use localpost_core::store::Store;
use localpost_core::vault::OsKeychain;

use crate::cli::ImportArgs;
use crate::exit::Failure;

/// The workspace named or numbered `wanted` (created when none has that name), else the first
/// one (created in an empty store).
fn target(store: &Store, wanted: Option<&str>, out: &mut impl Write) -> Result<Workspace, Failure> {
    let Some(wanted) = wanted else {
        return Ok(store.ensure_workspace()?);
    };
    let found = store
        .workspaces()?
        .into_iter()
        .find(|w| w.name == wanted || w.id.to_string() == wanted);
    match found {
        Some(ws) => Ok(ws),
        None => {
            let ws = store.create_workspace(wanted)?;
            writeln!(out, "created workspace {} {}", ws.id, ws.name)?;
            Ok(ws)
        }
    }
}

/// Reads every file, then imports them all in one transaction and prints the report.
///
/// Secret variables in the files go to the OS keychain under `service`.
pub fn run(
    store: &Store,
    service: &str,
    args: &ImportArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in &args.files {
        match read(file) {
            Ok(p) => parsed.extend(p),
            Err(e) => errors.push(e),
        }
    }
    if let Some(command) = &args.curl {
        let text = if command == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::failed(format!("cannot read standard input: {e}")))?;
            text
        } else {
            command.clone()
        };
        match curl::parse(&text) {
            Ok(p) => parsed.push(p.into_import("--curl", &args.collection)),
            Err(e) => errors.push(format!("--curl: {e}")),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::bad_input(errors.join("\nerror: ")));
    }
    let ws = target(store, args.workspace.as_deref(), out)?;
    let on_duplicate = if args.replace {
        OnDuplicate::Replace
    } else if args.as_copy {
        OnDuplicate::Copy
    } else {
        OnDuplicate::Ask
    };
    let options = postman::Options {
        move_secrets: if args.move_secrets_to_vault {
            postman::SecretMoves::All
        } else {
            postman::SecretMoves::None
        },
        on_duplicate: Some(on_duplicate),
    };
    let keychain = OsKeychain::new(service);
    let to = formats::postman::Destination {
        store,
        keychain: &keychain,
        workspace: ws.id,
    };
    let report = match formats::import_into(&to, parsed, options) {
        Err(e @ ImportError::Duplicate { .. }) => {
            return Err(Failure::bad_input(format!(
                "{e}\n(run again with --replace to replace it, or --as-copy to keep both; \
                 nothing was imported)"
            )));
        }
        other => other?,
    };
    print(&ws, &report, out)?;
    for moved in &report.moved {
        match &moved.vault_name {
            Some(name) => writeln!(out, "  moved {} to {{{{vault:{name}}}}}", moved.finding)?,
            None => writeln!(out, "  made secret: {}", moved.finding)?,
        }
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for finding in &report.secrets {
        eprintln!("warning: plain-text secret? {finding}");
    }
    if !report.secrets.is_empty() {
        eprintln!("hint: --move-secrets-to-vault moves them into the vault");
    }
    Ok(())
}

/// Reads one file of any supported format. Errors name the file.
fn read(file: &Path) -> Result<Vec<postman::Parsed>, String> {
    let source = file.display().to_string();
    let bytes = formats::read_limited(file, &source).map_err(|e| e.to_string())?;
    formats::parse_any(&source, &bytes).map_err(|e| format!("{source}: {e}"))
}

fn print(ws: &Workspace, report: &ImportReport, out: &mut impl Write) -> Result<(), Failure> {
    writeln!(out, "imported into workspace {} {}", ws.id, ws.name)?;
    for c in &report.collections {
        writeln!(
            out,
            "  collection {} {} ({}: {}, {})",
            c.id,
            c.name,
            c.format,
            count(c.folders, "folder"),
            count(c.requests, "request")
        )?;
    }
    for e in &report.environments {
        let variables = count(e.variables, "variable");
        writeln!(out, "  environment {} {} ({variables})", e.id, e.name)?;
    }
    if !report.globals.is_empty() {
        writeln!(out, "  globals {}", report.globals.join(", "))?;
    }
    Ok(())
}

/// `1 folder`, `2 folders`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
