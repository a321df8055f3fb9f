//! Running Postman scripts: postman-sandbox 4.7.1 (the sandbox newman 6.2 runs: the `pm` API,
//! the legacy API, chai, lodash, CryptoJS, cheerio, ajv, tv4, moment, xml2js, …), unchanged,
//! in QuickJS.
//!
//! [`Sandbox`] boots the sandbox's own boot code (vendored by `scripts/sandbox/vendor.sh`,
//! compiled to bytecode by `build.rs`) behind a small host bridge (`host.js`: the uvm bridge
//! the boot code expects, and timers with real due times), and runs one [`Execution`] at a
//! time to its end, under [`Limits`]. What a script asks of the world (`pm.sendRequest`, the
//! cookie jar) goes to a [`Host`]; nothing else leaves the sandbox: it has no file system,
//! process or network access. An [`Outcome`] is plain data: [`Assertion`]s,
//! [`ConsoleLine`]s, a [`Failure`] when the script stopped early, and the execution as the
//! sandbox returned it (variable scopes, request, next request, visualizer).
//!
//! On top of newman's sandbox, `extensions.js` adds what the Postman app's newer one has and a
//! local client wants: `pm.vault` and the promise form of `pm.sendRequest`. After boot,
//! `result.js` replaces the sandbox's serialisation of a result with a cheaper one (the host is
//! its only reader), and the sandbox's `uuid` module gets its ids from the host.
//!
//! [`Worker`] runs sandboxes on threads of their own for async callers: a [`Session`] per
//! request, a fresh sandbox for each session.
//!
//! This module knows nothing of the store or of HTTP; [`send`](crate::send) builds an
//! execution's context from a stored request and writes its variables back.
//!
//! ```
//! use localpost_core::script::{Execution, Item, Limits, Listen, Offline, Sandbox};
//! use serde_json::json;
//!
//! let mut sandbox = Sandbox::new(Limits::default())?;
//! let execution = Execution {
//!     listen: Listen::Test,
//!     source: "pm.test('ok', () => pm.expect(pm.response.code).to.equal(200));".into(),
//!     context: json!({"response": {"code": 200, "status": "OK", "header": []}}),
//!     cursor: json!({}),
//!     item: Item::default(),
//!     timeout: None,
//! };
//! let outcome = sandbox.execute(&execution, &mut Offline)?;
//! assert!(outcome.assertions[0].passed);
//! # Ok::<(), localpost_core::script::ScriptError>(())
//! ```

mod bytecode;
mod error;
mod event;
mod outcome;
mod sandbox;
mod teleport;
mod worker;

use std::time::Duration;

use serde_json::Value;

pub use error::{Result, ScriptError};
pub use outcome::{Assertion, ConsoleLine, Failure, FailureKind, Level, Listen, Outcome};
pub use sandbox::{Host, Limits, Offline, Sandbox};
pub use worker::{AsyncHost, Session, Worker};

/// One script to run, with the context it sees.
#[derive(Debug, Clone)]
pub struct Execution {
    /// Pre-request or test.
    pub listen: Listen,
    /// The script's text.
    pub source: String,
    /// What the script sees, in postman-sandbox's shape: `request` and `response`
    /// (postman-collection JSON), `environment`, `globals`, `collectionVariables`,
    /// `_variables` (each `{values: [{key, value, type, disabled}]}`), `data` (the iteration's
    /// row) and `cookies`.
    pub context: Value,
    /// Where in a run it is: `iteration`, `cycles` (`pm.info.iteration`, `iterationCount`).
    pub cursor: Value,
    /// The item it belongs to (`pm.info.requestName`, `requestId`, `pm.execution.location`).
    pub item: Item,
    /// Its time limit, in place of the sandbox's [`Limits::timeout`]; `None` keeps that.
    pub timeout: Option<Duration>,
}

/// The item a script runs for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Names from the collection down to it.
    pub path: Vec<String>,
}

impl Outcome {
    /// The outcome of a script the host stopped (the interpreter was interrupted, or ran out
    /// of memory): no result came back.
    pub(crate) fn cut_short(kind: FailureKind, timeout: Duration, stack: &str) -> Outcome {
        let message = match kind {
            FailureKind::Memory => "Error: the script ran out of memory".to_owned(),
            _ => format!(
                "Error: the script ran longer than its time limit ({} ms)",
                timeout.as_millis()
            ),
        };
        let (line, column) = error_place(stack);
        Outcome {
            failure: Some(Failure {
                kind,
                message,
                line,
                column,
            }),
            ..Outcome::default()
        }
    }
}

impl Outcome {
    /// Moves the column of an error on line 1 back by `shift` (the extensions put there), and
    /// puts an error the engine places past the script's end (an unclosed block, found at the
    /// sandbox's own closing lines) on its last line, without a column.
    pub(crate) fn unshift(&mut self, shift: u32, lines: u32) {
        let Some(failure) = self.failure.as_mut() else {
            return;
        };
        if failure.line.is_some_and(|l| l > lines) {
            failure.line = Some(lines.max(1));
            failure.column = None;
        }
        if failure.line == Some(1)
            && let Some(column) = failure.column
        {
            failure.column = Some(column.saturating_sub(shift).max(1));
        }
    }

    /// The outcome of a script after which the sandbox no longer worked.
    pub(crate) fn broken(message: &str) -> Outcome {
        let first = message.lines().next().unwrap_or_default();
        let (line, column) = error_place(message);
        Outcome {
            failure: Some(Failure {
                kind: FailureKind::Error,
                message: format!("the script broke the sandbox: {first}"),
                line,
                column,
            }),
            ..Outcome::default()
        }
    }
}

/// What Localpost adds to `pm` beyond postman-sandbox 4.7.1, from the Postman app's newer
/// sandbox (5.1): the promise form of `pm.sendRequest` (no callback given), and `pm.vault`
/// (`get`, `set`, `unset`, each a promise), whose calls reach the host as a `pm.sendRequest`
/// to `localpost-vault:<op>` (see `send::script_host`). One line, put in front of the script's
/// first line (after a `'use sandbox2';` marker, which must stay first), so that line numbers
/// hold; the column of an error on line 1 is moved back by its length.
const EXTENSIONS: &str = include_str!("extensions.js");

/// `source` with [`EXTENSIONS`] in front, and the column offset they add to line 1.
pub(crate) fn with_extensions(source: &str) -> (String, u32) {
    // An empty script stays empty: the sandbox then skips it.
    if source.trim().is_empty() {
        return (String::new(), 0);
    }
    let prelude = EXTENSIONS.trim_end();
    let marker = ["'use sandbox2';", "\"use sandbox2\";"]
        .into_iter()
        .find(|m| source.starts_with(m))
        .unwrap_or("");
    let rest = &source[marker.len()..];
    (format!("{marker}{prelude}{rest}"), prelude.len() as u32)
}

/// Lines the sandbox puts before a script's first line when it compiles it (uniscope's
/// wrapper inside QuickJS's `new Function`); `tests/script_sandbox.rs` pins it.
const WRAPPER_LINES: u32 = 3;

/// The line and column of a script error in the script's own text, from the first frame of
/// `stack` that is in the script (QuickJS names it `<input>`).
pub(crate) fn error_place(stack: &str) -> (Option<u32>, Option<u32>) {
    let Some(at) = stack.find("<input>:") else {
        return (None, None);
    };
    let rest = &stack[at + "<input>:".len()..];
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .take(2)
        .map(|n| n.parse::<u32>().ok());
    let line = numbers
        .next()
        .flatten()
        .and_then(|l| l.checked_sub(WRAPPER_LINES));
    let column = numbers.next().flatten();
    match line {
        Some(line) if line > 0 => (Some(line), column),
        _ => (None, None),
    }
}
