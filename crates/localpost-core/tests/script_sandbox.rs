//! The script sandbox on its own: postman-sandbox booted in QuickJS, run through the host
//! bridge, with its limits. (Scripts in a send are tested in `send_scripts.rs`; results equal
//! to newman's in the CLI's `newman_scripts.rs`.)

use std::time::{Duration, Instant};

use localpost_core::script::{
    Execution, FailureKind, Host, Item, Level, Limits, Listen, Offline, Outcome, Sandbox,
};
use serde_json::{Value, json};

fn response_context() -> Value {
    json!({
        "request": {"url": "http://127.0.0.1/users", "method": "GET"},
        "response": {
            "code": 200, "status": "OK",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "stream": {"type": "Buffer", "data": b"{\"a\":1}".to_vec()},
        },
        "environment": {"values": [{"key": "base", "value": "http://127.0.0.1", "type": "any"}]},
    })
}

fn run(sandbox: &mut Sandbox, listen: Listen, source: &str) -> Outcome {
    run_with(sandbox, listen, source, &mut Offline)
}

fn run_with(sandbox: &mut Sandbox, listen: Listen, source: &str, host: &mut dyn Host) -> Outcome {
    let execution = Execution {
        listen,
        source: source.into(),
        context: response_context(),
        cursor: json!({"iteration": 0, "cycles": 1}),
        item: Item {
            id: "req-1".into(),
            name: "List users".into(),
            path: vec!["Users".into(), "List users".into()],
        },
        timeout: None,
    };
    sandbox.execute(&execution, host).expect("the sandbox runs")
}

fn sandbox() -> Sandbox {
    Sandbox::new(Limits {
        timeout: Duration::from_millis(1500),
        ..Limits::default()
    })
    .expect("the sandbox boots")
}

#[test]
fn tests_console_and_variable_writes_come_back() {
    let mut sandbox = sandbox();
    let out = run(
        &mut sandbox,
        Listen::Test,
        "pm.test('status', () => pm.response.to.have.status(200));\n\
         pm.test('body', () => pm.expect(pm.response.json().a).to.equal(2));\n\
         tests['legacy'] = responseCode.code === 200;\n\
         console.warn('seen', {a: [1, 'x']}, pm.info.requestName, pm.info.eventName);\n\
         pm.environment.set('token', CryptoJS.SHA256('x').toString().slice(0, 8));",
    );
    let names: Vec<_> = out
        .assertions
        .iter()
        .map(|a| (a.name.as_str(), a.passed))
        .collect();
    assert_eq!(names, [("status", true), ("body", false), ("legacy", true)]);
    assert_eq!(
        out.assertions[1].error.as_deref(),
        Some("AssertionError: expected 1 to equal 2")
    );
    // postman-sandbox 4.7.1 warns of each legacy name a script uses, as newman shows.
    let texts: Vec<_> = out.console.iter().map(|l| l.text()).collect();
    assert_eq!(
        texts[..2],
        [
            "Using \"responseCode\" is deprecated. Use \"pm.response.code\" instead.",
            "Using \"tests\" is deprecated. Use \"pm.test()\" instead.",
        ]
    );
    assert_eq!(out.console[2].level, Level::Warn);
    assert_eq!(
        out.console[2].args,
        [
            json!("seen"),
            json!({"a": [1, "x"]}),
            json!("List users"),
            json!("test")
        ]
    );
    let env = &out.execution["environment"]["values"];
    let token = env
        .as_array()
        .and_then(|v| v.iter().find(|v| v["key"] == "token"))
        .expect("token was set");
    // sha256("x") = 2d711642b726b044…
    assert_eq!(token["value"], "2d711642");
    assert!(out.failure.is_none());
}

#[test]
fn errors_name_the_line_and_column_in_the_script() {
    let mut sandbox = sandbox();
    let out = run(&mut sandbox, Listen::Test, "var a = 1;\n  missing.call();");
    let failure = out.failure.expect("it failed");
    assert_eq!(failure.kind, FailureKind::Error);
    assert_eq!(failure.message, "ReferenceError: missing is not defined");
    assert_eq!((failure.line, failure.column), (Some(2), Some(3)));

    let out = run(&mut sandbox, Listen::Test, "'use sandbox2';\nvar x = ;");
    let failure = out.failure.expect("it failed");
    assert_eq!(failure.kind, FailureKind::Syntax);
    assert_eq!((failure.line, failure.column), (Some(2), Some(9)));
}

#[test]
fn use_sandbox2_turns_the_legacy_api_off() {
    let mut sandbox = sandbox();
    let out = run(
        &mut sandbox,
        Listen::Test,
        "'use sandbox2';\ntests['x'] = true;",
    );
    let failure = out.failure.expect("legacy `tests` is gone");
    assert_eq!(failure.message, "ReferenceError: tests is not defined");
}

#[test]
fn timers_fire_at_their_due_time_and_promises_are_awaited() {
    let mut sandbox = sandbox();
    let started = Instant::now();
    let out = run(
        &mut sandbox,
        Listen::Test,
        "setTimeout(() => pm.test('later', () => {}), 200);\n\
         pm.test('async', (done) => { setTimeout(() => { pm.expect(1).to.equal(1); done(); }, 50); });\n\
         Promise.resolve(2).then((v) => pm.test('promise', () => pm.expect(v).to.equal(2)));",
    );
    assert!(started.elapsed() >= Duration::from_millis(200));
    let mut names: Vec<_> = out.assertions.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["async", "later", "promise"]);
    assert!(out.assertions.iter().all(|a| a.passed));
}

#[test]
fn an_endless_loop_ends_at_the_time_limit_and_the_sandbox_goes_on() {
    let mut sandbox = sandbox();
    let started = Instant::now();
    let out = run(
        &mut sandbox,
        Listen::PreRequest,
        "let i = 0;\nwhile (true) { i++; }",
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    let failure = out.failure.expect("it was stopped");
    assert_eq!(failure.kind, FailureKind::Timeout);
    assert!(failure.message.contains("1500 ms"), "{}", failure.message);
    // Where QuickJS last recorded a position: the end of line 1, just before the loop (it
    // records none inside so tight a loop).
    assert!(
        matches!(failure.line, Some(1 | 2)),
        "the loop's place: {failure:?}"
    );
    let out = run(&mut sandbox, Listen::Test, "pm.test('next', () => {});");
    assert!(out.assertions[0].passed);
}

#[test]
fn an_execution_s_own_time_limit_replaces_the_sandbox_s() {
    let mut sandbox = sandbox();
    let execution = |timeout: u64| Execution {
        listen: Listen::Test,
        source: "let t = Date.now();\nwhile (Date.now() - t < 1000) {}\npm.test('done', () => {});"
            .into(),
        context: response_context(),
        cursor: json!({}),
        item: Item::default(),
        timeout: Some(Duration::from_millis(timeout)),
    };
    let out = sandbox
        .execute(&execution(300), &mut Offline)
        .expect("the sandbox runs");
    let failure = out
        .failure
        .expect("it was stopped at 300 ms, not the sandbox's 1500");
    assert_eq!(failure.kind, FailureKind::Timeout);
    assert!(failure.message.contains("300 ms"), "{}", failure.message);
    // A longer limit than the sandbox's lets the script finish.
    let out = sandbox
        .execute(&execution(3000), &mut Offline)
        .expect("the sandbox runs");
    assert!(out.failure.is_none(), "{:?}", out.failure);
    assert!(out.assertions[0].passed);
}

#[test]
fn a_memory_bomb_and_deep_recursion_end_the_script_only() {
    let mut sandbox = Sandbox::new(Limits {
        timeout: Duration::from_secs(20),
        memory: 160 << 20,
        ..Limits::default()
    })
    .expect("the sandbox boots");
    let out = run(
        &mut sandbox,
        Listen::Test,
        "const a = [];\nwhile (true) { a.push(new Array(1000000).fill('x')); }",
    );
    assert_eq!(
        out.failure.expect("it was stopped").kind,
        FailureKind::Memory
    );
    let out = run(
        &mut sandbox,
        Listen::Test,
        "function f() { return f() + 1; }\nf();",
    );
    let failure = out.failure.expect("it was stopped");
    assert_eq!(
        failure.message,
        "RangeError: Maximum call stack size exceeded"
    );
    assert_eq!(failure.line, Some(1));
    let out = run(&mut sandbox, Listen::Test, "pm.test('next', () => {});");
    assert!(out.assertions[0].passed);
}

#[test]
fn prototype_tampering_reaches_neither_the_host_nor_the_next_script_after_a_break() {
    let mut sandbox = sandbox();
    let out = run(
        &mut sandbox,
        Listen::Test,
        "Object.prototype.polluted = 1;\nArray.prototype.push = null;\nJSON.stringify = null;",
    );
    assert!(out.failure.is_some(), "the broken sandbox is reported");
    let out = run(
        &mut sandbox,
        Listen::Test,
        "pm.test('clean', () => { pm.expect(({}).polluted).to.equal(undefined); pm.expect(typeof [].push).to.equal('function'); });",
    );
    assert_eq!(out.assertions.len(), 1);
    assert!(out.assertions[0].passed, "{:?}", out.assertions[0].error);
}

#[test]
fn scripts_reach_no_host_bridge_and_no_io() {
    let mut sandbox = sandbox();
    let out = run(
        &mut sandbox,
        Listen::Test,
        "const g = (function () { return this; })();\n\
         pm.test('no bridge', () => pm.expect([typeof g.__uvm_emit, typeof g.__uvm_dispatch, typeof g.bridge]).to.eql(['undefined', 'undefined', 'undefined']));\n\
         pm.test('no io globals', () => pm.expect([typeof g.process, typeof g.std, typeof g.os, typeof g.fetch, typeof g.XMLHttpRequest, typeof g.WebSocket]).to.eql(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']));\n\
         // `require` is the bundle's own: it knows the bundled libraries; Node's I/O modules are\n\
         // missing or empty placeholders, with nothing to call.\n\
         const load = (m) => { try { return require(m); } catch (e) { return {}; } };\n\
         pm.test('no io modules', () => pm.expect([load('fs').readFileSync, load('fs').open, load('child_process').spawn, load('child_process').exec, load('net').connect, load('dgram').createSocket, load('http').request, load('https').request].filter((f) => typeof f === 'function')).to.eql([]));",
    );
    assert_eq!(out.assertions.len(), 3, "{:?}", out.failure);
    for a in &out.assertions {
        assert!(a.passed, "{}: {:?}", a.name, a.error);
    }
}

#[test]
fn locals_of_one_script_are_not_seen_by_the_next() {
    let mut sandbox = sandbox();
    run(
        &mut sandbox,
        Listen::Test,
        "var secretLocal = 42; leaked = 1;",
    );
    let out = run(
        &mut sandbox,
        Listen::Test,
        "pm.test('no locals', () => pm.expect(typeof secretLocal).to.equal('undefined'));",
    );
    assert!(out.assertions[0].passed, "{:?}", out.assertions[0].error);
}

/// Answers pm.sendRequest with a canned response and records what was asked.
struct Canned(Vec<Value>);

impl Host for Canned {
    fn send_request(&mut self, request: &Value) -> Result<Value, String> {
        self.0.push(request.clone());
        Ok(json!({
            "code": 201, "status": "Created",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "stream": {"type": "Buffer", "data": b"{\"id\":7}".to_vec()},
            "responseTime": 3,
        }))
    }
    fn cookie_store(&mut self, _: &str, _: &[Value]) -> Result<Value, String> {
        Err("no jar".into())
    }
}

#[test]
fn send_request_goes_to_the_host() {
    let mut sandbox = sandbox();
    let mut host = Canned(Vec::new());
    let out = run_with(
        &mut sandbox,
        Listen::PreRequest,
        "pm.sendRequest({url: 'http://127.0.0.1/token', method: 'POST'}, (err, res) => {\n\
           pm.test('callback', () => pm.expect(res.json().id).to.equal(7));\n\
         });\n\
         pm.sendRequest('http://127.0.0.1/other', (err, res) => pm.test('second', () => pm.expect(res.code).to.equal(201)));",
        &mut host,
    );
    assert_eq!(host.0.len(), 2);
    assert_eq!(host.0[0]["method"], "POST");
    let mut names: Vec<_> = out
        .assertions
        .iter()
        .map(|a| (a.name.as_str(), a.passed))
        .collect();
    names.sort_unstable();
    assert_eq!(names, [("callback", true), ("second", true)]);
}

#[test]
fn skip_request_and_next_request_are_reported() {
    let mut sandbox = sandbox();
    let out = run(
        &mut sandbox,
        Listen::PreRequest,
        "pm.execution.skipRequest();",
    );
    assert!(out.skip_request);
    let out = run(
        &mut sandbox,
        Listen::Test,
        "postman.setNextRequest('Login');",
    );
    assert_eq!(out.next_request(), Some(&json!("Login")));
}
