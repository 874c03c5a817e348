-- The event log: every change to a live meeting is one appended row in a SHA-256 hash chain.
-- hash = SHA-256 of the canonical line "plenary-event-v1\n{seq}\n{prev_hash}\n{recorded_at}\n
-- {kind}\n{meeting_id or ''}\n{actor or ''}\n{payload}" (see crates/server/src/chain.rs).
-- Rows are never updated; `plenary verify` recomputes every hash and names the first broken link.
CREATE TABLE event_log (
    seq              BIGINT PRIMARY KEY,
    recorded_at      TEXT NOT NULL,
    kind             TEXT NOT NULL,
    meeting_id       BIGINT,
    actor_account_id BIGINT,
    payload          TEXT NOT NULL,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL UNIQUE
);

-- The head of the chain: one row, locked by every append so appends are serialised across
-- connections and processes.
CREATE TABLE event_chain_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO event_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
