//! Cookies and history in the window, end to end: a request sent from the UI to a loopback
//! server that sets a cookie shows the cookie in the response's Cookies tab, appears in the
//! History list (and opens there), lands in the workspace's cookie jar (the Cookies manager),
//! and the next send carries the cookie back to the server. A send that gets no response (a
//! refused connection) is in History too, with its failure in place of the status.
//!
//! Run through `scripts/e2e.sh a_send_shows_its_cookie` (see `desktop.rs`).

use crate::server;

use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{Result, Scratch};
use server::{Reply, Server};

const COOKIE: &str = "e2e_sid=E2E-4b7c";

#[tokio::test]
async fn a_send_shows_its_cookie_and_lands_in_history_and_the_jar() {
    let name = "a_send_shows_its_cookie_and_lands_in_history_and_the_jar";
    let server = Server::start(|r| {
        Reply::text(format!("seen: {}", r.header("cookie").unwrap_or("none")))
            .header("Set-Cookie", &format!("{COOKIE}; Path=/; HttpOnly"))
    });
    if let Err(e) = run(name, &server).await {
        panic!("{e}");
    }
    let hits = server.hits();
    let second = hits.get(1).and_then(|h| h.header("cookie"));
    assert_eq!(
        second,
        Some(COOKIE),
        "the second send carries the jar's cookie"
    );
}

/// A loopback address nothing listens on: a port bound, then let go.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}/gone")
}

async fn run(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("cookies")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "Jar", "Login").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/login")).await?;

            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text_containing(&client, &hook("response-body"), "seen: none").await?;

            // The response's Cookies tab lists what it set.
            ui::click(&client, &hook("response-tab-cookies")).await?;
            ui::wait_for_text_containing(&client, &hook("response-cookies"), "e2e_sid").await?;
            ui::wait_for_text_containing(&client, &hook("response-cookies"), "HttpOnly").await?;

            // The send is in the History list and opens there.
            ui::wait_for_text_containing(&client, &hook("history-entry"), "Login").await?;
            ui::click(&client, &hook("history-entry")).await?;
            ui::wait_for_text_containing(&client, &hook("history-viewer"), "seen: none").await?;
            ui::click(&client, &hook("history-close")).await?;

            // The cookie is in the workspace's jar, and goes with the next send.
            ui::click(&client, &hook("open-cookies")).await?;
            ui::wait_for_text_containing(&client, &hook("cookies-manager"), "E2E-4b7c").await?;
            ui::click(&client, &hook("cookies-close")).await?;
            ui::click(&client, &hook("send")).await?;
            ui::click(&client, &hook("response-tab-body")).await?;
            ui::wait_for_text_containing(&client, &hook("response-body"), COOKIE).await?;

            // A refused connection is recorded too, its failure in place of the status.
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &refused_url()).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text_containing(&client, &hook("history-failure"), "Refused").await?;
            Ok(())
        })
        .await
}
