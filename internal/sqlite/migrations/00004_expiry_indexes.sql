-- +goose Up
-- The janitor deletes sessions and invites past expires_at in batches;
-- without these indexes each batch scans its table.
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX invites_expires_at ON invites (expires_at);

-- +goose Down
DROP INDEX invites_expires_at;
DROP INDEX sessions_expires_at;
