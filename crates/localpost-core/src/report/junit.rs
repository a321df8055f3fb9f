//! newman's `junit` report ([`Junit`]): one `<testsuite>` per request (all its iterations
//! together), named by its folders and name (`Auth / Login`), with a `<testcase>` per test
//! name and a `<failure type="AssertionFailure">` for one that failed; request and script
//! errors in the suite's `<system-err>`. Shapes, counts, times and messages are newman 6.2's,
//! quirks included: a suite's `tests` is its last execution's number of tests, a test that
//! failed and then passed in a later iteration has no `<failure>` (the suite still counts
//! it), a test case's `time` is its request's last response time. Stacks are not recorded,
//! so where newman writes one there is the error's name and message.
//!
//! It keeps one entry per request and test name, not per execution: memory does not grow
//! with iterations. The file is written at the end through a [`Destination`].

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Destination, Result, Sink};
use crate::runner::{Execution, RunEvent, RunResult};
use crate::script::Listen;

/// One request's suite.
#[derive(Debug)]
struct Suite {
    id: String,
    name: String,
    tests: usize,
    failures: usize,
    errors: usize,
    executions: usize,
    /// Sum of response times, in seconds (newman's `responseTime / 1000`, 0 without one).
    seconds: f64,
    last_seconds: f64,
    /// Test names in first-seen order, with the failures still standing (newman forgets
    /// earlier ones when the test passes again).
    cases: Vec<(String, Vec<String>)>,
    system_err: String,
}

/// The junit report written to a file at the end of the run.
#[derive(Debug)]
pub struct Junit {
    out: Option<Destination>,
    suites: Vec<Suite>,
    by_id: HashMap<String, usize>,
}

impl Junit {
    /// A report that will be at `path`; nothing is there until [`Sink::finish`].
    pub fn create(path: &Path) -> Result<Junit> {
        Ok(Junit {
            out: Some(Destination::create(path)?),
            suites: Vec::new(),
            by_id: HashMap::new(),
        })
    }

    fn add(&mut self, e: &Execution) {
        let index = *self.by_id.entry(e.postman_id.clone()).or_insert_with(|| {
            self.suites.push(Suite {
                id: e.postman_id.clone(),
                name: e.path(),
                tests: 0,
                failures: 0,
                errors: 0,
                executions: 0,
                seconds: 0.0,
                last_seconds: 0.0,
                cases: Vec::new(),
                system_err: String::new(),
            });
            self.suites.len() - 1
        });
        let suite = &mut self.suites[index];
        suite.executions += 1;
        let seconds = e
            .exchanged
            .as_ref()
            .map_or(0.0, |x| x.time_ms.round() / 1000.0);
        suite.seconds += seconds;
        suite.last_seconds = seconds;

        let mut message = format!("Iteration: {}\n", e.iteration);
        let mut errored = false;
        if let Some(error) = &e.error {
            suite.errors += 1;
            errored = true;
            message.push_str(&format!("RequestError: Error: {error}\n"));
        }
        message.push_str("\n---\n");
        for listen in [Listen::Test, Listen::PreRequest] {
            for script in e.scripts_of(listen) {
                if let Some(f) = &script.failure {
                    suite.errors += 1;
                    errored = true;
                    let prop = match listen {
                        Listen::Test => "testScript",
                        Listen::PreRequest => "prerequestScript",
                    };
                    // newman writes the error's stack, or its message without the name.
                    let text = f
                        .message
                        .split_once(": ")
                        .map_or(f.message.as_str(), |(_, m)| m);
                    message.push_str(&format!("{prop}Error: {text}\n---\n"));
                }
            }
        }
        if errored {
            suite.system_err.push_str(&message);
        }

        let mut tests = 0;
        for a in e.scripts.iter().flat_map(|s| &s.assertions) {
            tests += 1;
            let at = match suite.cases.iter().position(|(name, _)| *name == a.name) {
                Some(at) => at,
                None => {
                    suite.cases.push((a.name.clone(), Vec::new()));
                    suite.cases.len() - 1
                }
            };
            let failures = &mut suite.cases[at].1;
            if !a.passed && !a.skipped {
                suite.failures += 1;
                let text = a.error.as_deref().unwrap_or("AssertionError: failed");
                failures.push(text.to_owned());
            } else {
                failures.clear();
            }
        }
        suite.tests = tests;
    }

    fn write(&self, out: &mut impl Write, result: &RunResult) -> std::io::Result<()> {
        let collection = &result.collection_name;
        let collection_id = result.collection["info"]["_postman_id"]
            .as_str()
            .unwrap_or_default();
        let timestamp = iso_time(result.started_ms);
        let total: f64 = self.suites.iter().map(|s| s.seconds).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        write!(
            out,
            r#"<testsuites name="{}" tests="{}" time="{total:.3}""#,
            attribute(collection),
            result.stats().tests.total
        )?;
        // newman's report ends without a line break.
        if self.suites.is_empty() {
            return write!(out, "/>");
        }
        writeln!(out, ">")?;
        for suite in &self.suites {
            let mean = suite.seconds / suite.executions.max(1) as f64;
            write!(
                out,
                r#"  <testsuite name="{}" id="{}" timestamp="{timestamp}" tests="{}" failures="{}" errors="{}" time="{mean:.3}""#,
                attribute(&suite.name),
                attribute(&suite.id),
                suite.tests,
                suite.failures,
                suite.errors,
            )?;
            if suite.cases.is_empty() && suite.system_err.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            if !suite.system_err.is_empty() {
                writeln!(
                    out,
                    "    <system-err>{}</system-err>",
                    cdata(&suite.system_err)
                )?;
            }
            // newman makes it from the attribute as written, escapes and all.
            let classname = attribute(&class_name(&attribute(&suite.name)));
            for (name, failures) in &suite.cases {
                write!(
                    out,
                    r#"    <testcase name="{}" time="{:.3}" classname="{classname}""#,
                    attribute(name),
                    suite.last_seconds
                )?;
                let Some(first) = failures.first() else {
                    writeln!(out, "/>")?;
                    continue;
                };
                let message = first.split_once(": ").map_or(first.as_str(), |(_, m)| m);
                writeln!(out, ">")?;
                writeln!(
                    out,
                    r#"      <failure type="AssertionFailure" message="{}">"#,
                    attribute(message)
                )?;
                let lines = [
                    format!("Failed {} times.", failures.len()),
                    format!("Collection JSON ID: {collection_id}."),
                    format!("Collection name: {collection}."),
                    format!("Request name: {}.", suite.name),
                    format!("Test description: {name}."),
                    format!("Error message: {message}."),
                    format!("Stacktrace: {first}."),
                ];
                for line in lines {
                    writeln!(out, "        {}", cdata(&line))?;
                }
                writeln!(out, "      </failure>")?;
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        write!(out, "</testsuites>")
    }
}

impl Sink for Junit {
    fn event(&mut self, event: RunEvent<'_>) -> Result<()> {
        // newman's report lists no execution for a request a script skipped.
        if let RunEvent::Executed(e) = event
            && !e.skipped
        {
            self.add(e);
        }
        Ok(())
    }

    fn finish(&mut self, result: &RunResult) -> Result<Option<PathBuf>> {
        let Some(mut out) = self.out.take() else {
            return Ok(None);
        };
        self.write(&mut out, result).map_err(|e| out.error(e))?;
        out.commit().map(Some)
    }
}

/// `2026-12-06T05:14:14.123Z`, as JavaScript's `toISOString`.
pub(crate) fn iso_time(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// A character XML 1.0 allows; others become U+FFFD so the report stays well formed.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' => c,
        c if c >= '\u{10000}' => c,
        _ => '\u{FFFD}',
    }
}

/// An attribute value, escaped as xmlbuilder escapes it (`>` is left as it is).
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(xml_char) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// Text in a CDATA section (a `]]>` inside split across two).
fn cdata(text: &str) -> String {
    let text: String = text.chars().map(xml_char).collect();
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// newman's class name: lodash's `upperFirst(camelCase(name))` without non-word characters:
/// `Auth / Login` is `AuthLogin`, `get user 2` is `GetUser2`.
fn class_name(name: &str) -> String {
    let mut out = String::new();
    for (i, word) in words(name).iter().enumerate() {
        let lower = word.to_lowercase();
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            match i {
                0 => out.push(first),
                _ => out.extend(first.to_uppercase()),
            }
            out.extend(chars);
        }
    }
    let mut chars = out.chars();
    let upper: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    upper
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Words as lodash splits them: runs of letters and digits, split again where a lower-case
/// letter meets an upper-case one, before the last capital of an acronym (`HTTPServer`), and
/// between letters and digits.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p))
            && !word.is_empty()
        {
            let next = chars.get(i + 1).copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(char::is_lowercase))
                || (prev.is_numeric() != c.is_numeric());
            if boundary {
                words.push(std::mem::take(&mut word));
            }
        }
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_as_lodash_makes_them() {
        assert_eq!(class_name("Auth / Login"), "AuthLogin");
        assert_eq!(class_name("Skip me"), "SkipMe");
        assert_eq!(class_name("get user 2"), "GetUser2");
        assert_eq!(class_name("HTTPServer status"), "HttpServerStatus");
        assert_eq!(class_name("fooBar"), "FooBar");
    }

    #[test]
    fn escaping_keeps_the_xml_well_formed() {
        assert_eq!(
            attribute("a<\"b\"&>\n\u{1}"),
            "a&lt;&quot;b&quot;&amp;>&#xA;\u{FFFD}"
        );
        assert_eq!(cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
        assert_eq!(iso_time(1_796_534_054_123), "2026-12-06T05:14:14.123Z");
    }
}
