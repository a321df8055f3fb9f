//! The sidebar end to end (issue 12), on a collection seeded in the store file before the app
//! starts: filter as you type (by name and by URL, Escape clears), rename in place with F2,
//! duplicate from the row menu opened with Shift+F10, delete with Undo (undone, then left to
//! expire), and drag and drop of a request into a folder. The drag runs on pointer events, so
//! WebDriver's pointer actions drive it (WebKitWebDriver cannot drive native HTML5 drag and
//! drop). Each change is checked in the window and in the store file.
//!
//! Run through `scripts/e2e.sh sidebar` (see `desktop.rs`).

use std::path::Path;
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_core::model::{FolderId, NewFolder, NewRequest, Parent, RequestId, TreeNode};
use localpost_core::store::{FILE_NAME, Store};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

const COLLECTION: &str = "Shop";

struct Seeded {
    orders: FolderId,
    health: RequestId,
}

/// "Shop": folder "Orders" ("List orders"), folder "Users" ("Get user" with a test script,
/// "Create user"), then "Health".
fn seed(data: &Path) -> Result<Seeded> {
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("seed: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let ws = store.ensure_workspace().map_err(fail)?;
    let coll = store.create_collection(ws.id, COLLECTION).map_err(fail)?;
    let folder = |name: &str| {
        store.create_folder(NewFolder {
            parent: Parent::Collection(coll.id),
            name: name.into(),
        })
    };
    let orders = folder("Orders").map_err(fail)?;
    let users = folder("Users").map_err(fail)?;
    let request = |parent, name: &str, url: &str| {
        store.create_request(NewRequest::new(parent, name).url(format!("http://127.0.0.1:9{url}")))
    };
    request(Parent::Folder(orders.id), "List orders", "/orders").map_err(fail)?;
    let mut get = request(Parent::Folder(users.id), "Get user", "/users/1").map_err(fail)?;
    get.scripts.test = "pm.test('ok', () => {});".into();
    store.update_request(&get).map_err(fail)?;
    request(Parent::Folder(users.id), "Create user", "/users").map_err(fail)?;
    let health = request(Parent::Collection(coll.id), "Health", "/health").map_err(fail)?;
    Ok(Seeded {
        orders: orders.id,
        health: health.id,
    })
}

/// The names under the first collection, as `Folder[child,…]`, read from the store file.
fn stored_names(data: &Path) -> Result<Vec<String>> {
    fn names(nodes: &[TreeNode]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match n {
                TreeNode::Folder { name, children, .. } => {
                    format!("{name}[{}]", names(children).join(","))
                }
                TreeNode::Request { name, .. } => name.clone(),
            })
            .collect()
    }
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("read: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let ws = store.ensure_workspace().map_err(fail)?;
    let tree = store.tree(ws.id).map_err(fail)?;
    Ok(tree
        .collections
        .first()
        .map(|c| names(&c.children))
        .unwrap_or_default())
}

async fn wait_for_stored(data: &Path, want: &[&str]) -> Result<()> {
    ui::wait_until(&format!("the store to hold {want:?}"), || async {
        Ok((stored_names(data)? == want).then_some(()))
    })
    .await
}

/// The names of the request rows shown, in order.
async fn shown_requests(client: &Client) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for row in client.find_all(Locator::Css(&hook("tree-request"))).await? {
        out.push(row.attr("aria-label").await?.unwrap_or_default());
    }
    Ok(out)
}

async fn wait_for_requests(client: &Client, want: &[&str]) -> Result<()> {
    ui::wait_until(&format!("request rows {want:?}"), || async {
        Ok((shown_requests(client).await? == want).then_some(()))
    })
    .await
}

#[tokio::test]
async fn sidebar_filter_rename_duplicate_delete_undo_and_drag() {
    let name = "sidebar_filter_rename_duplicate_delete_undo_and_drag";
    if let Err(e) = run(name).await {
        panic!("{e}");
    }
}

async fn run(name: &str) -> Result<()> {
    let scratch = Scratch::new("sidebar")?;
    let data = scratch.data.path().to_path_buf();
    let seeded = seed(&data)?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for_row(&client, "tree-collection", COLLECTION).await?;
            filter(&client).await?;
            rename_with_f2(&client, &data).await?;
            duplicate_from_the_menu(&client, &data).await?;
            delete_and_undo(&client, &data).await?;
            drag_into_a_folder(&client, &data, &seeded).await
        })
        .await
}

async fn filter(client: &Client) -> Result<()> {
    let all = [
        "GET List orders",
        "GET Get user",
        "GET Create user",
        "GET Health",
    ];
    wait_for_requests(client, &all).await?;
    let input = ui::wait_for(client, &hook("tree-filter")).await?;
    input.click().await?;
    input.send_keys("users/1").await?;
    wait_for_requests(client, &["GET Get user"]).await?; // by URL
    ui::replace_text(&input, "ORDERS").await?;
    wait_for_requests(client, &["GET List orders"]).await?; // folder "Orders" matches too
    let mark = ui::wait_for(client, "[data-testid=\"tree-folder\"] mark").await?;
    if ui::text_content(&mark).await? != "Orders" {
        return Err(HarnessError::Unexpected(
            "the folder's match is not marked".into(),
        ));
    }
    input.send_keys(&Key::Escape.to_string()).await?;
    wait_for_requests(client, &all).await?;
    ui::wait_for_value(client, &hook("tree-filter"), "").await
}

async fn rename_with_f2(client: &Client, data: &Path) -> Result<()> {
    let row = ui::wait_for_row(client, "tree-request", "Health").await?;
    row.click().await?;
    ui::wait_for_value(client, &hook("request-name"), "Health").await?;
    row.send_keys(&Key::F2.to_string()).await?;
    let input = ui::wait_for(client, &hook("rename-input")).await?;
    ui::replace_text(&input, "Health check").await?;
    input.send_keys(&Key::Enter.to_string()).await?;
    ui::wait_for_row(client, "tree-request", "Health check").await?;
    ui::wait_for_value(client, &hook("request-name"), "Health check").await?;
    wait_for_stored(
        data,
        &[
            "Orders[List orders]",
            "Users[Get user,Create user]",
            "Health check",
        ],
    )
    .await
}

async fn duplicate_from_the_menu(client: &Client, data: &Path) -> Result<()> {
    let row = ui::wait_for_row(client, "tree-request", "Get user").await?;
    row.click().await?;
    row.send_keys(&format!("{}{}", Key::Shift, Key::F10))
        .await?;
    ui::click(client, &hook("menu-duplicate")).await?;
    wait_for_requests(
        client,
        &[
            "GET List orders",
            "GET Get user",
            "GET Get user copy",
            "GET Create user",
            "GET Health check",
        ],
    )
    .await?;
    wait_for_stored(
        data,
        &[
            "Orders[List orders]",
            "Users[Get user,Get user copy,Create user]",
            "Health check",
        ],
    )
    .await?;
    // The copy has the original's URL and script.
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("read: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let ws = store.ensure_workspace().map_err(fail)?;
    let tree = store.tree(ws.id).map_err(fail)?;
    let copy = find(&tree.collections[0].children, "Get user copy")
        .ok_or_else(|| HarnessError::Unexpected("no copy in the store".into()))?;
    let copy = store.request(copy).map_err(fail)?;
    if copy.url != "http://127.0.0.1:9/users/1" || !copy.scripts.test.contains("pm.test") {
        return Err(HarnessError::Unexpected(format!(
            "the copy lost its URL or script: {} / {:?}",
            copy.url, copy.scripts.test
        )));
    }
    Ok(())
}

fn find(nodes: &[TreeNode], wanted: &str) -> Option<RequestId> {
    nodes.iter().find_map(|n| match n {
        TreeNode::Request { id, name, .. } if name == wanted => Some(*id),
        TreeNode::Folder { children, .. } => find(children, wanted),
        TreeNode::Request { .. } => None,
    })
}

async fn delete_and_undo(client: &Client, data: &Path) -> Result<()> {
    let with_copy = [
        "Orders[List orders]",
        "Users[Get user,Get user copy,Create user]",
        "Health check",
    ];
    // Deleted, then undone: back in place, and the store never lost it.
    let row = ui::wait_for_row(client, "tree-request", "Get user copy").await?;
    ui::click_row_action(client, &row, "delete").await?;
    ui::wait_for_text_containing(client, &hook("undo-toast"), "Deleted “Get user copy”").await?;
    wait_for_requests(
        client,
        &[
            "GET List orders",
            "GET Get user",
            "GET Create user",
            "GET Health check",
        ],
    )
    .await?;
    ui::click(client, &hook("undo-delete")).await?;
    wait_for_requests(
        client,
        &[
            "GET List orders",
            "GET Get user",
            "GET Get user copy",
            "GET Create user",
            "GET Health check",
        ],
    )
    .await?;
    if stored_names(data)? != with_copy {
        return Err(HarnessError::Unexpected(
            "an undone delete changed the store".into(),
        ));
    }

    // Deleted by keyboard and left: gone from the store once the notice has gone.
    let row = ui::wait_for_row(client, "tree-request", "Get user copy").await?;
    row.click().await?;
    row.send_keys(&Key::Delete.to_string()).await?;
    ui::wait_for(client, &hook("undo-toast")).await?;
    tokio::time::sleep(Duration::from_secs(9)).await;
    wait_for_stored(
        data,
        &[
            "Orders[List orders]",
            "Users[Get user,Create user]",
            "Health check",
        ],
    )
    .await?;
    ui::wait_until("the Undo notice to go", || async {
        match client.find(Locator::Css(&hook("undo-toast"))).await {
            Ok(_) => Ok(None),
            Err(e) if e.is_no_such_element() => Ok(Some(())),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

async fn drag_into_a_folder(client: &Client, data: &Path, seeded: &Seeded) -> Result<()> {
    let source = ui::wait_for_row(client, "tree-request", "Health check").await?;
    let target = ui::wait_for_row(client, "tree-folder", "Orders").await?;
    ui::drag_to(client, &source, &target, 0.0).await?;
    wait_for_stored(
        data,
        &[
            "Orders[List orders,Health check]",
            "Users[Get user,Create user]",
        ],
    )
    .await?;
    let fail = |e: localpost_core::store::StoreError| HarnessError::Setup(format!("read: {e}"));
    let store = Store::open(data.join(FILE_NAME)).map_err(fail)?;
    let moved = store.request(seeded.health).map_err(fail)?;
    if moved.folder_id != Some(seeded.orders) {
        return Err(HarnessError::Unexpected(
            "the request kept its place".into(),
        ));
    }
    let row = ui::wait_for_row(client, "tree-request", "Health check").await?;
    match row.attr("aria-level").await?.as_deref() {
        Some("3") => Ok(()),
        other => Err(HarnessError::Unexpected(format!(
            "the dropped row is at level {other:?}, not inside the folder"
        ))),
    }
}
