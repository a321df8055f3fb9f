//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Localpost: a local-only API client. Nothing leaves this machine unless you send it.
#[derive(Debug, Parser)]
#[command(name = "localpost", version, about, long_about = None)]
pub struct Cli {
    /// Directory holding the Localpost store (default: the platform data dir, e.g.
    /// ~/.local/share/localpost).
    #[arg(long, global = true, env = "LOCALPOST_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List workspaces, collections, folders, requests and environments, with their ids.
    List(ListArgs),
}

/// Arguments of `localpost list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this workspace (name or id).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,
}
