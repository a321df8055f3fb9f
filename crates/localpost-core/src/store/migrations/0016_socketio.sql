-- Schema version 16: a Socket.IO request's own settings (its handshake path and the `auth`
-- payload of the namespace's connect), as a JSON object (`{}` for other requests). It is
-- plain, as the messages are; the handshake's auth stays in the `auth` column, sealed.

ALTER TABLE items ADD COLUMN socketio TEXT NOT NULL DEFAULT '{}';
