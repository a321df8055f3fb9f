//! The frames of a conversation as they are sent and received: each recorded with its
//! direction, kind, size and time, a sent text's secrets masked, and told to the watcher.

use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use tokio_tungstenite::tungstenite::Message;

use super::super::{Content, PreparedRequest};
use super::converse::FrameWatch;
use super::{Conversation, Direction, End, Frame, FrameKind, Handshake, KEPT_FRAMES};

/// The frames of a conversation as they happen: the first [`KEPT_FRAMES`] kept, all of them
/// counted and told to the watcher, so a socket open for days holds bounded memory.
pub(in crate::http) struct Recorder<'a> {
    pub(super) opened: Instant,
    pub(super) frames: Vec<Frame>,
    /// Frames sent and received, kept or not.
    pub(super) count: u64,
    /// Their payload bytes.
    pub(super) bytes: u64,
    pub(super) watch: Option<FrameWatch>,
    pub(super) request: &'a PreparedRequest,
}

impl<'a> Recorder<'a> {
    /// A recorder for a socket opened at `opened`, masking what `request` knows as secret.
    pub(in crate::http) fn new(
        opened: Instant,
        watch: Option<FrameWatch>,
        request: &'a PreparedRequest,
    ) -> Self {
        Recorder {
            opened,
            frames: Vec::new(),
            count: 0,
            bytes: 0,
            watch,
            request,
        }
    }

    /// The conversation recorded, with its handshake and how it ended.
    pub(in crate::http) fn finish(
        self,
        handshake: Handshake,
        end: End,
        total_ms: f64,
    ) -> Conversation {
        Conversation {
            handshake,
            frames: self.frames,
            frame_count: self.count,
            payload_bytes: self.bytes,
            end,
            total_ms,
        }
    }

    pub(in crate::http) fn push(&mut self, direction: Direction, message: &Message) {
        let request = self.request;
        self.push_masked(direction, message, request);
    }

    /// Records a frame, a sent text's secrets masked as `masked` (the prepared request the
    /// message was rendered with) knows them.
    pub(super) fn push_masked(
        &mut self,
        direction: Direction,
        message: &Message,
        masked: &PreparedRequest,
    ) {
        let (kind, bytes, code): (FrameKind, &[u8], Option<u16>) = match message {
            Message::Text(text) => (FrameKind::Text, text.as_bytes(), None),
            Message::Binary(bytes) => (FrameKind::Binary, bytes, None),
            Message::Ping(bytes) => (FrameKind::Ping, bytes, None),
            Message::Pong(bytes) => (FrameKind::Pong, bytes, None),
            Message::Close(frame) => (
                FrameKind::Close,
                frame.as_ref().map_or(&[][..], |f| f.reason.as_bytes()),
                frame.as_ref().map(|f| u16::from(f.code)),
            ),
            // Raw frames only appear when writing them by hand, which this client does not.
            Message::Frame(_) => return,
        };
        let mut data = Content::from_bytes(bytes, false);
        if direction == Direction::Sent
            && let Content::Text { text } = &mut data
        {
            *text = masked.hide_secrets(std::mem::take(text));
        }
        let frame = Frame {
            direction,
            kind,
            at_ms: self.opened.elapsed().as_secs_f64() * 1000.0,
            size: bytes.len() as u64,
            data,
            code,
        };
        if let Some(watch) = &mut self.watch {
            watch(&frame);
        }
        self.count += 1;
        self.bytes += frame.size;
        if self.frames.len() < KEPT_FRAMES {
            self.frames.push(frame);
        }
    }
}

/// The recorder, shared by the sending and the reading halves (never locked across an await:
/// a `Mutex` rather than a `RefCell` keeps the conversation's future `Send`).
pub(super) type Shared<'a> = Mutex<Recorder<'a>>;

pub(super) fn lock<'g, 'a>(recorder: &'g Shared<'a>) -> MutexGuard<'g, Recorder<'a>> {
    // Only frames are pushed under it: a panic in a watcher cannot leave it half-written.
    recorder.lock().unwrap_or_else(|e| e.into_inner())
}
