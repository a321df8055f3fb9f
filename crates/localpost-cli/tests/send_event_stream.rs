//! `localpost send` on a Server-Sent Events stream: the events are printed as they arrive, not
//! when the stream ends. The loopback server sends one event, then holds the stream open until
//! the test has read that event from the CLI's standard output; only then does it send the
//! second and close. A CLI that waited for the whole body would leave the server waiting (it
//! gives up after a while and says so, and the test fails). `--for` stops a stream the server
//! never ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use localpost_core::model::{NewRequest, Parent};
use localpost_core::store::Store;

/// How long the server holds the stream open for the test to see the first event.
const HOLD: Duration = Duration::from_secs(20);

/// A store at `data` whose collection "API" holds request `name`, a GET of `/events` on `port`.
fn store_with(data: &std::path::Path, name: &str, port: u16) {
    let store = Store::open_dir(data).expect("store opens");
    let ws = store.create_workspace("W").expect("workspace");
    let coll = store.create_collection(ws.id, "API").expect("collection");
    store
        .create_request(
            NewRequest::new(Parent::Collection(coll.id), name)
                .url(format!("http://127.0.0.1:{port}/events")),
        )
        .expect("request");
}

#[test]
fn an_event_stream_is_printed_as_it_arrives() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("port").port();
    let (seen_tx, seen_rx) = mpsc::channel::<()>();
    let server = std::thread::spawn(move || -> Result<(), String> {
        let (mut stream, _) = listener.accept().map_err(|e| e.to_string())?;
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                  Cache-Control: no-cache\r\nConnection: close\r\n\r\n\
                  : a comment\nid: 1\ndata: one\n\n",
            )
            .map_err(|e| e.to_string())?;
        stream.flush().map_err(|e| e.to_string())?;
        seen_rx
            .recv_timeout(HOLD)
            .map_err(|_| format!("the CLI had not printed the first event after {HOLD:?}"))?;
        stream
            .write_all(b"event: update\r\ndata: two\r\ndata: lines\r\n\r\ndata: unfinished")
            .map_err(|e| e.to_string())
    });

    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(&data, "Events", port);
    let mut child = Command::new(env!("CARGO_BIN_EXE_localpost"))
        .args(["--data-dir"])
        .arg(&data)
        .args(["send", "API/Events", "--no-scripts"])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-sse")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawned");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    let mut told = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a line of output");
        if line == "data: one" && !told {
            told = true;
            let _ = seen_tx.send(());
        }
        lines.push(line);
    }
    let out = child.wait_with_output().expect("it ran");
    let served = server.join().expect("the server thread");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(served, Ok(()), "the stream was not printed live");
    let text = lines.join("\n");
    assert!(text.starts_with("HTTP/1.1 200 OK\n"), "{text}");
    assert!(text.contains("content-type: text/event-stream"), "{text}");
    // The events in the stream's own form; the unfinished last one is dropped, and the body is
    // not printed a second time.
    assert!(
        text.ends_with("\n\nid: 1\ndata: one\n\nid: 1\nevent: update\ndata: two\ndata: lines\n"),
        "{text}"
    );
    assert!(!text.contains("unfinished"), "{text}");
}

/// `--for 1s` on a stream the server never ends: the events come out, then the CLI stops the
/// stream about a second after it opened and exits 0, long before the server would give up.
#[test]
fn for_a_duration_stops_an_endless_stream_and_exits_0() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("port").port();
    let server = std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n\
              id: 1\ndata: one\n\n",
        );
        // Comments every 100 ms for up to HOLD, until the client goes away.
        let started = std::time::Instant::now();
        while started.elapsed() < HOLD {
            std::thread::sleep(Duration::from_millis(100));
            if stream.write_all(b": still here\n").is_err() {
                return;
            }
        }
    });
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(&data, "Endless", port);
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_localpost"))
        .args(["--data-dir"])
        .arg(&data)
        .args(["send", "API/Endless", "--no-scripts", "--for", "1s"])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-sse-for")
        .output()
        .expect("it ran");
    let took = started.elapsed();
    let _ = server.join();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("\nid: 1\ndata: one\n"), "{text}");
    assert!(
        took >= Duration::from_secs(1) && took < HOLD / 2,
        "stopped after {took:?}"
    );
}

/// A loopback server that answers its connections in turn with `answers` (each written after
/// the request's head, then the connection closed: mid-stream for a cut answer), and says what
/// `Last-Event-ID` each request carried.
fn answering(answers: Vec<&'static [u8]>) -> (u16, std::thread::JoinHandle<Vec<Option<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("port").port();
    let server = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for answer in answers {
            let Ok((mut stream, _)) = listener.accept() else {
                break;
            };
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
            seen.push(
                head.lines()
                    .find_map(|l| l.strip_prefix("last-event-id: "))
                    .map(str::to_owned),
            );
            let _ = stream.write_all(answer);
            let _ = stream.flush();
        }
        seen
    });
    (port, server)
}

/// `--reconnect`: a stream the server ends is opened again after its `retry` time with the last
/// event id as `Last-Event-ID`, and the events go on where they stopped; a `204 No Content`
/// answer ends it, as it ends a browser's EventSource.
#[test]
fn reconnect_resumes_from_the_last_event_id_until_the_server_says_no_content() {
    let (port, server) = answering(vec![
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n\
          retry: 200\nid: 1\ndata: one\n\nid: 2\ndata: two\n\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n\
          id: 3\ndata: three\n\n",
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
    ]);
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(&data, "Resumable", port);
    let out = Command::new(env!("CARGO_BIN_EXE_localpost"))
        .args(["--data-dir"])
        .arg(&data)
        .args([
            "send",
            "API/Resumable",
            "--no-scripts",
            "--reconnect",
            "--for",
            "20s",
        ])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-sse-reconnect")
        .output()
        .expect("it ran");
    let seen = server.join().expect("the server thread");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        seen,
        [None, Some("2".to_owned()), Some("3".to_owned())],
        "{err}"
    );
    for data in ["data: one", "data: two", "data: three"] {
        assert!(text.contains(data), "{text}");
    }
    assert!(text.contains("204 No Content"), "{text}");
    assert!(
        err.contains("reconnecting in 200 ms with Last-Event-ID: 2"),
        "{err}"
    );
}

/// `--reconnect` after a network error: a stream the connection cuts mid-way, and then a
/// reconnection the server drops before answering, are each opened again after the retry time
/// with the last event id, as a browser's EventSource does after a network error; the `204`
/// that follows ends it quietly.
#[test]
fn reconnect_opens_a_stream_the_network_cut_again_with_the_last_event_id() {
    // A chunked stream whose connection closes before its last chunk; then a connection
    // closed without an answer; then No Content.
    let (port, server) = answering(vec![
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
          Transfer-Encoding: chunked\r\n\r\n\
          1e\r\nretry: 150\nid: 7\ndata: seven\n\n\r\n",
        b"",
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
    ]);
    let home = tempfile::tempdir().expect("temp dir");
    let data = home.path().join("data");
    store_with(&data, "Cut", port);
    let out = Command::new(env!("CARGO_BIN_EXE_localpost"))
        .args(["--data-dir"])
        .arg(&data)
        .args([
            "send",
            "API/Cut",
            "--no-scripts",
            "--reconnect",
            "--for",
            "20s",
        ])
        .env("LOCALPOST_KEYCHAIN_SERVICE", "localpost-test-sse-cut")
        .output()
        .expect("it ran");
    let seen = server.join().expect("the server thread");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        seen,
        [None, Some("7".to_owned()), Some("7".to_owned())],
        "{err}"
    );
    assert!(text.contains("data: seven"), "{text}");
    assert!(text.contains("204 No Content"), "{text}");
    let reconnections: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("reconnecting in 150 ms with Last-Event-ID: 7"))
        .collect();
    assert_eq!(reconnections.len(), 2, "{err}");
    assert!(
        reconnections
            .iter()
            .all(|l| !l.starts_with("the stream ended")),
        "a cut is not an end: {err}"
    );
}
