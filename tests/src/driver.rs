//! Starting and stopping `tauri-driver`, the WebDriver server that launches the app.
//!
//! One [`TauriDriver`] runs at a time in this process (a lock serialises them), on a free port
//! pair, in its own process group so that stopping it also stops `WebKitWebDriver` and any app
//! left behind. Its output goes to `tests/artifacts/<name>-driver.log`. This module does not
//! speak WebDriver; [`crate::session`] does.

use std::ffi::OsStr;
use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::{HarnessError, Result, artifacts_dir};

/// The version the project pins (`make test` installs it when missing).
pub const TAURI_DRIVER_VERSION: &str = "2.1.0";

/// How long `tauri-driver` and `WebKitWebDriver` get to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// How long `tauri-driver` gets to exit after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// Only one driver (and so one session) at a time: a second one blocks on this.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A running `tauri-driver`; stopped (and waited for) on drop.
pub struct TauriDriver {
    child: Child,
    port: u16,
    log: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl TauriDriver {
    /// Starts `tauri-driver` with `env` added to its environment, which the app inherits.
    ///
    /// `name` names the log file. Fails with a [`HarnessError::Setup`] saying what to install
    /// when `tauri-driver` or `WebKitWebDriver` is missing or there is no display.
    pub fn start(name: &str, env: &[(&str, &OsStr)]) -> Result<TauriDriver> {
        // A test that panicked while holding the lock left nothing half-done here.
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        check_display()?;
        let program = find_tauri_driver()?;
        find_on_path("WebKitWebDriver").ok_or_else(|| {
            HarnessError::Setup(
                "WebKitWebDriver not found on PATH; install the webkit2gtk-driver package \
                 (scripts/install-deps.sh does)"
                    .into(),
            )
        })?;
        let (port, native_port) = free_port_pair()?;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir)
            .map_err(HarnessError::io(format!("cannot create {}", dir.display())))?;
        let log = dir.join(format!("{name}-driver.log"));
        let out = File::create(&log)
            .map_err(HarnessError::io(format!("cannot create {}", log.display())))?;
        let err = out
            .try_clone()
            .map_err(HarnessError::io(format!("cannot reopen {}", log.display())))?;
        let child = Command::new(&program)
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(HarnessError::io(format!(
                "cannot start {}",
                program.display()
            )))?;
        let mut driver = TauriDriver {
            child,
            port,
            log,
            _turn: turn,
        };
        driver.wait_until_listening(&[port, native_port])?;
        Ok(driver)
    }

    /// The WebDriver endpoint, e.g. `http://127.0.0.1:4444`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port `tauri-driver` listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The file holding the driver's (and the app's) output.
    pub fn log(&self) -> &Path {
        &self.log
    }

    fn wait_until_listening(&mut self, ports: &[u16]) -> Result<()> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(HarnessError::Setup(format!(
                    "tauri-driver exited at start ({status}); see {}",
                    self.log.display()
                )));
            }
            if ports
                .iter()
                .all(|p| TcpStream::connect(("127.0.0.1", *p)).is_ok())
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(HarnessError::Timeout {
                    what: format!("tauri-driver to listen on {ports:?}"),
                    seconds: START_TIMEOUT.as_secs(),
                });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        // SIGTERM makes tauri-driver stop WebKitWebDriver; signalling the whole group also
        // reaches an app whose session was not deleted. Then wait, killing if it lingers.
        let group = format!("-{}", self.child.id());
        signal("-TERM", &group);
        let deadline = Instant::now() + STOP_TIMEOUT;
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        signal("-KILL", &group);
        let _ = self.child.wait();
    }
}

/// Sends `sig` to a process group with kill(1); a group already gone is fine.
fn signal(sig: &str, group: &str) {
    let _ = Command::new("kill")
        .args([sig, "--", group])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn check_display() -> Result<()> {
    let has = |var| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    if has("DISPLAY") || has("WAYLAND_DISPLAY") {
        Ok(())
    } else {
        Err(HarnessError::Setup(
            "no display (DISPLAY is not set): run the end-to-end tests through scripts/e2e.sh, \
             which starts Xvfb, a private session bus and a throwaway HOME"
                .into(),
        ))
    }
}

/// `$TAURI_DRIVER`, else `tauri-driver` on PATH, else in `$CARGO_HOME/bin` or `~/.cargo/bin`.
fn find_tauri_driver() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("TAURI_DRIVER").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let cargo_bins = [
        std::env::var_os("CARGO_HOME").map(|h| PathBuf::from(h).join("bin")),
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin")),
    ];
    find_on_path("tauri-driver")
        .or_else(|| {
            cargo_bins
                .into_iter()
                .flatten()
                .map(|dir| dir.join("tauri-driver"))
                .find(|p| p.is_file())
        })
        .ok_or_else(|| {
            HarnessError::Setup(format!(
                "tauri-driver not found on PATH or in ~/.cargo/bin; install it with \
                 `cargo install tauri-driver --version {TAURI_DRIVER_VERSION} --locked` \
                 (make test does this)"
            ))
        })
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Two ports free right now. Both listeners are held until both are chosen, so they differ.
fn free_port_pair() -> Result<(u16, u16)> {
    let bind = || {
        TcpListener::bind(("127.0.0.1", 0))
            .and_then(|l| Ok((l.local_addr()?.port(), l)))
            .map_err(HarnessError::io("cannot find a free port".to_string()))
    };
    let (first, _a) = bind()?;
    let (second, _b) = bind()?;
    Ok((first, second))
}
