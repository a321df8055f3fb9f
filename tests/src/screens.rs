//! Screenshots of the main screens for reviewers: `tests/artifacts/screens/<name>.png`
//! (gitignored, as all of `tests/artifacts/`), written by `tests/tests/screens.rs` on every
//! end-to-end run, in the light and the dark theme.

use std::path::PathBuf;

use fantoccini::Client;

use crate::{HarnessError, Result, artifacts_dir};

/// Where the screenshots go.
pub fn dir() -> PathBuf {
    artifacts_dir().join("screens")
}

/// Waits until the window has drawn its last DOM change (two animation frames: a screenshot
/// taken right after a change can show the frame before it), then saves it as `<name>.png`.
pub async fn capture(client: &Client, name: &str) -> Result<PathBuf> {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    let png = png(client).await?;
    let dir = dir();
    std::fs::create_dir_all(&dir).map_err(HarnessError::io(format!("create {}", dir.display())))?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).map_err(HarnessError::io(format!("write {}", path.display())))?;
    Ok(path)
}

/// Keeps the page drawing while WebKitWebDriver takes its screenshot, and stops after.
///
/// On GTK the driver's screenshot waits for the view's next presentation update (WebKit's
/// `WebAutomationSession::takeScreenshot` → `callAfterNextPresentationUpdate`). With frames in
/// shared memory (`WEBKIT_DISABLE_DMABUF_RENDERER=1`, the app's choice on an X11 session with
/// no GPU) an idle page presents nothing and the screenshot never returns. So, while it is
/// taken, a one-pixel box in the top left corner switches every 50 ms between transparent and
/// black at the lowest alpha WebKit keeps (1/255): a repaint each time, and that one pixel at
/// most one level of 255 darker in the picture.
const HEARTBEAT_START: &str = "
    const dot = document.createElement('div');
    Object.assign(dot.style, { position: 'fixed', left: '0', top: '0', width: '1px',
      height: '1px', pointerEvents: 'none', zIndex: '2147483647',
      backgroundColor: 'transparent' });
    document.body.appendChild(dot);
    let on = false;
    const timer = setInterval(() => {
      on = !on;
      dot.style.backgroundColor = on ? 'rgba(0, 0, 0, 0.005)' : 'transparent';
    }, 50);
    window.__screenshotHeartbeat = () => { clearInterval(timer); dot.remove(); };
    return true;";

const HEARTBEAT_STOP: &str = "
    const stop = window.__screenshotHeartbeat;
    delete window.__screenshotHeartbeat;
    if (stop) stop();
    return true;";

/// The window's screenshot (PNG), taken with the page kept drawing ([`HEARTBEAT_START`]).
/// A page that cannot run the heartbeat (one that has failed, say, when a test saves what it
/// showed) is still photographed, as it is.
pub async fn png(client: &Client) -> Result<Vec<u8>> {
    let beating = client.execute(HEARTBEAT_START, vec![]).await.is_ok();
    let png = client.screenshot().await;
    if beating {
        client.execute(HEARTBEAT_STOP, vec![]).await?;
    }
    Ok(png?)
}
