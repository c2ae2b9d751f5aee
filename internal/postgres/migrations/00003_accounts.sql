-- +goose Up
-- Accounts, sessions, case membership, invitations and the audit log
-- (AUTH_MODE=accounts; see internal/auth). Times are timestamptz.

CREATE TABLE users (
    id               text        PRIMARY KEY,
    email            text        NOT NULL UNIQUE, -- lower case
    name             text        NOT NULL,
    password_hash    text        NOT NULL,        -- argon2id, PHC string
    created_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL
);

-- id is the SHA-256 of the cookie's secret; bearer tokens name it as sid.
CREATE TABLE sessions (
    id       text        PRIMARY KEY,
    user_id  text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE case_members (
    case_id text        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text        NOT NULL CHECK (role IN ('A', 'B', 'observer')),
    owner      boolean     NOT NULL DEFAULT false,
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

-- Each side is held by at most one member; observers are unlimited.
CREATE UNIQUE INDEX case_members_side ON case_members (case_id, role) WHERE role IN ('A', 'B');
CREATE INDEX case_members_user ON case_members (user_id);

-- Only the SHA-256 of an invitation's token is kept.
CREATE TABLE invites (
    id        text        PRIMARY KEY,
    case_id   text        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    role      text        NOT NULL CHECK (role IN ('A', 'B', 'observer')),
    created_by   TEXT    NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    accepted_by  TEXT,
    accepted_at  timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX invites_case ON invites (case_id);

-- The hash chain of each case (court.AuditEntry). No foreign key: the log
-- outlives a deleted case, and holds digests, never content.
CREATE TABLE audit_log (
    case_id text        NOT NULL,
    seq        bigint      NOT NULL CHECK (seq > 0),
    at         timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    digest  text        NOT NULL,
    prev_hash  TEXT    NOT NULL,
    hash    text        NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE invites;
DROP TABLE case_members;
DROP TABLE sessions;
DROP TABLE users;
