//! One WebDriver session on the app: start it, run a test phase in it, always delete it.
//!
//! A session that is not deleted blocks the next one even after the app dies, so
//! [`AppSession::run`] deletes it whether the phase passes, fails or panics, after saving a
//! screenshot and the page's HTML to `tests/artifacts/` on failure. If a session is dropped
//! without `run` (an early `?`), `Drop` deletes it with a plain blocking HTTP request.
//! Deleting the session closes the app.

use std::future::Future;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use futures_util::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::driver::TauriDriver;
use crate::{HarnessError, Result, artifacts_dir};

/// The binary the sessions launch: `$LOCALPOST_DESKTOP_BIN`, else `localpost-desktop` in the
/// same target directory as the running test.
pub fn app_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("LOCALPOST_DESKTOP_BIN").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    // The test runs as <target>/<profile>/deps/<test>-<hash>.
    let exe = std::env::current_exe().map_err(HarnessError::io("cannot locate the test binary"))?;
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).ok_or_else(|| {
        HarnessError::Setup(format!("unexpected test binary path {}", exe.display()))
    })?;
    let app = profile_dir.join("localpost-desktop");
    if app.is_file() {
        Ok(app)
    } else {
        Err(HarnessError::Setup(format!(
            "{} not found; build it first with `cargo build -p localpost-desktop` \
             (scripts/e2e.sh does)",
            app.display()
        )))
    }
}

/// The `localpost` binary beside the desktop one.
pub fn cli_binary() -> Result<PathBuf> {
    let cli = app_binary()?.with_file_name("localpost");
    if cli.is_file() {
        Ok(cli)
    } else {
        Err(HarnessError::Setup(format!(
            "{} not found; build it with `cargo build -p localpost-cli` (scripts/e2e.sh does)",
            cli.display()
        )))
    }
}

/// How long a new session may take to show the app's window.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// An open WebDriver session on a freshly started app.
pub struct AppSession {
    client: Client,
    id: Option<String>,
    driver_port: u16,
    name: String,
    deleted: bool,
}

impl AppSession {
    /// Starts the app through `driver` and waits for its window. `name` names the artifacts;
    /// those left by an earlier run under that name are removed.
    pub async fn start(driver: &TauriDriver, name: &str) -> Result<AppSession> {
        AppSession::start_app(driver, name, &app_binary()?).await
    }

    /// Like [`AppSession::start`], launching `app` instead of the built binary (e.g. a wrapper
    /// script that traces it).
    pub async fn start_app(driver: &TauriDriver, name: &str, app: &Path) -> Result<AppSession> {
        for ext in ["png", "html"] {
            let _ = std::fs::remove_file(artifacts_dir().join(format!("{name}.{ext}")));
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("tauri:options".into(), json!({ "application": app }));
        // Plain HTTP: tauri-driver listens on loopback only. An app that exits at start-up
        // leaves WebKitWebDriver waiting for a window that never comes: give up after a while
        // and say where to look, rather than hang the suite.
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let url = driver.url();
        let connect = builder.connect(&url);
        let client = tokio::time::timeout(START_TIMEOUT, connect)
            .await
            .map_err(|_| HarnessError::Timeout {
                what: format!(
                    "the app's window (did {} exit at start-up? see {})",
                    app.display(),
                    driver.log().display()
                ),
                seconds: START_TIMEOUT.as_secs(),
            })??;
        let mut session = AppSession {
            client,
            id: None,
            driver_port: driver.port(),
            name: name.to_owned(),
            deleted: false,
        };
        session.id = session.client.session_id().await?;
        Ok(session)
    }

    /// A handle on the session for a test phase to drive.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// Runs `phase`, then deletes the session whatever happened.
    ///
    /// On failure (an error or a panic) saves `<name>.png` and `<name>.html` in
    /// `tests/artifacts/` first, then returns the error or resumes the panic.
    pub async fn run(mut self, phase: impl Future<Output = Result<()>>) -> Result<()> {
        let outcome = AssertUnwindSafe(phase).catch_unwind().await;
        if !matches!(outcome, Ok(Ok(()))) {
            self.save_artifacts().await;
        }
        let deleted = self.delete().await;
        match outcome {
            Ok(result) => result.and(deleted),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Deletes the session, which closes the app.
    async fn delete(&mut self) -> Result<()> {
        self.deleted = true;
        Ok(self.client.clone().close().await?)
    }

    async fn save_artifacts(&self) {
        // A screenshot taken right after a DOM change can show the previous frame.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let dir = artifacts_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return;
        }
        match crate::screens::png(&self.client).await {
            Ok(png) => save(&dir.join(format!("{}.png", self.name)), &png),
            Err(e) => eprintln!("no screenshot: {e}"),
        }
        match self.client.source().await {
            Ok(html) => save(&dir.join(format!("{}.html", self.name)), html.as_bytes()),
            Err(e) => eprintln!("no page source: {e}"),
        }
    }
}

impl Drop for AppSession {
    fn drop(&mut self) {
        if self.deleted {
            return;
        }
        let Some(id) = &self.id else { return };
        // No async here: speak just enough HTTP/1.1 to delete the session.
        let request = format!(
            "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n",
            port = self.driver_port
        );
        let result = TcpStream::connect(("127.0.0.1", self.driver_port)).and_then(|mut stream| {
            stream.set_read_timeout(Some(Duration::from_secs(10)))?;
            stream.write_all(request.as_bytes())?;
            let mut reply = Vec::new();
            stream.read_to_end(&mut reply).map(|_| ())
        });
        if let Err(e) = result {
            eprintln!("could not delete WebDriver session {id}: {e}");
        }
    }
}

fn save(path: &std::path::Path, bytes: &[u8]) {
    match std::fs::write(path, bytes) {
        Ok(()) => eprintln!("saved {}", path.display()),
        Err(e) => eprintln!("cannot write {}: {e}", path.display()),
    }
}
