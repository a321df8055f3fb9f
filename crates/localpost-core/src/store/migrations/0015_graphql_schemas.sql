-- Schema version 13 (file 0014): the GraphQL schema fetched by introspection for a request,
-- one per request, gone with it. The introspection answer (`schema`) is a response body, kept
-- as history keeps one under the workspace's classification: sealed with the installation's
-- data key (`internal`) or plain (`public`); a `restricted` workspace writes no row. The URL
-- it was fetched from (credentials masked) and when are plain, for the editor's status line.

CREATE TABLE graphql_schemas (
    request_id  INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    url         TEXT    NOT NULL,
    fetched_at  INTEGER NOT NULL,
    storage     TEXT    NOT NULL CHECK (storage IN ('sealed', 'plain')),
    schema      BLOB    NOT NULL
);
