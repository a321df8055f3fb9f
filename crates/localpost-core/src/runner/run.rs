//! [`Run`]: the loop over iterations and requests, with newman's jumps, skips and bail.

use tokio_util::sync::CancellationToken;

use super::plan::{Plan, Step};
use super::{Exchanged, Execution, Options, Result, RunError, RunResult};
use crate::http::{Engine, Exchange, SentRequest};
use crate::script::Worker;
use crate::send::{RunState, SendError, Sender, Sent};
use crate::store::Store;
use crate::vault::{Keychain, Vault};

/// Progress of a run, as it happens.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum RunEvent<'a> {
    /// The run begins.
    Started {
        /// The collection's name.
        collection: &'a str,
        /// How many requests one iteration holds before any jump (newman's cursor `length`).
        length: usize,
        /// How many iterations the run has (newman's cursor `cycles`).
        cycles: usize,
    },
    /// An iteration begins.
    Iteration {
        /// The iteration, from 0.
        index: usize,
        /// How many the run has.
        count: usize,
    },
    /// A request's turn ended (sent, skipped or failed), with its scripts' results.
    Executed(&'a Execution),
}

/// Runs a stored collection the way newman runs a collection file.
#[derive(Debug)]
pub struct Run<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
    engine: &'a Engine,
    worker: Option<&'a Worker>,
    keep_executions: bool,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis().min(i64::MAX as u128) as i64)
}

impl From<&Exchange> for Exchanged {
    fn from(exchange: &Exchange) -> Exchanged {
        let response = &exchange.response;
        let header_size = response
            .headers
            .iter()
            .map(|h| (h.name.len() + h.value.len() + 4) as u64)
            .sum();
        Exchanged {
            method: exchange.request.method.clone(),
            url: exchange.request.url.clone(),
            request_headers: exchange.request.headers.clone(),
            status: response.status,
            reason: response.reason.clone(),
            response_headers: response.headers.clone(),
            body_size: response.body.size,
            header_size,
            time_ms: response.timings.total_ms,
            timings: response.timings,
            request_size: request_size(&exchange.request),
            cookies: response.cookies.len(),
            body: None,
        }
    }
}

/// The request's size as sent: request line, headers (name, value, `: ` and CRLF each), the
/// blank line and the body.
fn request_size(request: &SentRequest) -> u64 {
    let line = request.method.len() + request.url.len() + " HTTP/1.1\r\n ".len();
    let headers: usize = request
        .headers
        .iter()
        .map(|h| h.name.len() + h.value.len() + 4)
        .sum();
    (line + headers + 2) as u64 + request.body.size
}

impl<'a, K: Keychain> Run<'a, K> {
    /// A run reading `store`, secrets from `vault`'s keychain, sending through `engine`. Each
    /// send is saved as a lone send's is (cookies, history, variables the scripts set).
    pub fn new(store: &'a Store, vault: &'a Vault<K>, engine: &'a Engine) -> Self {
        Run {
            store,
            vault,
            engine,
            worker: None,
            keep_executions: false,
        }
    }

    /// Runs the requests' scripts in `worker`, in one sandbox for the whole run as newman
    /// does; without it, no script runs.
    pub fn scripts(mut self, worker: &'a Worker) -> Self {
        self.worker = Some(worker);
        self
    }

    /// Keeps every request's [`Execution`] in [`RunResult::executions`]. Without it they are
    /// only told as [`RunEvent::Executed`], and the result holds counts and failures: memory
    /// stays flat however long the run.
    pub fn keep_executions(mut self, keep: bool) -> Self {
        self.keep_executions = keep;
        self
    }

    /// Runs `options.collection` (or its folders) for its iterations, telling `on_event` of
    /// each iteration and request as it goes. Failed tests, script errors and requests that
    /// got no response are recorded in the result; only a collection or folder that cannot be
    /// read, a store that fails or a sandbox that cannot start stops the run with an error.
    /// A cancelled run returns what ran so far.
    pub async fn run(
        &self,
        options: &Options,
        on_event: &mut dyn FnMut(RunEvent<'_>),
        cancel: &CancellationToken,
    ) -> Result<RunResult> {
        let plan = Plan::of(self.store, options.collection, &options.folders)?;
        let session = self.worker.map(Worker::session);
        let mut sender = Sender::new(self.store, self.vault, self.engine);
        if let Some(session) = &session {
            sender = sender.session(session);
        }
        let count = options.iteration_count();
        let mut result = RunResult {
            planned: plan.steps.len(),
            left_out: plan.left_out.clone(),
            started_ms: now_ms(),
            ..RunResult::default()
        };
        let mut state = RunState {
            iterations: count,
            tests_after_error: !options.bail,
            ..RunState::default()
        };
        let name = self.store.collection(options.collection)?.name;
        on_event(RunEvent::Started {
            collection: &name,
            length: plan.steps.len(),
            cycles: count,
        });
        let mut first = true;
        let deadline = options.timeout.map(|t| tokio::time::Instant::now() + t);
        'run: for iteration in 0..count {
            if cancel.is_cancelled() {
                break;
            }
            state.iteration = iteration;
            state.data = options.row(iteration);
            result.iterations += 1;
            on_event(RunEvent::Iteration {
                index: iteration,
                count,
            });
            let mut position = 0;
            while let Some(step) = plan.steps.get(position) {
                if !first
                    && !options.delay.is_zero()
                    && within(deadline, tokio::time::sleep(options.delay))
                        .await
                        .is_none()
                {
                    result.aborted = Some(TIMED_OUT.into());
                    break 'run;
                }
                first = false;
                if cancel.is_cancelled() {
                    break 'run;
                }
                state.next_request = None;
                let send = sender.send_in_run(step.request, &options.send, &mut state, cancel);
                let Some(sent) = within(deadline, send).await else {
                    result.aborted = Some(TIMED_OUT.into());
                    break 'run;
                };
                let ran = std::mem::take(&mut state.scripts);
                let read = state.take_secrets();
                let keep = options.keep_bodies;
                let mut execution = execution_of(step, (iteration, position), sent, ran, keep)?;
                if options.mask_secrets {
                    result.mask.add(read);
                    result.mask.execution(&mut execution);
                }
                let failed = execution.has_failed();
                // --bail folder: the first script or request error ends the run.
                let error = match options.abort_on_error {
                    true => first_error(&execution),
                    false => None,
                };
                on_event(RunEvent::Executed(&execution));
                result.record(&execution, options.bail);
                if self.keep_executions {
                    result.executions.push(execution);
                }
                if options.bail && failed {
                    result.bailed = true;
                    break 'run;
                }
                if let Some(message) = error {
                    result.aborted = Some(result.mask.text(&message));
                    break 'run;
                }
                // newman: a jump to a name or id it cannot find ends the iteration, as null does.
                position = match state.next_request.take() {
                    None => position + 1,
                    Some(None) => break,
                    Some(Some(target)) => match plan.position_of(&target) {
                        Some(p) => p,
                        None => break,
                    },
                };
            }
        }
        result.completed_ms = now_ms();
        self.describe(options, &mut result)?;
        Ok(result)
    }

    /// Fills in the collection, environment and globals as they are after the run.
    fn describe(&self, options: &Options, result: &mut RunResult) -> Result<()> {
        let collection = self.store.collection(options.collection)?;
        let workspace = self.store.workspace(collection.workspace_id)?;
        result.collection_name = collection.name;
        result.collection =
            crate::formats::postman::export_collection(self.store, options.collection)
                .map(|(json, _)| json)
                .unwrap_or_default();
        result.globals = workspace.globals;
        let environment = options.send.environment.or(workspace.active_environment_id);
        if let Some(id) = environment {
            let env = self.store.environment(id)?;
            result.environment = Some((env.name, env.variables));
        }
        let mask = &result.mask;
        mask.json(&mut result.collection);
        mask.variables(&mut result.globals);
        if let Some((_, vars)) = &mut result.environment {
            mask.variables(vars);
        }
        Ok(())
    }
}

/// newman's error when its `--timeout` elapses.
const TIMED_OUT: &str = "callback timed out";

/// `future`'s output, or `None` when `deadline` comes first (the future is then dropped,
/// cancelling a send under way).
async fn within<F: std::future::Future>(
    deadline: Option<tokio::time::Instant>,
    future: F,
) -> Option<F::Output> {
    match deadline {
        None => Some(future.await),
        Some(at) => tokio::time::timeout_at(at, future).await.ok(),
    }
}

/// The message of the first request error or script error of `execution` (without the
/// error's name, as newman prints it); failed tests do not count.
fn first_error(execution: &Execution) -> Option<String> {
    if let Some(error) = &execution.error {
        return Some(error.clone());
    }
    let failure = execution.scripts.iter().find_map(|s| s.failure.as_ref())?;
    let message = &failure.message;
    Some(
        message
            .split_once(": ")
            .map_or(message.as_str(), |(_, m)| m)
            .to_owned(),
    )
}

/// The execution of `step`; `ran` is the scripts a failed send ran before it failed.
fn execution_of(
    step: &Step,
    (iteration, position): (usize, usize),
    sent: crate::send::Result<Sent>,
    ran: Vec<crate::send::ScriptResult>,
    keep_body: bool,
) -> Result<Execution> {
    let mut execution = Execution {
        iteration,
        position,
        request: step.request,
        postman_id: step.postman_id.clone(),
        name: step.name.clone(),
        folders: step.folders.clone(),
        exchanged: None,
        error: None,
        skipped: false,
        scripts: Vec::new(),
    };
    match sent {
        Ok(sent) => {
            let mut exchanged = Exchanged::from(&sent.exchange);
            if keep_body {
                exchanged.body = Some(sent.exchange.response.body);
            }
            execution.exchanged = Some(exchanged);
            execution.scripts = sent.scripts;
        }
        Err(SendError::Skipped { scripts }) => {
            execution.skipped = true;
            execution.scripts = scripts;
        }
        // The sandbox could not start, or the store failed: nothing more can run.
        Err(SendError::Script(e)) => return Err(RunError::Script(e)),
        Err(SendError::Store(e)) => return Err(RunError::Store(e)),
        Err(e) => {
            execution.error = Some(e.to_string());
            execution.scripts = ran;
        }
    }
    Ok(execution)
}
