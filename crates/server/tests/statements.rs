//! Explanations of vote and intended-vote statements (issue 5, section 4; GA rule 88), and
//! their refusals, on SQLite and on PostgreSQL.

mod common;

use common::TestDb;
use serde_json::json;

on_both_databases!(an_intended_vote_is_noted_and_the_result_is_unchanged, explanations_of_vote_come_before_or_after_never_during);

const SEVEN: [&str; 7] = ["CHN", "DEU", "FRA", "GBR", "RUS", "UKR", "USA"];

async fn an_intended_vote_is_noted_and_the_result_is_unchanged(db: TestDb) {
    let h = db.start().await;
    let hall = h.hall(json!({"name": "Seven", "body": "GA", "date": "2025-02-24", "members": SEVEN}), &SEVEN, &SEVEN).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/80/L.7", "question": "simple", "paragraphs": ["x"]})).await;
    let path = format!("/api/documents/{d}/statements");
    let ukr = hall.delegations["UKR"].clone();
    // Not before the vote.
    h.post(&path, &ukr, json!({"kind": "intended_vote", "vote": "Y"})).await.refused(409, "not_yet_decided");
    let q = h.open_vote(&hall, d).await;
    for (s, v) in [("UKR", "Y"), ("DEU", "Y"), ("FRA", "Y"), ("GBR", "N"), ("USA", "N"), ("RUS", "N"), ("CHN", "A")] {
        h.vote(&hall, q, s, v).await.ok();
    }
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["outcome"], "rejected", "3-3-1: equally divided, rejected (GA rule 95)");
    let mut board = h.board(hall.meeting_id).await;
    board.until("snapshot", std::time::Duration::from_secs(5)).await.unwrap();
    let r = h.post(&path, &hall.delegations["CHN"], json!({"kind": "intended_vote", "vote": "Y", "text": "Our delegation intended to vote in favour."})).await;
    let st = r.ok().clone();
    assert_eq!(st["vote"], "Y");
    assert_eq!(st["decision"]["outcome"], "rejected", "the result is unchanged");
    assert_eq!(st["decision"]["yes"], 3);
    let ev = board.until("statement", std::time::Duration::from_secs(5)).await.expect("the board shows the statement");
    assert_eq!(ev["payload"]["statement"]["state"], "CHN");
    let after = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    assert_eq!(after["decision"], closed["decision"], "the recorded decision did not change");
    assert_eq!(after["votes"]["CHN"], "A");
    let list = h.get(&path).await.ok().clone();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Refusals: a bad vote, the chair, an observer without a token.
    h.post(&path, &ukr, json!({"kind": "intended_vote", "vote": "maybe"})).await.refused(400, "invalid_vote");
    h.post(&path, &hall.chair, json!({"kind": "intended_vote", "vote": "Y"})).await.refused(403, "wrong_role");
    let r = h.call(reqwest::Method::POST, &path, None, Some(json!({"kind": "intended_vote", "vote": "Y"}))).await;
    assert_eq!(r.status, 401);
    h.post(&path, &ukr, json!({"kind": "speech", "text": "x"})).await.refused(400, "invalid_kind");
    let pool = plenary_server::Db::open_existing(&db.url).await.unwrap();
    assert!(plenary_server::verify(&pool).await.unwrap().broken.is_none());
}

async fn explanations_of_vote_come_before_or_after_never_during(db: TestDb) {
    let h = db.start().await;
    let hall = h.hall(json!({"name": "Seven", "body": "GA", "date": "2025-02-24", "members": SEVEN}), &SEVEN, &SEVEN).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/80/L.8", "question": "simple", "paragraphs": ["x"]})).await;
    let path = format!("/api/documents/{d}/statements");
    let deu = hall.delegations["DEU"].clone();
    h.post(&path, &deu, json!({"kind": "explanation_before", "text": "We will vote in favour because..."})).await.ok();
    h.post(&path, &deu, json!({"kind": "explanation_before", "text": ""})).await.refused(400, "missing_field");
    h.post(&path, &deu, json!({"kind": "explanation_after", "text": "too early"})).await.refused(409, "not_yet_decided");
    let q = h.open_vote(&hall, d).await;
    h.post(&path, &deu, json!({"kind": "explanation_before", "text": "during"})).await.refused(409, "vote_in_progress");
    h.vote(&hall, q, "DEU", "Y").await.ok();
    h.close(&hall, q).await;
    h.post(&path, &deu, json!({"kind": "explanation_before", "text": "late"})).await.refused(409, "already_decided");
    h.post(&path, &deu, json!({"kind": "explanation_after", "text": "We voted in favour because..."})).await.ok();
    let kinds: Vec<String> = h.get(&path).await.ok().as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["explanation_before", "explanation_after"]);
}
