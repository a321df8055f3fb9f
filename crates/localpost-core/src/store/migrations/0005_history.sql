-- Schema version 5: the history of sends. Method, URL (credentials masked), status, sizes and
-- timings are plain so that history can be searched; the request as sent and the response's
-- headers and body are JSON, sealed or plain or absent as `storage` says.

CREATE TABLE history (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    request_id     INTEGER REFERENCES items(id) ON DELETE SET NULL,
    request_name   TEXT    NOT NULL DEFAULT '',
    method         TEXT    NOT NULL,
    url            TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    version        TEXT    NOT NULL DEFAULT '',
    sent_at        INTEGER NOT NULL,
    first_byte_ms  REAL    NOT NULL DEFAULT 0,
    total_ms       REAL    NOT NULL DEFAULT 0,
    body_size      INTEGER NOT NULL DEFAULT 0,
    raw_size       INTEGER NOT NULL DEFAULT 0,
    storage        TEXT    NOT NULL CHECK (storage IN ('none', 'sealed', 'plain')),
    request        BLOB,
    response       BLOB,
    bytes          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_by_workspace ON history(workspace_id, id);
