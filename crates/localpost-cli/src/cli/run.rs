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

    /// Write the collection, its variables as they are at the end of the run, to this file.
    #[arg(long = "export-collection", value_name = "FILE")]
    pub export_collection: Option<PathBuf>,

    /// Start with the cookies of this cookie jar file (tough-cookie JSON, as newman writes it).
    #[arg(long = "cookie-jar", value_name = "FILE")]
    pub cookie_jar: Option<PathBuf>,

    /// Write the cookie jar as it is at the end of the run to this file (tough-cookie JSON).
    #[arg(long = "export-cookie-jar", value_name = "FILE")]
    pub export_cookie_jar: Option<PathBuf>,

    /// Stop the run after the first request with a failed test, script error or request
    /// error; `--bail folder` instead ends the run with an error at the first script or
    /// request error, `--bail failure` is the bare `--bail` (comma-separated).
    #[arg(long, value_name = "MODIFIERS", num_args = 0..=1, value_delimiter = ',')]
    pub bail: Option<Vec<Bail>>,

    /// Wait this long between requests, in milliseconds.
    #[arg(long = "delay-request", value_name = "MS", default_value_t = 0)]
    pub delay_request: u64,

    /// Time limit of the whole run in milliseconds (0: none).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub timeout: u64,

    /// Time limit of each request in milliseconds (0: none), where the request, its folders
    /// and collection set none.
    #[arg(long = "timeout-request", value_name = "MS", default_value_t = 0)]
    pub timeout_request: u64,

    /// Time limit of each script in milliseconds [default: the request's, folder's or
    /// collection's script time limit, else 5000].
    #[arg(long = "timeout-script", value_name = "MS")]
    pub timeout_script: Option<u64>,

    /// Follow no redirects, where the request, its folders and collection do not say.
    #[arg(long = "ignore-redirects")]
    pub ignore_redirects: bool,

    /// Do not verify TLS certificates, where the request, its folders and collection do not say.
    #[arg(long, short = 'k')]
    pub insecure: bool,

    /// Client certificate (PEM) presented to every host the certificate list does not match.
    #[arg(long = "ssl-client-cert", value_name = "FILE")]
    pub ssl_client_cert: Option<PathBuf>,

    /// Private key (PEM) of `--ssl-client-cert`.
    #[arg(long = "ssl-client-key", value_name = "FILE")]
    pub ssl_client_key: Option<PathBuf>,

    /// Passphrase of the client certificate (accepted for newman's sake; only PKCS#12 files in
    /// the certificate list use one).
    #[arg(long = "ssl-client-passphrase", value_name = "PASSPHRASE")]
    pub ssl_client_passphrase: Option<String>,

    /// Client certificates by URL pattern: newman's JSON list of `{name, matches, key, cert,
    /// pfx, passphrase}`.
    #[arg(long = "ssl-client-cert-list", value_name = "FILE")]
    pub ssl_client_cert_list: Option<PathBuf>,

    /// CA certificates (PEM) trusted besides the system's.
    #[arg(long = "ssl-extra-ca-certs", value_name = "FILE")]
    pub ssl_extra_ca_certs: Option<PathBuf>,

    /// Directory that relative file paths in request bodies resolve against (default: the
    /// current directory).
    #[arg(long = "working-dir", value_name = "DIR")]
    pub working_dir: Option<PathBuf>,

    /// Refuse to read body files outside the working directory (a request error).
    #[arg(long = "no-insecure-file-read")]
    pub no_insecure_file_read: bool,

    /// Show each request's and response's headers and timings in the cli report.
    #[arg(long)]
    pub verbose: bool,

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

/// `--bail` modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Bail {
    /// End the run with an error at the first script or request error (and, as always, on
    /// an unknown `--folder`).
    Folder,
    /// Stop after the first request with a failure (the bare `--bail`).
    Failure,
}
