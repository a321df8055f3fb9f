//! Runs as plain data for the app: [`Step`] (one request's turn, live and in a past run),
//! [`Check`], [`Counts`], [`Record`] (a past run in a list) and [`Detail`] (one past run).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{CollectionId, RequestId, RunId};
use crate::runner::{Execution, RunEvent, RunResult};
use crate::script::Listen;

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunCheckOutcome")]
pub enum Outcome {
    /// The test passed.
    Passed,
    /// The test failed.
    Failed,
    /// `pm.test.skip`.
    Skipped,
    /// The script stopped with an error (its name is the script's place).
    Error,
}

/// One test of a request's scripts, or a script's error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunCheck")]
pub struct Check {
    /// The test's name, or the failed script's place (`Users / Login · test`).
    pub name: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Why it failed (`AssertionError: expected 1 to equal 2`), with the line when known.
    pub message: Option<String>,
    /// Pre-request or test script.
    pub listen: Listen,
}

/// One request's turn in one iteration, as the Runner lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunStep")]
pub struct Step {
    /// The iteration, from 0.
    pub iteration: u32,
    /// Its place in an iteration's list of requests, from 0.
    pub position: u32,
    /// The stored request (it may since have been deleted).
    pub request: RequestId,
    /// Its name.
    pub name: String,
    /// The folders holding it, outermost first.
    pub folders: Vec<String>,
    /// Method sent; when nothing was sent, the stored request's (filled by
    /// [`Runs`](super::Runs); empty from [`Step::from`] alone).
    pub method: String,
    /// URL sent (credentials masked); when nothing was sent, the stored request's as typed,
    /// any password masked (filled as `method` is).
    pub url: String,
    /// Status code, when a response arrived.
    pub status: Option<u16>,
    /// Time to the whole response, in milliseconds.
    pub time_ms: Option<f64>,
    /// Size of the response body in bytes.
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    /// A pre-request script skipped it.
    pub skipped: bool,
    /// Why no response arrived.
    pub error: Option<String>,
    /// Its tests and script errors, pre-request then test.
    pub checks: Vec<Check>,
}

impl Step {
    /// Whether anything failed in it: a test, a script or the request.
    pub fn has_failed(&self) -> bool {
        self.error.is_some()
            || self
                .checks
                .iter()
                .any(|c| matches!(c.outcome, Outcome::Failed | Outcome::Error))
    }
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&Execution> for Step {
    fn from(e: &Execution) -> Step {
        let mut checks = Vec::new();
        for script in &e.scripts {
            for a in &script.assertions {
                let outcome = if a.skipped {
                    Outcome::Skipped
                } else if a.passed {
                    Outcome::Passed
                } else {
                    Outcome::Failed
                };
                checks.push(Check {
                    name: a.name.clone(),
                    outcome,
                    message: a.error.clone(),
                    listen: script.listen,
                });
            }
            if let Some(f) = &script.failure {
                let at = match (f.line, f.column) {
                    (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                    (Some(l), None) => format!(" (line {l})"),
                    _ => String::new(),
                };
                checks.push(Check {
                    name: script.place.clone(),
                    outcome: Outcome::Error,
                    message: Some(format!("{}{at}", f.message)),
                    listen: script.listen,
                });
            }
        }
        let x = e.exchanged.as_ref();
        Step {
            iteration: small(e.iteration),
            position: small(e.position),
            request: e.request,
            name: e.name.clone(),
            folders: e.folders.clone(),
            method: x.map(|x| x.method.clone()).unwrap_or_default(),
            url: x.map(|x| x.url.clone()).unwrap_or_default(),
            status: x.map(|x| x.status),
            time_ms: x.map(|x| x.time_ms),
            size: x.map(|x| x.body_size),
            skipped: e.skipped,
            error: e.error.clone(),
            checks,
        }
    }
}

/// Progress of a run under way, as it streams to the app.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export, rename = "RunProgress")]
pub enum Progress {
    /// An iteration begins.
    Iteration {
        /// The iteration, from 0.
        index: u32,
        /// How many the run has.
        count: u32,
    },
    /// A request's turn ended.
    Step {
        /// What came of it.
        step: Box<Step>,
    },
}

impl Progress {
    /// The progress `event` tells of, if the app shows it.
    pub fn of(event: &RunEvent<'_>) -> Option<Progress> {
        match event {
            RunEvent::Iteration { index, count } => Some(Progress::Iteration {
                index: small(*index),
                count: small(*count),
            }),
            RunEvent::Executed(e) => Some(Progress::Step {
                step: Box::new(Step::from(*e)),
            }),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

/// A run's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunCounts")]
pub struct Counts {
    /// Iterations run.
    pub iterations: u32,
    /// Requests' turns (skipped ones included).
    pub requests: u32,
    /// Turns where something failed (a test, a script or the request).
    pub failed_requests: u32,
    /// Tests run.
    pub assertions: u32,
    /// Tests passed.
    pub passed: u32,
    /// Tests failed.
    pub failed: u32,
    /// Tests skipped.
    pub skipped: u32,
    /// Script errors and requests that got no response.
    pub errors: u32,
}

impl Counts {
    /// The counts of `result`.
    pub fn of(result: &RunResult) -> Counts {
        let mut c = Counts {
            iterations: small(result.iterations),
            ..Counts::default()
        };
        for e in &result.executions {
            let step = Step::from(e);
            c.requests += 1;
            c.failed_requests += u32::from(step.has_failed());
            c.errors += u32::from(step.error.is_some());
            for check in &step.checks {
                match check.outcome {
                    Outcome::Passed => c.passed += 1,
                    Outcome::Failed => c.failed += 1,
                    Outcome::Skipped => c.skipped += 1,
                    Outcome::Error => c.errors += 1,
                }
                c.assertions += u32::from(check.outcome != Outcome::Error);
            }
        }
        c
    }

    pub(crate) fn to_array(self) -> [u32; 8] {
        [
            self.iterations,
            self.requests,
            self.failed_requests,
            self.assertions,
            self.passed,
            self.failed,
            self.skipped,
            self.errors,
        ]
    }

    pub(crate) fn from_array(a: [u32; 8]) -> Counts {
        let [
            iterations,
            requests,
            failed_requests,
            assertions,
            passed,
            failed,
            skipped,
            errors,
        ] = a;
        Counts {
            iterations,
            requests,
            failed_requests,
            assertions,
            passed,
            failed,
            skipped,
            errors,
        }
    }
}

/// What a past run kept of its requests' results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "RunKept")]
pub enum Kept {
    /// Counts and timings only (a `restricted` workspace).
    Summary,
    /// Each request's result too, sealed at rest (`internal`).
    Sealed,
    /// Each request's result too, plain at rest (`public`).
    Plain,
}

/// A past run, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunRecord")]
pub struct Record {
    /// Its id.
    pub id: RunId,
    /// The collection it ran, while it exists.
    pub collection_id: Option<CollectionId>,
    /// The collection's current name; empty once it is deleted.
    pub collection_name: String,
    /// When it started, Unix milliseconds.
    #[ts(type = "number")]
    pub started_ms: i64,
    /// How long it took, in milliseconds.
    #[ts(type = "number")]
    pub duration_ms: i64,
    /// Mean response time in milliseconds.
    pub mean_response_ms: f64,
    /// Its counts.
    pub counts: Counts,
    /// Stopped before its end.
    pub cancelled: bool,
    /// What it kept.
    pub kept: Kept,
}

/// One past run with what it kept of each request.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "RunDetail")]
pub struct Detail {
    /// The run.
    pub record: Record,
    /// Each request's turn, in the order they ran; empty when only counts were kept.
    pub steps: Vec<Step>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RequestId;
    use crate::runner::Execution;
    use crate::script::{Assertion, Failure, FailureKind};
    use crate::send::ScriptResult;

    fn script(assertions: Vec<Assertion>, failure: Option<Failure>) -> ScriptResult {
        ScriptResult {
            place: "Users / Login · test".into(),
            listen: Listen::Test,
            assertions,
            console: Vec::new(),
            failure,
            visualizer: None,
        }
    }

    fn test(name: &str, passed: bool, skipped: bool) -> Assertion {
        Assertion {
            name: name.into(),
            passed,
            skipped,
            error: (!passed).then(|| "AssertionError: expected 1 to equal 2".into()),
        }
    }

    fn execution(iteration: usize, error: Option<&str>, scripts: Vec<ScriptResult>) -> Execution {
        Execution {
            iteration,
            position: 0,
            request: RequestId(7),
            postman_id: "7".into(),
            name: "Login".into(),
            folders: vec!["Users".into()],
            exchanged: None,
            error: error.map(Into::into),
            skipped: false,
            scripts,
        }
    }

    #[test]
    fn a_script_error_is_a_check_with_its_place_and_line() {
        let failure = Failure {
            kind: FailureKind::Error,
            message: "Error: script timed out".into(),
            line: Some(3),
            column: Some(9),
        };
        let step = Step::from(&execution(0, None, vec![script(vec![], Some(failure))]));
        assert_eq!(step.checks.len(), 1);
        assert_eq!(step.checks[0].outcome, Outcome::Error);
        assert_eq!(step.checks[0].name, "Users / Login · test");
        assert_eq!(
            step.checks[0].message.as_deref(),
            Some("Error: script timed out (line 3, column 9)")
        );
        assert!(step.has_failed());
        assert_eq!((step.method.as_str(), step.status), ("", None));
    }

    #[test]
    fn counts_tell_tests_from_errors() {
        let result = RunResult {
            iterations: 2,
            executions: vec![
                execution(
                    0,
                    None,
                    vec![script(
                        vec![
                            test("a", true, false),
                            test("b", false, false),
                            test("c", true, true),
                        ],
                        None,
                    )],
                ),
                execution(1, Some("connection refused by http://127.0.0.1:9"), vec![]),
                execution(1, None, vec![script(vec![test("a", true, false)], None)]),
            ],
            ..RunResult::default()
        };
        let counts = Counts::of(&result);
        assert_eq!(
            counts,
            Counts {
                iterations: 2,
                requests: 3,
                failed_requests: 2,
                assertions: 4,
                passed: 2,
                failed: 1,
                skipped: 1,
                errors: 1,
            }
        );
        assert_eq!(Counts::from_array(counts.to_array()), counts);
    }
}
