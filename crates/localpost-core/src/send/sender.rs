//! [`Sender`]: prepares a stored request, sends it with its workspace's cookie jar, saves the
//! cookies it set and records it in history, in that order. A send that gets no response (it
//! could not be built, the connection was refused, it timed out, it was cancelled) is recorded
//! too, with its failure in place of the status.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::script_host::{EngineHost, VaultAccess};
use super::scripts::{self, Phase, Scopes, ScriptResult, script_timeout};
use super::write_back;
use super::{Context, Options, Result, RunState, SendError};
use crate::cookies::Cookies;
use crate::history::{self, Attempt, Failure, FailureKind, History};
use crate::http::websocket::WebSocketError;
use crate::http::{self, CookieJar, Engine, Exchange, Header, HttpError, PreparedBody};
use crate::http::{PreparedRequest, SentRequest};
use crate::model::{HistoryId, RequestId};
use crate::script::{Session, Worker};
use crate::store::Store;
use crate::vault::{Keychain, Vault};

/// A send that got a response.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The request as sent and the response.
    pub exchange: Exchange,
    /// Its history entry; `None` when it could not be recorded (see `unsaved`).
    pub history: Option<HistoryId>,
    /// Why the cookies it set, its history entry or its scripts' variable writes could not be
    /// saved (the keychain holding the data key is locked, say). The send itself succeeded;
    /// callers show these as warnings.
    pub unsaved: Vec<String>,
    /// The scripts that ran, pre-request then test, outermost first; empty when none ran.
    pub scripts: Vec<ScriptResult>,
}

/// Sends stored requests the way the CLI and the desktop app both do.
#[derive(Debug)]
pub struct Sender<'a, K: Keychain> {
    pub(super) store: &'a Store,
    pub(super) vault: &'a Vault<K>,
    pub(super) engine: &'a Engine,
    limits: Option<history::Limits>,
    worker: Option<&'a Worker>,
    session: Option<&'a Session>,
}

/// What kind of failure `error` is; `built` says whether the request got as far as the wire.
pub(super) fn failure_of(error: &SendError, built: bool) -> Failure {
    let http = match error {
        SendError::Http(e) => Some(e),
        // A socket that could not open fails as its handshake's request did.
        SendError::WebSocket(WebSocketError::Http(e)) => Some(e),
        SendError::Grpc(crate::http::grpc::GrpcError::Http(e)) => Some(e),
        _ => None,
    };
    let kind = match http {
        Some(HttpError::Cancelled) => FailureKind::Cancelled,
        Some(HttpError::Timeout { .. }) => FailureKind::Timeout,
        Some(HttpError::ConnectionRefused { .. }) => FailureKind::Refused,
        Some(HttpError::Dns { .. }) => FailureKind::Dns,
        Some(HttpError::Tls { .. }) => FailureKind::Tls,
        _ if !built => FailureKind::Invalid,
        _ => FailureKind::Failed,
    };
    Failure {
        kind,
        message: error.to_string(),
    }
}

/// The masked view of `prepared` as it would have gone out (before auth signing), for the
/// history of a send that got no response. A multipart or file body is left out: reading it
/// again is not worth a failed send.
fn as_attempted(prepared: &PreparedRequest) -> SentRequest {
    let body = match &prepared.body {
        PreparedBody::Bytes(bytes) => Some(bytes.as_slice()),
        _ => None,
    };
    SentRequest::new(prepared, body)
}

pub(super) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis().min(i64::MAX as u128) as i64)
}

impl<'a, K: Keychain> Sender<'a, K> {
    /// Sends through `engine`, reading the store, secrets from `vault`'s keychain, and sealing
    /// cookies and history with its data key. History keeps as many entries per workspace
    /// as the stored preferences' `historyLimit` says (read at each send) and
    /// [`history::Limits::default`]'s bytes.
    pub fn new(store: &'a Store, vault: &'a Vault<K>, engine: &'a Engine) -> Self {
        Sender {
            store,
            vault,
            engine,
            limits: None,
            worker: None,
            session: None,
        }
    }

    /// Runs the request's scripts (its collection's, folders' and own) in `worker`. Without
    /// this, scripts do not run (`localpost send --no-scripts`).
    pub fn scripts(mut self, worker: &'a Worker) -> Self {
        self.worker = Some(worker);
        self
    }

    /// Runs every send's scripts in `session`, one sandbox for all of them, as newman keeps one
    /// sandbox for a whole run (booting one per request would cost more than the request).
    /// Takes precedence over [`Sender::scripts`].
    pub fn session(mut self, session: &'a Session) -> Self {
        self.session = Some(session);
        self
    }

    /// Keeps history within `limits` instead of the preferences'.
    pub fn history_limits(mut self, limits: history::Limits) -> Self {
        self.limits = Some(limits);
        self
    }

    /// The limits history is written with: those given, else the preferences' entry limit
    /// (the default when the preferences cannot be read: a send is not failed for that).
    pub(super) fn limits(&self) -> history::Limits {
        self.limits.unwrap_or_else(|| history::Limits {
            max_entries: self
                .store
                .history_limit()
                .unwrap_or(crate::model::DEFAULT_HISTORY_LIMIT),
            ..history::Limits::default()
        })
    }

    /// Prepares and sends stored request `id` (as [`super::prepare_with`] prepares it), with
    /// the workspace's cookie jar unless the request's settings turn cookies off. The cookies
    /// the jar sends are listed in the sent request's headers; cookies the responses set are
    /// saved; the exchange is recorded in history. Failing to save cookies or history does not
    /// fail the send ([`Sent::unsaved`]).
    ///
    /// A send that gets no response returns its error after recording it in history (when the
    /// stored request could at least be read): the request as it would have been sent, or only
    /// its method and URL when it could not be built, with a [`Failure`] whose kind tells a
    /// cancel ([`FailureKind::Cancelled`]) from a failure. Failing to record it is not reported
    /// over the send's own error.
    pub async fn send(
        &self,
        id: RequestId,
        options: &Options,
        cancel: &CancellationToken,
    ) -> Result<Sent> {
        self.send_in_run(id, options, &mut RunState::default(), cancel)
            .await
    }

    /// [`Sender::send`] as one step of a collection run: the scripts see `state`'s iteration,
    /// data row and local variables, its data row and local variables resolve `{{…}}`, and
    /// `state` takes back the local variables and any `setNextRequest` the scripts left (also
    /// when a pre-request script skipped the request).
    pub async fn send_in_run(
        &self,
        id: RequestId,
        options: &Options,
        state: &mut RunState,
        cancel: &CancellationToken,
    ) -> Result<Sent> {
        let sent_at_ms = now_ms();
        state.scripts.clear();
        let keychain = self.vault.keychain();
        let mut context = match super::context::load_revealed(self.store, keychain, id, options) {
            Ok(context) => context,
            Err(e) => {
                if let Ok(context) = Context::load_for(self.store, id, options) {
                    let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                }
                return Err(e);
            }
        };
        state.keep_secrets(context.secret_values(&options.overrides));
        let own;
        let session = match (self.session, self.worker) {
            _ if !scripts::has_scripts(&context) => None,
            (Some(shared), _) => Some(shared),
            (None, Some(worker)) => {
                own = worker.session();
                Some(&own)
            }
            (None, None) => None,
        };
        let mut scopes = Scopes::from_context(&context);
        scopes.carry_in(state);
        let mut results = Vec::new();
        let cookies = Cookies::new(self.store, self.vault);
        // One jar for the scripts (pm.sendRequest, pm.cookies.jar()) and the send.
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(context.workspace.id)?)),
            false => None,
        };
        // The request as it would go now: its URL for pm.vault's domain limits, its settings
        // for pm.sendRequest.
        let first = session.as_ref().and_then(|_| {
            super::context::prepare_loaded(self.store, keychain, &context, options).ok()
        });
        let (target, settings) = first.map_or((None, None), |p| (Some(p.url), Some(p.settings)));
        let mut host = EngineHost {
            engine: self.engine,
            cancel,
            jar: jar.clone().map(|j| j as Arc<dyn CookieJar>),
            cookies: jar.clone(),
            vault: VaultAccess {
                store: self.store,
                keychain,
                given: &options.vault,
                target,
                read: state.secrets.clone(),
            },
            settings,
            files: &options.files,
        };
        if let Some(session) = &session {
            let mut phase = Phase {
                session,
                host: &mut host,
                scopes: &mut scopes,
                results: &mut results,
                // newman gives pre-request scripts no cookies in pm.cookies (the jar has them).
                cookies: Vec::new(),
                timeout: script_timeout(&context, options.script_timeout),
            };
            let pre = phase.pre_request(&context).await;
            let (request, skip) = match pre {
                Ok(done) => done,
                Err(e) => {
                    state.scripts = results;
                    return Err(e);
                }
            };
            context.request = request;
            scopes.apply_to(&mut context);
            scopes.carry_out(state);
            if skip {
                // Nothing went out; what the scripts set is saved, as after a send.
                let _ =
                    write_back::save(self.store, self.vault.keychain(), &context, &scopes.changes);
                if let Some(jar) = &jar {
                    let _ = cookies.save(context.workspace.id, jar);
                }
                return Err(SendError::Skipped { scripts: results });
            }
        }
        // The data row sits above the environment, and pm.variables.set values above every
        // scope: last among the overrides.
        let mut with_locals = options.clone();
        with_locals.overrides.extend(state.data_overrides());
        with_locals.overrides.extend(scopes.locals());
        let prepared =
            match super::context::prepare_loaded(self.store, keychain, &context, &with_locals) {
                Ok(prepared) => prepared,
                Err(e) => {
                    let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                    // newman runs the tests after a request that cannot be built too.
                    if let Some(session) = &session
                        && state.tests_after_error
                    {
                        let mut phase = Phase {
                            session,
                            host: &mut host,
                            scopes: &mut scopes,
                            results: &mut results,
                            cookies: Vec::new(),
                            timeout: script_timeout(&context, options.script_timeout),
                        };
                        if let Err(script) = phase.test(&context, None, None).await {
                            state.scripts = results;
                            return Err(script.into());
                        }
                        scopes.carry_out(state);
                    }
                    let _ = write_back::save(
                        self.store,
                        self.vault.keychain(),
                        &context,
                        &scopes.changes,
                    );
                    state.scripts = results;
                    return Err(e);
                }
            };
        state.keep_secrets(prepared.redact.iter().cloned());
        let workspace = &context.workspace;
        // The cookies the jar adds, listed among the headers sent (unless the request sets its
        // own Cookie header, which the jar then leaves alone).
        let has_own = prepared.headers.iter().any(|h| h.is_named("cookie"));
        let jar_cookie = jar
            .as_ref()
            .and_then(|j| j.header_for(&prepared.url))
            .filter(|_| !has_own)
            .map(|value| Header::new("Cookie", value));
        let started = std::time::Instant::now();
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let result = http::with_jar(dyn_jar, self.engine.send(&prepared, cancel)).await;
        let mut unsaved = Vec::new();
        // Cookies set on the way (by a redirect, say) are kept even when the send then failed.
        if let Some(jar) = &jar
            && let Err(e) = cookies.save(workspace.id, jar)
        {
            unsaved.push(format!("cookies not saved: {e}"));
        }
        let mut exchange = match result {
            Ok(exchange) => exchange,
            Err(e) => {
                let cancelled = matches!(e, HttpError::Cancelled);
                let e = SendError::from(e);
                let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut attempted = as_attempted(&prepared);
                attempted.headers.extend(jar_cookie);
                let _ = self.record_failure(&context, Some(&attempted), &e, sent_at_ms, elapsed_ms);
                // newman runs the test scripts after a request error too, with no response
                // (postman-runtime's item command), unless the run bails on failure. A cancel
                // is the user's stop: nothing more runs.
                if let Some(session) = &session
                    && !cancelled
                    && state.tests_after_error
                {
                    let mut phase = Phase {
                        session,
                        host: &mut host,
                        scopes: &mut scopes,
                        results: &mut results,
                        cookies: Vec::new(),
                        timeout: script_timeout(&context, options.script_timeout),
                    };
                    if let Err(script) = phase.test(&context, Some(&prepared), None).await {
                        state.scripts = results;
                        return Err(script.into());
                    }
                    scopes.carry_out(state);
                }
                // What the scripts set is saved, as after a send that got a response.
                let _ =
                    write_back::save(self.store, self.vault.keychain(), &context, &scopes.changes);
                state.scripts = results;
                return Err(e);
            }
        };
        exchange.request.headers.extend(jar_cookie);
        let recorded = History::new(self.store, self.vault).record(
            (workspace.id, workspace.classification),
            &context.request,
            &exchange,
            sent_at_ms,
            self.limits(),
        );
        let history = match recorded {
            Ok(id) => Some(id),
            Err(e) => {
                unsaved.push(format!("history not recorded: {e}"));
                None
            }
        };
        if let Some(session) = &session {
            let for_url = jar
                .as_deref()
                .map(|j| super::script_host::cookies_for(j, &prepared.url))
                .unwrap_or_default();
            let mut phase = Phase {
                session,
                host: &mut host,
                scopes: &mut scopes,
                results: &mut results,
                cookies: for_url,
                timeout: script_timeout(&context, options.script_timeout),
            };
            phase
                .test(&context, Some(&prepared), Some(&exchange))
                .await?;
            scopes.carry_out(state);
            // What the test scripts did with pm.cookies.jar().
            if let Some(jar) = &jar
                && let Err(e) = cookies.save(context.workspace.id, jar)
            {
                unsaved.push(format!("cookies set by scripts not saved: {e}"));
            }
        }
        unsaved.extend(write_back::save(
            self.store,
            self.vault.keychain(),
            &context,
            &scopes.changes,
        ));
        Ok(Sent {
            exchange,
            history,
            unsaved,
            scripts: results,
        })
    }

    pub(super) fn record_failure(
        &self,
        context: &Context,
        sent: Option<&SentRequest>,
        error: &SendError,
        sent_at_ms: i64,
        elapsed_ms: f64,
    ) -> history::Result<HistoryId> {
        let attempt = Attempt {
            workspace: (context.workspace.id, context.workspace.classification),
            request: &context.request,
            sent,
            failure: failure_of(error, sent.is_some()),
            sent_at_ms,
            elapsed_ms,
        };
        History::new(self.store, self.vault).record_failure(&attempt, self.limits())
    }
}
