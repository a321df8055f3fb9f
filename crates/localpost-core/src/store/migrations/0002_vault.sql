-- Schema version 2: names and domain limits of vault secrets. Their values live in the OS
-- keychain, never here.

CREATE TABLE vault_entries (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    domains    TEXT    NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at INTEGER NOT NULL DEFAULT (unixepoch())
);
