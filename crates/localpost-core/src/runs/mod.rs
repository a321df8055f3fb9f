//! Past collection runs, kept as the workspace's [`Classification`] allows (issue 11).
//!
//! [`Runs::record`] writes one finished (or stopped) run: its counts and timings always, in
//! plain columns; each request's result ([`Step`]: name, folders, method, URL, status,
//! tests) as JSON sealed with the installation's data key in an `internal` workspace, plain in
//! a `public` one, and not written at all in a `restricted` one, which keeps nothing but
//! counts and timings (not even the collection's name: lists read its current name).
//! [`Runs::list`], [`Runs::show`] and [`Runs::delete`] read and remove them. [`Progress`] is
//! a run's [`RunEvent`](crate::runner::RunEvent) as the app streams it; [`Finished`] keeps the
//! last few [`RunResult`]s in memory so that a report can be saved from one.
//!
//! This module does not run anything ([`crate::runner`] does), keeps no SQL (the store does)
//! and no cipher (the vault does), and writes no report ([`crate::report`] does).

mod data_preview;
mod error;
mod finished;
mod view;

pub use data_preview::DataPreview;
pub use error::{Result, RunsError};
pub use finished::Finished;
pub use view::{Check, Counts, Detail, Kept, Outcome, Progress, Record, Step};

use crate::model::{Classification, CollectionId, RunId, WorkspaceId};
use tokio_util::sync::CancellationToken;

use crate::runner::{Options, Run, RunResult};
use crate::store::{HistoryStorage, RunRow, Store};
use crate::vault::{Keychain, Vault};

/// A workspace's past runs in the store, sealed and opened through the vault.
#[derive(Debug)]
pub struct Runs<'a, K: Keychain> {
    store: &'a Store,
    vault: &'a Vault<K>,
}

fn kept(storage: HistoryStorage) -> Kept {
    match storage {
        HistoryStorage::None => Kept::Summary,
        HistoryStorage::Sealed => Kept::Sealed,
        HistoryStorage::Plain => Kept::Plain,
    }
}

impl From<&RunRow> for Record {
    fn from(row: &RunRow) -> Record {
        Record {
            id: row.id,
            collection_id: row.collection_id,
            collection_name: row.collection_name.clone(),
            started_ms: row.started_ms,
            duration_ms: row.completed_ms.saturating_sub(row.started_ms),
            mean_response_ms: row.mean_response_ms,
            counts: Counts::from_array(row.counts),
            cancelled: row.cancelled,
            kept: kept(row.storage),
        }
    }
}

impl<'a, K: Keychain> Runs<'a, K> {
    /// Past runs in `store`, sealed with `vault`'s data key.
    pub fn new(store: &'a Store, vault: &'a Vault<K>) -> Self {
        Runs { store, vault }
    }

    /// Records `result`, a run of `collection` in `workspace` (with its classification);
    /// `cancelled` when the user stopped it. Returns it as listed. Its steps and counts come
    /// from `result.executions`: a run recorded this way keeps them
    /// ([`Run::keep_executions`](crate::runner::Run::keep_executions)), as
    /// [`Runs::run_and_record`] does.
    pub fn record(
        &self,
        workspace: (WorkspaceId, Classification),
        collection: CollectionId,
        result: &RunResult,
        cancelled: bool,
    ) -> Result<Record> {
        let (ws, class) = workspace;
        let steps: Vec<Step> = result.executions.iter().map(|e| self.step(e)).collect();
        let json = || {
            serde_json::to_vec(&steps).map_err(|e| RunsError::Corrupt {
                id: 0,
                reason: e.to_string(),
            })
        };
        let (storage, detail) = match class {
            Classification::Restricted => (HistoryStorage::None, None),
            Classification::Internal => {
                let sealed = self.vault.seal(&json()?, &crate::store::run_context(ws))?;
                (HistoryStorage::Sealed, Some(sealed))
            }
            Classification::Public => (HistoryStorage::Plain, Some(json()?)),
        };
        let mean_response_ms = result.timings().mean;
        let mut row = RunRow {
            id: RunId(0),
            workspace_id: ws,
            collection_id: Some(collection),
            collection_name: String::new(),
            started_ms: result.started_ms,
            completed_ms: result.completed_ms,
            mean_response_ms,
            counts: Counts::of(result).to_array(),
            cancelled,
            storage,
            detail,
        };
        row.id = self.store.add_run(&row)?;
        row.collection_name = self.store.collection(collection)?.name;
        Ok(Record::from(&row))
    }

    /// Runs `options` with `run`, telling `on_progress` of each iteration and request as it
    /// goes, then records the run (as stopped when `cancel` was cancelled). Returns the record
    /// and the full result, for a report.
    pub async fn run_and_record(
        &self,
        run: &Run<'_, K>,
        options: &Options,
        on_progress: &mut dyn FnMut(Progress),
        cancel: &CancellationToken,
    ) -> Result<(Record, RunResult)> {
        // The app shows, records and reports every request of its runs: they are kept here, as
        // a Run keeps none unless asked.
        let mut executions = Vec::new();
        let mut on_event = |event: crate::runner::RunEvent<'_>| {
            let progress = match event {
                crate::runner::RunEvent::Executed(e) => {
                    executions.push(e.clone());
                    Some(Progress::Step {
                        step: Box::new(self.step(e)),
                    })
                }
                other => Progress::of(&other),
            };
            if let Some(progress) = progress {
                on_progress(progress);
            }
        };
        let mut result = run.run(options, &mut on_event, cancel).await?;
        if result.executions.is_empty() {
            result.executions = executions;
        }
        let collection = self.store.collection(options.collection)?;
        let workspace = self.store.workspace(collection.workspace_id)?;
        let record = self.record(
            (workspace.id, workspace.classification),
            options.collection,
            &result,
            cancel.is_cancelled(),
        )?;
        Ok((record, result))
    }

    /// The step of `execution`; one that sent nothing shows the stored request's method and
    /// URL as typed (any password masked), so a request without a response still says what
    /// it was.
    fn step(&self, execution: &crate::runner::Execution) -> Step {
        let mut step = Step::from(execution);
        if step.method.is_empty()
            && let Ok(request) = self.store.request(execution.request)
        {
            step.url = crate::history::typed_url(&request);
            step.method = request.method;
        }
        step
    }

    /// The workspace's runs, newest first.
    pub fn list(&self, workspace: WorkspaceId) -> Result<Vec<Record>> {
        Ok(self
            .store
            .runs(workspace)?
            .iter()
            .map(Record::from)
            .collect())
    }

    /// One run with what it kept of each request.
    pub fn show(&self, id: RunId) -> Result<Detail> {
        let row = self.store.run(id)?;
        let json = match (&row.storage, &row.detail) {
            (HistoryStorage::Sealed, Some(blob)) => Some(
                self.vault
                    .open(blob, &crate::store::run_context(row.workspace_id))?,
            ),
            (HistoryStorage::Plain, Some(blob)) => Some(blob.clone()),
            _ => None,
        };
        let steps = match json {
            Some(json) => serde_json::from_slice(&json).map_err(|e| RunsError::Corrupt {
                id: id.0,
                reason: e.to_string(),
            })?,
            None => Vec::new(),
        };
        Ok(Detail {
            record: Record::from(&row),
            steps,
        })
    }

    /// Removes the runs `ids`; returns how many went.
    pub fn delete(&self, ids: &[RunId]) -> Result<usize> {
        Ok(self.store.delete_runs(ids)?)
    }
}
