//! A folder's view, end to end: seeded collection "Team" > folder "Admin" > request "Who", the
//! folder's view opened in a tab from its row's Settings, its auth (a bearer token typed in),
//! variables and Markdown description edited and saved; then a send of the request in it, and
//! the loopback server sees the folder's token and variable. The description shows rendered
//! with its HTML escaped.
//!
//! Run through `scripts/e2e.sh folder_view` (see `desktop.rs`).

use crate::server;

use fantoccini::Client;
use localpost_core::model::{NewFolder, NewRequest, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

const TOKEN: &str = "folder-token-7c1";

#[tokio::test]
async fn a_folders_auth_and_variables_edited_in_its_view_reach_the_server() {
    let name = "a_folders_auth_and_variables_edited_in_its_view_reach_the_server";
    let server = Server::start(|_| Reply::text("hi"));
    if let Err(e) = run(name, &server).await {
        panic!("{e}");
    }
    let hit = server.hit();
    assert_eq!(hit.target, "/from-folder");
    assert_eq!(
        hit.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

fn seed(scratch: &Scratch, url: &str) -> Result<()> {
    let setup = |e: localpost_core::store::StoreError| HarnessError::Setup(e.to_string());
    let store = Store::open_dir(scratch.data.path()).map_err(setup)?;
    let ws = store.create_workspace("Personal").map_err(setup)?;
    let coll = store.create_collection(ws.id, "Team").map_err(setup)?;
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Admin".into(),
        })
        .map_err(setup)?;
    store
        .create_request(NewRequest::new(Parent::Folder(folder.id), "Who").url(url))
        .map_err(setup)?;
    Ok(())
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

async fn nth(
    client: &Client,
    hook_id: &str,
    index: usize,
) -> Result<fantoccini::elements::Element> {
    ui::wait_until(&format!("{hook_id} #{index}"), || async {
        let all = client
            .find_all(fantoccini::Locator::Css(&hook(hook_id)))
            .await?;
        Ok(all.into_iter().nth(index))
    })
    .await
}

async fn run(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("folder-view")?;
    seed(&scratch, &server.url("/{{segment}}"))?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            let row = ui::wait_for_row(&client, "tree-folder", "Admin").await?;
            ui::click_row_action(&client, &row, "settings").await?;
            ui::wait_for(&client, &hook("folder-view")).await?;

            // Overview: a Markdown description with raw HTML in it.
            click(&client, "overview-toggle").await?;
            let text = ui::wait_for(&client, &hook("overview-description")).await?;
            text.send_keys("# Admin calls\n\n<b id=\"raw\">not bold</b>")
                .await?;
            click(&client, "overview-toggle").await?;
            ui::wait_for_text_containing(&client, &hook("overview-rendered"), "Admin calls")
                .await?;
            let injected = client
                .execute("return document.getElementById('raw') !== null", vec![])
                .await?;
            if injected != serde_json::Value::Bool(false) {
                return Err(HarnessError::Unexpected(
                    "raw HTML of the description reached the page".into(),
                ));
            }

            // Auth: a bearer token typed into the folder.
            click(&client, "collection-tab-auth").await?;
            ui::select(&client, &hook("auth-type"), "bearer").await?;
            let token = ui::wait_for(&client, &hook("auth-token")).await?;
            token.send_keys(TOKEN).await?;
            token.send_keys("\t").await?;
            click(&client, "collection-save").await?;
            ui::wait_for_text(&client, &hook("collection-status"), "Folder settings saved").await?;

            // Variables: segment = from-folder.
            click(&client, "collection-tab-variables").await?;
            nth(&client, "variable-key", 0)
                .await?
                .send_keys("segment")
                .await?;
            nth(&client, "variable-value", 0)
                .await?
                .send_keys("from-folder")
                .await?;
            click(&client, "save-variables").await?;
            ui::wait_for_text(&client, &hook("variables-status"), "Variables saved").await?;
            // The folder's tab gives way to the request's (nothing unsaved to ask about).
            ui::wait_for_row(&client, "tree-request", "Who")
                .await?
                .click()
                .await?;
            ui::wait_for_value(&client, &hook("request-name"), "Who").await?;
            click(&client, "send").await?;
            ui::wait_for_text(&client, &hook("response-status"), "200 OK").await?;
            Ok(())
        })
        .await
}
