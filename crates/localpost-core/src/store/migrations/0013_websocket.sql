-- Schema version 13: WebSocket requests. A request item says what it speaks (`http`, the
-- default every older row gets, or `websocket`) and keeps the messages a WebSocket request
-- sends once open, as a JSON array (`[]` for HTTP). They are plain, as a request body is; the
-- handshake's auth stays in the `auth` column, sealed as for HTTP.

ALTER TABLE items ADD COLUMN protocol TEXT NOT NULL DEFAULT 'http';
ALTER TABLE items ADD COLUMN messages TEXT NOT NULL DEFAULT '[]';
