//! `localpost cookies list|rm|clear`: a workspace's cookie jar. Values are opened with the
//! data key in the OS keychain, so listing needs the keychain; removing does not.

use std::io::Write;

use localpost_core::cookies::{Cookie, Cookies};
use localpost_core::model::CookieId;
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};

use crate::cli::CookiesCommand;
use crate::exit::Failure;
use crate::lookup;

/// Runs one cookies subcommand.
pub fn run(
    store: &Store,
    service: &str,
    cmd: &CookiesCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let vault = Vault::new(OsKeychain::new(service));
    let cookies = Cookies::new(store, &vault);
    match cmd {
        CookiesCommand::List { workspace } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let list = cookies.list(ws.id)?;
            if list.is_empty() {
                writeln!(out, "no cookies")?;
            }
            for c in list {
                writeln!(out, "{}", line(&c))?;
            }
        }
        CookiesCommand::Rm { cookie, workspace } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let ids: Vec<CookieId> = store
                .cookies(ws.id)?
                .into_iter()
                .filter(|c| c.name == *cookie || c.id.0.to_string() == *cookie)
                .map(|c| c.id)
                .collect();
            if ids.is_empty() {
                return Err(Failure::usage(format!(
                    "no cookie {cookie} in workspace {}",
                    ws.name
                )));
            }
            for id in &ids {
                cookies.delete(*id)?;
            }
            writeln!(out, "removed {} cookie(s)", ids.len())?;
        }
        CookiesCommand::Clear { workspace } => {
            let ws = lookup::workspace(store, workspace.as_deref())?;
            let n = cookies.clear(ws.id)?;
            writeln!(out, "removed {n} cookie(s) from workspace {}", ws.name)?;
        }
    }
    Ok(())
}

/// `ID  DOMAIN  PATH  NAME=VALUE  EXPIRES  FLAGS`, tab-separated.
fn line(c: &Cookie) -> String {
    let domain = if c.host_only {
        c.domain.clone()
    } else {
        format!(".{}", c.domain)
    };
    let expires = c
        .expires
        .map_or_else(|| "session".to_string(), |t| t.to_string());
    let mut flags = Vec::new();
    if c.secure {
        flags.push("secure".to_string());
    }
    if c.http_only {
        flags.push("httponly".to_string());
    }
    if let Some(s) = &c.same_site {
        flags.push(format!("samesite={s}"));
    }
    format!(
        "{}\t{domain}\t{}\t{}={}\t{expires}\t{}",
        c.id.map(|i| i.0).unwrap_or_default(),
        c.path,
        c.name,
        c.value,
        flags.join(",")
    )
    .trim_end()
    .to_string()
}
