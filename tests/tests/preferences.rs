//! The app's Preferences, end to end, each in the real window over WebDriver:
//! - the dark theme chosen there (opened with Ctrl+,) is on after a restart;
//! - a default timeout set there is used by a send to a slow loopback server;
//! - an app-level proxy (custom, with user and password) relays a send through a loopback
//!   proxy, and its password is not in the store file.
//!
//! Run through `scripts/e2e.sh preferences` (see `desktop.rs`).

use crate::server;

use crate::proxies;

use std::time::Duration;

use fantoccini::Client;
use localpost_core::model::{NewRequest, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use proxies::HttpProxy;
use server::{Reply, Server};

const USER: &str = "pref-proxy-user";
const PASSWORD: &str = "pref proxy pass 51";

/// A store with collection "Team" holding request "Call" of `url`.
fn seed(scratch: &Scratch, url: &str) -> Result<()> {
    let setup = |e: localpost_core::store::StoreError| HarnessError::Setup(e.to_string());
    let store = Store::open_dir(scratch.data.path()).map_err(setup)?;
    let ws = store.create_workspace("Personal").map_err(setup)?;
    let coll = store.create_collection(ws.id, "Team").map_err(setup)?;
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Call").url(url))
        .map_err(setup)?;
    Ok(())
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

/// Scrolls `hook_id` into the middle of its pane (WebKitWebDriver will not use a select it
/// cannot see whole).
async fn into_view(client: &Client, hook_id: &str) -> Result<()> {
    let element = ui::wait_for(client, &hook(hook_id)).await?;
    let arg = serde_json::to_value(&element).map_err(|e| HarnessError::Setup(e.to_string()))?;
    client
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
        .await?;
    Ok(())
}

/// Types `text` into preference field `hook_id` and leaves it (it saves on change), then waits
/// for the save.
async fn set_field(client: &Client, hook_id: &str, text: &str) -> Result<()> {
    into_view(client, hook_id).await?;
    let input = ui::wait_for(client, &hook(hook_id)).await?;
    ui::replace_text(&input, text).await?;
    input.send_keys("\t").await?;
    saved(client).await
}

async fn saved(client: &Client) -> Result<()> {
    ui::wait_for_text(client, &hook("pref-status"), "Preferences saved").await
}

/// The root's `data-theme` and the page's background colour.
async fn theme(client: &Client) -> Result<(String, String)> {
    let got = client
        .execute(
            "return [document.documentElement.dataset.theme ?? '',
                     getComputedStyle(document.body).backgroundColor];",
            vec![],
        )
        .await?;
    let text = |i: usize| got[i].as_str().unwrap_or_default().to_owned();
    Ok((text(0), text(1)))
}

async fn open_request_and_send(client: &Client) -> Result<()> {
    ui::wait_for_row(client, "tree-request", "Call")
        .await?
        .click()
        .await?;
    ui::wait_for_value(client, &hook("request-name"), "Call").await?;
    click(client, "send").await
}

#[tokio::test]
async fn the_dark_theme_chosen_in_preferences_is_on_after_a_restart() {
    let name = "the_dark_theme_chosen_in_preferences_is_on_after_a_restart";
    if let Err(e) = dark_after_restart(name).await {
        panic!("{e}");
    }
}

async fn dark_after_restart(name: &str) -> Result<()> {
    let scratch = Scratch::new("prefs-theme")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let first = AppSession::start(&driver, name).await?;
    let client = first.client();
    first
        .run(async {
            // Ctrl+, from the keyboard.
            let select = ui::wait_for(&client, &hook("environment-select")).await?;
            ui::press_ctrl(&select, ",").await?;
            click(&client, "pref-theme-light").await?;
            saved(&client).await?;
            let light = theme(&client).await?;
            click(&client, "pref-theme-dark").await?;
            saved(&client).await?;
            let dark = theme(&client).await?;
            if light.0 != "light" || dark.0 != "dark" || light.1 == dark.1 {
                return Err(HarnessError::Unexpected(format!(
                    "the theme did not switch: light {light:?}, dark {dark:?}"
                )));
            }
            Ok(())
        })
        .await?;

    let second = AppSession::start(&driver, name).await?;
    let client = second.client();
    second
        .run(async {
            ui::wait_until("the dark theme after the restart", || async {
                let (theme, background) = theme(&client).await?;
                Ok((theme == "dark" && background == "rgb(30, 31, 34)").then_some(()))
            })
            .await?;
            click(&client, "open-preferences").await?;
            let dark = ui::wait_for(&client, &hook("pref-theme-dark")).await?;
            if dark.prop("checked").await?.as_deref() != Some("true") {
                return Err(HarnessError::Unexpected(
                    "Preferences do not show the dark theme chosen".into(),
                ));
            }
            Ok(())
        })
        .await
}

#[tokio::test]
async fn the_default_timeout_from_preferences_stops_a_slow_send() {
    let name = "the_default_timeout_from_preferences_stops_a_slow_send";
    let slow = Server::start(|_| Reply::text("late").delay(Duration::from_secs(4)));
    if let Err(e) = timeout_from_preferences(name, &slow).await {
        panic!("{e}");
    }
    assert_eq!(slow.hits().len(), 1, "the request went out once");
}

async fn timeout_from_preferences(name: &str, slow: &Server) -> Result<()> {
    let scratch = Scratch::new("prefs-timeout")?;
    seed(&scratch, &slow.url("/slow"))?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            click(&client, "open-preferences").await?;
            set_field(&client, "setting-timeoutMs", "600").await?;
            click(&client, "preferences-close").await?;
            let started = std::time::Instant::now();
            open_request_and_send(&client).await?;
            ui::wait_for_text_containing(&client, &hook("response-error"), "timed out").await?;
            if started.elapsed() > Duration::from_secs(3) {
                return Err(HarnessError::Unexpected(format!(
                    "the send took {:?}: the 600 ms timeout was not used",
                    started.elapsed()
                )));
            }
            Ok(())
        })
        .await
}

#[tokio::test]
async fn an_app_level_proxy_from_preferences_relays_a_send() {
    let name = "an_app_level_proxy_from_preferences_relays_a_send";
    let server = Server::start(|_| Reply::text("through the app proxy"));
    let proxy = HttpProxy::start(USER, PASSWORD);
    if let Err(e) = proxy_from_preferences(name, &server, &proxy).await {
        panic!("{e}");
    }
}

async fn proxy_from_preferences(name: &str, server: &Server, proxy: &HttpProxy) -> Result<()> {
    let scratch = Scratch::new("prefs-proxy")?;
    let target = server.url("/via-app-proxy");
    seed(&scratch, &target)?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            click(&client, "open-preferences").await?;
            into_view(&client, "setting-proxy-mode").await?;
            ui::select(&client, &hook("setting-proxy-mode"), "custom").await?;
            saved(&client).await?;
            set_field(
                &client,
                "setting-proxy-url",
                &format!("http://{}", proxy.addr),
            )
            .await?;
            set_field(&client, "setting-proxy-username", USER).await?;
            set_field(&client, "setting-proxy-password", PASSWORD).await?;
            click(&client, "preferences-close").await?;
            open_request_and_send(&client).await?;
            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
            ui::wait_for_text_containing(&client, &hook("response-body"), "app proxy").await?;
            let seen = proxy.seen();
            if !seen
                .iter()
                .any(|s| s.request.contains(&target) && s.is_allowed)
            {
                return Err(HarnessError::Unexpected(format!(
                    "the proxy did not relay {target} with the credentials: {seen:?}"
                )));
            }
            Ok(())
        })
        .await?;
    // The password typed into Preferences is sealed in the store file.
    let db = std::fs::read(scratch.data.path().join(localpost_core::store::FILE_NAME))
        .map_err(HarnessError::io("read the store"))?;
    let wal_path = scratch
        .data
        .path()
        .join(format!("{}-wal", localpost_core::store::FILE_NAME));
    let wal = std::fs::read(wal_path).unwrap_or_default();
    for bytes in [db, wal] {
        if bytes
            .windows(PASSWORD.len())
            .any(|w| w == PASSWORD.as_bytes())
        {
            return Err(HarnessError::Unexpected(
                "the proxy password is plain in the store".into(),
            ));
        }
    }
    Ok(())
}
