-- +goose Up
-- Lists (evidence, legal basis, flags) are jsonb arrays; see the package
-- comment. Times are timestamptz, which keeps microseconds.

CREATE TABLE cases (
    id            text        PRIMARY KEY,
    case_type     text        NOT NULL,
    jurisdiction  text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('filed', 'judged', 'arguing', 'closed')),
    a_summary     text        NOT NULL,
    a_evidence    jsonb       NOT NULL DEFAULT '[]',
    b_summary     text        NOT NULL,
    b_evidence    jsonb       NOT NULL DEFAULT '[]',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX cases_created_at ON cases (created_at);

-- pos keeps the order documents were filed in.
CREATE TABLE documents (
    pos         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text        NOT NULL,
    case_id     text        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    side        text        NOT NULL CHECK (side IN ('A', 'B')),
    name        text        NOT NULL,
    media_type  text        NOT NULL,
    size        bigint      NOT NULL,
    sha256      text        NOT NULL,
    pages       integer     NOT NULL,
    chars       integer     NOT NULL,
    status      text        NOT NULL,
    text        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (case_id, id)
);

CREATE INDEX documents_sha256 ON documents (sha256);

CREATE TABLE judgments (
    id                   text        PRIMARY KEY,
    case_id              text        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version              integer     NOT NULL CHECK (version > 0),
    kind                 text        NOT NULL CHECK (kind IN ('tentative', 'reconsidered', 'final')),
    verdict              text        NOT NULL,
    reasoning            text        NOT NULL,
    legal_basis          jsonb       NOT NULL DEFAULT '[]',
    confidence           integer     NOT NULL,
    judge_provider       text        NOT NULL,
    judge_model          text        NOT NULL,
    judge_prompt_version text        NOT NULL,
    flags                jsonb       NOT NULL DEFAULT '[]',
    input_tokens         bigint      NOT NULL,
    output_tokens        bigint      NOT NULL,
    latency_ms           bigint      NOT NULL,
    cost                 double precision NOT NULL,
    calls                integer     NOT NULL,
    created_at           timestamptz NOT NULL,
    UNIQUE (case_id, version)
);

-- An argument row is a reservation while seq is NULL (lease_until says
-- until when it holds its slot) and an answered argument once seq is set.
CREATE TABLE arguments (
    id                   text        PRIMARY KEY,
    case_id              text        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq                  integer     CHECK (seq > 0),
    lease_until          timestamptz,
    side                 text        NOT NULL CHECK (side IN ('A', 'B')),
    text                 text        NOT NULL,
    response             text        NOT NULL DEFAULT '',
    strengthens          text        NOT NULL DEFAULT '',
    weakens              text        NOT NULL DEFAULT '',
    uncertainty_remains  text        NOT NULL DEFAULT '',
    reconsidered         boolean     NOT NULL DEFAULT false,
    updated_reasoning    text        NOT NULL DEFAULT '',
    provisional_note     text        NOT NULL DEFAULT '',
    confidence           integer     NOT NULL DEFAULT 0,
    judge_provider       text        NOT NULL DEFAULT '',
    judge_model          text        NOT NULL DEFAULT '',
    judge_prompt_version text        NOT NULL DEFAULT '',
    flags                jsonb       NOT NULL DEFAULT '[]',
    input_tokens         bigint      NOT NULL DEFAULT 0,
    output_tokens        bigint      NOT NULL DEFAULT 0,
    latency_ms           bigint      NOT NULL DEFAULT 0,
    cost                 double precision NOT NULL DEFAULT 0,
    calls                integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    CHECK ((seq IS NULL) <> (lease_until IS NULL))
);

-- NULL seqs (reservations) are distinct, so only answered arguments
-- compete for the numbers 1…5; the index also serves every lookup by case.
CREATE UNIQUE INDEX arguments_case_seq ON arguments (case_id, seq);

-- +goose Down
DROP TABLE arguments;
DROP TABLE judgments;
DROP TABLE documents;
DROP TABLE cases;
