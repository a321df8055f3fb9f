-- Schema version 4: each workspace's cookie jar. Values are sealed with the installation's data
-- key (vault); names, domains, paths and flags are plain so that the jar can be listed.

CREATE TABLE cookies (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    domain       TEXT    NOT NULL,
    host_only    INTEGER NOT NULL DEFAULT 1,
    path         TEXT    NOT NULL DEFAULT '/',
    value        BLOB    NOT NULL,
    expires      INTEGER,
    secure       INTEGER NOT NULL DEFAULT 0,
    http_only    INTEGER NOT NULL DEFAULT 0,
    same_site    TEXT,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    UNIQUE (workspace_id, domain, path, name)
);
