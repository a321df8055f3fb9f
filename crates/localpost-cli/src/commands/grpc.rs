//! `localpost send` of a gRPC request: the method is called with the variables, auth (as
//! metadata) and settings it would have in the app, each response message is printed as JSON
//! as it arrives, then the status and the trailers. `--output json` prints the whole call as
//! one JSON document at the end. Either way it is recorded in the workspace's history, as an
//! HTTP send is. `--list` prints the methods of the request's descriptor source instead.
//!
//! Every shape is called with the request's saved messages (a client- or bidirectional stream
//! sends them all, then closes its side). Exit codes are `send`'s: 0 when the status is `OK`,
//! 4 for `DEADLINE_EXCEEDED`, 3 for any other status or a call that could not be made.

use std::io::Write;

use localpost_core::http::Engine;
use localpost_core::http::grpc::{Call, CallOptions, Direction, Message, MessageWatch, Method};
use localpost_core::model::Request;
use localpost_core::send::{Options, Sender};
use localpost_core::store::Store;
use localpost_core::vault::{OsKeychain, Vault};
use tokio_util::sync::CancellationToken;

use crate::cli::{OutputFormat, SendArgs};
use crate::exit::Failure;

/// The status code of `DEADLINE_EXCEEDED`.
const DEADLINE_EXCEEDED: u32 = 4;

/// Calls `request` (or lists its methods) and prints the result.
pub fn run(
    store: &Store,
    vault: &Vault<OsKeychain>,
    request: &Request,
    options: &Options,
    args: &SendArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let has_scripts =
        !request.scripts.pre_request.trim().is_empty() || !request.scripts.test.trim().is_empty();
    if has_scripts && !args.no_scripts && !args.list {
        eprintln!("warning: scripts do not run for gRPC requests yet");
    }
    if args.for_duration.is_some() || args.reconnect {
        return Err(Failure::usage(format!(
            "--for and --reconnect do not apply to gRPC requests; {:?} is one",
            request.name
        )));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the async runtime: {e}")))?;
    let engine = Engine::new();
    let sender = Sender::new(store, vault, &engine);
    let cancel = CancellationToken::new();
    if args.list {
        let methods = runtime.block_on(sender.grpc_methods(request.id, options, &cancel))?;
        return list(&methods, args.output, out);
    }
    let watch = (args.output == OutputFormat::Text).then(|| {
        Box::new(|message: &Message| {
            if message.direction == Direction::Received {
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{}", pretty(&message.json)).and_then(|()| stdout.flush());
            }
        }) as MessageWatch
    });
    let done = runtime.block_on(sender.grpc_call(
        request.id,
        options,
        CallOptions {
            watch,
            ..CallOptions::default()
        },
        &cancel,
    ))?;
    let call = &done.call;
    super::send::warn(&call.request.unresolved, &done.unsaved);
    match args.output {
        OutputFormat::Json => writeln!(out, "{:#}", serde_json::json!(call))?,
        OutputFormat::Text => {
            writeln!(out, "{}", status_line(call))?;
            for trailer in &call.trailers {
                writeln!(out, "{}: {}", trailer.name, trailer.value)?;
            }
        }
    }
    match call.status.code {
        0 => Ok(()),
        code => Err(Failure {
            code: if code == DEADLINE_EXCEEDED { 4 } else { 3 },
            message: format!("{}: the call ended with {}", call.request.url, status(call)),
        }),
    }
}

/// One method a line (`package.Service/Method  unary  In -> Out`), or a JSON array.
fn list(methods: &[Method], output: OutputFormat, out: &mut impl Write) -> Result<(), Failure> {
    match output {
        OutputFormat::Json => writeln!(out, "{:#}", serde_json::json!(methods))?,
        OutputFormat::Text => {
            for m in methods {
                writeln!(
                    out,
                    "{}  {}  {} -> {}",
                    m.name,
                    m.shape.as_str(),
                    m.input,
                    m.output
                )?;
            }
        }
    }
    Ok(())
}

/// `NOT_FOUND (5) "no such user"`.
fn status(call: &Call) -> String {
    let s = &call.status;
    match s.message.is_empty() {
        true => format!("{} ({})", s.name, s.code),
        false => format!("{} ({}) {:?}", s.name, s.code, s.message),
    }
}

/// The last line but the trailers: URL, status, how many messages came back, how long.
fn status_line(call: &Call) -> String {
    format!(
        "{}: {}, {} messages received, {:.1} ms",
        call.request.url,
        status(call),
        call.received().count(),
        call.total_ms
    )
}

/// `json` indented, as the protobuf JSON mapping wrote it (field order kept).
fn pretty(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| json.to_string())
}
