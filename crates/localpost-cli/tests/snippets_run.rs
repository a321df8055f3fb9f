//! Code snippets checked by running them (issue 13): `localpost export request --as LANGUAGE`
//! for a request with a query, headers and a JSON body, run in its own language against a
//! loopback server, must send what `localpost send` sends: the same method, path and query,
//! headers and body bytes. The oracle is the language's own HTTP client, not our golden files.
//!
//! The toolchains come from the package registries, installed by `scripts/install-deps.sh
//! --test`: Python with requests, HTTPie, Node.js (fetch; axios from `bench/`'s pinned npm
//! lock), Java 17 (a single-file program), Go. Not run: Rust (the snippet needs reqwest
//! compiled for it, minutes per run), C# and PowerShell (their toolchains are not in Debian's
//! registry); `snippets.rs` in the core checks those against their goldens only.

use crate::server;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use server::{Recorded, Reply, Server};

/// A fresh data directory and keychain service.
struct Data {
    dir: tempfile::TempDir,
    service: String,
}

impl Data {
    fn new() -> Data {
        Data {
            dir: tempfile::tempdir().expect("temp dir"),
            service: format!("localpost-cli-snippets-{}", std::process::id()),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = Command::cargo_bin("localpost")
            .expect("the localpost binary is built")
            .env("LOCALPOST_DATA_DIR", self.dir.path().join("data"))
            .env("LOCALPOST_KEYCHAIN_SERVICE", &self.service)
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).expect("UTF-8")
    }
}

/// What a request's sending is judged by: method, target, the headers the request sets, body.
fn sent(r: &Recorded) -> (String, String, Vec<(String, String)>, String) {
    let mut headers: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(name, _)| name.starts_with("x-") || name == "content-type")
        .cloned()
        .collect();
    headers.sort();
    (
        r.method.clone(),
        r.target.clone(),
        headers,
        String::from_utf8_lossy(&r.body).into_owned(),
    )
}

/// How to run one language's snippet written in `dir`.
struct Runner {
    language: &'static str,
    file: &'static str,
    run: fn(&Path, &Path) -> Process,
}

fn bench_modules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/node_modules")
}

const RUNNERS: &[Runner] = &[
    Runner {
        language: "python",
        file: "snippet.py",
        run: |_, file| {
            let mut p = Process::new("python3");
            p.arg(file);
            p
        },
    },
    Runner {
        language: "httpie",
        file: "snippet.sh",
        run: |_, file| {
            let mut p = Process::new("sh");
            p.arg(file);
            p
        },
    },
    Runner {
        language: "fetch",
        file: "snippet.mjs",
        run: |_, file| {
            let mut p = Process::new("node");
            p.arg(file);
            p
        },
    },
    Runner {
        language: "axios",
        file: "snippet.mjs",
        run: |dir, file| {
            // An ES module finds packages beside it: link the pinned install in.
            let link = dir.join("node_modules");
            if !link.exists() {
                std::os::unix::fs::symlink(bench_modules(), &link).expect("linked");
            }
            let mut p = Process::new("node");
            p.arg(file);
            p
        },
    },
    Runner {
        language: "java",
        file: "Main.java",
        run: |_, file| {
            let mut p = Process::new("java");
            p.arg(file);
            p
        },
    },
    Runner {
        language: "go",
        file: "main.go",
        run: |dir, file| {
            let mut p = Process::new("go");
            p.arg("run")
                .arg(file)
                .env("GOCACHE", dir.join("gocache"))
                .env("GOPATH", dir.join("gopath"))
                .env("GOFLAGS", "-mod=mod")
                .env("GO111MODULE", "off");
            p
        },
    },
];

#[test]
fn each_language_s_snippet_sends_what_localpost_sends() {
    let server = Server::start(|_| Reply::text("ok"));
    let data = Data::new();
    let url = server.url("/echo/users?q=a%20b&n=1");
    let curl = format!(
        "curl -X PATCH '{url}' -H 'X-Trace: t-1' -H 'X-Name: Ada Lovelace' \
         -H 'Content-Type: application/json' -d '{{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"n\":1}}'"
    );
    data.ok(&["import", "--curl", &curl]);
    data.ok(&["send", "1"]);
    let reference = sent(&server.hits()[0]);
    assert_eq!(reference.0, "PATCH");
    assert_eq!(reference.1, "/echo/users?q=a%20b&n=1");

    let mut failures = Vec::new();
    for runner in RUNNERS {
        let dir = tempfile::tempdir().expect("temp dir");
        let snippet = data.ok(&["export", "request", "1", "--as", runner.language]);
        let file = dir.path().join(runner.file);
        std::fs::write(&file, &snippet).expect("written");
        let before = server.hits().len();
        let out = (runner.run)(dir.path(), &file)
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{}: cannot run its toolchain: {e}", runner.language));
        let hits = server.hits();
        if !out.status.success() || hits.len() != before + 1 {
            failures.push(format!(
                "{}: exit {}, {} requests\n{}\n{}",
                runner.language,
                out.status,
                hits.len() - before,
                String::from_utf8_lossy(&out.stderr),
                snippet
            ));
            continue;
        }
        let got = sent(&hits[before]);
        if got != reference {
            failures.push(format!(
                "{} sent {got:?}\nlocalpost sent {reference:?}\n{snippet}",
                runner.language
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
