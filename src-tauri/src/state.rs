//! The state every command shares: the open store, the keychain, the HTTP engine, the sends
//! and runs under way.
//!
//! This module decides where the data lives (`LOCALPOST_DATA_DIR`, else the platform data
//! directory, the same file the CLI uses) and which keychain service holds secret values
//! (`LOCALPOST_KEYCHAIN_SERVICE`, else the CLI's default), and reports why the app cannot start. It does not
//! lock anything itself: [`Store`], [`Engine`], [`InFlight`], [`Sockets`], [`Calls`], [`Finished`] and [`Documents`] serialise their own calls.

use localpost_core::script::{Limits, Worker};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use localpost_core::http::Engine;
use localpost_core::runs::Finished;
use localpost_core::send::{Calls, InFlight, Sockets};
use localpost_core::store::{self, Store, StoreError};
use localpost_core::vault::{self, KeychainChoice, OsKeychain, Vault};
use localpost_core::viewer::Documents;

/// Environment variable naming the data directory; overrides the platform default.
pub const DATA_DIR_ENV: &str = "LOCALPOST_DATA_DIR";

/// Environment variable naming the keychain service; the CLI reads the same one.
pub const KEYCHAIN_SERVICE_ENV: &str = "LOCALPOST_KEYCHAIN_SERVICE";

/// The passphrase-sealed vault file, in the data directory, used only once the user unlocks it.
pub const VAULT_FILE: &str = "vault.lpvault";

/// What the commands share, given to `app.manage`.
#[derive(Debug)]
pub struct AppState {
    /// The SQLite store.
    pub store: Store,
    /// Where secret variables' and vault secrets' values live: the OS keychain, or the vault
    /// file (`vault.lpvault` in the data directory) once the user unlocks it. Only read when a
    /// send or an editor uses a secret.
    pub keychain: Arc<KeychainChoice>,
    /// Seals cookie values and history with the data key, kept where secrets are.
    pub vault: Vault<Arc<KeychainChoice>>,
    /// The HTTP engine: one per app, so connections are pooled across sends. It watches for
    /// event streams, which a send listening for them (`send_request`) shows as they arrive.
    pub engine: Engine,
    /// Sends under way, by the id the UI gave them, for `cancel_request`.
    pub sends: InFlight,
    /// WebSocket conversations open, by the id the UI gave them, for `send_websocket_message`
    /// and `close_websocket`; closed when the window closes.
    pub sockets: Sockets,
    /// gRPC calls open, by the id the UI gave them, for `send_grpc_message`,
    /// `end_grpc_stream` and `cancel_grpc_call`; cancelled when the window closes.
    pub calls: Calls,
    /// Collection runs under way, by the id the UI gave them, for `stop_run`.
    pub runs: InFlight,
    /// This session's last runs' full results, for reports.
    pub finished: Finished,
    /// Runs the scripts of each send: the first sandbox boots for the first script, each next
    /// one ahead, in the background.
    pub scripts: Worker,
    /// Response bodies open in the viewer, by id.
    pub documents: Documents,
}

impl AppState {
    /// Opens the store in the data directory, creating both if needed.
    pub fn open() -> Result<AppState, StartupError> {
        AppState::open_in(&data_dir()?, keychain_service())
    }

    /// Opens the store in `dir` with secrets under the keychain service `service`, creating
    /// the directory if needed: [`AppState::open`] without the environment, for tests.
    pub fn open_in(dir: &Path, service: String) -> Result<AppState, StartupError> {
        let keychain = Arc::new(KeychainChoice::new(
            OsKeychain::new(service),
            dir.join(VAULT_FILE),
        ));
        // The sealer's data key lives wherever secrets do: the vault file once it is unlocked.
        let sealer = Arc::new(vault::Vault::new(Arc::clone(&keychain)));
        let store = Store::open_dir(dir)?.with_sealer(sealer);
        Ok(AppState {
            store,
            keychain: Arc::clone(&keychain),
            vault: Vault::new(keychain),
            engine: Engine::with_options(localpost_core::http::Options {
                watch: Some(localpost_core::http::Watch(std::sync::Arc::new(
                    localpost_core::http::live::EventStreams,
                ))),
                ..localpost_core::http::Options::default()
            }),
            sends: InFlight::new(),
            sockets: Sockets::new(),
            calls: Calls::new(),
            runs: InFlight::new(),
            finished: Finished::new(),
            scripts: Worker::lazy(Limits::default()),
            documents: Documents::new(),
        })
    }
}

/// The data directory: `$LOCALPOST_DATA_DIR` when set and not empty, else the platform's.
pub fn data_dir() -> Result<PathBuf, StartupError> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => store::default_data_dir().ok_or(StartupError::NoDataDir),
    }
}

/// The keychain service: `$LOCALPOST_KEYCHAIN_SERVICE` when set and not empty, else
/// [`vault::SERVICE`].
pub fn keychain_service() -> String {
    std::env::var(KEYCHAIN_SERVICE_ENV)
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| vault::SERVICE.to_string())
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Neither `LOCALPOST_DATA_DIR` nor a platform data directory is available.
    #[error("no data directory on this platform; set {DATA_DIR_ENV} to a directory")]
    NoDataDir,
    /// The store could not be opened, created or migrated.
    #[error("cannot start: {0}")]
    Store(#[from] StoreError),
    /// Tauri could not create the app or its window.
    #[error("cannot start the desktop app: {0}")]
    Tauri(#[source] tauri::Error),
}
