//! socket.io's own server (Node, `bench/socketio-server.js`, the package pinned in
//! `bench/package.json`) on a loopback port: the reference implementation the Socket.IO client
//! is checked against. It stops when dropped (its standard input closes).
//!
//! Shared with `localpost-cli/tests` and the end-to-end tests through `#[path]`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct SocketIoServer {
    child: Child,
    pub port: u16,
}

/// The repository: the nearest folder above the crate that holds `bench/socketio-server.js`
/// (the crates sit at different depths).
fn repo() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("bench/socketio-server.js").is_file())
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

impl SocketIoServer {
    pub fn start() -> SocketIoServer {
        assert!(
            repo().join("bench/node_modules/socket.io").is_dir(),
            "bench/node_modules is missing: run `make test-deps` (npm ci in bench/)"
        );
        let mut child = Command::new("node")
            .arg(repo().join("bench/socketio-server.js"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs");
        let stdout = child.stdout.take().expect("its stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server says where it listens");
        let port = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line from the server: {line:?}"));
        SocketIoServer { child, port }
    }

    /// A Socket.IO request's URL for namespace `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for SocketIoServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
