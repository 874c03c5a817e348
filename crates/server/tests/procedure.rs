//! The procedure of a live meeting through the public API, and every refusal, on SQLite and
//! on PostgreSQL.

mod common;

use std::time::Duration;

use common::{Harness, Hall, TestDb};
use serde_json::{Value, json};

const SEVEN: [&str; 7] = ["CHN", "DEU", "FRA", "GBR", "RUS", "UKR", "USA"];

fn small_assembly() -> Value {
    json!({"name": "A General Assembly of seven", "body": "GA", "date": "2025-02-24", "members": SEVEN})
}

async fn seven(h: &Harness) -> Hall {
    h.hall(small_assembly(), &SEVEN, &SEVEN).await
}

fn draft(symbol: &str, question: &str) -> Value {
    json!({"kind": "draft", "symbol": symbol, "question": question, "paragraphs": ["Recalling the Charter,", "Decides to remain seized of the matter."]})
}

on_both_databases!(
    health_names_the_database_and_the_chain_head,
    openapi_describes_the_voting_routes,
    first_start_writes_the_secretariat_token_for_its_owner_only,
    a_bad_or_missing_token_is_refused,
    a_delegation_votes_only_for_its_own_state,
    a_vote_is_refused_once_the_chair_has_closed_it,
    only_the_presiding_officer_opens_and_closes_votes,
    an_absent_delegation_cannot_vote,
    a_member_without_a_vote_under_article_19_cannot_vote,
    a_delegation_may_change_its_vote_while_the_vote_is_open,
    a_delegation_of_another_assembly_cannot_vote,
    a_bad_vote_code_is_refused_naming_the_field,
    one_question_at_a_time,
    an_adopted_amendment_is_applied_to_the_draft,
    a_rejected_amendment_leaves_the_draft_unchanged,
    a_security_council_veto_is_recorded_with_who_cast_it,
    security_council_2774_with_the_real_votes_is_adopted,
    the_board_shows_every_vote_and_the_result,
    an_oversized_body_is_refused_with_a_json_error,
    the_rate_limit_answers_429_in_json,
    shutdown_ends_open_boards,
);

async fn health_names_the_database_and_the_chain_head(db: TestDb) {
    let h = db.start().await;
    let r = h.get("/api/health").await;
    let body = r.ok();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], if db.postgres { "postgres" } else { "sqlite" });
    // First start recorded the secretariat's account: one event.
    assert_eq!(body["chain_seq"], 1);
    assert_eq!(body["chain_hash"].as_str().unwrap().len(), 64);
}

async fn openapi_describes_the_voting_routes(db: TestDb) {
    let h = db.start().await;
    let doc = h.get("/api/openapi.json").await.ok().clone();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/questions/{id}/votes/{state}", "/api/questions/{id}/close", "/api/meetings/{id}/board", "/api/health"] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }
    assert!(doc["components"]["schemas"].get("ErrorBody").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
}

async fn first_start_writes_the_secretariat_token_for_its_owner_only(db: TestDb) {
    let config = db.config();
    let path = config.data_dir.join("secretariat.token");
    let h = db.start_with(config.clone()).await;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the token file must be readable by its owner only");
    }
    // The token is the secretariat's: it may set up an assembly.
    h.post("/api/assemblies", &h.secretariat, small_assembly()).await.ok();
    h.server.shutdown();
    let first = h.secretariat.clone();
    // A second start finds the account and neither creates another nor rewrites the file.
    let h2 = db.start_with(config).await;
    assert_eq!(h2.secretariat, first);
    let health = h2.get("/api/health").await.ok().clone();
    let pool = common::raw_pool(&db.url).await;
    let n: i64 = sqlx::Row::get(&sqlx::query("SELECT COUNT(*) AS n FROM live_accounts WHERE role = 'secretariat'").fetch_one(&pool).await.unwrap(), "n");
    assert_eq!(n, 1);
    assert_eq!(health["chain_seq"], 2);
}

async fn a_bad_or_missing_token_is_refused(db: TestDb) {
    let h = db.start().await;
    let r = h.post("/api/assemblies", "plen_0000", small_assembly()).await;
    assert_eq!(r.refused(401, "unauthorized")["field"], "Authorization");
    let r = h.call(reqwest::Method::POST, "/api/assemblies", None, Some(small_assembly())).await;
    r.refused(401, "unauthorized");
    let hall = seven(&h).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    let r = h.put(&format!("/api/questions/{q}/votes/UKR"), "plen_forged", json!({"vote": "Y"})).await;
    r.refused(401, "unauthorized");
    let r = h.post("/api/sessions", "", json!({"username": "ukr-1", "password": "wrong"})).await;
    r.refused(401, "unauthorized");
}

async fn a_delegation_votes_only_for_its_own_state(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    let ukraine = &hall.delegations["UKR"];
    let r = h.put(&format!("/api/questions/{q}/votes/RUS"), ukraine, json!({"vote": "Y"})).await;
    assert_eq!(r.refused(403, "not_your_state")["field"], "state");
    // Nothing was recorded for the Russian Federation.
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    assert!(view["votes"].get("RUS").is_none());
}

async fn a_vote_is_refused_once_the_chair_has_closed_it(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    h.vote(&hall, q, "UKR", "Y").await.ok();
    h.close(&hall, q).await;
    h.vote(&hall, q, "USA", "Y").await.refused(409, "vote_closed");
    h.vote(&hall, q, "UKR", "N").await.refused(409, "vote_closed");
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    assert_eq!(view["votes"], json!({"UKR": "Y"}));
}

async fn only_the_presiding_officer_opens_and_closes_votes(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let doc = h.table(&hall, draft("A/L.1", "simple")).await;
    let path = format!("/api/meetings/{}/questions", hall.meeting_id);
    h.post(&path, &hall.delegations["FRA"], json!({"document_id": doc})).await.refused(403, "wrong_role");
    h.post(&path, &h.secretariat, json!({"document_id": doc})).await.refused(403, "wrong_role");
    // A presiding officer, but of another meeting.
    let other = h.post("/api/chairs", &h.secretariat, json!({"username": "another-president"})).await.ok()["token"].as_str().unwrap().to_string();
    h.post(&path, &other, json!({"document_id": doc})).await.refused(403, "not_the_chair");
    let q = h.open_vote(&hall, doc).await;
    let close = format!("/api/questions/{q}/close");
    h.post(&close, &hall.delegations["FRA"], json!({})).await.refused(403, "wrong_role");
    h.post(&close, &h.secretariat, json!({})).await.refused(403, "wrong_role");
    h.post(&close, &other, json!({})).await.refused(403, "not_the_chair");
    h.post(&format!("/api/meetings/{}/open", hall.meeting_id), &other, json!({})).await.refused(403, "not_the_chair");
    // Still open: the refused closes changed nothing.
    h.vote(&hall, q, "FRA", "Y").await.ok();
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["status"], "closed");
}

async fn an_absent_delegation_cannot_vote(db: TestDb) {
    let h = db.start().await;
    let hall = h.hall(small_assembly(), &SEVEN, &["CHN", "DEU", "FRA", "GBR", "UKR", "USA"]).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    h.vote(&hall, q, "RUS", "N").await.refused(403, "not_present");
    // Marked present, it may vote.
    h.post(&format!("/api/meetings/{}/attendance", hall.meeting_id), &hall.chair, json!({"present": ["RUS"]})).await.ok();
    h.vote(&hall, q, "RUS", "N").await.ok();
    // Marked absent again, it may not change its vote.
    h.post(&format!("/api/meetings/{}/attendance", hall.meeting_id), &h.secretariat, json!({"absent": ["RUS"]})).await.ok();
    h.vote(&hall, q, "RUS", "A").await.refused(403, "not_present");
}

async fn a_member_without_a_vote_under_article_19_cannot_vote(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let flag = format!("/api/assemblies/{}/members/DEU/article19", hall.assembly_id);
    h.put(&flag, &hall.delegations["DEU"], json!({"without_vote": true})).await.refused(403, "wrong_role");
    h.put(&flag, &h.secretariat, json!({"without_vote": true})).await.ok();
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    h.vote(&hall, q, "DEU", "Y").await.refused(403, "no_vote_article_19");
    for s in ["UKR", "USA", "FRA"] {
        h.vote(&hall, q, s, "Y").await.ok();
    }
    h.vote(&hall, q, "RUS", "N").await.ok();
    let d = h.close(&hall, q).await["decision"].clone();
    assert_eq!(d["outcome"], "adopted");
    assert_eq!((d["yes"].as_u64(), d["no"].as_u64()), (Some(3), Some(1)));
    // Present but without a vote: counted as non-voting (with CHN and GBR, who did not vote).
    assert_eq!(d["non_voting"], 3);
}

async fn a_delegation_may_change_its_vote_while_the_vote_is_open(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    let first = h.vote(&hall, q, "CHN", "N").await.ok().clone();
    assert_eq!(first["previous"], Value::Null);
    let second = h.vote(&hall, q, "CHN", "A").await.ok().clone();
    assert_eq!(second["previous"], "N");
    assert!(second["seq"].as_i64() > first["seq"].as_i64());
    h.vote(&hall, q, "UKR", "Y").await.ok();
    let view = h.get(&format!("/api/questions/{q}")).await.ok().clone();
    assert_eq!(view["counts"], json!({"yes": 1, "no": 0, "abstain": 1}));
    let d = h.close(&hall, q).await["decision"].clone();
    assert_eq!(d["outcome"], "adopted");
    assert_eq!(d["abstain"], 1);
}

async fn a_delegation_of_another_assembly_cannot_vote(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let other = h.hall(json!({"name": "Another", "body": "GA", "date": "2025-02-24", "members": ["UKR", "POL"]}), &["UKR"], &["UKR"]).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    let r = h.put(&format!("/api/questions/{q}/votes/UKR"), &other.delegations["UKR"], json!({"vote": "Y"})).await;
    r.refused(403, "not_your_assembly");
}

async fn a_bad_vote_code_is_refused_naming_the_field(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let q = h.open_vote(&hall, h.table(&hall, draft("A/L.1", "simple")).await).await;
    assert_eq!(h.vote(&hall, q, "UKR", "yes please").await.refused(400, "invalid_vote")["field"], "vote");
    // Non-voting is not something a delegation casts: it is what not voting is.
    h.vote(&hall, q, "UKR", "X").await.refused(400, "invalid_vote");
    let r = h.put(&format!("/api/questions/{q}/votes/UKR"), &hall.delegations["UKR"], json!({"ballot": "Y"})).await;
    r.refused(422, "invalid_body");
    let r = h.put(&format!("/api/questions/{q}/votes/UK"), &hall.delegations["UKR"], json!({"vote": "Y"})).await;
    assert_eq!(r.refused(400, "invalid_state")["field"], "state");
}

async fn one_question_at_a_time(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let a = h.table(&hall, draft("A/L.1", "simple")).await;
    let b = h.table(&hall, draft("A/L.2", "simple")).await;
    let q = h.open_vote(&hall, a).await;
    let r = h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": b})).await;
    r.refused(409, "vote_in_progress");
    h.close(&hall, q).await;
    // Decided once: not put again.
    let r = h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": a})).await;
    r.refused(409, "already_decided");
    h.open_vote(&hall, b).await;
}

async fn an_adopted_amendment_is_applied_to_the_draft(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/L.11", "question": "simple", "paragraphs": ["P1", "P2", "P3"]})).await;
    let amendment = json!({"kind": "amendment", "symbol": "A/L.11/Amend.1", "amends": d, "question": "simple",
        "edits": [{"op": "replace", "paragraph": 2, "text": "P2 as amended"}, {"op": "insert", "after": 3, "text": "P4"}, {"op": "delete", "paragraph": 1}]});
    let a = h.table(&hall, amendment).await;
    let q = h.open_vote(&hall, a).await;
    for s in ["UKR", "FRA", "GBR", "DEU"] {
        h.vote(&hall, q, s, "Y").await.ok();
    }
    h.vote(&hall, q, "RUS", "N").await.ok();
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["outcome"], "adopted");
    assert!(closed["decision"]["announcement"].as_str().unwrap().to_lowercase().contains("amendment"));
    let draft = h.get(&format!("/api/documents/{d}")).await.ok().clone();
    assert_eq!(draft["paragraphs"], json!(["P2 as amended", "P3", "P4"]));
    assert_eq!(draft["revision"], 2);
    // The draft put to the vote next is the amended text.
    let q2 = h.open_vote(&hall, d).await;
    let view = h.get(&format!("/api/questions/{q2}")).await.ok().clone();
    assert_eq!(view["paragraphs"], json!(["P2 as amended", "P3", "P4"]));
}

async fn a_rejected_amendment_leaves_the_draft_unchanged(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/L.11", "question": "two_thirds", "paragraphs": ["P1", "P2"]})).await;
    let bad = json!({"kind": "amendment", "symbol": "A/L.11/Amend.9", "amends": d, "question": "two_thirds", "edits": [{"op": "delete", "paragraph": 5}]});
    let r = h.post(&format!("/api/meetings/{}/documents", hall.meeting_id), &h.secretariat, bad).await;
    assert_eq!(r.refused(400, "invalid_edit")["field"], "edits");
    let a = h.table(&hall, json!({"kind": "amendment", "symbol": "A/L.11/Amend.1", "amends": d, "question": "two_thirds",
        "edits": [{"op": "insert", "after": 2, "text": "Addressing the root causes,"}]})).await;
    let q = h.open_vote(&hall, a).await;
    // Two-thirds of those present and voting: 3 yes to 2 no is not enough (Art. 18(2)).
    for s in ["RUS", "CHN", "USA"] {
        h.vote(&hall, q, s, "Y").await.ok();
    }
    for s in ["UKR", "FRA"] {
        h.vote(&hall, q, s, "N").await.ok();
    }
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["outcome"], "rejected");
    assert_eq!(closed["decision"]["required"], 4);
    let draft = h.get(&format!("/api/documents/{d}")).await.ok().clone();
    assert_eq!(draft["paragraphs"], json!(["P1", "P2"]));
    assert_eq!(draft["revision"], 1);
}

const COUNCIL_2025: [&str; 15] = ["DZA", "CHN", "DNK", "FRA", "GRC", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE", "SVN", "SOM", "GBR", "USA"];

async fn a_security_council_veto_is_recorded_with_who_cast_it(db: TestDb) {
    // Constructed to the rule, not a record: nine yes and one permanent member's no.
    let h = db.start().await;
    let hall = h.hall(json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), &COUNCIL_2025, &COUNCIL_2025).await;
    let assembly = h.get(&format!("/api/assemblies/{}", hall.assembly_id)).await.ok().clone();
    assert_eq!(assembly["members"].as_array().unwrap().len(), 15);
    let d = h.table(&hall, draft("S/2025/0", "substantive")).await;
    let q = h.open_vote(&hall, d).await;
    for s in ["DZA", "DNK", "FRA", "GRC", "GUY", "KOR", "SLE", "SVN", "GBR"] {
        h.vote(&hall, q, s, "Y").await.ok();
    }
    h.vote(&hall, q, "RUS", "N").await.ok();
    for s in ["CHN", "PAK", "PAN", "SOM", "USA"] {
        h.vote(&hall, q, s, "A").await.ok();
    }
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["outcome"], "vetoed");
    assert_eq!(closed["decision"]["vetoed_by"], json!(["RUS"]));
    assert!(closed["decision"]["announcement"].as_str().unwrap().contains("permanent member"));
    let doc = h.get(&format!("/api/documents/{d}")).await.ok().clone();
    assert_eq!(doc["status"], "vetoed");
}

/// The real per-member votes on S/RES/2774 (2025), from data/fixtures.
fn votes_2774() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/fixtures/votes_2025_02_24_partial.csv");
    let text = std::fs::read_to_string(path).expect("data/fixtures/votes_2025_02_24_partial.csv");
    let date = plenary_rules::Date::from_ymd_opt(2025, 2, 24).unwrap();
    let reg = plenary_rules::states::Registry::bundled();
    let mut rdr = csv_lines(&text);
    rdr.retain(|r| r[0] == "SC" && r[1] == "S/RES/2774 (2025)");
    rdr.into_iter()
        .map(|r| {
            let code = reg.resolve(&r[3], date).unwrap_or_else(|| panic!("unknown state {:?}", r[3]));
            (code.to_string(), r[4].clone())
        })
        .collect()
}

/// The fixture's first five fields (the sixth, the source, may hold commas inside quotes).
fn csv_lines(text: &str) -> Vec<Vec<String>> {
    text.lines().skip(1).map(|l| l.splitn(6, ',').take(5).map(str::to_string).collect()).collect()
}

async fn security_council_2774_with_the_real_votes_is_adopted(db: TestDb) {
    let h = db.start().await;
    let hall = h.hall(json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), &COUNCIL_2025, &COUNCIL_2025).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "S/2025/0 (United States)", "question": "substantive", "paragraphs": ["The path to peace"]})).await;
    let q = h.open_vote(&hall, d).await;
    let votes = votes_2774();
    assert_eq!(votes.len(), 15);
    for (state, vote) in &votes {
        h.vote(&hall, q, state, vote).await.ok();
    }
    let d = h.close(&hall, q).await["decision"].clone();
    // France and the United Kingdom abstained: an abstention is not a veto (Art. 27(3) practice).
    assert_eq!(d["outcome"], "adopted");
    assert_eq!((d["yes"].as_u64(), d["no"].as_u64(), d["abstain"].as_u64()), (Some(10), Some(0), Some(5)));
    assert_eq!(d["vetoed_by"], json!([]));
}

async fn the_board_shows_every_vote_and_the_result(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let doc = h.table(&hall, draft("A/L.1", "simple")).await;
    let mut board = h.board(hall.meeting_id).await;
    let (name, snapshot) = board.next(Duration::from_secs(5)).await.expect("a snapshot");
    assert_eq!(name, "snapshot");
    assert_eq!(snapshot["status"], "open");
    assert_eq!(snapshot["present"].as_array().unwrap().len(), 7);
    let q = h.open_vote(&hall, doc).await;
    let opened = board.until("vote_opened", Duration::from_secs(5)).await.expect("vote_opened on the board");
    assert_eq!(opened["payload"]["question"]["id"], q);
    let receipt = h.vote(&hall, q, "UKR", "Y").await.ok().clone();
    let cast = board.next_vote(Duration::from_secs(5)).await.expect("the vote on the board");
    assert_eq!(cast["seq"], receipt["seq"]);
    assert_eq!(cast["question_id"], q);
    assert_eq!(cast["state"], "UKR");
    assert_eq!(cast["vote"], "Y");
    assert_eq!(cast["previous"], Value::Null);
    assert_eq!(cast["counts"], json!({"yes": 1, "no": 0, "abstain": 0}));
    let r2 = h.vote(&hall, q, "RUS", "N").await.ok().clone();
    let r3 = h.vote(&hall, q, "RUS", "A").await.ok().clone();
    // The two may come in one `votes` event (PostgreSQL's listener joins what it has
    // received): the counts are those after the last of an event.
    let c2 = board.next_vote(Duration::from_secs(5)).await.unwrap();
    assert_eq!((&c2["seq"], &c2["state"], &c2["vote"]), (&r2["seq"], &json!("RUS"), &json!("N")));
    if !c2["counts"].is_null() {
        assert_eq!(c2["counts"], json!({"yes": 1, "no": 1, "abstain": 0}));
    }
    let c3 = board.next_vote(Duration::from_secs(5)).await.unwrap();
    assert_eq!((&c3["seq"], &c3["state"], &c3["vote"]), (&r3["seq"], &json!("RUS"), &json!("A")));
    assert_eq!(c3["previous"], "N");
    assert_eq!(c3["counts"], json!({"yes": 1, "no": 0, "abstain": 1}));
    h.close(&hall, q).await;
    let closed = board.until("vote_closed", Duration::from_secs(5)).await.unwrap();
    assert_eq!(closed["payload"]["decision"]["outcome"], "adopted");
    assert_eq!(closed["payload"]["positions"]["CHN"], "X");
}

async fn an_oversized_body_is_refused_with_a_json_error(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let huge = "x".repeat(300 * 1024);
    let r = h.post(&format!("/api/meetings/{}/documents", hall.meeting_id), &h.secretariat,
        json!({"kind": "draft", "symbol": "A/L.9", "question": "simple", "paragraphs": [huge]})).await;
    r.refused(413, "body_too_large");
}

async fn the_rate_limit_answers_429_in_json(db: TestDb) {
    let mut config = db.config();
    config.rate_per_second = Some(1);
    config.rate_burst = 5;
    let h = db.start_with(config).await;
    let mut limited = None;
    for _ in 0..20 {
        let r = h.get("/api/health").await;
        if r.status == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("the sixth request within a second is refused");
    r.refused(429, "rate_limited");
}

async fn shutdown_ends_open_boards(db: TestDb) {
    let h = db.start().await;
    let hall = seven(&h).await;
    let mut board = h.board(hall.meeting_id).await;
    board.next(Duration::from_secs(5)).await.expect("snapshot");
    let Harness { server, .. } = h;
    server.shutdown();
    tokio::time::timeout(Duration::from_secs(10), server.wait()).await.expect("shutdown finishes with a board open").unwrap();
}
