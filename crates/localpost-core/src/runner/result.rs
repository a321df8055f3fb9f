//! [`RunResult`]: what a run did, as plain data. Reports and the app read it; nothing in it
//! reaches back into the runner.

use serde_json::Value;

use crate::http::{Header, Payload, Timings};
use crate::model::{RequestId, Variable};
use crate::script::Listen;
use crate::send::ScriptResult;

/// One request's turn in one iteration.
#[derive(Debug, Clone)]
pub struct Execution {
    /// The iteration, from 0.
    pub iteration: usize,
    /// Its place in the run's list of requests, from 0.
    pub position: usize,
    /// The stored request.
    pub request: RequestId,
    /// Its id as newman gives it (the Postman file's item id, else ours).
    pub postman_id: String,
    /// Its name.
    pub name: String,
    /// The folders holding it, outermost first.
    pub folders: Vec<String>,
    /// The request and response, when it was sent and answered.
    pub exchanged: Option<Exchanged>,
    /// Why no response arrived (it could not be built, the connection failed, it timed out).
    pub error: Option<String>,
    /// A pre-request script skipped it (`pm.execution.skipRequest()`).
    pub skipped: bool,
    /// Its scripts' results, pre-request then test, outermost first.
    pub scripts: Vec<ScriptResult>,
}

/// The request as sent and what came back, without the body.
#[derive(Debug, Clone)]
pub struct Exchanged {
    /// Method sent.
    pub method: String,
    /// URL sent (credentials in it masked as history masks them).
    pub url: String,
    /// Request headers sent.
    pub request_headers: Vec<Header>,
    /// Status code.
    pub status: u16,
    /// Reason phrase.
    pub reason: String,
    /// Response headers.
    pub response_headers: Vec<Header>,
    /// Size of the response body in bytes, decoded.
    pub body_size: u64,
    /// Size of the response headers in bytes, as received (approximate: name, value, `: `
    /// and CRLF per header).
    pub header_size: u64,
    /// Time to the whole response, in milliseconds.
    pub time_ms: f64,
    /// Time of each phase (DNS, connect, TLS, first byte, download), for newman's
    /// `--verbose`.
    pub timings: Timings,
    /// Size of the request sent, in bytes (approximate: request line, headers, body).
    pub request_size: u64,
    /// How many cookies the response set.
    pub cookies: usize,
    /// The response body (its head when large), kept only when the run keeps bodies
    /// ([`Options::keep_bodies`](super::Options::keep_bodies)).
    pub body: Option<Payload>,
}

impl Execution {
    /// The scripts of `listen` that ran.
    pub fn scripts_of(&self, listen: Listen) -> impl Iterator<Item = &ScriptResult> {
        self.scripts.iter().filter(move |s| s.listen == listen)
    }

    /// Its folders and name: `Auth / Login`.
    pub fn path(&self) -> String {
        let mut parts = self.folders.clone();
        parts.push(self.name.clone());
        parts.join(" / ")
    }

    /// Whether anything failed in it: a test, a script or the request.
    pub fn has_failed(&self) -> bool {
        self.error.is_some() || self.scripts.iter().any(|s| s.failures() > 0)
    }
}

/// One failure, in newman's sense: a failed test, a script error or a request error.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The iteration, from 0.
    pub iteration: usize,
    /// The request's place in the run's list, from 0.
    pub position: usize,
    /// The request's name.
    pub item: String,
    /// The request's id as newman gives it.
    pub item_id: String,
    /// Its folders and name: `Auth / Login`.
    pub path: String,
    /// What failed.
    pub source: FailureSource,
    /// The error's name (`AssertionError`, `TypeError`, `Error`).
    pub name: String,
    /// The error's message.
    pub message: String,
}

/// What kind of failure a [`Failure`] is and where.
#[derive(Debug, Clone, PartialEq)]
pub enum FailureSource {
    /// A failed test: its name, its 1-based number in its script, and the script's kind.
    Assertion {
        /// The test's name.
        test: String,
        /// Its place among its script's tests, from 0 (newman's `error.index`).
        index: usize,
        /// Pre-request or test script.
        listen: Listen,
    },
    /// A script that stopped with an error.
    Script {
        /// Pre-request or test script.
        listen: Listen,
    },
    /// The request got no response.
    Request,
}

/// Executed and failed counts of one kind, as newman's `run.stats` has them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many ran.
    pub total: usize,
    /// How many of them failed.
    pub failed: usize,
}

/// newman's `run.stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Iterations run.
    pub iterations: Tally,
    /// Requests visited (skipped ones included).
    pub items: Tally,
    /// Scripts run, pre-request and test.
    pub scripts: Tally,
    /// Requests whose pre-request phase ran.
    pub prerequests: Tally,
    /// Requests sent (failed: no response).
    pub requests: Tally,
    /// Requests whose test phase came (every request not skipped, also one with no
    /// response).
    pub tests: Tally,
    /// Tests (failed: failed tests).
    pub assertions: Tally,
    /// Test scripts run (failed: stopped with an error).
    pub test_scripts: Tally,
    /// Pre-request scripts run (failed: stopped with an error).
    pub prerequest_scripts: Tally,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunResult {
    /// The collection's name.
    pub collection_name: String,
    /// The collection as Postman v2.1 JSON (secret values left out), for the JSON report.
    pub collection: Value,
    /// The environment's name and its variables at the end, if there was one.
    pub environment: Option<(String, Vec<Variable>)>,
    /// The globals at the end.
    pub globals: Vec<Variable>,
    /// Iterations run.
    pub iterations: usize,
    /// How many requests one iteration holds before any jump (newman's cursor `length`).
    pub planned: usize,
    /// Every request's turn, in the order they ran.
    pub executions: Vec<Execution>,
    /// The run stopped early (`bail`).
    pub bailed: bool,
    /// Why the run ended with an error before its end (newman's `run.error`): the run's
    /// timeout elapsed, or a script or request error with `abort_on_error`. What ran before is
    /// kept.
    pub aborted: Option<String>,
    /// The secret values the run read, masked in everything above; apply it to what is
    /// written from the store after the run (exported variables).
    pub mask: super::Mask,
    /// When the run started and ended, in milliseconds since the Unix epoch.
    pub started_ms: i64,
    /// See `started_ms`.
    pub completed_ms: i64,
}

impl RunResult {
    /// Every failure, in the order they happened.
    pub fn failures(&self) -> Vec<Failure> {
        let mut out = Vec::new();
        for e in &self.executions {
            let failure = |source, name: &str, message: &str| Failure {
                iteration: e.iteration,
                position: e.position,
                item: e.name.clone(),
                item_id: e.postman_id.clone(),
                path: e.path(),
                source,
                name: name.to_owned(),
                message: message.to_owned(),
            };
            if let Some(error) = &e.error {
                out.push(failure(FailureSource::Request, "Error", error));
            }
            for script in &e.scripts {
                for (i, a) in script.assertions.iter().enumerate() {
                    if a.passed || a.skipped {
                        continue;
                    }
                    let error = a.error.as_deref().unwrap_or("AssertionError: failed");
                    let (name, message) = error.split_once(": ").unwrap_or(("Error", error));
                    let source = FailureSource::Assertion {
                        test: a.name.clone(),
                        index: i,
                        listen: script.listen,
                    };
                    out.push(failure(source, name, message));
                }
                if let Some(f) = &script.failure {
                    let (name, message) =
                        f.message.split_once(": ").unwrap_or(("Error", &f.message));
                    let source = FailureSource::Script {
                        listen: script.listen,
                    };
                    out.push(failure(source, name, message));
                }
            }
        }
        out
    }

    /// The run's counts, as newman's `run.stats`.
    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            iterations: Tally {
                total: self.iterations,
                failed: 0,
            },
            ..Stats::default()
        };
        for e in &self.executions {
            s.items.total += 1;
            s.prerequests.total += 1;
            if !e.skipped {
                // newman's test phase comes after a request error too.
                s.requests.total += 1;
                s.tests.total += 1;
                if e.error.is_some() {
                    s.requests.failed += 1;
                }
            }
            for script in &e.scripts {
                let tally = match script.listen {
                    Listen::PreRequest => &mut s.prerequest_scripts,
                    Listen::Test => &mut s.test_scripts,
                };
                tally.total += 1;
                s.scripts.total += 1;
                if script.failure.is_some() {
                    tally.failed += 1;
                    s.scripts.failed += 1;
                }
                for a in &script.assertions {
                    s.assertions.total += 1;
                    if !a.passed && !a.skipped {
                        s.assertions.failed += 1;
                    }
                }
            }
        }
        s
    }

    /// Bytes of response bodies received.
    pub fn bytes_received(&self) -> u64 {
        self.executions
            .iter()
            .filter_map(|e| e.exchanged.as_ref())
            .map(|x| x.body_size)
            .sum()
    }

    /// Response times in milliseconds, in run order.
    pub fn response_times(&self) -> Vec<f64> {
        self.executions
            .iter()
            .filter_map(|e| e.exchanged.as_ref())
            .map(|x| x.time_ms)
            .collect()
    }
}
