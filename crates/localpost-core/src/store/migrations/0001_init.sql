-- Schema version 1: workspaces, collections, the folder/request tree and environments.
-- Folders and requests share one table so that siblings share one ordering.

CREATE TABLE workspaces (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL,
    position              INTEGER NOT NULL,
    active_environment_id INTEGER REFERENCES environments(id) ON DELETE SET NULL,
    globals               TEXT    NOT NULL DEFAULT '[]',
    created_at            INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at            INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TABLE collections (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    auth         TEXT    NOT NULL DEFAULT '{}',
    scripts      TEXT    NOT NULL DEFAULT '{}',
    variables    TEXT    NOT NULL DEFAULT '[]',
    settings     TEXT    NOT NULL DEFAULT '{}',
    extra        TEXT    NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at   INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX collections_by_workspace ON collections(workspace_id, position);

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    collection_id  INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    parent_id      INTEGER REFERENCES items(id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('folder', 'request')),
    name           TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    method         TEXT    NOT NULL DEFAULT 'GET',
    url            TEXT    NOT NULL DEFAULT '',
    description    TEXT    NOT NULL DEFAULT '',
    params         TEXT    NOT NULL DEFAULT '[]',
    path_variables TEXT    NOT NULL DEFAULT '[]',
    headers        TEXT    NOT NULL DEFAULT '[]',
    body           TEXT    NOT NULL DEFAULT '{"mode":"none"}',
    auth           TEXT    NOT NULL DEFAULT '{}',
    scripts        TEXT    NOT NULL DEFAULT '{}',
    settings       TEXT    NOT NULL DEFAULT '{}',
    variables      TEXT    NOT NULL DEFAULT '[]',
    examples       TEXT    NOT NULL DEFAULT '[]',
    extra          TEXT    NOT NULL DEFAULT '{}',
    created_at     INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at     INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX items_by_parent ON items(collection_id, parent_id, position);

CREATE TABLE environments (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    variables    TEXT    NOT NULL DEFAULT '[]',
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at   INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX environments_by_workspace ON environments(workspace_id, position);
