//! A request's proxy set in its Settings tab, end to end: a custom HTTP proxy on loopback that
//! wants Basic credentials relays the send to a loopback server, the response arrives through
//! it, and the proxy saw the request with the credentials typed in the form. Then "None" sends
//! directly, and the proxy sees nothing more.
//!
//! Run through `scripts/e2e.sh proxy_settings` (see `desktop.rs`).

use crate::server;

use crate::proxies;

use fantoccini::Client;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use proxies::HttpProxy;
use server::{Reply, Server};

const USER: &str = "proxy-ada";
const PASSWORD: &str = "pr0xy pass";

#[tokio::test]
async fn a_custom_proxy_from_the_settings_tab_relays_the_send() {
    let name = "a_custom_proxy_from_the_settings_tab_relays_the_send";
    let server = Server::start(|_| Reply::text("through"));
    let proxy = HttpProxy::start(USER, PASSWORD);
    if let Err(e) = through_proxy(name, &server, &proxy).await {
        panic!("{e}");
    }
}

/// Scrolls the element `hook_id` to the middle of its pane: the settings run below the fold,
/// and WebKitWebDriver will not pick an option of a select it cannot see whole.
async fn into_view(client: &Client, hook_id: &str) -> Result<()> {
    let element = ui::wait_for(client, &hook(hook_id)).await?;
    let arg = serde_json::to_value(&element).map_err(|e| HarnessError::Setup(e.to_string()))?;
    client
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
        .await?;
    Ok(())
}

async fn choose_proxy(client: &Client, mode: &str) -> Result<()> {
    into_view(client, "setting-proxy-mode").await?;
    ui::select(client, &hook("setting-proxy-mode"), mode).await
}

async fn field(client: &Client, hook_id: &str, text: &str) -> Result<()> {
    into_view(client, hook_id).await?;
    let input = ui::wait_for(client, &hook(hook_id)).await?;
    ui::replace_text(&input, text).await?;
    // Settings save on change: leave the field.
    input.send_keys("\t").await?;
    Ok(())
}

async fn through_proxy(name: &str, server: &Server, proxy: &HttpProxy) -> Result<()> {
    let scratch = Scratch::new("proxy")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    let target = server.url("/via");
    session
        .run(async {
            ui::new_request(&client, "Proxied", "Via proxy").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &target).await?;
            ui::click(&client, &hook("tab-settings")).await?;
            choose_proxy(&client, "custom").await?;
            field(&client, "setting-proxy-url", &format!("http://{}", proxy.addr)).await?;
            field(&client, "setting-proxy-username", USER).await?;
            field(&client, "setting-proxy-password", PASSWORD).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
            ui::wait_for_text_containing(&client, &hook("response-body"), "through").await?;

            let seen = proxy.seen();
            let relayed = seen
                .iter()
                .any(|s| s.request.contains(&target) && s.is_allowed);
            if !relayed {
                return Err(HarnessError::Unexpected(format!(
                    "the proxy did not relay {target}: {seen:?}"
                )));
            }

            // "None": straight to the server.
            choose_proxy(&client, "none").await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_until("the second send to reach the server", || async {
                Ok((server.hits().len() >= 2).then_some(()))
            })
            .await?;
            let after = proxy.seen().len();
            if after != seen.len() || server.hits().len() != 2 {
                return Err(HarnessError::Unexpected(format!(
                    "with no proxy the proxy saw {after} connections (before: {}), the server {} requests",
                    seen.len(),
                    server.hits().len()
                )));
            }
            Ok(())
        })
        .await
}
