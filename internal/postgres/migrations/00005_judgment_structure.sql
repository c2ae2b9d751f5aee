-- +goose Up
-- The structure of a judgment (court.Judgment: favours, roles, issues,
-- relief, citations). Roles is a jsonb object and issues, relief and
-- citations are jsonb arrays, read and written whole with the row like the
-- other lists. Rows stored before have no structure: the defaults read
-- back as one that court.Judgment.Structured reports absent. Adding a
-- column with a constant default rewrites no rows.
ALTER TABLE judgments
    ADD COLUMN favours   text  NOT NULL DEFAULT '',
    ADD COLUMN roles     jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN issues    jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN relief    jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN citations jsonb NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE judgments
    DROP COLUMN citations,
    DROP COLUMN relief,
    DROP COLUMN issues,
    DROP COLUMN roles,
    DROP COLUMN favours;
