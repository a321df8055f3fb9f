//! The details newman's `--verbose` adds to the cli report under each request: a status line
//! with time, sizes, header and cookie counts; the response body in a box; a table of the
//! time each phase took.
//!
//! This module only formats an [`Exchanged`]; [`super::cli`] decides when.

use super::units::size;
use crate::http::Content;
use crate::runner::Exchanged;

/// The lines (without indentation) under the request line; `unicode` picks newman's symbols
/// or its plain-text ones.
pub(crate) fn details(x: &Exchanged, unicode: bool) -> Vec<String> {
    let (star, up, down, box_) = match unicode {
        true => ("★", "↑", "↓", ["┌", "│", "└"]),
        false => ("*", "^", "v", ["-", "|", "-"]),
    };
    let mut lines = vec![format!(
        "{} {} {star} {} time {star} {}{up} {}{down} size {star} {}{up} {}{down} headers {star} {} cookies",
        x.status,
        x.reason,
        micros(x.time_ms),
        size(x.request_size),
        size(x.body_size + x.header_size),
        x.request_headers.len(),
        x.response_headers.len(),
        x.cookies,
    )];
    if let Some(body) = &x.body {
        let kind = x
            .response_headers
            .iter()
            .find(|h| h.is_named("content-type"))
            .map_or("", |h| h.value.as_str());
        let kind = kind.split(';').next().unwrap_or_default().trim();
        lines.push(format!(
            "{} {down} {kind} {star} {}",
            box_[0],
            size(body.size)
        ));
        match &body.content {
            Content::Text { text } => {
                lines.extend(text.lines().map(|l| format!("{} {l}", box_[1])));
            }
            Content::Base64 { .. } => lines.push(format!("{} (binary)", box_[1])),
        }
        if body.is_truncated {
            lines.push(format!("{} …", box_[1]));
        }
        lines.push(box_[2].to_owned());
    }
    let t = &x.timings;
    // newman lists the lookup and the connection always (0 when they did not happen, as on a
    // reused connection), the TLS handshake only over TLS.
    let mut phases = vec![
        ("dns-lookup", t.dns_ms.unwrap_or(0.0)),
        ("tcp-handshake", t.connect_ms.unwrap_or(0.0)),
    ];
    if let Some(tls) = t.tls_ms {
        phases.push(("secure-handshake", tls));
    }
    phases.extend([
        ("transfer-start", t.wait_ms),
        ("download", t.download_ms),
        ("total", t.total_ms),
    ]);
    let (mut names, mut values) = (String::new(), String::new());
    for (name, ms) in phases {
        let value = micros(ms);
        let width = name.len().max(value.chars().count()) + 3;
        names.push_str(&format!("{name:<width$}"));
        values.push_str(&format!("{value:<width$}"));
    }
    lines.push(names.trim_end().to_owned());
    lines.push(values.trim_end().to_owned());
    lines
}

/// Milliseconds as newman prints a phase: `621µs` below a millisecond, else `3ms`, `1.2s`.
fn micros(ms: f64) -> String {
    match ms < 1.0 {
        true => format!("{}µs", (ms.max(0.0) * 1000.0).trunc() as u64),
        false => super::units::duration(ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Header, Payload, Timings};

    #[test]
    fn status_body_and_phases() {
        let x = Exchanged {
            method: "GET".into(),
            url: "http://h/a".into(),
            request_headers: vec![Header::new("Accept", "*/*")],
            status: 200,
            reason: "OK".into(),
            response_headers: vec![Header::new(
                "Content-Type",
                "application/json; charset=utf-8",
            )],
            body_size: 11,
            header_size: 40,
            time_ms: 13.4,
            timings: Timings {
                dns_ms: Some(0.5),
                connect_ms: Some(1.0),
                wait_ms: 3.0,
                download_ms: 4.0,
                total_ms: 13.4,
                ..Timings::default()
            },
            request_size: 228,
            cookies: 0,
            body: Some(Payload {
                content: Content::Text {
                    text: "{\"ok\":true}".into(),
                },
                size: 11,
                is_truncated: false,
                file: None,
            }),
        };
        assert_eq!(
            details(&x, true),
            [
                "200 OK ★ 13ms time ★ 228B↑ 51B↓ size ★ 1↑ 1↓ headers ★ 0 cookies",
                "┌ ↓ application/json ★ 11B",
                "│ {\"ok\":true}",
                "└",
                "dns-lookup   tcp-handshake   transfer-start   download   total",
                "500µs        1ms             3ms              4ms        13ms",
            ]
        );
    }
}
