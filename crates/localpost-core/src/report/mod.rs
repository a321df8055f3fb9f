//! Reports of a collection run, in newman's formats. Each is a [`Sink`]: fed the
//! [`RunEvent`]s as the run goes, then the [`RunResult`] (counts, timings, failures) at the
//! end. None keeps the run's requests in memory, so a run of any length reports in flat
//! memory; those that list every request spool them to a temporary file beside the report.
//!
//! [`cli`] is newman's terminal report: iteration headers, folder and request lines with
//! status, size and time, ✓ and numbered failures, then the summary and failures tables.
//! [`progress`] is newman's progress bar. [`json`] is newman's JSON summary (`collection`,
//! `environment`, `globals`, `run.stats`, `run.timings`, `run.executions`, `run.transfers`,
//! `run.failures`), [`junit`] newman's JUnit XML, [`html`] one self-contained HTML page. The
//! file reports write through a [`Destination`]: a temporary file beside the report, renamed
//! into place when complete, so a run that stops leaves no half-written report.
//! [`export_path`] is where newman puts a report when not told.
//!
//! ```no_run
//! # fn main() -> Result<(), localpost_core::report::ReportError> {
//! use localpost_core::report::{json::Json, junit::Junit, Reporters};
//! let mut reporters = Reporters::new();
//! reporters.add(Json::create("out/report.json".as_ref())?);
//! reporters.add(Junit::create("out/report.xml".as_ref())?);
//! // run.run(&options, &mut |event| reporters.event(event), &cancel).await?, then:
//! # let result = localpost_core::runner::RunResult::default();
//! let written = reporters.finish(&result)?;
//! # Ok(()) }
//! ```
//!
//! This module does not run anything, and decides nothing about where reports go but
//! newman's default name.

use std::path::PathBuf;

use crate::runner::{RunEvent, RunResult};

pub mod cli;
mod destination;
mod error;
pub mod html;
pub mod json;
pub mod junit;
pub mod progress;
mod units;
mod verbose;

pub use destination::{Destination, Spool, export_path};
pub use error::{ReportError, Result};

/// A report fed as the run goes. `Send`, so a caller (the app) can move its reports to the
/// thread that runs.
pub trait Sink: Send {
    /// Takes in one event: the run's start, an iteration's, a request's turn.
    fn event(&mut self, event: RunEvent<'_>) -> Result<()>;

    /// Writes the end of the report from the run's summary; a report to a file is put in
    /// place now, and its path returned. Called once, after the last event; a sink dropped
    /// without it (the run stopped with an error) leaves no file.
    fn finish(&mut self, result: &RunResult) -> Result<Option<PathBuf>>;
}

/// Several reports fed the same run. The first error stops the feeding and is returned by
/// [`Reporters::finish`]; the run itself goes on.
#[derive(Default)]
pub struct Reporters<'a> {
    sinks: Vec<Box<dyn Sink + 'a>>,
    error: Option<ReportError>,
}

impl std::fmt::Debug for Reporters<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reporters")
            .field("sinks", &self.sinks.len())
            .field("error", &self.error)
            .finish()
    }
}

impl<'a> Reporters<'a> {
    /// No reports yet.
    pub fn new() -> Self {
        Reporters::default()
    }

    /// Adds a report.
    pub fn add(&mut self, sink: impl Sink + 'a) {
        self.sinks.push(Box::new(sink));
    }

    /// Feeds `event` to every report (none after one failed).
    pub fn event(&mut self, event: RunEvent<'_>) {
        if self.error.is_some() {
            return;
        }
        for sink in &mut self.sinks {
            if let Err(e) = sink.event(event) {
                self.error = Some(e);
                return;
            }
        }
    }

    /// Writes every report of a run already done, from a result that kept its executions
    /// ([`Run::keep_executions`](crate::runner::Run::keep_executions)): the app saves a past
    /// run's JSON, JUnit or HTML report this way. The events are the run's, replayed.
    pub fn replay(mut self, result: &RunResult) -> Result<Vec<PathBuf>> {
        self.event(RunEvent::Started {
            collection: &result.collection_name,
            length: result.planned,
            cycles: result.iterations,
        });
        let mut iteration = None;
        for e in &result.executions {
            if iteration != Some(e.iteration) {
                iteration = Some(e.iteration);
                self.event(RunEvent::Iteration {
                    index: e.iteration,
                    count: result.iterations,
                });
            }
            self.event(RunEvent::Executed(e));
        }
        self.finish(result)
    }

    /// Ends every report, in the order added, and gives the files written.
    pub fn finish(mut self, result: &RunResult) -> Result<Vec<PathBuf>> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let mut written = Vec::new();
        for sink in &mut self.sinks {
            written.extend(sink.finish(result)?);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app moves a run's reports to the thread that runs it.
    #[test]
    fn reports_can_go_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<Reporters<'static>>();
        is_send::<cli::Cli<std::io::Stdout>>();
        is_send::<json::Json>();
    }
}
