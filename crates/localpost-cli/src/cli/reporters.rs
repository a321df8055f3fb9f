//! The reporter arguments of `localpost run`: `-r` and newman's `--reporter-<name>-<option>`
//! options of its built-in reporters (camelCase spellings, as newman also takes them, are
//! aliases).

use std::path::PathBuf;

/// `-r` and the `--reporter-…` options.
#[derive(Debug, Clone, clap::Args)]
pub struct ReporterArgs {
    /// Reports to write: cli, json, junit, progress, html (comma-separated).
    #[arg(
        long,
        short = 'r',
        value_name = "NAMES",
        value_delimiter = ',',
        default_value = "cli"
    )]
    pub reporters: Vec<String>,

    /// cli: no summary table.
    #[arg(long = "reporter-cli-no-summary", alias = "reporter-cli-noSummary")]
    pub cli_no_summary: bool,

    /// cli: no failures table.
    #[arg(long = "reporter-cli-no-failures", alias = "reporter-cli-noFailures")]
    pub cli_no_failures: bool,

    /// cli: no test lines.
    #[arg(
        long = "reporter-cli-no-assertions",
        alias = "reporter-cli-noAssertions"
    )]
    pub cli_no_assertions: bool,

    /// cli: only failed test lines.
    #[arg(
        long = "reporter-cli-no-success-assertions",
        alias = "reporter-cli-noSuccessAssertions"
    )]
    pub cli_no_success_assertions: bool,

    /// cli: no console lines of scripts.
    #[arg(long = "reporter-cli-no-console", alias = "reporter-cli-noConsole")]
    pub cli_no_console: bool,

    /// cli: no `newman` banner.
    #[arg(long = "reporter-cli-no-banner", alias = "reporter-cli-noBanner")]
    pub cli_no_banner: bool,

    /// cli: the time (UTC) before each request, test and console line.
    #[arg(
        long = "reporter-cli-show-timestamps",
        alias = "reporter-cli-showTimestamps"
    )]
    pub cli_show_timestamps: bool,

    /// cli: print nothing.
    #[arg(long = "reporter-cli-silent")]
    pub cli_silent: bool,

    /// Where the json report goes (default: newman/newman-run-report-<time>.json).
    #[arg(long = "reporter-json-export", value_name = "FILE")]
    pub json_export: Option<PathBuf>,

    /// Where the junit report goes (default: newman/newman-run-report-<time>.xml).
    #[arg(long = "reporter-junit-export", value_name = "FILE")]
    pub junit_export: Option<PathBuf>,

    /// progress: draw nothing.
    #[arg(long = "reporter-progress-silent")]
    pub progress_silent: bool,

    /// Where the html report goes (default: newman/newman-run-report-<time>.html).
    #[arg(long = "reporter-html-export", value_name = "FILE")]
    pub html_export: Option<PathBuf>,

    /// The html report's title (default: the collection's name).
    #[arg(long = "reporter-html-title", value_name = "TITLE")]
    pub html_title: Option<String>,
}

/// A reporter `-r` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    /// newman's terminal report.
    Cli,
    /// newman's JSON summary.
    Json,
    /// newman's JUnit XML.
    Junit,
    /// newman's progress bar.
    Progress,
    /// One self-contained HTML page.
    Html,
}

impl Reporter {
    /// Every reporter, by name.
    pub const ALL: [(&'static str, Reporter); 5] = [
        ("cli", Reporter::Cli),
        ("json", Reporter::Json),
        ("junit", Reporter::Junit),
        ("progress", Reporter::Progress),
        ("html", Reporter::Html),
    ];
}

impl ReporterArgs {
    /// The reporters named, each once, in the order given; an unknown name is an error
    /// naming it.
    pub fn chosen(&self) -> Result<Vec<Reporter>, String> {
        let mut out = Vec::new();
        for name in self
            .reporters
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
        {
            let Some(&(_, reporter)) = Reporter::ALL.iter().find(|(n, _)| *n == name) else {
                let known: Vec<&str> = Reporter::ALL.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown reporter {name:?} (known: {})",
                    known.join(", ")
                ));
            };
            if !out.contains(&reporter) {
                out.push(reporter);
            }
        }
        Ok(out)
    }
}
