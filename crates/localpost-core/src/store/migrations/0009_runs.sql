-- Schema version 9: past collection runs (the app's Runner). Counts and timings are plain
-- columns in every class; `detail` holds each request's result (names, URLs, statuses,
-- assertions) as JSON, sealed or plain or absent as `storage` says (absent in a `restricted`
-- workspace). The collection's name is not copied: lists read it from `collections`.

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY,
    workspace_id      INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    collection_id     INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    started_at        INTEGER NOT NULL,
    completed_at      INTEGER NOT NULL,
    mean_response_ms  REAL    NOT NULL DEFAULT 0,
    iterations        INTEGER NOT NULL DEFAULT 0,
    requests          INTEGER NOT NULL DEFAULT 0,
    failed_requests   INTEGER NOT NULL DEFAULT 0,
    assertions        INTEGER NOT NULL DEFAULT 0,
    passed            INTEGER NOT NULL DEFAULT 0,
    failed            INTEGER NOT NULL DEFAULT 0,
    skipped           INTEGER NOT NULL DEFAULT 0,
    errors            INTEGER NOT NULL DEFAULT 0,
    cancelled         INTEGER NOT NULL DEFAULT 0,
    storage           TEXT    NOT NULL CHECK (storage IN ('none', 'sealed', 'plain')),
    detail            BLOB
);
CREATE INDEX runs_by_workspace ON runs(workspace_id, id);
