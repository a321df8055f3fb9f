-- Schema version 7: sends that got no response (connection refused, timed out, TLS failure,
-- cancelled, or a request that could not be built) are recorded too. `error_kind` says which
-- (NULL for a send that got a response) and `error` holds the message shown in place of the
-- status, which is 0 for them. Both are plain, like the URL, so that search finds them.

ALTER TABLE history ADD COLUMN error_kind TEXT;
ALTER TABLE history ADD COLUMN error TEXT;
