//! [`Finished`]: the last few runs' full results, in memory, for reports.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use super::{Result, RunsError};
use crate::model::RunId;
use crate::runner::RunResult;

/// Results kept; older ones are dropped.
const KEEP: usize = 8;

/// The full [`RunResult`]s of this session's last runs, by the id they were recorded under.
/// Never written to disk: the store keeps only what the workspace's class allows.
#[derive(Debug, Default)]
pub struct Finished {
    results: Mutex<VecDeque<(RunId, Arc<RunResult>)>>,
}

impl Finished {
    /// An empty list.
    pub fn new() -> Finished {
        Finished::default()
    }

    /// Keeps `result` under `id`, dropping the oldest past the limit.
    pub fn keep(&self, id: RunId, result: RunResult) {
        let mut results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        results.push_back((id, Arc::new(result)));
        while results.len() > KEEP {
            results.pop_front();
        }
    }

    /// The result kept under `id`.
    pub fn get(&self, id: RunId) -> Result<Arc<RunResult>> {
        let results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        results
            .iter()
            .find(|(r, _)| *r == id)
            .map(|(_, result)| Arc::clone(result))
            .ok_or(RunsError::NotInMemory { id: id.0 })
    }
}
