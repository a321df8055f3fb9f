//! The arguments of `localpost run`: newman's `run` options, with newman's names.

use std::path::PathBuf;

use localpost_core::vault::Secret;

use super::{ReporterArgs, VaultPair, parse_pair};

/// Arguments of `localpost run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A Postman collection file (nothing is written to the store), or the name or id of a
    /// stored collection.
    #[arg(value_name = "COLLECTION")]
    pub collection: String,

    /// A Postman environment file; for a stored collection, a stored environment's name or id.
    #[arg(long, short = 'e', value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// A Postman globals file (runs from a file only).
    #[arg(long, short = 'g', value_name = "FILE")]
    pub globals: Option<PathBuf>,

    /// Iteration data: a CSV file with a header row, or a JSON array of objects.
    #[arg(long = "iteration-data", short = 'd', value_name = "FILE")]
    pub iteration_data: Option<PathBuf>,

    /// Number of iterations (default: one per data row, else 1).
    #[arg(long = "iteration-count", short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub iteration_count: Option<u64>,

    /// Run only this folder (or request), by name or id (repeatable).
    #[arg(long, value_name = "NAME")]
    pub folder: Vec<String>,

    /// Set an environment variable (repeatable).
    #[arg(long = "env-var", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub env_vars: Vec<(String, String)>,

    /// Set a global variable (repeatable).
    #[arg(long = "global-var", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub global_vars: Vec<(String, String)>,

    /// Give vault secret NAME this value (repeatable); see `localpost send --vault-var`.
    #[arg(long = "vault-var", value_name = "NAME=VALUE", value_parser = VaultPair)]
    pub vault_vars: Vec<(String, Secret)>,

    /// Write the environment as it is at the end of the run to this file.
    #[arg(long = "export-environment", value_name = "FILE")]
    pub export_environment: Option<PathBuf>,

    /// Write the globals as they are at the end of the run to this file.
    #[arg(long = "export-globals", value_name = "FILE")]
    pub export_globals: Option<PathBuf>,

    /// Stop the run after the first request with a failed test, script error or request error.
    #[arg(long)]
    pub bail: bool,

    /// Wait this long between requests, in milliseconds.
    #[arg(long = "delay-request", value_name = "MS", default_value_t = 0)]
    pub delay_request: u64,

    /// Time limit of each script in milliseconds [default: the request's, folder's or
    /// collection's script time limit, else 5000].
    #[arg(long = "timeout-script", value_name = "MS")]
    pub timeout_script: Option<u64>,

    /// Exit 0 even when something failed.
    #[arg(long = "suppress-exit-code", short = 'x')]
    pub suppress_exit_code: bool,

    /// Print nothing on standard output (reports to files are still written).
    #[arg(long)]
    pub silent: bool,

    /// Draw the cli report without Unicode symbols.
    #[arg(long = "disable-unicode")]
    pub disable_unicode: bool,

    /// Colour the cli report: on a terminal only (auto), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Reports and their options.
    #[command(flatten)]
    pub report: ReporterArgs,

    /// Workspace of a stored collection (name or id; default: the first).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// On a terminal only.
    Auto,
    /// Always.
    On,
    /// Never.
    Off,
}
