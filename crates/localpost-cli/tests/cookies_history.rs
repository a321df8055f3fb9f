//! `localpost cookies`, `localpost history` and `localpost workspace classify`, black-box: the
//! real binary sends to a loopback server that sets a cookie, against a real store and the real
//! OS keychain (a throwaway service; run inside `scripts/test-session.sh`).

use crate::server;

use assert_cmd::Command;
use localpost_core::model::{NewRequest, Parent};
use localpost_core::store::Store;
use server::{Reply, Server};

struct Env {
    dir: tempfile::TempDir,
    service: String,
}

impl Env {
    /// Workspace "Team" > collection "API" > requests "Login" (`/login`) and "Me" (`/me`).
    fn new(server: &Server) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_dir(dir.path()).expect("store");
        let ws = store.create_workspace("Team").expect("workspace");
        let coll = store.create_collection(ws.id, "API").expect("collection");
        for (name, path) in [("Login", "/login"), ("Me", "/me")] {
            store
                .create_request(
                    NewRequest::new(Parent::Collection(coll.id), name).url(server.url(path)),
                )
                .expect("request");
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos();
        Env {
            dir,
            service: format!("localpost-cli-cookies-{}-{nanos}", std::process::id()),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("localpost").expect("binary");
        cmd.env("LOCALPOST_DATA_DIR", self.dir.path())
            .env("LOCALPOST_KEYCHAIN_SERVICE", &self.service);
        cmd
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    }
}

fn server() -> Server {
    Server::start(|r| match r.target.as_str() {
        "/login" => Reply::text("welcome")
            .header("Set-Cookie", "sid=cli-7f3a; Path=/; HttpOnly")
            .header("Set-Cookie", "pref=dark; Path=/"),
        _ => Reply::text(format!(
            "cookie: {}",
            r.header("cookie").unwrap_or("(none)")
        ))
        .with_status(202),
    })
}

/// Whether the last line of `text` lists both cookies (the jar does not promise an order).
fn sent_both(text: &str) -> bool {
    let last = text.lines().last().unwrap_or_default();
    let value = last.split_once(": ").map(|(_, v)| v).unwrap_or_default();
    let mut pairs: Vec<&str> = value.split("; ").collect();
    pairs.sort();
    pairs == ["pref=dark", "sid=cli-7f3a"]
}

#[test]
fn cookies_set_by_one_send_go_with_the_next_and_can_be_listed_and_removed() {
    let server = server();
    let env = Env::new(&server);
    env.stdout(&["send", "API/Login"]);
    let me = env.stdout(&["send", "API/Me"]);
    assert!(sent_both(&me), "{me}");

    let list = env.stdout(&["cookies", "list", "--workspace", "Team"]);
    let lines: Vec<Vec<&str>> = list
        .lines()
        .map(|l| l.split('\t').skip(1).collect())
        .collect();
    assert_eq!(
        lines,
        [
            vec!["127.0.0.1", "/", "pref=dark", "session"],
            vec!["127.0.0.1", "/", "sid=cli-7f3a", "session", "httponly"],
        ]
    );
    env.cmd()
        .args(["cookies", "rm", "sid"])
        .assert()
        .success()
        .stdout("removed 1 cookie(s)\n");
    let me = env.stdout(&["send", "API/Me"]);
    assert!(me.ends_with("cookie: pref=dark\n"), "{me}");
    env.cmd()
        .args(["cookies", "rm", "nope"])
        .assert()
        .code(2)
        .stderr("error: no cookie nope in workspace Team\n");
    env.cmd()
        .args(["cookies", "clear"])
        .assert()
        .success()
        .stdout("removed 1 cookie(s) from workspace Team\n");
    env.cmd()
        .args(["cookies", "list"])
        .assert()
        .success()
        .stdout("no cookies\n");
}

#[test]
fn sends_are_listed_searched_shown_and_cleared_and_restricted_keeps_no_body() {
    let server = server();
    let env = Env::new(&server);
    env.stdout(&["send", "API/Login"]);
    env.stdout(&["send", "API/Me"]);
    let list = env.stdout(&["history"]);
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!((rows[0][1], rows[0][3], rows[0][6]), ("GET", "202", "Me"));
    assert_eq!((rows[1][3], rows[1][6]), ("200", "Login"));

    let found = env.stdout(&["history", "list", "--search", "login"]);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("/login"));
    env.cmd()
        .args(["history", "--search", "no-such-thing"])
        .assert()
        .success()
        .stdout("no history\n");

    let id = rows[0][0];
    let shown = env.stdout(&["history", "show", id]);
    assert!(
        shown.starts_with(&format!("GET {}\n", server.url("/me"))),
        "{shown}"
    );
    let cookie_line = shown
        .lines()
        .find(|l| l.starts_with("Cookie: "))
        .unwrap_or_default();
    assert!(sent_both(cookie_line), "{shown}");
    assert!(shown.contains("HTTP/1.1 202 Accepted\n"), "{shown}");
    assert!(sent_both(&shown), "{shown}");

    env.cmd()
        .args(["workspace", "classify", "Team", "restricted"])
        .assert()
        .success()
        .stdout("workspace Team is restricted\n");
    env.stdout(&["send", "API/Me"]);
    let newest = env.stdout(&["history", "list", "-n", "1"]);
    let id = newest.split('\t').next().expect("id").to_string();
    let shown = env.stdout(&["history", "show", &id]);
    assert!(shown.contains("headers and body not kept"), "{shown}");
    assert!(!shown.contains("cookie:"), "{shown}");

    env.cmd()
        .args(["history", "clear", "--workspace", "Team"])
        .assert()
        .success()
        .stdout("removed 3 history entries from workspace Team\n");
    env.cmd()
        .args(["workspace", "classify", "Team", "secret"])
        .assert()
        .code(2);
}

#[test]
fn a_send_that_gets_no_response_is_listed_with_its_failure_in_place_of_the_status() {
    let server = server().allow_no_hits();
    let env = Env::new(&server);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let down = format!("http://{}/down", listener.local_addr().expect("address"));
    drop(listener);
    let store = Store::open_dir(env.dir.path()).expect("store");
    let coll = store.workspaces().expect("workspaces")[0].id;
    let coll = store.collections(coll).expect("collections")[0].id;
    store
        .create_request(NewRequest::new(Parent::Collection(coll), "Down").url(&down))
        .expect("request");
    drop(store);

    env.cmd().args(["send", "API/Down"]).assert().failure();
    let list = env.stdout(&["history"]);
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 1, "{list}");
    let origin = down.trim_end_matches("/down");
    assert_eq!(
        (rows[0][1], rows[0][2], rows[0][3], rows[0][6]),
        (
            "GET",
            down.as_str(),
            format!("refused: connection refused by {origin}").as_str(),
            "Down"
        )
    );
    let found = env.stdout(&["history", "--search", "refused"]);
    assert_eq!(found.lines().count(), 1, "{found}");

    let shown = env.stdout(&["history", "show", rows[0][0]]);
    assert!(shown.starts_with(&format!("GET {down}\n")), "{shown}");
    assert!(
        shown.ends_with(&format!(
            "no response (refused): connection refused by {origin}\n"
        )),
        "{shown}"
    );
}
