-- Schema version 8: the keychain references of secret variables whose workspace, collection,
-- folder, request or environment was deleted, noted in the same transaction as the delete and
-- removed once their keychain entries are gone. An entry the keychain could not remove at the
-- time (locked, unreachable) stays here and is retried on the next delete.

CREATE TABLE secret_orphans (
    secret_ref TEXT    PRIMARY KEY,
    noted_at   INTEGER NOT NULL DEFAULT (unixepoch())
);
