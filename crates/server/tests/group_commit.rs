//! The group commit of votes (`meeting::CastWriter`): votes that arrive together are written in
//! one transaction, each acknowledged only once that transaction is durable, each with its own
//! link of the one ordered chain; a vote refused in a batch gets its own refusal and does not
//! fail the others. On SQLite and on PostgreSQL.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{Harness, Hall, TestDb};
use plenary_rules::Vote;
use plenary_server::meeting::{CastJob, write_cast_batch};
use plenary_server::{ApiError, Db, auth, board::Boards, verify};
use serde_json::json;
use sqlx::Row;

const SEVEN: [&str; 7] = ["CHN", "FRA", "GBR", "RUS", "UKR", "USA", "DEU"];

on_both_databases!(
    one_batch_writes_every_vote_and_refuses_only_the_one_not_present,
    votes_sent_at_once_are_all_acknowledged_and_reach_the_board_in_chain_order,
);

/// Seven delegations; all but CHN present; a vote open on a draft.
async fn open_hall(h: &Harness) -> (Hall, i64) {
    let present: Vec<&str> = SEVEN.iter().copied().filter(|s| *s != "CHN").collect();
    let hall = h.hall(json!({"name": "Seven", "body": "GA", "date": "2025-02-24", "members": SEVEN}), &SEVEN, &present).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/L.1", "question": "simple", "paragraphs": ["P1"]})).await;
    let q = h.open_vote(&hall, d).await;
    (hall, q)
}

async fn head(h: &Harness) -> i64 {
    h.get("/api/health").await.ok()["chain_seq"].as_i64().unwrap()
}

/// Hands a batch straight to the writer's batch function, so all of it is certainly one
/// transaction: eight votes (UKR twice, changing its vote; CHN, not present, refused).
async fn one_batch_writes_every_vote_and_refuses_only_the_one_not_present(db: TestDb) {
    let h = db.start().await;
    let (hall, q) = open_hall(&h).await;
    let before = head(&h).await;
    let store = Db::open_existing(&db.url).await.unwrap();
    let plan = [("UKR", Vote::Yes), ("USA", Vote::Yes), ("CHN", Vote::Yes), ("RUS", Vote::No), ("GBR", Vote::Abstain), ("UKR", Vote::Abstain), ("FRA", Vote::Yes), ("DEU", Vote::No)];
    let mut batch = Vec::new();
    let mut answers = Vec::new();
    for (state, vote) in plan {
        let actor = auth::actor_for_token(&store, &hall.delegations[state]).await.unwrap().expect("a delegation token");
        let (reply, answer) = tokio::sync::oneshot::channel();
        batch.push((CastJob { actor, question_id: q, code: state.to_string(), vote }, reply));
        answers.push(answer);
    }
    write_cast_batch(&store, &Boards::default(), batch).await;
    let mut results: Vec<Result<plenary_server::meeting::VoteReceipt, ApiError>> = Vec::new();
    for a in answers {
        results.push(a.await.expect("every vote of the batch is answered"));
    }

    let refused = results[2].as_ref().expect_err("CHN is not present");
    assert_eq!((refused.status.as_u16(), refused.code), (403, "not_present"), "{refused}");
    let receipts: Vec<_> = results.iter().enumerate().filter(|(i, _)| *i != 2).map(|(_, r)| r.as_ref().expect("acknowledged").clone()).collect();
    // One link each, in the order the votes were queued, right after the chain's old head.
    let seqs: Vec<i64> = receipts.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, ((before + 1)..=(before + 7)).collect::<Vec<_>>());
    assert_eq!(head(&h).await, before + 7, "the head moved to the batch's last event, once");
    assert_eq!(receipts[4].state, "UKR");
    assert_eq!(receipts[4].previous.as_deref(), Some("Y"), "the second UKR vote sees the first, written in the same transaction");

    // The events say what the table says, and their running counts add up vote by vote.
    let pool = common::raw_pool(&db.url).await;
    let rows = sqlx::query("SELECT seq, payload FROM event_log WHERE seq > $1 ORDER BY seq").bind(before).fetch_all(&pool).await.unwrap();
    assert_eq!(rows.len(), 7);
    let counts: Vec<serde_json::Value> =
        rows.iter().map(|r| serde_json::from_str::<serde_json::Value>(&r.get::<String, _>("payload")).unwrap()["counts"].clone()).collect();
    assert_eq!(counts[0], json!({"yes": 1, "no": 0, "abstain": 0}));
    assert_eq!(counts[3], json!({"yes": 2, "no": 1, "abstain": 1}));
    assert_eq!(counts[4], json!({"yes": 1, "no": 1, "abstain": 2}), "UKR moved from yes to abstain");
    assert_eq!(counts[6], json!({"yes": 2, "no": 2, "abstain": 2}));
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    let votes: BTreeMap<String, String> = serde_json::from_value(view["votes"].clone()).unwrap();
    assert_eq!(votes.get("UKR").map(String::as_str), Some("A"));
    assert_eq!(votes.get("CHN"), None, "the refused vote wrote nothing");
    assert_eq!(votes.len(), 6);
    let v = verify(&store).await.unwrap();
    assert_eq!(v.broken, None, "the chain verifies after a batch");
    assert_eq!(v.events, before + 7);
}

/// Through the API, every delegation at once: whatever batches the writer made, each vote is
/// acknowledged with its own number, the one without a vote (Art. 19) is refused, and the
/// board receives every vote event, in chain order.
async fn votes_sent_at_once_are_all_acknowledged_and_reach_the_board_in_chain_order(db: TestDb) {
    let h = db.start().await;
    let (hall, q) = open_hall(&h).await;
    let flag = format!("/api/assemblies/{}/members/DEU/article19", hall.assembly_id);
    let r = h.call(reqwest::Method::PUT, &flag, Some(&h.secretariat), Some(json!({"without_vote": true}))).await;
    r.ok();
    let mut board = h.board(hall.meeting_id).await;
    assert_eq!(board.next(Duration::from_secs(5)).await.unwrap().0, "snapshot");
    let casts = ["FRA", "GBR", "RUS", "UKR", "USA", "DEU"].map(|s| h.vote(&hall, q, s, "Y"));
    let replies = futures_util::future::join_all(casts).await;
    replies[5].refused(403, "no_vote_article_19");
    let mut seqs: Vec<i64> = replies[..5].iter().map(|r| r.ok()["seq"].as_i64().unwrap()).collect();
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), 5, "five votes, five links");
    let mut on_board = Vec::new();
    while on_board.len() < 5 {
        let cast = board.next_vote(Duration::from_secs(5)).await.expect("every vote reaches the board");
        on_board.push(cast["seq"].as_i64().unwrap());
    }
    assert_eq!(on_board, seqs, "the board gets the votes in the order of the chain");
    let last = board_counts(&h, q).await;
    assert_eq!(last, 5);
    let v = verify(&Db::open_existing(&db.url).await.unwrap()).await.unwrap();
    assert_eq!(v.broken, None);
}

async fn board_counts(h: &Harness, q: i64) -> usize {
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    view["votes"].as_object().map(|m| m.len()).unwrap_or(0)
}
