//! gRPC over HTTP/2 on the wire: length-prefixed messages, the `grpc-timeout` header, and the
//! status a client gives when the server answered in plain HTTP.

use std::time::Duration;

use bytes::{Buf, Bytes, BytesMut};

/// One message framed: a compressed flag (0), its length (u32, big-endian), its bytes.
pub(super) fn frame(message: &[u8], out: &mut Vec<u8>) {
    out.push(0);
    out.extend_from_slice(&(message.len() as u32).to_be_bytes());
    out.extend_from_slice(message);
}

/// Splits a response body into messages as its chunks arrive.
#[derive(Default)]
pub(super) struct Deframer {
    buffer: BytesMut,
}

impl Deframer {
    /// Adds a chunk of the body.
    pub(super) fn push(&mut self, chunk: &[u8]) {
        self.buffer.extend_from_slice(chunk);
    }

    /// The next whole message, if one has arrived; an error for a compressed one (this client
    /// asks for none).
    pub(super) fn next(&mut self) -> Result<Option<Bytes>, &'static str> {
        if self.buffer.len() < 5 {
            return Ok(None);
        }
        let compressed = self.buffer[0];
        let len = u32::from_be_bytes([
            self.buffer[1],
            self.buffer[2],
            self.buffer[3],
            self.buffer[4],
        ]) as usize;
        if compressed != 0 {
            return Err("a compressed message (this client asks for none)");
        }
        if self.buffer.len() < 5 + len {
            return Ok(None);
        }
        self.buffer.advance(5);
        Ok(Some(self.buffer.split_to(len).freeze()))
    }

    /// Whether part of a message is left over (the stream ended in the middle of one).
    pub(super) fn has_remainder(&self) -> bool {
        !self.buffer.is_empty()
    }
}

/// `after` as a `grpc-timeout` value: at most eight digits and a unit.
pub(super) fn timeout_header(after: Duration) -> String {
    let units: [(u128, &str); 4] = [
        (1, "n"),
        (1_000, "u"),
        (1_000_000, "m"),
        (1_000_000_000, "S"),
    ];
    let nanos = after.as_nanos();
    for (per, unit) in units {
        let value = nanos.div_ceil(per);
        if value < 100_000_000 {
            return format!("{value}{unit}");
        }
    }
    format!("{}M", after.as_secs().div_ceil(60).min(99_999_999))
}

/// The status a client derives from an HTTP status when the server sent none (gRPC's
/// "HTTP to gRPC status code mapping").
pub(super) fn code_of_http(status: u16) -> u32 {
    match status {
        400 => 13,
        401 => 16,
        403 => 7,
        404 => 12,
        429 | 502..=504 => 14,
        _ => 2,
    }
}

/// A `grpc-message` value, percent-decoded (invalid UTF-8 replaced).
pub(super) fn decode_message(value: &[u8]) -> String {
    percent_encoding::percent_decode(value)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_framed_and_read_back_across_chunks() {
        let mut out = Vec::new();
        frame(b"abc", &mut out);
        frame(b"", &mut out);
        assert_eq!(&out[..5], &[0, 0, 0, 0, 3]);
        let mut d = Deframer::default();
        d.push(&out[..4]);
        assert_eq!(d.next().unwrap(), None);
        d.push(&out[4..]);
        assert_eq!(d.next().unwrap().as_deref(), Some(&b"abc"[..]));
        assert_eq!(d.next().unwrap().as_deref(), Some(&b""[..]));
        assert!(!d.has_remainder());
        d.push(&[1, 0, 0, 0, 0]);
        assert!(d.next().is_err());
    }

    #[test]
    fn timeouts_fit_eight_digits() {
        assert_eq!(timeout_header(Duration::from_millis(1500)), "1500000u");
        assert_eq!(timeout_header(Duration::from_secs(30)), "30000000u");
        assert_eq!(timeout_header(Duration::from_secs(200)), "200000m");
        assert_eq!(timeout_header(Duration::from_nanos(5)), "5n");
        assert_eq!(timeout_header(Duration::from_secs(200_000)), "200000S");
    }

    #[test]
    fn messages_are_percent_decoded() {
        assert_eq!(decode_message(b"no%20such%20user"), "no such user");
    }
}
