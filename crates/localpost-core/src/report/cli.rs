//! newman's `cli` report: written as the run goes ([`Cli::event`]), then the summary and
//! failures tables ([`Cli::finish`]).

use std::io::{self, Write};

use serde_json::Value;

use super::units::{duration, size};
use crate::runner::{Execution, FailureSource, RunEvent, RunResult, Tally};
use crate::script::ConsoleLine;

/// How the report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Unicode symbols (`✓`, `❏`, `→`, box lines); without, newman's plain-text ones.
    pub unicode: bool,
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
    failures: usize,
    folders: Option<Vec<String>>,
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
            failures: 0,
            folders: None,
            verbose: false,
        }
    }

    /// Adds newman's `--verbose` details under each request: sizes, header and cookie counts,
    /// the response body (when the run kept it) and each phase's time.
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    fn paint(&self, code: &str, text: &str) -> String {
        match self.style.color {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_owned(),
        }
    }

    /// The banner and the collection's name.
    pub fn start(&mut self, collection: &str) -> io::Result<()> {
        writeln!(self.out, "newman\n\n{collection}")
    }

    /// Writes what `event` tells.
    pub fn event(&mut self, event: RunEvent<'_>) -> io::Result<()> {
        match event {
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
        if let Some(x) = &e.exchanged
            && self.verbose
        {
            writeln!(
                self.out,
                "  {}",
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
            writeln!(self.out, "  {}", self.paint("90", &line))?;
        } else if let Some(error) = &e.error {
            let (method, url) = (self.paint("90", "request"), self.paint("31", "[errored]"));
            writeln!(self.out, "  {method} {url}")?;
            self.failures += 1;
            writeln!(self.out, "{}", self.paint("31", &format!("     {error}")))?;
        }
        for script in &e.scripts {
            for line in &script.console {
                self.console(line)?;
            }
            for a in &script.assertions {
                if a.skipped {
                    let text = self.paint("36", &format!("  -  [skipped] {}", a.name));
                    writeln!(self.out, "{text}")?;
                } else if a.passed {
                    let ok = self.paint("32", &format!("  {} ", self.symbols.ok));
                    writeln!(self.out, "{ok} {}", self.paint("90", &a.name))?;
                } else {
                    self.failures += 1;
                    let text = format!("{:>3}. {}", self.failures, a.name);
                    writeln!(self.out, "{}", self.paint("31;1", &text))?;
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
    pub fn finish(&mut self, result: &RunResult) -> io::Result<()> {
        let stats = result.stats();
        let rows: [(&str, Tally); 5] = [
            ("iterations", stats.iterations),
            ("requests", stats.requests),
            ("test-scripts", stats.test_scripts),
            ("prerequest-scripts", stats.prerequest_scripts),
            ("assertions", stats.assertions),
        ];
        let times = result.response_times();
        let notes = [
            format!(
                "total run duration: {}",
                duration((result.completed_ms - result.started_ms) as f64)
            ),
            format!(
                "total data received: {} (approx)",
                size(result.bytes_received())
            ),
            response_times(&times),
        ];
        writeln!(self.out)?;
        self.table(&rows, &notes)?;
        self.failures_table(result)
    }

    /// newman's summary table: a label column of 25, two of 17, and the notes below as wide
    /// as the longest of them needs.
    fn table(&mut self, rows: &[(&str, Tally)], notes: &[String]) -> io::Result<()> {
        let (a, b) = (25, 17);
        let longest = notes
            .iter()
            .map(|n| n.chars().count() + 2)
            .max()
            .unwrap_or(0);
        let inner = longest.max(a + 2 * b + 2);
        let c = inner - a - b - 2;
        let rule = |l: &str, m: &str, r: &str| {
            let (a, b, c) = ("─".repeat(a), "─".repeat(b), "─".repeat(c));
            format!("{l}{a}{m}{b}{m}{c}{r}")
        };
        let (a, b, c) = (a - 1, b - 1, c - 1);
        writeln!(self.out, "{}", rule("┌", "┬", "┐"))?;
        writeln!(
            self.out,
            "│{:>a$} │{:>b$} │{:>c$} │",
            "", "executed", "failed"
        )?;
        for (label, tally) in rows {
            writeln!(self.out, "{}", rule("├", "┼", "┤"))?;
            let failed = format!("{:>c$}", tally.failed);
            let failed = match tally.failed {
                0 => failed,
                _ => self.paint("31", &failed),
            };
            writeln!(self.out, "│{label:>a$} │{:>b$} │{failed} │", tally.total)?;
        }
        writeln!(self.out, "{}", rule("├", "┴", "┤"))?;
        for (i, note) in notes.iter().enumerate() {
            if i > 0 {
                writeln!(self.out, "├{}┤", "─".repeat(inner))?;
            }
            writeln!(self.out, "│ {note:<w$} │", w = inner - 2)?;
        }
        writeln!(self.out, "└{}┘", "─".repeat(inner))
    }

    fn failures_table(&mut self, result: &RunResult) -> io::Result<()> {
        let failures = result.failures();
        if failures.is_empty() {
            return Ok(());
        }
        let multiple = result.iterations > 1;
        let mut rows: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for (i, f) in failures.iter().enumerate() {
            let mut name = vec![f.name.clone()];
            if multiple {
                name.push(format!("iteration: {}", f.iteration + 1));
            }
            let mut detail = Vec::new();
            let at = match &f.source {
                FailureSource::Assertion {
                    test,
                    index,
                    listen: l,
                } => {
                    detail.push(test.clone());
                    format!("assertion:{index} in {}-script", l.as_postman())
                }
                FailureSource::Script { listen: l } => format!("{}-script", l.as_postman()),
                FailureSource::Request => "request".to_owned(),
            };
            detail.push(f.message.clone());
            detail.push(format!("at {at}"));
            detail.push(format!("inside \"{}\"", f.path));
            rows.push((format!("{:>2}.", i + 1), name, detail));
        }
        let width = rows
            .iter()
            .flat_map(|r| &r.1)
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        writeln!(self.out)?;
        let header = format!("  #  {:<width$}  detail", "failure");
        writeln!(self.out, "{}", self.paint("31", &header))?;
        for (number, name, detail) in rows {
            writeln!(self.out)?;
            let lines = name.len().max(detail.len());
            for i in 0..lines {
                let n = if i == 0 { number.as_str() } else { "" };
                let left = name.get(i).map_or("", String::as_str);
                let right = detail.get(i).map_or("", String::as_str);
                let text = format!("{n:>3}  {left:<width$}  {right}");
                writeln!(self.out, "{}", text.trim_end())?;
            }
        }
        Ok(())
    }
}

/// A console argument as Node's `util.inspect` shows it, near enough: strings quoted.
fn inspect(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// `average response time: 3ms [min: 1ms, max: 15ms, s.d.: 4ms]`.
fn response_times(times: &[f64]) -> String {
    if times.is_empty() {
        return "average response time: 0ms [min: 0ms, max: 0ms, s.d.: 0ms]".to_owned();
    }
    let n = times.len() as f64;
    let mean = times.iter().sum::<f64>() / n;
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    let max = times.iter().copied().fold(0.0, f64::max);
    let sd = (times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    format!(
        "average response time: {} [min: {}, max: {}, s.d.: {}]",
        duration(mean),
        duration(min),
        duration(max),
        duration(sd)
    )
}
