//! Waits and inputs for driving the app, addressed by the `data-testid` hooks of `docs/ipc.md`.
//!
//! Everything polls until a deadline ([`TIMEOUT`]) rather than sleeping, and a timeout says what
//! was awaited and what was last seen.

use std::future::Future;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use crate::{HarnessError, Result};

/// How long a wait lasts before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

const POLL: Duration = Duration::from_millis(100);

/// The CSS selector of a test hook: `[data-testid="<id>"]`.
pub fn hook(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Polls `probe` until it yields a value; fails after [`TIMEOUT`] describing `what`.
pub async fn wait_until<T, F, Fut>(what: &str, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(value) = probe().await? {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(HarnessError::Timeout {
                what: what.to_owned(),
                seconds: TIMEOUT.as_secs(),
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits for an element matching `selector`.
pub async fn wait_for(client: &Client, selector: &str) -> Result<Element> {
    wait_until(selector, || async {
        match client.find(Locator::Css(selector)).await {
            Ok(element) => Ok(Some(element)),
            Err(e) if e.is_no_such_element() => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// Waits for a row with test id `hook_id` whose text contains `text`.
///
/// The sidebar tree is virtualised (only the rows in view are in the DOM), so while the row is
/// not found the tree is scrolled on by most of a page, as a user would, back to the top after
/// the end.
pub async fn wait_for_row(client: &Client, hook_id: &str, text: &str) -> Result<Element> {
    let selector = hook(hook_id);
    wait_until(&format!("{selector} containing {text:?}"), || async {
        for row in client.find_all(Locator::Css(&selector)).await? {
            // A row re-rendered since it was listed is stale: look again on the next round.
            if text_content(&row).await.is_ok_and(|t| t.contains(text)) {
                return Ok(Some(row));
            }
        }
        scroll_tree(client).await?;
        Ok(None)
    })
    .await
}

/// Scrolls the sidebar tree down by most of a page, or back to the top from its end.
async fn scroll_tree(client: &Client) -> Result<()> {
    let script = r#"
        const view = document.querySelector('[data-testid="tree-viewport"]');
        if (!view) return;
        const atEnd = view.scrollTop + view.clientHeight >= view.scrollHeight - 1;
        view.scrollTop = atEnd ? 0 : view.scrollTop + view.clientHeight * 0.8;
        view.dispatchEvent(new Event('scroll'));
    "#;
    client.execute(script, vec![]).await?;
    Ok(())
}

/// Waits until the element matching `selector` shows exactly `expected` as its text.
pub async fn wait_for_text(client: &Client, selector: &str, expected: &str) -> Result<()> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        // The element found may be replaced before it is read (a panel re-rendered as a send
        // ends): WebKitWebDriver then answers that the node is gone; read it again.
        let seen = match wait_for(client, selector).await?.text().await {
            Ok(seen) => seen,
            Err(_) if Instant::now() < deadline => String::new(),
            Err(e) => return Err(e.into()),
        };
        if seen.trim() == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(HarnessError::Timeout {
                what: format!("{selector} to read {expected:?} (last read {seen:?})"),
                seconds: TIMEOUT.as_secs(),
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the `textContent` of the element matching `selector` contains `needle`;
/// returns the whole text.
pub async fn wait_for_text_containing(
    client: &Client,
    selector: &str,
    needle: &str,
) -> Result<String> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        // As in `wait_for_text`: an element replaced between finding and reading is read again.
        let seen = match text_content(&wait_for(client, selector).await?).await {
            Ok(seen) => seen,
            Err(_) if Instant::now() < deadline => String::new(),
            Err(e) => return Err(e),
        };
        if seen.contains(needle) {
            return Ok(seen);
        }
        if Instant::now() > deadline {
            return Err(HarnessError::Timeout {
                what: format!("{selector} to contain {needle:?} (last read {seen:?})"),
                seconds: TIMEOUT.as_secs(),
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Chooses the option with value `value` in the `<select>` matching `selector`.
pub async fn select(client: &Client, selector: &str, value: &str) -> Result<()> {
    let element = wait_for(client, selector).await?;
    Ok(element.select_by_value(value).await?)
}

/// Presses `key` (e.g. Escape) in whatever element has the keyboard focus.
pub async fn press(client: &Client, key: Key) -> Result<()> {
    let focused = client.active_element().await?;
    Ok(focused.send_keys(&key.to_string()).await?)
}

/// Waits until the input matching `selector` holds `expected`.
pub async fn wait_for_value(client: &Client, selector: &str, expected: &str) -> Result<()> {
    wait_until(&format!("{selector} to hold {expected:?}"), || async {
        let element = wait_for(client, selector).await?;
        Ok((value(&element).await? == expected).then_some(()))
    })
    .await
}

/// The element's `textContent`.
///
/// WebKitWebDriver's "get element text" reads the tree's `treeitem` rows as empty although they
/// show their names, so rows are matched on their DOM text instead.
pub async fn text_content(element: &Element) -> Result<String> {
    Ok(element.prop("textContent").await?.unwrap_or_default())
}

/// The current value of an input.
pub async fn value(element: &Element) -> Result<String> {
    Ok(element.prop("value").await?.unwrap_or_default())
}

/// Clicks the action `hook_id` of a tree row: its own button when the row shows one (add
/// request, run, the More button `row-menu`), hovering the row first since row actions are
/// hidden until the row is hovered or focused; otherwise the entry `menu-<hook_id>` of the
/// row's menu (rename, duplicate, export, settings, delete, …), opened with its More button.
pub async fn click_row_action(client: &Client, row: &Element, hook_id: &str) -> Result<()> {
    hover(client, row).await?;
    match row.find(Locator::Css(&hook(hook_id))).await {
        Ok(button) => Ok(button.click().await?),
        Err(e) if e.is_no_such_element() => {
            row.find(Locator::Css(&hook("row-menu")))
                .await?
                .click()
                .await?;
            let entry = wait_for(client, &hook(&format!("menu-{hook_id}"))).await?;
            Ok(entry.click().await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Clicks the element matching `selector` once there is one, finding it again if it was
/// re-rendered between being found and clicked (a panel redrawn for a new response, say).
pub async fn click(client: &Client, selector: &str) -> Result<()> {
    let mut tries = 0;
    loop {
        match wait_for(client, selector).await?.click().await {
            Ok(()) => return Ok(()),
            Err(e) if tries >= 3 => return Err(e.into()),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
}

/// Clicks the editable element matching `selector` and types `text` into it, finding it again
/// if it was replaced before it took the keys (a code editor mounts once its script has
/// loaded: the element first found may be gone, or not yet focusable, when the keys go).
pub async fn type_into(client: &Client, selector: &str, text: &str) -> Result<()> {
    let mut tries = 0;
    loop {
        let element = wait_for(client, selector).await?;
        let typed = match element.click().await {
            Ok(()) => element.send_keys(text).await,
            Err(e) => Err(e),
        };
        match typed {
            Ok(()) => return Ok(()),
            Err(e) if tries >= 3 => return Err(e.into()),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
}

/// [`click_row_action`] on the row `row_hook` showing `text`, found again if the virtualised
/// tree re-rendered it in the meantime (scrolling it into view can replace its node).
pub async fn click_row_action_of(
    client: &Client,
    row_hook: &str,
    text: &str,
    hook_id: &str,
) -> Result<()> {
    let mut tries = 0;
    loop {
        let row = wait_for_row(client, row_hook, text).await?;
        match click_row_action(client, &row, hook_id).await {
            Ok(()) => return Ok(()),
            Err(e) if tries >= 3 => return Err(e),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
}

/// Moves the pointer over `element` (real X pointer input: [`crate::pointer`]).
pub async fn hover(client: &Client, element: &Element) -> Result<()> {
    crate::pointer::hover(client, element).await
}

/// Drags `source` onto `target` with the primary button, in small steps as a hand would:
/// the sidebar's drag and drop runs on pointer events. `dy` is where on `target` it drops,
/// in pixels from its centre (negative: above). Real X pointer input ([`crate::pointer`]).
pub async fn drag_to(client: &Client, source: &Element, target: &Element, dy: f64) -> Result<()> {
    crate::pointer::drag_to(client, source, target, dy).await
}

/// Drags `element` by `dx`, `dy` pixels from its centre with the primary button, in four
/// steps as a hand would (the splitters follow pointer events). Real X pointer input
/// ([`crate::pointer`]).
pub async fn drag_by(client: &Client, element: &Element, dx: f64, dy: f64) -> Result<()> {
    crate::pointer::drag_by(client, element, dx, dy).await
}

/// Replaces the text of an input the way a user would: focus, select all, type.
pub async fn replace_text(element: &Element, text: &str) -> Result<()> {
    element.click().await?;
    element.send_keys(&(Key::Control + "a")).await?;
    Ok(element.send_keys(text).await?)
}

/// Types `text` into the element and presses Enter.
pub async fn type_and_enter(element: &Element, text: &str) -> Result<()> {
    element.send_keys(text).await?;
    Ok(element.send_keys(&Key::Enter.to_string()).await?)
}

/// Presses Ctrl+`key` in the element.
pub async fn press_ctrl(element: &Element, key: &str) -> Result<()> {
    Ok(element.send_keys(&(Key::Control + key)).await?)
}

/// Creates collection `collection` from the sidebar and request `request` in it, as a user
/// does (the New collection button, the row's Add request action, each name typed and
/// entered), and waits until the new request is open in the editor.
pub async fn new_request(client: &Client, collection: &str, request: &str) -> Result<()> {
    // A click before the window has loaded its workspace can be lost: click again while no
    // prompt shows.
    let mut prompt = None;
    for _ in 0..4 {
        click(client, &hook("new-collection")).await?;
        for _ in 0..25 {
            if let Ok(input) = client.find(Locator::Css(&hook("prompt-input"))).await {
                prompt = Some(input);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        if prompt.is_some() {
            break;
        }
    }
    let prompt = match prompt {
        Some(input) => input,
        None => wait_for(client, &hook("prompt-input")).await?,
    };
    type_and_enter(&prompt, collection).await?;
    let row = wait_for_row(client, "tree-collection", collection).await?;
    click_row_action(client, &row, "add-request").await?;
    type_and_enter(&wait_for(client, &hook("prompt-input")).await?, request).await?;
    wait_for_value(client, &hook("request-name"), request).await
}
