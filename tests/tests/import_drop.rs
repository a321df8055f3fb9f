//! Dropping a file on the window, end to end, as a real OS drag: the drop is Tauri's
//! `WindowEvent::DragDrop` (XDND on Linux), which WebDriver cannot synthesise, so the test
//! opens a tiny GTK drag source offering a Postman collection as `text/uri-list`
//! (`tests/xdnd/drag_source.py`) and drags it onto the Localpost window with xdotool, under the
//! session's Xvfb. The Import dialog then opens with the preview; Import writes the collection
//! and the tree shows it.
//!
//! Needs python3 with GTK 3 bindings (python3-gi, gir1.2-gtk-3.0) and xdotool
//! (`scripts/install-deps.sh --test`). Run through `scripts/e2e.sh import_drop`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use localpost_e2e::driver::TauriDriver;
use localpost_e2e::pointer::{app_window, xdotool};
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};

fn setup(message: String) -> HarnessError {
    HarnessError::Setup(message)
}

/// The python with GTK bindings: the system one when there (a pyenv shim may shadow it).
fn python() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// Runs xdotool with `args`, returning its standard output.
/// The drag source window, killed when dropped.
struct DragSource(Child);

impl DragSource {
    /// Starts the drag source for `file` at `x`, `y` and waits until it is on screen.
    fn start(file: &Path, x: u32, y: u32) -> Result<DragSource> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("xdnd/drag_source.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(file)
            .args([x.to_string(), y.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| setup(format!("drag source: {e}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| setup("no stdout".into()))?;
        let mut line = String::new();
        let source = DragSource(child);
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| setup(format!("drag source: {e}")))?;
        if line.trim() != "ready" {
            return Err(setup(format!(
                "the drag source did not start (python3-gi?): {line:?}"
            )));
        }
        Ok(source)
    }
}

impl Drop for DragSource {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Presses on the drag source, moves in steps onto the middle of the Localpost window and
/// releases there.
async fn drag_onto_app(from: (u32, u32)) -> Result<()> {
    let window = app_window()?;
    let to = (
        (window.x + window.width / 2.0) as u32,
        (window.y + window.height / 2.0) as u32,
    );
    let pause = Duration::from_millis(60);
    xdotool(&["mousemove", &from.0.to_string(), &from.1.to_string()])?;
    tokio::time::sleep(pause).await;
    xdotool(&["mousedown", "1"])?;
    tokio::time::sleep(pause).await;
    for step in 1..=20u32 {
        let x = from.0 as i64 + (to.0 as i64 - from.0 as i64) * step as i64 / 20;
        let y = from.1 as i64 + (to.1 as i64 - from.1 as i64) * step as i64 / 20;
        xdotool(&["mousemove", &x.to_string(), &y.to_string()])?;
        tokio::time::sleep(pause).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    xdotool(&["mouseup", "1"])?;
    Ok(())
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postman/full.postman_collection.json")
}

#[tokio::test]
async fn import_drop_a_collection_file_on_the_window() {
    let name = "import_drop_a_collection_file_on_the_window";
    if let Err(e) = drop_file(name).await {
        panic!("{e}");
    }
}

async fn drop_file(name: &str) -> Result<()> {
    let scratch = Scratch::new("import-drop")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::wait_for(&client, &hook("new-collection")).await?;
            let source = DragSource::start(&fixture(), 40, 40)?;
            drag_onto_app((100, 100)).await?;
            let preview =
                ui::wait_for_text_containing(&client, &hook("import-preview"), "Fixture Store API")
                    .await?;
            drop(source);
            if !preview.contains("full.postman_collection.json") {
                return Err(HarnessError::Unexpected(format!(
                    "the preview reads {preview:?}"
                )));
            }
            ui::click(&client, &hook("import-commit")).await?;
            ui::wait_for_text_containing(&client, &hook("import-result"), "Fixture Store API")
                .await?;
            ui::click(&client, &hook("import-close")).await?;
            ui::wait_for_row(&client, "tree-collection", "Fixture Store API").await?;
            Ok(())
        })
        .await
}
