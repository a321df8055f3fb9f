//! [`Sandbox`]: one QuickJS runtime with postman-sandbox booted in it, and the loop that runs an
//! execution to its end: events in and out, promise jobs, timers at their real due times,
//! `pm.sendRequest` and cookie calls handed to the [`Host`], and the limits.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::context::EvalOptions;
use rquickjs::{CatchResultExt, CaughtError, Context, Ctx, Function, Object, Persistent, Runtime};
use serde_json::{Value, json};

use super::event::Collector;
use super::{Execution, Outcome, Result, ScriptError, bytecode};

const HOST_JS: &str = include_str!("host.js");
/// A cheaper `Execution.toJSON`, installed after boot (see the file).
const RESULT_JS: &str = include_str!("result.js");

/// What a script may use; past a limit the script ends with a failure and the send goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall time of one execution, timers and `pm.sendRequest` waits included (newman's
    /// `--timeout-script`). Default 5 s.
    pub timeout: Duration,
    /// Memory of the whole sandbox (the booted libraries take about 40 MiB of it). Default
    /// 512 MiB.
    pub memory: usize,
    /// Stack of the interpreter. Default 1 MiB.
    pub stack: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(5),
            memory: 512 << 20,
            stack: 1 << 20,
        }
    }
}

/// What the sandbox asks of the world while a script runs.
pub trait Host {
    /// Performs a `pm.sendRequest`: `request` is a postman-collection Request in JSON. Returns
    /// the Response JSON (`code`, `status`, `header`, `stream`, `responseTime`, …), or the
    /// error message the script's callback receives.
    fn send_request(&mut self, request: &Value) -> std::result::Result<Value, String>;

    /// Performs a cookie store call of `pm.cookies.jar()` (a tough-cookie `Store` method:
    /// `findCookie`, `findCookies`, `putCookie`, `updateCookie`, `removeCookie`,
    /// `removeCookies`, `removeAllCookies`, `getAllCookies`) with its arguments.
    fn cookie_store(&mut self, method: &str, args: &[Value]) -> std::result::Result<Value, String>;
}

/// A [`Host`] with no network and no cookie jar: each call fails with a message saying so.
#[derive(Debug, Default, Clone, Copy)]
pub struct Offline;

impl Host for Offline {
    fn send_request(&mut self, _: &Value) -> std::result::Result<Value, String> {
        Err("pm.sendRequest is not available here".into())
    }
    fn cookie_store(&mut self, _: &str, _: &[Value]) -> std::result::Result<Value, String> {
        Err("the cookie jar is not available here".into())
    }
}

/// The JS functions the host keeps (the boot code deletes the globals they hang from).
struct Handles {
    dispatch: Persistent<Function<'static>>,
    tick: Persistent<Function<'static>>,
    reset: Persistent<Function<'static>>,
}

/// A booted postman-sandbox. Executions run one at a time; variables do not carry from one
/// to the next unless the caller passes them on, as in newman. Not `Send`: keep it on the
/// thread that made it.
pub struct Sandbox {
    // Field order matters: the handles and context go before the runtime.
    handles: Handles,
    context: Context,
    runtime: Runtime,
    inbox: Rc<RefCell<Vec<String>>>,
    deadline: Rc<Cell<Option<Instant>>>,
    limits: Limits,
    executions: u64,
    /// Set when an execution was cut short inside the interpreter: the next one boots afresh.
    spoilt: bool,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("limits", &self.limits)
            .field("executions", &self.executions)
            .finish_non_exhaustive()
    }
}

fn boot_error(ctx: &Ctx<'_>, what: &str, error: rquickjs::Error) -> ScriptError {
    let caught = CaughtError::from_error(ctx, error);
    ScriptError::Boot {
        message: format!("{what}: {caught}"),
    }
}

impl Sandbox {
    /// Starts a runtime with `limits` and boots postman-sandbox in it from its bytecode.
    pub fn new(limits: Limits) -> Result<Sandbox> {
        let boot_error_plain = |message: String| ScriptError::Boot { message };
        let runtime = Runtime::new().map_err(|e| boot_error_plain(e.to_string()))?;
        runtime.set_memory_limit(limits.memory);
        runtime.set_max_stack_size(limits.stack);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::default();
        let watched = deadline.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || {
            watched.get().is_some_and(|d| Instant::now() >= d)
        })));
        let context = Context::full(&runtime).map_err(|e| boot_error_plain(e.to_string()))?;
        let inbox: Rc<RefCell<Vec<String>>> = Rc::default();
        let handles = context.with(|ctx| boot(&ctx, inbox.clone()))?;
        let mut sandbox = Sandbox {
            handles,
            context,
            runtime,
            inbox,
            deadline,
            limits,
            executions: 0,
            spoilt: false,
        };
        sandbox.initialize()?;
        Ok(sandbox)
    }

    fn initialize(&mut self) -> Result<()> {
        self.dispatch(&json!(["initialize", {}]))?;
        let started = Instant::now();
        loop {
            let done = self
                .inbox
                .borrow()
                .iter()
                .any(|m| m.starts_with("[\"initialize\""));
            if done {
                self.inbox.borrow_mut().clear();
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(10) {
                return Err(ScriptError::Boot {
                    message: "the sandbox did not answer `initialize`".into(),
                });
            }
            self.turn(started + Duration::from_secs(10))?;
        }
    }

    /// Emits one event into the sandbox.
    fn dispatch(&self, message: &Value) -> Result<()> {
        let text = message.to_string();
        self.context.with(|ctx| {
            let dispatch = self.handles.dispatch.clone().restore(&ctx)?;
            dispatch
                .call::<_, ()>((text,))
                .catch(&ctx)
                .map_err(|e| caught(&e))
        })
    }

    /// Runs pending promise jobs, then at most one due timer, waiting for it (not past
    /// `until`) when none is due. Returns false when nothing is left to run.
    fn turn(&self, until: Instant) -> Result<bool> {
        loop {
            match self.runtime.execute_pending_job() {
                Ok(true) => continue,
                Ok(false) => break,
                Err(job) => {
                    let error = job.0.with(|ctx| {
                        caught(&CaughtError::from_error(&ctx, rquickjs::Error::Exception))
                    });
                    return Err(error);
                }
            }
        }
        let wait = self.context.with(|ctx| {
            let tick = self.handles.tick.clone().restore(&ctx)?;
            tick.call::<_, f64>(()).catch(&ctx).map_err(|e| caught(&e))
        })?;
        if wait < 0.0 {
            return Ok(false);
        }
        if wait > 0.0 {
            let wait = Duration::from_millis(wait.ceil() as u64);
            let left = until.saturating_duration_since(Instant::now());
            std::thread::sleep(wait.min(left).min(Duration::from_millis(50)));
        }
        Ok(true)
    }

    /// Runs one script to its end and returns what it produced. A script that throws, times
    /// out or runs out of memory gives an [`Outcome`] with a [`Failure`](super::Failure); an
    /// `Err` means a new sandbox could not be booted for it.
    pub fn execute(&mut self, execution: &Execution, host: &mut dyn Host) -> Result<Outcome> {
        if self.spoilt {
            *self = Sandbox::new(self.limits)?;
        }
        self.executions += 1;
        let id = format!("e{}", self.executions);
        let timeout = execution.timeout.unwrap_or(self.limits.timeout);
        let timeout_ms = timeout.as_millis().min(u64::MAX as u128) as u64;
        let (source, shift) = super::with_extensions(&execution.source);
        let lines = execution.source.lines().count().min(u32::MAX as usize) as u32;
        let message = json!([
            "execute",
            id,
            {"listen": execution.listen.as_postman(), "script": {"exec": source}},
            execution.context,
            {
                "cursor": execution.cursor,
                "timeout": timeout_ms,
                "legacy": {
                    "_itemId": execution.item.id,
                    "_itemName": execution.item.name,
                    "_itemPath": execution.item.path,
                    "_eventItemName": execution.item.name,
                },
            },
        ]);
        // The sandbox's own timer reports an async overrun; the interrupt stops a script that
        // never yields, a little later.
        let hard = Instant::now() + timeout + Duration::from_millis(250);
        self.deadline.set(Some(hard));
        let result = self.run(&id, &message, hard, host);
        self.deadline.set(None);
        let result = result.map(|mut outcome| {
            outcome.unshift(shift, lines);
            outcome
        });
        match result {
            Ok(outcome) => Ok(outcome),
            Err(ScriptError::Interrupted { message }) => {
                self.spoilt = true;
                let kind = super::FailureKind::Timeout;
                let mut outcome = Outcome::cut_short(kind, timeout, &message);
                outcome.unshift(shift, lines);
                Ok(outcome)
            }
            Err(ScriptError::OutOfMemory) => {
                self.spoilt = true;
                let kind = super::FailureKind::Memory;
                Ok(Outcome::cut_short(kind, timeout, ""))
            }
            Err(ScriptError::Protocol { message }) => {
                // The script broke the sandbox itself (it replaced a built-in the sandbox
                // uses, say): that script fails, and the next execution boots afresh.
                self.spoilt = true;
                let mut outcome = Outcome::broken(&message);
                outcome.unshift(shift, lines);
                Ok(outcome)
            }
            Err(other) => {
                self.spoilt = true;
                Err(other)
            }
        }
    }

    fn run(
        &mut self,
        id: &str,
        message: &Value,
        hard: Instant,
        host: &mut dyn Host,
    ) -> Result<Outcome> {
        self.inbox.borrow_mut().clear();
        self.dispatch(message)?;
        let mut collector = Collector::new(id);
        loop {
            let messages: Vec<String> = std::mem::take(&mut *self.inbox.borrow_mut());
            for text in messages {
                for reply in collector.take(&text, host)? {
                    self.dispatch(&reply)?;
                }
            }
            if collector.is_done() {
                break;
            }
            if Instant::now() >= hard {
                return Err(ScriptError::Interrupted {
                    message: "time limit".into(),
                });
            }
            let more = self.turn(hard)?;
            if !more && self.inbox.borrow().is_empty() && !collector.is_done() {
                return Err(ScriptError::Protocol {
                    message: "the sandbox stopped without a result".into(),
                });
            }
        }
        self.context.with(|ctx| {
            let reset = self.handles.reset.clone().restore(&ctx)?;
            reset.call::<_, ()>(()).catch(&ctx).map_err(|e| caught(&e))
        })?;
        Ok(collector.into_outcome())
    }
}

/// Options for evaluating host code as a sloppy-mode global script (the boot code deletes
/// globals, which strict code cannot).
fn sloppy(filename: &str) -> EvalOptions {
    let mut options = EvalOptions::default();
    options.strict = false;
    options.global = true;
    options.filename = Some(filename.into());
    options
}

/// Evaluates the host prelude, then the boot bytecode, keeps the prelude's handles, and fits
/// the booted sandbox to the host ([`after_boot`]).
fn boot(ctx: &Ctx<'_>, inbox: Rc<RefCell<Vec<String>>>) -> Result<Handles> {
    let prelude: Function = ctx
        .eval_with_options(HOST_JS, sloppy("localpost-host.js"))
        .map_err(|e| boot_error(ctx, "host prelude", e))?;
    let emit = Function::new(ctx.clone(), move |message: String| {
        inbox.borrow_mut().push(message);
    })
    .map_err(|e| boot_error(ctx, "host emit", e))?;
    let host: Object = prelude
        .call((emit,))
        .map_err(|e| boot_error(ctx, "host prelude", e))?;
    let handle = |name: &str| -> Result<Persistent<Function<'static>>> {
        let f: Function = host.get(name).map_err(|e| boot_error(ctx, name, e))?;
        Ok(Persistent::save(ctx, f))
    };
    let handles = Handles {
        dispatch: handle("dispatch")?,
        tick: handle("tick")?,
        reset: handle("reset")?,
    };
    bytecode::run_boot(ctx).map_err(|e| boot_error(ctx, "postman-sandbox boot code", e))?;
    after_boot(ctx)?;
    Ok(handles)
}

/// What the host changes in the booted sandbox: cheap ids, a cheaper result writer, and no
/// uvm globals left for scripts.
fn after_boot(ctx: &Ctx<'_>) -> Result<()> {
    // Cheap ids: postman-collection gives most objects a v4 UUID, made in JS by a regex
    // callback per digit (about 18 µs each in QuickJS, several per execution); the host
    // makes them from the OS's random bytes instead.
    let v4 = Function::new(ctx.clone(), || {
        let mut bytes = [0u8; 16];
        // Without OS randomness the ids are still unique enough for the sandbox's own use.
        if getrandom::fill(&mut bytes).is_err() {
            bytes = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
                .to_le_bytes();
        }
        crate::model::uuid_v4(bytes)
    })
    .map_err(|e| boot_error(ctx, "host uuid", e))?;
    let install: Function = ctx
        .eval_with_options(
            "(function (v4) { require('uuid').v4 = v4; })",
            sloppy("localpost-uuid.js"),
        )
        .map_err(|e| boot_error(ctx, "host uuid", e))?;
    install
        .call::<_, ()>((v4,))
        .map_err(|e| boot_error(ctx, "host uuid", e))?;

    let install: Function = ctx
        .eval_with_options(RESULT_JS, sloppy("localpost-result.js"))
        .map_err(|e| boot_error(ctx, "host result writer", e))?;
    // Module 6 of the pinned bundle is lib/sandbox/execution.js; result.js checks its shape.
    let execution: rquickjs::Value = ctx
        .eval_with_options("require(6)", sloppy("localpost-result.js"))
        .map_err(|e| boot_error(ctx, "host result writer", e))?;
    let installed = install
        .call::<_, bool>((execution,))
        .map_err(|e| boot_error(ctx, "host result writer", e))?;
    // Only a new bundle can make this false; every test then says so, at once.
    if !installed {
        return Err(ScriptError::Boot {
            message: "result.js does not fit the vendored bundle's module 6 (execution.js)".into(),
        });
    }

    // The boot code deleted `bridge` (and `globalThis`); the host reaches the sandbox through
    // its own handles, so the uvm globals go too: a script cannot emit host messages or
    // dispatch events.
    ctx.eval_with_options::<(), _>(
        "delete __uvm_emit; delete __uvm_dispatch;",
        sloppy("localpost-clean-up.js"),
    )
    .map_err(|e| boot_error(ctx, "host clean-up", e))
}

/// An exception that escaped to the host. QuickJS's interrupt and out-of-memory errors are
/// told apart by their messages, which are fixed strings in the engine (an error a script
/// throws with the same words does not escape: the sandbox catches it).
fn caught(error: &CaughtError<'_>) -> ScriptError {
    let engine = match error {
        CaughtError::Exception(e) => e.message(),
        CaughtError::Value(_) | CaughtError::Error(_) => None,
    };
    // The message with the stack, where the place in the script is.
    let message = match error {
        CaughtError::Exception(e) => format!("{e}\n{}", e.stack().unwrap_or_default()),
        other => other.to_string(),
    };
    match engine.as_deref() {
        Some("interrupted") => ScriptError::Interrupted { message },
        Some("out of memory") => ScriptError::OutOfMemory,
        _ if matches!(error, CaughtError::Error(rquickjs::Error::Allocation)) => {
            ScriptError::OutOfMemory
        }
        _ => ScriptError::Protocol { message },
    }
}

impl From<rquickjs::Error> for ScriptError {
    fn from(error: rquickjs::Error) -> Self {
        ScriptError::Protocol {
            message: error.to_string(),
        }
    }
}
