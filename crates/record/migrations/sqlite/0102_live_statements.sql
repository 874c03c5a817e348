-- Statements of delegations about a live vote (issue 5, section 4): explanations of vote before
-- and after the voting (GA rule 88), and, after the vote is closed, a delegation's statement
-- that it intended to vote otherwise: noted, the result unchanged. Each row is written with
-- its event of the hash chain (`event_seq`).
CREATE TABLE live_statements (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES live_documents (id),
    state_code  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('explanation_before', 'explanation_after', 'intended_vote')),
    vote        TEXT CHECK (vote IN ('Y', 'N', 'A')),
    text        TEXT NOT NULL,
    event_seq   INTEGER NOT NULL
);
CREATE INDEX live_statements_document ON live_statements (document_id);
