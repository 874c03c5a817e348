-- Live meetings (plenary-server). Tables are prefixed `live_` so they never collide with the
-- historic record's tables (0001-0099). A closed live vote is copied into the record by the
-- server; these tables hold the meeting while it runs.

CREATE TABLE live_accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('secretariat', 'chair', 'delegation', 'observer')),
    assembly_id   INTEGER,
    state_code    TEXT,
    password_hash TEXT,
    created_at    TEXT NOT NULL
);
-- One delegation per member state of an assembly.
CREATE UNIQUE INDEX live_accounts_one_delegation ON live_accounts (assembly_id, state_code)
    WHERE role = 'delegation';

-- Opaque bearer tokens, stored only as the SHA-256 of the token.
CREATE TABLE live_tokens (
    token_sha256 TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES live_accounts (id),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE live_assemblies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    spec_json  TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE live_members (
    assembly_id        INTEGER NOT NULL REFERENCES live_assemblies (id),
    state_code         TEXT NOT NULL,
    permanent          INTEGER NOT NULL DEFAULT 0,
    -- Charter Art. 19: in arrears, no vote in the General Assembly unless exempted.
    art19_without_vote INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assembly_id, state_code)
);

CREATE TABLE live_meetings (
    id               INTEGER PRIMARY KEY,
    assembly_id      INTEGER NOT NULL REFERENCES live_assemblies (id),
    title            TEXT NOT NULL,
    chair_account_id INTEGER NOT NULL REFERENCES live_accounts (id),
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'open', 'adjourned')),
    created_at       TEXT NOT NULL
);

CREATE TABLE live_attendance (
    meeting_id INTEGER NOT NULL REFERENCES live_meetings (id),
    state_code TEXT NOT NULL,
    present    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, state_code)
);

-- Drafts, amendments and motions. Text as a JSON array of paragraphs; an amendment's exact
-- edits as a JSON array of {op: insert|delete|replace, paragraph, text}.
CREATE TABLE live_documents (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES live_meetings (id),
    kind            TEXT NOT NULL CHECK (kind IN ('draft', 'amendment', 'motion')),
    symbol          TEXT NOT NULL,
    amends_id       INTEGER REFERENCES live_documents (id),
    question_kind   TEXT NOT NULL,
    paragraphs_json TEXT NOT NULL,
    edits_json      TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL,
    tabled_by       INTEGER NOT NULL REFERENCES live_accounts (id),
    UNIQUE (meeting_id, symbol)
);

CREATE TABLE live_questions (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES live_meetings (id),
    document_id   INTEGER NOT NULL REFERENCES live_documents (id),
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at     TEXT NOT NULL,
    closed_at     TEXT,
    decision_json TEXT
);
-- At most one question open at a time in a meeting.
CREATE UNIQUE INDEX live_questions_one_open ON live_questions (meeting_id) WHERE status = 'open';

CREATE TABLE live_votes (
    question_id INTEGER NOT NULL REFERENCES live_questions (id),
    state_code  TEXT NOT NULL,
    vote        TEXT NOT NULL CHECK (vote IN ('Y', 'N', 'A')),
    event_seq   INTEGER NOT NULL,
    PRIMARY KEY (question_id, state_code)
);
