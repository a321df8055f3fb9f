//! Proof that nothing leaves the machine: run a program under `strace`, then list every
//! connection or datagram it sent to an address that is not loopback.
//!
//! Only `connect`, `sendto` and `sendmsg` are traced, across all child processes (`-f`), so
//! WebKit's network and web processes are covered along with the app. A DNS lookup of a remote
//! name shows up as a datagram to the resolver; a TCP or QUIC connection as a `connect`. Unix
//! sockets (X11, D-Bus) and netlink are local by nature and ignored.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::{HarnessError, Result};

/// `strace` arguments shared by every traced run; the log goes to `log`.
pub fn strace_args(log: &Path) -> Vec<String> {
    vec![
        "-f".into(),
        "-qq".into(),
        "-e".into(),
        "signal=none".into(),
        "-e".into(),
        "trace=connect,sendto,sendmsg".into(),
        "-o".into(),
        log.display().to_string(),
    ]
}

/// Writes an executable script in `dir` that runs `app` under `strace`, logging to the
/// returned log path. WebDriver launches the script in place of the app.
pub fn traced_wrapper(dir: &Path, app: &Path) -> Result<(PathBuf, PathBuf)> {
    which_strace()?;
    let log = dir.join("egress.log");
    let script = dir.join("traced-app.sh");
    let args: Vec<String> = strace_args(&log)
        .into_iter()
        .map(|a| format!("'{a}'"))
        .collect();
    let body = format!(
        "#!/bin/sh\nexec strace {} '{}' \"$@\"\n",
        args.join(" "),
        app.display()
    );
    std::fs::write(&script, body).map_err(HarnessError::io("cannot write the strace wrapper"))?;
    let mut perms = std::fs::metadata(&script)
        .map_err(HarnessError::io("cannot stat the strace wrapper"))?
        .permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).map_err(HarnessError::io(
        "cannot make the strace wrapper executable",
    ))?;
    Ok((script, log))
}

/// Fails with a clear message when `strace` is not installed.
pub fn which_strace() -> Result<()> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join("strace").is_file()))
        .unwrap_or(false);
    if found {
        Ok(())
    } else {
        Err(HarnessError::Setup(
            "strace not found; run scripts/install-deps.sh --test (package strace)".into(),
        ))
    }
}

/// The inet addresses a traced line connects or sends to.
fn addresses(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for marker in [
        "inet_addr(\"",
        "inet_pton(AF_INET6, \"",
        "inet_pton(AF_INET, \"",
    ] {
        let mut rest = line;
        while let Some(start) = rest.find(marker) {
            let after = &rest[start + marker.len()..];
            match after.find('"') {
                Some(end) => {
                    out.push(&after[..end]);
                    rest = &after[end..];
                }
                None => break,
            }
        }
    }
    out
}

fn is_local(address: &str) -> bool {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback() || v4.is_unspecified(),
        Ok(IpAddr::V6(v6)) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        // Not an address we can read: treat it as remote, so it is looked at.
        Err(_) => false,
    }
}

/// Every traced line that reached (or tried to reach) a non-loopback address, or that spoke to
/// the DNS port on any address: a name lookup through a loopback resolver (systemd-resolved's
/// 127.0.0.53, a local dnsmasq) is still a query about a name the user never asked for, since
/// every address the tests use is a literal.
pub fn remote_lines(log: &str) -> Vec<String> {
    log.lines()
        .filter(|line| {
            let addresses = addresses(line);
            addresses.iter().any(|a| !is_local(a))
                || (!addresses.is_empty() && line.contains("port=htons(53)"))
        })
        .map(str::to_owned)
        .collect()
}

/// How many traced lines used an inet address at all (loopback included), to show the trace
/// really saw the program's sockets.
pub fn inet_lines(log: &str) -> usize {
    log.lines()
        .filter(|line| !addresses(line).is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"101 connect(3, {sa_family=AF_UNIX, sun_path="/tmp/.X11-unix/X99"}, 110) = 0
101 connect(7, {sa_family=AF_INET, sin_port=htons(4445), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
102 connect(9, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
103 sendto(4, "\252\1", 2, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16) = 2
104 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2606:4700::1111", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>
105 sendmsg(6, {msg_name={sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, msg_namelen=16}, 0) = 40
106 connect(8, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=0}, 28) = 0
107 sendto(10, "\17\1", 2, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 2
108 connect(11, {sa_family=AF_INET, sin_port=htons(5353), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
"#;

    #[test]
    fn flags_every_remote_destination_and_no_local_one() {
        let remote = remote_lines(LOG);
        let pids: Vec<&str> = remote
            .iter()
            .map(|l| l.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(pids, ["103", "104", "105", "107"]);
        assert_eq!(inet_lines(LOG), 8);
    }

    #[test]
    fn unreadable_addresses_count_as_remote() {
        assert!(!is_local("not-an-ip"));
        assert!(is_local("127.8.9.10"));
    }
}
