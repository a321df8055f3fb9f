//! `make bench`: bench200, a collection run beside newman and curl in the same run.
//!
//! A static JSON server on loopback (in this process, keep-alive) serves 200 URLs. A collection
//! of 200 GETs, each with two `pm.test` chai assertions on the JSON body, is run by
//! `localpost run` (the release binary) and by newman (pinned in `bench/package.json`, its
//! own `bin/newman.js` under Node); curl fetches the same 200 URLs in one process. Each runs
//! `RUNS` times; the median wall time and the highest peak RSS (from GNU `time`) are reported,
//! with the ratios. The goals (issue 11): 60× faster than newman, within 1.5× of curl, a peak
//! RSS of 25 MiB at most. A peer that is not installed is skipped with a message.
//!
//! Not a test: it asserts only that every run passed its 400 assertions, and prints numbers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

const REQUESTS: usize = 200;
const RUNS: usize = 5;

/// Serves `{"id": n, "ok": true}` for `/item/n` on keep-alive connections, a thread each.
fn serve() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().expect("bound").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || connection(stream));
        }
    });
    port
}

fn connection(stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let id = path.rsplit('/').next().unwrap_or("0");
        let body = format!("{{\"id\":{id},\"ok\":true}}");
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

fn urls(port: u16) -> Vec<String> {
    (0..REQUESTS)
        .map(|i| format!("http://127.0.0.1:{port}/item/{i}"))
        .collect()
}

/// The Postman collection: 200 GETs, two chai assertions each.
fn collection(urls: &[String]) -> Value {
    let test = [
        "pm.test('status is 200', function () { pm.response.to.have.status(200); });",
        "pm.test('body is ok', function () { pm.expect(pm.response.json().ok).to.equal(true); });",
    ];
    let items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            json!({
                "name": format!("item {i}"),
                "request": {"method": "GET", "url": url},
                "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": test}}],
            })
        })
        .collect();
    json!({
        "info": {
            "name": "bench200",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": items,
    })
}

/// One measured process: its wall time in ms, its peak RSS in KiB (GNU time's `%M`).
struct Measured {
    wall_ms: f64,
    rss_kib: u64,
}

fn measure(name: &str, program: &Path, args: &[String], cwd: &Path) -> Measured {
    let rss_file = cwd.join(format!("{name}.rss"));
    let started = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(program)
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("GNU time runs (apt package `time`)");
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(
        status.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let rss_kib = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse().ok())
        .expect("time wrote the peak RSS");
    Measured { wall_ms, rss_kib }
}

/// Runs `name` `RUNS` times after one warm-up; the median wall time and the highest peak RSS.
fn runs(name: &str, program: &Path, args: &[String], cwd: &Path) -> (f64, u64) {
    measure(name, program, args, cwd);
    let mut walls = Vec::new();
    let mut rss = 0;
    for _ in 0..RUNS {
        let m = measure(name, program, args, cwd);
        walls.push(m.wall_ms);
        rss = rss.max(m.rss_kib);
    }
    walls.sort_by(f64::total_cmp);
    (walls[RUNS / 2], rss)
}

/// The executions and failed assertions of a newman-shaped JSON report.
fn assertions_in(report: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(report).expect("the JSON report");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let stats = &json["run"]["stats"]["assertions"];
    (
        stats["total"].as_u64().unwrap_or(0) as usize,
        stats["failed"].as_u64().unwrap_or(0) as usize,
    )
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() {
    let port = serve();
    let urls = urls(port);
    let dir = tempfile::tempdir().expect("a scratch directory");
    let file = dir.path().join("bench200.postman_collection.json");
    std::fs::write(&file, collection(&urls).to_string()).expect("written");
    let file_arg = file.display().to_string();

    println!("bench200: {REQUESTS} GETs on loopback, two chai assertions each (median of {RUNS})");
    let localpost = PathBuf::from(env!("CARGO_BIN_EXE_localpost"));
    let report = dir.path().join("localpost.json");
    let args = [
        "run".into(),
        file_arg.clone(),
        "-r".into(),
        "json".into(),
        "--reporter-json-export".into(),
        report.display().to_string(),
    ];
    let (lp_ms, lp_rss) = runs("localpost", &localpost, &args, dir.path());
    assert_eq!(assertions_in(&report), (2 * REQUESTS, 0), "localpost's run");
    println!(
        "  localpost run: {lp_ms:.0} ms, peak RSS {:.1} MiB",
        mib(lp_rss)
    );

    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench");
    let newman = bench.join("node_modules/newman/bin/newman.js");
    if newman.is_file() {
        let report = dir.path().join("newman.json");
        let args = [
            newman.display().to_string(),
            "run".into(),
            file_arg,
            "-r".into(),
            "json".into(),
            "--reporter-json-export".into(),
            report.display().to_string(),
        ];
        let (ms, rss) = runs("newman", Path::new("node"), &args, dir.path());
        assert_eq!(assertions_in(&report), (2 * REQUESTS, 0), "newman's run");
        println!(
            "  newman 6.2.2:  {ms:.0} ms, peak RSS {:.1} MiB  (newman / localpost: {:.1}x time, {:.1}x memory)",
            mib(rss),
            ms / lp_ms,
            rss as f64 / lp_rss as f64
        );
    } else {
        println!("  newman: not measured (run `npm ci` in bench/ first)");
    }

    let mut args = vec!["--silent".to_owned(), "--fail".to_owned()];
    args.extend(urls.iter().cloned());
    match Command::new("curl").arg("--version").output() {
        Ok(_) => {
            let (ms, rss) = runs("curl", Path::new("curl"), &args, dir.path());
            println!(
                "  curl, one process: {ms:.0} ms, peak RSS {:.1} MiB  (localpost / curl: {:.1}x time)",
                mib(rss),
                lp_ms / ms
            );
        }
        Err(_) => println!("  curl: not measured (not installed)"),
    }
    println!("  goals: >= 60x newman, <= 1.5x curl, peak RSS <= 25 MiB");
}
