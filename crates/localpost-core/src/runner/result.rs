//! [`RunResult`]: what a run did, as plain data. Reports and the app read it; nothing in it
//! reaches back into the runner.

use serde_json::Value;

use crate::http::{Header, Payload};
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
    pub timings: crate::http::Timings,
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

/// Response times of the requests that got a response, summed up as they come (newman's
/// `run.timings` response figures), so a run of any length keeps four numbers, not a list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// How many responses.
    pub count: usize,
    /// Their mean, in milliseconds (0 without responses).
    pub mean: f64,
    /// The shortest (0 without responses).
    pub min: f64,
    /// The longest.
    pub max: f64,
    /// Sum of squared differences from the mean (Welford's running form).
    m2: f64,
}

impl Timings {
    /// Adds one response time.
    pub fn add(&mut self, ms: f64) {
        self.count += 1;
        if self.count == 1 {
            (self.min, self.max) = (ms, ms);
        } else {
            self.min = self.min.min(ms);
            self.max = self.max.max(ms);
        }
        let delta = ms - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (ms - self.mean);
    }

    /// The population standard deviation, as newman computes it.
    pub fn sd(&self) -> f64 {
        match self.count {
            0 => 0.0,
            n => (self.m2 / n as f64).sqrt(),
        }
    }
}

/// What a run did: counts, timings and failures, summed up request by request as it went.
/// Each request's whole record ([`Execution`]) is told to the caller as a
/// [`RunEvent`](super::RunEvent) and kept in [`RunResult::executions`] only when the run was
/// asked to ([`Run::keep_executions`](super::Run::keep_executions)), so a long run's memory
/// stays flat.
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
    /// Every request's turn, in the order they ran, when the run kept them; else empty.
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
    /// Counts, timings and failures, summed up request by request.
    pub summary: Summary,
    /// The WebSocket requests the run left out, by folder path and name (`Chat / Echo`): a
    /// run sends HTTP requests only. Callers warn of each.
    pub left_out: Vec<String>,
}

/// What a run sums up as it goes, whatever its length: newman's `run.stats` (but iterations),
/// the response timings, the bytes received and every failure.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Counts of what ran and failed; `iterations` is left at zero (see [`RunResult::stats`]).
    pub stats: Stats,
    /// Response times.
    pub timings: Timings,
    /// Every failure, in the order they happened.
    pub failures: Vec<Failure>,
    /// Bytes of response bodies received.
    pub bytes_received: u64,
}

impl RunResult {
    /// Counts `e` in: stats, response time, bytes and failures. `bails` says the run stops
    /// at its first failure (`--bail`), whose test phase newman then skips after a request
    /// error.
    pub(crate) fn record(&mut self, e: &Execution, bails: bool) {
        let s = &mut self.summary;
        count(&mut s.stats, e, bails);
        if let Some(x) = &e.exchanged {
            s.timings.add(x.time_ms);
            s.bytes_received += x.body_size;
        }
        s.failures.extend(e.failures());
    }

    /// Every failure, in the order they happened.
    pub fn failures(&self) -> &[Failure] {
        &self.summary.failures
    }

    /// The run's counts, as newman's `run.stats`.
    pub fn stats(&self) -> Stats {
        Stats {
            iterations: Tally {
                total: self.iterations,
                failed: 0,
            },
            ..self.summary.stats
        }
    }

    /// Bytes of response bodies received.
    pub fn bytes_received(&self) -> u64 {
        self.summary.bytes_received
    }

    /// The response times' count, mean, minimum, maximum and deviation.
    pub fn timings(&self) -> Timings {
        self.summary.timings
    }
}

/// Adds what `e` ran to `s` (all but the iterations).
fn count(s: &mut Stats, e: &Execution, bails: bool) {
    s.items.total += 1;
    s.prerequests.total += 1;
    if !e.skipped {
        s.requests.total += 1;
        // newman's test phase comes after a request error too, unless the run bails.
        if e.error.is_none() || !bails {
            s.tests.total += 1;
        }
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

impl Execution {
    /// Its failures, in the order they happened: the request's error, then each script's
    /// failed tests and error.
    pub fn failures(&self) -> Vec<Failure> {
        let mut out = Vec::new();
        let failure = |source, name: &str, message: &str| Failure {
            iteration: self.iteration,
            position: self.position,
            item: self.name.clone(),
            item_id: self.postman_id.clone(),
            path: self.path(),
            source,
            name: name.to_owned(),
            message: message.to_owned(),
        };
        if let Some(error) = &self.error {
            out.push(failure(FailureSource::Request, "Error", error));
        }
        for script in &self.scripts {
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
                let (name, message) = f.message.split_once(": ").unwrap_or(("Error", &f.message));
                let source = FailureSource::Script {
                    listen: script.listen,
                };
                out.push(failure(source, name, message));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timings_match_the_two_pass_figures() {
        let times = [12.0, 3.5, 40.0, 7.25, 7.25];
        let mut t = Timings::default();
        times.iter().for_each(|&ms| t.add(ms));
        let mean = times.iter().sum::<f64>() / 5.0;
        let sd = (times.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 5.0).sqrt();
        assert_eq!((t.count, t.min, t.max), (5, 3.5, 40.0));
        assert!((t.mean - mean).abs() < 1e-9 && (t.sd() - sd).abs() < 1e-9);
        assert_eq!(Timings::default().sd(), 0.0);
    }
}
