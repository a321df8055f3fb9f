//! `localpost auth token`: obtains an OAuth 2.0 token for a stored request's auth in force
//! (its own, a folder's or the collection's) and keeps it in the OS keychain as a vault
//! secret, which the auth then references as `{{vault:NAME}}`.
//!
//! For the authorization code grants the authorisation URL is printed to standard error, and
//! the code is awaited on the loopback redirect (`http://127.0.0.1:PORT/callback`) for up to
//! five minutes: open the URL in a browser on this machine. `--refresh` trades the stored
//! refresh token for new tokens instead. No token is ever printed.

use std::io::Write;

use localpost_core::http::Engine;
use localpost_core::send::{self, Options};
use localpost_core::store::Store;
use localpost_core::vault::OsKeychain;
use tokio_util::sync::CancellationToken;

use crate::cli::TokenArgs;
use crate::exit::Failure;
use crate::lookup;

/// Obtains (or refreshes) and stores the token, then says where it went.
pub fn token(
    store: &Store,
    service: &str,
    args: &TokenArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let workspace = lookup::workspace(store, args.workspace.as_deref())?;
    let tree = store.tree(workspace.id)?;
    let request = lookup::request(store, &tree, &args.request)?;
    let environment = lookup::environment(&tree, args.environment.as_deref())?;
    let options = Options {
        environment: environment.map(|env| env.id),
        overrides: args.env_vars.clone(),
        vault: Vec::new(),
        ..Options::default()
    };
    let keychain = OsKeychain::new(service);
    let engine = Engine::new();
    let cancel = CancellationToken::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let keeper = send::oauth2::TokenKeeper {
        store,
        keychain: &keychain,
        engine: &engine,
    };
    let stored = runtime.block_on(async {
        if args.refresh {
            keeper.refresh(request.id, &options, &cancel).await
        } else {
            let browser = |url: &_| {
                eprintln!("Open this URL in a browser to sign in (waiting up to 5 minutes):");
                eprintln!("{url}");
            };
            keeper.obtain(request.id, &options, browser, &cancel).await
        }
    })?;
    writeln!(
        out,
        "access token stored as {{{{vault:{}}}}}",
        stored.access_secret
    )?;
    if let Some(refresh) = &stored.refresh_secret {
        writeln!(out, "refresh token stored as vault secret {refresh}")?;
    }
    if let Some(seconds) = stored.expires_in {
        writeln!(out, "expires in {seconds} s")?;
    }
    Ok(())
}
