//! The collection runner: a stored collection (or some of its folders) run for a number of
//! iterations, newman's way.
//!
//! [`Run`] plans the requests in order and sends each through
//! [`Sender::send_in_run`](crate::send::Sender::send_in_run), the path a lone send takes
//! (collection → folder → request pre-request scripts, the request, the test scripts), with a
//! [`RunState`](crate::send::RunState) carrying the iteration, its data row and the scripts'
//! local variables from request to request; the globals, collection variables and environment
//! the scripts change are saved by each send and so seen by the next. `setNextRequest(name or
//! id)` jumps, `setNextRequest(null)` ends the iteration, `skipRequest()` skips. It tells each
//! request's [`Execution`] as a [`RunEvent`] to a callback as it ends and returns a
//! [`RunResult`], plain data with the run's counts, timings and failures (the executions too
//! only when asked, [`Run::keep_executions`], so a long run's memory stays flat); the reports
//! are fed both (see [`report`](crate::report)). [`Options`] is what to run and how.
//!
//! [`Scratch`] is a throwaway store for a run from files (a collection, environment and
//! globals file): a temporary directory and an empty in-memory keychain, so such a run never
//! touches the user's data or keychain. [`data::read`] reads an iteration data file (CSV or a
//! JSON array) as newman does.
//!
//! [`Options`] also carries newman's run-wide switches: `bail` (stop after a failing request),
//! `abort_on_error` (`--bail folder`: a script or request error ends the run with
//! [`RunResult::aborted`]), a whole-run `timeout`, `keep_bodies` (`--verbose`), and the
//! settings and file access every send falls back on (in [`send::Options`](crate::send::Options):
//! `--timeout-request`, `-k`, `--ignore-redirects`, client certificates, extra CAs,
//! `--working-dir`). With `mask_secrets`, the secret values the sends read from the keychain
//! are replaced by [`MASKED`] in every [`Execution`] before it is reported and in the variables
//! of the [`RunResult`]; [`RunResult::mask`] masks what the caller exports. [`certificates`]
//! reads newman's client certificate list and [`cookie_jar`] its tough-cookie jar files.
//!
//! This module does not print, and does not write reports or exported files.

pub mod certificates;
pub mod cookie_jar;
pub mod data;
mod error;
mod json_file;
mod mask;
mod options;
mod plan;
mod result;
mod run;
mod scratch;

pub use error::{Result, RunError};
pub use mask::{MASKED, Mask};
pub use options::Options;
pub use result::{
    Exchanged, Execution, Failure, FailureSource, RunResult, Stats, Summary, Tally, Timings,
};
pub use run::{Run, RunEvent};
pub use scratch::{Files, Scratch};
