//! Event streams shown as they arrive, for a caller that listens: [`listening`] runs a send
//! with a listener, and an engine built with [`EventStreams`] as its body watch tells that
//! listener when a `text/event-stream` body opens and each event as the server ends it. Sends
//! with no listener (a run, another window's send) are left alone, at no cost.
//!
//! The listener is found through a task-local value, so one engine serves every send of the
//! app and each send's events reach only its own listener.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;

use super::event_stream::{Event, EventStream, is_event_stream_response};
use super::{BodySink, BodyWatch, Response};

/// What a listener hears of a send's event stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum LiveEvent {
    /// The response's head arrived and its body is an event stream.
    Opened {
        /// The status code.
        status: u16,
    },
    /// An event, `atMs` milliseconds after the stream opened.
    #[serde(rename_all = "camelCase")]
    Event {
        /// When it arrived, in milliseconds since [`LiveEvent::Opened`].
        #[ts(type = "number")]
        at_ms: u64,
        /// The event.
        event: Event,
    },
}

impl LiveEvent {
    /// A GraphQL subscription's event as the event-stream view shows one: the server's
    /// acknowledgement opens the stream (status 101), and each `next`, `error` and `complete`
    /// is an event of that type whose data is the message's payload as JSON.
    pub fn from_subscription(event: &super::websocket::SubscriptionEvent) -> LiveEvent {
        use super::websocket::SubscriptionEvent as S;
        let (at_ms, kind, data) = match event {
            S::Acknowledged => return LiveEvent::Opened { status: 101 },
            S::Next { at_ms, payload } => (*at_ms, "next", payload.to_string()),
            S::Error { at_ms, errors } => (*at_ms, "error", errors.to_string()),
            S::Complete { at_ms } => (*at_ms, "complete", String::new()),
        };
        LiveEvent::Event {
            at_ms,
            event: Event {
                event: kind.into(),
                data,
                id: String::new(),
                retry: None,
            },
        }
    }
}

/// Hears a send's [`LiveEvent`]s.
pub type Listener = Arc<dyn Fn(LiveEvent) + Send + Sync>;

tokio::task_local! {
    static LISTENER: Listener;
}

/// Runs `send` (a send on an engine watched by [`EventStreams`]) with `listener` hearing its
/// event stream, if its response is one.
pub async fn listening<F: Future>(listener: Listener, send: F) -> F::Output {
    LISTENER.scope(listener, send).await
}

/// The body watch that tells the send's [`listening`] listener, if it has one, about an event
/// stream.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventStreams;

impl BodyWatch for EventStreams {
    fn start(&self, head: &Response) -> Option<BodySink> {
        let listener = LISTENER.try_with(Arc::clone).ok()?;
        if !is_event_stream_response(head) {
            return None;
        }
        listener(LiveEvent::Opened {
            status: head.status,
        });
        let opened = Instant::now();
        let mut parser = EventStream::new();
        Some(Box::new(move |chunk: &[u8]| {
            for event in parser.feed(chunk) {
                let at_ms = u64::try_from(opened.elapsed().as_millis()).unwrap_or(u64::MAX);
                listener(LiveEvent::Event { at_ms, event });
            }
        }))
    }
}
