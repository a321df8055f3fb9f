//! The Import dialog's preview, end to end (issues 4 and 5): re-importing a collection with the
//! same `_postman_id` asks Replace or Import as a copy, and each answer gives the tree it says;
//! a plain `Authorization: Bearer eyJ…` header found on import is listed, moved into the vault
//! in one click, and the request then reads `{{vault:NAME}}` while the vault manager lists the
//! secret and the session's real keychain holds its value.
//!
//! The native open dialog is answered by `LOCALPOST_TEST_OPEN_FILE` (debug builds, see
//! `import_export.rs`); the files are written by the test into its data directory.
//! Run through `scripts/e2e.sh import_preview` (see `desktop.rs`).

use std::path::Path;

use fantoccini::{Client, Locator};
use localpost_core::vault::{Keychain, OsKeychain};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use serde_json::json;

/// A JWT-shaped token (header `{"alg":"HS256"}`), not a real credential.
const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUtaW1wb3J0In0.c2lnbmF0dXJlLWZvci1lMmU";

fn unexpected(message: String) -> HarnessError {
    HarnessError::Unexpected(message)
}

/// Writes a v2.1 collection `name` with one request `Me` carrying `header`, under a fixed id.
fn write_collection(path: &Path, name: &str, header: (&str, &str)) -> Result<()> {
    let collection = json!({
        "info": {
            "_postman_id": "5d0c2b1a-9e8f-4a7b-8c6d-e2e000000001",
            "name": name,
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [{
            "name": "Me",
            "request": {
                "method": "GET",
                "url": "https://api.example.test/me",
                "header": [{ "key": header.0, "value": header.1 }]
            }
        }]
    });
    std::fs::write(path, collection.to_string()).map_err(|e| HarnessError::Setup(e.to_string()))
}

/// Opens the Import dialog, chooses the file (the test's answer) and waits for the preview.
async fn preview(client: &Client, name: &str) -> Result<()> {
    ui::click(client, &hook("import")).await?;
    ui::click(client, &hook("import-choose")).await?;
    ui::wait_for_text_containing(client, &hook("import-preview"), name).await?;
    Ok(())
}

/// Presses Import and waits for the report naming `name`, then closes the dialog.
async fn commit(client: &Client, name: &str) -> Result<String> {
    ui::click(client, &hook("import-commit")).await?;
    ui::wait_for_text_containing(client, &hook("import-result"), name).await?;
    let report = ui::text_content(&ui::wait_for(client, &hook("import-result")).await?).await?;
    ui::click(client, &hook("import-close")).await?;
    Ok(report)
}

/// Waits until the tree shows exactly `count` collections named `name`.
async fn wait_for_collections(client: &Client, name: &str, count: usize) -> Result<()> {
    let selector = hook("tree-collection");
    ui::wait_until(&format!("{count} collections {name:?}"), || async {
        let mut found = 0;
        for row in client.find_all(Locator::Css(&selector)).await? {
            if ui::text_content(&row).await?.contains(name) {
                found += 1;
            }
        }
        Ok((found == count).then_some(()))
    })
    .await
}

#[tokio::test]
async fn import_preview_reimport_asks_replace_or_copy() {
    let name = "import_preview_reimport_asks_replace_or_copy";
    if let Err(e) = reimport(name).await {
        panic!("{e}");
    }
}

async fn reimport(name: &str) -> Result<()> {
    let scratch = Scratch::new("import-dup")?;
    let file = scratch.data.path().join("dup.postman_collection.json");
    write_collection(&file, "Dup API", ("Accept", "application/json"))?;
    let mut env = scratch.env();
    env.push(("LOCALPOST_TEST_OPEN_FILE", file.as_os_str()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for(&client, &hook("new-collection")).await?;
            preview(&client, "Dup API").await?;
            commit(&client, "Dup API").await?;
            wait_for_collections(&client, "Dup API", 1).await?;

            // The same file again: the preview names the clash and Import waits for an answer.
            preview(&client, "Dup API").await?;
            ui::wait_for_text_containing(&client, &hook("import-duplicate"), "Dup API").await?;
            let import = ui::wait_for(&client, &hook("import-commit")).await?;
            if import.is_enabled().await? {
                return Err(unexpected("Import is enabled before Replace/Copy".into()));
            }
            let focused = client.active_element().await?;
            if focused.attr("data-testid").await?.as_deref() != Some("import-replace") {
                return Err(unexpected("the preview did not focus Replace".into()));
            }
            ui::click(&client, &hook("import-replace")).await?;
            commit(&client, "Dup API").await?;
            wait_for_collections(&client, "Dup API", 1).await?;

            // Once more, as a copy: both stay.
            preview(&client, "Dup API").await?;
            ui::click(&client, &hook("import-copy")).await?;
            commit(&client, "Dup API").await?;
            wait_for_collections(&client, "Dup API", 2).await
        })
        .await
}

#[tokio::test]
async fn import_preview_moves_a_bearer_token_to_the_vault() {
    let name = "import_preview_moves_a_bearer_token_to_the_vault";
    if let Err(e) = move_token(name).await {
        panic!("{e}");
    }
}

async fn move_token(name: &str) -> Result<()> {
    let scratch = Scratch::new("import-move")?;
    let service = scratch.service.as_str();
    let file = scratch.data.path().join("tokens.postman_collection.json");
    let bearer = format!("Bearer {TOKEN}");
    write_collection(&file, "Tokens", ("Authorization", &bearer))?;
    let mut env = scratch.env();
    env.push(("LOCALPOST_TEST_OPEN_FILE", file.as_os_str()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    // `run` yields no value: the phase leaves the secret's name here.
    let moved = std::cell::RefCell::new(String::new());
    session
        .run(async {
            ui::wait_for(&client, &hook("new-collection")).await?;
            preview(&client, "Tokens").await?;
            let finding = ui::wait_for_row(&client, "import-finding", "Authorization").await?;
            if ui::text_content(&finding).await?.contains(TOKEN) {
                return Err(unexpected("the preview shows the token".into()));
            }
            ui::click(&client, &hook("import-move-all")).await?;
            let report = commit(&client, "Tokens").await?;
            let vault_name = vault_name_in(&report)?;

            // The request's header now refers to the vault.
            ui::wait_for_row(&client, "tree-request", "Me")
                .await?
                .click()
                .await?;
            ui::wait_for_value(&client, &hook("request-name"), "Me").await?;
            ui::click(&client, &hook("tab-headers")).await?;
            let reference = format!("{{{{vault:{vault_name}}}}}");
            let value = ui::wait_for(&client, &hook("header-value")).await?;
            let shown = ui::value(&value).await?;
            if !shown.contains(&reference) || shown.contains(TOKEN) {
                return Err(unexpected(format!("the header reads {shown:?}")));
            }

            // The vault manager lists it.
            ui::click(&client, &hook("open-vault")).await?;
            ui::wait_for_row(&client, "vault-row", &reference).await?;
            ui::click(&client, &hook("vault-close")).await?;
            moved.replace(vault_name);
            Ok(())
        })
        .await?;
    let vault_name = moved.into_inner();
    let account = format!("vault:{vault_name}");
    let stored = OsKeychain::new(service)
        .get(&account)
        .map_err(|e| unexpected(format!("keychain: {e}")))?;
    let _ = OsKeychain::new(service).delete(&account);
    match stored.as_ref().and_then(|s| s.expose_str()) {
        Some(v) if TOKEN.contains(v) && !v.is_empty() => Ok(()),
        _ => Err(unexpected(
            "the keychain does not hold the moved token".into(),
        )),
    }
}

/// The vault secret's name in the report's `now {{vault:NAME}}` line.
fn vault_name_in(report: &str) -> Result<String> {
    let start = report
        .find("{{vault:")
        .ok_or_else(|| unexpected(format!("the report names no vault secret: {report:?}")))?;
    let rest = &report[start + "{{vault:".len()..];
    let end = rest
        .find("}}")
        .ok_or_else(|| unexpected(format!("unterminated reference in {report:?}")))?;
    Ok(rest[..end].to_string())
}
