//! The reports of `localpost run`, built from `-r` and the `--reporter-…` options: newman's
//! `cli` (standard output) and `progress` (standard error, on a terminal only), and the
//! `json`, `junit` and `html` files, each written whole at the end of the run or not at all.

use std::io::IsTerminal;
use std::time::SystemTime;

use localpost_core::report::{
    self, Reporters, cli::Cli, html::Html, json::Json, junit::Junit, progress::Progress,
};
use localpost_core::runner::{RunEvent, RunResult};

use crate::cli::{Color, Reporter, RunArgs};
use crate::exit::Failure;

/// Whether a bar drawn on a terminal stream belongs there: not in CI logs, not on a dumb
/// terminal.
fn is_live(stream: &impl IsTerminal) -> bool {
    stream.is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A run's reports: those drawn on the terminal and those written to files.
pub struct Built {
    screen: Reporters<'static>,
    files: Reporters<'static>,
}

impl Built {
    /// Feeds `event` to every report.
    pub fn event(&mut self, event: RunEvent<'_>) {
        self.screen.event(event);
        self.files.event(event);
    }

    /// Ends the terminal's reports, and puts the files in place when `with_files` (newman
    /// writes none for a run that ended with an error); files not kept are never in place.
    pub fn finish(self, result: &RunResult, with_files: bool) -> Result<(), report::ReportError> {
        self.screen.finish(result)?;
        if with_files {
            self.files.finish(result)?;
        }
        Ok(())
    }
}

/// The reports `args` ask for, ready for the run's events. Files are not in place until
/// [`Built::finish`]; an unknown reporter or a report path that cannot be written fails
/// here, before anything runs.
pub fn build(args: &RunArgs) -> Result<Built, Failure> {
    let r = &args.report;
    let chosen = r.chosen().map_err(Failure::failed)?;
    let now = SystemTime::now();
    let mut reporters = Reporters::new();
    let mut files = Reporters::new();
    for &reporter in &chosen {
        match reporter {
            Reporter::Cli if !args.silent && !r.cli_silent => {
                let stdout = std::io::stdout();
                let style = report::cli::Style {
                    color: match args.color {
                        Color::On => true,
                        Color::Off => false,
                        Color::Auto => stdout.is_terminal(),
                    },
                    unicode: !args.disable_unicode,
                };
                let options = report::cli::Options {
                    no_summary: r.cli_no_summary,
                    no_failures: r.cli_no_failures,
                    no_assertions: r.cli_no_assertions,
                    no_success_assertions: r.cli_no_success_assertions,
                    no_console: r.cli_no_console,
                    no_banner: r.cli_no_banner,
                    show_timestamps: r.cli_show_timestamps,
                };
                // With the progress reporter, its bar is the one drawn.
                let live = is_live(&stdout) && !chosen.contains(&Reporter::Progress);
                let cli = Cli::new(stdout, style)
                    .options(options)
                    .verbose(args.verbose);
                match live {
                    true => reporters.add(cli.progress_bar()),
                    false => reporters.add(cli),
                }
            }
            Reporter::Progress if !args.silent && !r.progress_silent => {
                // As newman's (cli-progress): drawn on a terminal only.
                let stderr = std::io::stderr();
                if stderr.is_terminal() {
                    reporters.add(Progress::new(stderr));
                }
            }
            Reporter::Json => {
                let path = report::export_path(r.json_export.as_deref(), "json", now);
                files.add(Json::create(&path).map_err(failure)?);
            }
            Reporter::Junit => {
                let path = report::export_path(r.junit_export.as_deref(), "xml", now);
                files.add(Junit::create(&path).map_err(failure)?);
            }
            Reporter::Html => {
                let path = report::export_path(r.html_export.as_deref(), "html", now);
                let title = r.html_title.clone();
                files.add(Html::create(&path, title).map_err(failure)?);
            }
            Reporter::Cli | Reporter::Progress => {}
        }
    }
    Ok(Built {
        screen: reporters,
        files,
    })
}

/// A report that could not be written: exit 1 with its message.
pub fn failure(e: report::ReportError) -> Failure {
    Failure::failed(e.to_string())
}
