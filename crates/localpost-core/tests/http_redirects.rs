//! Postman's redirect settings against loopback servers: `followOriginalHttpMethod` keeps a
//! POST and its body through a 302, `followAuthorizationHeader` keeps `Authorization` on a
//! redirect to another server (another port counts as another host).

use crate::fixture;
use crate::server;

use fixture::{Fixture, send};
use localpost_core::model::{Body, KeyValue, Request};
use localpost_core::template::Variables;
use server::{Reply, Server};

/// `/from` answers `status` pointing at `to`; anything else answers `ok`.
fn redirecting(status: u16, to: String) -> Server {
    Server::start(move |req| {
        if req.target == "/from" {
            Reply::status(status).header("Location", &to)
        } else {
            Reply::text("ok")
        }
    })
}

fn post(fx: &Fixture, url: &str, edit: impl FnOnce(&mut Request)) -> Request {
    fx.request("POST", url, |r| {
        r.body = Body::Raw {
            text: "payload".into(),
            language: Default::default(),
        };
        r.headers = vec![KeyValue::new("Authorization", "Bearer t0ken")];
        edit(r);
    })
}

#[tokio::test]
async fn a_302_turns_a_post_into_a_get_unless_the_method_is_kept() {
    let server = redirecting(302, "/to".into());
    let fx = Fixture::new();
    send(&post(&fx, &server.url("/from"), |_| {}), &Variables::new())
        .await
        .expect("sent");
    let kept = post(&fx, &server.url("/from"), |r| {
        r.settings.follow_original_method = Some(true)
    });
    send(&kept, &Variables::new()).await.expect("sent");

    let hits = server.hits();
    let seen: Vec<_> = hits
        .iter()
        .map(|h| (h.method.as_str(), h.target.as_str(), h.text()))
        .collect();
    assert_eq!(
        seen,
        [
            ("POST", "/from", "payload".to_string()),
            ("GET", "/to", String::new()),
            ("POST", "/from", "payload".to_string()),
            ("POST", "/to", "payload".to_string()),
        ]
    );
    assert_eq!(hits[1].header("content-type"), None);
    assert_eq!(hits[3].header("content-type"), Some("text/plain"));
}

#[tokio::test]
async fn a_307_keeps_method_and_body() {
    let server = redirecting(307, "/to".into());
    let fx = Fixture::new();
    let ex = send(&post(&fx, &server.url("/from"), |_| {}), &Variables::new())
        .await
        .expect("sent");
    assert_eq!(ex.response.url, server.url("/to"));
    let last = server.hits().pop().expect("hit");
    assert_eq!(
        (last.method.as_str(), last.text()),
        ("POST", "payload".into())
    );
}

#[tokio::test]
async fn authorization_follows_to_another_host_only_when_asked() {
    let other = Server::start(|_| Reply::text("other"));
    let server = redirecting(302, other.url("/there"));
    let fx = Fixture::new();
    send(&post(&fx, &server.url("/from"), |_| {}), &Variables::new())
        .await
        .expect("sent");
    let kept = post(&fx, &server.url("/from"), |r| {
        r.settings.follow_authorization_header = Some(true)
    });
    send(&kept, &Variables::new()).await.expect("sent");

    let auth: Vec<_> = other
        .hits()
        .iter()
        .map(|h| h.header("authorization").map(String::from))
        .collect();
    assert_eq!(auth, [None, Some("Bearer t0ken".to_string())]);
    assert!(
        server
            .hits()
            .iter()
            .all(|h| h.header("authorization") == Some("Bearer t0ken"))
    );
}

/// Issue 12: a login that answers 302 with `Set-Cookie`, then 200, listed no cookies.
#[tokio::test]
async fn cookies_set_on_a_redirect_hop_are_listed_with_the_hop_that_set_them() {
    let server = Server::start(|req| match req.target.as_str() {
        "/login" => Reply::status(302)
            .header("Location", "/home")
            .header("Set-Cookie", "sid=S-1; Path=/; HttpOnly"),
        _ => Reply::text("home").header("Set-Cookie", "seen=1"),
    });
    let fx = Fixture::new();
    let ex = send(
        &fx.request("GET", &server.url("/login"), |_| {}),
        &Variables::new(),
    )
    .await
    .expect("sent");
    assert_eq!(ex.response.status, 200);
    let set: Vec<_> = ex
        .response
        .cookies
        .iter()
        .map(|c| (c.name.as_str(), c.status, c.url.as_str()))
        .collect();
    let (login, home) = (server.url("/login"), server.url("/home"));
    assert_eq!(
        set,
        [("sid", 302, login.as_str()), ("seen", 200, home.as_str())]
    );
    assert!(ex.response.cookies[0].http_only);
}
