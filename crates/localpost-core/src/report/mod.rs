//! Reports of a collection run, in newman's formats. They only read what the runner produced
//! ([`RunResult`](crate::runner::RunResult), and the [`RunEvent`](crate::runner::RunEvent)s
//! as they come for the live `cli` report), and write to the writer they are given.
//!
//! [`cli`] is newman's terminal report: iteration headers, folder and request lines with
//! status, size and time, ✓ and numbered failures, then the summary and failures tables.
//! [`json`] is newman's JSON summary (`collection`, `environment`, `globals`, `run.stats`,
//! `run.timings`, `run.executions`, `run.transfers`, `run.failures`).
//!
//! This module does not run anything, and does not decide where reports go.

pub mod cli;
pub mod json;
mod units;
mod verbose;
