//! Harness for Localpost's end-to-end tests: the real desktop app, driven over WebDriver.
//!
//! [`driver::TauriDriver`] starts `tauri-driver` (which starts `WebKitWebDriver`, which starts
//! the app) on a free port pair with the environment the app should see; [`session::AppSession`]
//! opens one WebDriver session on it, saves a screenshot to `tests/artifacts/` when a test step
//! fails, and always deletes the session, since a leaked session blocks the next one. [`ui`]
//! holds the waits and inputs the tests use, addressed by the `data-testid` hooks listed in
//! `docs/ipc.md`.
//!
//! The harness expects a display, a session bus and a throwaway `HOME`: `scripts/e2e.sh`
//! arranges those (Xvfb, `dbus-run-session`, an unlocked keyring) and builds the app first.
//!
//! ```no_run
//! # async fn example() -> localpost_e2e::Result<()> {
//! use fantoccini::Client;
//! use localpost_e2e::{driver::TauriDriver, session::AppSession, ui};
//!
//! async fn open_new_collection_dialog(client: Client) -> localpost_e2e::Result<()> {
//!     ui::wait_for(&client, &ui::hook("new-collection")).await?.click().await?;
//!     ui::wait_for(&client, &ui::hook("prompt-input")).await?;
//!     Ok(())
//! }
//!
//! let data = tempfile::tempdir().expect("temp dir");
//! let driver = TauriDriver::start("example", &[("LOCALPOST_DATA_DIR", data.path().as_os_str())])?;
//! let session = AppSession::start(&driver, "example").await?;
//! let client = session.client();
//! session.run(open_new_collection_dialog(client)).await
//! # }
//! ```

pub mod driver;
pub mod egress;
mod error;
pub mod pointer;
pub mod screens;
pub mod session;
pub mod ui;

pub use error::{HarnessError, Result};

use std::path::PathBuf;

/// Where failure screenshots and driver logs go: `tests/artifacts/` (gitignored).
pub fn artifacts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts")
}

/// One test's own app data: a throwaway data directory and a keychain service name of its
/// own, so tests neither share files nor keychain entries.
pub struct Scratch {
    /// The app's data directory (`LOCALPOST_DATA_DIR`), deleted on drop.
    pub data: tempfile::TempDir,
    /// The app's keychain service (`LOCALPOST_KEYCHAIN_SERVICE`).
    pub service: String,
}

impl Scratch {
    /// A fresh data directory, and the service `localpost-e2e-<label>-<pid>`.
    pub fn new(label: &str) -> Result<Scratch> {
        let data = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
        let service = format!("localpost-e2e-{label}-{}", std::process::id());
        Ok(Scratch { data, service })
    }

    /// The environment pointing the app at them, for [`driver::TauriDriver::start`].
    pub fn env(&self) -> Vec<(&'static str, &std::ffi::OsStr)> {
        vec![
            ("LOCALPOST_DATA_DIR", self.data.path().as_os_str()),
            ("LOCALPOST_KEYCHAIN_SERVICE", self.service.as_ref()),
        ]
    }
}
