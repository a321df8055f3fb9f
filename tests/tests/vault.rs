//! The vault manager, end to end: a secret added in the manager (value typed into a password
//! field, limited to the loopback host) lands in the real OS keychain of the test session, is
//! listed by name with its value masked until revealed, and a request with header
//! `X-Key: {{vault:e2e_key}}` reaches a loopback server with the value; the URL marks a
//! `{{vault:…}}` token as secret.
//!
//! Run through `scripts/e2e.sh a_vault_secret` (see `desktop.rs`).

use crate::server;

use fantoccini::Client;
use localpost_core::vault::{Keychain, OsKeychain};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const SECRET: &str = "e2e-vault-5b7e21c4";

#[tokio::test]
async fn a_vault_secret_added_in_the_manager_is_in_the_keychain_and_sent() {
    let name = "a_vault_secret_added_in_the_manager_is_in_the_keychain_and_sent";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = Server::start(|_| Reply::text("ok"));
    if let Err(e) = add_and_send(name, &server).await {
        panic!("{e} ({e:?})");
    }
}

async fn add_and_send(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("vault")?;
    let service = scratch.service.as_str();
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            add_secret(&client).await?;
            check_keychain(service)?;
            send_with_secret(&client, server).await
        })
        .await?;
    let hit = server.hit();
    let key = hit.header("x-key").unwrap_or_default();
    if key != SECRET {
        return Err(HarnessError::Unexpected(format!(
            "server received X-Key {key:?}"
        )));
    }
    // Tidy the test session's keychain.
    let _ = OsKeychain::new(service).delete("vault:e2e_key");
    Ok(())
}

/// Opens the manager, adds `e2e_key` for `127.0.0.1`, checks it is listed masked, reveals it.
async fn add_secret(client: &Client) -> Result<()> {
    ui::click(client, &hook("open-vault")).await?;
    // The name field has the focus: the form is filled by keyboard and submitted with Enter.
    let name = ui::wait_for(client, &hook("vault-new-name")).await?;
    name.send_keys("e2e_key").await?;
    let value = ui::wait_for(client, &hook("vault-new-value")).await?;
    if value.attr("type").await?.as_deref() != Some("password") {
        return Err(HarnessError::Unexpected(
            "the value field is not masked".into(),
        ));
    }
    value.send_keys(SECRET).await?;
    let domains = ui::wait_for(client, &hook("vault-new-domains")).await?;
    ui::type_and_enter(&domains, "127.0.0.1").await?;
    ui::wait_for_text(client, &hook("vault-status"), "Secret “e2e_key” saved").await?;
    let row = ui::wait_for_row(client, "vault-row", "{{vault:e2e_key}}").await?;
    let shown = ui::text_content(&row).await?;
    if shown.contains(SECRET) {
        return Err(HarnessError::Unexpected("the list shows the value".into()));
    }
    ui::wait_for_value(client, &hook("vault-domains"), "127.0.0.1").await?;
    ui::click(client, &hook("vault-reveal")).await?;
    ui::wait_for_text(client, &hook("vault-value"), SECRET).await?;
    ui::click(client, &hook("vault-close")).await?;
    Ok(())
}

/// The value is in the session's real keychain under the vault's account.
fn check_keychain(service: &str) -> Result<()> {
    let stored = OsKeychain::new(service)
        .get("vault:e2e_key")
        .map_err(|e| HarnessError::Unexpected(format!("keychain: {e}")))?;
    match stored.as_ref().and_then(|s| s.expose_str()) {
        Some(SECRET) => Ok(()),
        _ => Err(HarnessError::Unexpected(
            "the keychain does not hold the secret's value".into(),
        )),
    }
}

/// A request with `{{vault:e2e_key}}` in a header, sent to the loopback server.
async fn send_with_secret(client: &Client, server: &Server) -> Result<()> {
    ui::new_request(client, "Vault", "Keyed").await?;
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(
        &url,
        &format!("{}?k={{{{vault:e2e_key}}}}", server.url("/echo")),
    )
    .await?;
    ui::wait_for(
        client,
        "[data-testid=\"url-var\"][data-state=\"secret\"][data-name=\"vault:e2e_key\"]",
    )
    .await?;
    ui::replace_text(&url, &server.url("/echo")).await?;
    ui::click(client, &hook("tab-headers")).await?;
    ui::wait_for(client, &hook("header-key"))
        .await?
        .send_keys("X-Key")
        .await?;
    let value = ui::wait_for(client, &hook("header-value")).await?;
    value.send_keys("{{vault:e2e_key}}").await?;
    ui::click(client, &hook("send")).await?;
    ui::wait_for_text(client, &hook("response-status"), "200 OK").await
}
