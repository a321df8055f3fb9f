//! `make bench`: the script sandbox beside postman-sandbox itself in Node, in one run.
//!
//! Two numbers each: the boot of a sandbox (Localpost: `Sandbox::new`, QuickJS reading the
//! boot bytecode and running it; Node: `Sandbox.createContext` of postman-sandbox as newman
//! 6.2.2 installs it, in process, Node's own start-up not counted), and the time per execution
//! of a two-assertion test script after a warm-up (what every request of a collection run
//! pays). The goals are a boot under 30 ms and an execution under 0.25 ms. The Node peer is
//! `bench/sandbox.js`, run with `bench/node_modules` (`npm ci` in `bench/`); without Node the
//! peer is skipped with a message.
//!
//! Not a test: it asserts nothing and prints numbers to compare over time.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use localpost_core::script::{Execution, Item, Limits, Listen, Offline, Sandbox};
use serde_json::{Value, json};

const SCRIPT: &str = "pm.test('status is 200', function () { pm.response.to.have.status(200); });\n\
                      pm.test('body', function () { pm.expect(pm.response.json().a).to.equal(1); });";
const BOOTS: usize = 5;
const WARMUP: usize = 50;
const EXECUTIONS: usize = 500;

fn context() -> Value {
    json!({
        "response": {
            "code": 200, "status": "OK",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "stream": {"type": "Buffer", "data": b"{\"a\":1}".to_vec()},
        },
        "request": {"url": "http://127.0.0.1/x", "method": "GET"},
        "environment": {"values": []},
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn per_execution(sandbox: &mut Sandbox, source: &str, assertions: usize) -> f64 {
    let execution = Execution {
        listen: Listen::Test,
        source: source.into(),
        context: context(),
        cursor: json!({}),
        item: Item::default(),
        timeout: None,
    };
    let mut started = Instant::now();
    for i in 0..WARMUP + EXECUTIONS {
        if i == WARMUP {
            started = Instant::now();
        }
        let outcome = sandbox.execute(&execution, &mut Offline).expect("it runs");
        assert_eq!(outcome.assertions.len(), assertions, "{outcome:?}");
    }
    ms(started.elapsed()) / EXECUTIONS as f64
}

fn localpost() -> (f64, f64) {
    let mut boots = Vec::new();
    let mut sandbox = None;
    for _ in 0..BOOTS {
        let started = Instant::now();
        sandbox = Some(Sandbox::new(Limits::default()).expect("the sandbox boots"));
        boots.push(ms(started.elapsed()));
    }
    boots.sort_by(f64::total_cmp);
    let mut sandbox = sandbox.expect("booted");
    let each = per_execution(&mut sandbox, SCRIPT, 2);
    // Where the time goes: the same without the legacy API, and an empty script.
    let sandbox2 = per_execution(&mut sandbox, &format!("'use sandbox2';{SCRIPT}"), 2);
    let empty = per_execution(&mut sandbox, "", 0);
    println!(
        "  (Localpost without the legacy API: {sandbox2:.3} ms; an empty script: {empty:.3} ms)"
    );
    (boots[BOOTS / 2], each)
}

fn node() -> Option<(f64, f64)> {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench");
    if !bench.join("node_modules/postman-sandbox").is_dir() {
        eprintln!("skipping the Node peer: run `npm ci` in bench/ first");
        return None;
    }
    let out = Command::new("node")
        .current_dir(&bench)
        .arg("sandbox.js")
        .arg(SCRIPT)
        .arg(EXECUTIONS.to_string())
        .arg(WARMUP.to_string())
        .output()
        .ok()?;
    let report: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some((report["boot"].as_f64()?, report["each"].as_f64()?))
}

fn main() {
    let (boot, each) = localpost();
    println!("script sandbox, two-assertion test script");
    println!(
        "  Localpost (QuickJS): boot {boot:.1} ms (median of {BOOTS}), {each:.3} ms per execution"
    );
    match node() {
        Some((node_boot, node_each)) => {
            println!(
                "  postman-sandbox in Node: boot {node_boot:.1} ms, {node_each:.3} ms per execution"
            );
            println!(
                "  ratios (Node / Localpost): boot {:.2}x, per execution {:.2}x",
                node_boot / boot,
                node_each / each
            );
        }
        None => println!("  postman-sandbox in Node: not measured"),
    }
}
