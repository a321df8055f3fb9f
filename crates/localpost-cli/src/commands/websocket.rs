//! `localpost send` of a WebSocket request: the socket is opened with the variables, auth and
//! settings it would have in the app, its saved messages are sent, and every frame is printed
//! as it goes (text output) until the server closes, the connection drops or `--for` is up.
//! `--output json` prints the whole conversation as one JSON document at the end. Either way
//! it is recorded in the workspace's history, as an HTTP send is.
//!
//! Exit codes are `send`'s: 0 when the socket opened and closed with a close frame (whoever
//! sent it, whatever its code), 3 when it could not open or the connection dropped without a
//! close frame, 4 when the handshake timed out.

use std::io::Write;
use std::sync::{Arc, Mutex};

use localpost_core::http::websocket::{
    Conversation, Converse, Direction, End, Frame, FrameKind, Side,
};
use localpost_core::http::{Content, Engine};
use localpost_core::model::Request;
use localpost_core::send::{Options, Sender};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use tokio_util::sync::CancellationToken;

use crate::cli::{OutputFormat, SendArgs};
use crate::exit::Failure;

/// Opens `request` and prints the conversation.
pub fn run(
    store: &Store,
    vault: &Vault<OsKeychain>,
    request: &Request,
    options: &Options,
    args: &SendArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let runtime = start(request, args, "WebSocket")?;
    let engine = Engine::new();
    let live = args.output == OutputFormat::Text;
    let printed = Arc::new(Mutex::new(false));
    let watch = live.then(|| {
        let printed = Arc::clone(&printed);
        Box::new(move |frame: &Frame| {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{}", frame_line(frame)).and_then(|()| stdout.flush());
            if let Ok(mut p) = printed.lock() {
                *p = true;
            }
        }) as localpost_core::http::websocket::FrameWatch
    });
    let converse = Converse {
        duration: args.for_duration,
        watch,
        ..Converse::default()
    };
    let cancel = CancellationToken::new();
    let sender = Sender::new(store, vault, &engine);
    let done = runtime.block_on(sender.converse(request.id, options, converse, &cancel))?;
    let conversation = &done.conversation;
    super::send::warn(&conversation.handshake.request.unresolved, &done.unsaved);
    match args.output {
        OutputFormat::Json => writeln!(out, "{:#}", serde_json::json!(conversation))?,
        OutputFormat::Text => writeln!(out, "{}", end_line(conversation))?,
    }
    status(conversation)
}

/// Warns that `request`'s scripts do not run for a `kind` request, and starts the runtime
/// its socket runs on.
pub(super) fn start(
    request: &Request,
    args: &SendArgs,
    kind: &str,
) -> Result<tokio::runtime::Runtime, Failure> {
    let has_scripts =
        !request.scripts.pre_request.trim().is_empty() || !request.scripts.test.trim().is_empty();
    if has_scripts && !args.no_scripts {
        eprintln!("warning: scripts do not run for {kind} requests yet");
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))
}

/// The exit status of a conversation: 0 when it closed (whoever closed), 3 when the
/// connection dropped, 1 when it was cancelled.
pub(super) fn status(conversation: &Conversation) -> Result<(), Failure> {
    match &conversation.end {
        End::Closed { .. } => Ok(()),
        End::Failed { reason } => Err(Failure {
            code: 3,
            message: format!("{}: {reason}", conversation.handshake.request.url),
        }),
        End::Cancelled => Err(Failure::failed("cancelled")),
    }
}

/// `  12.3 ms  → text 9 B  hello` for one frame; binary payloads as base64.
fn frame_line(f: &Frame) -> String {
    let arrow = match f.direction {
        Direction::Sent => "→",
        Direction::Received => "←",
    };
    let kind = match f.kind {
        FrameKind::Text => "text",
        FrameKind::Binary => "binary",
        FrameKind::Ping => "ping",
        FrameKind::Pong => "pong",
        FrameKind::Close => "close",
    };
    let data = match &f.data {
        Content::Base64 { base64 } => format!("base64:{base64}"),
        Content::Text { text } => text.clone(),
    };
    let code = f.code.map(|c| format!("{c} ")).unwrap_or_default();
    format!(
        "{:>9.1} ms  {arrow} {kind} {} B  {code}{data}",
        f.at_ms, f.size
    )
    .trim_end()
    .to_string()
}

/// The last line: how the conversation ended.
pub(super) fn end_line(c: &Conversation) -> String {
    let opened = format!(
        "{} {} {}",
        c.handshake.request.url, c.handshake.status, c.handshake.reason
    );
    let frames = c.frame_count;
    match &c.end {
        End::Closed { by, code, reason } => {
            let who = match by {
                Side::Client => "the client",
                Side::Server => "the server",
            };
            let code = code.map_or_else(|| "no code".to_string(), |c| c.to_string());
            let reason = match reason.is_empty() {
                true => String::new(),
                false => format!(" {reason:?}"),
            };
            format!(
                "{opened}: closed by {who} ({code}{reason}) after {frames} frames, {:.1} ms",
                c.total_ms
            )
        }
        End::Failed { reason } => format!("{opened}: {reason} after {frames} frames"),
        End::Cancelled => format!("{opened}: cancelled after {frames} frames"),
    }
}
