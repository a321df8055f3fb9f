//! newman's `progress` report ([`Progress`]): one bar, `progress [====----] 40% | ETA: 3s |
//! 4/10`, redrawn in place as requests end, and the small bar the `cli` report keeps on its
//! last line on a terminal (`Bar`, for [`cli`](super::cli)).
//!
//! Both draw with terminal control sequences, so the caller gives them a terminal only (newman
//! draws nothing when its stream is not one): never a log file or a pipe.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{ReportError, Sink};
use crate::runner::{RunEvent, RunResult};

/// Requests done of planned, from the run's events.
#[derive(Debug, Clone, Copy, Default)]
struct Count {
    done: usize,
    total: usize,
}

impl Count {
    fn count(&mut self, event: RunEvent<'_>) {
        match event {
            RunEvent::Started { length, cycles, .. } => self.total = length * cycles,
            RunEvent::Executed(_) => {
                self.done += 1;
                // A jump back can run more requests than planned.
                self.total = self.total.max(self.done);
            }
            _ => {}
        }
    }

    fn fraction(&self) -> f64 {
        match self.total {
            0 => 1.0,
            t => self.done as f64 / t as f64,
        }
    }
}

/// The `cli` report's progress bar: `  ██████░░░░░░ 12/40` on the last line.
#[derive(Debug)]
pub(crate) struct Bar {
    unicode: bool,
    count: Count,
    drawn: bool,
}

impl Bar {
    const WIDTH: usize = 24;

    pub(crate) fn new(unicode: bool) -> Bar {
        Bar {
            unicode,
            count: Count::default(),
            drawn: false,
        }
    }

    pub(crate) fn count(&mut self, event: RunEvent<'_>) {
        self.count.count(event);
    }

    /// Draws the bar on the current line, leaving the cursor after it.
    pub(crate) fn draw(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.count.total == 0 {
            return Ok(());
        }
        let full = (self.count.fraction() * Self::WIDTH as f64).round() as usize;
        let (done, left, open, close) = match self.unicode {
            true => ("█", "░", "▕", "▏"),
            false => ("=", "-", "[", "]"),
        };
        let bar = format!("{}{}", done.repeat(full), left.repeat(Self::WIDTH - full));
        let Count { done, total } = self.count;
        write!(out, "  {open}{bar}{close} {done}/{total}")?;
        self.drawn = true;
        Ok(())
    }

    /// Erases the bar if it is drawn, leaving the cursor at the start of its line.
    pub(crate) fn erase(&mut self, out: &mut impl Write) -> io::Result<()> {
        if std::mem::take(&mut self.drawn) {
            write!(out, "\r\x1b[2K")?;
        }
        Ok(())
    }
}

/// newman's `progress` report, as cli-progress 3 draws it for newman 6.2: a 40-character
/// bar, the percentage, an estimate of the time left over the last ten requests and the
/// count, redrawn at most ten times a second and once more at the end.
pub struct Progress<W: Write> {
    out: W,
    count: Count,
    started: bool,
    last_draw: Option<Instant>,
    last_text: String,
    /// When recent requests ended and how many were done then, for the estimate.
    recent: VecDeque<(Instant, usize)>,
}

impl<W: Write> std::fmt::Debug for Progress<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl<W: Write> Progress<W> {
    /// A bar drawn on `out`, a terminal.
    pub fn new(out: W) -> Self {
        Progress {
            out,
            count: Count::default(),
            started: false,
            last_draw: None,
            last_text: String::new(),
            recent: VecDeque::new(),
        }
    }

    fn text(&self) -> String {
        let fraction = self.count.fraction().min(1.0);
        let full = (fraction * 40.0).round() as usize;
        let bar = format!("{}{}", "=".repeat(full), "-".repeat(40 - full));
        let percentage = (fraction * 100.0).floor() as u64;
        let Count { done, total } = self.count;
        format!(
            "progress [{bar}] {percentage}% | ETA: {}s | {done}/{total}",
            self.eta()
        )
    }

    /// Seconds left at the rate of the last ten requests, as cli-progress estimates them.
    fn eta(&self) -> String {
        let (Some(first), Some(last)) = (self.recent.front(), self.recent.back()) else {
            return "0".to_owned();
        };
        if self.recent.len() < 2 {
            return "0".to_owned();
        }
        let done = (last.1 - first.1) as f64;
        let ms = last.0.duration_since(first.0).as_secs_f64() * 1000.0;
        let rate = done / ms;
        let left = (self.count.total - self.count.done) as f64;
        let eta = (left / rate / 1000.0).ceil();
        if eta.is_nan() {
            "NULL".to_owned()
        } else if !eta.is_finite() || eta > 1e7 {
            "INF".to_owned()
        } else {
            format!("{}", eta.max(0.0) as u64)
        }
    }

    fn draw(&mut self, force: bool) -> io::Result<()> {
        let text = self.text();
        if force || text != self.last_text {
            // To column 1, the bar, clear to the end of the line.
            write!(self.out, "\x1b[1G{text}\x1b[0K")?;
            self.last_text = text;
            self.last_draw = Some(Instant::now());
        }
        self.out.flush()
    }

    fn write_event(&mut self, event: RunEvent<'_>) -> io::Result<()> {
        self.count.count(event);
        match event {
            RunEvent::Started { .. } => {
                self.started = true;
                self.recent.push_back((Instant::now(), 0));
                // Save the cursor, no line wrapping, first draw.
                write!(self.out, "\x1b7\x1b[?7l")?;
                self.draw(true)
            }
            RunEvent::Executed(_) if self.started => {
                self.recent.push_back((Instant::now(), self.count.done));
                if self.recent.len() > 10 {
                    self.recent.pop_front();
                }
                let due = self
                    .last_draw
                    .is_none_or(|at| at.elapsed() > Duration::from_millis(200));
                if due { self.draw(false) } else { Ok(()) }
            }
            _ => Ok(()),
        }
    }

    fn write_finish(&mut self) -> io::Result<()> {
        if !std::mem::take(&mut self.started) {
            return Ok(());
        }
        self.draw(false)?;
        // Line wrapping back, cursor restored, and a new line.
        writeln!(self.out, "\x1b[?7h\x1b8")?;
        self.out.flush()
    }
}

impl<W: Write + Send> Sink for Progress<W> {
    fn event(&mut self, event: RunEvent<'_>) -> super::Result<()> {
        self.write_event(event).map_err(ReportError::Write)
    }

    fn finish(&mut self, _: &RunResult) -> super::Result<Option<PathBuf>> {
        self.write_finish().map_err(ReportError::Write)?;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_counts_requests_of_planned() {
        let mut p = Progress::new(Vec::new());
        p.count = Count { done: 4, total: 10 };
        assert_eq!(
            p.text(),
            "progress [================------------------------] 40% | ETA: 0s | 4/10"
        );
        let mut bar = Bar::new(false);
        bar.count = Count { done: 1, total: 2 };
        let mut out = Vec::new();
        bar.draw(&mut out).expect("drawn");
        bar.erase(&mut out).expect("erased");
        bar.erase(&mut out).expect("nothing more");
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(text, "  [============------------] 1/2\r\x1b[2K");
    }
}
