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
    let png = client.screenshot().await?;
    let dir = dir();
    std::fs::create_dir_all(&dir).map_err(HarnessError::io(format!("create {}", dir.display())))?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).map_err(HarnessError::io(format!("write {}", path.display())))?;
    Ok(path)
}
