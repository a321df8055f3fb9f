//! The command palette and the shortcut sheet end to end (issue 12): Ctrl+K opens the palette,
//! typing ranks requests fuzzily, Enter opens the chosen request in the editor; Ctrl+/ shows
//! the shortcut sheet listing Ctrl+K; Escape closes each. Keyboard only.
//!
//! Run through `scripts/e2e.sh palette` (see `desktop.rs`).

use std::path::Path;

use fantoccini::Client;
use fantoccini::key::Key;
use localpost_core::model::{NewFolder, NewRequest, Parent};
use localpost_core::store::{FILE_NAME, Store};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

fn seed(data: &Path) -> Result<()> {
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("seed: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let ws = store.ensure_workspace().map_err(fail)?;
    let coll = store.create_collection(ws.id, "Shop").map_err(fail)?;
    let users = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Users".into(),
        })
        .map_err(fail)?;
    for name in ["Get user", "Create user", "Delete user"] {
        store
            .create_request(NewRequest::new(Parent::Folder(users.id), name))
            .map_err(fail)?;
    }
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Health"))
        .map_err(fail)?;
    Ok(())
}

/// Presses Ctrl+`key` wherever the focus is.
async fn ctrl(client: &Client, key: &str) -> Result<()> {
    let focused = client.active_element().await?;
    Ok(focused.send_keys(&(Key::Control + key)).await?)
}

#[tokio::test]
async fn palette_opens_a_request_by_keyboard() {
    let name = "palette_opens_a_request_by_keyboard";
    if let Err(e) = run(name).await {
        panic!("{e}");
    }
}

async fn run(name: &str) -> Result<()> {
    let scratch = Scratch::new("palette")?;
    seed(scratch.data.path())?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for_row(&client, "tree-request", "Health").await?;
            ctrl(&client, "k").await?;
            let input = ui::wait_for(&client, &hook("palette-input")).await?;
            input.send_keys("crt usr").await?;
            ui::wait_for_text_containing(&client, &hook("palette-results"), "Create user").await?;
            input.send_keys(&Key::Enter.to_string()).await?;
            ui::wait_for_value(&client, &hook("request-name"), "Create user").await?;

            // Again, choosing with the arrows: the second match for "user".
            ctrl(&client, "k").await?;
            let input = ui::wait_for(&client, &hook("palette-input")).await?;
            input.send_keys("delete user").await?;
            ui::wait_for_text_containing(&client, &hook("palette-results"), "Delete user").await?;
            input.send_keys(&Key::Enter.to_string()).await?;
            ui::wait_for_value(&client, &hook("request-name"), "Delete user").await?;

            // The shortcut sheet lists the palette's key; Escape closes it.
            ctrl(&client, "/").await?;
            ui::wait_for_text_containing(&client, &hook("shortcut-sheet"), "Ctrl+K").await?;
            ui::press(&client, Key::Escape).await?;
            ui::wait_until("the shortcut sheet to close", || async {
                match client
                    .find(fantoccini::Locator::Css(&hook("shortcut-sheet")))
                    .await
                {
                    Ok(_) => Ok(None),
                    Err(e) if e.is_no_such_element() => Ok(Some(())),
                    Err(e) => Err(e.into()),
                }
            })
            .await
        })
        .await
}
