//! The event log: every change to a live meeting is one appended event in a SHA-256 hash chain,
//! written in the same transaction as the change itself, so a vote acknowledged is a vote
//! recorded, and a row altered by hand breaks the chain where it was altered.
//!
//! Each event's hash covers its sequence number, the previous event's hash, its time, kind,
//! meeting, actor and its payload in canonical JSON (keys sorted, no insignificant space):
//!
//! ```text
//! hash = SHA-256("plenary-event-v1\n{seq}\n{prev_hash}\n{recorded_at}\n{kind}\n{meeting}\n{actor}\n{payload}")
//! ```
//!
//! Appends are serialised by locking the single row of `event_chain_head` as the first
//! statement of every change, which holds across connections and across server processes
//! sharing one PostgreSQL database.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{Any, AnyConnection, Row, Transaction};
use utoipa::ToSchema;

use crate::db::{Db, Dialect};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The PostgreSQL channel on which every committed event's sequence number is announced.
pub const NOTIFY_CHANNEL: &str = "plenary_events";

/// One committed event.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Event {
    pub seq: i64,
    pub recorded_at: String,
    pub kind: String,
    pub meeting_id: Option<i64>,
    pub actor_account_id: Option<i64>,
    #[schema(value_type = Object)]
    pub payload: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// JSON with object keys sorted and no whitespace: the same value always gives the same bytes.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).expect("a string serialises"));
                out.push(':');
                write_canonical(&map[k.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).expect("a scalar serialises")),
    }
}

/// The hash of one event, from its stored fields (`payload` as stored, already canonical).
pub fn event_hash(
    seq: i64,
    prev_hash: &str,
    recorded_at: &str,
    kind: &str,
    meeting_id: Option<i64>,
    actor: Option<i64>,
    payload: &str,
) -> String {
    let meeting = meeting_id.map(|m| m.to_string()).unwrap_or_default();
    let actor = actor.map(|a| a.to_string()).unwrap_or_default();
    let line = format!("plenary-event-v1\n{seq}\n{prev_hash}\n{recorded_at}\n{kind}\n{meeting}\n{actor}\n{payload}");
    hex::encode(Sha256::digest(line.as_bytes()))
}

/// A change in progress: a transaction that holds the head of the chain. Domain writes go
/// through [`Change::conn`]; [`Change::commit`] appends the event and commits both together.
///
/// A change may also append several events ([`Change::append`], then [`Change::finish`]): the
/// group commit of votes ([`crate::meeting::CastWriter`]) writes every vote that arrived
/// together in one transaction, so one fsync makes them all durable, each still its own link of
/// the one ordered chain.
pub struct Change {
    tx: Transaction<'static, Any>,
    _gate: tokio::sync::OwnedMutexGuard<()>,
    /// The number the next appended event gets.
    seq: i64,
    /// The hash of the last event of the chain, appended ones included.
    prev_hash: String,
    dialect: Dialect,
    appended: Vec<Event>,
}

impl Change {
    /// Starts a change. The first statement locks the chain head (a write to its row), so
    /// changes are serialised, across connections and across processes sharing one
    /// PostgreSQL database, and every read inside the change sees all earlier changes.
    pub async fn begin(db: &Db) -> Result<Change, sqlx::Error> {
        let gate = db.write_gate.clone().lock_owned().await;
        let mut tx = db.pool.begin().await?;
        // `SET seq = seq` changes nothing but takes the row lock (PostgreSQL) and the write
        // lock (SQLite); the head is moved once, by `finish`, to the last event appended.
        let row = sqlx::query("UPDATE event_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *tx)
            .await?;
        let head: i64 = row.try_get("seq")?;
        let prev_hash: String = row.try_get("hash")?;
        Ok(Change { tx, _gate: gate, seq: head + 1, prev_hash, dialect: db.dialect, appended: Vec::new() })
    }

    /// The sequence number the next appended event will have.
    pub fn seq(&self) -> i64 {
        self.seq
    }

    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Appends one event to the chain inside this transaction (durable only once
    /// [`Change::finish`] returns). On PostgreSQL the event is also announced with
    /// `pg_notify`, delivered to every listening process when, and only if, the transaction
    /// commits, in the order of appending.
    pub async fn append(&mut self, kind: &str, meeting_id: Option<i64>, actor: Option<i64>, payload: Value) -> Result<Event, sqlx::Error> {
        let recorded_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        let payload_text = canonical_json(&payload);
        let hash = event_hash(self.seq, &self.prev_hash, &recorded_at, kind, meeting_id, actor, &payload_text);
        sqlx::query(
            "INSERT INTO event_log (seq, recorded_at, kind, meeting_id, actor_account_id, payload, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.seq)
        .bind(&recorded_at)
        .bind(kind)
        .bind(meeting_id)
        .bind(actor)
        .bind(&payload_text)
        .bind(&self.prev_hash)
        .bind(&hash)
        .execute(&mut *self.tx)
        .await?;
        let event = Event {
            seq: self.seq,
            recorded_at,
            kind: kind.to_string(),
            meeting_id,
            actor_account_id: actor,
            payload,
            prev_hash: std::mem::replace(&mut self.prev_hash, hash.clone()),
            hash,
        };
        if self.dialect == Dialect::Postgres {
            // The event itself when it fits (NOTIFY payloads stop at 8000 bytes), so listeners
            // need no query; else only its number, and listeners read it from the log.
            let json = serde_json::to_string(&event).expect("an event serialises");
            let note = if json.len() < 7900 { json } else { event.seq.to_string() };
            sqlx::query("SELECT pg_notify($1, $2)").bind(NOTIFY_CHANNEL).bind(note).execute(&mut *self.tx).await?;
        }
        self.seq += 1;
        self.appended.push(event.clone());
        Ok(event)
    }

    /// Moves the chain head to the last event appended and commits. Returns the events
    /// appended, in order, only once the commit is durable. A change that appended nothing
    /// is rolled back (nothing to record).
    pub async fn finish(mut self) -> Result<Vec<Event>, sqlx::Error> {
        let Some(last) = self.appended.last() else {
            self.tx.rollback().await?;
            return Ok(Vec::new());
        };
        sqlx::query("UPDATE event_chain_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(last.seq)
            .bind(&last.hash)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(self.appended)
    }

    /// Appends the event and commits. Returns only once the commit is durable.
    pub async fn commit(
        mut self,
        kind: &str,
        meeting_id: Option<i64>,
        actor: Option<i64>,
        payload: Value,
    ) -> Result<Event, sqlx::Error> {
        self.append(kind, meeting_id, actor, payload).await?;
        let mut events = self.finish().await?;
        Ok(events.pop().expect("one event was appended"))
    }
}

/// Reads one event by its sequence number.
pub async fn load_event(db: &Db, seq: i64) -> Result<Option<Event>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT seq, recorded_at, kind, meeting_id, actor_account_id, payload, prev_hash, hash \
         FROM event_log WHERE seq = $1",
    )
    .bind(seq)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| row_to_event(&r)).transpose()
}

fn row_to_event(r: &sqlx::any::AnyRow) -> Result<Event, sqlx::Error> {
    let payload: String = r.try_get("payload")?;
    Ok(Event {
        seq: r.try_get("seq")?,
        recorded_at: r.try_get("recorded_at")?,
        kind: r.try_get("kind")?,
        meeting_id: r.try_get("meeting_id")?,
        actor_account_id: r.try_get("actor_account_id")?,
        payload: serde_json::from_str(&payload).unwrap_or(Value::String(payload)),
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// The first link of the chain that does not hold, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    /// The sequence number of the first event that fails (or that is missing).
    pub seq: i64,
    pub reason: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event {}: {}", self.seq, self.reason)
    }
}

/// What `plenary verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub events: i64,
    pub head_hash: String,
    pub broken: Option<BrokenLink>,
}

/// Recomputes every hash of the chain, in order, and checks the head; then checks that the
/// live tables agree with what the events say (a vote row edited by hand is caught even though
/// the event log itself was not touched).
pub async fn verify(db: &Db) -> Result<Verification, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT seq, recorded_at, kind, meeting_id, actor_account_id, payload, prev_hash, hash \
         FROM event_log ORDER BY seq",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut expected_seq = 1i64;
    let mut broken = None;
    let mut events = Vec::with_capacity(rows.len());
    for r in &rows {
        let seq: i64 = r.try_get("seq")?;
        let recorded_at: String = r.try_get("recorded_at")?;
        let kind: String = r.try_get("kind")?;
        let meeting_id: Option<i64> = r.try_get("meeting_id")?;
        let actor: Option<i64> = r.try_get("actor_account_id")?;
        let payload: String = r.try_get("payload")?;
        let prev_hash: String = r.try_get("prev_hash")?;
        let hash: String = r.try_get("hash")?;
        let fail = |reason: String| Some(BrokenLink { seq, reason });
        if seq != expected_seq {
            broken = Some(BrokenLink {
                seq: expected_seq,
                reason: format!("missing: the next event present is {seq}"),
            });
            break;
        }
        if prev_hash != expected_prev {
            broken = fail(format!("prev_hash {prev_hash} does not match the hash of event {} ({expected_prev})", seq - 1));
            break;
        }
        let recomputed = event_hash(seq, &prev_hash, &recorded_at, &kind, meeting_id, actor, &payload);
        if recomputed != hash {
            broken = fail(format!("stored hash {hash} but its contents hash to {recomputed}: the row was altered"));
            break;
        }
        match serde_json::from_str::<Value>(&payload) {
            Ok(v) if canonical_json(&v) == payload => events.push((seq, kind, v)),
            _ => {
                broken = fail("payload is not canonical JSON".to_string());
                break;
            }
        }
        expected_prev = hash;
        expected_seq += 1;
    }
    let count = expected_seq - 1;
    if broken.is_none() {
        let head = sqlx::query("SELECT seq, hash FROM event_chain_head WHERE id = 1").fetch_one(&db.pool).await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        if head_seq != count || head_hash != expected_prev {
            broken = Some(BrokenLink {
                seq: head_seq.max(count),
                reason: format!(
                    "the chain head says event {head_seq} with hash {head_hash}, the log ends at {count} with {expected_prev}: events were removed or the head altered"
                ),
            });
        }
    }
    if broken.is_none() {
        broken = crate::meeting::check_tables_against_events(db, &events).await?;
    }
    Ok(Verification { events: count, head_hash: expected_prev, broken })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_drops_whitespace() {
        let a = json!({"b": 1, "a": {"d": [1, {"z": true, "y": null}], "c": "x"}});
        assert_eq!(canonical_json(&a), r#"{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}"#);
    }

    #[test]
    fn canonical_json_is_the_same_whatever_the_order_of_insertion() {
        let a: Value = serde_json::from_str(r#"{"state":"UKR","vote":"Y","question_id":3}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"question_id":3,"vote":"Y","state":"UKR"}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
    }

    #[test]
    fn canonical_json_escapes_strings_as_json() {
        assert_eq!(canonical_json(&json!({"t": "a \"b\"\n"})), r#"{"t":"a \"b\"\n"}"#);
    }

    #[test]
    fn every_field_of_an_event_is_in_its_hash() {
        let base = event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_cast", Some(1), Some(7), "{}");
        assert_eq!(base.len(), 64);
        assert_ne!(base, event_hash(3, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_cast", Some(1), Some(7), "{}"));
        assert_ne!(base, event_hash(2, &"1".repeat(64), "2025-02-24T10:00:00.000000Z", "vote_cast", Some(1), Some(7), "{}"));
        assert_ne!(base, event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000001Z", "vote_cast", Some(1), Some(7), "{}"));
        assert_ne!(base, event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_closed", Some(1), Some(7), "{}"));
        assert_ne!(base, event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_cast", None, Some(7), "{}"));
        assert_ne!(base, event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_cast", Some(1), Some(8), "{}"));
        assert_ne!(base, event_hash(2, GENESIS_HASH, "2025-02-24T10:00:00.000000Z", "vote_cast", Some(1), Some(7), "{\"a\":1}"));
    }
}
