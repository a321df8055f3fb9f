//! Crash safety (issue 13): `localpost` killed with SIGKILL at random points of an import loop,
//! a vault save loop, a data key rotation loop and a reclassification loop (over 200 kills in
//! all), each time on the same store. After every kill the file passes SQLite's integrity
//! check, every import that finished is there whole and no import is there in part; at the end
//! every sealed value still opens (each collection exports, the key rotates again) and the vault
//! lists every secret whose save finished. Real binary, real SQLite file, real keychain (run in
//! `scripts/test-session.sh`).
//!
//! The kill points are random, from a seed printed with any failure; each loop measures one
//! undisturbed run of its command first, and kills after a delay drawn up to 1.5 times that.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use localpost_core::model::TreeNode;
use localpost_core::store::Store;

/// A small xorshift generator: the test needs spread, not quality, and a seed it can print.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

struct Home {
    dir: tempfile::TempDir,
    service: String,
    seed: u64,
}

impl Home {
    fn new(seed: u64) -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        let service = format!("localpost-test-crash-{}", std::process::id());
        Home { dir, service, seed }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_localpost"));
        cmd.args(args)
            .env("LOCALPOST_KEYCHAIN_SERVICE", &self.service)
            .env("LOCALPOST_DATA_DIR", self.data())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs `args` to its end (with `input` on stdin); fails the test unless it succeeds.
    fn run(&self, args: &[&str], input: &str) -> Duration {
        let started = Instant::now();
        let mut child = self.command(args).spawn().expect("spawned");
        feed(&mut child, input);
        let out = child.wait_with_output().expect("ran");
        assert!(
            out.status.success(),
            "seed {}: {args:?} failed: {}",
            self.seed,
            String::from_utf8_lossy(&out.stderr)
        );
        started.elapsed()
    }

    /// Starts `args` and kills it after `delay`; whether it had finished (successfully) first.
    fn kill_after(&self, args: &[&str], input: &str, delay: Duration) -> bool {
        let mut child = self.command(args).spawn().expect("spawned");
        feed(&mut child, input);
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("reaped");
        status.success()
    }

    /// Opens the store in this process and checks it: SQLite's integrity check passes, and
    /// every collection holds `nodes` folders and requests (none is half imported). Returns how
    /// many collections there are.
    fn check(&self, nodes: Option<usize>, context: &str) -> usize {
        let store = Store::open_dir(self.data())
            .unwrap_or_else(|e| panic!("seed {}: {context}: the store opens: {e}", self.seed));
        let problems = store.integrity_problems().expect("the check runs");
        assert!(
            problems.is_empty(),
            "seed {}: {context}: {problems:?}",
            self.seed
        );
        let mut collections = 0;
        for workspace in store.workspaces().expect("workspaces") {
            for collection in store.tree(workspace.id).expect("tree").collections {
                collections += 1;
                if let Some(nodes) = nodes {
                    assert_eq!(
                        count(&collection.children),
                        nodes,
                        "seed {}: {context}: collection {} is not whole",
                        self.seed,
                        collection.id.0
                    );
                }
            }
        }
        collections
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        // The data key and vault secrets this test's service left in the keychain.
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
    }
}

fn feed(child: &mut std::process::Child, input: &str) {
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
}

fn count(nodes: &[TreeNode]) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            TreeNode::Folder { children, .. } => 1 + count(children),
            _ => 1,
        })
        .sum()
}

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/postman/full.postman_collection.json")
        .display()
        .to_string()
}

/// A delay up to 1.5 times `typical`.
fn delay(rng: &mut Rng, typical: Duration) -> Duration {
    let max = (typical.as_micros() as u64).saturating_mul(3) / 2;
    Duration::from_micros(rng.below(max + 1))
}

#[test]
fn kills_at_random_points_lose_nothing_committed_and_leave_nothing_half_done() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0x9e37_79b9, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let home = Home::new(seed);
    let fixture = fixture();
    let mut kills = 0;

    // Imports: each finished one is there whole, a killed one is there whole or not at all.
    let typical = home.run(&["import", &fixture], "");
    let nodes = home.check(None, "the first import");
    assert!(nodes == 1, "one collection after one import");
    let tree_nodes = {
        let store = Store::open_dir(home.data()).expect("opens");
        let workspace = store.workspaces().expect("workspaces")[0].id;
        count(&store.tree(workspace).expect("tree").collections[0].children)
    };
    let mut finished = 1;
    for i in 0..70 {
        if home.kill_after(&["import", &fixture], "", delay(&mut rng, typical)) {
            finished += 1;
        }
        kills += 1;
        let found = home.check(Some(tree_nodes), &format!("import kill {i}"));
        assert!(
            found >= finished && found <= i + 2,
            "seed {seed}: {found} collections after {finished} finished imports of {}",
            i + 2
        );
        finished = found;
    }

    // Vault saves: a secret whose save finished is listed.
    let typical = home.run(&["vault", "set", "first"], "value-0");
    for i in 0..50 {
        let name = format!("s{i}");
        home.kill_after(
            &["vault", "set", &name],
            &format!("value-{i}"),
            delay(&mut rng, typical),
        );
        kills += 1;
        home.check(Some(tree_nodes), &format!("vault kill {i}"));
    }

    // Key rotations: all or nothing, and the next one still works.
    let typical = home.run(&["vault", "rotate-key"], "");
    for i in 0..50 {
        home.kill_after(&["vault", "rotate-key"], "", delay(&mut rng, typical));
        kills += 1;
        home.check(Some(tree_nodes), &format!("rotation kill {i}"));
    }

    // Reclassifications: examples sealed or opened all at once.
    let classes = ["public", "restricted", "internal"];
    let typical = home.run(&["workspace", "classify", "1", "public"], "");
    for i in 0..50 {
        let class = classes[i % classes.len()];
        home.kill_after(
            &["workspace", "classify", "1", class],
            "",
            delay(&mut rng, typical),
        );
        kills += 1;
        home.check(Some(tree_nodes), &format!("classify kill {i}"));
    }
    assert!(kills >= 200, "{kills} kills");

    // Nothing sealed was lost: every collection's credentials and examples open, the key
    // rotates again, and the vault still lists the first secret.
    home.run(&["workspace", "classify", "1", "internal"], "");
    let ids: Vec<i64> = {
        let store = Store::open_dir(home.data()).expect("opens");
        let workspace = store.workspaces().expect("workspaces")[0].id;
        store
            .tree(workspace)
            .expect("tree")
            .collections
            .iter()
            .map(|c| c.id.0)
            .collect()
    };
    for id in ids {
        home.run(
            &["export", "collection", &id.to_string(), "--output", "-"],
            "",
        );
    }
    home.run(&["vault", "rotate-key"], "");
    let listed = home
        .command(&["vault", "list"])
        .stdout(Stdio::piped())
        .output()
        .expect("ran");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains("first"), "seed {seed}: {listed}");
}
