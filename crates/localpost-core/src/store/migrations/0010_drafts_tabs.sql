-- Schema version 10: the desktop app's drafts and open tabs.
--
-- `drafts` holds a request's unsaved edits, one row per request (its `id` is the item's), so
-- that nothing typed is lost on close or crash. `content` is the request as edited (JSON, its
-- auth, settings and examples left out); `auth` and `settings` are kept apart, in the form the
-- `items` columns of the same name take: credentials and settings secrets sealed as the item's
-- are. A draft goes with its request.
--
-- `tabs` lists each workspace's open tabs in order: a folder or request (`item_id`) or a
-- collection (`collection_id`), one of them, and which one is active. A tab goes with what it
-- shows.

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    content     TEXT    NOT NULL,
    auth        TEXT    NOT NULL DEFAULT '{}',
    settings    TEXT    NOT NULL DEFAULT '{}',
    updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TABLE tabs (
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    item_id        INTEGER REFERENCES items(id) ON DELETE CASCADE,
    collection_id  INTEGER REFERENCES collections(id) ON DELETE CASCADE,
    active         INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    PRIMARY KEY (workspace_id, position),
    CHECK ((item_id IS NULL) <> (collection_id IS NULL))
);
CREATE INDEX tabs_by_item ON tabs(item_id);
CREATE INDEX tabs_by_collection ON tabs(collection_id);
