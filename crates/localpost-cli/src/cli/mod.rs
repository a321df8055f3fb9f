//! The command line, as clap parses it.

use std::path::PathBuf;

pub mod reporters;
mod run;

use clap::{Parser, Subcommand};
use localpost_core::vault::Secret;

pub use reporters::{Reporter, ReporterArgs};
pub use run::{Bail, Color, RunArgs};

/// Localpost: a local-only API client. Nothing leaves this machine unless you send it.
#[derive(Debug, Parser)]
#[command(name = "localpost", version, about, long_about = None)]
pub struct Cli {
    /// Directory holding the Localpost store (default: the platform data dir, e.g.
    /// ~/.local/share/localpost).
    #[arg(long, global = true, env = "LOCALPOST_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Service name of Localpost's entries in the OS keychain, to keep separate profiles (and
    /// tests) apart.
    #[arg(
        long,
        global = true,
        env = "LOCALPOST_KEYCHAIN_SERVICE",
        value_name = "NAME",
        default_value = localpost_core::vault::SERVICE,
        hide_default_value = true
    )]
    pub keychain_service: String,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List workspaces, collections, folders, requests and environments, with their ids.
    List(ListArgs),
    /// Send one stored request and print the response.
    Send(SendArgs),
    /// Run a collection (a Postman file, or a stored collection) as newman does, with its
    /// options and reports.
    Run(Box<RunArgs>),
    /// Manage vault secrets: values in the OS keychain, used as {{vault:NAME}}.
    #[command(subcommand)]
    Vault(VaultCommand),
    /// Import Postman collections (v1, v2.0, v2.1), environments, globals and data dumps,
    /// OpenAPI 3 / Swagger 2 (JSON or YAML), Insomnia exports, HAR files and curl commands:
    /// all the files, or (when one cannot be read) none of them.
    Import(ImportArgs),
    /// Export a collection, an environment or the globals as Postman v2.1 JSON, a workspace
    /// as a Postman data dump, or a request as a code snippet. Secret values are never written.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Obtain credentials for a request's auth: OAuth 2.0 tokens, kept in the OS keychain.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Show or remove the cookies of a workspace's jar (values are sealed at rest).
    #[command(subcommand)]
    Cookies(CookiesCommand),
    /// List, show or clear the history of sends.
    History(HistoryArgs),
    /// Workspace settings.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
}

/// `localpost auth …`.
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Obtain an OAuth 2.0 token with the request's auth in force and store it in the OS
    /// keychain; the auth then uses it as {{vault:NAME}}. Authorization code grants print a URL
    /// to open and wait on a loopback redirect.
    Token(TokenArgs),
}

/// Arguments of `localpost auth token`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    /// The request: its id, or its path Collection/Folder/Request in the workspace.
    #[arg(value_name = "REQUEST")]
    pub request: String,

    /// Workspace to look in (name or id; default: the first).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,

    /// Environment to use (name or id; default: the workspace's active one).
    #[arg(long, short = 'e', value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// Set a variable over the environment's (repeatable).
    #[arg(long = "env-var", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub env_vars: Vec<(String, String)>,

    /// Trade the stored refresh token for new tokens instead of running the grant.
    #[arg(long)]
    pub refresh: bool,
}

/// `localpost cookies …`.
#[derive(Debug, Subcommand)]
pub enum CookiesCommand {
    /// List the jar's cookies: id, domain, path, name, value, expiry and flags.
    List {
        /// Workspace (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// Remove one cookie, by id or by name (every cookie of that name).
    Rm {
        /// The cookie's id or name.
        #[arg(value_name = "COOKIE")]
        cookie: String,
        /// Workspace (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// Remove every cookie of the workspace.
    Clear {
        /// Workspace (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
}

/// Arguments of `localpost history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// What to do (default: list).
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    /// Only entries whose URL, method, status or request name contains TEXT.
    #[arg(long, short = 's', value_name = "TEXT", global = true)]
    pub search: Option<String>,
    /// Workspace (name or id; default: the first).
    #[arg(long, short = 'w', value_name = "WORKSPACE", global = true)]
    pub workspace: Option<String>,
}

/// `localpost history …`.
#[derive(Debug, Clone, Subcommand)]
pub enum HistoryAction {
    /// One line per send, newest first.
    List {
        /// At most this many entries.
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: usize,
    },
    /// One send: the request as sent and the response, as kept.
    Show {
        /// The entry's id (the first column of `history list`).
        id: i64,
    },
    /// Remove every entry of the workspace.
    Clear,
}

/// `localpost workspace …`.
#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Set how sensitive a workspace's data is: restricted (history keeps only the method, the
    /// URL's origin, status, size and timing of a send, and history already kept is cut down to
    /// that; collections export without example responses), internal (the default: history
    /// sealed at rest) or public (history kept plainly).
    Classify {
        /// The workspace (name or id).
        #[arg(value_name = "WORKSPACE")]
        workspace: String,
        /// The class.
        #[arg(value_enum)]
        class: ClassArg,
    },
}

/// Classes of `localpost workspace classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClassArg {
    /// Never persist response data.
    Restricted,
    /// Persist it sealed.
    Internal,
    /// Persist it plainly.
    Public,
}

/// Arguments of `localpost import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files to import; the format is detected from the content: Postman collections,
    /// environments, globals and data dumps (ZIP or legacy JSON), OpenAPI or Swagger
    /// descriptions, Insomnia v4/v5 exports, HAR files, or curl commands (one collection per
    /// file, named after it).
    #[arg(value_name = "FILE", required_unless_present = "curl")]
    pub files: Vec<PathBuf>,

    /// curl command line(s) to import as one collection (`-` reads them from standard input).
    #[arg(long, value_name = "COMMAND")]
    pub curl: Option<String>,

    /// Name of the collection `--curl` creates.
    #[arg(long, value_name = "NAME", requires = "curl", default_value = "curl")]
    pub collection: String,

    /// Workspace to import into (name or id; created if no workspace has that name; default:
    /// the first).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,

    /// Move plain-text secrets found in the files (tokens, passwords, keys) into the vault,
    /// leaving {{vault:NAME}} in their place; variables holding them become secret variables.
    /// Without it they are only listed as warnings.
    #[arg(long)]
    pub move_secrets_to_vault: bool,

    /// A Postman collection already in the workspace (same Postman id) is replaced by the
    /// imported one, in its place.
    #[arg(long, conflicts_with = "as_copy")]
    pub replace: bool,

    /// A Postman collection already in the workspace (same Postman id) is kept, and the
    /// imported one is added beside it with a new Postman id.
    #[arg(long)]
    pub as_copy: bool,
}

/// `localpost export …`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A request, as a code snippet printed to standard output. Secret variables and vault
    /// secrets stay as {{placeholders}}.
    Request {
        /// The request: its id, or its path Collection/Folder/Request in the workspace.
        #[arg(value_name = "REQUEST")]
        request: String,
        /// The language or tool to write it for.
        #[arg(long = "as", value_enum, value_name = "LANGUAGE")]
        language: SnippetLanguage,
        /// Environment whose (non-secret) variables apply (name or id; default: the active one).
        #[arg(long, short = 'e', value_name = "ENVIRONMENT")]
        environment: Option<String>,
        /// Workspace to look in (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// A collection, as a Postman v2.1 collection file.
    Collection {
        /// The collection: its id, or its name in the workspace.
        #[arg(value_name = "COLLECTION")]
        collection: String,
        /// Where to write the file (`-` for standard output).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// Workspace to look the name up in (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// An environment, as a Postman environment file.
    Environment {
        /// The environment: its id, or its name in the workspace.
        #[arg(value_name = "ENVIRONMENT")]
        environment: String,
        /// Where to write the file (`-` for standard output).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// Workspace to look the name up in (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// A whole workspace (collections, environments, globals) as a Postman data dump ZIP
    /// (`archive.json`, `collection/<id>.json`, `environment/<id>.json`).
    Dump {
        /// Where to write the ZIP.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The workspace (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
    /// A workspace's globals, as a Postman globals file.
    Globals {
        /// Where to write the file (`-` for standard output).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The workspace (name or id; default: the first).
        #[arg(long, short = 'w', value_name = "WORKSPACE")]
        workspace: Option<String>,
    },
}

/// Languages of `localpost export request --as`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SnippetLanguage {
    /// curl, for bash and other POSIX shells.
    Curl,
    /// HTTPie.
    Httpie,
    /// Python requests.
    Python,
    /// JavaScript fetch.
    Fetch,
    /// Node.js axios.
    Axios,
    /// Go net/http.
    Go,
    /// Rust reqwest.
    Rust,
    /// Java HttpClient.
    Java,
    /// C# HttpClient.
    Csharp,
    /// PowerShell Invoke-RestMethod.
    Powershell,
}

/// `localpost vault …`.
#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Create or replace a secret. The value is read from standard input (piped) or a hidden
    /// prompt, never from the command line.
    Set {
        /// Name used in {{vault:NAME}}: letters, digits, '_', '-', '.'.
        name: String,
        /// Only substitute the secret into requests to this domain (repeatable), e.g.
        /// api.example.com, *.example.com, https://api.example.com/v1/*.
        #[arg(long = "domain", value_name = "DOMAIN")]
        domains: Vec<String>,
    },
    /// List secret names and their domains (never values).
    List,
    /// Remove a secret from the vault and the keychain.
    Rm {
        /// The secret's name.
        name: String,
    },
    /// Replace the data key that seals credentials at rest with a fresh one, re-sealing
    /// everything sealed with the old key (all or nothing).
    RotateKey,
    /// Empty every sealed field (for when the data key was lost and sealed data cannot be
    /// opened). Everything else is kept. Asks for --yes.
    WipeSealed {
        /// Confirm: sealed credentials are gone for good.
        #[arg(long)]
        yes: bool,
    },
}

/// Arguments of `localpost list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this workspace (name or id).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,
}

/// Arguments of `localpost send`.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// The request: its id, or its path Collection/Folder/Request in the workspace.
    #[arg(value_name = "REQUEST")]
    pub request: String,

    /// Workspace to look in (name or id; default: the first).
    #[arg(long, short = 'w', value_name = "WORKSPACE")]
    pub workspace: Option<String>,

    /// Environment to use (name or id; default: the workspace's active one).
    #[arg(long, short = 'e', value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// Set a variable over the environment's (repeatable).
    #[arg(long = "env-var", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub env_vars: Vec<(String, String)>,

    /// Give vault secret NAME this value for this send (repeatable), in place of the keychain's;
    /// for CI. Prefer LOCALPOST_VAULT_<NAME>: a command line is visible to other users.
    #[arg(long = "vault-var", value_name = "NAME=VALUE", value_parser = VaultPair)]
    pub vault_vars: Vec<(String, Secret)>,

    /// What to print: the status line, headers and body, or the whole exchange as JSON.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,

    /// Send without running the pre-request and test scripts of the request, its folders and
    /// its collection.
    #[arg(long)]
    pub no_scripts: bool,

    /// Send through this proxy (`http://`, `https://`, `socks5://`, `socks5h://`; user and
    /// password in the URL), where the request, its folders and collection set none.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,

    /// Hosts reached without the proxy, comma-separated (`localhost,.internal.example`).
    #[arg(long, value_name = "HOSTS", requires = "proxy")]
    pub noproxy: Option<String>,

    /// A PEM file of CA certificates trusted besides the platform's, where the request, its
    /// folders and collection set none.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<std::path::PathBuf>,

    /// A PEM client certificate presented to any host (with --key), where the request, its
    /// folders and collection list none.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<std::path::PathBuf>,

    /// The PEM private key of --cert.
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<std::path::PathBuf>,

    /// The passphrase of an encrypted --key (PKCS#8, or OpenSSL's legacy encrypted PEM), as
    /// curl's --pass.
    #[arg(long, value_name = "PHRASE", requires = "key")]
    pub pass: Option<String>,

    /// Do not verify TLS certificates, where the request, its folders and collection do not
    /// say.
    #[arg(long, short = 'k')]
    pub insecure: bool,

    /// Time limit of each script in milliseconds, its timers and pm.sendRequest waits included
    /// [default: the request's, folder's or collection's script time limit, else 5000].
    #[arg(long = "timeout-script", value_name = "MS")]
    pub timeout_script: Option<u64>,

    /// WebSocket requests: listen this long after the socket opens, then close with 1000;
    /// GraphQL subscriptions: the same, completing the subscription first; Server-Sent Events (text output): print events this long after the stream opens, then
    /// stop and exit 0 (`500ms`, `10s`, `2m`; a bare number is seconds) [default: until the
    /// server closes].
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub for_duration: Option<std::time::Duration>,

    /// Server-Sent Events (text output): when the server ends the stream, open it again after
    /// the stream's `retry` time (3 s when it set none) with the last event's id as
    /// `Last-Event-ID`, as a browser's EventSource does, until a response is not a stream,
    /// `--for` has passed, or Ctrl-C.
    #[arg(long)]
    pub reconnect: bool,

    /// gRPC requests: list the methods the request's descriptor source offers (its .proto
    /// files, or the server's reflection) instead of calling its method.
    #[arg(long)]
    pub list: bool,
}

/// Output formats of `localpost send`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Status line, headers, a blank line, the body (like xh).
    Text,
    /// The request as sent and the response, as one JSON document.
    Json,
}

/// Parses `--vault-var NAME=VALUE` into a name and a [`Secret`], so `Debug` of the arguments
/// hides the value; unlike a plain value parser, its error never repeats what was given.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VaultPair;

impl clap::builder::TypedValueParser for VaultPair {
    type Value = (String, Secret);

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        match value.to_str().and_then(|s| s.split_once('=')) {
            Some((name, value)) if !name.is_empty() => Ok((name.to_string(), Secret::from(value))),
            _ => Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                "--vault-var expects NAME=VALUE in UTF-8 (what was given is not shown)\n",
            )
            .with_cmd(cmd)),
        }
    }
}

/// Parses `500ms`, `1.5s`, `2m`, `1h` or a bare number of seconds.
pub(crate) fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale = match unit.trim() {
        "ms" => 0.001,
        "" | "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        _ => {
            return Err(format!(
                "expected a duration such as 500ms, 10s or 2m, got {s:?}"
            ));
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("expected a duration such as 500ms, 10s or 2m, got {s:?}"))?;
    std::time::Duration::try_from_secs_f64(value * scale)
        .map_err(|_| format!("{s:?} is not a duration Localpost can wait"))
}

pub(crate) fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations_take_a_unit_or_mean_seconds() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 days").is_err());
        assert!(parse_duration("").is_err());
    }
}
