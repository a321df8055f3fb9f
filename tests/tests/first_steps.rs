//! What a newcomer hit (issue 12), end to end in the window: on a first launch, with no
//! collection, New request makes one and opens a request; the method picker sends PATCH (by
//! keyboard) and a custom method (typed) to a loopback server; a login answering 302 with
//! `Set-Cookie`, then 200, shows its cookie in the Cookies tab with the hop that set it; and
//! the unresolved-variable mark sits on the URL's text, not below it. The first frame is drawn
//! from the shell's snapshot (in the desktop's font), and a reload reads the store again.
//!
//! Run through `scripts/e2e.sh first_steps` (see `desktop.rs`).

use crate::server;

use fantoccini::Client;
use fantoccini::key::Key;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

#[tokio::test]
async fn first_steps_new_request_method_picker_and_redirect_cookies() {
    let name = "first_steps_new_request_method_picker_and_redirect_cookies";
    let server = Server::start(|r| match r.target.as_str() {
        "/login" => Reply::status(302)
            .header("Location", "/home")
            .header("Set-Cookie", "e2e_login=L-12; Path=/; HttpOnly"),
        _ => Reply::text(format!("{} {}", r.method, r.target)),
    });
    if let Err(e) = run(name, &server).await {
        panic!("{e}");
    }
    let seen: Vec<(String, String)> = server
        .hits()
        .iter()
        .map(|h| (h.method.clone(), h.target.clone()))
        .collect();
    let seen: Vec<(&str, &str)> = seen.iter().map(|(m, t)| (m.as_str(), t.as_str())).collect();
    assert_eq!(
        seen,
        [("PATCH", "/login"), ("GET", "/home"), ("PURGE", "/echo")],
        "PATCH picked by keyboard (the 302 turns it into GET), then a typed custom method"
    );
}

async fn run(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("first-steps")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            // A first launch: the shell drew the first frame in the desktop's interface font
            // (the boot snapshot), and there is no collection, yet New request works.
            check_first_frame_font(&client).await?;
            ui::click(&client, &hook("empty-new-request")).await?;
            ui::wait_for_value(&client, &hook("request-name"), "New Request").await?;
            ui::wait_for_row(&client, "tree-collection", "New Collection").await?;

            // PATCH from the picker, by keyboard alone.
            let method = ui::wait_for(&client, &hook("request-method")).await?;
            method.click().await?;
            for _ in 0..4 {
                method.send_keys(&Key::Down.to_string()).await?;
            }
            method.send_keys(&Key::Enter.to_string()).await?;
            ui::wait_for_value(&client, &hook("request-method"), "PATCH").await?;

            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/login")).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text_containing(&client, &hook("response-status"), "200").await?;

            // The cookie came on the redirect hop: listed, with the hop that set it.
            ui::click(&client, &hook("response-tab-cookies")).await?;
            ui::wait_for_text_containing(&client, &hook("response-cookies"), "e2e_login").await?;
            ui::wait_for_text_containing(
                &client,
                &hook("response-cookie-set-by"),
                &format!("302 {}", server.url("/login")),
            )
            .await?;

            // A custom method, typed.
            ui::replace_text(&method, "PURGE").await?;
            ui::replace_text(&url, &server.url("/echo")).await?;
            ui::click(&client, &hook("send")).await?;
            // The response panel is redrawn when the response comes.
            ui::click(&client, &hook("response-tab-body")).await?;
            ui::wait_for_text_containing(&client, &hook("response-body"), "PURGE /echo").await?;

            // The unresolved mark is centred on the URL's text.
            ui::replace_text(&url, "{{e2e_missing}}/users").await?;
            ui::wait_for(
                &client,
                "[data-testid=\"url-var\"][data-state=\"unresolved\"]",
            )
            .await?;
            check_mark_on_text(&client).await?;

            // A reload of the page reads the store again: the shell's snapshot of the first
            // frame, taken before New request made a collection, is not shown again.
            client.refresh().await?;
            ui::wait_for_row(&client, "tree-collection", "New Collection").await?;
            Ok(())
        })
        .await
}

/// The root's `--font` is the one the shell's snapshot set: the desktop's family (or none, under
/// a bare X server) before `sans-serif`, not the page's list of every platform's fonts.
async fn check_first_frame_font(client: &Client) -> Result<()> {
    let font = client
        .execute(
            "return document.documentElement.style.getPropertyValue('--font');",
            vec![],
        )
        .await?;
    match font.as_str() {
        Some(f) if f.ends_with("sans-serif") && !f.contains("system-ui") => Ok(()),
        _ => Err(HarnessError::Unexpected(format!(
            "the first frame's --font is {font}, not the shell's"
        ))),
    }
}

/// The mark's vertical centre is the URL input's (within a pixel).
async fn check_mark_on_text(client: &Client) -> Result<()> {
    let script = r#"
        const input = document.querySelector('[data-testid="request-url"]').getBoundingClientRect();
        const mark = document.querySelector('[data-testid="url-var"]').getBoundingClientRect();
        return [(input.top + input.bottom) / 2, (mark.top + mark.bottom) / 2];
    "#;
    let got = client.execute(script, vec![]).await?;
    let centres: Vec<f64> = got
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    match centres.as_slice() {
        [input, mark] if (input - mark).abs() <= 1.0 => Ok(()),
        _ => Err(HarnessError::Unexpected(format!(
            "the mark is not on the URL's text: centres (input, mark) {centres:?}"
        ))),
    }
}
