//! `make bench`: the HTTP engine beside curl, on loopback, in one run.
//!
//! 1. Per-request latency: 1,000 sequential GETs of a small body on one kept-alive connection,
//!    with Localpost's engine (prepare + send, as the app and CLI do) and with one curl process
//!    fetching the same URL 1,000 times (curl reuses its connection too; its `time_total` per
//!    transfer excludes process start-up). Reports p50 and p99 of each and their ratio.
//! 2. A 100 MiB response: Localpost streams it to a file (bodies over 8 MiB never sit in memory
//!    whole) in a child process whose peak resident memory is reported, beside curl's time to
//!    write the same body to /dev/null.
//!
//! Not a test: it asserts nothing and prints numbers to compare over time.

#[path = "../tests/server/mod.rs"]
mod server;

use std::process::Command;
use std::time::Instant;

use bytes::Bytes;
use localpost_core::http::{self, Engine, Inheritance};
use localpost_core::model::Request;
use localpost_core::template::Variables;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

const SENDS: usize = 1_000;
const WARMUP: usize = 50;
const BIG: usize = 100 * 1024 * 1024;

fn request(url: &str) -> Request {
    Request::unsaved("GET", url)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn summary(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    (percentile(&ms, 0.50), percentile(&ms, 0.99))
}

fn localpost_latencies(url: &str) -> Vec<f64> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let engine = Engine::new();
    let stored = request(url);
    let vars = Variables::new();
    let cancel = CancellationToken::new();
    rt.block_on(async {
        let mut out = Vec::with_capacity(SENDS);
        for i in 0..SENDS + WARMUP {
            let start = Instant::now();
            let prepared =
                http::prepare(&stored, &vars, &Inheritance::new()).expect("prepare the request");
            let exchange = engine.send(&prepared, &cancel).await.expect("send");
            assert_eq!(exchange.response.status, 200);
            if i >= WARMUP {
                out.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        out
    })
}

fn curl_latencies(url: &str) -> Option<Vec<f64>> {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-w", "%{time_total}\\n"]);
    for _ in 0..SENDS + WARMUP {
        cmd.args(["-o", "/dev/null", url]);
    }
    let out = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<f64> = text
        .lines()
        .filter_map(|l| l.trim().parse::<f64>().ok())
        .map(|s| s * 1000.0)
        .skip(WARMUP)
        .collect();
    (times.len() == SENDS).then_some(times)
}

/// Child mode: fetch `url` with the engine, print elapsed ms, body size and peak RSS (KiB).
fn stream_child(url: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let engine = Engine::new();
    let prepared =
        http::prepare(&request(url), &Variables::new(), &Inheritance::new()).expect("prepare");
    let start = Instant::now();
    let exchange = rt
        .block_on(engine.send(&prepared, &CancellationToken::new()))
        .expect("send");
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    if let Some(file) = &exchange.response.body.file {
        let _ = std::fs::remove_file(file);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0");
    println!("{elapsed:.1} {} {hwm}", exchange.response.body.size);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--stream-child") {
        stream_child(&args[pos + 1]);
        return;
    }

    let small = Bytes::from_static(b"{\"ok\":true,\"items\":[1,2,3]}");
    let big = Bytes::from(vec![b'x'; BIG]);
    let server = Server::start(move |req| {
        if req.target == "/big" {
            Reply::bytes(big.clone())
        } else {
            Reply::bytes(small.clone()).header("Content-Type", "application/json")
        }
    });
    let url = server.url("/small");

    println!("HTTP engine vs curl, {SENDS} sequential GETs on loopback (after {WARMUP} warm-up)");
    let (ours50, ours99) = summary(localpost_latencies(&url));
    println!("  localpost  p50 {ours50:.3} ms  p99 {ours99:.3} ms");
    match curl_latencies(&url) {
        Some(times) => {
            let (c50, c99) = summary(times);
            println!("  curl       p50 {c50:.3} ms  p99 {c99:.3} ms");
            println!(
                "  ratio localpost/curl: p50 {:.2}x ({:+.3} ms), p99 {:.2}x",
                ours50 / c50,
                ours50 - c50,
                ours99 / c99
            );
        }
        None => println!("  curl       not available (install curl to compare)"),
    }

    println!("100 MiB response");
    let exe = std::env::current_exe().expect("bench binary path");
    let big_url = server.url("/big");
    let child = Command::new(exe)
        .args(["--stream-child", &big_url])
        .output()
        .expect("run the streaming child");
    let line = String::from_utf8_lossy(&child.stdout);
    let fields: Vec<&str> = line.split_whitespace().collect();
    if let [ms, size, hwm] = fields[..] {
        let hwm_mib = hwm.parse::<f64>().unwrap_or(0.0) / 1024.0;
        println!("  localpost  {ms} ms, {size} bytes, peak RSS {hwm_mib:.1} MiB (body to a file)");
    } else {
        println!(
            "  localpost  child failed: {}",
            String::from_utf8_lossy(&child.stderr)
        );
    }
    // curl writes to a file too, so both pay for the same disk writes.
    let out = std::env::temp_dir().join(format!("localpost-bench-{}.bin", std::process::id()));
    let start = Instant::now();
    let curl = Command::new("curl")
        .args(["-s", "-o"])
        .arg(&out)
        .arg(&big_url)
        .status();
    let curl_ms = start.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_file(&out);
    if matches!(curl, Ok(s) if s.success()) {
        println!("  curl       {curl_ms:.1} ms (body to a file)");
    }
}
