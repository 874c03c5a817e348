-- The voting record (issue 3). One record for everything an assembly decides: imported
-- historic votes and live votes share these tables. Source values are never overwritten:
-- each source's published values sit in decision_sources, disagreements in findings.
-- Dates are ISO 8601 text (the Any driver carries no date type); JSON is text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- States: ISO 3166-1 alpha-3, ISO 3166-3 or the ad hoc codes of data/membership/README.md.
CREATE TABLE states (
    code    TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    iso2    TEXT,
    cow     INTEGER
);

-- Every spelling or code a source used for a state ("RUSSIAN FEDERATION", "RU", "365").
CREATE TABLE state_aliases (
    source TEXT NOT NULL,
    alias  TEXT NOT NULL,
    code   TEXT NOT NULL,
    PRIMARY KEY (source, alias)
);

-- Membership periods by body; end_date inclusive, NULL while current.
CREATE TABLE memberships (
    code       TEXT NOT NULL,
    body       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    permanent  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, body, start_date)
);

CREATE TABLE bodies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO bodies (code, name) VALUES ('GA', 'General Assembly'), ('SC', 'Security Council');

CREATE TABLE sessions (
    body  TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (body, label)
);

-- One file imported once: (source, sha256) is the version.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    decisions   INTEGER NOT NULL,
    votes       INTEGER NOT NULL,
    UNIQUE (source, sha256)
);

-- Drafts, revisions and resolutions.
CREATE TABLE documents (
    symbol TEXT PRIMARY KEY,
    body   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    title  TEXT
);

CREATE TABLE sponsors (
    symbol TEXT NOT NULL,
    state  TEXT NOT NULL,
    PRIMARY KEY (symbol, state)
);

-- What was put to the vote. `import_id` is the first source that gave it: its rows are the
-- decision's votes for analysis; other sources' rows are kept beside them.
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,
    date        TEXT NOT NULL,
    session     TEXT,
    symbol      TEXT,
    symbol_key  TEXT,
    draft       TEXT,
    meeting     TEXT,
    title       TEXT,
    description TEXT,
    kind        TEXT NOT NULL,
    amends      TEXT,
    important   INTEGER,
    adoption    TEXT NOT NULL,
    rcid        INTEGER,
    outcome     TEXT,
    outcome_explanation TEXT,
    import_id   INTEGER NOT NULL
);
CREATE INDEX decisions_symbol_key ON decisions (symbol_key);
CREATE INDEX decisions_date ON decisions (body, date);
CREATE INDEX decisions_rcid ON decisions (rcid);

-- Each source's view of a decision, with what it published.
CREATE TABLE decision_sources (
    source         TEXT NOT NULL,
    source_key     TEXT NOT NULL,
    decision_id    INTEGER NOT NULL,
    import_id      INTEGER NOT NULL,
    file           TEXT NOT NULL,
    line           INTEGER NOT NULL,
    published_yes        INTEGER,
    published_no         INTEGER,
    published_abstain    INTEGER,
    published_non_voting INTEGER,
    published_outcome    TEXT,
    PRIMARY KEY (source, source_key)
);
CREATE INDEX decision_sources_decision ON decision_sources (decision_id);

CREATE TABLE decision_issues (
    decision_id INTEGER NOT NULL,
    issue       TEXT NOT NULL,
    PRIMARY KEY (decision_id, issue)
);

-- One row per state per decision per source: Y, N, A, X (present, not voting), - (absent).
CREATE TABLE votes (
    decision_id INTEGER NOT NULL,
    import_id   INTEGER NOT NULL,
    state       TEXT NOT NULL,
    vote        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    PRIMARY KEY (decision_id, import_id, state)
) WITHOUT ROWID;
CREATE INDEX votes_state ON votes (state, decision_id);

-- Every disagreement between what a source published and what its rows and the rules give.
CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    import_id   INTEGER NOT NULL,
    decision_id INTEGER,
    kind        TEXT NOT NULL,
    message     TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    version     TEXT NOT NULL
);
CREATE INDEX findings_decision ON findings (decision_id);
