-- +goose Up
-- A judgment's review (court.Review: the position-swap check, a bench's
-- opinions, an appeal's subject and outcome) as one jsonb object, and the
-- appeal as a judgment kind. The constant default rewrites no rows; the
-- new CHECK is validated against the rows already there.
ALTER TABLE judgments ADD COLUMN review jsonb NOT NULL DEFAULT '{}';
ALTER TABLE judgments DROP CONSTRAINT judgments_kind_check;
ALTER TABLE judgments ADD CONSTRAINT judgments_kind_check
    CHECK (kind IN ('tentative', 'reconsidered', 'final', 'appeal'));

-- +goose Down
-- Appeal judgments have no place in the older schema and are dropped.
DELETE FROM judgments WHERE kind = 'appeal';
ALTER TABLE judgments DROP CONSTRAINT judgments_kind_check;
ALTER TABLE judgments ADD CONSTRAINT judgments_kind_check
    CHECK (kind IN ('tentative', 'reconsidered', 'final'));
ALTER TABLE judgments DROP COLUMN review;
