-- +goose Up
-- Accounts, sessions, case membership, invitations and the audit log
-- (AUTH_MODE=accounts; see internal/auth). Times are INTEGER microseconds.

CREATE TABLE users (
    id                  TEXT    PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE, -- lower case
    name                TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,        -- argon2id, PHC string
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

-- id is the SHA-256 of the cookie's secret; bearer tokens name it as sid.
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE case_members (
    case_id    TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('A', 'B', 'observer')),
    owner      INTEGER NOT NULL DEFAULT 0,
    joined_at  INTEGER NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

-- Each side is held by at most one member; observers are unlimited.
CREATE UNIQUE INDEX case_members_side ON case_members (case_id, role) WHERE role IN ('A', 'B');
CREATE INDEX case_members_user ON case_members (user_id);

-- Only the SHA-256 of an invitation's token is kept.
CREATE TABLE invites (
    id           TEXT    PRIMARY KEY,
    case_id      TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('A', 'B', 'observer')),
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_by  TEXT,
    accepted_at  INTEGER,
    revoked_at   INTEGER
);

CREATE INDEX invites_case ON invites (case_id);

-- The hash chain of each case (court.AuditEntry). No foreign key: the log
-- outlives a deleted case, and holds digests, never content.
CREATE TABLE audit_log (
    case_id    TEXT    NOT NULL,
    seq        INTEGER NOT NULL CHECK (seq > 0),
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    digest     TEXT    NOT NULL,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE invites;
DROP TABLE case_members;
DROP TABLE sessions;
DROP TABLE users;
