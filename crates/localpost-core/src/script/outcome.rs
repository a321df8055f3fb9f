//! What one script execution gives back: plain data, read from the sandbox's events.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// Which event of an item a script belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Listen {
    /// Runs before the request is sent (`prerequest`).
    PreRequest,
    /// Runs after the response arrives (`test`).
    Test,
}

impl Listen {
    /// The name Postman gives it in `event[].listen` and `pm.info.eventName`.
    pub fn as_postman(self) -> &'static str {
        match self {
            Listen::PreRequest => "prerequest",
            Listen::Test => "test",
        }
    }
}

/// One `pm.test` (or legacy `tests[name]`) result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Assertion {
    /// The test's name.
    pub name: String,
    /// Whether it passed; a skipped test counts as passed, as in newman.
    pub passed: bool,
    /// `pm.test.skip`.
    pub skipped: bool,
    /// Why it failed: the error's name and message (`AssertionError: expected 1 to equal 2`).
    pub error: Option<String>,
}

/// The level of a console line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ConsoleLevel")]
pub enum Level {
    /// `console.log`.
    Log,
    /// `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error`.
    Error,
    /// `console.debug`.
    Debug,
    /// `console.clear`.
    Clear,
}

/// One `console.*` call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConsoleLine {
    /// Its level.
    pub level: Level,
    /// The arguments as the script passed them, decoded to JSON (functions and symbols become
    /// their text).
    #[ts(type = "unknown[]")]
    pub args: Vec<Value>,
}

impl ConsoleLine {
    /// The arguments joined as newman's CLI prints them: strings as they are, other values as
    /// compact JSON.
    pub fn text(&self) -> String {
        self.args
            .iter()
            .map(|a| match a {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Why a script stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ScriptFailureKind")]
pub enum FailureKind {
    /// The script does not parse.
    Syntax,
    /// It threw (or a callback or promise of it did).
    Error,
    /// It ran past its time limit.
    Timeout,
    /// It ran out of memory.
    Memory,
}

/// A script that stopped with an error. The send or run goes on, as in newman.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ScriptFailure")]
pub struct Failure {
    /// What kind of stop it was.
    pub kind: FailureKind,
    /// The error's name and message (`TypeError: x is not a function`).
    pub message: String,
    /// The line in the script, from 1, when known.
    pub line: Option<u32>,
    /// The column in that line, from 1, when known.
    pub column: Option<u32>,
}

/// What one script execution produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Its tests, in the order they finished.
    pub assertions: Vec<Assertion>,
    /// Its console lines, in order.
    pub console: Vec<ConsoleLine>,
    /// Why it stopped early, if it did.
    pub failure: Option<Failure>,
    /// `pm.execution.skipRequest()` was called (pre-request scripts only).
    pub skip_request: bool,
    /// The execution as the sandbox returned it: the variable scopes (`globals`,
    /// `environment`, `collectionVariables`, `_variables`) after the script, `request`, and
    /// `return` (`nextRequest`, `visualizer`). `Null` when the script was cut short.
    pub execution: Value,
}

impl Outcome {
    /// `pm.execution.setNextRequest` / `postman.setNextRequest`: `Some(Null)` stops the run.
    pub fn next_request(&self) -> Option<&Value> {
        self.execution.get("return")?.get("nextRequest")
    }

    /// `pm.visualizer.set`: the template, data and options, if set.
    pub fn visualizer(&self) -> Option<&Value> {
        self.execution
            .get("return")?
            .get("visualizer")
            .filter(|v| !v.is_null())
    }
}
