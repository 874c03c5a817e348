//! The event log: a SHA-256 hash chain that names the first link an edit by hand broke, on
//! SQLite and on PostgreSQL.

mod common;

use common::{Harness, Hall, TestDb};
use plenary_server::{Db, verify};
use serde_json::json;
use sqlx::Row;

const FIVE: [&str; 5] = ["FRA", "GBR", "RUS", "UKR", "USA"];

on_both_databases!(
    an_untouched_chain_verifies,
    an_event_altered_by_hand_is_named,
    an_event_rewritten_with_a_fresh_hash_breaks_the_next_link,
    a_removed_event_is_named,
    a_removed_last_event_is_caught_by_the_head,
    a_vote_row_altered_by_hand_is_caught_although_the_log_is_untouched,
    a_decision_altered_by_hand_is_caught,
    votes_cast_at_once_stay_one_linear_chain,
);

/// A meeting with one closed vote: UKR, USA, FRA yes; RUS no; GBR abstains.
async fn one_vote(h: &Harness) -> (Hall, i64) {
    let hall = h.hall(json!({"name": "Five", "body": "GA", "date": "2025-02-24", "members": FIVE}), &FIVE, &FIVE).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/L.1", "question": "simple", "paragraphs": ["P1"]})).await;
    let q = h.open_vote(&hall, d).await;
    for (s, v) in [("UKR", "Y"), ("USA", "Y"), ("FRA", "Y"), ("RUS", "N"), ("GBR", "A")] {
        h.vote(&hall, q, s, v).await.ok();
    }
    h.close(&hall, q).await;
    (hall, q)
}

async fn vote_event(pool: &sqlx::AnyPool, state: &str) -> i64 {
    let rows = sqlx::query("SELECT seq, payload FROM event_log WHERE kind = 'vote_cast' ORDER BY seq").fetch_all(pool).await.unwrap();
    for r in rows {
        let payload: String = r.get("payload");
        if payload.contains(&format!("\"state\":\"{state}\"")) {
            return r.get("seq");
        }
    }
    panic!("no vote event for {state}");
}

async fn an_untouched_chain_verifies(db: TestDb) {
    let h = db.start().await;
    one_vote(&h).await;
    let head = h.get("/api/health").await.ok().clone();
    let v = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap();
    assert_eq!(v.broken, None);
    assert_eq!(v.events, head["chain_seq"].as_i64().unwrap());
    assert_eq!(v.head_hash, head["chain_hash"].as_str().unwrap());
}

async fn an_event_altered_by_hand_is_named(db: TestDb) {
    let h = db.start().await;
    one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    let seq = vote_event(&pool, "RUS").await;
    // Turn the Russian Federation's no into a yes, in the log itself.
    sqlx::query("UPDATE event_log SET payload = REPLACE(payload, '\"vote\":\"N\"', '\"vote\":\"Y\"') WHERE seq = $1")
        .bind(seq)
        .execute(&pool)
        .await
        .unwrap();
    let v = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap();
    let broken = v.broken.expect("the edit is detected");
    assert_eq!(broken.seq, seq);
    assert!(broken.reason.contains("altered"), "{}", broken.reason);
}

async fn an_event_rewritten_with_a_fresh_hash_breaks_the_next_link(db: TestDb) {
    let h = db.start().await;
    one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    let seq = vote_event(&pool, "RUS").await;
    let r = sqlx::query("SELECT recorded_at, kind, meeting_id, actor_account_id, payload, prev_hash FROM event_log WHERE seq = $1")
        .bind(seq)
        .fetch_one(&pool)
        .await
        .unwrap();
    let payload: String = r.get("payload");
    let forged = payload.replace("\"vote\":\"N\"", "\"vote\":\"Y\"");
    let hash = plenary_server::chain::event_hash(
        seq,
        &r.get::<String, _>("prev_hash"),
        &r.get::<String, _>("recorded_at"),
        &r.get::<String, _>("kind"),
        r.get("meeting_id"),
        r.get("actor_account_id"),
        &forged,
    );
    sqlx::query("UPDATE event_log SET payload = $1, hash = $2 WHERE seq = $3").bind(&forged).bind(&hash).bind(seq).execute(&pool).await.unwrap();
    let v = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap();
    let broken = v.broken.expect("the forgery is detected");
    assert_eq!(broken.seq, seq + 1, "the next event still points at the true hash: {}", broken.reason);
    assert!(broken.reason.contains("prev_hash"));
}

async fn a_removed_event_is_named(db: TestDb) {
    let h = db.start().await;
    one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    let seq = vote_event(&pool, "USA").await;
    sqlx::query("DELETE FROM event_log WHERE seq = $1").bind(seq).execute(&pool).await.unwrap();
    let broken = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap().broken.expect("detected");
    assert_eq!(broken.seq, seq);
    assert!(broken.reason.contains("missing"), "{}", broken.reason);
}

async fn a_removed_last_event_is_caught_by_the_head(db: TestDb) {
    let h = db.start().await;
    one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    let last: i64 = sqlx::query("SELECT MAX(seq) AS m FROM event_log").fetch_one(&pool).await.unwrap().get("m");
    sqlx::query("DELETE FROM event_log WHERE seq = $1").bind(last).execute(&pool).await.unwrap();
    let broken = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap().broken.expect("detected");
    assert_eq!(broken.seq, last);
    assert!(broken.reason.contains("head"), "{}", broken.reason);
}

async fn a_vote_row_altered_by_hand_is_caught_although_the_log_is_untouched(db: TestDb) {
    let h = db.start().await;
    let (_, q) = one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    let seq = vote_event(&pool, "RUS").await;
    sqlx::query("UPDATE live_votes SET vote = 'Y' WHERE question_id = $1 AND state_code = 'RUS'").bind(q).execute(&pool).await.unwrap();
    let broken = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap().broken.expect("detected");
    assert_eq!(broken.seq, seq);
    assert!(broken.reason.contains("RUS") && broken.reason.contains("altered"), "{}", broken.reason);
}

async fn a_decision_altered_by_hand_is_caught(db: TestDb) {
    let h = db.start().await;
    let (_, q) = one_vote(&h).await;
    let pool = common::raw_pool(&db.url).await;
    sqlx::query("UPDATE live_questions SET decision_json = REPLACE(decision_json, '\"adopted\"', '\"rejected\"') WHERE id = $1")
        .bind(q)
        .execute(&pool)
        .await
        .unwrap();
    let broken = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap().broken.expect("detected");
    assert!(broken.reason.contains(&format!("question {q}")), "{}", broken.reason);
}

async fn votes_cast_at_once_stay_one_linear_chain(db: TestDb) {
    let h = db.start().await;
    let members: Vec<String> = (0..30).map(|i| format!("Q{}{}", (b'A' + i / 26) as char, (b'A' + i % 26) as char)).collect();
    let refs: Vec<&str> = members.iter().map(String::as_str).collect();
    let hall = h.hall(json!({"name": "Thirty", "body": "GA", "date": "2025-02-24", "members": members}), &refs, &refs).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/L.30", "question": "simple", "paragraphs": ["P1"]})).await;
    let q = h.open_vote(&hall, d).await;
    let casts = refs.iter().enumerate().map(|(i, s)| {
        let h = &h;
        let hall = &hall;
        async move { h.vote(hall, q, s, if i % 3 == 0 { "N" } else { "Y" }).await }
    });
    let receipts = futures_util::future::join_all(casts).await;
    let mut seqs: Vec<i64> = receipts.iter().map(|r| r.ok()["seq"].as_i64().unwrap()).collect();
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), 30, "every acknowledged vote has its own event");
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    assert_eq!(view["counts"], json!({"yes": 20, "no": 10, "abstain": 0}));
    let v = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap();
    assert_eq!(v.broken, None);
}
