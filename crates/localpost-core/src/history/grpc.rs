//! [`History::record_call`]: a gRPC call as one history entry.

use serde_json::json;

use super::{History, Limits, Message, Result, kept_names, storage};
use crate::http::Payload;
use crate::http::grpc::Call;
use crate::model::{Classification, HistoryId, Request, WorkspaceId};
use crate::store::HistoryRow;
use crate::vault::Keychain;

impl<K: Keychain> History<'_, K> {
    /// Records a gRPC `call` of `request` as [`History::record_conversation`] records a
    /// WebSocket: the request head (URL `grpc(s)://host:port/package.Service/Method`, the
    /// metadata as sent), the response metadata, and as the response body one JSON line per
    /// message sent or received, then a last line with the status and the trailers. The
    /// HTTP status is 200; the reason is the gRPC status name (`NOT_FOUND`), so a listing
    /// shows how the call ended; its message is in the last line. Sealed, plain or left out as the classification says.
    pub fn record_call(
        &self,
        workspace: (WorkspaceId, Classification),
        request: &Request,
        call: &Call,
        sent_at_ms: i64,
        limits: Limits,
    ) -> Result<HistoryId> {
        let (ws, class) = workspace;
        let sent = &call.request;
        let mut lines = Vec::new();
        for message in &call.messages {
            // Plain data of our own: it serialises.
            if let Ok(mut line) = serde_json::to_vec(message) {
                lines.append(&mut line);
                lines.push(b'\n');
            }
        }
        let end = json!({"status": call.status, "trailers": call.trailers});
        lines.extend_from_slice(end.to_string().as_bytes());
        lines.push(b'\n');
        let transcript = Payload::from_bytes(&lines, super::TRANSCRIPT_LIMIT);
        let request_part = Message::new(&sent.headers, &sent.body);
        let response_part = Message::new(&call.headers, &transcript);
        let (url, request_name) = kept_names(class, sent.url.clone(), &request.name);
        // The status message is the server's text and may echo what was sent: it stays in
        // the transcript (sealed or left out as the rest), the plain column gets the name.
        let reason = call.status.name.clone();
        let first_byte_ms = call.received().next().map_or(call.total_ms, |m| m.at_ms);
        let payload = call.payload_bytes();
        let row = HistoryRow {
            id: HistoryId(0),
            workspace_id: ws,
            request_id: (request.id.0 > 0).then_some(request.id),
            request_name,
            method: sent.method.clone(),
            url,
            status: 200,
            reason,
            version: "HTTP/2".into(),
            sent_at_ms,
            first_byte_ms,
            total_ms: call.total_ms,
            body_size: payload,
            raw_size: payload,
            storage: storage(class),
            request: self.pack(class, ws, "request", &request_part)?,
            response: self.pack(class, ws, "response", &response_part)?,
            failure: None,
        };
        self.add(&row, limits)
    }
}
