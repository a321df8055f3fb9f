//! `localpost workspace classify NAME CLASS`: how sensitive a workspace's data is.

use std::io::Write;

use localpost_core::model::Classification;
use localpost_core::store::Store;

use crate::cli::{ClassArg, WorkspaceCommand};
use crate::exit::Failure;
use crate::lookup;

/// Runs one workspace subcommand.
pub fn run(store: &Store, cmd: &WorkspaceCommand, out: &mut impl Write) -> Result<(), Failure> {
    match cmd {
        WorkspaceCommand::Classify { workspace, class } => {
            let ws = lookup::workspace(store, Some(workspace))?;
            let class = match class {
                ClassArg::Restricted => Classification::Restricted,
                ClassArg::Internal => Classification::Internal,
                ClassArg::Public => Classification::Public,
            };
            let ws = store.set_classification(ws.id, class)?;
            writeln!(out, "workspace {} is {}", ws.name, ws.classification)?;
        }
    }
    Ok(())
}
