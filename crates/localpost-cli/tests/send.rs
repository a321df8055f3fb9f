//! `localpost send`, black-box: the real binary against a loopback server, with requests,
//! folders and environments kept in a real store. Output is compared whole; exit codes and the
//! one-line `error: …` are checked for each kind of failure.

use crate::server;

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use localpost_core::model::{
    KeyValue, NewFolder, NewRequest, Parent, Request, RequestId, Variable,
};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use server::{Reply, Server};

/// A data directory holding workspace "Personal" > collection "API" > folder "Users" >
/// request "Get user" (`GET {{base}}/users/:id`, id from `{{id}}`), a collection variable
/// `id=7`, and environments "Local" (active) and "Staging".
struct Setup {
    home: tempfile::TempDir,
    data: PathBuf,
    request: RequestId,
}

fn var(key: &str, value: &str) -> Variable {
    Variable {
        key: key.into(),
        value: value.into(),
        ..Variable::default()
    }
}

fn setup(base: &str, edit: impl FnOnce(&mut Request)) -> Setup {
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data-dir");
    let keychain = OsKeychain::new(service(&data));
    let store = Store::open_dir(&data)
        .expect("store opens")
        .with_sealer(std::sync::Arc::new(Vault::new(keychain)));
    let ws = store.create_workspace("Personal").expect("workspace");
    let mut coll = store.create_collection(ws.id, "API").expect("collection");
    coll.variables = vec![var("id", "7")];
    let coll = store.update_collection(&coll).expect("saved");
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Users".into(),
        })
        .expect("folder");
    let mut req = store
        .create_request(
            NewRequest::new(Parent::Folder(folder.id), "Get user").url("{{base}}/users/:id"),
        )
        .expect("request");
    req.path_variables = vec![KeyValue::new("id", "{{id}}")];
    edit(&mut req);
    let req = store.update_request(&req).expect("saved");
    let local = store
        .create_environment(ws.id, "Local", &[var("base", base)])
        .expect("environment");
    store
        .create_environment(ws.id, "Staging", &[var("base", base), var("id", "8")])
        .expect("environment");
    store
        .set_active_environment(ws.id, Some(local.id))
        .expect("active environment");
    Setup {
        home,
        data,
        request: req.id,
    }
}

/// The keychain service of a test's data directory: its own, so tests running at once never
/// race to create the same data key.
fn service(data: &Path) -> String {
    format!("localpost-test-send-{}", data.display())
}

/// `localpost --data-dir DATA send …` with a clean environment rooted in `home`.
fn send(home: &Path, data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
    cmd.env_remove("LOCALPOST_DATA_DIR")
        .env("LOCALPOST_KEYCHAIN_SERVICE", service(data))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .arg("--data-dir")
        .arg(data)
        .arg("send");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn text_output_is_the_status_line_headers_and_body() {
    let server = Server::start(|_| Reply::text("{\"name\":\"Ada\"}").header("X-Answer", "42"));
    let s = setup(&server.url(""), |_| {});
    let out = send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stdout),
        "HTTP/1.1 200 OK\nx-answer: 42\ncontent-length: 14\n\n{\"name\":\"Ada\"}\n"
    );
    assert_eq!(text(&out.stderr), "");
    let hit = server.hit();
    assert_eq!(hit.target, "/users/7");
    assert_eq!(
        hit.header("user-agent"),
        Some(concat!("localpost/", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn json_output_holds_the_whole_exchange_and_any_status_exits_0() {
    let server = Server::start(|_| Reply::text("missing").with_status(404));
    let s = setup(&server.url(""), |_| {});
    let out = send(s.home.path(), &s.data)
        .args(["-e", "Staging", "--env-var", "id=9", "--output", "json"])
        .arg(s.request.to_string())
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(json["request"]["method"], "GET");
    assert_eq!(json["request"]["url"], server.url("/users/9"));
    assert_eq!(json["response"]["status"], 404);
    assert_eq!(json["response"]["reason"], "Not Found");
    assert_eq!(json["response"]["body"]["content"]["text"], "missing");
    assert_eq!(json["response"]["body"]["size"], 7);
    assert!(json["response"]["timings"]["totalMs"].is_number());
    assert_eq!(server.hit().target, "/users/9");
}

#[test]
fn a_binary_body_is_written_as_bytes_to_a_pipe() {
    let server = Server::start(|_| Reply::bytes(vec![0u8, 159, 146, 150, 255]));
    let s = setup(&server.url(""), |_| {});
    let out = send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stdout.ends_with(b"\n\n\x00\x9f\x92\x96\xff"),
        "{:?}",
        out.stdout
    );
    server.hit();
}

#[test]
fn unresolved_variables_are_sent_as_written_with_a_warning() {
    let server = Server::start(|_| Reply::text("ok"));
    let s = setup(&server.url(""), |r| {
        r.headers = vec![KeyValue::new("X-Trace", "{{trace}}")];
    });
    send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .success()
        .stderr("warning: unresolved variables: trace (headers[0].value)\n");
    assert_eq!(server.hit().header("x-trace"), Some("{{trace}}"));
}

#[test]
fn connection_refused_exits_3_with_one_line() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let s = setup(&format!("http://127.0.0.1:{port}"), |_| {});
    send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .code(3)
        .stdout("")
        .stderr(format!(
            "error: connection refused by http://127.0.0.1:{port}\n"
        ));
}

#[test]
fn a_timeout_exits_4() {
    let server = Server::start(|_| Reply::text("late").delay(Duration::from_secs(10)));
    let s = setup(&server.url(""), |r| r.settings.timeout_ms = Some(200));
    send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .code(4)
        .stderr(format!(
            "error: request to {} timed out after 200 ms\n",
            server.url("")
        ));
    server.hit();
}

#[test]
fn an_invalid_url_exits_3_and_names_it() {
    let s = setup("http://", |_| {});
    send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .code(3)
        .stderr("error: invalid URL \"http:///users/7\": no host\n");
}

#[test]
fn unknown_requests_and_environments_are_usage_errors() {
    let s = setup("http://127.0.0.1:9", |_| {});
    send(s.home.path(), &s.data)
        .arg("API/Nope")
        .assert()
        .code(2)
        .stderr(
            "error: no request \"API/Nope\" in workspace \"Personal\" (give \
             Collection/Folder/Request or an id; `localpost list` shows both)\n",
        );
    send(s.home.path(), &s.data)
        .args(["-e", "Prod", "API/Users/Get user"])
        .assert()
        .code(2)
        .stderr("error: no environment named \"Prod\" in workspace \"Personal\"\n");
    send(s.home.path(), &s.data)
        .arg("999")
        .assert()
        .code(2)
        .stderr("error: no request with id 999\n");
}

/// Regression: `--output json` printed credentials as sent (an Authorization header, an API
/// key in the query, a URL password), so they could end up in CI logs. The server still gets
/// them; the printed request shows `***`.
#[test]
fn json_output_never_prints_credentials() {
    use localpost_core::model::{Auth, AuthMode};
    const TOKEN: &str = "tok-json-8f31c2";
    const KEY: &str = "key-json-51aa07";
    let server = Server::start(|_| Reply::text("ok"));
    let base = server
        .url("")
        .replace("http://", "http://ada:pw-json-77e1@");
    let s = setup(&base, |r| {
        r.headers = vec![KeyValue::new("Authorization", format!("Bearer {TOKEN}"))];
        r.auth = Auth::with_params(
            AuthMode::Apikey,
            &[("key", "api_key"), ("value", KEY), ("in", "query")],
        );
    });
    let out = send(s.home.path(), &s.data)
        .args(["API/Users/Get user", "--output", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let printed = text(&out.stdout);
    for secret in [TOKEN, KEY, "pw-json-77e1"] {
        assert!(!printed.contains(secret), "printed {secret}: {printed}");
    }
    let json: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
    let auth = json["request"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .find(|h| {
            h["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case("authorization"))
        })
        .expect("authorization listed");
    assert_eq!(auth["value"], "***");
    let hit = server.hit();
    assert_eq!(
        hit.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(
        hit.target.contains(KEY),
        "the server gets the key: {}",
        hit.target
    );
}

#[test]
fn env_var_gives_a_secret_variable_its_value_without_a_keychain() {
    let server = Server::start(|_| Reply::text("ok"));
    let s = setup(&server.url(""), |r| {
        r.headers = vec![KeyValue::new("X-Token", "{{token}}")];
    });
    // A secret variable whose value would be in the keychain, in the active environment.
    let store = Store::open_dir(&s.data).expect("store opens");
    let ws = store.workspaces().expect("workspaces")[0].id;
    let env = store
        .workspace(ws)
        .expect("workspace")
        .active_environment_id;
    let mut env = store
        .environment(env.expect("active"))
        .expect("environment");
    env.variables.push(Variable {
        secret: true,
        secret_ref: Some("not-in-any-keychain".into()),
        ..var("token", "")
    });
    store
        .set_environment_variables(env.id, &env.variables)
        .expect("saved");
    // No session bus: no keychain at all. The override is used and the keychain never asked.
    send(s.home.path(), &s.data)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args(["API/Users/Get user", "--env-var", "token=ci-token-5e2"])
        .assert()
        .success();
    assert_eq!(server.hit().header("x-token"), Some("ci-token-5e2"));
    // Without the override the missing value is an error naming the variable, not a blank.
    send(s.home.path(), &s.data)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .arg("API/Users/Get user")
        .assert()
        .failure();
}

/// Sends `API/Users/Get user` of `s`, checks the exit code, and gives its stderr.
fn send_stderr(s: &Setup, code: i32) -> String {
    let out = send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .code(code)
        .get_output()
        .clone();
    text(&out.stderr)
}

/// Issue 10: the request's scripts run around the send; tests and console lines go to
/// stderr (stdout keeps the response), and a failed test exits 5.
#[test]
fn scripts_run_and_a_failed_test_exits_5() {
    let server = Server::start(|req| Reply::text(req.header("x-from-script").unwrap_or("none")));
    let s = setup(&server.url(""), |r| {
        r.scripts.pre_request =
            "pm.request.headers.add({key: 'X-From-Script', value: 'pre'});".into();
        r.scripts.test = "pm.test('body', () => pm.expect(pm.response.text()).to.equal('pre'));\n\
                          pm.test('fails', () => pm.expect(1).to.equal(2));\n\
                          console.log('seen', {n: 1});"
            .into();
    });
    let out = send(s.home.path(), &s.data)
        .arg("API/Users/Get user")
        .assert()
        .code(5)
        .get_output()
        .clone();
    assert!(
        text(&out.stdout).ends_with("\n\npre\n"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        text(&out.stderr),
        "script API / Users / Get user · pre-request\n\
         script API / Users / Get user · test\n  \
         console.log: seen {\"n\":1}\n  \
         \u{2713} body\n  \
         \u{2717} fails: AssertionError: expected 1 to equal 2\n\
         error: 1 of the scripts' tests failed or scripts stopped with an error\n"
    );
}

#[test]
fn no_scripts_sends_without_them() {
    let server = Server::start(|req| Reply::text(req.header("x-from-script").unwrap_or("none")));
    let s = setup(&server.url(""), |r| {
        r.scripts.pre_request =
            "pm.request.headers.add({key: 'X-From-Script', value: 'pre'});".into();
        r.scripts.test = "pm.test('fails', () => pm.expect(1).to.equal(2));".into();
    });
    let out = send(s.home.path(), &s.data)
        .args(["--no-scripts", "API/Users/Get user"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(text(&out.stdout).ends_with("\n\nnone\n"));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_skipped_request_is_not_sent_and_a_script_error_names_its_place() {
    let server = Server::start(|_| Reply::text("ok"));
    let s = setup(&server.url(""), |r| {
        r.scripts.pre_request = "pm.execution.skipRequest();".into();
    });
    let out = send(s.home.path(), &s.data)
        .args(["--output", "json", "API/Users/Get user"])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["skipped"], true);
    assert_eq!(
        json["scripts"][0]["place"],
        "API / Users / Get user · pre-request"
    );
    assert!(server.hits().is_empty(), "nothing was sent");

    let s = setup(&server.url(""), |r| {
        r.scripts.test = "const ok = 1;\nif (ok) {".into();
    });
    let stderr = send_stderr(&s, 5);
    assert!(
        stderr.contains("  error: SyntaxError: unexpected token in expression: ')' (line 2)\n"),
        "{stderr}"
    );
}

/// A send that gets no response still shows what its pre-request scripts did.
#[test]
fn a_refused_send_still_shows_its_pre_request_scripts() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let s = setup(&base, |r| {
        r.scripts.pre_request = "console.log('before the refusal');".into();
    });
    let stderr = send_stderr(&s, 3);
    assert!(
        stderr.starts_with(
            "script API / Users / Get user · pre-request\n  console.log: before the refusal\n"
        ),
        "{stderr}"
    );
}
