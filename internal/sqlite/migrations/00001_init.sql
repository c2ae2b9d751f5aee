-- +goose Up
-- Times are INTEGER microseconds since the Unix epoch (UTC): exact, compact,
-- sortable and read without parsing. Lists (evidence, legal basis, flags)
-- are JSON arrays in TEXT columns; see the package comment.

CREATE TABLE cases (
    id            TEXT    PRIMARY KEY,
    case_type     TEXT    NOT NULL,
    jurisdiction  TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('filed', 'judged', 'arguing', 'closed')),
    a_summary     TEXT    NOT NULL,
    a_evidence    TEXT    NOT NULL DEFAULT '[]',
    b_summary     TEXT    NOT NULL,
    b_evidence    TEXT    NOT NULL DEFAULT '[]',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE INDEX cases_created_at ON cases (created_at);

-- pos keeps the order documents were filed in; an explicit INTEGER PRIMARY
-- KEY survives VACUUM, an implicit rowid need not.
CREATE TABLE documents (
    pos         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL,
    case_id     TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    side        TEXT    NOT NULL CHECK (side IN ('A', 'B')),
    name        TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    pages       INTEGER NOT NULL,
    chars       INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Document ids are unique within their case, which is all any query asks;
-- a global unique index would cost one more random page write per file.
CREATE UNIQUE INDEX documents_case ON documents (case_id, id);
CREATE INDEX documents_sha256 ON documents (sha256);

CREATE TABLE judgments (
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
    UNIQUE (case_id, version)
);

-- An argument row is a reservation while seq is NULL (lease_until says
-- until when it holds its slot) and an answered argument once seq is set.
CREATE TABLE arguments (
    id                   TEXT    PRIMARY KEY,
    case_id              TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq                  INTEGER CHECK (seq > 0),
    lease_until          INTEGER,
    side                 TEXT    NOT NULL CHECK (side IN ('A', 'B')),
    text                 TEXT    NOT NULL,
    response             TEXT    NOT NULL DEFAULT '',
    strengthens          TEXT    NOT NULL DEFAULT '',
    weakens              TEXT    NOT NULL DEFAULT '',
    uncertainty_remains  TEXT    NOT NULL DEFAULT '',
    reconsidered         INTEGER NOT NULL DEFAULT 0,
    updated_reasoning    TEXT    NOT NULL DEFAULT '',
    provisional_note     TEXT    NOT NULL DEFAULT '',
    confidence           INTEGER NOT NULL DEFAULT 0,
    judge_provider       TEXT    NOT NULL DEFAULT '',
    judge_model          TEXT    NOT NULL DEFAULT '',
    judge_prompt_version TEXT    NOT NULL DEFAULT '',
    flags                TEXT    NOT NULL DEFAULT '[]',
    input_tokens         INTEGER NOT NULL DEFAULT 0,
    output_tokens        INTEGER NOT NULL DEFAULT 0,
    latency_ms           INTEGER NOT NULL DEFAULT 0,
    cost                 REAL    NOT NULL DEFAULT 0,
    calls                INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    CHECK ((seq IS NULL) <> (lease_until IS NULL))
);

-- NULL seqs (reservations) are distinct, so only answered arguments
-- compete for the numbers 1…5.
CREATE UNIQUE INDEX arguments_case_seq ON arguments (case_id, seq);

-- +goose Down
DROP TABLE arguments;
DROP TABLE judgments;
DROP TABLE documents;
DROP TABLE cases;
