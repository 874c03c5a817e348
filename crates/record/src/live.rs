//! Decisions taken live (issue 5, section 6: "a closed vote is at once in the record").
//!
//! When the presiding officer closes a vote, the server writes the decision (and, for a recorded
//! vote, every member's position) into the record's own tables (`imports`, `decisions`,
//! `decision_sources`, `votes`, `decision_vetoes`)
//! inside the transaction that appends the closing event to the hash chain. So `plenary show`,
//! `plenary country` and the analysis see the decision as soon as the result is announced, and
//! a crash cannot leave a closed vote without its record, or a record without its event.
//!
//! Provenance: each live decision is one import of source `live` whose "file" is the event log
//! and whose "line" is the sequence number of the `vote_closed` event; its version is the
//! SHA-256 of that event's identity and content, so `(source, sha256)` stays unique per
//! decision and `plenary verify` can lead from the record back to the chain.

use std::collections::BTreeMap;

use chrono::Utc;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::store::{Backend, StoreError};
use crate::symbol::symbol_key;

/// The `source` of every live decision in `imports` and `decision_sources`.
pub const LIVE_SOURCE: &str = "live";

/// How a live decision was taken, as the record's `adoption` column says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adoption {
    /// Every member's position recorded by name (`recorded-vote`).
    RecordedVote,
    /// By show of hands (GA rule 87; the Security Council's usual way): only the counts the
    /// presiding officer announced, and no row for any state (`show-of-hands`).
    ShowOfHands,
    /// Adopted without a vote: neither counts nor positions (`without-vote`).
    WithoutVote,
}

impl Adoption {
    pub fn code(self) -> &'static str {
        match self {
            Adoption::RecordedVote => "recorded-vote",
            Adoption::ShowOfHands => "show-of-hands",
            Adoption::WithoutVote => "without-vote",
        }
    }
}

/// A decision as the engine took it in a live meeting, ready for the record.
#[derive(Clone, Debug)]
pub struct LiveDecision {
    /// "GA", "SC", or a custom body's name.
    pub body: String,
    /// The date of the decision, YYYY-MM-DD.
    pub date: String,
    /// The meeting, as people name it ("live meeting 3: 11th emergency special session").
    pub meeting: String,
    /// The symbol of the document put to the vote (a draft, an amendment or a motion).
    pub symbol: String,
    /// "resolution" (a draft voted as a whole), "amendment" or "motion": the record's kinds.
    pub kind: String,
    /// For an amendment: the symbol of the draft it amends.
    pub amends: Option<String>,
    /// GA: whether the question needed two thirds (Art. 18(2)); `None` elsewhere.
    pub important: Option<bool>,
    /// How it was taken. Only a recorded vote has per-member positions.
    pub adoption: Adoption,
    /// The engine's outcome code ("adopted", "rejected", "vetoed").
    pub outcome: String,
    /// The permanent members whose negative vote vetoed it (kept in `decision_vetoes`, since a
    /// show of hands has no rows that would show them).
    pub vetoed_by: Vec<String>,
    /// Why, in words (the engine's reason and rule, and the UN wording).
    pub explanation: String,
    pub yes: u64,
    /// `None`: a show-of-hands count the source did not report.
    pub no: Option<u64>,
    pub abstain: Option<u64>,
    pub non_voting: Option<u64>,
    /// Every member's position: Y, N, A, X (present, not voting) or - (absent).
    pub votes: BTreeMap<String, String>,
    /// The sequence number of the `vote_closed` event that announced the result.
    pub event_seq: i64,
}

/// Writes one live decision into the record on `conn`, which must be inside the transaction of
/// the closing event (the caller commits both together). Returns the decision's id.
///
/// Ids are allocated as the importer allocates them (`MAX(id) + 1` inside the transaction); on
/// PostgreSQL the same table lock as the importer's serialises the two writers.
pub async fn record_live_decision(conn: &mut AnyConnection, backend: Backend, d: &LiveDecision) -> Result<i64, StoreError> {
    if d.adoption != Adoption::RecordedVote && !d.votes.is_empty() {
        // A show of hands or a decision without a vote records no state's vote: rows here
        // would be votes nobody cast by name.
        return Err(StoreError::Invalid(format!("live decision {}: taken by {}, so it has no per-member positions", d.symbol, d.adoption.code())));
    }
    for (state, vote) in &d.votes {
        if !matches!(vote.as_str(), "Y" | "N" | "A" | "X" | "-") {
            return Err(StoreError::Invalid(format!("live decision {}: the position of {state} is {vote:?}: expected Y, N, A, X or -", d.symbol)));
        }
    }
    if backend == Backend::Postgres {
        sqlx::query("LOCK TABLE imports IN EXCLUSIVE MODE").execute(&mut *conn).await?;
    }
    let version = {
        let mut h = Sha256::new();
        h.update(format!("plenary-live-decision-v1\n{}\n{}\n{}\n{}\n", d.event_seq, d.body, d.symbol, d.outcome).as_bytes());
        for (s, v) in &d.votes {
            h.update(format!("{s}{v}").as_bytes());
        }
        hex::encode(h.finalize())
    };
    let file = format!("event_log seq {}", d.event_seq);
    let positions = d.votes.len() as i64;
    let import_id: i64 = sqlx::query_scalar(
        "INSERT INTO imports (id, source, file, sha256, imported_at, decisions, votes) \
         SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, 1, $5 FROM imports RETURNING id",
    )
    .bind(LIVE_SOURCE)
    .bind(&file)
    .bind(&version)
    .bind(Utc::now().to_rfc3339())
    .bind(positions)
    .fetch_one(&mut *conn)
    .await?;
    let draft = (d.kind == "resolution").then(|| d.symbol.clone());
    let row = sqlx::query(
        "INSERT INTO decisions (id, body, date, session, symbol, symbol_key, draft, meeting, title, description, kind, amends, important, adoption, rcid, outcome, outcome_explanation, import_id) \
         SELECT COALESCE(MAX(id), 0) + 1, $1, $2, NULL, $3, $4, $5, $6, NULL, NULL, $7, $8, $9, $10, NULL, $11, $12, $13 FROM decisions RETURNING id",
    )
    .bind(&d.body)
    .bind(&d.date)
    .bind(&d.symbol)
    .bind(symbol_key(&d.symbol))
    .bind(draft)
    .bind(&d.meeting)
    .bind(&d.kind)
    .bind(d.amends.clone())
    .bind(d.important.map(i64::from))
    .bind(d.adoption.code())
    .bind(&d.outcome)
    .bind(&d.explanation)
    .bind(import_id)
    .fetch_one(&mut *conn)
    .await?;
    let decision_id: i64 = row.try_get(0)?;
    let without_vote = d.adoption == Adoption::WithoutVote;
    let tally = |n: Option<u64>| n.filter(|_| !without_vote).map(|n| n as i64);
    sqlx::query(
        "INSERT INTO decision_sources (source, source_key, decision_id, import_id, file, line, published_yes, published_no, published_abstain, published_non_voting, published_outcome) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(LIVE_SOURCE)
    .bind(format!("event-{}", d.event_seq))
    .bind(decision_id)
    .bind(import_id)
    .bind(&file)
    .bind(d.event_seq)
    .bind(tally(Some(d.yes)))
    .bind(tally(d.no))
    .bind(tally(d.abstain))
    .bind(tally(d.non_voting))
    .bind(&d.outcome)
    .execute(&mut *conn)
    .await?;
    for (state, vote) in &d.votes {
        sqlx::query("INSERT INTO votes (decision_id, import_id, state, vote, line) VALUES ($1, $2, $3, $4, $5)")
            .bind(decision_id)
            .bind(import_id)
            .bind(state)
            .bind(vote)
            .bind(d.event_seq)
            .execute(&mut *conn)
            .await?;
    }
    for state in &d.vetoed_by {
        sqlx::query("INSERT INTO decision_vetoes (decision_id, state) VALUES ($1, $2)")
            .bind(decision_id)
            .bind(state)
            .execute(&mut *conn)
            .await?;
    }
    Ok(decision_id)
}

/// The permanent members that vetoed a decision, as `decision_vetoes` keeps them.
pub async fn vetoed_by(conn: &mut AnyConnection, decision_id: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT state FROM decision_vetoes WHERE decision_id = $1 ORDER BY state").bind(decision_id).fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(|r| r.try_get::<String, _>("state")).collect::<Result<_, _>>()?)
}
