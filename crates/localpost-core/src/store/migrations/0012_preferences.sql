-- Schema version 12: the app's preferences (theme, font size, layout, history limit and the
-- request settings every send falls back on), one JSON value in one row. A custom proxy's
-- password and client certificate passphrases inside it are sealed as in the other settings
-- columns (`sealed:v1:<base64>`).

CREATE TABLE preferences (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  TEXT    NOT NULL
);
