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

/// Rewrites newman's reporter options that clap cannot declare, before parsing:
///
/// - a generic `--reporter-<option>` (newman gives it to every reporter) becomes
///   `--reporter-<name>-<option>` for each built-in reporter that has that option;
/// - `htmlextra`, the html reporter teams install for newman, is our `html`: `-r htmlextra`
///   and its `export` and `title` options map onto it, and its other options (themes, what to
///   hide) are dropped with a warning.
///
/// Returns the arguments and the warnings. Arguments after `--` are left alone, and so is
/// everything when the command is not `run`.
pub fn expand(
    args: Vec<std::ffi::OsString>,
    command: &clap::Command,
) -> (Vec<std::ffi::OsString>, Vec<String>) {
    let mut warnings = Vec::new();
    let Some(run) = command.find_subcommand("run") else {
        return (args, warnings);
    };
    if !args.iter().any(|a| a == "run") {
        return (args, warnings);
    }
    // Every `--reporter-…` long name `run` declares, and whether it takes a value.
    let declared: Vec<(String, bool)> = run
        .get_arguments()
        .flat_map(|a| {
            let takes = a.get_action().takes_values();
            a.get_long()
                .into_iter()
                .chain(a.get_all_aliases().unwrap_or_default())
                .map(move |l| (l.to_owned(), takes))
        })
        .filter(|(l, _)| l.starts_with("reporter-"))
        .collect();
    let takes_value = |long: &str| declared.iter().find(|(l, _)| l == long).map(|(_, t)| *t);
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    while let Some(arg) = iter.next() {
        if arg == "--" {
            out.push(arg);
            out.extend(iter);
            break;
        }
        let Some(text) = arg.to_str().map(str::to_owned) else {
            out.push(arg);
            continue;
        };
        if let Some(names) = text
            .strip_prefix("-r=")
            .or_else(|| text.strip_prefix("--reporters="))
        {
            out.push(format!("--reporters={}", htmlextra_as_html(names)).into());
            continue;
        }
        if text == "-r" || text == "--reporters" {
            out.push(arg);
            if let Some(names) = iter.next() {
                match names.to_str() {
                    Some(n) => out.push(htmlextra_as_html(n).into()),
                    None => out.push(names),
                }
            }
            continue;
        }
        let Some(long) = text.strip_prefix("--reporter-") else {
            out.push(arg);
            continue;
        };
        let (option, inline) = match long.split_once('=') {
            Some((o, v)) => (o.to_owned(), Some(v.to_owned())),
            None => (long.to_owned(), None),
        };
        if takes_value(&format!("reporter-{option}")).is_some() {
            out.push(arg);
            continue;
        }
        if let Some(rest) = option.strip_prefix("htmlextra-") {
            let mapped = format!("reporter-html-{rest}");
            match takes_value(&mapped) {
                Some(takes) => {
                    push_option(&mut out, &mapped, takes, inline.as_deref(), &mut iter);
                }
                None => {
                    warnings.push(format!(
                        "--reporter-{option}: htmlextra's option is not supported by the html reporter and was ignored"
                    ));
                    let valued = HTMLEXTRA.iter().any(|(o, v)| *o == rest && *v);
                    if inline.is_none() && valued {
                        iter.next();
                    }
                }
            }
            continue;
        }
        let targets: Vec<(String, bool)> = Reporter::ALL
            .iter()
            .filter_map(|(name, _)| {
                let long = format!("reporter-{name}-{option}");
                takes_value(&long).map(|t| (long, t))
            })
            .collect();
        if targets.is_empty() {
            match HTMLEXTRA.iter().find(|(o, _)| *o == option) {
                // A generic option only htmlextra reads (`--reporter-browserTitle`).
                Some((_, valued)) => {
                    warnings.push(format!(
                        "--reporter-{option}: htmlextra's option is not supported by the html reporter and was ignored"
                    ));
                    if inline.is_none() && *valued {
                        iter.next();
                    }
                }
                // Unknown to every reporter: clap names it.
                None => out.push(arg),
            }
            continue;
        }
        // A value is read once and given to each reporter.
        let value = match (targets.iter().any(|(_, t)| *t), inline) {
            (true, Some(v)) => Some(std::ffi::OsString::from(v)),
            (true, None) => iter.next(),
            (false, _) => None,
        };
        for (long, takes) in targets {
            out.push(format!("--{long}").into());
            if takes && let Some(v) = &value {
                out.push(v.clone());
            }
        }
    }
    (out, warnings)
}

/// `htmlextra` in a `-r` list, as `html` (once).
fn htmlextra_as_html(names: &str) -> String {
    let mut seen = Vec::new();
    for name in names
        .split(',')
        .map(|n| if n.trim() == "htmlextra" { "html" } else { n })
    {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.join(",")
}

fn push_option(
    out: &mut Vec<std::ffi::OsString>,
    long: &str,
    takes: bool,
    inline: Option<&str>,
    rest: &mut impl Iterator<Item = std::ffi::OsString>,
) {
    match (takes, inline) {
        (true, Some(v)) => out.push(format!("--{long}={v}").into()),
        (true, None) => {
            out.push(format!("--{long}").into());
            out.extend(rest.next());
        }
        (false, _) => out.push(format!("--{long}").into()),
    }
}

/// htmlextra's options (from its README and `lib/index.js`), and whether each takes a value.
const HTMLEXTRA: [(&str, bool); 26] = [
    ("browserTitle", true),
    ("displayProgressBar", false),
    ("export", true),
    ("hideRequestBody", true),
    ("hideResponseBody", true),
    ("logs", false),
    ("noSyntaxHighlighting", false),
    ("omitHeaders", false),
    ("omitRequestBodies", false),
    ("omitResponseBodies", false),
    ("showEnvironmentData", false),
    ("showFolderDescription", false),
    ("showGlobalData", false),
    ("showMarkdownLinks", false),
    ("showOnlyFails", false),
    ("silentProgressBar", false),
    ("skipEnvironmentVars", true),
    ("skipFolders", true),
    ("skipGlobalVars", true),
    ("skipHeaders", true),
    ("skipRequests", true),
    ("skipSensitiveData", false),
    ("template", true),
    ("testPaging", false),
    ("timezone", true),
    ("titleSize", true),
];
