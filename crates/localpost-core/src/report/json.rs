//! newman's `json` report: the run summary as one JSON document.
//!
//! [`Json`] writes it to a file as the run goes: each request's execution is spooled beside
//! the report when it ends, and the document is put together and renamed into place at the
//! end. [`summary`] builds it in memory from a result that kept its executions.
//!
//! The shape is newman's (`collection`, `environment`, `globals`, `run.stats`, `run.timings`,
//! `run.executions`, `run.transfers`, `run.failures`, `run.error`) with what a run records;
//! not written: response bodies (`response.stream`), newman's internal ids (cursor `ref`,
//! `httpRequestId`, script and execution ids), DNS and first-byte timings (zero), error
//! stacks, and the item's full definition in executions (its `id` and `name` only). Secret
//! variables are written with the value the store holds (empty for one kept in a keychain).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Destination, Result, Sink, Spool};
use crate::model::Variable;
use crate::runner::{Execution, Failure, FailureSource, RunEvent, RunResult, Stats, Tally};

/// newman's cursor `length` and `cycles`: requests in one iteration and iterations.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    length: usize,
    cycles: usize,
}

/// The json report written to a file as the run goes.
#[derive(Debug)]
pub struct Json {
    out: Option<Destination>,
    spool: Option<Spool>,
    cursor: Cursor,
}

impl Json {
    /// A report that will be at `path`; nothing is there until [`Sink::finish`].
    pub fn create(path: &Path) -> Result<Json> {
        let out = Destination::create(path)?;
        let spool = out.spool()?;
        Ok(Json {
            out: Some(out),
            spool: Some(spool),
            cursor: Cursor::default(),
        })
    }
}

/// Where the executions go in the document: `run.executions`, at depth 2.
const EXECUTIONS: &str = "\n    \"executions\": []";

impl Sink for Json {
    fn event(&mut self, event: RunEvent<'_>) -> Result<()> {
        match event {
            RunEvent::Started { length, cycles, .. } => {
                self.cursor = Cursor { length, cycles };
            }
            // newman lists no execution for a request a script skipped.
            RunEvent::Executed(e) if !e.skipped => {
                let Some(spool) = &mut self.spool else {
                    return Ok(());
                };
                let value = execution(e, self.cursor);
                let text = serde_json::to_string_pretty(&value).expect("a JSON value serializes");
                let separator = if spool.is_empty() { "" } else { "," };
                let indented = text.replace('\n', "\n      ");
                write!(spool, "{separator}\n      {indented}").map_err(|e| spool.error(e))?;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(&mut self, result: &RunResult) -> Result<Option<PathBuf>> {
        let (Some(mut out), Some(spool)) = (self.out.take(), self.spool.take()) else {
            return Ok(None);
        };
        let mut document = summary(result);
        document["run"]["executions"] = json!([]);
        let text = serde_json::to_string_pretty(&document).expect("a JSON value serializes");
        // `run` is the last member and nothing after `executions` in it has such a member.
        let at = text
            .rfind(EXECUTIONS)
            .map_or(text.len(), |i| i + EXECUTIONS.len() - 1);
        let (head, tail) = text.split_at(at);
        out.write_all(head.as_bytes()).map_err(|e| out.error(e))?;
        let empty = spool.is_empty();
        out.append(spool)?;
        let close = if empty { "" } else { "\n    " };
        writeln!(out, "{close}{tail}").map_err(|e| out.error(e))?;
        out.commit().map(Some)
    }
}

/// The report of `result`, with the executions it kept.
pub fn summary(result: &RunResult) -> Value {
    let cursor = Cursor {
        length: result.planned,
        cycles: result.iterations,
    };
    let environment = result.environment.as_ref().map_or_else(
        || json!({"values": []}),
        |(name, vars)| json!({"name": name, "values": values(vars)}),
    );
    json!({
        "collection": result.collection,
        "environment": environment,
        "globals": {"values": values(&result.globals)},
        "run": {
            "stats": stats(&result.stats()),
            "timings": timings(result),
            "executions": result
                .executions
                .iter()
                // newman lists no execution for a request a script skipped.
                .filter(|e| !e.skipped)
                .map(|e| execution(e, cursor))
                .collect::<Vec<_>>(),
            "transfers": {"responseTotal": result.bytes_received()},
            "failures": result
                .failures()
                .iter()
                .map(|f| failure(f, cursor))
                .collect::<Vec<_>>(),
            "error": null,
        },
    })
}

fn values(variables: &[Variable]) -> Vec<Value> {
    variables
        .iter()
        .filter(|v| v.enabled)
        .map(|v| {
            let kind = if v.secret { "secret" } else { "any" };
            json!({"type": kind, "value": v.value, "key": v.key})
        })
        .collect()
}

fn tally(t: Tally) -> Value {
    json!({"total": t.total, "pending": 0, "failed": t.failed})
}

fn stats(s: &Stats) -> Value {
    json!({
        "iterations": tally(s.iterations),
        "items": tally(s.items),
        "scripts": tally(s.scripts),
        "prerequests": tally(s.prerequests),
        "requests": tally(s.requests),
        "tests": tally(s.tests),
        "assertions": tally(s.assertions),
        "testScripts": tally(s.test_scripts),
        "prerequestScripts": tally(s.prerequest_scripts),
    })
}

fn timings(result: &RunResult) -> Value {
    let t = result.timings();
    json!({
        "responseAverage": t.mean, "responseMin": t.min, "responseMax": t.max,
        "responseSd": t.sd(),
        "dnsAverage": 0, "dnsMin": 0, "dnsMax": 0, "dnsSd": 0,
        "firstByteAverage": 0, "firstByteMin": 0, "firstByteMax": 0, "firstByteSd": 0,
        "started": result.started_ms, "completed": result.completed_ms,
    })
}

fn cursor(iteration: usize, position: usize, c: Cursor) -> Value {
    json!({
        "position": position, "iteration": iteration, "length": c.length, "cycles": c.cycles,
    })
}

/// A URL as postman-collection's `Url` JSON: protocol, port (when written), host and path as
/// lists, query as key/value pairs (as sent, not decoded).
fn url_json(raw: &str) -> Value {
    let Ok(url) = url::Url::parse(raw) else {
        return json!(raw);
    };
    let mut out = json!({"protocol": url.scheme()});
    if let Some(port) = url.port() {
        out["port"] = json!(port.to_string());
    }
    let path: Vec<&str> = url.path().trim_start_matches('/').split('/').collect();
    out["path"] = json!(path);
    let host: Vec<&str> = url.host_str().unwrap_or_default().split('.').collect();
    out["host"] = json!(host);
    let query: Vec<Value> = url
        .query()
        .filter(|q| !q.is_empty())
        .map(|q| {
            q.split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, v)) => json!({"key": k, "value": v}),
                    None => json!({"key": pair, "value": null}),
                })
                .collect()
        })
        .unwrap_or_default();
    out["query"] = Value::Array(query);
    out["variable"] = json!([]);
    out
}

fn execution(e: &Execution, c: Cursor) -> Value {
    let mut out = json!({
        "cursor": cursor(e.iteration, e.position, c),
        "item": {"id": e.postman_id, "name": e.name},
        "id": e.postman_id,
    });
    if let Some(x) = &e.exchanged {
        let headers = |hs: &[crate::http::Header]| -> Vec<Value> {
            hs.iter()
                .map(|h| json!({"key": h.name, "value": h.value}))
                .collect()
        };
        out["request"] = json!({
            "url": url_json(&x.url), "method": x.method, "header": headers(&x.request_headers),
        });
        out["response"] = json!({
            "status": x.reason, "code": x.status, "header": headers(&x.response_headers),
            "responseTime": x.time_ms.round() as u64, "responseSize": x.body_size,
        });
    }
    if let Some(error) = &e.error {
        out["requestError"] = json!({"message": error});
    }
    let mut assertions = Vec::new();
    for script in &e.scripts {
        for (index, a) in script.assertions.iter().enumerate() {
            let mut assertion = json!({"assertion": a.name, "skipped": a.skipped});
            if !a.passed && !a.skipped {
                let text = a.error.as_deref().unwrap_or("AssertionError: failed");
                let (name, message) = text.split_once(": ").unwrap_or(("Error", text));
                assertion["error"] = json!({
                    "name": name, "index": index, "test": a.name, "message": message,
                });
            }
            assertions.push(assertion);
        }
    }
    out["assertions"] = Value::Array(assertions);
    out
}

fn failure(f: &Failure, c: Cursor) -> Value {
    let mut error = json!({"name": f.name, "message": f.message});
    let at = match &f.source {
        FailureSource::Assertion {
            test,
            index,
            listen,
        } => {
            error["index"] = json!(index);
            error["test"] = json!(test);
            format!("assertion:{index} in {}-script", listen.as_postman())
        }
        FailureSource::Script { listen } => format!("{}-script", listen.as_postman()),
        FailureSource::Request => "request".to_owned(),
    };
    json!({
        "error": error,
        "at": at,
        "source": {"id": f.item_id, "name": f.item},
        "cursor": cursor(f.iteration, f.position, c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RequestId;
    use crate::runner::Exchanged;
    use crate::script::{Assertion, Listen};
    use crate::send::ScriptResult;

    fn execution(iteration: usize, position: usize, passed: bool) -> Execution {
        Execution {
            iteration,
            position,
            request: RequestId(7),
            postman_id: format!("item-{position}"),
            name: format!("Request \"{position}\"\n"),
            folders: vec!["Folder".to_owned()],
            exchanged: Some(Exchanged {
                method: "GET".to_owned(),
                url: "http://127.0.0.1:9/a?b=c".to_owned(),
                request_headers: vec![crate::http::Header::new("accept", "*/*")],
                status: 200,
                reason: "OK".to_owned(),
                response_headers: Vec::new(),
                body_size: 12,
                header_size: 30,
                time_ms: 3.4,
                timings: crate::http::Timings::default(),
                request_size: 0,
                cookies: 0,
                body: None,
            }),
            error: None,
            skipped: false,
            scripts: vec![ScriptResult {
                place: "test".to_owned(),
                listen: Listen::Test,
                assertions: vec![Assertion {
                    name: "ok".to_owned(),
                    passed,
                    skipped: false,
                    error: (!passed).then(|| "AssertionError: expected 1 to equal 2".to_owned()),
                }],
                console: Vec::new(),
                failure: None,
                visualizer: None,
            }],
        }
    }

    /// The streamed report is byte for byte the pretty-printed [`summary`] of a result that
    /// kept its executions, with none, one or several.
    #[test]
    fn the_streamed_document_equals_the_summary() {
        for count in [0, 1, 3] {
            let dir = tempfile::tempdir().expect("dir");
            let path = dir.path().join("report.json");
            let mut sink = Json::create(&path).expect("created");
            let mut result = RunResult {
                collection_name: "C".to_owned(),
                // A member named like the spliced one, earlier in the document.
                collection: json!({"info": {"name": "C"}, "item": [{"executions": []}]}),
                iterations: 2,
                planned: 3,
                ..RunResult::default()
            };
            let started = RunEvent::Started {
                collection: "C",
                length: 3,
                cycles: 2,
            };
            sink.event(started).expect("fed");
            for i in 0..count {
                let e = execution(i / 3, i % 3, i != 1);
                sink.event(RunEvent::Executed(&e)).expect("fed");
                result.record(&e, false);
                result.executions.push(e);
            }
            sink.finish(&result).expect("written");
            let want = serde_json::to_string_pretty(&summary(&result)).expect("JSON") + "\n";
            assert_eq!(std::fs::read_to_string(&path).expect("read"), want);
        }
    }

    /// A kept result replayed ([`Reporters::replay`]) gives the report the run streamed.
    #[test]
    fn a_kept_result_replays_into_the_same_report() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("report.json");
        let mut result = RunResult {
            collection_name: "C".to_owned(),
            iterations: 2,
            planned: 2,
            ..RunResult::default()
        };
        for i in 0..3 {
            let e = execution(i / 2, i % 2, i != 2);
            result.record(&e, false);
            result.executions.push(e);
        }
        let mut reporters = crate::report::Reporters::new();
        reporters.add(Json::create(&path).expect("created"));
        let written = reporters.replay(&result).expect("written");
        assert_eq!(written, std::slice::from_ref(&path));
        let want = serde_json::to_string_pretty(&summary(&result)).expect("JSON") + "\n";
        assert_eq!(std::fs::read_to_string(&path).expect("read"), want);
    }
}
