//! `localpost send` of a Socket.IO request: the session is opened with the variables, auth and
//! settings it would have in the app, its namespace connected, its saved events emitted, and
//! each thing that happens is printed as it happens (text output) until the server ends it,
//! the connection drops or `--for` is up (then the client leaves the namespace and closes).
//! `--output json` prints the frames under it as one JSON document at the end. Either way it
//! is recorded in the workspace's history, as a WebSocket conversation is.
//!
//! Exit codes are `send`'s: 0 when the session ended with a close (whoever closed), 3 when it
//! could not open, the server refused the namespace or the connection dropped, 4 when the
//! handshake timed out.

use std::io::Write;
use std::sync::{Arc, Mutex};

use localpost_core::http::Engine;
use localpost_core::http::socketio::{Happening, Moment, MomentWatch, SocketIo};
use localpost_core::http::websocket::{Direction, Side};
use localpost_core::model::Request;
use localpost_core::send::{Options, Sender, SocketIoTalking};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::cli::{OutputFormat, SendArgs};
use crate::exit::Failure;

/// Opens `request`'s session and prints what happens.
pub fn run(
    store: &Store,
    vault: &Vault<OsKeychain>,
    request: &Request,
    options: &Options,
    args: &SendArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let runtime = super::websocket::start(request, args, "Socket.IO")?;
    let engine = Engine::new();
    // A refusal fails the send even when the server then closes politely.
    let refused: Arc<Mutex<Option<String>>> = Arc::default();
    let heard = Arc::clone(&refused);
    let live = args.output == OutputFormat::Text;
    let watch: MomentWatch = Box::new(move |moment: &Moment| {
        if let Happening::Refused {
            namespace, message, ..
        } = &moment.happening
            && let Ok(mut r) = heard.lock()
        {
            *r = Some(format!(
                "the server refused namespace {namespace}: {message}"
            ));
        }
        if live {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{}", moment_line(moment)).and_then(|()| stdout.flush());
        }
    });
    let socket_io = SocketIo {
        duration: args.for_duration,
        watch: Some(watch),
        ..SocketIo::default()
    };
    let cancel = CancellationToken::new();
    let sender = Sender::new(store, vault, &engine);
    let talking = SocketIoTalking {
        socket_io,
        talk: None,
    };
    let done = runtime.block_on(sender.socket_io(request.id, options, talking, &cancel))?;
    let conversation = &done.conversation;
    super::send::warn(&conversation.handshake.request.unresolved, &done.unsaved);
    match args.output {
        OutputFormat::Json => writeln!(out, "{:#}", serde_json::json!(conversation))?,
        OutputFormat::Text => writeln!(out, "{}", super::websocket::end_line(conversation))?,
    }
    if let Some(why) = refused.lock().ok().and_then(|r| r.clone()) {
        return Err(Failure {
            code: 3,
            message: why,
        });
    }
    super::websocket::status(conversation)
}

/// One line for what happened: `   12.3 ms  ← event "news" [{"id":1}] (ack 3)`.
fn moment_line(m: &Moment) -> String {
    let arrow = |d: &Direction| match d {
        Direction::Sent => "→",
        Direction::Received => "←",
    };
    let args = |a: &[Value]| Value::Array(a.to_vec()).to_string();
    let what = match &m.happening {
        Happening::Opened { sid, .. } => format!("session {sid} open"),
        Happening::Connected { namespace, sid } => match sid {
            Some(sid) => format!("connected to {namespace} as {sid}"),
            None => format!("connected to {namespace}"),
        },
        Happening::Refused {
            namespace,
            message,
            data,
        } => match data {
            Some(data) => format!("refused {namespace}: {message} {data}"),
            None => format!("refused {namespace}: {message}"),
        },
        Happening::Event {
            direction,
            namespace,
            event,
            args: a,
            ack_id,
        } => {
            let ns = match namespace.as_str() {
                "/" => String::new(),
                ns => format!("{ns} "),
            };
            let ack = ack_id.map(|id| format!(" (ack {id})")).unwrap_or_default();
            format!("{} {ns}event {event:?} {}{ack}", arrow(direction), args(a))
        }
        Happening::Ack {
            direction,
            id,
            args: a,
            ..
        } => format!("{} ack {id} {}", arrow(direction), args(a)),
        Happening::Disconnected { namespace, by } => match by {
            Side::Client => format!("left {namespace}"),
            Side::Server => format!("the server disconnected {namespace}"),
        },
    };
    format!("{:>9.1} ms  {what}", m.at_ms)
}
