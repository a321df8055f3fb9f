//! Proxies from the settings, really traversed: an in-test HTTP proxy (absolute-URI requests and
//! `CONNECT` tunnels, with Basic `Proxy-Authorization`) and an in-test SOCKS5 proxy (user and
//! password), each recording what it saw, in front of loopback servers that must be hit; and the
//! `noProxy` list and explicit "no proxy" that go around them.

use crate::fixture;
use crate::proxies;
use crate::server;
use crate::tls_server;

use fixture::{Fixture, send};
use localpost_core::model::{ProxyMode, ProxySettings, Request};
use localpost_core::template::{Scope, Variables};
use proxies::{HttpProxy, Seen, Socks5};
use server::{Reply, Server};

fn custom(url: String, username: &str, password: &str, no_proxy: &str) -> ProxySettings {
    ProxySettings {
        mode: ProxyMode::Custom,
        url,
        username: username.into(),
        password: password.into(),
        no_proxy: no_proxy.into(),
    }
}

fn via(fx: &Fixture, url: &str, proxy: ProxySettings) -> Request {
    fx.request("GET", url, |r| r.settings.proxy = Some(proxy))
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let pair = format!("{user}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

#[tokio::test]
async fn an_http_proxy_forwards_plain_requests_with_its_credential() {
    let target = Server::start(|_| Reply::text("through"));
    let proxy = HttpProxy::start("ada", "pr0xy-pw");
    let fx = Fixture::new();
    let mut vars = Variables::new();
    vars.set(
        Scope::Environment,
        "proxyPort",
        proxy.addr.port().to_string(),
    );
    let proxy_url = "http://127.0.0.1:{{proxyPort}}".to_string();
    let req = via(
        &fx,
        &target.url("/p?q=1"),
        custom(proxy_url, "ada", "pr0xy-pw", ""),
    );
    let ex = send(&req, &vars).await.expect("sent");
    assert_eq!(ex.response.body.content.as_text(), Some("through"));
    assert_eq!(
        proxy.seen(),
        [Seen {
            request: format!("GET {} HTTP/1.1", target.url("/p?q=1")),
            credential: Some(basic("ada", "pr0xy-pw")),
            is_allowed: true,
        }]
    );
    let hit = target.hit();
    assert_eq!(hit.target, "/p?q=1");
    assert_eq!(hit.header("proxy-authorization"), None);
    assert_eq!(ex.response.remote_address, Some(proxy.addr.to_string()));
}

#[tokio::test]
async fn a_wrong_proxy_password_gets_the_proxys_407() {
    let target = Server::start(|_| Reply::text("never")).allow_no_hits();
    let proxy = HttpProxy::start("ada", "pr0xy-pw");
    let fx = Fixture::new();
    let req = via(
        &fx,
        &target.url("/"),
        custom(format!("http://{}", proxy.addr), "ada", "wrong", ""),
    );
    let ex = send(&req, &Variables::new()).await.expect("an answer");
    assert_eq!(ex.response.status, 407);
    assert!(!proxy.seen()[0].is_allowed);
    assert!(target.hits().is_empty());
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel() {
    let ca = tls_server::Ca::new();
    let target = tls_server::TlsServer::start(&ca, tls_server::ClientAuth::None);
    let proxy = HttpProxy::start("ada", "pr0xy-pw");
    let fx = Fixture::new();
    let req = fx.request("GET", &target.url(), |r| {
        r.settings.verify_tls = Some(false);
        r.settings.proxy = Some(custom(format!("{}", proxy.addr), "ada", "pr0xy-pw", ""));
    });
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.body.content.as_text(), Some("tls ok"));
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].request,
        format!("CONNECT 127.0.0.1:{} HTTP/1.1", target.port())
    );
    assert_eq!(seen[0].credential, Some(basic("ada", "pr0xy-pw")));
    assert_eq!(target.clients().len(), 1, "the TLS server was reached");
    assert!(ex.response.certificate.is_some());
}

#[tokio::test]
async fn socks5_with_user_and_password_reaches_the_target() {
    let target = Server::start(|_| Reply::text("socks ok"));
    let proxy = Socks5::start("grace", "s0cks-pw");
    let fx = Fixture::new();
    let req = via(
        &fx,
        &target.url("/s"),
        custom(format!("socks5://{}", proxy.addr), "grace", "s0cks-pw", ""),
    );
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.body.content.as_text(), Some("socks ok"));
    assert_eq!(
        proxy.seen(),
        [Seen {
            request: format!("CONNECT {}", target.addr()),
            credential: Some("grace:s0cks-pw".into()),
            is_allowed: true,
        }]
    );
    assert_eq!(target.hit().target, "/s");

    // socks5h: the proxy resolves the name.
    let by_name = format!("http://localhost:{}/h", target.addr().port());
    let req = via(
        &fx,
        &by_name,
        custom(format!("socks5h://{}", proxy.addr), "grace", "s0cks-pw", ""),
    );
    let ex = send(&req, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.status, 200);
    assert_eq!(
        proxy.seen()[1].request,
        format!("CONNECT localhost:{}", target.addr().port())
    );
    assert_eq!(ex.response.timings.dns_ms, None, "no local lookup");
}

#[tokio::test]
async fn a_wrong_socks_password_fails_naming_the_proxy_step() {
    let target = Server::start(|_| Reply::text("never")).allow_no_hits();
    let proxy = Socks5::start("grace", "s0cks-pw");
    let fx = Fixture::new();
    let req = via(
        &fx,
        &target.url("/"),
        custom(format!("socks5://{}", proxy.addr), "grace", "nope", ""),
    );
    let e = send(&req, &Variables::new())
        .await
        .expect_err("refused by the proxy");
    assert!(
        e.to_string()
            .ends_with("failed: SOCKS error: credentials not accepted"),
        "{e}"
    );
    assert!(!e.to_string().contains("nope"), "{e}");
    assert!(target.hits().is_empty());
}

#[tokio::test]
async fn no_proxy_hosts_and_the_none_mode_go_direct() {
    let target = Server::start(|_| Reply::text("direct"));
    let proxy = HttpProxy::start("ada", "pr0xy-pw");
    let fx = Fixture::new();
    let bypass = via(
        &fx,
        &target.url("/a"),
        custom(
            format!("http://{}", proxy.addr),
            "ada",
            "pr0xy-pw",
            "example.com, 127.0.0.1",
        ),
    );
    let ex = send(&bypass, &Variables::new()).await.expect("sent");
    assert_eq!(ex.response.body.content.as_text(), Some("direct"));

    let none = via(
        &fx,
        &target.url("/b"),
        ProxySettings {
            mode: ProxyMode::None,
            ..custom(format!("http://{}", proxy.addr), "", "", "")
        },
    );
    send(&none, &Variables::new()).await.expect("sent");

    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());
    assert_eq!(target.hits().len(), 2);
}

#[tokio::test]
async fn an_unusable_proxy_url_is_named() {
    let fx = Fixture::new();
    let req = via(
        &fx,
        "http://127.0.0.1:9/",
        custom("ftp://u:secret@proxy:2121".into(), "", "", ""),
    );
    let e = send(&req, &Variables::new()).await.expect_err("bad scheme");
    assert_eq!(
        e.to_string(),
        "settings.proxy.url \"ftp://proxy:2121/\": the scheme must be http, https, socks5 or socks5h"
    );
}
