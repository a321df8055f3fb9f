//! [`Collector`]: reads the events one execution sends out (postman-sandbox's
//! `lib/sandbox/execute.js` names them) into an [`Outcome`], and answers the ones that ask the
//! host for something (`pm.sendRequest`, the cookie jar).

use serde_json::{Value, json};

use super::sandbox::Host;
use super::{Assertion, ConsoleLine, Failure, FailureKind, Level, Outcome, Result, ScriptError};
use super::{error_place, teleport};

pub(crate) struct Collector {
    result: String,
    assertion: String,
    error: String,
    request: String,
    cookies: String,
    skip: String,
    response: String,
    outcome: Outcome,
    done: bool,
}

impl Collector {
    pub(crate) fn new(id: &str) -> Collector {
        Collector {
            result: format!("execution.result.{id}"),
            assertion: format!("execution.assertion.{id}"),
            error: format!("execution.error.{id}"),
            request: format!("execution.request.{id}"),
            cookies: format!("execution.cookies.{id}"),
            skip: format!("execution.skipRequest.{id}"),
            response: format!("execution.response.{id}"),
            outcome: Outcome::default(),
            done: false,
        }
    }

    pub(crate) fn is_done(&self) -> bool {
        self.done
    }

    pub(crate) fn into_outcome(self) -> Outcome {
        self.outcome
    }

    /// Reads one message; returns the events to send back in answer. Messages after the
    /// execution's result are dropped, as newman's runtime stops listening then (a script goes
    /// on after `pm.execution.skipRequest()`, but its later console lines are not shown).
    pub(crate) fn take(&mut self, text: &str, host: &mut dyn Host) -> Result<Vec<Value>> {
        if self.done {
            return Ok(Vec::new());
        }
        let message: Value = serde_json::from_str(text).map_err(|e| ScriptError::Protocol {
            message: format!("unreadable sandbox message: {e}"),
        })?;
        let Some(items) = message.as_array() else {
            return Ok(Vec::new());
        };
        let Some(name) = items.first().and_then(Value::as_str) else {
            return Ok(Vec::new());
        };
        let arg = |i: usize| items.get(i).unwrap_or(&Value::Null);
        let mut replies = Vec::new();
        if name == self.assertion {
            if let Some(list) = arg(2).as_array() {
                self.outcome.assertions.extend(list.iter().map(assertion));
            }
        } else if name == "execution.console" {
            self.outcome.console.push(console(arg(2), arg(3)));
        } else if name == self.error {
            // The same error comes again as the result's error; the result's is kept.
            if self.outcome.failure.is_none() {
                self.outcome.failure = Some(failure(arg(2)));
            }
        } else if name == self.request {
            let event_id = arg(3).clone();
            let reply = match host.send_request(arg(4)) {
                Ok(response) => json!([self.response, event_id, null, response, null]),
                Err(message) => json!([self.response, event_id, error_value(&message), null, null]),
            };
            replies.push(reply);
        } else if name == self.cookies {
            let event_id = arg(1).clone();
            let method = arg(3).as_str().unwrap_or_default();
            let args = arg(4).as_array().map(Vec::as_slice).unwrap_or_default();
            let reply = match host.cookie_store(method, args) {
                Ok(result) => json!([self.cookies, event_id, null, result]),
                Err(message) => json!([self.cookies, event_id, error_value(&message)]),
            };
            replies.push(reply);
        } else if name == self.skip {
            self.outcome.skip_request = true;
        } else if name == self.result {
            if !arg(1).is_null() {
                self.outcome.failure = Some(failure(arg(1)));
            }
            self.outcome.execution = arg(2).clone();
            self.done = true;
        }
        Ok(replies)
    }
}

fn error_value(message: &str) -> Value {
    json!({"name": "Error", "message": message, "type": "Error"})
}

fn assertion(value: &Value) -> Assertion {
    let error = value.get("error").filter(|e| !e.is_null()).map(|e| {
        let name = e.get("name").and_then(Value::as_str).unwrap_or("Error");
        let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
        format!("{name}: {message}")
    });
    Assertion {
        name: value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        passed: value
            .get("passed")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        skipped: value
            .get("skipped")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        error,
    }
}

fn console(level: &Value, args: &Value) -> ConsoleLine {
    let level = match level.as_str() {
        Some("info") => Level::Info,
        Some("warn") => Level::Warn,
        Some("error") => Level::Error,
        Some("debug") => Level::Debug,
        Some("clear") => Level::Clear,
        _ => Level::Log,
    };
    let args = match args.as_str().map(teleport::decode) {
        Some(Value::Array(args)) => args,
        Some(other) => vec![other],
        None => Vec::new(),
    };
    ConsoleLine { level, args }
}

/// A script error as the sandbox reports it: `{name, message, stack}` (see host.js).
pub(crate) fn failure(error: &Value) -> Failure {
    let name = error.get("name").and_then(Value::as_str).unwrap_or("Error");
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| error.as_str().map(str::to_owned).unwrap_or_default());
    let stack = error
        .get("stack")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let kind = if name == "SyntaxError" {
        FailureKind::Syntax
    } else if message.contains("script execution timeout") {
        FailureKind::Timeout
    } else if message.contains("out of memory") {
        FailureKind::Memory
    } else {
        FailureKind::Error
    };
    let (line, column) = error_place(stack);
    Failure {
        kind,
        message: format!("{name}: {message}"),
        line,
        column,
    }
}
