//! `localpost history [list|show ID|clear] [--search TEXT]`: the sends of a workspace, newest
//! first. Showing an entry of an `internal` workspace opens it with the data key in the OS
//! keychain.

use std::io::Write;

use localpost_core::history::{Detail, Entry, History, Kept, Message};
use localpost_core::model::HistoryId;
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};

use crate::cli::{HistoryAction, HistoryArgs};
use crate::exit::Failure;
use crate::lookup;

/// Runs `localpost history`.
pub fn run(
    store: &Store,
    service: &str,
    args: &HistoryArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let vault = Vault::new(OsKeychain::new(service));
    let history = History::new(store, &vault);
    let ws = lookup::workspace(store, args.workspace.as_deref())?;
    match args
        .action
        .clone()
        .unwrap_or(HistoryAction::List { limit: 50 })
    {
        HistoryAction::List { limit } => {
            let entries = history.list(ws.id, args.search.as_deref(), limit)?;
            if entries.is_empty() {
                writeln!(out, "no history")?;
            }
            for e in entries {
                writeln!(out, "{}", line(&e))?;
            }
        }
        HistoryAction::Show { id } => {
            let detail = history.show(HistoryId(id))?;
            if detail.entry.workspace_id != ws.id && args.workspace.is_some() {
                return Err(Failure::usage(format!(
                    "history entry {id} is not in workspace {}",
                    ws.name
                )));
            }
            show(&detail, out)?;
        }
        HistoryAction::Clear => {
            let n = history.clear(ws.id)?;
            writeln!(
                out,
                "removed {n} history entries from workspace {}",
                ws.name
            )?;
        }
    }
    Ok(())
}

/// `ID  METHOD  URL  STATUS  TIME  SIZE  NAME`, tab-separated. A send that got no response
/// has its failure (`KIND: message`) in place of the status.
fn line(e: &Entry) -> String {
    let status = match &e.failure {
        Some(f) => format!("{}: {}", f.kind, f.message),
        None => e.status.to_string(),
    };
    format!(
        "{}\t{}\t{}\t{}\t{:.0} ms\t{} B\t{}",
        e.id, e.method, e.url, status, e.total_ms, e.body_size, e.request_name
    )
}

fn message(m: &Message, out: &mut impl Write) -> std::io::Result<()> {
    for h in &m.headers {
        writeln!(out, "{}: {}", h.name, h.value)?;
    }
    writeln!(out)?;
    match (&m.body.text, &m.body.base64) {
        (Some(text), _) => writeln!(out, "{text}")?,
        (None, Some(_)) => writeln!(out, "({} bytes of binary data)", m.body.size)?,
        (None, None) => {}
    }
    if m.body.is_truncated {
        writeln!(out, "(first bytes of {} shown)", m.body.size)?;
    }
    Ok(())
}

fn show(d: &Detail, out: &mut impl Write) -> Result<(), Failure> {
    let e = &d.entry;
    writeln!(out, "{} {}", e.method, e.url)?;
    if let Some(req) = &d.request {
        message(req, out)?;
    }
    if let Some(f) = &e.failure {
        writeln!(out, "no response ({}): {}", f.kind, f.message)?;
        return Ok(());
    }
    writeln!(out, "{} {} {}", e.version, e.status, e.reason.trim_end())?;
    match &d.response {
        Some(res) => message(res, out)?,
        None if e.kept == Kept::Summary => writeln!(
            out,
            "(restricted workspace: {} bytes in {:.0} ms; headers and body not kept)",
            e.body_size, e.total_ms
        )?,
        None => {}
    }
    Ok(())
}
