//! [`Worker`]: a thread that owns sandboxes, so that async callers (a send, the desktop app)
//! can run scripts without holding a `!Send` QuickJS runtime across an `.await`.
//!
//! A [`Session`] is one sandbox for the scripts of one request (its collection, folder and
//! request scripts share it, as in newman); the next session gets a fresh one, booted while
//! the worker was idle, so nothing a script did to the sandbox reaches another request. What a
//! script asks of the world travels back to the caller as a [`Call`], which the caller performs
//! (with its HTTP engine, on its runtime) and answers.

use std::future::Future;
use std::sync::mpsc as std_mpsc;

use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use super::{Execution, Host, Limits, Outcome, Result, Sandbox, ScriptError};

/// What a script asks the caller for while it runs.
pub trait AsyncHost: Send {
    /// Performs a `pm.sendRequest` (see [`Host::send_request`]).
    fn send_request(
        &mut self,
        request: Value,
    ) -> impl Future<Output = std::result::Result<Value, String>> + Send;

    /// Performs a cookie store call (see [`Host::cookie_store`]).
    fn cookie_store(
        &mut self,
        method: String,
        args: Vec<Value>,
    ) -> impl Future<Output = std::result::Result<Value, String>> + Send;
}

/// A call from a running script to its caller.
enum Call {
    Request(Value),
    Cookies(String, Vec<Value>),
}

type Answer = std::result::Result<Value, String>;

enum Job {
    Execute {
        execution: Box<Execution>,
        calls: mpsc::UnboundedSender<(Call, std_mpsc::Sender<Answer>)>,
        done: oneshot::Sender<Result<Outcome>>,
    },
    EndSession,
}

/// A thread running scripts; cheap to clone, `Send` and `Sync`. The thread ends when the last
/// clone is dropped.
#[derive(Debug, Clone)]
pub struct Worker {
    jobs: std_mpsc::Sender<Job>,
}

impl Worker {
    /// Starts the thread. The first sandbox boots at once, in the background, and after each
    /// session the next one does: for a long-lived process (the desktop app).
    pub fn start(limits: Limits) -> Worker {
        Worker::spawn(limits, true)
    }

    /// Starts the thread; a sandbox boots when a script first runs: for a one-shot process
    /// (`localpost send`) that may have no script to run at all.
    pub fn on_demand(limits: Limits) -> Worker {
        Worker::spawn(limits, false)
    }

    fn spawn(limits: Limits, ahead: bool) -> Worker {
        let (jobs, inbox) = std_mpsc::channel();
        // Without a thread, every execution fails with "the script thread is not running".
        let _ = std::thread::Builder::new()
            .name("localpost-scripts".into())
            .spawn(move || serve(limits, ahead, &inbox));
        Worker { jobs }
    }

    /// Opens a session: the scripts of one request, run in order in one sandbox.
    pub fn session(&self) -> Session {
        Session {
            jobs: self.jobs.clone(),
        }
    }
}

/// The scripts of one request. Dropping it lets the worker throw its sandbox away.
#[derive(Debug)]
pub struct Session {
    jobs: std_mpsc::Sender<Job>,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.jobs.send(Job::EndSession);
    }
}

fn gone() -> ScriptError {
    ScriptError::Boot {
        message: "the script thread is not running".into(),
    }
}

impl Session {
    /// Runs one script to its end, performing what it asks of the world through `host`.
    pub async fn execute<H: AsyncHost>(
        &self,
        execution: Execution,
        host: &mut H,
    ) -> Result<Outcome> {
        let (calls, mut asked) = mpsc::unbounded_channel();
        let (done, mut finished) = oneshot::channel();
        self.jobs
            .send(Job::Execute {
                execution: Box::new(execution),
                calls,
                done,
            })
            .map_err(|_| gone())?;
        loop {
            tokio::select! {
                outcome = &mut finished => return outcome.map_err(|_| gone())?,
                call = asked.recv() => {
                    let Some((call, answer)) = call else { continue };
                    let result = match call {
                        Call::Request(request) => host.send_request(request).await,
                        Call::Cookies(method, args) => host.cookie_store(method, args).await,
                    };
                    let _ = answer.send(result);
                }
            }
        }
    }
}

/// The worker thread: keeps one sandbox ready (when `ahead`), hands it to the next session,
/// and boots the next one when a session ends.
fn serve(limits: Limits, ahead: bool, inbox: &std_mpsc::Receiver<Job>) {
    let mut ready: Option<Sandbox> = if ahead {
        Sandbox::new(limits).ok()
    } else {
        None
    };
    let mut current: Option<Sandbox> = None;
    while let Ok(job) = inbox.recv() {
        match job {
            Job::EndSession => {
                if current.take().is_some() && ready.is_none() && ahead {
                    ready = Sandbox::new(limits).ok();
                }
            }
            Job::Execute {
                execution,
                calls,
                done,
            } => {
                if current.is_none() {
                    current = match ready.take() {
                        Some(sandbox) => Some(sandbox),
                        None => match Sandbox::new(limits) {
                            Ok(sandbox) => Some(sandbox),
                            Err(e) => {
                                let _ = done.send(Err(e));
                                continue;
                            }
                        },
                    };
                }
                let Some(sandbox) = current.as_mut() else {
                    continue;
                };
                let mut host = Relay { calls };
                let _ = done.send(sandbox.execute(&execution, &mut host));
            }
        }
    }
}

/// The [`Host`] on the worker's side: each call goes to the session's caller and waits for
/// its answer.
struct Relay {
    calls: mpsc::UnboundedSender<(Call, std_mpsc::Sender<Answer>)>,
}

impl Relay {
    fn ask(&self, call: Call) -> Answer {
        let (answer, answered) = std_mpsc::channel();
        self.calls
            .send((call, answer))
            .map_err(|_| "the caller went away".to_owned())?;
        answered
            .recv()
            .map_err(|_| "the caller went away".to_owned())?
    }
}

impl Host for Relay {
    fn send_request(&mut self, request: &Value) -> Answer {
        self.ask(Call::Request(request.clone()))
    }
    fn cookie_store(&mut self, method: &str, args: &[Value]) -> Answer {
        self.ask(Call::Cookies(method.to_owned(), args.to_vec()))
    }
}
