//! [`Worker`]: threads that own sandboxes, so that async callers (a send, the desktop app)
//! can run scripts without holding a `!Send` QuickJS runtime across an `.await`.
//!
//! A [`Session`] is one sandbox on a thread of its own for the scripts of one request (its
//! collection, folder and request scripts share it, as in newman). Sessions run side by side
//! (two sends in the app at once, one waiting on a slow `pm.sendRequest`, do not hold each
//! other up). When a session ends its thread throws the sandbox away and boots a fresh one
//! while idle, so nothing a script did to a sandbox reaches another request; up to
//! `IDLE_THREADS` such threads wait for the next session. What a script asks of the world
//! travels back to the caller as a [`Call`], which the caller performs (with its HTTP engine,
//! on its runtime) and answers.

use std::future::Future;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex, Weak};

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

/// Threads running scripts; cheap to clone, `Send` and `Sync`. Idle threads end when the last
/// clone is dropped.
#[derive(Debug, Clone)]
pub struct Worker {
    pool: Arc<Pool>,
}

/// Threads waiting for a session, each with its sandbox booted (when `ahead`).
#[derive(Debug)]
struct Pool {
    idle: Mutex<Vec<std_mpsc::Sender<Job>>>,
    limits: Limits,
    ahead: bool,
}

/// How many threads with a booted sandbox wait for sessions at most.
const IDLE_THREADS: usize = 2;

impl Worker {
    /// Starts one thread, whose sandbox boots at once, in the background, and after each
    /// session boots the next: for a long-lived process (the desktop app).
    pub fn start(limits: Limits) -> Worker {
        let worker = Worker::with(limits, true);
        if let Some(thread) = spawn(&worker.pool) {
            worker.pool.lock().push(thread);
        }
        worker
    }

    /// Like [`Worker::start`], but nothing starts until the first session: that one boots its
    /// sandbox (and waits for it), and from then on the next sandbox boots ahead after each
    /// session. For the desktop app, so that a window that runs no script holds no sandbox
    /// (about 20 MB) and its start shares the CPU with nothing.
    pub fn lazy(limits: Limits) -> Worker {
        Worker::with(limits, true)
    }

    /// Boots a sandbox only when a script first runs: for a one-shot process
    /// (`localpost send`) that may have no script to run at all.
    pub fn on_demand(limits: Limits) -> Worker {
        Worker::with(limits, false)
    }

    fn with(limits: Limits, ahead: bool) -> Worker {
        Worker {
            pool: Arc::new(Pool {
                idle: Mutex::new(Vec::new()),
                limits,
                ahead,
            }),
        }
    }

    /// Opens a session: the scripts of one request, run in order in one sandbox, on an idle
    /// thread (or a new one).
    pub fn session(&self) -> Session {
        let idle = self.pool.lock().pop();
        Session {
            jobs: idle.or_else(|| spawn(&self.pool)),
        }
    }
}

impl Pool {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<std_mpsc::Sender<Job>>> {
        // A list of senders is whole after any panic elsewhere.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Starts a session thread; `None` when the system has no thread to give.
fn spawn(pool: &Arc<Pool>) -> Option<std_mpsc::Sender<Job>> {
    let (jobs, inbox) = std_mpsc::channel();
    let pool = Arc::downgrade(pool);
    std::thread::Builder::new()
        .name("localpost-scripts".into())
        .spawn(move || serve(&pool, inbox))
        .ok()
        .map(|_| jobs)
}

/// The scripts of one request. Dropping it ends the session.
#[derive(Debug)]
pub struct Session {
    /// `None` when no thread could be started: every execution then fails.
    jobs: Option<std_mpsc::Sender<Job>>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::EndSession);
        }
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
            .as_ref()
            .ok_or_else(gone)?
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

/// A session thread: boots its sandbox (ahead, or at the first execution), runs the
/// session's executions, and when the session ends throws the sandbox away, boots a fresh one
/// (when `ahead`) and offers itself to the pool again on a new channel, unless enough threads
/// are idle or the worker is gone.
fn serve(pool: &Weak<Pool>, mut inbox: std_mpsc::Receiver<Job>) {
    let Some((limits, ahead)) = pool.upgrade().map(|p| (p.limits, p.ahead)) else {
        return;
    };
    let boot = || {
        if ahead {
            Sandbox::new(limits).ok()
        } else {
            None
        }
    };
    let mut sandbox = boot();
    loop {
        let Ok(job) = inbox.recv() else { return };
        match job {
            Job::Execute {
                execution,
                calls,
                done,
            } => {
                if sandbox.is_none() {
                    match Sandbox::new(limits) {
                        Ok(booted) => sandbox = Some(booted),
                        Err(e) => {
                            let _ = done.send(Err(e));
                            continue;
                        }
                    }
                }
                if let Some(sandbox) = sandbox.as_mut() {
                    let mut host = Relay { calls };
                    let _ = done.send(sandbox.execute(&execution, &mut host));
                }
            }
            Job::EndSession => {
                drop(sandbox.take());
                // Enough threads idle already, or the worker is gone: this one ends.
                let has_room = pool
                    .upgrade()
                    .is_some_and(|p| p.lock().len() < IDLE_THREADS);
                if !has_room {
                    return;
                }
                sandbox = boot();
                let (jobs, next) = std_mpsc::channel();
                let Some(pool) = pool.upgrade() else { return };
                pool.lock().push(jobs);
                inbox = next;
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
