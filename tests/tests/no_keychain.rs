//! No OS keychain, end to end: the app is started without a session bus (so no Secret
//! Service). It says so in a banner, and offers the vault file instead of any plain-text
//! fallback; once created with a passphrase (typed twice, submitted by keyboard), a vault
//! secret added in the manager is sealed in that file (never in plain text on disk) and
//! `{{vault:NAME}}` reaches a loopback server.
//!
//! Run through `scripts/e2e.sh without_a_keychain` (see `desktop.rs`).

use crate::server;

use fantoccini::Client;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const SECRET: &str = "e2e-file-vault-93d1aa07";
const PASSPHRASE: &str = "correct horse battery";

#[tokio::test]
async fn without_a_keychain_the_app_says_so_and_keeps_secrets_in_a_vault_file() {
    let name = "without_a_keychain_the_app_says_so_and_keeps_secrets_in_a_vault_file";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = Server::start(|_| Reply::text("ok"));
    if let Err(e) = use_a_vault_file(name, &server).await {
        panic!("{e} ({e:?})");
    }
}

async fn use_a_vault_file(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("no-keychain")?;
    let data = &scratch.data;
    let mut env = scratch.env();
    let no_bus = "unix:path=/nonexistent/localpost-e2e-bus";
    env.push(("DBUS_SESSION_BUS_ADDRESS", no_bus.as_ref()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            create_vault_file(&client).await?;
            add_secret(&client).await?;
            send_with_secret(&client, server).await
        })
        .await?;
    let hit = server.hit();
    if hit.header("x-key") != Some(SECRET) {
        return Err(HarnessError::Unexpected(format!(
            "server received X-Key {:?}",
            hit.header("x-key")
        )));
    }
    let file = std::fs::read(data.path().join("vault.lpvault"))
        .map_err(|e| HarnessError::Unexpected(format!("no vault file: {e}")))?;
    if file.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()) {
        return Err(HarnessError::Unexpected(
            "the vault file holds the secret in plain text".into(),
        ));
    }
    Ok(())
}

async fn create_vault_file(client: &Client) -> Result<()> {
    ui::wait_for_text_containing(client, &hook("keychain-banner"), "No OS keychain").await?;
    ui::click(client, &hook("use-vault-file")).await?;
    let pass = ui::wait_for(client, &hook("vault-passphrase")).await?;
    pass.send_keys(PASSPHRASE).await?;
    let again = ui::wait_for(client, &hook("vault-passphrase-again")).await?;
    ui::type_and_enter(&again, PASSPHRASE).await?;
    ui::wait_until("the banner to go", || async {
        let gone = client
            .find(fantoccini::Locator::Css(&hook("keychain-banner")))
            .await
            .is_err();
        Ok(gone.then_some(()))
    })
    .await
}

async fn add_secret(client: &Client) -> Result<()> {
    ui::click(client, &hook("open-vault")).await?;
    ui::wait_for(client, &hook("vault-new-name"))
        .await?
        .send_keys("filed")
        .await?;
    let value = ui::wait_for(client, &hook("vault-new-value")).await?;
    ui::type_and_enter(&value, SECRET).await?;
    ui::wait_for_text(client, &hook("vault-status"), "Secret “filed” saved").await?;
    ui::click(client, &hook("vault-close")).await?;
    Ok(())
}

async fn send_with_secret(client: &Client, server: &Server) -> Result<()> {
    ui::new_request(client, "Filed", "Keyed").await?;
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, &server.url("/echo")).await?;
    ui::click(client, &hook("tab-headers")).await?;
    ui::wait_for(client, &hook("header-key"))
        .await?
        .send_keys("X-Key")
        .await?;
    ui::wait_for(client, &hook("header-value"))
        .await?
        .send_keys("{{vault:filed}}")
        .await?;
    ui::click(client, &hook("send")).await?;
    ui::wait_for_text(client, &hook("response-status"), "200 OK").await
}
