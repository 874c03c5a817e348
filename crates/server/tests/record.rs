//! One record (issue 5, section 6): a vote closed in a live meeting is at once a decision of
//! the voting record, with its per-state votes and its provenance (the closing event), as
//! `plenary_record::Store` reads it for `plenary show`, `plenary country` and the analysis.
//! On SQLite and on PostgreSQL.

mod common;

use common::TestDb;
use plenary_record::Store;
use plenary_record::query::Filter;
use plenary_rules::StateCode;
use serde_json::json;

on_both_databases!(
    a_closed_vote_is_at_once_in_the_record,
    a_vetoed_amendment_enters_the_record_as_vetoed,
    adoption_without_a_vote_enters_the_record_without_votes,
);

/// The Security Council's vote on the United States draft of 24 February 2025, with every
/// member's real vote (data/fixtures/votes_2025_02_24_partial.csv): 10-0-5, adopted as
/// resolution 2774 (2025).
async fn a_closed_vote_is_at_once_in_the_record(db: TestDb) {
    let h = db.start().await;
    let yes = ["DZA", "CHN", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE", "SOM", "USA"];
    let abstain = ["DNK", "FRA", "GRC", "SVN", "GBR"];
    let all: Vec<&str> = yes.iter().chain(abstain.iter()).copied().collect();
    let hall = h.hall(json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), &all, &all).await;
    let d = h
        .table(&hall, json!({"kind": "draft", "symbol": "S/2025/PATH-TO-PEACE", "question": "substantive", "paragraphs": ["Implores a swift end to the conflict."]}))
        .await;
    let q = h.open_vote(&hall, d).await;
    for s in yes {
        h.vote(&hall, q, s, "Y").await.ok();
    }
    for s in abstain {
        h.vote(&hall, q, s, "A").await.ok();
    }
    // Before closing, nothing is in the record.
    let store = Store::open(&db.url).await.unwrap();
    assert!(store.find_symbol("S/2025/PATH-TO-PEACE").await.unwrap().is_empty(), "an open vote is not yet a decision of the record");
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["outcome"], "adopted", "{closed}");

    let ids = store.find_symbol("S/2025/PATH-TO-PEACE").await.unwrap();
    assert_eq!(ids.len(), 1, "the closed vote is one decision of the record");
    let v = store.decision(ids[0]).await.unwrap().expect("the decision");
    assert_eq!((v.body.as_str(), v.date.as_str(), v.kind.as_str()), ("SC", "2025-02-24", "resolution"));
    assert_eq!((v.yes, v.no, v.abstain, v.non_voting), (10, 0, 5, 0));
    assert_eq!(v.outcome.as_deref(), Some("adopted"));
    assert_eq!(v.adoption, "recorded-vote");
    assert_eq!(v.votes.len(), 15);
    assert_eq!(v.votes["RUS"], "Y");
    assert_eq!(v.votes["FRA"], "A");
    assert_eq!((v.counted.yes, v.counted.abstain), (10, 5), "the rows agree with the announced tally");
    // Provenance: the closing event of the chain.
    assert_eq!(v.sources.len(), 1);
    assert_eq!(v.sources[0].source, "live");
    let seq = v.sources[0].line;
    let health = h.get("/api/health").await.ok().clone();
    assert_eq!(health["chain_seq"].as_i64().unwrap(), seq, "the closing event is the last one of the chain");

    // The analysis reads it as a roll call; `plenary country` as a state's vote.
    let calls = store.roll_calls(&Filter { body: Some("SC".into()), ..Default::default() }).await.unwrap();
    let call = calls.iter().find(|c| c.id == ids[0]).expect("a roll call for the analysis");
    assert_eq!(call.votes.len(), 15);
    let gbr = StateCode::parse("GBR").unwrap();
    let votes = store.votes_of(&[gbr], &Filter::default()).await.unwrap();
    assert!(votes.iter().any(|r| r.decision_id == ids[0] && r.vote == "A"), "{votes:?}");
    // The chain is intact after writing the record in the same transaction.
    let pool = plenary_server::Db::open_existing(&db.url).await.unwrap();
    let report = plenary_server::verify(&pool).await.unwrap();
    assert!(report.broken.is_none(), "{report:?}");
}

async fn a_vetoed_amendment_enters_the_record_as_vetoed(db: TestDb) {
    let h = db.start().await;
    let sc = ["DZA", "CHN", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE", "SOM", "USA", "DNK", "FRA", "GRC", "SVN", "GBR"];
    let hall = h.hall(json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), &sc, &sc).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "S/2025/D", "question": "substantive", "paragraphs": ["a", "b"]})).await;
    let a = h
        .table(&hall, json!({"kind": "amendment", "symbol": "S/2025/D/AMD.1", "amends": d, "question": "substantive", "edits": [{"op": "insert", "after": 1, "text": "c"}]}))
        .await;
    let q = h.open_vote(&hall, a).await;
    for s in &sc[..11] {
        h.vote(&hall, q, s, if *s == "RUS" { "N" } else { "Y" }).await.ok();
    }
    h.close(&hall, q).await;
    let store = Store::open(&db.url).await.unwrap();
    let ids = store.find_symbol("S/2025/D/AMD.1").await.unwrap();
    let v = store.decision(ids[0]).await.unwrap().unwrap();
    assert_eq!(v.kind, "amendment");
    assert_eq!(v.amends.as_deref(), Some("S/2025/D"));
    assert_eq!(v.outcome.as_deref(), Some("vetoed"));
    assert_eq!((v.yes, v.no, v.abstain, v.non_voting), (10, 1, 0, 4));
    assert_eq!(v.votes["RUS"], "N");
    assert_eq!(v.votes["GBR"], "X", "present and not voting");
}

async fn adoption_without_a_vote_enters_the_record_without_votes(db: TestDb) {
    let h = db.start().await;
    let seven = ["CHN", "DEU", "FRA", "GBR", "RUS", "UKR", "USA"];
    let hall = h.hall(json!({"name": "Seven", "body": "GA", "date": "2025-02-24", "members": seven}), &seven, &seven).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/80/L.99", "question": "simple", "paragraphs": ["Decides to remain seized of the matter."]})).await;
    let mut board = h.board(hall.meeting_id).await;
    board.until("snapshot", std::time::Duration::from_secs(5)).await.expect("snapshot");
    let r = h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": d, "without_vote": true})).await;
    let q = r.ok().clone();
    assert_eq!(q["status"], "closed");
    assert_eq!(q["decision"]["outcome"], "adopted");
    assert!(q["decision"]["announcement"].as_str().unwrap().contains("without a vote"));
    let closed = board.until("vote_closed", std::time::Duration::from_secs(5)).await.expect("the board shows the decision");
    assert_eq!(closed["payload"]["decision"]["outcome"], "adopted");
    assert_eq!(closed["payload"]["without_vote"], true);
    // A delegation cannot vote on it, and it cannot be put again.
    h.vote(&hall, q["id"].as_i64().unwrap(), "UKR", "Y").await.refused(409, "vote_closed");
    h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": d})).await.refused(409, "already_decided");
    // Only the chair proposes it.
    let d2 = h.table(&hall, json!({"kind": "draft", "symbol": "A/80/L.100", "question": "simple", "paragraphs": ["x"]})).await;
    let ukr = hall.delegations["UKR"].clone();
    h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &ukr, json!({"document_id": d2, "without_vote": true})).await.refused(403, "wrong_role");

    let store = Store::open(&db.url).await.unwrap();
    let ids = store.find_symbol("A/80/L.99").await.unwrap();
    let v = store.decision(ids[0]).await.unwrap().unwrap();
    assert_eq!(v.adoption, "without-vote");
    assert_eq!(v.outcome.as_deref(), Some("adopted"));
    assert!(v.votes.is_empty());
    let pool = plenary_server::Db::open_existing(&db.url).await.unwrap();
    assert!(plenary_server::verify(&pool).await.unwrap().broken.is_none());
}
