-- Votes by show of hands (GA rule 87: "The General Assembly shall normally vote by show of
-- hands or by standing, but any representative may request a recorded vote"; the Security
-- Council votes by show of hands too). Such a vote has no per-member positions: the presiding
-- officer enters the counts when the vote closes, and the record keeps the counts and the
-- outcome, never rows for states.
ALTER TABLE live_questions ADD COLUMN method TEXT NOT NULL DEFAULT 'recorded'
    CHECK (method IN ('recorded', 'show_of_hands'));

-- The permanent members whose negative vote vetoed a decision (Charter Art. 27(3)), as the
-- presiding officer declared them with a show-of-hands tally, or as the per-member votes show.
-- The record's votes table cannot hold them for a show of hands, which has no rows.
CREATE TABLE decision_vetoes (
    decision_id INTEGER NOT NULL,
    state       TEXT NOT NULL,
    PRIMARY KEY (decision_id, state)
);

-- Debates of the General Assembly scheduled by a veto in the Security Council (A/RES/76/262,
-- operative paragraph 1: the President of the General Assembly convenes a formal meeting
-- within ten working days of the casting of a veto). One row per veto, written with its event.
CREATE TABLE live_scheduled (
    id                  INTEGER PRIMARY KEY,
    assembly_id         INTEGER NOT NULL REFERENCES live_assemblies (id),
    kind                TEXT NOT NULL CHECK (kind IN ('veto_debate')),
    source_assembly_id  INTEGER NOT NULL REFERENCES live_assemblies (id),
    source_question_id  INTEGER NOT NULL REFERENCES live_questions (id),
    symbol              TEXT NOT NULL,
    vetoed_by_json      TEXT NOT NULL,
    vetoed_on           TEXT NOT NULL,
    deadline            TEXT NOT NULL,
    event_seq           INTEGER NOT NULL
);
CREATE INDEX live_scheduled_assembly ON live_scheduled (assembly_id);
