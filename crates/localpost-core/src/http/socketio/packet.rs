//! The two layers of text a Socket.IO client exchanges over one WebSocket: Engine.IO v4 packets
//! (one per WebSocket frame: a type digit, then data) and, inside Engine.IO's `message`
//! packets, Socket.IO v5 packets:
//!
//! ```text
//! <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
//! ```
//!
//! An event carrying binary data (`BINARY_EVENT`, `BINARY_ACK`) has placeholders
//! (`{"_placeholder":true,"num":N}`) where the bytes were, and the bytes follow as that many
//! binary WebSocket frames; [`Assembler`] puts them back (as `{"_binary": "<base64>"}`).

use base64::Engine as _;
use serde_json::Value;

use super::error::{Result, SocketIoError};

/// An Engine.IO v4 packet, as one WebSocket text frame carries it.
#[derive(Debug, Clone, PartialEq)]
pub enum EnginePacket {
    /// `0{…}`: the server opened the session.
    Open(OpenInfo),
    /// `1`: the session is closing.
    Close,
    /// `2…`: a heartbeat (in v4 the server pings, the client answers [`EnginePacket::Pong`]).
    Ping(String),
    /// `3…`: the answer to a ping.
    Pong(String),
    /// `4…`: a Socket.IO packet's text.
    Message(String),
    /// `5`: upgrade (for polling transports; not expected on a WebSocket).
    Upgrade,
    /// `6`: no-op.
    Noop,
}

/// What the server's open packet says about the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInfo {
    /// The session id.
    pub sid: String,
    /// How often the server pings, in ms.
    pub ping_interval_ms: u64,
    /// How long after a ping the server waits for the pong, in ms.
    pub ping_timeout_ms: u64,
}

impl EnginePacket {
    /// Reads one WebSocket text frame as an Engine.IO packet.
    pub fn parse(text: &str) -> Result<EnginePacket> {
        let mut chars = text.chars();
        let kind = chars.next().ok_or(SocketIoError::Packet {
            packet: String::new(),
            reason: "an empty Engine.IO packet".into(),
        })?;
        let rest = chars.as_str();
        Ok(match kind {
            '0' => EnginePacket::Open(OpenInfo::parse(rest)?),
            '1' => EnginePacket::Close,
            '2' => EnginePacket::Ping(rest.to_owned()),
            '3' => EnginePacket::Pong(rest.to_owned()),
            '4' => EnginePacket::Message(rest.to_owned()),
            '5' => EnginePacket::Upgrade,
            '6' => EnginePacket::Noop,
            _ => {
                return Err(SocketIoError::Packet {
                    packet: shown(text),
                    reason: format!("{kind:?} is not an Engine.IO packet type"),
                });
            }
        })
    }

    /// The frame text of this packet.
    pub fn encode(&self) -> String {
        match self {
            EnginePacket::Open(info) => format!(
                "0{}",
                serde_json::json!({
                    "sid": info.sid,
                    "pingInterval": info.ping_interval_ms,
                    "pingTimeout": info.ping_timeout_ms,
                })
            ),
            EnginePacket::Close => "1".into(),
            EnginePacket::Ping(data) => format!("2{data}"),
            EnginePacket::Pong(data) => format!("3{data}"),
            EnginePacket::Message(data) => format!("4{data}"),
            EnginePacket::Upgrade => "5".into(),
            EnginePacket::Noop => "6".into(),
        }
    }
}

impl OpenInfo {
    fn parse(json: &str) -> Result<OpenInfo> {
        let bad = |reason: &str| SocketIoError::Packet {
            packet: shown(&format!("0{json}")),
            reason: reason.into(),
        };
        let value: Value =
            serde_json::from_str(json).map_err(|e| bad(&format!("its data is not JSON: {e}")))?;
        let sid = value
            .get("sid")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("it has no sid"))?
            .to_owned();
        let number =
            |key: &str, default: u64| value.get(key).and_then(Value::as_u64).unwrap_or(default);
        Ok(OpenInfo {
            sid,
            ping_interval_ms: number("pingInterval", 25_000),
            ping_timeout_ms: number("pingTimeout", 20_000),
        })
    }
}

/// A Socket.IO packet type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PacketKind {
    /// `0`: connect to a namespace (client), or the namespace is connected (server).
    Connect,
    /// `1`: leave a namespace.
    Disconnect,
    /// `2`: an event: its name and arguments.
    Event,
    /// `3`: the acknowledgement of an event, with its arguments.
    Ack,
    /// `4`: the server refused the connection to a namespace.
    ConnectError,
    /// `5`: an event with binary attachments.
    BinaryEvent,
    /// `6`: an acknowledgement with binary attachments.
    BinaryAck,
}

impl PacketKind {
    fn digit(self) -> char {
        match self {
            PacketKind::Connect => '0',
            PacketKind::Disconnect => '1',
            PacketKind::Event => '2',
            PacketKind::Ack => '3',
            PacketKind::ConnectError => '4',
            PacketKind::BinaryEvent => '5',
            PacketKind::BinaryAck => '6',
        }
    }

    fn is_binary(self) -> bool {
        matches!(self, PacketKind::BinaryEvent | PacketKind::BinaryAck)
    }
}

/// A Socket.IO v5 packet.
#[derive(Debug, Clone, PartialEq)]
pub struct Packet {
    /// Its type.
    pub kind: PacketKind,
    /// Its namespace, `/` when none is written.
    pub namespace: String,
    /// The acknowledgement id: on an event, the sender wants an [`PacketKind::Ack`] with it.
    pub id: Option<u64>,
    /// The payload: an event's `[name, args…]`, an ack's `[args…]`, a connect's auth or
    /// answer, a connect error's `{message, data}`.
    pub data: Option<Value>,
    /// Binary attachments that follow (binary packets only).
    pub attachments: usize,
}

impl Packet {
    /// Connects to `namespace`, with `auth` (the client's `auth` option) when given.
    pub fn connect(namespace: &str, auth: Option<Value>) -> Packet {
        Packet {
            kind: PacketKind::Connect,
            namespace: namespace.to_owned(),
            id: None,
            data: auth,
            attachments: 0,
        }
    }

    /// Leaves `namespace`.
    pub fn disconnect(namespace: &str) -> Packet {
        Packet {
            kind: PacketKind::Disconnect,
            namespace: namespace.to_owned(),
            id: None,
            data: None,
            attachments: 0,
        }
    }

    /// Emits event `name` with `args` on `namespace`, asking for an acknowledgement `id`.
    pub fn event(namespace: &str, name: &str, args: Vec<Value>, id: Option<u64>) -> Packet {
        let mut data = Vec::with_capacity(args.len() + 1);
        data.push(Value::String(name.to_owned()));
        data.extend(args);
        Packet {
            kind: PacketKind::Event,
            namespace: namespace.to_owned(),
            id,
            data: Some(Value::Array(data)),
            attachments: 0,
        }
    }

    /// Acknowledges event `id` on `namespace` with `args`.
    pub fn ack(namespace: &str, id: u64, args: Vec<Value>) -> Packet {
        Packet {
            kind: PacketKind::Ack,
            namespace: namespace.to_owned(),
            id: Some(id),
            data: Some(Value::Array(args)),
            attachments: 0,
        }
    }

    /// An event's name and arguments (`None` for other packets).
    pub fn event_parts(&self) -> Option<(&str, &[Value])> {
        if !matches!(self.kind, PacketKind::Event | PacketKind::BinaryEvent) {
            return None;
        }
        let items = self.data.as_ref()?.as_array()?;
        let (name, args) = items.split_first()?;
        Some((name.as_str()?, args))
    }

    /// The text of this packet, as an Engine.IO message carries it.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        out.push(self.kind.digit());
        if self.kind.is_binary() {
            out.push_str(&format!("{}-", self.attachments));
        }
        if self.namespace != "/" && !self.namespace.is_empty() {
            out.push_str(&self.namespace);
            out.push(',');
        }
        if let Some(id) = self.id {
            out.push_str(&id.to_string());
        }
        if let Some(data) = &self.data {
            out.push_str(&data.to_string());
        }
        out
    }

    /// Reads a Socket.IO packet from an Engine.IO message's text.
    pub fn parse(text: &str) -> Result<Packet> {
        let bad = |reason: String| SocketIoError::Packet {
            packet: shown(text),
            reason,
        };
        let mut rest = text;
        let kind = match rest.chars().next() {
            Some('0') => PacketKind::Connect,
            Some('1') => PacketKind::Disconnect,
            Some('2') => PacketKind::Event,
            Some('3') => PacketKind::Ack,
            Some('4') => PacketKind::ConnectError,
            Some('5') => PacketKind::BinaryEvent,
            Some('6') => PacketKind::BinaryAck,
            Some(other) => return Err(bad(format!("{other:?} is not a Socket.IO packet type"))),
            None => return Err(bad("an empty Socket.IO packet".into())),
        };
        rest = &rest[1..];
        let mut attachments = 0;
        if kind.is_binary() {
            let digits = rest.find('-').ok_or_else(|| {
                bad("a binary packet without its attachment count (`<n>-`)".into())
            })?;
            attachments = rest[..digits]
                .parse()
                .map_err(|_| bad(format!("{:?} is not an attachment count", &rest[..digits])))?;
            rest = &rest[digits + 1..];
        }
        let mut namespace = "/".to_owned();
        if rest.starts_with('/') {
            let end = rest.find(',').unwrap_or(rest.len());
            namespace = rest[..end].to_owned();
            rest = rest.get(end + 1..).unwrap_or_default();
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let id = match digits {
            0 => None,
            n => Some(
                rest[..n]
                    .parse()
                    .map_err(|_| bad(format!("{:?} is not an acknowledgement id", &rest[..n])))?,
            ),
        };
        rest = &rest[digits..];
        let data = match rest {
            "" => None,
            json => Some(
                serde_json::from_str::<Value>(json)
                    .map_err(|e| bad(format!("its payload is not JSON: {e}")))?,
            ),
        };
        let packet = Packet {
            kind,
            namespace,
            id,
            data,
            attachments,
        };
        packet.check().map_err(bad)?;
        Ok(packet)
    }

    /// The payload rules of each packet type.
    fn check(&self) -> std::result::Result<(), String> {
        match (self.kind, &self.data) {
            (PacketKind::Connect, None | Some(Value::Object(_))) => Ok(()),
            (PacketKind::Connect, Some(_)) => Err("a connect payload must be an object".into()),
            (PacketKind::Disconnect, None) => Ok(()),
            (PacketKind::Disconnect, Some(_)) => Err("a disconnect has no payload".into()),
            (PacketKind::ConnectError, Some(Value::Object(_) | Value::String(_))) => Ok(()),
            (PacketKind::ConnectError, _) => {
                Err("a connect error's payload must be an object or a string".into())
            }
            (PacketKind::Event | PacketKind::BinaryEvent, Some(Value::Array(items)))
                if items.first().is_some_and(Value::is_string) =>
            {
                Ok(())
            }
            (PacketKind::Event | PacketKind::BinaryEvent, _) => {
                Err("an event's payload must be an array starting with its name".into())
            }
            (PacketKind::Ack | PacketKind::BinaryAck, Some(Value::Array(_)))
                if self.id.is_some() =>
            {
                Ok(())
            }
            (PacketKind::Ack | PacketKind::BinaryAck, _) => {
                Err("an acknowledgement needs an id and an array payload".into())
            }
        }
    }
}

/// Puts binary packets back together: a `BINARY_EVENT` or `BINARY_ACK` and the binary frames
/// that follow it.
#[derive(Debug, Default)]
pub struct Assembler {
    pending: Option<(Packet, Vec<Vec<u8>>)>,
}

impl Assembler {
    /// Whether binary frames are awaited.
    pub fn is_waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Takes a packet read from a text frame: returned at once unless it awaits attachments.
    pub fn text(&mut self, packet: Packet) -> Result<Option<Packet>> {
        if let Some((waiting, _)) = &self.pending {
            return Err(SocketIoError::Packet {
                packet: shown(&packet.encode()),
                reason: format!(
                    "a text packet came while {} binary attachments of another were due",
                    waiting.attachments
                ),
            });
        }
        if packet.kind.is_binary() && packet.attachments > 0 {
            self.pending = Some((packet, Vec::new()));
            return Ok(None);
        }
        Ok(Some(packet))
    }

    /// Takes a binary frame: the packet it completes, once the last attachment is in.
    pub fn binary(&mut self, bytes: Vec<u8>) -> Result<Option<Packet>> {
        let Some((packet, mut parts)) = self.pending.take() else {
            return Err(SocketIoError::Packet {
                packet: format!("{} bytes", bytes.len()),
                reason: "a binary frame came with no binary packet awaiting it".into(),
            });
        };
        parts.push(bytes);
        if parts.len() < packet.attachments {
            self.pending = Some((packet, parts));
            return Ok(None);
        }
        let mut packet = packet;
        if let Some(data) = packet.data.as_mut() {
            fill(data, &parts);
        }
        Ok(Some(packet))
    }
}

/// Replaces each `{"_placeholder":true,"num":N}` in `value` with `{"_binary":"<base64>"}` of
/// attachment N.
fn fill(value: &mut Value, parts: &[Vec<u8>]) {
    match value {
        Value::Object(map) => {
            let is_placeholder = map.get("_placeholder") == Some(&Value::Bool(true));
            let part = map
                .get("num")
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| parts.get(n));
            if is_placeholder && let Some(bytes) = part {
                *value = serde_json::json!({
                    "_binary": base64::engine::general_purpose::STANDARD.encode(bytes)
                });
                return;
            }
            for item in map.values_mut() {
                fill(item, parts);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| fill(item, parts)),
        _ => {}
    }
}

/// A packet as an error shows it: at most 120 characters.
fn shown(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    // The packets below follow the format and the examples of the Socket.IO protocol's own
    // documentation (socket.io-protocol, version 5, "Packet encoding" and "Exchange
    // protocol"); the conversation tests check the client against socket.io's own server.

    #[test]
    fn reads_the_protocol_documents_examples() {
        let p = Packet::parse("2[\"hello\",1]").expect("event");
        assert_eq!(
            (p.kind, p.namespace.as_str(), p.id),
            (PacketKind::Event, "/", None)
        );
        assert_eq!(p.event_parts(), Some(("hello", &[json!(1)][..])));

        let p = Packet::parse("2/admin,[\"project:delete\",123]").expect("event in a namespace");
        assert_eq!(p.namespace, "/admin");
        assert_eq!(p.event_parts(), Some(("project:delete", &[json!(123)][..])));

        let p = Packet::parse("212[\"hello\",\"world\"]").expect("event with an ack id");
        assert_eq!(p.id, Some(12));

        let p = Packet::parse("3/admin,13[\"bar\"]").expect("ack");
        assert_eq!(
            (p.kind, p.namespace.as_str(), p.id),
            (PacketKind::Ack, "/admin", Some(13))
        );
        assert_eq!(p.data, Some(json!(["bar"])));

        let p = Packet::parse("0{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}").expect("connect answer");
        assert_eq!(p.kind, PacketKind::Connect);

        let p = Packet::parse("4{\"message\":\"Not authorized\"}").expect("connect error");
        assert_eq!(p.kind, PacketKind::ConnectError);

        let p = Packet::parse("1/admin,").expect("disconnect");
        assert_eq!(
            (p.kind, p.namespace.as_str()),
            (PacketKind::Disconnect, "/admin")
        );
    }

    #[test]
    fn writes_what_it_reads() {
        for text in [
            "0",
            "0/admin,{\"token\":\"123\"}",
            "2[\"hello\",1]",
            "2/admin,12[\"project:delete\",123]",
            "3/admin,13[\"bar\"]",
            "51-[\"hello\",{\"_placeholder\":true,\"num\":0}]",
        ] {
            assert_eq!(Packet::parse(text).expect(text).encode(), text);
        }
        assert_eq!(
            Packet::event("/", "chat", vec![json!("hi"), json!({"a": 1})], Some(4)).encode(),
            "24[\"chat\",\"hi\",{\"a\":1}]"
        );
        assert_eq!(Packet::connect("/admin", None).encode(), "0/admin,");
        assert_eq!(
            Packet::ack("/", 7, vec![json!("ok")]).encode(),
            "37[\"ok\"]"
        );
    }

    #[test]
    fn puts_binary_attachments_back_in_place() {
        let mut assembler = Assembler::default();
        let head = Packet::parse("52-[\"files\",{\"_placeholder\":true,\"num\":0},{\"x\":{\"_placeholder\":true,\"num\":1}}]")
            .expect("binary event");
        assert_eq!(head.attachments, 2);
        assert!(assembler.text(head).expect("takes it").is_none());
        assert!(assembler.binary(vec![1, 2, 3]).expect("first").is_none());
        let whole = assembler
            .binary(b"hi".to_vec())
            .expect("second")
            .expect("complete");
        assert_eq!(
            whole.data,
            Some(json!(["files", {"_binary": "AQID"}, {"x": {"_binary": "aGk="}}]))
        );
        assert!(!assembler.is_waiting());
        assert!(assembler.binary(vec![0]).is_err(), "nothing awaits it");
    }

    #[test]
    fn refuses_what_is_not_a_packet_and_says_why() {
        for (text, why) in [
            ("", "an empty Socket.IO packet"),
            ("9[]", "'9' is not a Socket.IO packet type"),
            (
                "2{\"a\":1}",
                "an event's payload must be an array starting with its name",
            ),
            (
                "2[1]",
                "an event's payload must be an array starting with its name",
            ),
            ("3[\"x\"]", "an acknowledgement needs an id"),
            ("0[1]", "a connect payload must be an object"),
            ("2[\"x\"", "its payload is not JSON"),
            ("5[\"x\"]", "without its attachment count"),
        ] {
            let e = Packet::parse(text).expect_err(text).to_string();
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn reads_engine_io_packets() {
        let open = EnginePacket::parse(
            "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}",
        )
        .expect("open");
        assert_eq!(
            open,
            EnginePacket::Open(OpenInfo {
                sid: "lv_VI97HAXpY6yYWAAAC".into(),
                ping_interval_ms: 25_000,
                ping_timeout_ms: 20_000,
            })
        );
        assert_eq!(
            EnginePacket::parse("2").expect("ping"),
            EnginePacket::Ping(String::new())
        );
        assert_eq!(EnginePacket::Pong(String::new()).encode(), "3");
        assert_eq!(
            EnginePacket::parse("42[\"a\"]").expect("message"),
            EnginePacket::Message("2[\"a\"]".into())
        );
        assert!(
            EnginePacket::parse("0{}")
                .expect_err("no sid")
                .to_string()
                .contains("no sid")
        );
        assert!(EnginePacket::parse("x").is_err());
    }
}
