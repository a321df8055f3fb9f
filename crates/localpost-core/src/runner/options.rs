//! [`Options`]: what to run and how, validated by the caller (the CLI, the app's Runner).

use std::time::Duration;

use serde_json::{Map, Value};

use crate::model::CollectionId;
use crate::send;

/// What a [`Run`](super::Run) runs and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The collection.
    pub collection: CollectionId,
    /// Folders to run, by name or id, in the order given (newman's `--folder`); empty runs the
    /// whole collection.
    pub folders: Vec<String>,
    /// The environment, vault values and `{{…}}` overrides each send takes.
    pub send: send::Options,
    /// How many iterations; `None` runs one per data row, or one without data.
    pub iterations: Option<usize>,
    /// Iteration data rows; iteration `i` gets row `i`, or the last row past the end (as
    /// newman does).
    pub data: Vec<Map<String, Value>>,
    /// Stop the run after the first request with a failed test, script error or request error
    /// (newman's `--bail` and `--bail failure`).
    pub bail: bool,
    /// End the run with an error ([`RunResult::aborted`](super::RunResult::aborted)) at the
    /// first script error or request error; failed tests do not stop it (newman's
    /// `--bail folder`, its runtime's `abortOnError`).
    pub abort_on_error: bool,
    /// Wait between requests.
    pub delay: Duration,
    /// Time allowed for the whole run (newman's `--timeout`); when it elapses, the request
    /// under way is cancelled and the run ends with an error. `None` for no limit.
    pub timeout: Option<Duration>,
    /// Mask the secret values the run reads from the keychain (see [`Mask`](super::Mask)) in
    /// its results, for a run of the user's stored collection. A run from files leaves them,
    /// as newman does: the files are the user's.
    pub mask_secrets: bool,
    /// Keep each response's body in [`Exchanged::body`](super::Exchanged::body), for newman's
    /// `--verbose` cli report; off, a long run holds no bodies.
    pub keep_bodies: bool,
}

impl Options {
    /// Runs all of `collection` once, with no data, no delay, not bailing.
    pub fn new(collection: CollectionId) -> Self {
        Options {
            collection,
            folders: Vec::new(),
            send: send::Options::default(),
            iterations: None,
            data: Vec::new(),
            bail: false,
            abort_on_error: false,
            delay: Duration::ZERO,
            timeout: None,
            mask_secrets: false,
            keep_bodies: false,
        }
    }

    /// The number of iterations the run makes.
    pub fn iteration_count(&self) -> usize {
        self.iterations.unwrap_or(self.data.len()).max(1)
    }

    /// The data row of iteration `index`.
    pub(crate) fn row(&self, index: usize) -> Map<String, Value> {
        self.data
            .get(index)
            .or_else(|| self.data.last())
            .cloned()
            .unwrap_or_default()
    }
}
