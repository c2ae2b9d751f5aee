-- +goose Up
-- Idempotency keys: one row per key (already scoped to the client and
-- hashed by the web layer). A row without status is a request in flight,
-- held by owner until locked_until; a row with status holds the response
-- that retries get. Rows expire at expires_at (24 h after the first
-- attempt) and are purged lazily. Times are INTEGER microseconds.
CREATE TABLE idempotency_keys (
    key           TEXT    PRIMARY KEY,
    fingerprint   TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    locked_until  INTEGER NOT NULL,
    status        INTEGER,
    content_type  TEXT    NOT NULL DEFAULT '',
    location      TEXT    NOT NULL DEFAULT '',
    body          BLOB,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
