//! `make bench`: importing a 10,000-request Postman collection, beside newman loading the
//! same file, in one run.
//!
//! The collection (10 folders of 1,000 requests, each with query, headers, a JSON body, a test
//! script and a description; about 9 MB) is generated into a temporary directory. Localpost's
//! time is the whole import as the CLI does it: read the file, parse it, and write it into a
//! fresh SQLite file (a temporary directory) in one transaction. newman's is, first, its own
//! collection SDK (`postman-collection`, as newman 6.2.2 installs it) reading and loading the
//! file in process (`bench/load.js`, without Node's start-up), and second, the `newman run`
//! command up to the point where it has loaded the collection and stops (`--folder` naming no
//! folder: newman loads and validates the collection, then refuses to run; Node's start-up
//! included, nothing is sent). newman is installed from `bench/package.json` (pinned) with
//! `npm ci` into `bench/node_modules` when missing; without npm the newman side is skipped.
//! The goal is an import under one second. Reports medians of 5 runs and the ratios, in wall
//! time and in CPU time (user + system: on a loaded shared machine the wall time says more
//! about the neighbours than about the code).
//!
//! Not a test: it asserts nothing and prints numbers to compare over time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use localpost_core::formats::postman;
use localpost_core::store::Store;
use localpost_core::vault::OsKeychain;
use serde_json::{Value, json};

const FOLDERS: usize = 10;
const PER_FOLDER: usize = 1_000;
const RUNS: usize = 5;

fn collection() -> Value {
    let folders: Vec<Value> = (0..FOLDERS)
        .map(|f| {
            let items: Vec<Value> = (0..PER_FOLDER)
                .map(|r| {
                    let n = f * PER_FOLDER + r;
                    json!({
                        "name": format!("Request {n}"),
                        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [
                            "pm.test('status is 200', function () {",
                            "    pm.response.to.have.status(200);",
                            "});"]}}],
                        "request": {
                            "method": if n.is_multiple_of(2) { "GET" } else { "POST" },
                            "header": [
                                {"key": "Accept", "value": "application/json"},
                                {"key": "X-Request-Number", "value": n.to_string()},
                                {"key": "Authorization", "value": "Bearer {{token}}"}
                            ],
                            "body": {"mode": "raw", "raw": format!("{{\"n\": {n}, \"name\": \"item {n}\"}}"),
                                     "options": {"raw": {"language": "json"}}},
                            "url": {
                                "raw": format!("{{{{baseUrl}}}}/folders/{f}/items/{n}?page={r}&sort=name"),
                                "host": ["{{baseUrl}}"],
                                "path": ["folders", f.to_string(), "items", n.to_string()],
                                "query": [{"key": "page", "value": r.to_string()},
                                          {"key": "sort", "value": "name"}]
                            },
                            "description": format!("Item {n} of folder {f}.")
                        },
                        "response": []
                    })
                })
                .collect();
            json!({"name": format!("Folder {f}"), "item": items})
        })
        .collect();
    json!({
        "info": {
            "_postman_id": "5e0a6c1e-0000-4000-8000-00000000b001",
            "name": "Bench 10k",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": folders,
        "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:9"},
                     {"key": "token", "value": "t"}]
    })
}

fn median(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.total_cmp(b));
    ms[ms.len() / 2]
}

/// CPU time (user + system) this process has used so far, in milliseconds (Linux:
/// `/proc/self/stat`, in clock ticks of 10 ms); 0 elsewhere.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) * 10.0
}

/// One import: read, parse and write into a fresh store file. (wall ms, CPU ms, requests)
fn localpost_import(file: &Path) -> (f64, f64, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let cpu = cpu_ms();
    let start = Instant::now();
    let parsed = postman::read_file(file).expect("parses");
    let store = Store::open(dir.path().join("bench.db")).expect("store");
    let ws = store.create_workspace("Bench").expect("workspace");
    // The collection has no secret variable, so the keychain is never touched.
    let keychain = OsKeychain::new("localpost-bench-import");
    let report = postman::import(&store, &keychain, ws.id, vec![parsed]).expect("imports");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    (ms, cpu_ms() - cpu, report.collections[0].requests)
}

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench")
}

/// newman from bench/node_modules, installed from the pinned lock file when missing.
fn newman() -> Option<PathBuf> {
    let dir = bench_dir();
    let bin = dir.join("node_modules/.bin/newman");
    if !bin.exists() {
        println!("installing newman into bench/node_modules (npm ci) …");
        let ok = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok || !bin.exists() {
            println!("newman could not be installed (is npm on PATH?): skipping the newman side");
            return None;
        }
    }
    Some(bin)
}

fn newman_sdk(file: &Path) -> Option<(f64, f64, usize)> {
    let out = Command::new("node")
        .arg(bench_dir().join("load.js"))
        .arg(file)
        .arg(RUNS.to_string())
        .current_dir(bench_dir())
        .output()
        .ok()?;
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    let list = |key: &str| -> Option<Vec<f64>> {
        Some(
            v[key]
                .as_array()?
                .iter()
                .filter_map(Value::as_f64)
                .collect(),
        )
    };
    Some((
        median(list("times")?),
        median(list("cpu")?),
        v["requests"].as_u64()? as usize,
    ))
}

fn newman_run(bin: &Path, file: &Path) -> Option<f64> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = Command::new(bin)
            .arg("run")
            .arg(file)
            .args([
                "--folder",
                "__localpost_bench_no_such_folder__",
                "--reporters",
                "cli",
            ])
            .output()
            .ok()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        if !text.contains("Unable to find a folder or request") {
            println!("newman run did not stop where expected: {}", text.trim());
            return None;
        }
    }
    Some(median(times))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench-10k.postman_collection.json");
    let text = serde_json::to_string_pretty(&collection()).expect("json");
    std::fs::write(&file, &text).expect("written");
    println!(
        "import of a {}-request Postman collection ({:.1} MB), median of {RUNS} runs",
        FOLDERS * PER_FOLDER,
        text.len() as f64 / 1e6
    );

    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut requests = 0;
    for _ in 0..RUNS {
        let (ms, cpu_ms, n) = localpost_import(&file);
        times.push(ms);
        cpu.push(cpu_ms);
        requests = n;
    }
    let ours = median(times);
    let ours_cpu = median(cpu);
    let verdict = if ours <= 1000.0 { "within" } else { "OVER" };
    println!(
        "  localpost read + parse + store in SQLite: {ours:8.1} ms wall, {ours_cpu:8.1} ms CPU \
         ({requests} requests; {verdict} the 1 s goal in wall time)"
    );

    let Some(bin) = newman() else {
        return;
    };
    match newman_sdk(&file) {
        Some((ms, cpu, n)) => println!(
            "  newman's SDK read + load (in process):    {ms:8.1} ms wall, {cpu:8.1} ms CPU \
             ({n} requests); localpost/newman = {:.2} wall, {:.2} CPU",
            ours / ms,
            ours_cpu / cpu
        ),
        None => println!("  newman's SDK load failed (node on PATH?)"),
    }
    if let Some(ms) = newman_run(&bin, &file) {
        println!(
            "  `newman run` up to the loaded collection: {ms:8.1} ms wall (Node start-up included); \
             localpost/newman = {:.2}",
            ours / ms
        );
    }
}
