//! newman's `cli` report: written as the run goes ([`Sink::event`]), then the summary and
//! failures tables ([`Sink::finish`]), with newman's `--reporter-cli-*` [`Options`]. On a
//! terminal it can also keep a progress bar on its last line ([`Cli::progress_bar`]).

use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::Value;

use super::progress::Bar;
use super::units::{duration, size};
use super::{ReportError, Sink};
use crate::runner::{Execution, RunEvent, RunResult};
use crate::script::ConsoleLine;

mod tables;

/// How the report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Unicode symbols (`✓`, `❏`, `→`, box lines); without, newman's plain-text ones.
    pub unicode: bool,
}

/// newman's `--reporter-cli-*` options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `no-summary`: no summary table at the end.
    pub no_summary: bool,
    /// `no-failures`: no failures table at the end.
    pub no_failures: bool,
    /// `no-assertions`: no test lines.
    pub no_assertions: bool,
    /// `no-success-assertions`: only failed test lines.
    pub no_success_assertions: bool,
    /// `no-console`: no console lines.
    pub no_console: bool,
    /// `no-banner`: no `newman` banner.
    pub no_banner: bool,
    /// `show-timestamps`: the time (UTC) before each request, test and console line.
    pub show_timestamps: bool,
}

struct Symbols {
    folder: &'static str,
    root: &'static str,
    sub: &'static str,
    ok: &'static str,
    console: [&'static str; 3],
}

const UNICODE: Symbols = Symbols {
    folder: "❏",
    root: "→",
    sub: "↳",
    ok: "✓",
    console: ["┌", "│", "└"],
};

const PLAIN: Symbols = Symbols {
    folder: "Folder",
    root: "Root",
    sub: "Sub-folder",
    ok: "Pass",
    console: ["-", "|", "-"],
};

/// The live report of one run.
pub struct Cli<W: Write> {
    out: W,
    style: Style,
    symbols: &'static Symbols,
    options: Options,
    failures: usize,
    folders: Option<Vec<String>>,
    bar: Option<Bar>,
    verbose: bool,
}

impl<W: Write> std::fmt::Debug for Cli<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cli")
            .field("style", &self.style)
            .finish_non_exhaustive()
    }
}

impl<W: Write> Cli<W> {
    /// A report written to `out`.
    pub fn new(out: W, style: Style) -> Self {
        let symbols = if style.unicode { &UNICODE } else { &PLAIN };
        Cli {
            out,
            style,
            symbols,
            options: Options::default(),
            failures: 0,
            folders: None,
            bar: None,
            verbose: false,
        }
    }

    /// Adds newman's `--verbose` details under each request: sizes, header and cookie counts,
    /// the response body (when the run kept it) and each phase's time.
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Draws with `options`.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Keeps a progress bar (requests done of planned) on the last line while the run goes,
    /// erased at the end: for a terminal only, never a log or a pipe.
    pub fn progress_bar(mut self) -> Self {
        self.bar = Some(Bar::new(self.style.unicode));
        self
    }

    fn paint(&self, code: &str, text: &str) -> String {
        match self.style.color {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_owned(),
        }
    }

    /// The banner and the collection's name.
    fn start(&mut self, collection: &str) -> io::Result<()> {
        if !self.options.no_banner {
            writeln!(self.out, "newman\n")?;
        }
        writeln!(self.out, "{collection}")
    }

    /// Writes what `event` tells, the progress bar erased first and drawn again after.
    fn write_event(&mut self, event: RunEvent<'_>) -> io::Result<()> {
        if let Some(bar) = &mut self.bar {
            bar.erase(&mut self.out)?;
        }
        self.tell(event)?;
        if let Some(bar) = &mut self.bar {
            bar.count(event);
            bar.draw(&mut self.out)?;
        }
        self.out.flush()
    }

    fn tell(&mut self, event: RunEvent<'_>) -> io::Result<()> {
        match event {
            RunEvent::Started { collection, .. } => self.start(collection),
            RunEvent::Iteration { index, count } if count > 1 => {
                let line = self.paint("90;4", &format!("Iteration {}/{count}", index + 1));
                self.folders = None;
                writeln!(self.out, "\n{line}")
            }
            RunEvent::Executed(execution) => self.execution(execution),
            _ => Ok(()),
        }
    }

    fn execution(&mut self, e: &Execution) -> io::Result<()> {
        let in_folder = !e.folders.is_empty();
        if in_folder && self.folders.as_ref() != Some(&e.folders) {
            write!(
                self.out,
                "\n{} {}",
                self.symbols.folder,
                e.folders.join(" / ")
            )?;
        }
        self.folders = Some(e.folders.clone());
        let mark = if in_folder {
            self.symbols.sub
        } else {
            self.symbols.root
        };
        writeln!(self.out, "\n{mark} {}", e.name)?;
        let stamp = match self.options.show_timestamps {
            true => format!(
                "{}  ",
                self.paint("90", &format!("[{}]", now("%date, %time")))
            ),
            false => String::new(),
        };
        if let Some(x) = &e.exchanged
            && self.verbose
        {
            writeln!(
                self.out,
                "  {stamp}{}",
                self.paint("90", &format!("{} {}", x.method, x.url))
            )?;
            for line in super::verbose::details(x, self.style.unicode) {
                writeln!(self.out, "  {}", self.paint("90", &line))?;
            }
            writeln!(self.out)?;
        } else if let Some(x) = &e.exchanged {
            let line = format!(
                "{} {} [{} {}, {}, {}]",
                x.method,
                x.url,
                x.status,
                x.reason,
                size(x.body_size + x.header_size),
                duration(x.time_ms)
            );
            writeln!(self.out, "  {stamp}{}", self.paint("90", &line))?;
        } else if let Some(error) = &e.error {
            let (method, url) = (self.paint("90", "request"), self.paint("31", "[errored]"));
            writeln!(self.out, "  {method} {url}")?;
            self.failures += 1;
            writeln!(self.out, "{}", self.paint("31", &format!("     {error}")))?;
        }
        let o = self.options;
        for script in &e.scripts {
            for line in script.console.iter().filter(|_| !o.no_console) {
                if o.show_timestamps {
                    let stamp = self.paint("90", &format!("[{}]", now("%time")));
                    write!(self.out, "\n  {stamp}\n")?;
                }
                self.console(line)?;
            }
            for a in &script.assertions {
                let failed = !a.passed && !a.skipped;
                if failed {
                    self.failures += 1;
                }
                if o.no_assertions || (!failed && o.no_success_assertions) {
                    continue;
                }
                let stamp = match o.show_timestamps {
                    true => format!("  {}", self.paint("90", &format!("[{}]", now("%time")))),
                    false => String::new(),
                };
                if a.skipped {
                    // newman writes no time before a skipped test.
                    let text = self.paint("36", &format!("  -  [skipped] {}", a.name));
                    writeln!(self.out, "{text}")?;
                } else if a.passed {
                    let ok = self.paint("32", &format!("  {} ", self.symbols.ok));
                    writeln!(self.out, "{stamp}{ok} {}", self.paint("90", &a.name))?;
                } else {
                    let width = if o.show_timestamps { 2 } else { 3 };
                    let text = format!("{:>width$}. {}", self.failures, a.name);
                    writeln!(self.out, "{stamp}{}", self.paint("31;1", &text))?;
                }
            }
            if let Some(f) = &script.failure {
                self.failures += 1;
                let name = f.message.split_once(':').map_or("Error", |(n, _)| n);
                let text = format!(
                    "{:>3}⠄ {name} in {}-script",
                    self.failures,
                    script.listen.as_postman()
                );
                writeln!(self.out, "{}", self.paint("31;1", &text))?;
            }
        }
        Ok(())
    }

    fn console(&mut self, line: &ConsoleLine) -> io::Result<()> {
        let [top, middle, bottom] = self.symbols.console;
        let text: Vec<String> = line.args.iter().map(inspect).collect();
        writeln!(self.out, "  {top}")?;
        for l in text.join(", ").lines() {
            writeln!(self.out, "  {middle} {}", self.paint("90", l))?;
        }
        writeln!(self.out, "  {bottom}")
    }

    /// The summary table and, if anything failed, the failures table.
    fn write_finish(&mut self, result: &RunResult) -> io::Result<()> {
        if let Some(bar) = &mut self.bar {
            bar.erase(&mut self.out)?;
        }
        if !self.options.no_summary {
            self.summary(result)?;
        }
        if !self.options.no_failures {
            self.failures_table(result)?;
        }
        self.out.flush()
    }
}

/// A console argument as Node's `util.inspect` shows it, near enough: strings quoted.
fn inspect(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// The time now in UTC as Node's en-US `toLocaleString` parts: `%date` is `12/6/2026`, `%time`
/// is `5:14:14 AM`.
fn now(pattern: &str) -> String {
    let t = time::OffsetDateTime::now_utc();
    let (hour, half) = match t.hour() {
        0 => (12, "AM"),
        h @ 1..=11 => (h, "AM"),
        12 => (12, "PM"),
        h => (h - 12, "PM"),
    };
    let date = format!("{}/{}/{}", u8::from(t.month()), t.day(), t.year());
    let clock = format!("{hour}:{:02}:{:02} {half}", t.minute(), t.second());
    pattern.replace("%date", &date).replace("%time", &clock)
}

impl<W: Write + Send> Sink for Cli<W> {
    fn event(&mut self, event: RunEvent<'_>) -> super::Result<()> {
        self.write_event(event).map_err(ReportError::Write)
    }

    fn finish(&mut self, result: &RunResult) -> super::Result<Option<PathBuf>> {
        self.write_finish(result).map_err(ReportError::Write)?;
        Ok(None)
    }
}
