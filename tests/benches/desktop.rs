//! The desktop measures of issue 12 (`make bench`): the real app against its floor, an empty
//! Tauri 2 window built the same way in the same cargo run (`bench/desktop/reference`).
//!
//! Both are started the way the end-to-end tests start the app (`tauri-driver`,
//! `WebKitWebDriver`, a private Xvfb display: run it inside `scripts/test-session.sh`, as
//! `make bench` does), through a wrapper script that writes its process id and the time
//! before it `exec`s the binary. Measured:
//!
//! - **start to tree**: from that time to the first frame that shows the app's tree (the page
//!   marks `tree-shown` on its timeline; the reference marks `shown` on its first frame), read
//!   as `performance.timeOrigin + mark.startTime`. The median of [`RUNS`] starts of each.
//! - **idle PSS**: after [`IDLE`] of quiet, the sum of `Pss` in `/proc/<pid>/smaps_rollup` over
//!   the app's process and all its descendants (WebKit's web and network processes); and their
//!   private dirty memory, which unlike PSS does not move with what else runs on the machine
//!   (another WebKit app shares the libraries' pages, and so lowers everyone's PSS).
//! - **the 50 MB response**: a loopback server answers with 50 MB of JSON (the body of
//!   `tests/tests/big_response.rs`), in [`RUNS`] new windows. The longest gap between
//!   `requestAnimationFrame` callbacks from Send until the whole body is open: the window's
//!   longest stall, whether the page's main thread or WebKit's compositor held it. The longest
//!   of all runs is printed, with each run's. Medians are printed for the time until its first
//!   rows are shown (the preview, from its first MiB), the time until all of it is open (its
//!   size shown), the PSS after it is open, and the CPU time the app's processes use in the
//!   [`IDLE_CPU`] after that while nothing happens.
//! - **a 100,000-message WebSocket session**: a WebSocket request made in the window
//!   receives 100,000 small JSON messages from a loopback server as fast as it sends them;
//!   the memory before and after, the longest frame gap while they arrive, and how long the
//!   window took to count them all.
//! - **tree filter latency**: 10,000 requests (100 folders of 100) imported into the store
//!   before the app starts; the filter's value is typed a character at a time, each measured
//!   in the page from the input event to the frame after the one that shows the rows.
//!
//! Ratios are app / reference. The goals (issue 12): start to tree ≤ 1.2×, idle PSS ≤ 1.15×,
//! stall ≤ 100 ms. Nothing is asserted: the numbers are printed.
//!
//! `make bench` builds what it needs: both binaries in release, as a user installs the app. By
//! hand: `cargo build --release -p localpost-desktop -p localpost-bench-reference &&
//! LOCALPOST_DESKTOP_BIN=target/release/localpost-desktop scripts/test-session.sh cargo bench
//! --workspace --profile dev --bench desktop` (the reference is found beside the app; without
//! `LOCALPOST_DESKTOP_BIN` the debug builds beside the harness are measured, whose unoptimised
//! app binary alone maps about 25 MB more than the reference's).
//! Each measure is taken for each of [`DRAWINGS`]; `LOCALPOST_BENCH_DRAWING=cpu-painting` (or
//! `cpu-painting-dmabuf`, `gpu-painting`, `no-compositing`) takes one. `LOCALPOST_BENCH_RUNS`
//! overrides [`RUNS`];
//! `LOCALPOST_BENCH_ONLY=socket` takes only the WebSocket session's measure, `=big` only the
//! 50 MB response's, `=start` only the starts and idle memory;
//! `LOCALPOST_BENCH_TRACE=1` prints the page's timeline (marks, and the window's first IPC
//! calls, measured in the page) after each start and after the 50 MB response's first rows.

#[path = "../../crates/localpost-core/tests/server/mod.rs"]
mod server;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use bytes::Bytes;
use fantoccini::{Client, Locator};
use localpost_core::formats::{import_any, postman};
use localpost_core::store::{FILE_NAME, Store};
use localpost_core::vault::MemoryKeychain;
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::{AppSession, app_binary};
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use serde_json::json;
use server::{Reply, Server};

/// Starts of each binary for the start-to-tree and idle measures.
const RUNS: usize = 3;

/// Quiet time before the idle memory is read.
const IDLE: Duration = Duration::from_secs(5);

/// Time for the memory to settle after the 50 MB body is shown.
const SETTLE: Duration = Duration::from_secs(3);

/// How long the app's idle CPU time is read over, with the 50 MB body open.
const IDLE_CPU: Duration = Duration::from_secs(3);

/// How long the start mark may take.
const MARK_TIMEOUT: Duration = Duration::from_secs(60);

/// Requests in the filtered tree.
const REQUESTS: usize = 10_000;

/// What the filter measure types, a character at a time; it matches one request.
const FILTER_TEXT: &str = "request 9876";

/// How WebKitGTK draws the window.
struct Drawing {
    /// For names of runs and artifacts.
    name: &'static str,
    title: &'static str,
    /// Added to the environment of both binaries.
    env: &'static [(&'static str, &'static str)],
}

/// Each way, for both binaries: layers painted on the CPU with frames handed to the window in
/// shared memory, as the app draws on a machine with no GPU in an X11 session such as this one
/// (`src-tauri/src/painting.rs`; the app then shows its window once the page has loaded, the
/// reference at once); painted on the CPU with frames as DMA-BUFs, the app's drawing before;
/// painted by Skia's GPU backend, WebKit's default and the app's with a GPU (here through
/// Mesa's software GL); and without accelerated compositing, under which the 50 MB body's
/// stall is under 100 ms but which the app does not use (WebKitWebDriver hangs without it).
/// A switch set for the app leaves its own choice alone.
static DRAWINGS: [Drawing; 4] = [
    Drawing {
        name: "cpu-painting",
        title: "Layers painted on the CPU, frames in shared memory \
                (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 WEBKIT_DISABLE_DMABUF_RENDERER=1, both \
                binaries; the app's choice without a GPU)",
        env: &[
            ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        ],
    },
    Drawing {
        name: "cpu-painting-dmabuf",
        title: "Layers painted on the CPU, frames as DMA-BUFs \
                (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1, both binaries)",
        env: &[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")],
    },
    Drawing {
        name: "gpu-painting",
        title: "Layers painted by Skia on the GPU (WEBKIT_SKIA_ENABLE_CPU_RENDERING=0, both \
                binaries; WebKit's default)",
        env: &[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "0")],
    },
    Drawing {
        name: "no-compositing",
        title: "Without accelerated compositing (WEBKIT_DISABLE_COMPOSITING_MODE=1, both binaries)",
        env: &[("WEBKIT_DISABLE_COMPOSITING_MODE", "1")],
    },
];

/// One binary under measure.
#[derive(Clone)]
struct Target {
    label: &'static str,
    binary: PathBuf,
    /// The performance mark its page sets when it is first shown.
    mark: &'static str,
    drawing: &'static Drawing,
}

/// What one start measured.
struct Start {
    to_mark_ms: f64,
    /// Where the time to the mark went ([`Mark::split`]).
    split: String,
    idle: Memory,
}

#[tokio::main]
async fn main() -> ExitCode {
    match measure_all().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("desktop measures failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn measure_all() -> Result<()> {
    let runs = std::env::var("LOCALPOST_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(RUNS);
    let app = Target {
        label: "app",
        binary: app_binary()?,
        mark: "tree-shown",
        drawing: &DRAWINGS[0],
    };
    let reference = Target {
        label: "reference",
        binary: app_binary()?.with_file_name("localpost-bench-reference"),
        mark: "shown",
        drawing: &DRAWINGS[0],
    };
    if !reference.binary.is_file() {
        return Err(HarnessError::Setup(format!(
            "{} not found; build it beside the app: `cargo build --release -p \
             localpost-bench-reference` for a release app (make bench does)",
            reference.binary.display()
        )));
    }
    let work = tempfile::tempdir().map_err(|e| HarnessError::Setup(e.to_string()))?;
    let only = std::env::var("LOCALPOST_BENCH_DRAWING").ok();
    for drawing in DRAWINGS
        .iter()
        .filter(|d| only.as_deref().is_none_or(|o| o == d.name))
    {
        let app = Target {
            drawing,
            ..app.clone()
        };
        let reference = Target {
            drawing,
            ..reference.clone()
        };
        measure(&app, &reference, runs, work.path()).await?;
    }
    Ok(())
}

/// Every measure of `app` and `reference` drawn one way, printed as a table.
async fn measure(app: &Target, reference: &Target, runs: usize, work: &Path) -> Result<()> {
    println!("\n{}:", app.drawing.title);
    match std::env::var("LOCALPOST_BENCH_ONLY").as_deref() {
        Ok("socket") => {
            let socket = socket_session(app, work).await?;
            print_socket(&socket);
            return Ok(());
        }
        Ok("big") => {
            let bigs = big_responses(app, work, runs).await?;
            print_big(&bigs, None);
            return Ok(());
        }
        _ => {}
    }
    // Alternate the two, so a busy moment of the machine does not fall on one only.
    let mut starts: HashMap<&str, Vec<Start>> = HashMap::new();
    for run in 0..runs {
        for target in [reference, app] {
            let start = start_and_idle(target, work, run).await?;
            println!(
                "  {} run {}: {:.0} ms to {} ({}), idle PSS {:.1} MB ({}), private dirty {:.1} MB",
                target.label,
                run + 1,
                start.to_mark_ms,
                target.mark,
                start.split,
                mb(start.idle.pss_kb),
                start.idle.each.join(" + "),
                mb(start.idle.dirty_kb)
            );
            starts.entry(target.label).or_default().push(start);
        }
    }
    let median_of = |label: &str, f: fn(&Start) -> f64| {
        median(starts.get(label).map_or(&[][..], Vec::as_slice), f)
    };
    let app_tree = median_of("app", |s| s.to_mark_ms);
    let ref_tree = median_of("reference", |s| s.to_mark_ms);
    let app_idle = median_of("app", |s| s.idle.pss_kb as f64);
    let ref_idle = median_of("reference", |s| s.idle.pss_kb as f64);
    let app_dirty = median_of("app", |s| s.idle.dirty_kb as f64);
    let ref_dirty = median_of("reference", |s| s.idle.dirty_kb as f64);
    let start_rows = || {
        row("start to tree (ms)", app_tree, ref_tree, "≤ 1.2×");
        row(
            "idle PSS (MB)",
            app_idle / 1024.0,
            ref_idle / 1024.0,
            "≤ 1.15×",
        );
        row(
            "idle private dirty memory (MB)",
            app_dirty / 1024.0,
            ref_dirty / 1024.0,
            "",
        );
    };
    if std::env::var("LOCALPOST_BENCH_ONLY").as_deref() == Ok("start") {
        println!(
            "desktop measures, {} (medians of {runs} starts; ratio = app / reference):",
            app.drawing.name
        );
        start_rows();
        return Ok(());
    }

    let bigs = big_responses(app, work, runs).await?;
    let filter = filter_latency(app, work).await?;
    let socket = socket_session(app, work).await?;

    println!(
        "desktop measures, {} (medians of {runs} starts; ratio = app / reference):",
        app.drawing.name
    );
    println!(
        "  {:<48} {:>10} {:>10} {:>7}   goal",
        "", "app", "reference", "ratio"
    );
    start_rows();
    print_big(&bigs, Some((ref_idle, ref_dirty)));
    println!(
        "  {:<48} {:>10.0} {:>10} {:>7}",
        "start to tree, 10,000 requests (ms)", filter.start_ms, "-", "-"
    );
    println!(
        "  {:<48} {:>10.1} {:>10} {:>7}   (max {:.1} ms over {} keys)",
        "tree filter, 10,000 requests (ms per key)",
        filter.median_ms,
        "-",
        "-",
        filter.max_ms,
        filter.keys
    );
    print_socket(&socket);
    Ok(())
}

/// The 50 MB response's rows of the table: medians of `bigs`, and the longest frame gap of
/// any; beside the reference's idle memory (kB: PSS, private dirty) when it was measured.
fn print_big(bigs: &[Big], reference: Option<(f64, f64)>) {
    let memory_row = |what: &str, app_kb: f64, reference_kb: Option<f64>| match reference_kb {
        Some(r) => row(what, app_kb / 1024.0, r / 1024.0, ""),
        None => println!(
            "  {what:<48} {:>10.1} {:>10} {:>7}",
            app_kb / 1024.0,
            "-",
            "-"
        ),
    };
    memory_row(
        "PSS with the 50 MB response open (MB)",
        median(bigs, |b| b.memory.pss_kb as f64),
        reference.map(|r| r.0),
    );
    memory_row(
        "private dirty with the 50 MB response open (MB)",
        median(bigs, |b| b.memory.dirty_kb as f64),
        reference.map(|r| r.1),
    );
    let gaps: Vec<String> = bigs.iter().map(|b| format!("{:.0}", b.stall_ms)).collect();
    println!(
        "  {:<48} {:>10.0} {:>10} {:>7}   ≤ 100 ms (each: {})",
        "longest frame gap opening it (ms)",
        bigs.iter().map(|b| b.stall_ms).fold(f64::NAN, f64::max),
        "-",
        "-",
        gaps.join(", ")
    );
    let idle = format!("CPU in {} s idle with it open (ms)", IDLE_CPU.as_secs());
    for (what, value) in [
        (
            "Send to its first rows shown (ms)",
            median(bigs, |b| b.first_rows_ms),
        ),
        ("Send to all of it open (ms)", median(bigs, |b| b.opened_ms)),
        (idle.as_str(), median(bigs, |b| b.idle_cpu_ms)),
    ] {
        println!("  {what:<48} {value:>10.0} {:>10} {:>7}", "-", "-");
    }
}

/// [`big_response`] `runs` times, each in a new window.
async fn big_responses(app: &Target, work: &Path, runs: usize) -> Result<Vec<Big>> {
    let mut bigs = Vec::with_capacity(runs);
    for _ in 0..runs {
        bigs.push(big_response(app, work).await?);
    }
    Ok(bigs)
}

/// The WebSocket session's rows of the table.
fn print_socket(socket: &SocketSession) {
    println!(
        "  {:<48} {:>10.1} {:>10.1} {:>6.2}×",
        format!(
            "PSS before / after {} WebSocket messages (MB)",
            socket_messages()
        ),
        mb(socket.before.pss_kb),
        mb(socket.after.pss_kb),
        socket.after.pss_kb as f64 / socket.before.pss_kb as f64
    );
    println!(
        "  {:<48} {:>10.1} {:>10.1} {:>6.2}×",
        "private dirty before / after them (MB)",
        mb(socket.before.dirty_kb),
        mb(socket.after.dirty_kb),
        socket.after.dirty_kb as f64 / socket.before.dirty_kb as f64
    );
    println!(
        "  {:<48} {:>10.0} {:>10} {:>7}   (all in after {:.1} s)",
        "longest frame gap while they arrive (ms)",
        socket.stall_ms,
        "-",
        "-",
        socket.all_in_ms / 1000.0
    );
}

fn row(what: &str, app: f64, reference: f64, goal: &str) {
    println!(
        "  {what:<48} {app:>10.1} {reference:>10.1} {:>6.2}×   {goal}",
        app / reference
    );
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn median<T>(items: &[T], f: fn(&T) -> f64) -> f64 {
    let mut values: Vec<f64> = items.iter().map(f).collect();
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// A running binary under measure: its session, and the process id and start time its
/// wrapper wrote.
struct Launched {
    session: AppSession,
    _driver: TauriDriver,
    _scratch: Scratch,
    pid: u32,
    started_ms: f64,
}

/// Starts `target` through a wrapper that records its pid and start time, with `scratch`'s
/// data directory, and waits for the window.
async fn launch(target: &Target, work: &Path, name: &str, scratch: Scratch) -> Result<Launched> {
    let record = work.join(format!("{name}.start"));
    let wrapper = work.join(format!("{name}.sh"));
    let _ = std::fs::remove_file(&record);
    let script = format!(
        "#!/bin/sh\nprintf '%s %s\\n' \"$$\" \"$(date +%s%N)\" > '{}'\nexec '{}' \"$@\"\n",
        record.display(),
        target.binary.display()
    );
    write_executable(&wrapper, &script)?;
    let mut env = scratch.env();
    env.extend(
        target
            .drawing
            .env
            .iter()
            .map(|(k, v)| (*k, std::ffi::OsStr::new(v))),
    );
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start_app(&driver, name, &wrapper).await?;
    let text = std::fs::read_to_string(&record).map_err(HarnessError::io(format!(
        "cannot read {}",
        record.display()
    )))?;
    let mut fields = text.split_whitespace();
    let pid = fields.next().and_then(|p| p.parse::<u32>().ok());
    let nanos = fields.next().and_then(|n| n.parse::<u128>().ok());
    let (Some(pid), Some(nanos)) = (pid, nanos) else {
        return Err(HarnessError::Unexpected(format!(
            "the wrapper wrote {text:?} to {}",
            record.display()
        )));
    };
    Ok(Launched {
        session,
        _driver: driver,
        _scratch: scratch,
        pid,
        started_ms: nanos as f64 / 1e6,
    })
}

fn write_executable(path: &Path, text: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text)
        .map_err(HarnessError::io(format!("cannot write {}", path.display())))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(HarnessError::io(format!("cannot chmod {}", path.display())))
}

/// When the page set its mark, and where the time went before it.
struct Mark {
    /// The mark (Unix epoch, ms).
    at: f64,
    /// When the page's navigation started (Unix epoch, ms).
    origin: f64,
    /// From the navigation's start to the end of `DOMContentLoaded` (ms).
    loaded: f64,
}

impl Mark {
    /// "native N ms, page N ms, then N ms": process start to navigation start, navigation
    /// start to `DOMContentLoaded`, and on to the mark.
    fn split(&self, started_ms: f64) -> String {
        format!(
            "native {:.0} ms, page {:.0} ms, then {:.0} ms",
            self.origin - started_ms,
            self.loaded,
            self.at - self.origin - self.loaded
        )
    }
}

/// The page's `mark`, waiting for it.
async fn wait_for_mark(client: &Client, mark: &str) -> Result<Mark> {
    let deadline = Instant::now() + MARK_TIMEOUT;
    loop {
        let got = client
            .execute(
                "const m = performance.getEntriesByName(arguments[0]); \
                 const n = performance.getEntriesByType('navigation')[0]; \
                 return m.length ? [performance.timeOrigin + m[0].startTime, \
                   performance.timeOrigin, n ? n.domContentLoadedEventEnd : 0] : null;",
                vec![json!(mark)],
            )
            .await?;
        let values: Vec<f64> = got
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default();
        if let [at, origin, loaded] = values[..] {
            return Ok(Mark { at, origin, loaded });
        }
        if Instant::now() > deadline {
            return Err(HarnessError::Timeout {
                what: format!("the page's `{mark}` mark"),
                seconds: MARK_TIMEOUT.as_secs(),
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn start_and_idle(target: &Target, work: &Path, run: usize) -> Result<Start> {
    let name = format!("bench-{}-{}-{run}", target.drawing.name, target.label);
    let scratch = Scratch::new(&name)?;
    let launched = launch(target, work, &name, scratch).await?;
    let client = launched.session.client();
    let (pid, started_ms) = (launched.pid, launched.started_ms);
    let mark = target.mark;
    let mut measured = None;
    let outcome = launched
        .session
        .run(async {
            let at = wait_for_mark(&client, mark).await?;
            if std::env::var_os("LOCALPOST_BENCH_TRACE").is_some() {
                print_timeline(&client, &name).await?;
            }
            tokio::time::sleep(IDLE).await;
            let idle = memory(pid)?;
            measured = Some(Start {
                to_mark_ms: at.at - started_ms,
                split: at.split(started_ms),
                idle,
            });
            Ok(())
        })
        .await;
    outcome?;
    measured.ok_or_else(|| HarnessError::Unexpected("nothing measured".into()))
}

/// Prints the page's timeline so far: marks and measures (the first IPC calls), in ms
/// from the navigation's start.
async fn print_timeline(client: &Client, name: &str) -> Result<()> {
    let got = client
        .execute(
            "return performance.getEntries().filter((e) => e.entryType !== 'navigation') \
               .map((e) => [e.entryType, e.name, e.startTime, e.duration]);",
            vec![],
        )
        .await?;
    println!("  {name} timeline:");
    let navigation = client
        .execute(
            "const n = performance.getEntriesByType('navigation')[0]; \
             return n ? [n.responseEnd, n.domInteractive, n.domContentLoadedEventStart, \
               n.domContentLoadedEventEnd] : [];",
            vec![],
        )
        .await?;
    println!(
        "    navigation (ms): document in, interactive, DOMContentLoaded start, end: {navigation}"
    );
    for entry in got.as_array().into_iter().flatten() {
        let e = entry.as_array().map(Vec::as_slice).unwrap_or_default();
        let (Some(kind), Some(what), Some(at), Some(took)) = (
            e.first().and_then(|v| v.as_str()),
            e.get(1).and_then(|v| v.as_str()),
            e.get(2).and_then(|v| v.as_f64()),
            e.get(3).and_then(|v| v.as_f64()),
        ) else {
            continue;
        };
        println!("    {at:>7.0} ms +{took:<5.0} {kind} {what}");
    }
    Ok(())
}

/// The memory of a process and all its descendants.
struct Memory {
    /// Proportional set size (kB): shared pages count a share each. It depends on what else
    /// maps the same libraries at the time (another WebKit app on the machine lowers it).
    pss_kb: u64,
    /// Private dirty pages (kB): the heaps and whatever else the processes wrote. Unlike PSS
    /// and private clean pages (a library's pages are private while no other process maps
    /// them), it does not move with what else runs.
    dirty_kb: u64,
    /// "name PSS" in MB, for each process.
    each: Vec<String>,
}

/// A `kB` field of `/proc/<pid>/smaps_rollup`.
fn rollup_field(rollup: &str, field: &str) -> Option<u64> {
    rollup
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
}

/// `pid` and all its descendants, `pid` first.
fn process_tree(pid: u32) -> Result<Vec<u32>> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    let proc_dir = std::fs::read_dir("/proc").map_err(HarnessError::io("cannot list /proc"))?;
    for entry in proc_dir.flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        if let Some(parent) = stat_field(&stat, 1).and_then(|p| p.parse::<u32>().ok()) {
            children.entry(parent).or_default().push(child);
        }
    }
    let mut todo = vec![pid];
    let mut tree = Vec::new();
    while let Some(p) = todo.pop() {
        tree.push(p);
        todo.extend(children.get(&p).into_iter().flatten());
    }
    Ok(tree)
}

/// Field `n` after the name of `/proc/<pid>/stat` ("pid (comm) state ppid …"; 0 is the
/// state). The name may hold spaces and parentheses, so the fields start after its last `)`.
fn stat_field(stat: &str, n: usize) -> Option<&str> {
    stat.rfind(')')
        .and_then(|end| stat[end + 1..].split_whitespace().nth(n))
}

/// The memory of `pid` and all its descendants.
fn memory(pid: u32) -> Result<Memory> {
    let mut total = Memory {
        pss_kb: 0,
        dirty_kb: 0,
        each: Vec::new(),
    };
    for p in process_tree(pid)? {
        let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).map_err(
            HarnessError::io(format!("cannot read /proc/{p}/smaps_rollup")),
        )?;
        let field = |name| {
            rollup_field(&rollup, name).ok_or_else(|| {
                HarnessError::Unexpected(format!("no {name} line in /proc/{p}/smaps_rollup"))
            })
        };
        let pss = field("Pss")?;
        total.pss_kb += pss;
        total.dirty_kb += field("Private_Dirty")?;
        let comm = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        total.each.push(format!("{} {:.1}", comm.trim(), mb(pss)));
    }
    Ok(total)
}

/// Clock ticks per second of the times in `/proc/<pid>/stat` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// The CPU time (ms, user and system) `pid` and all its descendants have used so far.
fn cpu_ms(pid: u32) -> Result<f64> {
    let mut ticks = 0u64;
    for p in process_tree(pid)? {
        // A process that ended since the tree was read used nothing more.
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        for n in [11, 12] {
            ticks += stat_field(&stat, n)
                .and_then(|t| t.parse::<u64>().ok())
                .ok_or_else(|| {
                    HarnessError::Unexpected(format!("no CPU times in /proc/{p}/stat"))
                })?;
        }
    }
    Ok(ticks as f64 * 1000.0 / TICKS_PER_SECOND)
}

/// Starts the page's frame-gap monitor (the one `tests/tests/big_response.rs` uses).
const MONITOR: &str = r#"
    const s = { max: 0, last: performance.now() };
    window.__stall = s;
    const frame = (t) => {
      // Gaps over 50 ms go on the page's timeline too, for the trace.
      if (t - s.last > 50) performance.measure('frame-gap', { start: s.last, end: t });
      s.max = Math.max(s.max, t - s.last); s.last = t; requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
"#;

/// The longest frame gap so far, the one still open included: a page that has drawn no frame
/// since the monitor started has stalled all that time, not 0 ms.
const STALL_SO_FAR: &str =
    "const s = window.__stall; return Math.max(s.max, performance.now() - s.last);";

struct Big {
    stall_ms: f64,
    first_rows_ms: f64,
    opened_ms: f64,
    memory: Memory,
    /// CPU time the app's processes used over [`IDLE_CPU`] with the body open and nothing
    /// happening: what an animation the eye cannot see (an overlay scrollbar's fade) costs.
    idle_cpu_ms: f64,
}

/// About `bytes` of JSON records, as in `tests/tests/big_response.rs`.
fn big_body(bytes: usize) -> Bytes {
    let records = bytes / 120;
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("{\"items\":[");
    for i in 0..records as u64 {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":{i},\"name\":\"item {i}\",\"price\":{}.5,\"tags\":[\"a\",\"b\"],\
             \"owner\":{{\"login\":\"user{}\",\"active\":{}}}}}",
            i % 1000,
            i % 977,
            i.is_multiple_of(2)
        ));
    }
    out.push_str(&format!("],\"count\":{records}}}"));
    Bytes::from(out)
}

async fn big_response(app: &Target, work: &Path) -> Result<Big> {
    let body = big_body(50 * 1024 * 1024);
    let server = Server::start(move |_| {
        Reply::bytes(body.clone()).header("Content-Type", "application/json")
    });
    let name = format!("bench-{}-big-response", app.drawing.name);
    let launched = launch(app, work, &name, Scratch::new(&name)?).await?;
    let client = launched.session.client();
    let pid = launched.pid;
    let mut measured = None;
    launched
        .session
        .run(async {
            wait_for_mark(&client, app.mark).await?;
            ui::new_request(&client, "Big", "Fifty megabytes").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/big.json")).await?;
            client.execute(MONITOR, vec![]).await?;
            let sent = Instant::now();
            ui::click(&client, &hook("send")).await?;
            ui::wait_for_text_containing(&client, ".line[data-line=\"4\"]", "\"id\": 0,").await?;
            let first_rows_ms = sent.elapsed().as_secs_f64() * 1e3;
            // The first rows are the preview's; the whole is open when its size shows.
            ui::wait_for(&client, &hook("document-size")).await?;
            let opened_ms = sent.elapsed().as_secs_f64() * 1e3;
            if std::env::var_os("LOCALPOST_BENCH_TRACE").is_some() {
                print_timeline(&client, &name).await?;
            }
            let stall = client
                .execute(STALL_SO_FAR, vec![])
                .await?
                .as_f64()
                .ok_or_else(|| HarnessError::Unexpected("the stall monitor did not run".into()))?;
            tokio::time::sleep(SETTLE).await;
            let memory = memory(pid)?;
            let before = cpu_ms(pid)?;
            tokio::time::sleep(IDLE_CPU).await;
            let idle_cpu_ms = cpu_ms(pid)? - before;
            measured = Some(Big {
                stall_ms: stall,
                first_rows_ms,
                opened_ms,
                memory,
                idle_cpu_ms,
            });
            Ok(())
        })
        .await?;
    measured.ok_or_else(|| HarnessError::Unexpected("nothing measured".into()))
}

struct Filter {
    start_ms: f64,
    median_ms: f64,
    max_ms: f64,
    keys: usize,
}

/// A Postman collection of [`REQUESTS`] requests, 100 to a folder.
fn ten_thousand() -> String {
    let folders: Vec<_> = (0..REQUESTS / 100)
        .map(|f| {
            let items: Vec<_> = (0..100)
                .map(|r| {
                    let i = f * 100 + r;
                    json!({
                        "name": format!("request {i}"),
                        "request": { "method": "GET", "url": format!("http://127.0.0.1:9/items/{i}") }
                    })
                })
                .collect();
            json!({ "name": format!("folder {f}"), "item": items })
        })
        .collect();
    json!({
        "info": {
            "name": "Ten thousand",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": folders
    })
    .to_string()
}

/// Types the filter a character at a time; each key's time from the input event to the
/// frame after the one showing its rows. Resolves to the times in ms.
const TYPE_FILTER: &str = r#"
    const [text, done] = arguments;
    const input = document.querySelector('[data-testid="tree-filter"]');
    const times = [];
    (async () => {
      for (let i = 1; i <= text.length; i++) {
        const t0 = performance.now();
        input.value = text.slice(0, i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        times.push(performance.now() - t0);
      }
      done(times);
    })();
"#;

async fn filter_latency(app: &Target, work: &Path) -> Result<Filter> {
    let name = format!("bench-{}-filter", app.drawing.name);
    let scratch = Scratch::new(&name)?;
    let fail = |e: &dyn std::fmt::Display| HarnessError::Setup(format!("seed: {e}"));
    {
        let store = Store::open(scratch.data.path().join(FILE_NAME)).map_err(|e| fail(&e))?;
        let ws = store.ensure_workspace().map_err(|e| fail(&e))?;
        import_any(
            &postman::Destination {
                store: &store,
                keychain: &MemoryKeychain::default(),
                workspace: ws.id,
            },
            "ten-thousand.postman_collection.json",
            ten_thousand().as_bytes(),
            postman::Options::default(),
        )
        .map_err(|e| fail(&e))?;
    }
    let launched = launch(app, work, &name, scratch).await?;
    let client = launched.session.client();
    let started_ms = launched.started_ms;
    let mut measured = None;
    launched
        .session
        .run(async {
            let at = wait_for_mark(&client, app.mark).await?;
            ui::wait_for(&client, &hook("tree-filter")).await?;
            let got = client
                .execute_async(TYPE_FILTER, vec![json!(FILTER_TEXT)])
                .await?;
            let times: Vec<f64> = got
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
                .unwrap_or_default();
            if times.len() != FILTER_TEXT.len() {
                return Err(HarnessError::Unexpected(format!(
                    "the filter script returned {got}"
                )));
            }
            // The filter did filter: one request is left.
            let shown = client
                .find_all(Locator::Css("[data-testid=\"tree-request\"]"))
                .await?
                .len();
            if shown != 1 {
                return Err(HarnessError::Unexpected(format!(
                    "{shown} requests shown after filtering for {FILTER_TEXT:?}, expected 1"
                )));
            }
            measured = Some(Filter {
                start_ms: at.at - started_ms,
                median_ms: median(&times, |t| *t),
                max_ms: times.iter().copied().fold(0.0, f64::max),
                keys: times.len(),
            });
            Ok(())
        })
        .await?;
    measured.ok_or_else(|| HarnessError::Unexpected("nothing measured".into()))
}

/// Messages the WebSocket measure's server sends (`LOCALPOST_BENCH_SOCKET_MESSAGES` overrides
/// it, to see that the memory after does not grow with their number).
const SOCKET_MESSAGES: usize = 100_000;

fn socket_messages() -> usize {
    std::env::var("LOCALPOST_BENCH_SOCKET_MESSAGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(SOCKET_MESSAGES)
}

/// How long the window has to show them all.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(600);

struct SocketSession {
    before: Memory,
    after: Memory,
    stall_ms: f64,
    all_in_ms: f64,
}

/// A loopback WebSocket server that answers a text `go` with [`SOCKET_MESSAGES`] small JSON
/// text messages as fast as the socket takes them, then waits for the client to close.
async fn blaster(messages: usize) -> Result<u16> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let setup = |e: std::io::Error| HarnessError::Setup(e.to_string());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(setup)?;
    let port = listener.local_addr().map_err(setup)?.port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(tcp).await else {
                    return;
                };
                while let Some(Ok(message)) = ws.next().await {
                    if message.to_text().ok() != Some("go") {
                        continue;
                    }
                    for i in 0..messages {
                        let text = format!(
                            "{{\"seq\":{i},\"symbol\":\"LP{}\",\"price\":{}.25,\"side\":\"buy\"}}",
                            i % 50,
                            i % 997
                        );
                        if ws.send(Message::Text(text.into())).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    Ok(port)
}

/// Makes a collection and a WebSocket request in it, as a user would.
async fn new_socket(client: &Client) -> Result<()> {
    ui::click(client, &hook("new-collection")).await?;
    let prompt = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&prompt, "Sockets").await?;
    let row = ui::wait_for_row(client, "tree-collection", "Sockets").await?;
    ui::click_row_action(client, &row, "add-request").await?;
    ui::click(client, &hook("prompt-websocket")).await?;
    let input = ui::wait_for(client, &hook("prompt-input")).await?;
    ui::type_and_enter(&input, "Feed").await?;
    ui::wait_for_text(client, &hook("request-protocol"), "WS").await?;
    Ok(())
}

/// A WebSocket request in the window receiving [`SOCKET_MESSAGES`] messages: the memory with
/// it open before and after, the longest frame gap while they arrive, and how long they took.
async fn socket_session(app: &Target, work: &Path) -> Result<SocketSession> {
    let messages = socket_messages();
    let port = blaster(messages).await?;
    let name = format!("bench-{}-socket", app.drawing.name);
    let launched = launch(app, work, &name, Scratch::new(&name)?).await?;
    let client = launched.session.client();
    let pid = launched.pid;
    let mut measured = None;
    launched
        .session
        .run(async {
            wait_for_mark(&client, app.mark).await?;
            new_socket(&client).await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &format!("ws://127.0.0.1:{port}/feed")).await?;
            ui::click(&client, &hook("tab-messages")).await?;
            ui::click(&client, &hook("ws-message-add")).await?;
            let content = ui::wait_for(&client, &hook("ws-message-content")).await?;
            content.send_keys("go").await?;
            tokio::time::sleep(SETTLE).await;
            let before = memory(pid)?;
            client.execute(MONITOR, vec![]).await?;
            let started = Instant::now();
            ui::click(&client, &hook("connect")).await?;
            // `go` went out and every message came in.
            let all = format!("{} frames", messages + 1);
            loop {
                let shown = client
                    .execute(
                        "const e = document.querySelector(arguments[0]); \
                         return e ? e.textContent.trim() : '';",
                        vec![json!(hook("ws-frame-count"))],
                    )
                    .await?;
                if shown.as_str() == Some(all.as_str()) {
                    break;
                }
                if started.elapsed() > SOCKET_TIMEOUT {
                    return Err(HarnessError::Unexpected(format!(
                        "the window showed {shown} after {SOCKET_TIMEOUT:?}, not {all}"
                    )));
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            let all_in_ms = started.elapsed().as_secs_f64() * 1e3;
            let stall_ms = client
                .execute(STALL_SO_FAR, vec![])
                .await?
                .as_f64()
                .ok_or_else(|| HarnessError::Unexpected("the stall monitor did not run".into()))?;
            tokio::time::sleep(SETTLE).await;
            let after = memory(pid)?;
            ui::click(&client, &hook("disconnect")).await?;
            measured = Some(SocketSession {
                before,
                after,
                stall_ms,
                all_in_ms,
            });
            Ok(())
        })
        .await?;
    measured.ok_or_else(|| HarnessError::Unexpected("nothing measured".into()))
}
