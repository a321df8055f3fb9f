//! `localpost import` of every format (detected from content, not the file name), the
//! `--replace` / `--as-copy` choice for a collection imported again, and
//! `localpost export dump`, as the real binary over the fixtures in
//! crates/localpost-core/tests/fixtures/, each test with its own data directory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../localpost-core/tests/fixtures")
        .join(rel)
}

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

    /// `fixture` copied into the data dir under `name` (to hide its extension).
    fn copy(&self, rel: &str, name: &str) -> PathBuf {
        let to = self.dir.path().join(name);
        std::fs::copy(fixture(rel), &to).expect("copied");
        to
    }

    /// Runs `args`; returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn formats_are_detected_from_content_and_reported_with_ids() {
    let data = Data::new();
    let openapi = data.copy("openapi/petstore-3.0.yaml", "api-description.txt");
    let har = data.copy("har/browser.har", "recording.json");
    let insomnia = data.copy("insomnia/collection-v5.yaml", "weather");
    let (code, stdout, stderr) = data.run(&["import", s(&openapi), s(&har), s(&insomnia)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported into workspace 1 My Workspace\n  \
         collection 1 Kennel Registry (OpenAPI 3: 2 folders, 6 requests)\n  \
         collection 2 Checkout flow (HAR: 0 folders, 4 requests)\n  \
         collection 3 Weather Desk (Insomnia v5 collection: 1 folder, 2 requests)\n  \
         environment 1 Iceland (1 variable)\n"
    );
    let o = s(&openapi);
    let h = s(&har);
    let w = s(&insomnia);
    assert_eq!(
        stderr,
        format!(
            "warning: {o}: servers: only the first of 2 servers is used as baseUrl\n\
             warning: {o}: paths./dogs.get.parameters[3]: cookie parameter session is not supported; left out\n\
             warning: {h}: log.entries[2].response.content.text: binary response body is not kept\n\
             warning: {h}: log.entries[3].request.postData.params[1]: the file receipt.pdf of part scan was not recorded; choose it again\n\
             warning: {w}: collection[0].children[0].scripts: Insomnia scripts are not imported (they use Insomnia's own API)\n\
             warning: {w}: cookieJar: cookie jars are not imported\n"
        )
    );
}

#[test]
fn a_broken_file_imports_nothing_and_says_where() {
    let data = Data::new();
    let good = fixture("har/browser.har");
    let yaml = fixture("openapi/bad-yaml.yaml");
    let shape = fixture("insomnia/bad-body.json");
    let (code, stdout, stderr) = data.run(&["import", s(&good), s(&yaml), s(&shape)]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: {}: invalid YAML at line 4, column 6: did not find expected ',' or ']'\n\
             error: {}: resources[4].body: expected an object, found a string\n",
            s(&yaml),
            s(&shape)
        )
    );
    let (_, listed, _) = data.run(&["list"]);
    assert!(!listed.contains("Checkout flow"), "{listed}");
}

#[test]
fn importing_a_collection_again_needs_replace_or_as_copy() {
    let data = Data::new();
    let dump = fixture("dump/postman-export.zip");
    let (code, _, stderr) = data.run(&["import", s(&dump)]);
    assert_eq!(code, 0, "{stderr}");

    let (code, stdout, stderr) = data.run(&["import", s(&dump)]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: collection Harbour Tides (postman id 6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11) is \
         already in this workspace as collection 1: choose to replace it or to import it as a \
         copy\n(run again with --replace to replace it, or --as-copy to keep both; nothing was \
         imported)\n"
    );

    let (code, stdout, _) = data.run(&["import", "--replace", s(&dump)]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("collection 2 Harbour Tides (collection v2.1"),
        "{stdout}"
    );
    let (code, stdout, _) = data.run(&["import", "--as-copy", s(&dump)]);
    assert_eq!(code, 0);
    assert!(stdout.contains("collection 3 Harbour Tides"), "{stdout}");
    let (_, listed, _) = data.run(&["list"]);
    let collections: Vec<&str> = listed
        .lines()
        .filter(|l| l.trim_start().starts_with("collection "))
        .map(str::trim)
        .collect();
    assert_eq!(
        collections,
        ["collection 2 Harbour Tides", "collection 3 Harbour Tides"]
    );

    let (code, _, stderr) = data.run(&["import", "--replace", "--as-copy", s(&dump)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

#[test]
fn a_workspace_exports_as_a_dump_that_imports_elsewhere() {
    let data = Data::new();
    let legacy = fixture("dump/legacy.postman_dump");
    let zip = fixture("dump/postman-export.zip");
    let (code, _, stderr) = data.run(&["import", s(&zip), s(&legacy)]);
    assert_eq!(code, 0, "{stderr}");
    let out = data.dir.path().join("backup.zip");
    let (code, stdout, stderr) = data.run(&["export", "dump", "-o", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "exported workspace 1 My Workspace to {}\n\
             withheld the value of secret tideKey \
             (collection/6f1c2a10-0b8e-4d5e-9a51-3c2b7e9d0a11.json: variable[1])\n",
            out.display()
        )
    );
    let elsewhere = Data::new();
    let (code, stdout, stderr) = elsewhere.run(&["import", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported into workspace 1 My Workspace\n  \
         collection 1 Harbour Tides (collection v2.1: 0 folders, 1 request)\n  \
         collection 2 Lighthouse Log (collection v2.1: 0 folders, 1 request)\n  \
         environment 1 Fjord (1 variable)\n  \
         environment 2 Coast Guard (1 variable)\n  \
         globals beacon\n"
    );
}
