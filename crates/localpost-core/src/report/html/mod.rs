//! The `html` report ([`Html`]): one self-contained page (inline style and a small inline
//! script; nothing fetched from anywhere) with the run's summary, its failures first, then
//! every request with its assertions, console lines and headers, filterable by status
//! (failed, passed, skipped) and by text. Every value from the run is escaped, so a name,
//! URL, header or message holding markup shows as text. The page is also well-formed XML.
//!
//! Each request's section is spooled beside the report as the run goes; the page is put
//! together and renamed into place at the end ([`Destination`]).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::units::{duration, size};
use super::{Destination, Result, Sink, Spool};
use crate::http::Header;
use crate::runner::{Execution, FailureSource, RunEvent, RunResult, Tally};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("filter.js");

/// The html report written to a file as the run goes.
#[derive(Debug)]
pub struct Html {
    out: Option<Destination>,
    spool: Option<Spool>,
    title: Option<String>,
    cycles: usize,
    count: usize,
}

impl Html {
    /// A report that will be at `path`, titled `title` (default: the collection's name);
    /// nothing is there until [`Sink::finish`].
    pub fn create(path: &Path, title: Option<String>) -> Result<Html> {
        let out = Destination::create(path)?;
        let spool = out.spool()?;
        Ok(Html {
            out: Some(out),
            spool: Some(spool),
            title,
            cycles: 0,
            count: 0,
        })
    }
}

impl Sink for Html {
    fn event(&mut self, event: RunEvent<'_>) -> Result<()> {
        match event {
            RunEvent::Started { cycles, .. } => self.cycles = cycles,
            RunEvent::Executed(e) => {
                let Some(spool) = &mut self.spool else {
                    return Ok(());
                };
                self.count += 1;
                let text = execution(e, self.cycles);
                spool
                    .write_all(text.as_bytes())
                    .map_err(|e| spool.error(e))?;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(&mut self, result: &RunResult) -> Result<Option<PathBuf>> {
        let (Some(mut out), Some(spool)) = (self.out.take(), self.spool.take()) else {
            return Ok(None);
        };
        let title = self.title.as_deref().unwrap_or(&result.collection_name);
        let head = head(title, result, self.count);
        out.write_all(head.as_bytes()).map_err(|e| out.error(e))?;
        out.append(spool)?;
        let tail = format!(
            "</section>\n</main>\n<script>//<![CDATA[\n{SCRIPT}//]]></script>\n</body>\n</html>\n"
        );
        out.write_all(tail.as_bytes()).map_err(|e| out.error(e))?;
        out.commit().map(Some)
    }
}

/// Text made safe for element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML forbids (the page is also XML) become U+FFFD.
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page up to the requests' list: summary, failures, filters.
fn head(title: &str, result: &RunResult, count: usize) -> String {
    let title = escape(title);
    let mut s = String::new();
    let started = super::junit::iso_time(result.started_ms);
    let took = duration((result.completed_ms - result.started_ms) as f64);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<p class=\"meta\">Collection {} · started {started} · took {took}</p>\n",
        escape(&result.collection_name),
    );
    let stats = result.stats();
    let rows: [(&str, Tally); 5] = [
        ("iterations", stats.iterations),
        ("requests", stats.requests),
        ("test-scripts", stats.test_scripts),
        ("prerequest-scripts", stats.prerequest_scripts),
        ("assertions", stats.assertions),
    ];
    s.push_str("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<table>\n");
    s.push_str("<tr><th scope=\"col\"></th><th scope=\"col\">executed</th><th scope=\"col\">failed</th></tr>\n");
    for (label, t) in rows {
        let class = if t.failed > 0 {
            " class=\"n failed\""
        } else {
            " class=\"n\""
        };
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{label}</th><td class=\"n\">{}</td><td{class}>{}</td></tr>",
            t.total, t.failed
        );
    }
    let t = result.timings();
    let _ = write!(
        s,
        "</table>\n<p>Total data received: {} · average response time: {} [min: {}, max: {}, s.d.: {}]{}</p>\n</section>\n",
        size(result.bytes_received()),
        duration(t.mean),
        duration(t.min),
        duration(t.max),
        duration(t.sd()),
        if result.bailed {
            " · stopped early (bail)"
        } else {
            ""
        },
    );
    failures(&mut s, result);
    let _ = write!(
        s,
        "<section aria-labelledby=\"requests\">\n<h2 id=\"requests\">Requests ({count})</h2>\n\
         <div class=\"filters\">\n<label for=\"status\">Status</label>\n<select id=\"status\">\
         <option value=\"all\">all</option><option value=\"failed\">failed</option>\
         <option value=\"passed\">passed</option><option value=\"skipped\">skipped</option></select>\n\
         <label for=\"text\">Text</label>\n<input id=\"text\" type=\"search\" placeholder=\"name, URL, test…\"/>\n\
         <output id=\"shown\" aria-live=\"polite\"></output>\n</div>\n"
    );
    s
}

fn failures(s: &mut String, result: &RunResult) {
    let failures = result.failures();
    let _ = write!(
        s,
        "<section aria-labelledby=\"failures\">\n<h2 id=\"failures\">Failures ({})</h2>\n",
        failures.len()
    );
    if failures.is_empty() {
        s.push_str("<p class=\"passed\">Nothing failed.</p>\n");
    } else {
        s.push_str("<ol>\n");
    }
    for f in failures {
        let (what, at) = match &f.source {
            FailureSource::Assertion {
                test,
                index,
                listen,
            } => (
                test.clone(),
                format!("assertion:{index} in {}-script", listen.as_postman()),
            ),
            FailureSource::Script { listen } => (
                format!("in the {}-script", listen.as_postman()),
                format!("{}-script", listen.as_postman()),
            ),
            FailureSource::Request => ("request error".to_owned(), "request".to_owned()),
        };
        let _ = writeln!(
            s,
            "<li class=\"failure\"><p><strong class=\"failed\">{}</strong> {}</p>\
             <p class=\"mono\">{}: {}</p><p class=\"meta\">at {} inside “{}”, iteration {}</p></li>",
            escape(&f.name),
            escape(&what),
            escape(&f.name),
            escape(&f.message),
            escape(&at),
            escape(&f.path),
            f.iteration + 1
        );
    }
    if !failures.is_empty() {
        s.push_str("</ol>\n");
    }
    s.push_str("</section>\n");
}

/// One request's section.
fn execution(e: &Execution, cycles: usize) -> String {
    let status = if e.has_failed() {
        "failed"
    } else if e.skipped {
        "skipped"
    } else {
        "passed"
    };
    let mut s = String::new();
    let open = if e.has_failed() { " open=\"\"" } else { "" };
    let _ = write!(
        s,
        "<details class=\"execution\" data-status=\"{status}\"{open}>\n<summary><span class=\"{status}\">{status}</span> "
    );
    if cycles > 1 {
        let _ = write!(s, "iteration {} · ", e.iteration + 1);
    }
    let _ = write!(s, "<strong>{}</strong>", escape(&e.path()));
    if let Some(x) = &e.exchanged {
        let _ = write!(
            s,
            " · <span class=\"mono\">{} {}</span> · {} {} · {} · {}",
            escape(&x.method),
            escape(&x.url),
            x.status,
            escape(&x.reason),
            size(x.body_size + x.header_size),
            duration(x.time_ms)
        );
    }
    s.push_str("</summary>\n");
    if let Some(error) = &e.error {
        let _ = writeln!(s, "<p class=\"failed mono\">{}</p>", escape(error));
    }
    if e.skipped {
        s.push_str("<p class=\"skipped\">Skipped by a pre-request script.</p>\n");
    }
    let assertions: Vec<_> = e.scripts.iter().flat_map(|s| &s.assertions).collect();
    if !assertions.is_empty() {
        s.push_str("<table>\n<tr><th scope=\"col\">test</th><th scope=\"col\">result</th></tr>\n");
        for a in assertions {
            let (class, text) = match (a.skipped, a.passed) {
                (true, _) => ("skipped", "skipped".to_owned()),
                (false, true) => ("passed", "passed".to_owned()),
                (false, false) => ("failed", a.error.clone().unwrap_or_default()),
            };
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"{class} mono\">{}</td></tr>",
                escape(&a.name),
                escape(&text)
            );
        }
        s.push_str("</table>\n");
    }
    for script in &e.scripts {
        if let Some(f) = &script.failure {
            let _ = writeln!(
                s,
                "<p class=\"failed mono\">{}-script: {}</p>",
                script.listen.as_postman(),
                escape(&f.message)
            );
        }
        for line in &script.console {
            let _ = writeln!(s, "<pre class=\"mono\">{}</pre>", escape(&line.text()));
        }
    }
    if let Some(x) = &e.exchanged {
        headers(&mut s, "Request headers", &x.request_headers);
        headers(&mut s, "Response headers", &x.response_headers);
    }
    s.push_str("</details>\n");
    s
}

fn headers(s: &mut String, title: &str, headers: &[Header]) {
    if headers.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<details class=\"headers\"><summary>{title}</summary><table>"
    );
    for h in headers {
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\" class=\"mono\">{}</th><td class=\"mono\">{}</td></tr>",
            escape(&h.name),
            // A credential is not written in a page meant to be shared.
            if h.is_sensitive {
                "***".to_owned()
            } else {
                escape(&h.value)
            }
        );
    }
    s.push_str("</table></details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape("<script>alert('x&y')</script>\u{1}"),
            "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;\u{FFFD}"
        );
    }
}
