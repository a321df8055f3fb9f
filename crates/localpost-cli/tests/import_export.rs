//! `localpost import` and `localpost export` as the real binary, over the fixtures in
//! tests/fixtures/postman/, each test with its own data directory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/postman");
    dir.canonicalize().expect("fixtures dir").join(name)
}

/// `localpost` over a fresh data directory, nothing inherited from the user's environment.
struct Data {
    dir: tempfile::TempDir,
}

impl Data {
    fn new() -> Data {
        Data {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("localpost").expect("the localpost binary is built");
        cmd.env("LOCALPOST_DATA_DIR", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"));
        cmd
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `args`, expecting success; returns (stdout, stderr).
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
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("written")).expect("JSON")
}

#[test]
fn import_prints_what_it_created_with_ids_and_the_warnings() {
    let data = Data::new();
    let full = fixture("full.postman_collection.json");
    let (stdout, stderr) = data.ok(&[
        "import",
        path_str(&full),
        path_str(&fixture("dev.postman_environment.json")),
        path_str(&fixture("legacy.postman_globals.json")),
        path_str(&fixture("legacy-v1.postman_collection.json")),
        "--workspace",
        "Team",
    ]);
    assert_eq!(
        stdout,
        "created workspace 1 Team\n\
         imported into workspace 1 Team\n  \
         collection 1 Fixture Store API (collection v2.1: 5 folders, 16 requests)\n  \
         collection 2 Legacy One (collection v1: 4 folders, 7 requests)\n  \
         environment 1 Fixture Dev (4 variables)\n  \
         globals globalHost, globalSecret, globalOff\n"
    );
    let v1 = fixture("legacy-v1.postman_collection.json");
    assert_eq!(
        stderr,
        format!(
            "warning: {full}: item[0].item[1].request.proxy: request proxy settings are kept \
             for export, not applied\n\
             warning: {full}: item[1].item[6].request.auth: unknown auth type \
             \"vendor-signature\": kept for export, not applied\n\
             warning: {v1}: requests[1].descriptionFormat: this v1 field has no place in a \
             v2.1 collection: not kept\n\
             warning: {v1}: requests[6]: no folder or order lists this request: placed at the \
             top level\n\
             warning: plain-text secret? Fixture Store API/Login form › body.password: \
             credential (13 characters)\n\
             hint: --move-secrets-to-vault moves them into the vault\n",
            full = full.display(),
            v1 = v1.display()
        )
    );
    let (list, _) = data.ok(&["list"]);
    assert!(
        list.contains("  collection 1 Fixture Store API\n"),
        "{list}"
    );
    assert!(list.contains("        folder 3 Danger Zone\n"), "{list}");
}

#[test]
fn an_exported_collection_reimports_identically() {
    let data = Data::new();
    data.ok(&["import", path_str(&fixture("full.postman_collection.json"))]);
    let first = data.file("first.json");
    let (stdout, _) = data.ok(&[
        "export",
        "collection",
        "Fixture Store API",
        "-o",
        path_str(&first),
    ]);
    // Secret variables and credentials typed into auth settings (19 in all, every auth type
    // of the fixture; the core's round-trip test lists them) are written empty.
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            format!(
                "exported collection 1 Fixture Store API to {}",
                first.display()
            )
            .as_str()
        )
    );
    let withheld: Vec<&str> = lines.filter(|l| l.starts_with("withheld ")).collect();
    assert_eq!(withheld.len(), 19, "{stdout}");
    for line in [
        "withheld the value of secret requestSecret (item[0].item[1].variable[1])",
        "withheld the value of secret apiSecret (variable[4])",
        "withheld the value of secret password (item[0].auth.basic[0])",
        "withheld the value of secret secretKey (auth.awsv4[1])",
    ] {
        assert!(withheld.contains(&line), "{stdout}");
    }
    let mut want = read_json(&fixture("full.postman_collection.json"));
    for line in &withheld {
        let path = line
            .rsplit_once(" (")
            .expect("a path")
            .1
            .trim_end_matches(')');
        let mut node = &mut want;
        for part in path.split('.') {
            let (name, index) = part.split_once('[').unwrap_or((part, ""));
            node = &mut node[name];
            if let Ok(i) = index.trim_end_matches(']').parse::<usize>() {
                node = &mut node[i];
            }
        }
        node["value"] = Value::String(String::new());
    }
    let text = std::fs::read_to_string(&first).expect("written");
    assert!(!text.contains("collection-secret-value") && !text.contains("request-secret-value"));
    assert_eq!(read_json(&first), want);

    data.ok(&["import", "--replace", path_str(&first)]);
    let second = data.file("second.json");
    data.ok(&["export", "collection", "2", "-o", path_str(&second)]);
    assert_eq!(
        std::fs::read_to_string(&second).expect("second"),
        std::fs::read_to_string(&first).expect("first"),
        "byte for byte"
    );
}

#[test]
fn environments_and_globals_export_without_secret_values() {
    let data = Data::new();
    data.ok(&[
        "import",
        path_str(&fixture("dev.postman_environment.json")),
        path_str(&fixture("legacy.postman_globals.json")),
    ]);
    let (stdout, stderr) = data.ok(&["export", "environment", "Fixture Dev", "-o", "-"]);
    let env: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(env["values"][1]["value"], "");
    assert_eq!(env["values"][1]["type"], "secret");
    assert!(!stdout.contains("dev-secret-token-value"));
    assert_eq!(
        stderr,
        "withheld the value of secret apiToken (values[1])\n"
    );

    let globals = data.file("globals.json");
    let (stdout, _) = data.ok(&["export", "globals", "-o", path_str(&globals)]);
    assert!(stdout.contains("withheld the value of secret globalSecret (values[1])"));
    let text = std::fs::read_to_string(&globals).expect("written");
    assert!(!text.contains("global-secret-value"), "{text}");
    assert_eq!(
        read_json(&globals)["values"][0]["value"],
        "globals.fixture.example.com"
    );
}

#[test]
fn a_bad_file_fails_as_its_golden_says_and_imports_nothing() {
    for case in ["invalid-json", "wrong-shape"] {
        let data = Data::new();
        let good = fixture("dev.postman_environment.json");
        let bad = fixture(&format!("{case}.postman_collection.json"));
        let output = data
            .cmd()
            .args(["import", path_str(&good), path_str(&bad)])
            .output()
            .expect("runs");
        let golden = std::fs::read_to_string(fixture(&format!("{case}.err"))).expect("golden");
        let exit = std::fs::read_to_string(fixture(&format!("{case}.exit"))).expect("golden");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            golden.replace("FILE", &bad.display().to_string()),
            "{case}"
        );
        assert_eq!(output.status.code(), exit.trim().parse().ok(), "{case}");
        assert!(output.stdout.is_empty(), "{case}");
        let (list, _) = data.ok(&["list"]);
        assert!(list.starts_with("no workspaces yet"), "{case}: {list}");
    }
}

#[test]
fn every_unreadable_file_is_reported() {
    let data = Data::new();
    let output = data
        .cmd()
        .args([
            "import",
            "missing.json",
            path_str(&fixture("wrong-shape.postman_collection.json")),
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot read missing.json: "),
        "{stderr}"
    );
}

#[test]
fn exporting_what_does_not_exist_is_a_usage_error() {
    let data = Data::new();
    data.ok(&["import", path_str(&fixture("full.postman_collection.json"))]);
    let out = data.file("x.json");
    data.cmd()
        .args(["export", "collection", "Nope", "-o", path_str(&out)])
        .assert()
        .code(2)
        .stderr(
            "error: no collection \"Nope\" in workspace \"My Workspace\" (`localpost list` shows \
             names and ids)\n",
        );
    data.cmd()
        .args(["export", "environment", "99", "-o", path_str(&out)])
        .assert()
        .code(2);
    assert!(!out.exists());
}

#[test]
fn help_lists_import_and_export() {
    let data = Data::new();
    let (stdout, _) = data.ok(&["--help"]);
    assert!(stdout.contains("\n  import "), "{stdout}");
    assert!(stdout.contains("\n  export "), "{stdout}");
    let (stdout, _) = data.ok(&["export", "--help"]);
    for sub in ["collection", "environment", "globals"] {
        assert!(stdout.contains(&format!("\n  {sub} ")), "{stdout}");
    }
}
