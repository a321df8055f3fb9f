//! A long `localpost run` keeps its memory flat (issue 11): requests are reported as they end
//! and only counts, timings and failures are kept, the json and html reports spool to a file.
//! A small collection runs for 1,000 and then 3,000 requests (10,000 on demand) against a
//! loopback echo server with every reporter on, and the longer run's peak resident memory
//! (`VmHWM` of `/proc/<pid>/status`, the kernel's high-water mark, read until the process
//! ends) may not exceed the shorter run's by more than a small margin.

use crate::server;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use server::{Recorded, Reply, Server};

/// A collection of two requests, one with a test, one with a header and a query.
fn collection(dir: &Path) -> String {
    let path = dir.join("small.postman_collection.json");
    let collection = json!({
        "info": {
            "_postman_id": "5b0c8a52-0000-4000-8000-00000000face",
            "name": "Small",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": [
            {"name": "Ping", "id": "ping", "request": {"method": "GET", "url": "{{baseUrl}}/ping"},
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.test('answered', () => pm.response.to.have.status(200));"
             ]}}]},
            {"name": "Query", "id": "query", "request": {
                "method": "GET", "url": "{{baseUrl}}/query?page=2",
                "header": [{"key": "X-Run", "value": "memory"}]}},
        ],
    });
    std::fs::write(&path, collection.to_string()).expect("collection written");
    path.to_str().expect("UTF-8 path").to_owned()
}

/// Runs `iterations` iterations; gives the peak resident memory in kB and the run's time.
fn peak_kb(work: &Path, server: &Server, iterations: usize) -> (u64, Duration) {
    let started = Instant::now();
    let base = format!("baseUrl={}", server.url("").trim_end_matches('/'));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("localpost"))
        .current_dir(work)
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .args([
            "run",
            &collection(work),
            "--env-var",
            &base,
            "--color",
            "off",
        ])
        .args(["-n", &iterations.to_string(), "-r", "cli,json,junit,html"])
        .args(["--reporter-json-export", "out/report.json"])
        .args(["--reporter-junit-export", "out/report.xml"])
        .args(["--reporter-html-export", "out/report.html"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("localpost runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        // A process that has ended (a zombie) has no VmHWM line: the last reading stands.
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        if let Some(exit) = child.try_wait().expect("waits") {
            assert!(exit.success(), "the run failed: {exit}");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let report = std::fs::read_to_string(work.join("out/report.json")).expect("json report");
    let report: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    let executions = report["run"]["executions"].as_array().map(Vec::len);
    assert_eq!(
        executions,
        Some(2 * iterations),
        "every request in the report"
    );
    (peak, started.elapsed())
}

/// Runs `small` and then `large` iterations of the two-request collection and checks the
/// longer run's peak against the shorter's. The shorter must be long enough for the
/// process's own caches to have grown (a few MB over the first 1,000 requests: SQLite's page
/// cache, the allocator, the script engine's heap), so both plateau.
fn flat(small: usize, large: usize) {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(|_: &Recorded| Reply::text("{\"ok\": true}"));
    let (low, t_low) = peak_kb(work.path(), &server, small);
    let (high, t_high) = peak_kb(work.path(), &server, large);
    let (n_low, n_high) = (2 * small, 2 * large);
    eprintln!(
        "peak RSS: {low} kB for {n_low} requests ({t_low:?}), {high} kB for {n_high} ({t_high:?})"
    );
    // Kept executions cost about 19 kB each (measured: 3,000 requests took 50 MB more than
    // 300 when the CLI kept them), so 2,000 more would be far past this margin.
    let margin = 3 * 1024 + low / 20;
    assert!(
        high <= low + margin,
        "{high} kB for {n_high} requests against {low} kB for {n_low}"
    );
}

/// 1,000 against 3,000 requests: about 30 s in a debug build.
#[test]
fn three_thousand_requests_take_no_more_memory_than_a_thousand() {
    flat(500, 1_500);
}

/// The issue's figures, 1,000 against 10,000 requests: about 90 s in a debug build, so run on
/// demand (`cargo test -p localpost-cli --test all run_memory -- --ignored`). Measured: 54,988 kB and 55,040 kB.
#[test]
#[ignore = "90 s in a debug build; the 3,000-request test runs by default"]
fn ten_thousand_requests_take_no_more_memory_than_a_thousand() {
    flat(500, 5_000);
}
