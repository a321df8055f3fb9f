//! Server-Sent Events: a `text/event-stream` body read as it arrives, as the HTML standard's
//! "interpreting an event stream" says (§9.2.6): UTF-8, one leading BOM dropped, lines ended by
//! CRLF, LF or CR (also when a CRLF is split between two chunks), `:` comments, the `event`,
//! `data`, `id` and `retry` fields, an event dispatched at each blank line, and an unfinished
//! event at the end of the stream dropped.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "StreamEvent")]
pub struct Event {
    /// The event type: `message` unless an `event` field named another.
    pub event: String,
    /// The data lines, joined by `\n`.
    pub data: String,
    /// The last event ID in force when the event was dispatched (empty when none, or reset by
    /// an empty `id` field): what a reconnection sends as `Last-Event-ID`.
    pub id: String,
    /// A reconnection time the stream asked for (ms), if this event's block set one.
    #[ts(type = "number | null")]
    pub retry: Option<u64>,
}

/// Whether `response` (its head is enough) is an event stream, by its `Content-Type`.
pub fn is_event_stream_response(response: &super::Response) -> bool {
    response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .is_some_and(|h| is_event_stream(&h.value))
}

/// Whether a response with this `Content-Type` is an event stream.
pub fn is_event_stream(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// The parser's state between chunks.
#[derive(Debug, Default)]
pub struct EventStream {
    /// Bytes of a line not yet ended.
    line: Vec<u8>,
    /// The last chunk ended with CR: an LF at the start of the next one belongs to it.
    after_cr: bool,
    /// The leading BOM has been looked for.
    started: bool,
    data: String,
    has_data: bool,
    event: String,
    last_id: String,
    retry: Option<u64>,
}

impl EventStream {
    /// A parser at the start of a stream.
    pub fn new() -> EventStream {
        EventStream::default()
    }

    /// Reads `bytes`, the next part of the body, and returns the events it completes.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        if !self.started {
            // The BOM may itself arrive split: wait for three bytes (or a line's end).
            self.line.extend_from_slice(bytes);
            if self.line.len() < 3 && !self.line.iter().any(|b| *b == b'\n' || *b == b'\r') {
                return events;
            }
            self.started = true;
            let pending = std::mem::take(&mut self.line);
            let pending = pending
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&pending)
                .to_vec();
            return self.lines(&pending, events);
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = bytes.strip_prefix(b"\n") {
                bytes = rest;
            }
        }
        let owned = bytes.to_vec();
        events = self.lines(&owned, events);
        events
    }

    /// Splits `bytes` into lines, handling each ended one, keeping the unended rest.
    fn lines(&mut self, bytes: &[u8], mut events: Vec<Event>) -> Vec<Event> {
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    self.end_line(&mut events);
                    i += 1;
                }
                b'\r' => {
                    self.end_line(&mut events);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 2;
                    } else {
                        // A CR at the chunk's end: the next chunk may start with its LF.
                        self.after_cr = i + 1 == bytes.len();
                        i += 1;
                    }
                }
                byte => {
                    self.line.push(byte);
                    i += 1;
                }
            }
        }
        events
    }

    fn end_line(&mut self, events: &mut Vec<Event>) {
        let raw = std::mem::take(&mut self.line);
        let line = String::from_utf8_lossy(&raw);
        if line.is_empty() {
            if let Some(event) = self.dispatch() {
                events.push(event);
            }
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = value.to_owned(),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            _ => {}
        }
    }

    /// The event of the block just ended, if it had data; the block's buffers are reset.
    fn dispatch(&mut self) -> Option<Event> {
        let event = std::mem::take(&mut self.event);
        let retry = self.retry.take();
        if !self.has_data {
            self.data.clear();
            return None;
        }
        self.has_data = false;
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        Some(Event {
            event: if event.is_empty() {
                "message".into()
            } else {
                event
            },
            data,
            id: self.last_id.clone(),
            retry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(stream: &str) -> Vec<Event> {
        EventStream::new().feed(stream.as_bytes())
    }

    /// The same stream fed a byte at a time gives the same events.
    fn bytewise(stream: &str) -> Vec<Event> {
        let mut parser = EventStream::new();
        stream
            .as_bytes()
            .iter()
            .flat_map(|b| parser.feed(&[*b]))
            .collect()
    }

    fn data(events: &[Event]) -> Vec<&str> {
        events.iter().map(|e| e.data.as_str()).collect()
    }

    // The examples are the HTML standard's own (§9.2.5, "Parsing an event stream" examples).

    #[test]
    fn data_lines_join_with_newlines() {
        let s = "data: YHOO\ndata: +2\ndata: 10\n\n";
        assert_eq!(data(&all(s)), ["YHOO\n+2\n10"]);
        assert_eq!(all(s), bytewise(s));
        assert_eq!(all(s)[0].event, "message");
    }

    #[test]
    fn ids_carry_over_and_an_empty_id_resets_them() {
        let s = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n";
        let events = all(s);
        assert_eq!(
            data(&events),
            ["first event", "second event", " third event"]
        );
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["1", "", ""]);
        assert_eq!(events, bytewise(s));
    }

    #[test]
    fn empty_data_dispatches_and_an_unfinished_event_is_dropped() {
        let s = "data\n\ndata\ndata\n\ndata:";
        assert_eq!(data(&all(s)), ["", "\n"]);
        assert_eq!(all(s), bytewise(s));
    }

    #[test]
    fn one_space_after_the_colon_is_dropped() {
        let s = "data:test\n\ndata: test\n\n";
        assert_eq!(data(&all(s)), ["test", "test"]);
    }

    #[test]
    fn event_types_retry_and_every_line_ending() {
        let s = "\u{FEFF}event: add\r\ndata: 73857293\r\rretry: 1500\ndata: x\r\nretry: soon\n\n";
        let events = all(s);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].event, "add");
        assert_eq!(events[0].data, "73857293");
        assert_eq!(events[0].retry, None);
        assert_eq!(events[1].event, "message");
        assert_eq!(events[1].retry, Some(1500));
        assert_eq!(events, bytewise(s));
    }

    #[test]
    fn a_crlf_split_between_chunks_is_one_line_end() {
        let mut parser = EventStream::new();
        let mut events = parser.feed(b"data: a\r");
        events.extend(parser.feed(b"\ndata: b\r\n\r"));
        events.extend(parser.feed(b"\n"));
        assert_eq!(data(&events), ["a\nb"]);
    }

    #[test]
    fn content_types() {
        assert!(is_event_stream("text/event-stream"));
        assert!(is_event_stream("Text/Event-Stream; charset=utf-8"));
        assert!(!is_event_stream("text/plain"));
        assert!(!is_event_stream(""));
    }
}
