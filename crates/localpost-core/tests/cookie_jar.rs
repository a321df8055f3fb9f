//! The workspace cookie jar against real parts: a loopback server that sets cookies and checks
//! what comes back, a real SQLite file reopened between sends, and values sealed with a data
//! key from the real OS keychain (run inside `scripts/test-session.sh`).

use crate::recorded;
use crate::server;

use localpost_core::cookies::{Cookie, Cookies};
use localpost_core::model::{Classification, RequestSettings};
use recorded::{Desk, contains};
use server::{Reply, Server};

/// `/login` sets cookies of every kind; `/logout` expires `sid`; anything else answers 200.
fn cookie_server() -> Server {
    Server::start(|r| match r.target.as_str() {
        "/login" => Reply::text("in")
            .header(
                "Set-Cookie",
                "sid=S-1; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax",
            )
            .header("Set-Cookie", "scoped=P-1; Path=/api")
            .header("Set-Cookie", "tls=T-1; Path=/; Secure")
            .header("Set-Cookie", "session=E-1")
            .header("Set-Cookie", "stolen=X; Domain=elsewhere.example")
            .header("Set-Cookie", "old=O; Expires=Wed, 21 Oct 2015 07:28:00 GMT"),
        "/logout" => Reply::text("out").header("Set-Cookie", "sid=; Path=/; Max-Age=0"),
        _ => Reply::text("ok"),
    })
}

fn cookie_header(server: &Server, target: &str) -> Option<String> {
    server
        .hits()
        .into_iter()
        .rev()
        .find(|h| h.target == target)
        .and_then(|h| h.header("cookie").map(str::to_string))
}

fn names(header: &Option<String>) -> Vec<String> {
    let mut names: Vec<String> = header
        .iter()
        .flat_map(|h| h.split("; "))
        .filter_map(|p| p.split('=').next().map(str::to_string))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn cookies_set_by_a_response_come_back_by_path_and_expiry_across_a_reopened_store() {
    let server = cookie_server();
    let mut desk = Desk::new("jar", Classification::Internal);
    let login = desk.request("Login", &server.url("/login"), |_| {});
    let sent = desk.send(&login).await;
    assert_eq!(
        sent.exchange
            .request
            .headers
            .iter()
            .filter(|h| h.is_named("cookie"))
            .count(),
        0
    );
    let set: Vec<&str> = sent
        .exchange
        .response
        .cookies
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(set, ["sid", "scoped", "tls", "session", "stolen", "old"]);
    let sid = &sent.exchange.response.cookies[0];
    assert!(sid.http_only && sid.max_age == Some(3600) && sid.same_site.as_deref() == Some("Lax"));

    // The jar is persisted: open the file and the keychain afresh.
    desk.reopen();
    let listed = Cookies::new(&desk.store, &desk.vault)
        .list(desk.workspace.id)
        .expect("list");
    let mut stored: Vec<(&str, &str, &str)> = listed
        .iter()
        .map(|c| (c.name.as_str(), c.value.as_str(), c.path.as_str()))
        .collect();
    stored.sort();
    assert_eq!(
        stored,
        [
            ("scoped", "P-1", "/api"),
            ("session", "E-1", "/"),
            ("sid", "S-1", "/"),
            ("tls", "T-1", "/")
        ]
    );
    let sid = listed.iter().find(|c| c.name == "sid").expect("sid");
    assert!(sid.host_only && sid.http_only && sid.expires.is_some());
    assert_eq!(sid.domain, "127.0.0.1");
    assert_eq!(sid.same_site.as_deref(), Some("Lax"));
    assert!(
        listed
            .iter()
            .find(|c| c.name == "tls")
            .is_some_and(|c| c.secure)
    );

    // Path: /api/users gets the /api cookie, /home does not. Loopback counts as secure.
    let api = desk.request("Users", &server.url("/api/users"), |_| {});
    let sent = desk.send(&api).await;
    assert_eq!(
        names(&cookie_header(&server, "/api/users")),
        ["scoped", "session", "sid", "tls"]
    );
    let shown = sent
        .exchange
        .request
        .headers
        .iter()
        .find(|h| h.is_named("cookie"));
    assert_eq!(
        shown.map(|h| h.value.clone()),
        cookie_header(&server, "/api/users"),
        "the sent request lists the cookies the jar sent"
    );
    let home = desk.request("Home", &server.url("/home"), |_| {});
    desk.send(&home).await;
    assert_eq!(
        names(&cookie_header(&server, "/home")),
        ["session", "sid", "tls"]
    );

    // Host-only: the same server reached as `localhost` is another host.
    let other_host = server.url("/home").replace("127.0.0.1", "localhost");
    let by_name = desk.request("By name", &other_host, |_| {});
    desk.send(&by_name).await;
    assert_eq!(cookie_header(&server, "/home"), None);

    // Max-Age=0 removes sid, from the jar and from the store.
    let logout = desk.request("Logout", &server.url("/logout"), |_| {});
    desk.send(&logout).await;
    desk.send(&home).await;
    assert_eq!(names(&cookie_header(&server, "/home")), ["session", "tls"]);
    desk.reopen();
    let left = Cookies::new(&desk.store, &desk.vault)
        .list(desk.workspace.id)
        .expect("list");
    assert!(left.iter().all(|c| c.name != "sid"), "{left:?}");
}

#[tokio::test]
async fn a_request_with_cookies_off_sends_none_and_keeps_none() {
    let server = cookie_server();
    let desk = Desk::new("jar-off", Classification::Internal);
    let off = |r: &mut localpost_core::model::Request| {
        r.settings = RequestSettings {
            use_cookies: Some(false),
            ..RequestSettings::default()
        }
    };
    let login = desk.request("Login", &server.url("/login"), off);
    desk.send(&login).await;
    let cookies = Cookies::new(&desk.store, &desk.vault);
    assert!(cookies.list(desk.workspace.id).expect("list").is_empty());
    cookies
        .add(
            desk.workspace.id,
            &Cookie::new("manual", "M-1", "127.0.0.1"),
        )
        .expect("added");
    let home = desk.request("Home", &server.url("/home"), off);
    desk.send(&home).await;
    assert_eq!(cookie_header(&server, "/home"), None);
    let on = desk.request("Home on", &server.url("/home"), |_| {});
    desk.send(&on).await;
    assert_eq!(
        cookie_header(&server, "/home").as_deref(),
        Some("manual=M-1")
    );
}

#[tokio::test]
async fn cookies_can_be_listed_added_edited_deleted_and_cleared_and_rest_sealed() {
    let server = cookie_server();
    let desk = Desk::new("jar-edit", Classification::Public);
    let cookies = Cookies::new(&desk.store, &desk.vault);
    let ws = desk.workspace.id;
    let mut c = Cookie::new("token", "VALUE-MARKER-51f0", "127.0.0.1");
    c.path = "/api".into();
    let added = cookies.add(ws, &c).expect("added");
    assert!(added.id.is_some());
    let mut edited = added.clone();
    edited.value = "EDITED-MARKER-9a2c".into();
    edited.path = "/".into();
    let edited = cookies
        .edit(added.id.expect("id"), &edited)
        .expect("edited");
    assert_eq!(
        cookies.list(ws).expect("list"),
        std::slice::from_ref(&edited)
    );
    let home = desk.request("Home", &server.url("/home"), |_| {});
    desk.send(&home).await;
    assert_eq!(
        cookie_header(&server, "/home").as_deref(),
        Some("token=EDITED-MARKER-9a2c")
    );

    // Even in a public workspace the jar's values are sealed at rest. (History there keeps
    // headers plainly, so look before any response: the Cookie header went into history.)
    let other = Desk::new("jar-sealed", Classification::Public);
    Cookies::new(&other.store, &other.vault)
        .add(
            other.workspace.id,
            &Cookie::new("t", "JAR-ONLY-MARKER-77d1", "example.com"),
        )
        .expect("added");
    for (path, bytes) in other.at_rest() {
        assert!(
            !contains(&bytes, "JAR-ONLY-MARKER-77d1"),
            "{} holds the value",
            path.display()
        );
    }

    cookies
        .add(ws, &Cookie::new("second", "2", "example.com"))
        .expect("added");
    cookies.delete(edited.id.expect("id")).expect("deleted");
    assert_eq!(cookies.list(ws).expect("list").len(), 1);
    assert_eq!(cookies.clear(ws).expect("cleared"), 1);
    assert!(cookies.list(ws).expect("list").is_empty());
    let bad = cookies
        .add(ws, &Cookie::new("a;b", "v", "example.com"))
        .expect_err("refused");
    assert_eq!(
        bad.to_string(),
        "invalid cookie \"a;b\": the name holds a separator or control character"
    );
}
