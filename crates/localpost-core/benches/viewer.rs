//! `make bench`: the response viewer on a 50 MB JSON body, the work behind opening, searching
//! and filtering it in the desktop app.
//!
//! Numbers, each the best of three: re-indenting and indexing the body
//! (`Document::open`), a case-insensitive search for a value deep in it, and a JSONPath filter
//! over it. The peer is `serde_json` parsing the body into a tree and printing it pretty (what
//! a viewer that builds a DOM pays before it can show a line), reported as a ratio. The goal
//! is an open under a second and a search under half a second on this machine; the webview's
//! main thread pays none of it (the commands run off it), which the end-to-end test
//! `big_response` measures.
//!
//! Not a test: it asserts nothing and prints numbers to compare over time.

use std::time::{Duration, Instant};

use localpost_core::viewer::{Document, OpenOptions};

/// A JSON body of about `bytes` bytes: an object with an array of records, nested.
fn body(bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str("{\"items\":[");
    let mut i = 0u64;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":{i},\"name\":\"item {i}\",\"price\":{}.{:02},\"tags\":[\"a\",\"b\"],\
             \"owner\":{{\"login\":\"user{}\",\"active\":{}}}}}",
            i % 1000,
            i % 100,
            i % 977,
            i.is_multiple_of(2)
        ));
        i += 1;
    }
    out.push_str("],\"needle\":\"deep-value-42\"}");
    out.into_bytes()
}

fn best(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let body = body(50 * 1024 * 1024);
    println!("viewer: {:.1} MB JSON body", body.len() as f64 / 1e6);
    let open = best(|| {
        let doc = Document::open(body.clone(), &OpenOptions::default()).expect("JSON");
        assert!(doc.line_count() > 1_000_000);
    });
    let doc = Document::open(body.clone(), &OpenOptions::default()).expect("JSON");
    let search = best(|| {
        let found = doc.search("DEEP-VALUE-42", false);
        assert_eq!(found.total, 1);
    });
    let window = best(|| {
        let rows = doc.lines(doc.row_count() / 2, 200);
        assert_eq!(rows.lines.len(), 200);
    });
    let filter = OpenOptions {
        is_raw: false,
        filter: Some("$.items[?@.owner.login == 'user7'].id".into()),
    };
    let filtered = best(|| {
        Document::open(body.clone(), &filter).expect("filter");
    });
    let peer = best(|| {
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        let pretty = serde_json::to_vec_pretty(&value).expect("pretty");
        assert!(pretty.len() > body.len());
    });
    println!(
        "  open (re-indent + index {} lines): {:.0} ms",
        doc.line_count(),
        ms(open)
    );
    println!("  search, case-insensitive:          {:.0} ms", ms(search));
    println!("  200 lines from the middle:         {:.3} ms", ms(window));
    println!(
        "  JSONPath filter:                   {:.0} ms",
        ms(filtered)
    );
    println!(
        "  serde_json parse + pretty (peer):  {:.0} ms; open is {:.2}x the peer",
        ms(peer),
        open.as_secs_f64() / peer.as_secs_f64()
    );
}
