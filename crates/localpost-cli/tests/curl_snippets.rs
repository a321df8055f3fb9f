//! curl in and out as the real binary: `localpost import` of curl files and `--curl`, and
//! `localpost export request --as LANGUAGE`, whose curl snippet, run by the real `curl`,
//! sends what `localpost send` sends.

use crate::server;

use std::process::Command as Process;

use assert_cmd::Command;
use server::{Recorded, Reply, Server};

const SECRET: &str = "s3cr3t-snippet-value";

/// A fresh data directory and keychain service.
struct Data {
    dir: tempfile::TempDir,
    service: String,
}

impl Data {
    fn new() -> Data {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos();
        Data {
            dir: tempfile::tempdir().expect("temp dir"),
            service: format!("localpost-cli-curl-{}-{nanos}", std::process::id()),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
        cmd.env("LOCALPOST_DATA_DIR", self.dir.path().join("data"))
            .env("LOCALPOST_KEYCHAIN_SERVICE", &self.service);
        cmd
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        (
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    }

    /// The id `localpost list` gives the request named `name`.
    fn request_id(&self, name: &str) -> String {
        let (list, _) = self.ok(&["list"]);
        list.lines()
            .map(str::trim)
            .filter_map(|l| l.strip_prefix("request "))
            .find(|l| l.ends_with(name))
            .and_then(|l| l.split(' ').next())
            .unwrap_or_else(|| panic!("{name} not in\n{list}"))
            .to_string()
    }
}

#[test]
fn a_file_of_curl_commands_becomes_a_collection_named_after_it() {
    let data = Data::new();
    let file = data.dir.path().join("smoke-tests.sh");
    std::fs::write(
        &file,
        "#!/bin/sh\n# two checks\ncurl https://api.test/health\n\ncurl -X DELETE \\\n  https://api.test/cache --retry 2\n",
    )
    .expect("writes");
    let (out, err) = data.ok(&["import", file.to_str().expect("UTF-8")]);
    assert!(
        out.contains("smoke-tests (curl commands: 0 folders, 2 requests)"),
        "{out}"
    );
    assert!(
        err.contains("command 2, --retry: unknown option, ignored"),
        "{err}"
    );
    let (list, _) = data.ok(&["list"]);
    assert!(list.contains("GET GET https://api.test/health"), "{list}");
    assert!(
        list.contains("DELETE DELETE https://api.test/cache"),
        "{list}"
    );
}

#[test]
fn curl_from_the_command_line_or_stdin_and_errors_import_nothing() {
    let data = Data::new();
    let (out, _) = data.ok(&[
        "import",
        "--curl",
        "curl -H 'X-A: 1' https://api.test/a",
        "--collection",
        "Pasted",
    ]);
    assert!(
        out.contains("Pasted (curl commands: 0 folders, 1 request)"),
        "{out}"
    );
    data.cmd()
        .args(["import", "--curl", "-"])
        .write_stdin("curl https://api.test/b -d x=1\n")
        .assert()
        .success();
    let (list, _) = data.ok(&["list"]);
    assert!(list.contains("collection 2 curl"), "{list}");
    assert!(list.contains("POST POST https://api.test/b"), "{list}");

    let out = data
        .cmd()
        .args(["import", "--curl", "curl https://api.test/c -H"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --curl: command 1: option -H is missing its argument\n"
    );
    let (after, _) = data.ok(&["list"]);
    assert_eq!(after, list, "nothing imported");
}

#[test]
fn snippets_use_public_variables_and_keep_secrets_as_placeholders() {
    let data = Data::new();
    let collection = data.dir.path().join("api.postman_collection.json");
    let environment = data.dir.path().join("dev.postman_environment.json");
    std::fs::write(
        &collection,
        serde_json::json!({
            "info": {"name": "API", "schema":
                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Ping", "request": {
                "method": "GET",
                "url": "https://{{host}}/ping",
                "header": [
                    {"key": "X-Token", "value": "{{token}}"},
                    {"key": "X-Vault", "value": "{{vault:deploy}}"}
                ]
            }}]
        })
        .to_string(),
    )
    .expect("write collection");
    std::fs::write(
        &environment,
        serde_json::json!({
            "name": "Dev",
            "values": [
                {"key": "host", "value": "api.test", "enabled": true},
                {"key": "token", "value": SECRET, "type": "secret", "enabled": true}
            ]
        })
        .to_string(),
    )
    .expect("write environment");
    data.ok(&[
        "import",
        collection.to_str().expect("UTF-8"),
        environment.to_str().expect("UTF-8"),
    ]);
    for language in [
        "curl",
        "httpie",
        "python",
        "fetch",
        "axios",
        "go",
        "rust",
        "java",
        "csharp",
        "powershell",
    ] {
        let (snippet, err) = data.ok(&[
            "export", "request", "API/Ping", "--as", language, "-e", "Dev",
        ]);
        assert!(
            !snippet.contains(SECRET),
            "{language} leaked the secret:\n{snippet}"
        );
        assert!(snippet.contains("{{token}}"), "{language}:\n{snippet}");
        assert!(
            snippet.contains("{{vault:deploy}}"),
            "{language}:\n{snippet}"
        );
        assert!(
            snippet.contains("https://api.test/ping"),
            "{language}:\n{snippet}"
        );
        assert!(err.contains("left as placeholders"), "{err}");
    }
}

/// What a server received, less what each client sets itself.
fn essence(r: &Recorded) -> (String, String, Vec<(String, String)>, Vec<u8>) {
    let own = [
        "user-agent",
        "accept",
        "accept-encoding",
        "host",
        "content-length",
    ];
    let mut headers: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(k, _)| !own.contains(&k.as_str()))
        .cloned()
        .collect();
    headers.sort();
    (r.method.clone(), r.target.clone(), headers, r.body.clone())
}

#[test]
fn the_curl_snippet_run_by_curl_sends_what_localpost_send_sends() {
    let server = Server::start(|_| Reply::text("ok"));
    let data = Data::new();
    let command = format!(
        "curl -X PATCH '{}' -H 'X-Quote: it'\\''s \"q\" $HOME \\ ☕' --json $'{{\"a\": \"line\\nbreak $x \\\\ é\"}}'",
        server.url("/items/7?q=caf%C3%A9")
    );
    data.ok(&["import", "--curl", &command, "--collection", "Wire"]);
    let id = data.request_id("/items/7");
    data.ok(&["send", &id]);
    let (snippet, _) = data.ok(&["export", "request", &id, "--as", "curl"]);
    let run = Process::new("bash")
        .args(["-c", &snippet])
        .output()
        .expect("bash runs");
    assert!(
        run.status.success(),
        "{}\n{snippet}",
        String::from_utf8_lossy(&run.stderr)
    );
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    assert_eq!(essence(&hits[1]), essence(&hits[0]), "{snippet}");
    assert_eq!(hits[0].text(), "{\"a\": \"line\nbreak $x \\ é\"}");
}
