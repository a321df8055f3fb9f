//! Runner commands: run a collection (or some of its folders and requests) with live progress,
//! stop it, list, open and delete past runs, preview an iteration data file, save a report.
//!
//! The UI mints the run's id before calling [`run_collection`] and opens the progress channel
//! first, so that [`stop_run`] can target it and no early progress is missed. The run goes on a
//! blocking thread of the app's runtime: its progress callback is not `Send`. The data file the
//! user chose waits, read, in [`ChosenData`], so the window never names a path and a run uses
//! the rows the user saw.

use std::sync::Mutex;
use std::time::Duration;

use localpost_core::model::{CollectionId, EnvironmentId, RunId, WorkspaceId};
use localpost_core::report;
use localpost_core::runner::data::{self, Rows};
use localpost_core::runner::{Options, Run};
use localpost_core::runs::{DataPreview, Detail, Progress, Record, Runs};
use localpost_core::send::SendId;
use localpost_core::store::{Store, StoreError};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use crate::dialog;
use crate::error::UiError;
use crate::limits;
use crate::state::AppState;

/// What to run, as the Runner's form gives it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunRequest {
    /// The collection.
    pub collection: CollectionId,
    /// Ids of folders and requests to run, in this order; empty runs the whole collection.
    #[ts(type = "Array<number>")]
    pub items: Vec<i64>,
    /// The environment; `null` takes the workspace's active one.
    pub environment: Option<EnvironmentId>,
    /// Iterations; `null` runs one per data row (or one without data).
    pub iterations: Option<u32>,
    /// Use the rows of the data file last chosen with [`choose_data_file`].
    pub use_data: bool,
    /// Wait between requests, in milliseconds.
    pub delay_ms: u32,
}

impl RunRequest {
    /// Refuses more items, iterations or delay than [`limits`] allows, and an environment of
    /// another workspace than the collection's (the UI offers only the workspace's own).
    pub fn check(&self, store: &Store) -> Result<(), UiError> {
        limits::items("request.items", self.items.len(), limits::ITEMS)?;
        if let Some(n) = self.iterations {
            limits::at_most("request.iterations", n.into(), limits::ITERATIONS.into())?;
        }
        limits::at_most(
            "request.delayMs",
            self.delay_ms.into(),
            limits::DELAY_MS.into(),
        )?;
        if let Some(env) = self.environment {
            let workspace = store.collection(self.collection)?.workspace_id;
            if store.environment(env)?.workspace_id != workspace {
                let foreign = StoreError::NotFound {
                    what: "environment",
                    id: env.0,
                };
                return Err(foreign.into());
            }
        }
        Ok(())
    }

    /// The core's options over the stored preferences' settings, with the chosen data rows
    /// when asked for.
    fn to_options(&self, chosen: &ChosenData, store: &Store) -> Result<Options, UiError> {
        self.check(store)?;
        let mut options = Options::new(self.collection);
        options.send = localpost_core::send::Options::preferred(store)?;
        options.folders = self.items.iter().map(i64::to_string).collect();
        options.send.environment = self.environment;
        options.iterations = self.iterations.map(|n| n as usize);
        options.delay = Duration::from_millis(self.delay_ms.into());
        if self.use_data {
            options.data = chosen
                .rows()
                .ok_or_else(|| UiError::invalid("no data file was chosen".into(), "useData"))?;
        }
        Ok(options)
    }
}

/// The rows of the data file the user last chose, given to `app.manage`.
#[derive(Debug, Default)]
pub struct ChosenData(Mutex<Option<Rows>>);

impl ChosenData {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Rows>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn rows(&self) -> Option<Rows> {
        self.slot().clone()
    }
}

/// Runs the collection as `request` says, streaming each iteration and request's result to
/// `on_progress`, and records it in the workspace's past runs as its class allows. Resolves
/// with the record when the run ends or is stopped; a failed test or a request without a
/// response is a result, not an error.
#[tauri::command]
pub async fn run_collection(
    app: AppHandle,
    run_id: SendId,
    request: RunRequest,
    on_progress: Channel<Progress>,
) -> Result<Record, UiError> {
    limits::id("runId", &run_id.0)?;
    let options = request.to_options(&app.state::<ChosenData>(), &app.state::<AppState>().store)?;
    let ticket = app.state::<AppState>().runs.start(run_id)?;
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let run = Run::new(&state.store, &state.vault, &state.engine).scripts(&state.scripts);
        let runs = Runs::new(&state.store, &state.vault);
        let mut send = |progress| {
            // A closed window drops the channel; the run still finishes and is recorded.
            let _ = on_progress.send(progress);
        };
        let recorded = runs.run_and_record(&run, &options, &mut send, ticket.token());
        let (record, result) = tauri::async_runtime::block_on(recorded)?;
        state.finished.keep(record.id, result);
        Ok(record)
    })
    .await
    .map_err(|e| UiError::internal(format!("the run stopped unexpectedly: {e}")))?
}

/// Stops a run under way; its `run_collection` then resolves with what ran. Returns whether
/// such a run was under way.
#[tauri::command]
pub async fn stop_run(state: State<'_, AppState>, run_id: SendId) -> Result<bool, UiError> {
    limits::id("runId", &run_id.0)?;
    Ok(state.runs.cancel(&run_id))
}

/// The workspace's past runs, newest first.
#[tauri::command]
pub async fn list_runs(
    state: State<'_, AppState>,
    workspace_id: WorkspaceId,
) -> Result<Vec<Record>, UiError> {
    Ok(Runs::new(&state.store, &state.vault).list(workspace_id)?)
}

/// One past run with what it kept of each request.
#[tauri::command]
pub async fn show_run(state: State<'_, AppState>, id: RunId) -> Result<Detail, UiError> {
    Ok(Runs::new(&state.store, &state.vault).show(id)?)
}

/// Deletes past runs; returns how many went.
#[tauri::command]
pub async fn delete_runs(state: State<'_, AppState>, ids: Vec<RunId>) -> Result<usize, UiError> {
    limits::items("ids", ids.len(), limits::ITEMS)?;
    Ok(Runs::new(&state.store, &state.vault).delete(&ids)?)
}

/// Asks for an iteration data file (CSV or JSON), keeps its rows for the next runs and
/// previews it; `None` when cancelled (the earlier choice stays). A file that does not parse
/// fails with kind `invalid` and the file as the place, the message naming the line or item,
/// and leaves no file chosen.
#[tauri::command]
pub async fn choose_data_file(
    app: AppHandle,
    chosen: State<'_, ChosenData>,
) -> Result<Option<DataPreview>, UiError> {
    let Some(path) = dialog::choose_data_file(&app) else {
        return Ok(None);
    };
    let read = data::read(&path);
    let mut slot = chosen.slot();
    *slot = read.as_ref().ok().cloned();
    Ok(Some(DataPreview::of(&path, &read?)))
}

/// A report's format: newman's.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ReportFormat {
    /// newman's JSON summary.
    Json,
    /// newman's JUnit XML.
    Junit,
    /// One self-contained HTML page, failures first, filterable.
    Html,
}

impl ReportFormat {
    fn file_name(self) -> &'static str {
        match self {
            ReportFormat::Json => "run-report.json",
            ReportFormat::Junit => "run-report.xml",
            ReportFormat::Html => "run-report.html",
        }
    }
}

/// Saves the report of `run` (a run of this session) in `format` where the user chooses in the
/// save dialog (the webview never names the file). Returns the file written, `None` when
/// cancelled.
#[tauri::command]
pub async fn save_run_report(
    app: AppHandle,
    run: RunId,
    format: ReportFormat,
) -> Result<Option<String>, UiError> {
    let result = app.state::<AppState>().finished.get(run)?;
    let Some(path) = dialog::choose_save(&app, format.file_name()) else {
        return Ok(None);
    };
    // Each report is written beside its place and renamed in whole (the core's reporters).
    let report_error = |e: localpost_core::report::ReportError| UiError::internal(e.to_string());
    let mut reporters = report::Reporters::new();
    match format {
        ReportFormat::Json => {
            reporters.add(report::json::Json::create(&path).map_err(report_error)?)
        }
        ReportFormat::Junit => {
            reporters.add(report::junit::Junit::create(&path).map_err(report_error)?)
        }
        ReportFormat::Html => {
            reporters.add(report::html::Html::create(&path, None).map_err(report_error)?)
        }
    }
    reporters.replay(&result).map_err(report_error)?;
    Ok(Some(path.display().to_string()))
}
