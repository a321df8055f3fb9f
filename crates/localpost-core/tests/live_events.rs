//! An event stream heard as it arrives (`http::live`): a send run with a listener, on an engine
//! watched by `EventStreams`, hears the stream open and each event while the server still
//! holds the stream open; the server sends its second event only once the listener heard the
//! first. A send without a listener, and a body that is not an event stream, are left alone.

use crate::fixture;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use fixture::Fixture;
use localpost_core::http::live::{EventStreams, LiveEvent, listening};
use localpost_core::http::{self, Engine, Inheritance, Options, Watch};
use localpost_core::template::Variables;
use tokio_util::sync::CancellationToken;

/// How long the server holds the stream open for the listener to hear the first event.
const HOLD: Duration = Duration::from_secs(20);

/// A server answering one request with `head` and `first`, then, once told (or after
/// [`HOLD`]), `rest`; its thread says whether it was told in time.
fn server(
    head: &'static str,
    first: &'static str,
    rest: &'static str,
) -> (u16, mpsc::Sender<()>, std::thread::JoinHandle<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("port").port();
    let (told, hear) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return false;
        };
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(first.as_bytes());
        let _ = stream.flush();
        let in_time = hear.recv_timeout(HOLD).is_ok();
        let _ = stream.write_all(rest.as_bytes());
        in_time
    });
    (port, told, thread)
}

fn watched() -> Engine {
    Engine::with_options(Options {
        watch: Some(Watch(Arc::new(EventStreams))),
        ..Options::default()
    })
}

const SSE_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                        Connection: close\r\n\r\n";

#[tokio::test]
async fn a_listener_hears_each_event_while_the_stream_is_open() {
    let (port, told, thread) = server(
        SSE_HEAD,
        ": hello\nid: 7\nevent: tick\ndata: one\n\n",
        "retry: 1500\ndata: two\ndata: lines\n\n",
    );
    let fixture = Fixture::new();
    let req = fixture.request("GET", &format!("http://127.0.0.1:{port}/events"), |_| {});
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepared");
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    let told = Mutex::new(told);
    let listener = Arc::new(move |e: LiveEvent| {
        if matches!(&e, LiveEvent::Event { event, .. } if event.data == "one") {
            let _ = told.lock().expect("lock").send(());
        }
        sink.lock().expect("lock").push(e);
    });
    let engine = watched();
    let exchange = listening(listener, engine.send(&prepared, &CancellationToken::new()))
        .await
        .expect("sent");
    assert!(
        thread.join().expect("server"),
        "the first event was heard while the stream was open"
    );
    assert_eq!(exchange.response.status, 200);
    let heard = heard.lock().expect("lock").clone();
    assert_eq!(heard.len(), 3, "{heard:?}");
    assert_eq!(heard[0], LiveEvent::Opened { status: 200 });
    let events: Vec<_> = heard[1..]
        .iter()
        .map(|e| match e {
            LiveEvent::Event { event, .. } => (
                event.event.as_str(),
                event.id.as_str(),
                event.data.as_str(),
                event.retry,
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        events,
        [
            ("tick", "7", "one", None),
            ("message", "7", "two\nlines", Some(1500))
        ]
    );
}

#[tokio::test]
async fn a_send_without_a_listener_or_a_body_of_another_kind_is_left_alone() {
    let engine = watched();
    let fixture = Fixture::new();
    // No listener: the stream is read whole, as any body.
    let (port, told, thread) = server(SSE_HEAD, "data: one\n\n", "data: two\n\n");
    let _ = told.send(());
    let req = fixture.request("GET", &format!("http://127.0.0.1:{port}/"), |_| {});
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepared");
    let exchange = engine
        .send(&prepared, &CancellationToken::new())
        .await
        .expect("sent");
    assert!(thread.join().expect("server"));
    assert_eq!(exchange.response.status, 200);
    // A listener, but a JSON body: it hears nothing.
    let (port, told, thread) = server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        "{\"data\": ",
        "\"one\"}",
    );
    let _ = told.send(());
    let req = fixture.request("GET", &format!("http://127.0.0.1:{port}/"), |_| {});
    let prepared = http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepared");
    let heard = Arc::new(Mutex::new(Vec::<LiveEvent>::new()));
    let sink = Arc::clone(&heard);
    let listener = Arc::new(move |e: LiveEvent| sink.lock().expect("lock").push(e));
    listening(listener, engine.send(&prepared, &CancellationToken::new()))
        .await
        .expect("sent");
    assert!(thread.join().expect("server"));
    assert!(heard.lock().expect("lock").is_empty());
}
