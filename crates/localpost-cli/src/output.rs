//! Printing an exchange: like xh (status line, headers, blank line, body) or as one JSON
//! document.
//!
//! A binary body is not written to a terminal (a note says so, as xh does), only to a pipe or
//! file. A body the engine saved to a temporary file is copied out and the file removed in text
//! mode; in JSON mode the file is kept, and its path is in `response.body.file`.

use std::io::{Read, Write};

use localpost_core::http::event_stream::Event;
use localpost_core::http::{Content, Exchange, Payload, Response};
use localpost_core::send::ScriptResult;

use crate::cli::OutputFormat;
use crate::exit::Failure;

const BINARY_NOTE: &str = "+-----------------------------------------+\n\
                           | NOTE: binary data not shown in terminal |\n\
                           +-----------------------------------------+\n";

/// Prints `exchange` in `format`.
pub fn exchange(
    exchange: &Exchange,
    scripts: &[ScriptResult],
    format: OutputFormat,
    is_terminal: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match format {
        OutputFormat::Json => {
            // The exchange's members, and the scripts that ran.
            let mut output = serde_json::to_value(exchange)
                .map_err(|e| Failure::failed(format!("cannot write output: {e}")))?;
            let scripts = serde_json::to_value(scripts)
                .map_err(|e| Failure::failed(format!("cannot write output: {e}")))?;
            if let Some(members) = output.as_object_mut() {
                members.insert("scripts".into(), scripts);
            }
            serde_json::to_writer_pretty(&mut *out, &output)
                .map_err(|e| Failure::failed(format!("cannot write output: {e}")))?;
            writeln!(out)?;
        }
        OutputFormat::Text => {
            head(&exchange.response, out)?;
            body(&exchange.response.body, is_terminal, out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The status line, the headers and a blank line.
pub fn head(r: &Response, out: &mut impl Write) -> Result<(), Failure> {
    let status = format!("{} {} {}", r.version, r.status, r.reason);
    writeln!(out, "{}", status.trim_end())?;
    for h in &r.headers {
        writeln!(out, "{}: {}", h.name, h.value)?;
    }
    writeln!(out)?;
    Ok(())
}

/// One server-sent event in the stream's own form: `id`, `event` (unless `message`), `retry`
/// and one `data` line per line of data, then a blank line.
pub fn event(e: &Event, out: &mut impl Write) -> Result<(), Failure> {
    if !e.id.is_empty() {
        writeln!(out, "id: {}", e.id)?;
    }
    if e.event != "message" {
        writeln!(out, "event: {}", e.event)?;
    }
    if let Some(retry) = e.retry {
        writeln!(out, "retry: {retry}")?;
    }
    for line in e.data.split('\n') {
        writeln!(out, "data: {line}")?;
    }
    writeln!(out)?;
    Ok(())
}

fn body(payload: &Payload, is_terminal: bool, out: &mut impl Write) -> Result<(), Failure> {
    let is_text = matches!(payload.content, Content::Text { .. });
    if is_terminal && !is_text {
        out.write_all(BINARY_NOTE.as_bytes())?;
        return remove_file(payload);
    }
    let last = match &payload.file {
        None => {
            let bytes = payload.content.to_bytes();
            out.write_all(&bytes)?;
            bytes.last().copied()
        }
        Some(path) => {
            let last = copy_file(path, out)?;
            remove_file(payload)?;
            last
        }
    };
    if is_text && last.is_some_and(|b| b != b'\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// Copies a saved body to `out`; returns its last byte.
fn copy_file(path: &str, out: &mut impl Write) -> Result<Option<u8>, Failure> {
    let cannot = |e: std::io::Error| Failure::failed(format!("cannot read body file {path}: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut last = None;
    loop {
        let n = file.read(&mut buf).map_err(cannot)?;
        if n == 0 {
            return Ok(last);
        }
        out.write_all(&buf[..n])?;
        last = Some(buf[n - 1]);
    }
}

fn remove_file(payload: &Payload) -> Result<(), Failure> {
    if let Some(path) = &payload.file {
        std::fs::remove_file(path)
            .map_err(|e| Failure::failed(format!("cannot remove body file {path}: {e}")))?;
    }
    Ok(())
}

/// How many tests failed and scripts stopped with an error.
pub fn failed_count(scripts: &[ScriptResult]) -> usize {
    scripts.iter().map(ScriptResult::failures).sum()
}

/// Prints each script that ran with its tests, console lines and error, as newman lists them.
pub fn scripts(scripts: &[ScriptResult], out: &mut impl Write) -> Result<(), Failure> {
    for script in scripts {
        writeln!(out, "script {}", script.place)?;
        for line in &script.console {
            let level = format!("{:?}", line.level).to_lowercase();
            writeln!(out, "  console.{level}: {}", line.text())?;
        }
        for test in &script.assertions {
            match (test.skipped, test.passed, &test.error) {
                (true, _, _) => writeln!(out, "  - {} (skipped)", test.name)?,
                (false, true, _) => writeln!(out, "  \u{2713} {}", test.name)?,
                (false, false, error) => writeln!(
                    out,
                    "  \u{2717} {}: {}",
                    test.name,
                    error.as_deref().unwrap_or("failed")
                )?,
            }
        }
        if let Some(failure) = &script.failure {
            let place = match (failure.line, failure.column) {
                (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
                (Some(line), None) => format!(" (line {line})"),
                _ => String::new(),
            };
            writeln!(out, "  error: {}{place}", failure.message)?;
        }
    }
    out.flush()?;
    Ok(())
}
