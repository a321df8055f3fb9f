//! Environments from the window, end to end: an environment made in the manager with a plain
//! `base` (a loopback server's origin) and a secret `token` is made active; a request
//! `{{base}}/echo` with `X-Token: {{token}}` reaches the server resolved, and the secret's value
//! is in none of the data directory's files (it lives in the keychain). The secret is masked
//! until revealed, and Ctrl+E focuses the environment switcher.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use crate::server;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const SECRET: &str = "e2e-secret-7f3a9c1d";

#[tokio::test]
async fn an_active_environment_resolves_a_request_and_keeps_its_secret_out_of_the_store() {
    let name = "an_active_environment_resolves_a_request_and_keeps_its_secret_out_of_the_store";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = Server::start(|_| Reply::text("ok"));
    if let Err(e) = environment_resolves_a_request(name, &server).await {
        panic!("{e}");
    }
}

async fn environment_resolves_a_request(name: &str, server: &Server) -> Result<()> {
    let base = server.url("");
    let base = base.trim_end_matches('/').to_string();
    let scratch = Scratch::new("environments")?;
    let data = &scratch.data;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            make_environment(&client, &base).await?;
            build_request(&client).await?;
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;

            // Ctrl+E from the URL field focuses the environment switcher.
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::press_ctrl(&url, "e").await?;
            let focused = client.active_element().await?;
            let testid = focused.attr("data-testid").await?.unwrap_or_default();
            if testid != "environment-select" {
                return Err(HarnessError::Unexpected(format!(
                    "Ctrl+E focused {testid:?}, not the environment switcher"
                )));
            }
            Ok(())
        })
        .await?;

    let hit = server.hit();
    let token = hit.header("x-token").unwrap_or_default();
    if hit.target != "/echo" || token != SECRET {
        return Err(HarnessError::Unexpected(format!(
            "server received {} with X-Token {token:?}",
            hit.target
        )));
    }
    check_data_dir(data.path(), &base)
}

/// Creates environment "Local" with `base` and a secret `token`, saves it, checks the secret is
/// masked and revealed on request, and makes it active.
async fn make_environment(client: &Client, base: &str) -> Result<()> {
    ui::click(client, &hook("manage-environments")).await?;
    ui::click(client, &hook("new-environment")).await?;
    let input = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&input, "Local").await?;
    let row = ui::wait_for_row(client, "environment-row", "Local").await?;
    let id = row.attr("data-id").await?.unwrap_or_default();

    ui::wait_for(client, &hook("variable-key"))
        .await?
        .send_keys("base")
        .await?;
    nth(client, "variable-value", 0)
        .await?
        .send_keys(base)
        .await?;
    nth(client, "variable-key", 1)
        .await?
        .send_keys("token")
        .await?;
    nth(client, "variable-secret", 1).await?.click().await?;
    let value = nth(client, "variable-value", 1).await?;
    value.send_keys(SECRET).await?;
    if value.attr("type").await?.as_deref() != Some("password") {
        return Err(HarnessError::Unexpected(
            "a secret value is not masked".into(),
        ));
    }
    ui::click(client, &hook("save-variables")).await?;
    ui::wait_for_text(client, &hook("variables-status"), "Variables saved").await?;

    // Stored: masked and empty until revealed from the keychain.
    let value = nth(client, "variable-value", 1).await?;
    if !ui::value(&value).await?.is_empty() {
        return Err(HarnessError::Unexpected(
            "a stored secret's value is in the page".into(),
        ));
    }
    ui::click(client, &hook("variable-reveal")).await?;
    ui::wait_until("the revealed secret", || async {
        let value = nth(client, "variable-value", 1).await?;
        Ok((ui::value(&value).await? == SECRET).then_some(()))
    })
    .await?;

    ui::select(client, &hook("environment-select"), &id).await?;
    ui::wait_for_text_containing(client, &hook("environment-row"), "(active)").await?;
    Ok(())
}

/// Creates collection > request `{{base}}/echo` with header `X-Token: {{token}}`.
async fn build_request(client: &Client) -> Result<()> {
    ui::new_request(client, "Env", "Echo").await?;
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, "{{base}}/echo").await?;
    ui::click(client, &hook("tab-headers")).await?;
    ui::wait_for(client, &hook("header-key"))
        .await?
        .send_keys("X-Token")
        .await?;
    nth(client, "header-value", 0)
        .await?
        .send_keys("{{token}}")
        .await?;
    Ok(())
}

/// The `index`th element with test id `id`.
async fn nth(client: &Client, id: &str, index: usize) -> Result<Element> {
    let selector = hook(id);
    ui::wait_until(&format!("{selector} number {}", index + 1), || async {
        let all = client.find_all(Locator::Css(&selector)).await?;
        Ok(all.into_iter().nth(index))
    })
    .await
}

/// No file of the data directory holds the secret; the store file holds the plain `base`.
fn check_data_dir(dir: &std::path::Path, base: &str) -> Result<()> {
    let mut all = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| HarnessError::Setup(e.to_string()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| HarnessError::Setup(e.to_string()))?;
        if contains(&bytes, SECRET) {
            return Err(HarnessError::Unexpected(format!(
                "{} holds the secret value",
                path.display()
            )));
        }
        all.extend(bytes);
    }
    if !contains(&all, base) {
        return Err(HarnessError::Unexpected(format!(
            "the data directory does not hold {base:?}: wrong directory?"
        )));
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
