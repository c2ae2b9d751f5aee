-- +goose Up
-- A judgment's review (court.Review: the position-swap check, a bench's
-- opinions, an appeal's subject and outcome) as one JSON object, and the
-- appeal as a judgment kind. SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt with the rows it holds; no other table
-- refers to it.
CREATE TABLE judgments_new (
    id                   TEXT    PRIMARY KEY,
    case_id              TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version              INTEGER NOT NULL CHECK (version > 0),
    kind                 TEXT    NOT NULL CHECK (kind IN ('tentative', 'reconsidered', 'final', 'appeal')),
    verdict              TEXT    NOT NULL,
    reasoning            TEXT    NOT NULL,
    legal_basis          TEXT    NOT NULL DEFAULT '[]',
    confidence           INTEGER NOT NULL,
    judge_provider       TEXT    NOT NULL,
    judge_model          TEXT    NOT NULL,
    judge_prompt_version TEXT    NOT NULL,
    flags                TEXT    NOT NULL DEFAULT '[]',
    input_tokens         INTEGER NOT NULL,
    output_tokens        INTEGER NOT NULL,
    latency_ms           INTEGER NOT NULL,
    cost                 REAL    NOT NULL,
    calls                INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    favours              TEXT    NOT NULL DEFAULT '',
    roles                TEXT    NOT NULL DEFAULT '{}',
    issues               TEXT    NOT NULL DEFAULT '[]',
    relief               TEXT    NOT NULL DEFAULT '[]',
    citations            TEXT    NOT NULL DEFAULT '[]',
    review               TEXT    NOT NULL DEFAULT '{}',
    UNIQUE (case_id, version)
);
INSERT INTO judgments_new (id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
        judge_provider, judge_model, judge_prompt_version, flags, input_tokens, output_tokens,
        latency_ms, cost, calls, created_at, favours, roles, issues, relief, citations)
    SELECT id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
        judge_provider, judge_model, judge_prompt_version, flags, input_tokens, output_tokens,
        latency_ms, cost, calls, created_at, favours, roles, issues, relief, citations
    FROM judgments;
DROP TABLE judgments;
ALTER TABLE judgments_new RENAME TO judgments;

-- +goose Down
-- Appeal judgments have no place in the older schema and are dropped.
CREATE TABLE judgments_old (
    id                   TEXT    PRIMARY KEY,
    case_id              TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version              INTEGER NOT NULL CHECK (version > 0),
    kind                 TEXT    NOT NULL CHECK (kind IN ('tentative', 'reconsidered', 'final')),
    verdict              TEXT    NOT NULL,
    reasoning            TEXT    NOT NULL,
    legal_basis          TEXT    NOT NULL DEFAULT '[]',
    confidence           INTEGER NOT NULL,
    judge_provider       TEXT    NOT NULL,
    judge_model          TEXT    NOT NULL,
    judge_prompt_version TEXT    NOT NULL,
    flags                TEXT    NOT NULL DEFAULT '[]',
    input_tokens         INTEGER NOT NULL,
    output_tokens        INTEGER NOT NULL,
    latency_ms           INTEGER NOT NULL,
    cost                 REAL    NOT NULL,
    calls                INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    favours              TEXT    NOT NULL DEFAULT '',
    roles                TEXT    NOT NULL DEFAULT '{}',
    issues               TEXT    NOT NULL DEFAULT '[]',
    relief               TEXT    NOT NULL DEFAULT '[]',
    citations            TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (case_id, version)
);
INSERT INTO judgments_old SELECT id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
        judge_provider, judge_model, judge_prompt_version, flags, input_tokens, output_tokens,
        latency_ms, cost, calls, created_at, favours, roles, issues, relief, citations
    FROM judgments WHERE kind <> 'appeal';
DROP TABLE judgments;
ALTER TABLE judgments_old RENAME TO judgments;
