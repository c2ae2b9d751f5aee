-- +goose Up
-- The structure of a judgment (court.Judgment: favours, roles, issues,
-- relief, citations). Roles is a JSON object and issues, relief and
-- citations are JSON arrays, read and written whole with the row like the
-- other lists. Rows stored before have no structure: the defaults read
-- back as one that court.Judgment.Structured reports absent.
ALTER TABLE judgments ADD COLUMN favours   TEXT NOT NULL DEFAULT '';
ALTER TABLE judgments ADD COLUMN roles     TEXT NOT NULL DEFAULT '{}';
ALTER TABLE judgments ADD COLUMN issues    TEXT NOT NULL DEFAULT '[]';
ALTER TABLE judgments ADD COLUMN relief    TEXT NOT NULL DEFAULT '[]';
ALTER TABLE judgments ADD COLUMN citations TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE judgments DROP COLUMN citations;
ALTER TABLE judgments DROP COLUMN relief;
ALTER TABLE judgments DROP COLUMN issues;
ALTER TABLE judgments DROP COLUMN roles;
ALTER TABLE judgments DROP COLUMN favours;
