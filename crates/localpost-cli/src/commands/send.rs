//! `localpost send`: one stored request, sent with the variables and auth it would have in the
//! app, its response printed.
//!
//! Variables, lowest precedence first: the workspace's globals, the collection's variables, the
//! chosen (else the active) environment, then each `--env-var` (which overrides the
//! environment's value of that name, as newman's does). [`localpost_core::send`] resolves them
//! and the inherited auth and settings, the same way the desktop app does.
//!
//! `{{vault:NAME}}` takes the keychain's value, unless `LOCALPOST_VAULT_<NAME>` is set or
//! `--vault-var NAME=VALUE` is given (the latter wins): these stand in for the keychain in CI and
//! are never written anywhere. The domain limits a `localpost vault set` recorded still apply.
//!
//! The send uses the workspace's cookie jar and is recorded in its history, as in the app
//! ([`Sender`]); a jar or history that cannot be saved is a warning, not a failure.
//!
//! A WebSocket request is opened instead ([`super::websocket`]): its messages are sent and
//! the frames printed as they go, until it closes or `--for` is up. A Socket.IO request's
//! session is opened the same way ([`super::socketio`]): its events emitted, and what happens
//! printed as it happens.
//!
//! A gRPC request is called instead ([`super::grpc`]): each response message is printed as it
//! arrives, then the status and trailers; `--list` lists its methods.
//!
//! A GraphQL subscription is run over `graphql-transport-ws` instead ([`super::subscription`]):
//! each `next` payload is printed as a line of JSON as it arrives.
//!
//! A `text/event-stream` response (Server-Sent Events) is printed as it arrives in text
//! output: its head at once, then each event when the server ends it, until the stream ends
//! (or Ctrl-C). The whole body is still what the history records and the scripts see.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use localpost_core::http::event_stream::{EventStream, is_event_stream_response};
use localpost_core::http::{BodySink, BodyWatch, Engine, HttpError, Response, Unresolved, Watch};
use localpost_core::script::{Limits, Worker};
use localpost_core::send::{Options, RunState, ScriptResult, SendError, Sender};
use tokio_util::sync::CancellationToken;

use crate::cli::{OutputFormat, SendArgs};
use crate::exit::Failure;
use crate::{lookup, output};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Secret, Vault};

/// Prefix of the environment variables that give vault secrets' values.
const VAULT_ENV_PREFIX: &str = "LOCALPOST_VAULT_";

/// Vault values for this send: `LOCALPOST_VAULT_<NAME>` variables (names as written after the
/// prefix; values that are not UTF-8 are skipped), then `--vault-var`, so a later one wins.
pub(crate) fn vault_values(
    env: impl Iterator<Item = (OsString, OsString)>,
    given: &[(String, Secret)],
) -> Vec<(String, Secret)> {
    let mut values: Vec<(String, Secret)> = env
        .filter_map(|(key, value)| {
            let name = key.to_str()?.strip_prefix(VAULT_ENV_PREFIX)?;
            let value = value.into_string().ok()?;
            (!name.is_empty()).then(|| (name.to_string(), Secret::from(value)))
        })
        .collect();
    values.extend(given.iter().cloned());
    values
}

/// Finds, prepares and sends the request, then prints the exchange.
///
/// Secret variables are read from the OS keychain under `service`.
pub fn run(
    store: &Store,
    service: &str,
    args: &SendArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let workspace = lookup::workspace(store, args.workspace.as_deref())?;
    let tree = store.tree(workspace.id)?;
    let request = lookup::request(store, &tree, &args.request)?;
    let environment = lookup::environment(&tree, args.environment.as_deref())?;

    let options = Options {
        environment: environment.map(|env| env.id),
        overrides: args.env_vars.clone(),
        vault: vault_values(std::env::vars_os(), &args.vault_vars),
        script_timeout: args.timeout_script.map(Duration::from_millis),
        settings: transport(args, Options::preferred(store)?.settings)?,
        ..Options::default()
    };
    let vault = Vault::new(OsKeychain::new(service));
    if request.is_websocket() {
        return super::websocket::run(store, &vault, &request, &options, args, out);
    }
    if request.is_socketio() {
        return super::socketio::run(store, &vault, &request, &options, args, out);
    }
    if request.is_grpc() {
        return super::grpc::run(store, &vault, &request, &options, args, out);
    }
    if args.list {
        return Err(Failure::usage(format!(
            "--list applies to gRPC requests; {:?} is not one",
            request.name
        )));
    }
    if localpost_core::graphql::is_subscription(&request) {
        return super::subscription::run(store, &vault, &request, &options, args);
    }
    if args.for_duration.is_some() && args.output == OutputFormat::Json {
        return Err(Failure::usage(format!(
            "--for with --output json applies to WebSocket requests; {:?} is an HTTP request",
            request.name
        )));
    }
    let live = Arc::new(LiveEvents {
        stop_after: args.for_duration.map(|d| (d, CancellationToken::new())),
        ..LiveEvents::default()
    });
    let cancel = live
        .stop_after
        .as_ref()
        .map_or_else(CancellationToken::new, |(_, token)| token.clone());
    let engine = match args.output {
        OutputFormat::Text => Engine::with_options(localpost_core::http::Options {
            watch: Some(Watch(Arc::clone(&live) as Arc<dyn BodyWatch>)),
            ..localpost_core::http::Options::default()
        }),
        OutputFormat::Json => Engine::new(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let worker = (!args.no_scripts).then(|| Worker::on_demand(Limits::default()));
    let mut sender = Sender::new(store, &vault, &engine);
    if let Some(worker) = &worker {
        sender = sender.scripts(worker);
    }
    let mut options = options;
    // Whether a stream was printed: from then on, with `--reconnect`, a network error opens it
    // again instead of ending the send.
    let mut resuming = false;
    loop {
        live.streamed.store(false, Ordering::SeqCst);
        let mut state = RunState::default();
        let sending = sender.send_in_run(request.id, &options, &mut state, &cancel);
        let sent = match runtime.block_on(sending) {
            Ok(sent) => sent,
            // `--for` stopped an event stream it printed: that is the end asked for.
            Err(SendError::Http(HttpError::Cancelled))
                if resuming || live.streamed.load(Ordering::SeqCst) =>
            {
                return Ok(());
            }
            // `--reconnect`: a stream cut by the network (or a reconnection the network
            // refused) is opened again, as a browser's EventSource does.
            Err(SendError::Http(e))
                if args.reconnect
                    && e.is_network()
                    && (resuming || live.streamed.load(Ordering::SeqCst)) =>
            {
                resuming = true;
                if wait_to_reconnect(&runtime, &live, &cancel, &format!("{e}")) {
                    return Ok(());
                }
                options.headers = last_event_id(&live);
                continue;
            }
            // Not a failure: the script chose not to send. Its results are shown, exit 0 (or 5).
            Err(SendError::Skipped { scripts }) => return skipped(&scripts, args.output, out),
            Err(e) => {
                // The pre-request scripts ran before the request failed: show what they did.
                output::scripts(&state.scripts, &mut std::io::stderr().lock())?;
                return Err(e.into());
            }
        };
        warn(&sent.exchange.request.unresolved, &sent.unsaved);
        let streamed = live.streamed.load(Ordering::SeqCst);
        if streamed {
            // The head and the events are out already; the saved body's file is not needed.
            if let Some(file) = &sent.exchange.response.body.file {
                let _ = std::fs::remove_file(file);
            }
        } else {
            output::exchange(
                &sent.exchange,
                &sent.scripts,
                args.output,
                std::io::stdout().is_terminal(),
                out,
            )?;
        }
        if args.output == OutputFormat::Text {
            output::scripts(&sent.scripts, &mut std::io::stderr().lock())?;
        }
        scripts_status(&sent.scripts)?;
        // `--reconnect`: an event stream the server ended is opened again after its retry
        // time, with the last event id, as a browser's EventSource does; anything else ends.
        if !(args.reconnect && streamed) {
            return Ok(());
        }
        resuming = true;
        if wait_to_reconnect(&runtime, &live, &cancel, "the stream ended") {
            return Ok(());
        }
        options.headers = last_event_id(&live);
    }
}

/// Says on stderr why (`what`) and when the stream is opened again, and waits for its retry
/// time; `true` when `--for` or Ctrl-C ended the wait instead.
fn wait_to_reconnect(
    runtime: &tokio::runtime::Runtime,
    live: &LiveEvents,
    cancel: &CancellationToken,
    what: &str,
) -> bool {
    let (last_id, retry) = live.resume_point();
    let wait = Duration::from_millis(retry.unwrap_or(DEFAULT_RETRY_MS));
    eprintln!(
        "{what}; reconnecting in {} ms{}",
        wait.as_millis(),
        match last_id.is_empty() {
            true => String::new(),
            false => format!(" with Last-Event-ID: {last_id}"),
        }
    );
    runtime.block_on(async {
        tokio::select! {
            () = tokio::time::sleep(wait) => false,
            () = cancel.cancelled() => true,
        }
    })
}

/// The `Last-Event-ID` header a reconnection sends: none before the streams gave an id.
fn last_event_id(live: &LiveEvents) -> Vec<(String, String)> {
    let (last_id, _) = live.resume_point();
    match last_id.is_empty() {
        true => Vec::new(),
        false => vec![("Last-Event-ID".to_owned(), last_id)],
    }
}

/// Says on stderr which `{{variables}}` went out unresolved and what could not be saved.
pub(super) fn warn(unresolved: &[Unresolved], unsaved: &[String]) {
    if !unresolved.is_empty() {
        let list: Vec<String> = unresolved
            .iter()
            .map(|u| format!("{} ({})", u.name, u.place))
            .collect();
        eprintln!("warning: unresolved variables: {}", list.join(", "));
    }
    for warning in unsaved {
        eprintln!("warning: {warning}");
    }
}

/// How long `--reconnect` waits before opening an ended stream again when the stream set no
/// `retry` time (what browsers wait).
const DEFAULT_RETRY_MS: u64 = 3000;

/// Prints an event stream as it arrives (text output): the response's head when the body
/// starts, then each event as the server ends it; other bodies are left to [`output::exchange`].
/// It keeps the last event id and retry time, for `--reconnect`.
#[derive(Default)]
struct LiveEvents {
    /// Set when a stream was printed, so the whole body is not printed again.
    streamed: AtomicBool,
    /// `--for`: how long after the first stream opens the send is cancelled, and its token.
    stop_after: Option<(Duration, CancellationToken)>,
    /// Whether the `--for` timer runs (it starts with the first stream, not each reconnection).
    armed: AtomicBool,
    /// The last event id and the last retry time a stream set.
    resume: Arc<Mutex<(String, Option<u64>)>>,
}

impl LiveEvents {
    /// The last event id (empty when none) and retry time the streams so far set.
    fn resume_point(&self) -> (String, Option<u64>) {
        self.resume.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl BodyWatch for LiveEvents {
    fn start(&self, head: &Response) -> Option<BodySink> {
        if !is_event_stream_response(head) {
            return None;
        }
        self.streamed.store(true, Ordering::SeqCst);
        if let Some((after, cancel)) = self.stop_after.clone()
            && !self.armed.swap(true, Ordering::SeqCst)
        {
            tokio::spawn(async move {
                tokio::time::sleep(after).await;
                cancel.cancel();
            });
        }
        let mut stdout = std::io::stdout().lock();
        let _ = output::head(head, &mut stdout).and_then(|()| Ok(stdout.flush()?));
        drop(stdout);
        let mut parser = EventStream::new();
        let resume = Arc::clone(&self.resume);
        Some(Box::new(move |chunk: &[u8]| {
            let events = parser.feed(chunk);
            if events.is_empty() {
                return;
            }
            if let (Some(last), Ok(mut point)) = (events.last(), resume.lock()) {
                point.0.clone_from(&last.id);
                if let Some(retry) = events.iter().rev().find_map(|e| e.retry) {
                    point.1 = Some(retry);
                }
            }
            let mut stdout = std::io::stdout().lock();
            for e in &events {
                let _ = output::event(e, &mut stdout);
            }
            let _ = stdout.flush();
        }))
    }
}

/// A send a pre-request script skipped: a note (or `{"skipped": true, "scripts": …}`), the
/// scripts' results, and the exit status they give.
fn skipped(
    scripts: &[ScriptResult],
    format: OutputFormat,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match format {
        OutputFormat::Json => {
            let json = serde_json::json!({ "skipped": true, "scripts": scripts });
            writeln!(out, "{json:#}")?;
        }
        OutputFormat::Text => {
            eprintln!(
                "not sent: a pre-request script skipped the request (pm.execution.skipRequest)"
            );
            output::scripts(scripts, &mut std::io::stderr().lock())?;
        }
    }
    scripts_status(scripts)
}

/// Exit 5 when a test failed or a script stopped with an error.
fn scripts_status(scripts: &[ScriptResult]) -> Result<(), Failure> {
    let failed = output::failed_count(scripts);
    match failed {
        0 => Ok(()),
        n => Err(Failure::scripts(format!(
            "{n} of the scripts' tests failed or scripts stopped with an error"
        ))),
    }
}

/// The transport settings a request falls back on where it, its folders and collection set
/// none: the stored preferences' (`base`) with, over them, `--proxy`/`--noproxy`, `--cacert`,
/// `--cert`/`--key` (which replace the preferences' client certificates) and `-k`.
fn transport(
    args: &SendArgs,
    base: localpost_core::http::Settings,
) -> Result<localpost_core::http::Settings, Failure> {
    use localpost_core::http::{ClientCertificate, Identity, Proxy};
    let mut settings = base;
    settings.verify_tls &= !args.insecure;
    if let Some(ca) = &args.cacert {
        settings.ca_certificates = Some(ca.clone());
    }
    if let (Some(cert), Some(key)) = (&args.cert, &args.key) {
        settings.client_certificates.clear();
        settings.client_certificates.push(ClientCertificate {
            host: "*".into(),
            identity: Identity::Pem {
                cert: cert.clone(),
                key: key.clone(),
                passphrase: localpost_core::vault::Secret::from(
                    args.pass.clone().unwrap_or_default(),
                ),
            },
            place: "--cert".into(),
        });
    }
    if let Some(proxy) = &args.proxy {
        let mut url =
            url::Url::parse(proxy).map_err(|e| Failure::usage(format!("--proxy {proxy}: {e}")))?;
        let username = url.username().to_owned();
        let password = url.password().unwrap_or_default().to_owned();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        settings.proxy = Proxy::Custom {
            url: url.to_string().trim_end_matches('/').to_owned(),
            username,
            password: password.into(),
            no_proxy: args.noproxy.clone().unwrap_or_default(),
        };
    }
    Ok(settings)
}
