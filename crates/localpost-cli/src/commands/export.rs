//! `localpost export collection|environment|globals … -o FILE`: Postman v2.1 JSON;
//! `localpost export dump -o FILE.zip`: a Postman data dump of the whole workspace.
//! (`export request --as LANGUAGE` is [`super::snippet`].)
//!
//! The file is written whole (`-` writes to standard output). Secret values are never written:
//! each withheld one is listed, as are settings Postman has no place for.

use std::io::Write;
use std::path::Path;

use localpost_core::formats::dump;
use localpost_core::formats::postman::{self, ExportReport};
use localpost_core::store::Store;

use crate::cli::ExportCommand;
use crate::exit::Failure;
use crate::lookup;

use super::snippet;

/// Exports what `cmd` names and writes it where it says.
pub fn run(store: &Store, cmd: &ExportCommand, out: &mut impl Write) -> Result<(), Failure> {
    let (value, report, what, output) = match cmd {
        ExportCommand::Request {
            request,
            language,
            environment,
            workspace,
        } => {
            let args = snippet::Args {
                request,
                language: *language,
                environment: environment.as_deref(),
                workspace: workspace.as_deref(),
            };
            return snippet::run(store, &args, out);
        }
        ExportCommand::Collection {
            collection,
            output,
            workspace,
        } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let tree = store.tree(ws.id)?;
            let coll = lookup::collection(store, &tree, collection)?;
            let (value, report) = postman::export_collection(store, coll.id)?;
            let what = format!("collection {} {}", coll.id, coll.name);
            (value, report, what, output)
        }
        ExportCommand::Environment {
            environment,
            output,
            workspace,
        } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let tree = store.tree(ws.id)?;
            let env = lookup::environment_named(store, &tree, environment)?;
            let (value, report) = postman::export_environment(store, env.id)?;
            let what = format!("environment {} {}", env.id, env.name);
            (value, report, what, output)
        }
        ExportCommand::Dump { output, workspace } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let (bytes, report) = dump::export_dump(store, ws.id).map_err(|e| match e {
                dump::DumpError::Store(e) => Failure::from(e),
                other => Failure::failed(other.to_string()),
            })?;
            std::fs::write(output, bytes)
                .map_err(|e| Failure::failed(format!("cannot write {}: {e}", output.display())))?;
            writeln!(
                out,
                "exported workspace {} {} to {}",
                ws.id,
                ws.name,
                output.display()
            )?;
            return notes(&report, out);
        }
        ExportCommand::Globals { output, workspace } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let (value, report) = postman::export_globals(store, ws.id)?;
            let what = format!("globals of workspace {} {}", ws.id, ws.name);
            (value, report, what, output)
        }
    };
    let mut text = serde_json::to_string_pretty(&value)
        .map_err(|e| Failure::failed(format!("cannot serialise the export: {e}")))?;
    text.push('\n');
    if output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        out.flush()?;
        notes(&report, &mut std::io::stderr())
    } else {
        std::fs::write(output, text)
            .map_err(|e| Failure::failed(format!("cannot write {}: {e}", output.display())))?;
        writeln!(out, "exported {what} to {}", output.display())?;
        notes(&report, out)
    }
}

fn notes(report: &ExportReport, out: &mut impl Write) -> Result<(), Failure> {
    for w in &report.withheld {
        writeln!(out, "withheld the value of secret {} ({})", w.key, w.path)?;
    }
    for w in &report.warnings {
        writeln!(out, "warning: {w}")?;
    }
    for finding in &report.secrets {
        writeln!(out, "warning: plain-text secret? {finding}")?;
    }
    Ok(())
}
