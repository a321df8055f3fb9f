//! Real pointer input on the session's X display, through xdotool: hovers and drags.
//!
//! WebKitWebDriver's pointer actions are synthesised inside WebKit (and hung when it drew
//! without accelerated compositing); xdotool moves the X server's own pointer instead, so the
//! window gets the events a hand on a mouse gives it, however WebKit draws. Needs xdotool
//! (`scripts/install-deps.sh --test`) and the window titled "Localpost" on `$DISPLAY`.

use std::process::Command;
use std::time::Duration;

use fantoccini::Client;
use fantoccini::elements::Element;

use crate::{HarnessError, Result};

/// Pause between the steps of a move, so the page sees each as a separate pointer event.
const STEP: Duration = Duration::from_millis(50);

/// Runs xdotool with `args`, returning its standard output.
pub fn xdotool(args: &[&str]) -> Result<String> {
    let out = Command::new("xdotool").args(args).output().map_err(|e| {
        HarnessError::Setup(format!("xdotool: {e} (scripts/install-deps.sh --test)"))
    })?;
    if !out.status.success() {
        return Err(HarnessError::Setup(format!(
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Where the app's window is on the screen, in pixels.
#[derive(Debug, Clone, Copy)]
pub struct WindowGeometry {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The geometry of the visible window titled "Localpost" (xdotool).
pub fn app_window() -> Result<WindowGeometry> {
    let found = xdotool(&["search", "--onlyvisible", "--name", "^Localpost$"])?;
    let window = found.lines().next().ok_or_else(|| {
        HarnessError::Unexpected("no visible window titled \"Localpost\" (xdotool)".into())
    })?;
    let geometry = xdotool(&["getwindowgeometry", "--shell", window])?;
    let field = |key: &str| -> Result<f64> {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| {
                HarnessError::Unexpected(format!(
                    "xdotool gave no {key} for the window: {geometry}"
                ))
            })
    };
    Ok(WindowGeometry {
        x: field("X")?,
        y: field("Y")?,
        width: field("WIDTH")?,
        height: field("HEIGHT")?,
    })
}

/// Moves the X pointer to screen point `(x, y)` and waits until the server has moved it.
fn move_to(x: f64, y: f64) -> Result<()> {
    let (x, y) = (x.round().to_string(), y.round().to_string());
    xdotool(&["mousemove", "--sync", &x, &y]).map(drop)
}

/// Where the page's viewport starts on the screen: the window's position (xdotool), checked
/// against where the page sees the pointer once it is moved into the window.
async fn viewport_origin(client: &Client) -> Result<(f64, f64)> {
    let window = app_window()?;
    let (wx, wy) = (window.x, window.y);
    client
        .execute(
            "window.__pointerSeen = null; \
             addEventListener('pointermove', \
               (e) => (window.__pointerSeen = [e.clientX, e.clientY]), { capture: true });",
            vec![],
        )
        .await?;
    // Two moves, so the page sees a move even when the pointer was already on the first point;
    // the last one it saw is the second.
    let probe = (wx + 9.0, wy + 9.0);
    move_to(wx + 5.0, wy + 5.0)?;
    move_to(probe.0, probe.1)?;
    // The page has seen both moves when what it saw last stays put between two reads.
    let mut last = None;
    for _ in 0..50 {
        tokio::time::sleep(STEP).await;
        let seen = client
            .execute("return window.__pointerSeen;", vec![])
            .await?;
        let now = seen
            .as_array()
            .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
        if let Some((x, y)) = now
            && last == now
        {
            return Ok((probe.0 - x, probe.1 - y));
        }
        last = now;
    }
    Err(HarnessError::Unexpected(
        "the page saw no pointer move from xdotool".into(),
    ))
}

/// The screen point at the centre of `element`, plus `dy` pixels, scrolled into view first (a
/// row of the virtualised tree may be in the DOM but out of sight).
async fn centre(
    client: &Client,
    origin: (f64, f64),
    element: &Element,
    dy: f64,
) -> Result<(f64, f64)> {
    let arg = serde_json::to_value(element)
        .map_err(|e| HarnessError::Unexpected(format!("element reference: {e}")))?;
    let got = client
        .execute(
            "arguments[0].scrollIntoView({ block: 'nearest' }); \
             const r = arguments[0].getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2];",
            vec![arg],
        )
        .await?;
    let point = got
        .as_array()
        .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)))
        .ok_or_else(|| HarnessError::Unexpected(format!("no box for the element: {got}")))?;
    Ok((origin.0 + point.0, origin.1 + point.1 + dy))
}

/// Moves the pointer over `element`'s centre.
pub async fn hover(client: &Client, element: &Element) -> Result<()> {
    let origin = viewport_origin(client).await?;
    let (x, y) = centre(client, origin, element, 0.0).await?;
    move_to(x, y)?;
    tokio::time::sleep(STEP).await;
    Ok(())
}

/// Presses the primary button at `from`, moves through `path` a step at a time, and releases.
async fn drag_along(from: (f64, f64), path: &[(f64, f64)]) -> Result<()> {
    move_to(from.0, from.1)?;
    tokio::time::sleep(STEP).await;
    xdotool(&["mousedown", "1"])?;
    let moved = async {
        for &(x, y) in path {
            tokio::time::sleep(STEP).await;
            move_to(x, y)?;
        }
        tokio::time::sleep(STEP).await;
        Ok::<_, HarnessError>(())
    }
    .await;
    // Released whatever happened, so a failed step leaves no button held for the next test.
    let released = xdotool(&["mouseup", "1"]);
    moved?;
    released.map(drop)
}

/// Drags `source` onto `target` with the primary button, in small steps as a hand would; `dy`
/// is where on `target` it drops, in pixels from its centre (negative: above).
pub async fn drag_to(client: &Client, source: &Element, target: &Element, dy: f64) -> Result<()> {
    let origin = viewport_origin(client).await?;
    let from = centre(client, origin, source, 0.0).await?;
    let to = centre(client, origin, target, dy).await?;
    let path = [
        (from.0, from.1 + 6.0),
        (from.0, from.1 + 12.0),
        ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0),
        (to.0, to.1 - dy / 2.0),
        to,
    ];
    drag_along(from, &path).await
}

/// Drags `element` by `dx`, `dy` pixels from its centre with the primary button, in four steps.
pub async fn drag_by(client: &Client, element: &Element, dx: f64, dy: f64) -> Result<()> {
    let origin = viewport_origin(client).await?;
    let from = centre(client, origin, element, 0.0).await?;
    let path: Vec<(f64, f64)> = (1..=4)
        .map(|i| {
            let f = f64::from(i) / 4.0;
            (from.0 + dx * f, from.1 + dy * f)
        })
        .collect();
    drag_along(from, &path).await
}
