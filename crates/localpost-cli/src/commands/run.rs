//! `localpost run`: a collection run as newman runs it, with newman's options, reports
//! ([`reports`](super::reports)) and exit code (1 when anything failed, unless `-x`).
//!
//! A collection file runs in a throwaway store ([`Scratch`]): the file, `-e` and `-g` are
//! imported into a temporary directory with an empty in-memory keychain, so the user's data
//! and keychain are never opened. A stored collection runs in the user's store, as the app's
//! Runner would: what its scripts set is saved, secrets come from the keychain.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use localpost_core::cookies::Cookies;
use localpost_core::formats::postman;
use localpost_core::http::{ClientCertificate, Engine, Identity, Settings};
use localpost_core::model::{EnvironmentId, WorkspaceId};
use localpost_core::runner::{self, Files, Run, RunError, RunResult, Scratch};
use localpost_core::script::{Limits, Worker};
use localpost_core::send::{self, FileAccess};
use localpost_core::store::Store;
use localpost_core::vault::{Keychain, OsKeychain, Secret, Vault};
use tokio_util::sync::CancellationToken;

use crate::cli::{Bail, RunArgs};
use crate::exit::Failure;
use crate::lookup;

/// Whether `args` names a collection file (run without opening the user's store): an
/// existing file, or a `.json` path, which fails naming the file rather than being looked up
/// among stored collections.
pub fn is_file_run(args: &RunArgs) -> bool {
    let path = Path::new(&args.collection);
    path.is_file()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn run_failure(e: RunError) -> Failure {
    Failure::failed(e.to_string())
}

/// The run options both kinds of run share, checked at the edge.
fn options(
    args: &RunArgs,
    collection: localpost_core::model::CollectionId,
    base: Settings,
) -> Result<runner::Options, Failure> {
    let data = match &args.iteration_data {
        Some(path) => runner::data::read(path).map_err(run_failure)?,
        None => Vec::new(),
    };
    let mut options = runner::Options::new(collection);
    options.folders = args.folder.clone();
    options.iterations = args.iteration_count.map(|n| n as usize);
    options.data = data;
    let bail = args.bail.as_deref();
    // newman: a bare --bail or --bail failure stops after the failing request; --bail folder
    // ends the run with an error at a script or request error.
    options.bail = bail.is_some_and(|m| m.is_empty() || m.contains(&Bail::Failure));
    options.abort_on_error = bail.is_some_and(|m| m.contains(&Bail::Folder));
    options.delay = Duration::from_millis(args.delay_request);
    options.timeout = (args.timeout > 0).then(|| Duration::from_millis(args.timeout));
    options.keep_bodies = args.verbose;
    options.send.vault = super::send::vault_values(std::env::vars_os(), &args.vault_vars);
    options.send.script_timeout = args.timeout_script.map(Duration::from_millis);
    options.send.settings = settings(args, base)?;
    options.send.files = FileAccess {
        working_dir: args.working_dir.clone(),
        is_outside_refused: args.no_insecure_file_read,
        ..FileAccess::default()
    };
    Ok(options)
}

/// The settings every request falls back on: `base` (Localpost's defaults for a file run, the
/// stored preferences for a stored collection) with, over it, `--timeout-request`, `-k`,
/// `--ignore-redirects`, the client certificates (the list's, then `--ssl-client-cert` for
/// every other host; given, they replace the preferences') and `--ssl-extra-ca-certs`.
fn settings(args: &RunArgs, base: Settings) -> Result<Settings, Failure> {
    let mut settings = base;
    if args.timeout_request > 0 {
        settings.timeout = Some(Duration::from_millis(args.timeout_request));
    }
    settings.verify_tls &= !args.insecure;
    settings.follow_redirects &= !args.ignore_redirects;
    if let Some(ca) = &args.ssl_extra_ca_certs {
        settings.ca_certificates = Some(ca.clone());
    }
    if args.ssl_client_cert_list.is_some() || args.ssl_client_cert.is_some() {
        settings.client_certificates.clear();
    }
    let base = args.working_dir.clone().unwrap_or_default();
    if let Some(list) = &args.ssl_client_cert_list {
        settings.client_certificates =
            runner::certificates::read(list, &base).map_err(run_failure)?;
    }
    if let Some(cert) = &args.ssl_client_cert {
        settings.client_certificates.push(ClientCertificate {
            host: "*".into(),
            identity: Identity::Pem {
                cert: cert.clone(),
                key: args.ssl_client_key.clone().unwrap_or_default(),
                passphrase: Secret::from(args.ssl_client_passphrase.clone().unwrap_or_default()),
            },
            place: "--ssl-client-cert".into(),
        });
    } else if args.ssl_client_key.is_some() {
        return Err(Failure::usage("--ssl-client-key needs --ssl-client-cert"));
    }
    Ok(settings)
}

/// Runs a collection file in a throwaway store.
pub fn from_file(args: &RunArgs) -> Result<(), Failure> {
    let files = Files {
        collection: PathBuf::from(&args.collection),
        environment: args.environment.as_ref().map(PathBuf::from),
        globals: args.globals.clone(),
        env_vars: args.env_vars.clone(),
        global_vars: args.global_vars.clone(),
    };
    let scratch = Scratch::open(&files).map_err(run_failure)?;
    let mut options = options(args, scratch.collection, Settings::default())?;
    options.send.environment = Some(scratch.environment);
    let place = (scratch.workspace, Some(scratch.environment));
    execute(&scratch.store, &scratch.vault, &options, args, place)
}

/// Runs a stored collection (by name or id) in the user's store.
pub fn stored(store: &Store, service: &str, args: &RunArgs) -> Result<(), Failure> {
    if args.globals.is_some() {
        return Err(Failure::usage(
            "-g takes a globals file: it is for runs from a collection file",
        ));
    }
    let workspace = lookup::workspace(store, args.workspace.as_deref())?;
    let tree = store.tree(workspace.id)?;
    let collection = lookup::collection(store, &tree, &args.collection).map_err(|_| {
        Failure::usage(format!(
            "{}: no such file, nor a collection of that name or id in workspace {:?}",
            args.collection, workspace.name
        ))
    })?;
    let environment = lookup::environment(&tree, args.environment.as_deref())?.map(|e| e.id);
    // A stored collection runs as the app's Runner would: over the stored preferences.
    let preferred = send::Options::preferred(store)?.settings;
    let mut options = options(args, collection.id, preferred)?;
    options.send = send::Options {
        environment,
        // Globals given below the environment's, then the environment's overrides.
        overrides: args
            .global_vars
            .iter()
            .chain(&args.env_vars)
            .cloned()
            .collect(),
        ..options.send
    };
    // What the run reads from the keychain never reaches a report, the console or an export.
    options.mask_secrets = true;
    let vault = Vault::new(OsKeychain::new(service));
    execute(store, &vault, &options, args, (workspace.id, environment))
}

/// Runs, reports, exports, and gives the exit status.
fn execute<K: Keychain>(
    store: &Store,
    vault: &Vault<K>,
    options: &runner::Options,
    args: &RunArgs,
    (workspace, environment): (WorkspaceId, Option<EnvironmentId>),
) -> Result<(), Failure> {
    let engine = Engine::new();
    let worker = Worker::start(Limits::default());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let jar = match &args.cookie_jar {
        Some(path) => runner::cookie_jar::read(path).map_err(run_failure)?,
        None => Vec::new(),
    };
    let cookies = Cookies::new(store, vault);
    for cookie in &jar {
        cookies
            .add(workspace, cookie)
            .map_err(|e| Failure::failed(format!("cookie jar: {e}")))?;
    }
    // newman exports the collection as the run found it: its scripts change a copy.
    let before = match &args.export_collection {
        Some(_) => Some(postman::export_collection(store, options.collection)?.0),
        None => None,
    };
    let mut reporters = super::reports::build(args)?;
    let run = Run::new(store, vault, &engine).scripts(&worker);
    let cancel = CancellationToken::new();
    runtime.spawn(interrupt(cancel.clone()));
    let result = runtime
        .block_on(run.run(options, &mut |event| reporters.event(event), &cancel))
        .map_err(run_failure)?;
    if cancel.is_cancelled() {
        // Interrupted: the reports are dropped unfinished, so none is written.
        return Err(Failure::quiet(130));
    }
    for path in &result.left_out {
        eprintln!(
            "warning: left out WebSocket request \"{path}\" (a run sends HTTP requests only)"
        );
    }
    // newman writes no file report and no exports for a run that ended with an error; the
    // terminal's reports still end with the summary.
    reporters
        .finish(&result, result.aborted.is_none())
        .map_err(super::reports::failure)?;
    if result.aborted.is_none() {
        let outputs = Outputs {
            store,
            cookies: &cookies,
            collection: before,
            workspace,
            environment,
        };
        outputs.write(&result, args)?;
    }
    // newman's run.error: said on stderr after the reports, exit 1 unless -x.
    match (&result.aborted, args.suppress_exit_code) {
        (Some(error), false) => return Err(Failure::failed(error.clone())),
        (Some(error), true) => eprintln!("error: {error}"),
        (None, _) => {}
    }
    status(&result, args.suppress_exit_code)
}

/// Cancels the run on the first Ctrl-C (the run stops after the request under way and no
/// report is written, so none is left half-written); a second one ends the process at once.
async fn interrupt(cancel: CancellationToken) {
    if tokio::signal::ctrl_c().await.is_ok() {
        cancel.cancel();
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    }
}

/// What the files written after a run are read from.
struct Outputs<'a, K: Keychain> {
    store: &'a Store,
    cookies: &'a Cookies<'a, K>,
    /// The collection as the run found it, for `--export-collection`.
    collection: Option<serde_json::Value>,
    workspace: WorkspaceId,
    environment: Option<EnvironmentId>,
}

impl<K: Keychain> Outputs<'_, K> {
    /// Writes the exports `args` ask for, masked by the run's mask.
    fn write(&self, result: &RunResult, args: &RunArgs) -> Result<(), Failure> {
        let export = |path: &Path, mut json: serde_json::Value| {
            result.mask.json(&mut json);
            write_json(path, &json)
        };
        let store = self.store;
        if let (Some(path), Some(env)) = (&args.export_environment, self.environment) {
            export(path, postman::export_environment(store, env)?.0)?;
        }
        if let Some(path) = &args.export_globals {
            export(path, postman::export_globals(store, self.workspace)?.0)?;
        }
        if let (Some(path), Some(json)) = (&args.export_collection, &self.collection) {
            export(path, json.clone())?;
        }
        if let Some(path) = &args.export_cookie_jar {
            let list = self
                .cookies
                .list(self.workspace)
                .map_err(|e| Failure::failed(format!("cookie jar: {e}")))?;
            write_json(path, &runner::cookie_jar::to_json(&list))?;
        }
        Ok(())
    }
}

/// Writes `json` to `path` whole (its directory made if missing).
fn write_json(path: &Path, json: &serde_json::Value) -> Result<(), Failure> {
    let cannot =
        |e: std::io::Error| Failure::failed(format!("{}: cannot write: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let mut text =
        serde_json::to_string_pretty(json).map_err(|e| Failure::failed(e.to_string()))?;
    text.push('\n');
    let mut file = std::fs::File::create(path).map_err(cannot)?;
    file.write_all(text.as_bytes()).map_err(cannot)
}

/// Exit 1 when a test failed, a script stopped with an error or a request got no response,
/// unless `-x`; the reports have said what.
fn status(result: &RunResult, suppress: bool) -> Result<(), Failure> {
    let failed = result.stats();
    let any = failed.assertions.failed + failed.scripts.failed + failed.requests.failed > 0;
    match any && !suppress {
        true => Err(Failure::quiet(1)),
        false => Ok(()),
    }
}
