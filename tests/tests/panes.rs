//! The window's layout, end to end over WebDriver: the request/response splitter dragged up with
//! the pointer (over a 9 MiB response, whose virtualised view follows its new height; the
//! longest frame gap during the drag is printed) and the sidebar's moved with the arrow keys
//! are saved in the store, and after a restart both panes have the sizes left; the layout toggle beside the request's name and
//! Ctrl+Alt+V switch between stacked and side by side (the preference the Preferences view
//! edits); a folder opened in a tab from its tree row shows its view, Markdown overview
//! included.
//!
//! Run through `scripts/e2e.sh panes` (see `desktop.rs`).

use crate::server;

use std::path::Path;

use fantoccini::Client;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use localpost_core::model::{Layout, NewFolder, NewRequest, Panes, Parent};
use localpost_core::store::Store;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch, screens};
use server::{Reply, Server};

const DESCRIPTION: &str = "# Admin calls\n\nOnly for *admins*.";
/// Pixels the request/response splitter is dragged (up: the response grows).
const DRAG: f64 = -100.0;

#[tokio::test]
async fn pane_sizes_survive_a_restart_and_the_layout_toggles_in_the_window() {
    let name = "pane_sizes_survive_a_restart_and_the_layout_toggles_in_the_window";
    let body = big_json(9 * 1024 * 1024);
    let server = Server::start(move |_| {
        Reply::bytes(body.clone()).header("Content-Type", "application/json")
    });
    if let Err(e) = panes(name, &server.url("/big.json")).await {
        panic!("{e}");
    }
}

/// About `bytes` of JSON, past the size the response panel shows through the core's viewer
/// (a window of rows at a time).
fn big_json(bytes: usize) -> bytes::Bytes {
    let mut out = String::with_capacity(bytes + 128);
    out.push_str("{\"items\":[");
    let mut i = 0u64;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":{i},\"name\":\"item {i}\",\"tags\":[\"a\",\"b\"]}}"
        ));
        i += 1;
    }
    out.push_str("]}");
    bytes::Bytes::from(out)
}

/// Records the longest gap between frames from now on (the page could not paint for that long).
const FRAME_GAPS: &str = r#"
    const s = { max: 0, last: performance.now() };
    window.__gaps = s;
    const frame = (t) => { s.max = Math.max(s.max, t - s.last); s.last = t; requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
"#;

async fn longest_gap(client: &Client) -> Result<f64> {
    let got = client.execute("return window.__gaps.max;", vec![]).await?;
    Ok(got.as_f64().unwrap_or_default())
}

async fn rows_in_view(client: &Client) -> Result<usize> {
    Ok(client
        .find_all(fantoccini::Locator::Css(".line"))
        .await?
        .len())
}

fn setup(e: localpost_core::store::StoreError) -> HarnessError {
    HarnessError::Setup(e.to_string())
}

/// Collection "Team" holding folder "Admin" (with a Markdown description) and request "Call"
/// of `url`.
fn seed(scratch: &Scratch, url: &str) -> Result<()> {
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
        .set_folder_overview(folder.id, "Admin", DESCRIPTION)
        .map_err(setup)?;
    store
        .create_request(NewRequest::new(Parent::Collection(coll.id), "Call").url(url))
        .map_err(setup)?;
    Ok(())
}

/// The preferences as the store has them now (the app keeps running).
fn stored(data: &Path) -> Result<localpost_core::model::Preferences> {
    Store::open_dir(data)
        .and_then(|store| store.preferences())
        .map_err(setup)
}

async fn panes(name: &str, url: &str) -> Result<()> {
    let scratch = Scratch::new("panes")?;
    seed(&scratch, url)?;
    let data = scratch.data.path();
    let driver = TauriDriver::start(name, &scratch.env())?;

    let first = AppSession::start(&driver, name).await?;
    let client = first.client();
    let mut left = (0, 0);
    first
        .run(async {
            left = resize(&client, data).await?;
            Ok(())
        })
        .await?;

    let second = AppSession::start(&driver, name).await?;
    let client = second.client();
    second
        .run(async {
            after_the_restart(&client, left).await?;
            toggle_layout(&client, data).await?;
            folder_tab(&client).await
        })
        .await
}

async fn splitter_value(element: &Element) -> Result<i64> {
    let now = element.attr("aria-valuenow").await?.unwrap_or_default();
    now.parse()
        .map_err(|_| HarnessError::Unexpected(format!("aria-valuenow {now:?} is not a number")))
}

/// The request pane's share of the request/response split as drawn, in percent.
async fn drawn_split(client: &Client) -> Result<f64> {
    let got = client
        .execute(
            "const work = document.querySelector('[data-testid=\"work\"]');
             const side = document.documentElement.dataset.layout === 'side-by-side';
             const size = (e) => side ? e.getBoundingClientRect().width
                                      : e.getBoundingClientRect().height;
             return size(work.firstElementChild) * 100 / (size(work) - 5);",
            vec![],
        )
        .await?;
    got.as_f64()
        .ok_or_else(|| HarnessError::Unexpected(format!("no split drawn: {got}")))
}

/// Opens and sends "Call", drags the request/response splitter up over its big response and
/// moves the sidebar's three steps right by keyboard; waits until the store has both. Returns
/// (split in percent, sidebar width) as the splitters said last.
async fn resize(client: &Client, data: &Path) -> Result<(i64, i64)> {
    ui::wait_for_row(client, "tree-request", "Call")
        .await?
        .click()
        .await?;
    ui::wait_for_value(client, &hook("request-name"), "Call").await?;
    ui::click(client, &hook("send")).await?;
    ui::wait_for(client, &hook("body-document")).await?;
    ui::wait_for_text_containing(client, ".line[data-line=\"4\"]", "\"id\": 0,").await?;
    let rows_before = rows_in_view(client).await?;
    let split = ui::wait_for(client, &hook("work-splitter")).await?;
    // The first pointer actions of a session stall the page by themselves (measured here:
    // 650-800 ms for plain moves); hover the splitter first, so the gaps below are the drag's.
    ui::hover(client, &split).await?;
    client.execute(FRAME_GAPS, vec![]).await?;

    let before = splitter_value(&split).await?;
    if before != 45 {
        return Err(HarnessError::Unexpected(format!(
            "the split starts at {before}%, not the default 45%"
        )));
    }
    ui::drag_by(client, &split, 0.0, DRAG).await?;
    let after = splitter_value(&split).await?;
    if after > before - 5 {
        return Err(HarnessError::Unexpected(format!(
            "dragging the splitter {}px up moved it from {before}% to {after}%",
            -DRAG
        )));
    }
    let drawn = drawn_split(client).await?;
    if (drawn - after as f64).abs() > 2.0 {
        return Err(HarnessError::Unexpected(format!(
            "the splitter says {after}% but the request pane is drawn at {drawn:.1}%"
        )));
    }
    // The response's rows follow its greater height, still a window of rows.
    ui::wait_until("more response rows in the greater pane", || async {
        Ok((rows_in_view(client).await? > rows_before).then_some(()))
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let rows_after = rows_in_view(client).await?;
    let gap = longest_gap(client).await?;
    println!(
        "panes: response rows in the DOM {rows_before} before the drag, {rows_after} after; \
         longest frame gap while dragging {}px: {gap:.0} ms",
        -DRAG
    );
    if rows_after > 200 {
        return Err(HarnessError::Unexpected(format!(
            "{rows_after} response rows in the DOM: the view is not virtualised"
        )));
    }

    let sidebar = ui::wait_for(client, &hook("sidebar-splitter")).await?;
    let width = splitter_value(&sidebar).await?;
    for _ in 0..3 {
        sidebar.send_keys(&Key::Right.to_string()).await?;
    }
    let wider = splitter_value(&sidebar).await?;
    if wider != width + 30 {
        return Err(HarnessError::Unexpected(format!(
            "three Right presses took the sidebar from {width}px to {wider}px"
        )));
    }

    ui::wait_until("the pane sizes in the store", || async {
        let panes = stored(data)?.panes;
        let saved_split = (panes.stacked_split * 100.0).round() as i64;
        Ok((saved_split == after && i64::from(panes.sidebar_width) == wider).then_some(()))
    })
    .await?;
    Ok((after, wider))
}

/// The restored request tab shows the split and the sidebar as they were left.
async fn after_the_restart(client: &Client, (split, width): (i64, i64)) -> Result<()> {
    ui::wait_for_value(client, &hook("request-name"), "Call").await?;
    let splitter = ui::wait_for(client, &hook("work-splitter")).await?;
    ui::wait_until("the split left before the restart", || async {
        Ok((splitter_value(&splitter).await? == split).then_some(()))
    })
    .await?;
    let sidebar = ui::wait_for(client, &hook("sidebar-splitter")).await?;
    let restored = splitter_value(&sidebar).await?;
    let drawn = client
        .execute(
            "return document.querySelector('nav.sidebar').getBoundingClientRect().width;",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or_default();
    if restored != width || (drawn - width as f64).abs() > 1.0 {
        return Err(HarnessError::Unexpected(format!(
            "the sidebar came back {restored}px (drawn {drawn}px), not {width}px"
        )));
    }
    let drawn = drawn_split(client).await?;
    if (drawn - split as f64).abs() > 2.0 {
        return Err(HarnessError::Unexpected(format!(
            "the request pane is drawn at {drawn:.1}% after the restart, not {split}%"
        )));
    }
    screens::capture(client, "panes-stacked").await?;
    Ok(())
}

async fn layout_now(client: &Client) -> Result<String> {
    let got = client
        .execute("return document.documentElement.dataset.layout;", vec![])
        .await?;
    Ok(got.as_str().unwrap_or_default().to_owned())
}

async fn wait_for_layout(client: &Client, data: &Path, want: Layout) -> Result<()> {
    let attribute = match want {
        Layout::Stacked => "stacked",
        Layout::SideBySide => "side-by-side",
    };
    let orientation = match want {
        Layout::Stacked => "horizontal",
        Layout::SideBySide => "vertical",
    };
    ui::wait_until(
        &format!("the {attribute} layout, drawn and stored"),
        || async {
            let splitter = ui::wait_for(client, &hook("work-splitter")).await?;
            let drawn = layout_now(client).await? == attribute
                && splitter.attr("aria-orientation").await?.as_deref() == Some(orientation);
            Ok((drawn && stored(data)?.layout == want).then_some(()))
        },
    )
    .await
}

/// The toggle beside the request's name goes side by side (its own split, at its default);
/// Ctrl+Alt+V goes back to stacked, with the split kept.
async fn toggle_layout(client: &Client, data: &Path) -> Result<()> {
    let toggle = ui::wait_for(client, &hook("layout-toggle")).await?;
    if toggle.attr("aria-pressed").await?.as_deref() != Some("false") {
        return Err(HarnessError::Unexpected(
            "the layout toggle is pressed in the stacked layout".into(),
        ));
    }
    toggle.click().await?;
    wait_for_layout(client, data, Layout::SideBySide).await?;
    let split = ui::wait_for(client, &hook("work-splitter")).await?;
    let side = splitter_value(&split).await?;
    let default = (Panes::default().side_by_side_split * 100.0).round() as i64;
    if side != default {
        return Err(HarnessError::Unexpected(format!(
            "side by side the split is {side}%, not its own default {default}%"
        )));
    }
    screens::capture(client, "panes-side-by-side").await?;

    let url = ui::wait_for(client, &hook("request-url")).await?;
    url.send_keys(&format!("{}{}v", Key::Control, Key::Alt))
        .await?;
    wait_for_layout(client, data, Layout::Stacked).await?;
    let toggle = ui::wait_for(client, &hook("layout-toggle")).await?;
    if toggle.attr("aria-pressed").await?.as_deref() != Some("false") {
        return Err(HarnessError::Unexpected(
            "the toggle stayed pressed after Ctrl+Alt+V".into(),
        ));
    }
    Ok(())
}

/// The folder's tab, opened from its row's settings action, shows its overview rendered.
async fn folder_tab(client: &Client) -> Result<()> {
    let row = ui::wait_for_row(client, "tree-folder", "Admin").await?;
    ui::click_row_action(client, &row, "settings").await?;
    ui::wait_for(client, &hook("folder-view")).await?;
    ui::wait_for_text(client, &hook("settings-title"), "Folder “Admin”").await?;
    ui::wait_for_text_containing(client, &hook("overview-rendered"), "Admin calls").await?;
    let heading = client
        .execute(
            "return document.querySelector('[data-testid=\"overview-rendered\"] h1')?.textContent ?? '';",
            vec![],
        )
        .await?;
    if heading.as_str() != Some("Admin calls") {
        return Err(HarnessError::Unexpected(format!(
            "the description is not rendered as Markdown: h1 {heading}"
        )));
    }
    ui::wait_for_row(client, "tab", "Admin").await?;
    Ok(())
}
