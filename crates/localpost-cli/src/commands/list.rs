//! `localpost list`: the store's tree, with ids.

use std::io::Write;

use localpost_core::model::{TreeNode, Workspace};
use localpost_core::store::Store;

use crate::cli::ListArgs;
use crate::exit::Failure;

/// Prints every workspace (or one) as an indented tree with ids.
pub fn run(store: &Store, args: &ListArgs, out: &mut impl Write) -> Result<(), Failure> {
    let workspaces = store.workspaces()?;
    let chosen: Vec<&Workspace> = match &args.workspace {
        None => workspaces.iter().collect(),
        Some(wanted) => {
            let found: Vec<&Workspace> = workspaces
                .iter()
                .filter(|w| w.name == *wanted || w.id.to_string() == *wanted)
                .collect();
            if found.is_empty() {
                return Err(Failure::usage(format!("no workspace named {wanted:?}")));
            }
            found
        }
    };
    if chosen.is_empty() {
        writeln!(out, "no workspaces yet ({})", store.path().display())?;
        return Ok(());
    }
    for ws in chosen {
        let tree = store.tree(ws.id)?;
        writeln!(out, "workspace {} {}", ws.id, ws.name)?;
        for coll in &tree.collections {
            writeln!(out, "  collection {} {}", coll.id, coll.name)?;
            print_nodes(&coll.children, 2, out)?;
        }
        for env in &tree.environments {
            let active = if ws.active_environment_id == Some(env.id) {
                " (active)"
            } else {
                ""
            };
            writeln!(
                out,
                "  environment {} {}{active} [{} variables]",
                env.id,
                env.name,
                env.variables.len()
            )?;
        }
    }
    Ok(())
}

fn print_nodes(nodes: &[TreeNode], depth: usize, out: &mut impl Write) -> Result<(), Failure> {
    let indent = "  ".repeat(depth);
    for node in nodes {
        match node {
            TreeNode::Folder { id, name, children } => {
                writeln!(out, "{indent}folder {id} {name}")?;
                print_nodes(children, depth + 1, out)?;
            }
            TreeNode::Request {
                id, name, method, ..
            } => {
                writeln!(out, "{indent}request {id} {method} {name}")?;
            }
        }
    }
    Ok(())
}
