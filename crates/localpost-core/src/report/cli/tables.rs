//! The end of the `cli` report: newman's summary table (executed and failed counts, run
//! duration, data received, response times) and failures table.

use std::io::{self, Write};

use super::Cli;
use crate::report::units::{duration, size};
use crate::runner::{FailureSource, RunResult, Tally};

impl<W: Write> Cli<W> {
    pub(super) fn summary(&mut self, result: &RunResult) -> io::Result<()> {
        let stats = result.stats();
        let rows: [(&str, Tally); 5] = [
            ("iterations", stats.iterations),
            ("requests", stats.requests),
            ("test-scripts", stats.test_scripts),
            ("prerequest-scripts", stats.prerequest_scripts),
            ("assertions", stats.assertions),
        ];
        let notes = [
            format!(
                "total run duration: {}",
                duration((result.completed_ms - result.started_ms) as f64)
            ),
            format!(
                "total data received: {} (approx)",
                size(result.bytes_received())
            ),
            response_times(result),
        ];
        writeln!(self.out)?;
        self.table(&rows, &notes)
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

    pub(super) fn failures_table(&mut self, result: &RunResult) -> io::Result<()> {
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

/// `average response time: 3ms [min: 1ms, max: 15ms, s.d.: 4ms]`.
fn response_times(result: &RunResult) -> String {
    let t = result.timings();
    format!(
        "average response time: {} [min: {}, max: {}, s.d.: {}]",
        duration(t.mean),
        duration(t.min),
        duration(t.max),
        duration(t.sd())
    )
}
