-- +goose Up
-- Idempotency keys: one row per key (already scoped to the client and
-- hashed by the web layer). A row without status is a request in flight,
-- held by owner until locked_until; a row with status holds the response
-- that retries get, on any replica. Rows expire at expires_at (24 h after
-- the first attempt) and are purged lazily. Times come from the
-- database's clock, which every replica shares.
CREATE TABLE idempotency_keys (
    key           text        PRIMARY KEY,
    fingerprint   text        NOT NULL,
    owner         text        NOT NULL,
    locked_until  timestamptz NOT NULL,
    status        integer,
    content_type  text        NOT NULL DEFAULT '',
    location      text        NOT NULL DEFAULT '',
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);

CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
