//! `localpost run`'s reporters (issue 11), black-box: `-r junit`, `html`, `progress` and the
//! `cli` options, run by the real binary against a loopback echo server. The junit report is
//! checked against the Jenkins JUnit schema with `xmllint` (package libxml2-utils), the html
//! report is parsed as XML by it; a report is never left half-written.

use crate::server;

use crate::echo;

use std::path::Path;
use std::process::Command;

use echo::{echo, repo};
use server::Server;

fn fixture(name: &str) -> String {
    let path = repo().join("tests/fixtures/runner").join(name);
    path.to_str().expect("UTF-8 path").to_owned()
}

/// Runs `localpost run COLLECTION --env-var baseUrl=… ARGS` in `work`; exit code, stdout and
/// stderr.
fn run(work: &Path, server: &Server, collection: &str, args: &[&str]) -> (i32, String, String) {
    let base = format!("baseUrl={}", server.url("").trim_end_matches('/'));
    let out = assert_cmd::Command::cargo_bin("localpost")
        .expect("the localpost binary is built")
        .current_dir(work)
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .args(["run", &fixture(collection), "--env-var", &base])
        .args(args)
        .output()
        .expect("localpost runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `xmllint ARGS FILE`: its exit code and messages.
fn xmllint(args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint runs: install libxml2-utils (scripts/install-deps.sh --test)");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.success(), text)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("report written")
}

#[test]
fn junit_report_is_valid_against_the_jenkins_schema() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, err) = run(
        work.path(),
        &server,
        "reports.postman_collection.json",
        &["-r", "junit", "--reporter-junit-export", "out/report.xml"],
    );
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let path = work.path().join("out/report.xml");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/junit/junit-10.xsd");
    let schema = schema.to_str().expect("UTF-8");
    let (valid, messages) = xmllint(&["--noout", "--schema", schema], &path);
    assert!(valid, "{messages}\n{}", read(&path));
    let xml = read(&path);
    for part in [
        r#"<testsuites name="Reports &lt;&amp;> &quot;markup&quot;" tests="3""#,
        r#"<testsuite name="Folder &lt;i> / Markup &lt;b>bold&lt;/b>" id="markup""#,
        r#"tests="3" failures="1" errors="0""#,
        r#"<testcase name="&lt;script>alert(1)&lt;/script>""#,
        r#"classname="FolderLtIMarkupLtBBoldLtB""#,
        r#"<failure type="AssertionFailure" message="expected '&lt;script>x&lt;/script>' to equal '&lt;/script>&lt;script>y'">"#,
        "<![CDATA[Failed 1 times.]]>",
        r#"<testsuite name="Script error" id="script-error""#,
        "<system-err><![CDATA[Iteration: 0\n\n---\nprerequestScriptError: <bad> & broken\n---\n]]></system-err>",
    ] {
        assert!(xml.contains(part), "missing {part:?} in\n{xml}");
    }
    assert!(
        !xml.contains("id=\"skipped\""),
        "a skipped request has no suite"
    );
}

#[test]
fn junit_report_goes_where_newman_puts_it_by_default() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, _, err) = run(
        work.path(),
        &server,
        "flow.postman_collection.json",
        &["-r", "junit", "-d", &fixture("flow.csv")],
    );
    assert_eq!((code, err.as_str()), (1, ""));
    let names: Vec<String> = std::fs::read_dir(work.path().join("newman"))
        .expect("newman/ made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let name = &names[0];
    // newman-run-report-2026-12-06-05-14-14-123-0.xml
    let stamp = name
        .strip_prefix("newman-run-report-")
        .and_then(|n| n.strip_suffix("-0.xml"))
        .unwrap_or_default();
    assert!(
        stamp.len() == 23
            && stamp
                .split('-')
                .all(|p| p.chars().all(|c| c.is_ascii_digit())),
        "{name}"
    );
}

#[test]
fn html_report_is_one_escaped_self_contained_page() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, err) = run(
        work.path(),
        &server,
        "reports.postman_collection.json",
        &[
            "-r",
            "html",
            "--reporter-html-export",
            "report.html",
            "--reporter-html-title",
            "Nightly <run>",
        ],
    );
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let path = work.path().join("report.html");
    let (well_formed, messages) = xmllint(&["--noout"], &path);
    assert!(well_formed, "{messages}");
    let html = read(&path);
    // One script element, ours; every value from the run is text.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("<img").count(), 0, "{html}");
    for part in [
        "<title>Nightly &lt;run&gt;</title>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;script&gt;alert(&quot;console&quot;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "TypeError: &lt;bad&gt; &amp; broken",
        "skipped &lt;u&gt;test&lt;/u&gt;",
        "Folder &lt;i&gt; / Markup &lt;b&gt;bold&lt;/b&gt;",
        r#"data-status="failed""#,
        r#"data-status="passed""#,
        r#"data-status="skipped""#,
        r#"<select id="status">"#,
        r#"<input id="text" type="search""#,
        "<h2 id=\"failures\">Failures (2)</h2>",
    ] {
        assert!(html.contains(part), "missing {part:?}");
    }
    // Failures come before the requests.
    let failures = html.find("id=\"failures\"").expect("failures");
    assert!(failures < html.find("id=\"requests\"").expect("requests"));
    // Nothing is fetched: the only URLs are the run's own requests, written as text.
    let base = server.url("").trim_end_matches('/').to_owned();
    let rest = html.replace(&base, "");
    assert!(
        !rest.contains("http://") && !rest.contains("https://") && !rest.contains("//fonts"),
        "{rest}"
    );
    assert!(html.contains(&format!("{base}/passing")));
}

/// newman hands a generic `--reporter-<option>` to every reporter; CI jobs written for the
/// htmlextra reporter keep working: `-r htmlextra` is our html report, its export and title
/// options map onto it, and its other options are ignored with a warning each.
#[test]
fn generic_reporter_options_and_htmlextra_jobs_work() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let (code, out, err) = run(
        work.path(),
        &server,
        "reports.postman_collection.json",
        &[
            "-r",
            "htmlextra",
            "--reporter-htmlextra-export",
            "extra.html",
            "--reporter-htmlextra-showOnlyFails",
            "--reporter-htmlextra-browserTitle",
            "Tab title",
            "--reporter-title",
            "Nightly",
        ],
    );
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(
        err,
        "warning: --reporter-htmlextra-showOnlyFails: htmlextra's option is not supported by the html reporter and was ignored\n\
         warning: --reporter-htmlextra-browserTitle: htmlextra's option is not supported by the html reporter and was ignored\n"
    );
    let html = read(&work.path().join("extra.html"));
    assert!(html.contains("<title>Nightly</title>"), "{html}");
    // A generic option goes to the reporter that has it.
    let (code, _, err) = run(
        work.path(),
        &server,
        "reports.postman_collection.json",
        &["-r", "json", "--reporter-export=generic.json"],
    );
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&read(&work.path().join("generic.json"))).expect("JSON report");
    assert!(json["run"]["stats"].is_object());
    // An option no reporter knows is still an error naming it.
    let (code, _, err) = run(
        work.path(),
        &server,
        "reports.postman_collection.json",
        &["--reporter-nonsense", "x"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--reporter-nonsense"), "{err}");
}

#[test]
fn cli_reporter_options_leave_out_what_they_name() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let flow = "flow.postman_collection.json";
    let data = fixture("flow.csv");
    let cli = |extra: &[&str]| {
        let mut args = vec!["-d", data.as_str(), "--color", "off"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(work.path(), &server, flow, &args);
        assert_eq!((code, err.as_str()), (1, ""), "{out}");
        out
    };
    let all = cli(&[]);
    assert!(all.starts_with("newman\n\nRunner flow\n"), "{all}");
    for part in ["┌───", "  #  failure", "  ✓  login sends", "  1. status is"] {
        assert!(all.contains(part), "missing {part:?} in\n{all}");
    }
    let absent = |flag: &str, gone: &[&str], kept: &[&str]| {
        let out = cli(&[flag]);
        for part in gone {
            assert!(!out.contains(part), "{flag}: {part:?} still in\n{out}");
        }
        for part in kept {
            assert!(out.contains(part), "{flag}: {part:?} missing in\n{out}");
        }
    };
    absent(
        "--reporter-cli-no-summary",
        &["┌───", "executed"],
        &["  #  failure"],
    );
    absent("--reporter-cli-no-failures", &["  #  failure"], &["┌───"]);
    absent(
        "--reporter-cli-no-assertions",
        &["✓", "1. status"],
        &["┌───", "  #  failure"],
    );
    absent(
        "--reporter-cli-no-success-assertions",
        &["✓"],
        &["  1. status is"],
    );
    absent(
        "--reporter-cli-no-banner",
        &["newman\n"],
        &["Runner flow\n"],
    );
    absent("--reporter-cli-noBanner", &["newman\n"], &["Runner flow\n"]);
    let stamped = cli(&["--reporter-cli-show-timestamps"]);
    assert!(
        stamped
            .lines()
            .any(|l| l.starts_with("  [") && (l.contains(" AM]") || l.contains(" PM]"))),
        "{stamped}"
    );
}

#[test]
fn cli_no_console_hides_console_lines() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let report = "reports.postman_collection.json";
    let (_, out, _) = run(work.path(), &server, report, &["--color", "off"]);
    assert!(out.contains("alert(\"console\")"), "{out}");
    let (_, out, _) = run(
        work.path(),
        &server,
        report,
        &["--color", "off", "--reporter-cli-no-console"],
    );
    assert!(!out.contains("alert(\"console\")"), "{out}");
}

#[test]
fn an_unknown_reporter_is_a_one_line_error_and_runs_nothing() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo).allow_no_hits();
    let (code, out, err) = run(
        work.path(),
        &server,
        "flow.postman_collection.json",
        &["-r", "cli,teamcity"],
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "",
            "error: unknown reporter \"teamcity\" (known: cli, json, junit, progress, html)\n"
        )
    );
    assert!(server.hits().is_empty());
}

#[test]
fn a_run_that_stops_leaves_no_report_and_keeps_the_old_one() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo).allow_no_hits();
    let out = work.path().join("out");
    std::fs::create_dir_all(&out).expect("dir");
    std::fs::write(out.join("old.json"), "old").expect("written");
    // The folder does not exist: the run stops with an error after the reports were opened.
    let (code, _, err) = run(
        work.path(),
        &server,
        "flow.postman_collection.json",
        &[
            "--folder",
            "Nope",
            "-r",
            "json,junit,html",
            "--reporter-json-export",
            "out/old.json",
            "--reporter-junit-export",
            "out/report.xml",
            "--reporter-html-export",
            "out/report.html",
        ],
    );
    assert_eq!(
        (code, err.as_str()),
        (1, "error: unable to find a folder or request: Nope\n")
    );
    let left: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["old.json"], "no report, no temporary file");
    assert_eq!(read(&out.join("old.json")), "old");
}

/// Runs `localpost ARGS` on a pseudo-terminal (util-linux `script`); what the terminal got.
fn on_a_terminal(work: &Path, args: &[String]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("localpost");
    let command = std::iter::once(bin.to_string_lossy().into_owned())
        .chain(args.iter().cloned())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qefc", &command, "/dev/null"])
        .current_dir(work)
        .env_remove("CI")
        .env("TERM", "xterm")
        .env("LOCALPOST_DATA_DIR", work.join("user-data"))
        .output()
        .expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn progress_bars_are_drawn_on_a_terminal_only() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let base = format!("baseUrl={}", server.url("").trim_end_matches('/'));
    let args = |reporters: &str| -> Vec<String> {
        [
            "run",
            &fixture("flow.postman_collection.json"),
            "--env-var",
            &base,
            "-d",
            &fixture("flow.csv"),
            "-r",
            reporters,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let tty = on_a_terminal(work.path(), &args("progress"));
    assert!(
        tty.contains("\x1b[1Gprogress [===========================-------------] 66% | ETA: ")
            && tty.contains("s | 8/12\x1b[0K"),
        "{tty:?}"
    );
    assert!(!tty.contains("Iteration"), "progress alone: {tty:?}");
    let tty = on_a_terminal(work.path(), &args("cli"));
    assert!(tty.contains("▕") && tty.contains("\r\x1b[2K"), "{tty:?}");
    assert!(tty.contains("│              assertions │"), "{tty:?}");
    // With both, only the progress reporter's bar.
    let tty = on_a_terminal(work.path(), &args("cli,progress"));
    assert!(!tty.contains("▕") && tty.contains("progress ["), "{tty:?}");

    // In a pipe: no bar, no control sequences.
    let (_, out, err) = run(
        work.path(),
        &server,
        "flow.postman_collection.json",
        &[
            "-d",
            &fixture("flow.csv"),
            "-r",
            "cli,progress",
            "--color",
            "off",
        ],
    );
    assert!(
        !out.contains('\x1b') && !out.contains("▕") && !err.contains("progress"),
        "{out}{err}"
    );
}

#[test]
fn an_interrupted_run_writes_no_report() {
    let work = tempfile::tempdir().expect("temp dir");
    let server = Server::start(echo);
    let base = format!("baseUrl={}", server.url("").trim_end_matches('/'));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("localpost"))
        .current_dir(work.path())
        .env("LOCALPOST_DATA_DIR", work.path().join("user-data"))
        .args([
            "run",
            &fixture("flow.postman_collection.json"),
            "--env-var",
            &base,
        ])
        .args([
            "-n",
            "50",
            "--delay-request",
            "100",
            "-r",
            "json,junit,html",
        ])
        .args(["--reporter-json-export", "out/report.json"])
        .args(["--reporter-junit-export", "out/report.xml"])
        .args(["--reporter-html-export", "out/report.html"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("localpost runs");
    // Wait until requests are going out, then Ctrl-C.
    let started = std::time::Instant::now();
    while server.hits().len() < 3 {
        assert!(started.elapsed().as_secs() < 30, "the run never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = child.wait().expect("waits");
    assert_eq!(status.code(), Some(130));
    assert!(server.hits().len() < 100, "it stopped early");
    let left: Vec<_> = std::fs::read_dir(work.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(left.is_empty(), "no report, no temporary file: {left:?}");
}
