//! Screenshots of the main screens, light and dark, for reviewers who do not start the app:
//! `tests/artifacts/screens/{request,runner,environments,preferences,collection}-{light,dark}.png`
//! (gitignored). The theme is switched the way a user does, in Preferences; each screen is
//! checked to be there (and in the theme asked for) before it is captured.
//!
//! Run through `scripts/e2e.sh screens` (see `desktop.rs`); every full e2e run writes them.

use crate::server;

use fantoccini::Client;
use fantoccini::key::Key;
use localpost_core::model::{NewFolder, NewRequest, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch, screens};
use server::{Reply, Server};

const BODY: &str = r#"{"users":[{"id":1,"name":"Ada Lovelace","roles":["admin","dev"],"active":true},{"id":2,"name":"Alan Turing","roles":["dev"],"active":false}],"total":2}"#;

#[tokio::test]
async fn screenshots_of_the_main_screens_in_light_and_dark() {
    let name = "screenshots_of_the_main_screens_in_light_and_dark";
    let server = Server::start(|_| {
        Reply::text(BODY)
            .header("Content-Type", "application/json")
            .header("Set-Cookie", "session=abc; Path=/")
    });
    if let Err(e) = run(name, &server).await {
        panic!("{e}");
    }
    for theme in ["light", "dark"] {
        for screen in [
            "request",
            "runner",
            "environments",
            "preferences",
            "collection",
        ] {
            let path = screens::dir().join(format!("{screen}-{theme}.png"));
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            assert!(size > 1000, "{} missing or empty", path.display());
        }
    }
}

fn seed(scratch: &Scratch, server: &Server) -> Result<()> {
    let setup = |e: localpost_core::store::StoreError| HarnessError::Setup(e.to_string());
    let store = Store::open_dir(scratch.data.path()).map_err(setup)?;
    let ws = store.create_workspace("Personal").map_err(setup)?;
    let mut coll = store.create_collection(ws.id, "Users API").map_err(setup)?;
    coll.description = "# Users API\n\nThe **users** service: list, create and find users.\n\n- `GET /users` lists them\n- `POST /users` creates one\n\n> Needs a bearer token from the *Auth* tab.".into();
    store.update_collection(&coll).map_err(setup)?;
    let folder = store
        .create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: "Admin".into(),
        })
        .map_err(setup)?;
    store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), "List users")
                .url(server.url("/users?active=true")),
        )
        .map_err(setup)?;
    store
        .create_request(
            NewRequest::new(Parent::Folder(folder.id), "Create user")
                .method("POST")
                .url(server.url("/users")),
        )
        .map_err(setup)?;
    Ok(())
}

async fn click(client: &Client, hook_id: &str) -> Result<()> {
    ui::click(client, &hook(hook_id)).await
}

async fn set_theme(client: &Client, theme: &str) -> Result<()> {
    click(client, "open-preferences").await?;
    click(client, &format!("pref-theme-{theme}")).await?;
    ui::wait_for_text(client, &hook("pref-status"), "Preferences saved").await?;
    ui::wait_until(&format!("the {theme} theme"), || async {
        let got = client
            .execute(
                "return document.documentElement.dataset.theme ?? ''",
                vec![],
            )
            .await?;
        Ok((got.as_str() == Some(theme)).then_some(()))
    })
    .await
}

async fn screens_in(client: &Client, theme: &str) -> Result<()> {
    set_theme(client, theme).await?;
    screens::capture(client, &format!("preferences-{theme}")).await?;
    click(client, "preferences-close").await?;

    ui::wait_for_row(client, "tree-request", "List users")
        .await?
        .click()
        .await?;
    ui::wait_for_value(client, &hook("request-name"), "List users").await?;
    click(client, "send").await?;
    ui::wait_for_text(client, &hook("response-status"), "200 OK").await?;
    ui::wait_for_text_containing(client, &hook("response-body"), "Ada Lovelace").await?;
    // A search field holding text shows its clear button (a cross the app's style sheet draws).
    let search = ui::wait_for(client, &hook("history-search")).await?;
    ui::replace_text(&search, "users").await?;
    screens::capture(client, &format!("request-{theme}")).await?;

    let row = ui::wait_for_row(client, "tree-collection", "Users API").await?;
    ui::click_row_action(client, &row, "settings").await?;
    ui::wait_for_text_containing(client, &hook("overview-rendered"), "users service").await?;
    screens::capture(client, &format!("collection-{theme}")).await?;
    ui::press(client, Key::Escape).await?;

    click(client, "open-runner").await?;
    ui::wait_for(client, &hook("runner-run")).await?;
    screens::capture(client, &format!("runner-{theme}")).await?;

    click(client, "manage-environments").await?;
    ui::wait_for(client, &hook("new-environment")).await?;
    screens::capture(client, &format!("environments-{theme}")).await?;
    Ok(())
}

async fn run(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("screens")?;
    seed(&scratch, server)?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            // A window the size of a laptop screen.
            client.set_window_size(1400, 900).await?;
            screens_in(&client, "light").await?;
            screens_in(&client, "dark").await
        })
        .await
}
