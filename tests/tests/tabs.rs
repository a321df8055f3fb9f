//! Tabs and drafts end to end, over WebDriver: two requests open in tabs, an edit becomes a
//! draft (the tab's dirty marker, nothing saved), the app restarts on the same data and gives
//! back the tabs, the active one and the draft; Ctrl+S saves it into the request, Discard
//! drops an edit, Ctrl+W closes a tab (asking Save / Discard / Cancel when it holds unsaved
//! changes), Ctrl+Shift+T reopens it, Ctrl+T opens a new request tab and Ctrl+Tab cycles.
//!
//! Run through `scripts/e2e.sh tabs` (see `desktop.rs`).

use std::path::Path;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_core::model::{RequestId, TreeNode};
use localpost_core::store::{FILE_NAME, Store};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch, screens};

const COLLECTION: &str = "Tabs";
const FIRST_URL: &str = "http://127.0.0.1:9/first";
const SECOND_URL: &str = "http://127.0.0.1:9/second";
const EDITED_URL: &str = "http://127.0.0.1:9/first-edited";
const DISCARDED_URL: &str = "http://127.0.0.1:9/never-kept";

#[tokio::test]
async fn tabs_and_drafts_survive_a_restart_and_save_discard_close_reopen() {
    let name = "tabs_and_drafts_survive_a_restart_and_save_discard_close_reopen";
    if let Err(e) = tabs_and_drafts(name).await {
        panic!("{e}");
    }
}

async fn tabs_and_drafts(name: &str) -> Result<()> {
    let scratch = Scratch::new("tabs")?;
    let data = scratch.data.path();
    let driver = TauriDriver::start(name, &scratch.env())?;

    let first = AppSession::start(&driver, name).await?;
    let client = first.client();
    first.run(open_two_and_edit_one(client)).await?;
    check_store(data, FIRST_URL, Some(EDITED_URL))?;

    let second = AppSession::start(&driver, name).await?;
    let client = second.client();
    second.run(after_the_restart(client)).await?;
    check_store(data, EDITED_URL, None)
}

/// Opens "First" and "Second" in tabs (each saved with a URL), then edits First's URL without
/// saving and moves to Second: First's tab shows the dirty marker.
async fn open_two_and_edit_one(client: Client) -> Result<()> {
    ui::new_request(&client, COLLECTION, "First").await?;
    set_url_and_save(&client, FIRST_URL).await?;
    let row = ui::wait_for_row(&client, "tree-collection", COLLECTION).await?;
    ui::click_row_action(&client, &row, "add-request").await?;
    ui::type_and_enter(
        &ui::wait_for(&client, &hook("prompt-input")).await?,
        "Second",
    )
    .await?;
    ui::wait_for_value(&client, &hook("request-name"), "Second").await?;
    set_url_and_save(&client, SECOND_URL).await?;
    expect_tabs(&client, &[("First", false), ("Second", false)], 1).await?;

    tab(&client, 0).await?.click().await?;
    ui::wait_for_value(&client, &hook("request-url"), FIRST_URL).await?;
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::replace_text(&url, EDITED_URL).await?;
    ui::wait_for_text(&client, &hook("save-status"), "Unsaved changes").await?;
    expect_tabs(&client, &[("First", true), ("Second", false)], 0).await?;

    // Leaving the tab keeps the edit as a draft; the request itself is unchanged.
    tab(&client, 1).await?.click().await?;
    ui::wait_for_value(&client, &hook("request-url"), SECOND_URL).await?;
    expect_tabs(&client, &[("First", true), ("Second", false)], 1).await?;
    screens::capture(&client, "tabs").await?;
    Ok(())
}

/// The tabs, the active one and the draft are back; then save, discard, close, reopen, new.
async fn after_the_restart(client: Client) -> Result<()> {
    expect_tabs(&client, &[("First", true), ("Second", false)], 1).await?;
    ui::wait_for_value(&client, &hook("request-url"), SECOND_URL).await?;

    // Ctrl+Tab moves to First, which shows its draft.
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    url.send_keys(&format!("{}{}", Key::Control, Key::Tab))
        .await?;
    ui::wait_for_value(&client, &hook("request-url"), EDITED_URL).await?;
    ui::wait_for_text(&client, &hook("save-status"), "Unsaved changes").await?;

    // Ctrl+S saves the draft into the request: the marker goes.
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
    expect_tabs(&client, &[("First", false), ("Second", false)], 0).await?;

    // An edit, then Discard: back to the saved URL.
    ui::replace_text(&url, DISCARDED_URL).await?;
    expect_tabs(&client, &[("First", true), ("Second", false)], 0).await?;
    ui::click(&client, &hook("discard")).await?;
    ui::wait_for_value(&client, &hook("request-url"), EDITED_URL).await?;
    ui::wait_for_text(&client, &hook("save-status"), "Saved").await?;
    expect_tabs(&client, &[("First", false), ("Second", false)], 0).await?;

    // Ctrl+W closes First (nothing to ask); Ctrl+Shift+T brings it back.
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::press_ctrl(&url, "w").await?;
    expect_tabs(&client, &[("Second", false)], 0).await?;
    ui::wait_for_value(&client, &hook("request-url"), SECOND_URL).await?;
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    url.send_keys(&format!("{}{}t", Key::Control, Key::Shift))
        .await?;
    expect_tabs(&client, &[("Second", false), ("First", false)], 1).await?;
    ui::wait_for_value(&client, &hook("request-url"), EDITED_URL).await?;

    close_with_unsaved_changes(&client).await?;

    // Ctrl+T: a new request, in a new tab.
    let url = ui::wait_for(&client, &hook("request-url")).await?;
    ui::press_ctrl(&url, "t").await?;
    ui::wait_for_value(&client, &hook("request-name"), "New Request").await?;
    expect_tabs(&client, &[("Second", false), ("New Request", false)], 1).await
}

/// Ctrl+W on a tab with unsaved changes asks; Cancel keeps it, Discard closes it unsaved.
async fn close_with_unsaved_changes(client: &Client) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, DISCARDED_URL).await?;
    ui::press_ctrl(&url, "w").await?;
    ui::wait_for_text_containing(
        client,
        &hook("close-message"),
        "“First” has unsaved changes",
    )
    .await?;
    ui::click(client, &hook("close-cancel")).await?;
    expect_tabs(client, &[("Second", false), ("First", true)], 1).await?;
    ui::wait_for_value(client, &hook("request-url"), DISCARDED_URL).await?;

    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::press_ctrl(&url, "w").await?;
    ui::click(client, &hook("close-discard")).await?;
    expect_tabs(client, &[("Second", false)], 0).await?;
    ui::wait_for_value(client, &hook("request-url"), SECOND_URL).await
}

async fn set_url_and_save(client: &Client, value: &str) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, value).await?;
    ui::press_ctrl(&url, "s").await?;
    ui::wait_for_text(client, &hook("save-status"), "Saved").await
}

async fn tab(client: &Client, index: usize) -> Result<Element> {
    let tabs = client.find_all(Locator::Css(&hook("tab"))).await?;
    tabs.into_iter()
        .nth(index)
        .ok_or_else(|| HarnessError::Unexpected(format!("no tab {index}")))
}

/// Waits until the tab bar shows `expected` (name, dirty marker) with tab `active` selected.
async fn expect_tabs(client: &Client, expected: &[(&str, bool)], active: usize) -> Result<()> {
    let want: Vec<(String, bool, bool)> = expected
        .iter()
        .enumerate()
        .map(|(i, (name, dirty))| (name.to_string(), *dirty, i == active))
        .collect();
    ui::wait_until(&format!("the tabs {want:?}"), || async {
        let mut seen = Vec::new();
        for tab in client.find_all(Locator::Css(&hook("tab"))).await? {
            let name = match tab.find(Locator::Css(&hook("tab-name"))).await {
                Ok(element) => ui::text_content(&element).await?,
                Err(_) => return Ok(None),
            };
            let dirty = !tab
                .find_all(Locator::Css(&hook("tab-dirty")))
                .await?
                .is_empty();
            let selected = tab.attr("aria-selected").await?.as_deref() == Some("true");
            seen.push((name.trim().to_string(), dirty, selected));
        }
        Ok((seen == want).then_some(()))
    })
    .await
}

/// First, in the store file: saved with `saved`, and a draft with `draft` (or none).
fn check_store(data: &Path, saved: &str, draft: Option<&str>) -> Result<()> {
    let fail = |what: String| HarnessError::Unexpected(what);
    let store = Store::open(data.join(FILE_NAME)).map_err(|e| fail(format!("store: {e}")))?;
    let first = find_request(&store, "First")?;
    let request = store
        .request(first)
        .map_err(|e| fail(format!("store: {e}")))?;
    if request.url != saved {
        return Err(fail(format!(
            "First is saved with {}, expected {saved}",
            request.url
        )));
    }
    let kept = store
        .draft(first)
        .map_err(|e| fail(format!("store: {e}")))?
        .map(|d| d.url);
    if kept.as_deref() != draft {
        return Err(fail(format!(
            "First's draft is {kept:?}, expected {draft:?}"
        )));
    }
    Ok(())
}

fn find_request(store: &Store, wanted: &str) -> Result<RequestId> {
    let fail = |what: String| HarnessError::Unexpected(what);
    for ws in store.workspaces().map_err(|e| fail(e.to_string()))? {
        let tree = store.tree(ws.id).map_err(|e| fail(e.to_string()))?;
        for coll in &tree.collections {
            for node in &coll.children {
                if let TreeNode::Request { id, name, .. } = node
                    && name == wanted
                {
                    return Ok(*id);
                }
            }
        }
    }
    Err(fail(format!("no request {wanted:?} in the store")))
}
